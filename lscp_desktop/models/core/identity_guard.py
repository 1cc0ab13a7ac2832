"""The child-identity guard: no text the app keeps may say who a child is.

Practice reviews are tracked by reference code only ("CSPR 2025-01", "Child R"), and nothing
else in the app has any business holding a child's identity. Every text value the store writes
passes :func:`find_identifiers` (through :mod:`.text_policy`, the one door), which looks for:

* **a date of birth** — a date next to a word about birth. Dates in any common form: ``14/03/2019``
  with any separator (``/ . -``, any dash, spaces), ``2019-03-14``, ``14th March 2019``,
  ``14 Mar 19``, ``March 14th, 2019``, ``March 2019``; and, straight after a birth word only,
  ``14032019`` or ``140319``. Birth words: *born*, *DOB*, *D.O.B.*, *date of birth*,
  *date-of-birth*, *birth date*, *birthday* up to 30 characters before the date in the same
  sentence; *birth* and a lower-case *b* or *b.* only just before it (``birth: 14/03/2019``,
  ``b 14/03/2019``), so "pre-birth protocol agreed on 14/03/2026" passes; *aged*/*age* up to 12
  characters before it (``aged 7 (01/03/2015)``); or a birth word just after it
  (``01/03/2015 (DOB)``). Any other date passes: notes are full of meeting dates.
* **an NHS number** — ten digits together or as 3-3-4 groups separated by spaces, dots or dashes,
  whose tenth digit is the right modulus-11 check digit. A wrong check digit, a number starting
  with 0 (UK telephone numbers; NHS numbers never start with 0) or one inside a longer run of
  digits passes.
* **a full UK postcode** — a real postcode area (AB … ZE, and GIR 0AA) with a district and an
  inward code, in any case, with no space, one or several, or a dash between the halves, inside
  brackets, quotes or other punctuation. A district on its own ("SW1A") passes. The rule can be
  switched off for a column where an address belongs (a meeting's venue: see
  :mod:`.text_policy`).
* **a child's age with a name** — "Jane, 7,", "Jane (7)", "Jane aged 7", "7-year-old Jane". A list
  of counts ("Police, 4, Health, 6") passes, as do adults named with a title ("Mrs Patel").
* **a named child at a named school** — a name next to a year group ("Jane in Year 5",
  "Year 5 pupil Jane") in a sentence that names a school ("… at Oakfield Primary").

Before matching, Unicode tricks are undone: compatibility forms folded (NFKC: full-width and
mathematical letters, ligatures), zero-width and other invisible characters removed, every kind
of space read as a space and every dash as ``-``, and Cyrillic and Greek letters that look like
Latin ones read as Latin ("DОB" with a Cyrillic О is "DOB"). What is quoted back is the text as
normalised, which is what the user can read.

The rules themselves are in :mod:`.identity_rules`, imported with the first text that might
identify a child (its patterns take a while to compile); here are the normalisation, the quick
first look (:func:`might_identify`) and the refusal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lscp_desktop.models.core.errors import ValidationError

# ---- normalisation ---------------------------------------------------------------------------

_INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f" + (
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u02d7"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" + (
    "\u202f\u205f\u3000\t"
)
#: Cyrillic and Greek letters drawn exactly like Latin ones.
_LOOKALIKES = {
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ү": "Y", "Ԛ": "Q", "Ԝ": "W",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i",
    "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "һ": "h", "ь": "b",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ρ": "p", "ι": "i",
}  # fmt: skip
_TABLE: dict[int, str | None] = {
    **dict.fromkeys(map(ord, _INVISIBLE)),
    **{ord(c): "-" for c in _DASHES},
    **{ord(c): " " for c in _SPACES},
    **{ord(k): v for k, v in _LOOKALIKES.items()},
}


def normalise(text: str) -> str:
    """*text* with the Unicode tricks undone (see the module's docstring); ASCII is unchanged."""
    if text.isascii():
        return text
    folded = unicodedata.normalize("NFKC", text).translate(_TABLE)
    if folded.isascii():
        return folded
    # Digits of other scripts (Arabic-Indic, Devanagari…) read as 0-9.
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in folded)


# ---- all together ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """Something in a text that looks like part of a child's identity."""

    kind: str  # "date of birth", "NHS number", "postcode", "a child's name and age", …
    text: str  # what was found, as it reads once normalised

    @property
    def description(self) -> str:
        """What the refusal says: "a date of birth: 'born 14/03/2026'"."""
        noun = _ARTICLES.get(self.kind, self.kind)
        return f"{noun}: '{self.text}'"


