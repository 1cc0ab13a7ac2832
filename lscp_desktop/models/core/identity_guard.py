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


# ---- dates of birth --------------------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:\d{4}|'?\d{2})"
_DATE = re.compile(
    r"(?<!\d)(?<!\d[/.-])(?:"
    r"(?P<d>\d{1,2})(?P<s>\s*[/.-]\s*|\s+)(?P<m>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})"  # 14/03/2019
    r"|(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})"  # 2019-03-14
    rf"|\d{{1,2}}{_ORD}[\s-]*(?:of\s+)?{_MONTH}\.?,?[\s-]*{_YEAR}"  # 14th March 2019
    rf"|(?<![a-z]){_MONTH}\.?\s*\d{{1,2}}{_ORD},?\s+{_YEAR}"  # March 14th, 2019
    rf"|(?<![a-z]){_MONTH}\.?,?\s+\d{{4}}"  # March 2019
    r")(?![\d/])(?!-\d)",
    re.IGNORECASE,
)
#: Digits run together, read as a date only straight after a birth word: 14032019, 140319.
_COMPACT = re.compile(r"(?<![\d/.-])(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{4}|\d{2})(?![\d/.-])")
_BIRTH_FAR = re.compile(
    r"(?<![a-z0-9])(?:born|d\s?\.?\s?o\s?\.?\s?b\.?|date[\s-]+of[\s-]+birth|birth[\s-]*date"
    r"|birthday)(?![a-z0-9])",
    re.IGNORECASE,
)
#: Birth words that count only just before the date ("birth: ", "b. ", "b ").
_BIRTH_NEAR = re.compile(
    r"(?:(?<![a-z0-9-])(?i:birth|born|d\s?\.?\s?o\s?\.?\s?b\.?)|(?<![A-Za-z0-9.])b\.?)"
    r"(?:\s*[:=-]\s*|\s+|\s*\(|(?<=\.))(?:on\s+(?:the\s+)?)?$"
)
_BIRTH_AFTER = re.compile(
    r"^\W{0,3}(?:born|d\s?\.?\s?o\s?\.?\s?b\.?|date\s+of\s+birth|birth\s*date|birthday)(?![a-z0-9])",
    re.IGNORECASE,
)
_AGE = re.compile(r"(?<![a-z])aged?(?![a-z])", re.IGNORECASE)
_FAR, _NEAR, _AGE_BEFORE = 30, 16, 12
_SENTENCE_END = re.compile(r"[\n;!?]|\.\s+[A-Z]")


def _valid_numeric(d: str | None, m: str | None) -> bool:
    if d is None or m is None:
        return True
    return 1 <= int(d) <= 31 and 1 <= int(m) <= 12


def _same_sentence(gap: str) -> bool:
    return _SENTENCE_END.search(gap) is None


def _birth_word_before(text: str, start: int) -> int | None:
    """Where the birth word before a date at *start* begins, if there is one."""
    near = _BIRTH_NEAR.search(text[max(0, start - _NEAR) : start])
    if near:
        return max(0, start - _NEAR) + near.start()
    zone_start = max(0, start - _FAR)
    zone = text[zone_start:start]
    far = [w for w in _BIRTH_FAR.finditer(zone) if _same_sentence(zone[w.end() :])]
    if far:
        return zone_start + far[-1].start()
    age_start = max(0, start - _AGE_BEFORE)
    age_zone = text[age_start:start]
    ages = [w for w in _AGE.finditer(age_zone) if _same_sentence(age_zone[w.end() :])]
    return age_start + ages[-1].start() if ages else None


