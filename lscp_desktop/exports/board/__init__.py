"""Board papers in Word: agenda, cover sheets, standard reports, minutes, the board pack and
the yearly report draft. Each module has a ``build(store, options, path, progress)`` for the
export registry and ``write_…`` functions that add the same content to a document in progress,
so the board pack is made of exactly the documents that can be exported one by one.
"""
