"""Spreadsheet imports (.xlsx, .csv) into the registers, all rows or none; one module per kind.
May import core, store, membership, meetings, actions, risks, finance, assurance; none import it."""
