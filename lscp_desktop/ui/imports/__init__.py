"""File > Import…: the dialog (:mod:`.dialog`), its table models (:mod:`.models`) and panels.

- :mod:`.dialog` — ``ImportDialog``, the controller: wiring, slots, background work;
- :mod:`.models` — the preview and report table models;
- :mod:`.mapping` — the "Columns" panel: which spreadsheet column feeds each field;
- :mod:`.preview` and :mod:`.report` — the "Preview" and "Check" panels.
"""
