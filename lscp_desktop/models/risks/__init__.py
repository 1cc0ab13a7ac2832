"""Risk registers (strategic, operational, subgroups'): risks, scores, appetite, reviews, heat map.
May import ``core``, ``store``, ``membership``, ``meetings`` and ``actions``; nothing higher."""
