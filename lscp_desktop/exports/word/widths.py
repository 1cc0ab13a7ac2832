"""Column widths for a Word table, chosen from what the columns hold.

Word and LibreOffice lay a fixed-width table out exactly as told, so the widths are worked
out here from the text: a column of short values (references such as SR-008, money, dates,
times, counts, a status word) is made wide enough never to wrap; the columns of prose share
what is left of the page in proportion to how much they hold, never narrower than their
longest word. Text is measured with Arial's average character widths, which is close enough
for the fonts councils use (Arial, Calibri, Verdana are all within a few per cent) with the
margin each cell keeps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Character widths in ems (Arial), by kind of character.
_NARROW = set("ijlI.,;:'!|()[]{} ")
_DIGITS = set("0123456789£$%-+/")
_WIDE = set("MWmw@")
#: Each cell's left and right margins (0.19 cm each in Word) and a little to spare.
CELL_PADDING_CM = 0.5
#: A value this short (in characters, per line) never needs to wrap.
SHORT_VALUE = 16
#: No single word may claim more than this before it is allowed to break.
LONGEST_WORD_CM = 4.5
_CM_PER_PT = 2.54 / 72
_REFERENCE = re.compile(r"^[A-Za-z]{1,8}[- ]?\d+[a-z]?$")


def text_cm(text: str, *, size_pt: float = 9.0, bold: bool = False) -> float:
    """How wide *text* prints on one line at *size_pt* (Arial, approximately)."""
    ems = 0.0
    for ch in text:
        if ch in _NARROW:
            ems += 0.28
        elif ch in _DIGITS:
            ems += 0.556
        elif ch in _WIDE:
            ems += 0.86
        elif ch.isupper():
            ems += 0.68
        else:
            ems += 0.52
    return ems * size_pt * _CM_PER_PT * (1.06 if bold else 1.0)


def keeps_on_one_line(values: Sequence[str]) -> bool:
    """Whether a column's values are all short tokens (references, money, dates, words)."""
    lines = [line for v in values for line in v.split("\n") if line.strip()]
    return bool(lines) and all(
        len(line) <= SHORT_VALUE or _REFERENCE.match(line) or line.startswith(("£", "-£"))
        for line in lines
    )


def column_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    available_cm: float,
    *,
    one_line: Sequence[int] = (),
    preferred_cm: Sequence[float] | None = None,
    size_pt: float = 9.0,
) -> list[float]:
    """Widths in cm for each column, adding up to *available_cm*.

    Columns in *one_line* (and any column of short values) get the width of their longest
    line; the other columns share the rest, in proportion to *preferred_cm* when given, else
    to their longest line, and never narrower than their longest word.
    """
    n = len(headers)
    columns = [[str(r[c]) if c < len(r) else "" for r in rows] for c in range(n)]
    natural, minimum, fixed = [], [], []
    for c in range(n):
        values = columns[c]
        header_word = max((text_cm(w, size_pt=size_pt, bold=True)
                           for w in headers[c].split()), default=0.0)  # fmt: skip
        longest_line = max(
            (text_cm(line, size_pt=size_pt) for v in values for line in v.split("\n")),
            default=0.0,
        )
        longest_word = max(
            (text_cm(w, size_pt=size_pt) for v in values for w in v.split()), default=0.0
        )
        keep = c in one_line or keeps_on_one_line(values)
        fixed.append(keep)
        floor = max(header_word, longest_line if keep else min(longest_word, LONGEST_WORD_CM))
        minimum.append(floor + CELL_PADDING_CM)
        want = max(longest_line, header_word) + CELL_PADDING_CM
        if preferred_cm is not None and c < len(preferred_cm):
            want = max(preferred_cm[c], minimum[c]) if not keep else minimum[c]
        natural.append(want)
    return _fit(natural, minimum, fixed, available_cm)


def _fit(
    natural: list[float], minimum: list[float], fixed: list[bool], available: float
) -> list[float]:
    """Share *available* out. When every column fits on one line the spare width is spread
    over all of them; otherwise fixed columns keep their one-line width and the others share
    the rest, shrinking towards their longest word."""
    total = sum(natural)
    if total <= available:
        return [round(w * available / total, 2) for w in natural]
    flexible = [c for c in range(len(natural)) if not fixed[c]]
    if not flexible:  # every column is short: spread the spare width over all of them
        flexible = list(range(len(natural)))
        fixed = [False] * len(natural)
    widths = [minimum[c] if fixed[c] else 0.0 for c in range(len(natural))]
    room = available - sum(widths)
    mins = sum(minimum[c] for c in flexible)
    if room <= mins:  # not even every word fits: shrink the prose columns (words may break),
        if room <= 0.5 * len(flexible):  # or, when the short columns alone are too wide, all
            scale = available / sum(max(w, minimum[c]) for c, w in enumerate(widths))
            return [round(max(w, minimum[c]) * scale, 2) for c, w in enumerate(widths)]
        for c in flexible:
            widths[c] = minimum[c] * room / mins
        return [round(w, 2) for w in widths]
    wants = sum(natural[c] for c in flexible)
    if wants <= room:  # everything fits on one line: the spare width goes to the prose
        for c in flexible:
            widths[c] = natural[c] + (room - wants) * natural[c] / wants
    else:  # each prose column gets its minimum, and the rest in proportion to what it wants
        extra = room - mins
        spread = sum(natural[c] - minimum[c] for c in flexible) or 1.0
        for c in flexible:
            widths[c] = minimum[c] + extra * max(0.0, natural[c] - minimum[c]) / spread
    return [round(w, 2) for w in widths]