_ARTICLES = {
    "date of birth": "a date of birth",
    "NHS number": "an NHS number",
    "postcode": "a postcode",
}


#: The rules a column can switch off (see :mod:`.text_policy`); all apply unless said otherwise.
RULES = ("date of birth", "NHS number", "postcode", "child")
_MAYBE = re.compile(r"[0-9]|Reception")
#: Cheap first looks: a rule runs only on text that has what it needs (a birth or age word;
#: nine digits; a name before a small number, a year group or an age in years).
_HINT_BIRTH = re.compile(r"(?i:born|birth|d\W{0,3}o\W{0,3}b|(?<![a-z0-9.])b\b|age)")
_HINT_NHS = re.compile(r"\d{3}\D{0,3}\d{3}")
_HINT_POSTCODE = re.compile(r"\d[A-Za-z]{2}(?![A-Za-z0-9])")
_HINT_CHILD = re.compile(
    r"[A-Z][a-z'’]+\s*(?:,|\(|aged?)\s*(?:aged?\s*)?\d|(?:year|yr)[\s-]*old|[Yy]ea?r\s?[1-9R]"
    r"|\bY1?\d|Reception"
)
_HINT_ANY = re.compile(
    "|".join(p.pattern for p in (_HINT_BIRTH, _HINT_NHS, _HINT_POSTCODE, _HINT_CHILD))
)
_CACHE: dict[tuple[str, frozenset[str]], list[Finding]] = {}
_CACHED_LENGTH, _CACHE_SIZE = 200, 20_000


def might_identify(text: str) -> bool:
    """False when *text* surely holds nothing :func:`find_identifiers` looks for (a quick look
    for a digit and each rule's hint, without normalising: for ASCII text)."""
    return bool(_MAYBE.search(text)) and bool(_HINT_ANY.search(text))


def find_identifiers(text: str, *, skip: frozenset[str] = frozenset()) -> list[Finding]:
    """Everything in *text* that looks like part of a child's identity, in reading order.

    *skip* names rules of :data:`RULES` not to apply (a venue's postcode)."""
    if not text:
        return []
    norm = normalise(text)
    if not might_identify(norm):
        return []  # every rule needs a digit (a date, a number, an age or year) and its hint
    if len(norm) > _CACHED_LENGTH:
        return _find(norm, skip)
    key = (norm, skip)
    found = _CACHE.get(key)
    if found is None:  # short texts repeat (titles, statuses): each is worked out once
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        found = _CACHE[key] = _find(norm, skip)
    return list(found)


def _find(norm: str, skip: frozenset[str]) -> list[Finding]:
    from lscp_desktop.models.core import identity_rules as rules  # compiled on first need

    spans: list[tuple[str, int, int]] = []
    if "date of birth" not in skip and _HINT_BIRTH.search(norm):
        spans += [("date of birth", a, b) for a, b in rules.dates_of_birth(norm)]
    if "NHS number" not in skip and _HINT_NHS.search(norm):
        spans += [("NHS number", a, b) for a, b in rules.nhs_numbers(norm)]
    if "postcode" not in skip and _HINT_POSTCODE.search(norm):
        spans += [("postcode", a, b) for a, b in rules.postcodes(norm)]
    if "child" not in skip and _HINT_CHILD.search(norm):
        spans += rules.named_children(norm)
    spans.sort(key=lambda s: (s[1], -s[2]))
    found: list[Finding] = []
    last_end = -1
    for kind, start, end in spans:
        if start < last_end:
            continue  # inside something already found ("born 14/03/2019" is not two findings)
        found.append(Finding(kind, norm[start:end].strip(" ,;(")))
        last_end = end
    return found


def refusal(label: str, findings: list[Finding]) -> str:
    """The message that refuses a text, naming the field and what was found in it."""
    parts = [f.description for f in findings[:3]]
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    more = f" (and {len(findings) - 3} more)" if len(findings) > 3 else ""
    return (
        f"{label}: looks like {said}{more}. LSCP Desktop never keeps a child's identity; take it "
        "out (refer to a practice review by its reference code, such as CSPR 2025-01)."
    )


def check_no_identity(text: str | None, field: str, label: str) -> str:
    """Return *text* stripped, or refuse it with what was found (for callers that check a value
    before it reaches the store, e.g. a search or a form field on its own)."""
    clean = (text or "").strip()
    findings = find_identifiers(clean)
    if findings:
        raise ValidationError(refusal(label, findings), field)
    return clean
