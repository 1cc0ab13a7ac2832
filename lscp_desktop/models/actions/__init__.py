"""Action logs (one per body, one for the partnership): actions, notes, RAG, priorities, chasing.
May import ``core``, ``store``, ``membership`` and ``meetings``; nothing from a higher area."""
