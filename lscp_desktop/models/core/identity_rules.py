"""The identity guard's rules (:mod:`.identity_guard` says what each one finds): where in a text
normalised by :func:`.identity_guard.normalise` a date of birth, an NHS number, a postcode or a
named child is.

Kept apart so that their ~25 regular expressions (7 ms to compile) are compiled on the first
text that might identify a child, not whenever the store is imported (issue 21: start-up).
"""

from __future__ import annotations

import re

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


def dates_of_birth(text: str) -> list[tuple[int, int]]:
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


def nhs_numbers(text: str) -> list[tuple[int, int]]:
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


def postcodes(text: str) -> list[tuple[int, int]]:
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


def named_children(text: str) -> list[tuple[str, int, int]]:
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
