"""Column widths for a Word table, chosen from what the columns hold.

Word and LibreOffice lay a fixed-width table out exactly as told, so the widths are worked
out here from the text. A column of tokens (references such as SR-008, money, dates, times,
counts) is made wide enough never to wrap; a column of short phrases (names, a status) keeps
its values on one line too unless the prose would be left too narrow; the columns of prose
share what is left of the page in proportion to how much they hold, never narrower than their
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
#: Short phrases stay on one line only while each prose column keeps at least this much.
PROSE_COMFORT_CM = 4.0
_TOKEN = re.compile(r"^(?:-?£[\d,]+(?:\.\d\d)?|[^\s]+)$")
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


def kind_of_column(values: Sequence[str]) -> str:
    """ "token" (never wraps), "phrase" (short, wraps only if it must) or "prose"."""
    lines = [line.strip() for v in values for line in v.split("\n") if line.strip()]
    if not lines:
        return "phrase"
    if all(_TOKEN.match(line) or _REFERENCE.match(line) for line in lines):
        return "token"
    return "phrase" if all(len(line) <= SHORT_VALUE for line in lines) else "prose"


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

    Columns in *one_line* and columns of tokens get the width of their longest line; short
    phrases too, while the prose keeps enough room; the prose columns share the rest in
    proportion to *preferred_cm* when given, else to their longest line, and never narrower
    than their longest word (up to :data:`LONGEST_WORD_CM`). Headings wrap between words.
    """
    n = len(headers)
    columns = [[str(r[c]) if c < len(r) else "" for r in rows] for c in range(n)]
    natural, minimum, kinds = [], [], []
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
        kind = "token" if c in one_line else kind_of_column(values)
        kinds.append(kind)
        word = longest_line if kind == "token" else min(longest_word, LONGEST_WORD_CM)
        minimum.append(max(header_word, word) + CELL_PADDING_CM)
        want = max(longest_line, header_word) + CELL_PADDING_CM
        if preferred_cm is not None and c < len(preferred_cm) and kind == "prose":
            want = max(preferred_cm[c], minimum[c])
        natural.append(want)
    return _fit(natural, minimum, kinds, available_cm)


def _fit(
    natural: list[float], minimum: list[float], kinds: list[str], available: float
) -> list[float]:
    """Share *available* out. When every column fits on one line the spare width is spread
    over all of them; otherwise tokens keep their width, phrases too while the prose keeps
    :data:`PROSE_COMFORT_CM` a column, and the rest is shared."""
    total = sum(natural)
    if total <= available:
        return [round(w * available / total, 2) for w in natural]
    widths = list(natural)
    tokens = [c for c, k in enumerate(kinds) if k == "token"]
    phrases = [c for c, k in enumerate(kinds) if k == "phrase"]
    prose = [c for c, k in enumerate(kinds) if k == "prose"]
    room = available - sum(natural[c] for c in tokens)
    comfort = sum(min(natural[c], max(minimum[c], PROSE_COMFORT_CM)) for c in prose)
    if prose and room - sum(natural[c] for c in phrases) >= comfort:
        sharing, room = prose, room - sum(natural[c] for c in phrases)
    else:
        sharing = phrases + prose
    if not sharing or room <= 0.5 * len(sharing):  # the tokens alone fill the page: scale all
        return [round(w * available / total, 2) for w in natural]
    mins = sum(minimum[c] for c in sharing)
    if room <= mins:  # not even every word fits: words may break
        for c in sharing:
            widths[c] = minimum[c] * room / mins
    else:
        extra = room - mins
        spread = sum(max(0.0, natural[c] - minimum[c]) for c in sharing)
        for c in sharing:
            share = (max(0.0, natural[c] - minimum[c]) / spread if spread
                     else minimum[c] / mins)  # fmt: skip
            widths[c] = minimum[c] + extra * share
    return [round(w, 2) for w in widths]
