"""Assurance registers: escalations, published arrangements, settings census, minimum rules.
May import core, store, membership, meetings and actions; reporting, imports and demo use it."""