def _dates_of_birth(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _DATE.finditer(text):
        if not (_valid_numeric(m["d"], m["m"]) and _valid_numeric(m["id"], m["im"])):
            continue
        if m.group("s") is not None and m.group("s").strip() == "" and len(m.group("y")) == 2:
            continue  # "7 12 15" is a list of numbers, not a date
        begin = _birth_word_before(text, m.start())
        after = None if begin is not None else _BIRTH_AFTER.match(text[m.end() : m.end() + 20])
        if begin is not None:
            spans.append((begin, m.end()))
        elif after is not None:
            spans.append((m.start(), m.end() + after.end()))
    for m in _COMPACT.finditer(text):
        near = _BIRTH_NEAR.search(text[max(0, m.start() - _NEAR) : m.start()])
        if near and _valid_numeric(m.group("d"), m.group("m")):
            spans.append((max(0, m.start() - _NEAR) + near.start(), m.end()))
    return spans


# ---- NHS numbers -----------------------------------------------------------------------------

_NHS = re.compile(
    r"(?<!\d)(?<!\d[.-])(?:(\d{3})\s*[.-]?\s*(\d{3})\s*[.-]?\s*(\d{4})|(\d{10}))(?!\d)(?![.-]\d)"
)


def nhs_check_digit_ok(digits: str) -> bool:
    """Whether ten digits end with the NHS modulus-11 check digit of the first nine."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _nhs_numbers(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _NHS.finditer(text):
        digits = "".join(g for g in m.groups() if g)
        if not digits.startswith("0") and nhs_check_digit_ok(digits):
            spans.append(m.span())
    return spans


# ---- postcodes -------------------------------------------------------------------------------

#: The postcode areas of the UK (Royal Mail), with BF (British Forces) and BX (non-geographic).
POSTCODE_AREAS = tuple(
    """
    AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN
    DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA
    LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG
    SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
    """.split()  # noqa: SIM905 - words are easier to check than a list of quoted strings
)
_AREA = "|".join(sorted(POSTCODE_AREAS, key=len, reverse=True))
_POSTCODE = re.compile(
    rf"(?<![a-z0-9])(?:GIR[\s-]*0AA|(?P<out>(?:{_AREA})(?:\d[a-z]|\d{{1,2}}))"
    r"(?P<sep>[\s-]*)(?P<in>\d[abd-hjlnp-uw-z]{2}))(?![a-z0-9])",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)")


def _postcodes(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _POSTCODE.finditer(text):
        inward, outward = m.group("in"), m.group("out")
        if inward and _ORDINAL.fullmatch(inward) and not outward.islower() and m.group("sep"):
            continue  # "W1 2nd floor": an ordinal after a district, not an inward code
        spans.append(m.span())
    return spans


# ---- children named with an age, a year group or a school ------------------------------------

#: Capitalised words that are not a child's name: the start of a numbered thing, a month or day,
#: an organisation, or a word that often opens a sentence.
_NOT_NAMES = frozenset(
    """
    a about action actions adolescents adults after agenda all also an and annex any appendix
    april as at attendance attendees august autumn babies band before both boys but by carers
    case cases chapter child children cohort column council cspr day december each education
    even every families february figure floor for friday from grade group groups health icb in
    item items january july june key level line lscp march may meeting minute minutes monday
    month no none not november number october of on option or our over overall page para
    paragraph parents part partner partners people phase plan point police priorities priority
    pupils q quarter question rec recommendation recommendations referrals review reviews room
    round row rr saturday school schools scr section september session sessions siblings since
    slide so social spring stage step students summer sunday table teenagers term the then there
    these they this those thursday tier to total totals training tuesday under version wave we
    wednesday week when where which while winter with year years yes mr mrs ms miss mx dr prof
    cllr sir dame lord lady rev sgt insp
    """.split()  # noqa: SIM905
)
_TITLES = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr|Sir|Dame|Lord|Lady|DI|DS|DC|PC|"
                     r"Sgt|Insp|Rev)\.?\s+)$")  # fmt: skip
_NAME = r"(?P<name>[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+)?)"
_AGE_NUMBER = r"(?:1[0-7]|[0-9])(?!\d)"
_AGE_WORDS = r"(?:\s*-?\s*(?:years?|yrs?)(?:[\s-]*old)?|\s*y\.?o\.?)?"
_NAME_AGE = re.compile(
    rf"(?<![\w'’]){_NAME}(?:"
    rf"\s*,\s*(?:aged?\s+)?{_AGE_NUMBER}{_AGE_WORDS}(?=\s*(?:[,;)]|\.\s|\.?$)|\s+(?:was|is|has|"
    r"had|who|lives|attends|attended|and)\b)"  # Jane, 7,
    rf"|\s*\(\s*(?:aged?\s+)?{_AGE_NUMBER}{_AGE_WORDS}\s*\)"  # Jane (7)
    rf"|,?\s+aged?\s+{_AGE_NUMBER}(?!\d)"  # Jane aged 7
    r")"
)
_AGE_NAME = re.compile(
    rf"(?<!\d){_AGE_NUMBER}[\s-]*(?:years?|yrs?)[\s-]*old\s+(?:(?:girl|boy|child|son|daughter"
    rf"|brother|sister|sibling)\s*,?\s*)?{_NAME}(?![\w'’])"
)
#: What follows a count in a list of counts ("Police, 4, Health, 6"): another name and number.
_LIST_GOES_ON = re.compile(r"^\s*,?\s*(?:and\s+)?[A-Z][\w'’-]*\s*[,(]\s*\d")
_LIST_BEFORE = re.compile(r"\d\s*\)?\s*,?\s*(?:and\s+)?$")
_YEAR_GROUP = r"(?:(?i:year|yr)\s?(?:1[0-3]|[1-9]|R)|Y(?:1[0-3]|[1-9])|Reception)(?![\w])"
_SCHOOL_WORD = re.compile(
    r"\b(?:Primary|Secondary|Infants?|Juniors?|Academy|School|College|Nursery|High|Grammar"
    r"|C of E|CE|RC|PRU|Pupil Referral Unit)\b"
)
_NAME_YEAR = (
    re.compile(
        rf"(?<![\w'’]){_NAME}(?:\s*,\s*(?:a\s+)?|\s*\(\s*|\s+(?:is\s+)?(?:in|from)\s+)"
        rf"{_YEAR_GROUP}"
    ),
    re.compile(rf"{_YEAR_GROUP}\s+(?:(?:pupil|student|child|girl|boy)\s*,?\s*)?{_NAME}(?![\w'’])"),
)


def _is_name(text: str, m: re.Match[str]) -> bool:
    name = m.group("name")
    first = name.split()[0].split("-")[0].lower()
    if first in _NOT_NAMES or _SCHOOL_WORD.search(name):
        return False
    after = text[m.end("name") :].lstrip(" -")
    if _SCHOOL_WORD.match(after):
        return False  # "Oakfield Primary" is the school
    return not _TITLES.search(text[max(0, m.start("name") - 8) : m.start("name")])


def _named_children(text: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for m in _NAME_AGE.finditer(text):
        in_list = _LIST_GOES_ON.match(text[m.end() :]) or _LIST_BEFORE.search(
            text[max(0, m.start() - 12) : m.start()]
        )
        if _is_name(text, m) and not in_list:
            found.append(("a child's name and age", m.start(), m.end()))
    for m in _AGE_NAME.finditer(text):
        if _is_name(text, m):
            found.append(("a child's name and age", m.start(), m.end()))
    for m in (m for pattern in _NAME_YEAR for m in pattern.finditer(text)):
        if not _is_name(text, m):
            continue
        start, end = _sentence_around(text, m.start(), m.end())
        school = _SCHOOL_WORD.search(text, start, end)
        if school is not None:
            first, last = min(m.start(), school.start()), max(m.end(), school.end())
            found.append(("a named child with a school and year group", first, last))
    return found


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    before = max((text.rfind(c, 0, start) for c in ".;!?\n"), default=-1)
    ends = [i for i in (text.find(c, end) for c in ";!?\n") if i >= 0]
    dot = re.compile(r"\.(?:\s|$)").search(text, end)
    if dot:
        ends.append(dot.start())
    return before + 1, min(ends, default=len(text))


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
    spans: list[tuple[str, int, int]] = []
    if "date of birth" not in skip and _HINT_BIRTH.search(norm):
        spans += [("date of birth", a, b) for a, b in _dates_of_birth(norm)]
    if "NHS number" not in skip and _HINT_NHS.search(norm):
        spans += [("NHS number", a, b) for a, b in _nhs_numbers(norm)]
    if "postcode" not in skip and _HINT_POSTCODE.search(norm):
        spans += [("postcode", a, b) for a, b in _postcodes(norm)]
    if "child" not in skip and _HINT_CHILD.search(norm):
        spans += _named_children(norm)
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
