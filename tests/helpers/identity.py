"""Strings that identify a child, which every free-text field of a register must refuse.

A short table of what today's guard finds (a date of birth, an NHS number with a valid check
digit, a full postcode); the issue "Never a child's identity, anywhere" grows it and applies the
guard at the store, and the register tests here run over whatever this table holds.
"""

from __future__ import annotations

IDENTITY_STRINGS = (
    "Baby X, born 14/03/2026",
    "DOB 01/03/2015, seen at home",
    "NHS no. 943 476 5919 on file",
    "Lives at SE11 5QY with mother",
    "aged 7 (01/03/2015)",
)
