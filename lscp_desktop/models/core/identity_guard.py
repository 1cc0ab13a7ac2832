"""The child-identity guard: free text about reviews must never hold who the child is.

The practice-review tracker identifies cases by reference code only. Free text (summaries,
notes, reasons, recommendations, findings) is checked before it is saved and refused, with an
explanation, when it contains something that looks like:

* **a date of birth** — a date in any common form (``01/03/2015``, ``1.3.15``, ``1-3-2015``,
  ``2015-03-01``, ``1st March 2015``, ``1 Mar 2015``, ``March 1st, 2015``, ``March 2015``) that
  sits next to words about birth: *born*, *b.*, *DOB*, *D.O.B.*, *date of birth*, *birth date*,
  *birthday* — the word up to 30 characters before the date in the same sentence, or labelling
  it straight after (``01/03/2015 (DOB)``) — or *aged*/*age* up to 12 characters before it
  (``aged 7 (01/03/2015)``). Any other date is allowed, because review notes are full of
  legitimate dates: meetings, notifications, decisions and publication.
* **an NHS number** — ten digits, written together or spaced/hyphenated 3-3-4, whose tenth digit
  is the correct modulus-11 check digit. Ten-digit numbers with a wrong check digit, and numbers
  beginning with 0 (UK telephone numbers; NHS numbers never begin with 0), are allowed.
* **a full UK postcode** — every official shape (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA,
  AA9A 9AA, and GIR 0AA), in capitals or not, with or without the space. A district on its own
  ("SW1A") does not identify an address and is allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lscp_desktop.models.core.errors import ValidationError

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_DATE = re.compile(
    r"(?<![\d/.-])(?:"
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})"  # 01/03/2015, 1.3.15
    r"|(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})"  # 2015-03-01
    rf"|\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTHS}\.?,?\s+(?:\d{{4}}|'\d{{2}})"  # 1st March 2015
    rf"|{_MONTHS}\.?\s+\d{{1,2}}{_ORD},?\s+\d{{4}}"  # March 1st, 2015
    rf"|{_MONTHS}\.?\s+\d{{4}}"  # March 2015
    r")(?![\d/-])",
    re.IGNORECASE,
)
_BIRTH_WORDS = re.compile(
    r"\b(?:born|b\.|d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s*date|birthday)(?!\w)",
    re.IGNORECASE,
)
#: A birth word labelling the date just written: "01/03/2015 (DOB)", "1.3.15, born".
_LABEL_AFTER = re.compile(
    r"^\W{0,3}(?:born|d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s*date|birthday)(?!\w)",
    re.IGNORECASE,
)
_AGE_WORDS = re.compile(r"\b(?:aged|age)\b", re.IGNORECASE)
_BEFORE, _AFTER, _AGE_BEFORE = 30, 20, 12

_NHS = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
_POSTCODE = re.compile(
    r"\b(?:GIR\s?0AA|"
    r"(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRV-Y])"
    r"\s?[0-9][ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """Something in a text that looks like part of a child's identity."""

    kind: str  # "date of birth", "NHS number" or "postcode"
    text: str
    why: str


def nhs_check_digit_ok(digits: str) -> bool:
    """Whether ten digits end with the NHS modulus-11 check digit of the first nine."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _valid_numeric_date(m: re.Match[str]) -> bool:
    if m.group("d"):
        day, month = int(m.group("d")), int(m.group("m"))
    elif m.group("iy"):
        day, month = int(m.group("id")), int(m.group("im"))
    else:
        return True
    return 1 <= day <= 31 and 1 <= month <= 12


_SENTENCE_END = re.compile(r"[\n;!?]|\.\s+[A-Z]")


def _same_sentence(gap: str) -> bool:
    return _SENTENCE_END.search(gap) is None


def find_identifiers(text: str) -> list[Finding]:
    """Everything in *text* that looks like a date of birth, an NHS number or a postcode."""
    found: list[Finding] = []
    if not text:
        return found
    for m in _DATE.finditer(text):
        if not _valid_numeric_date(m):
            continue
        before = text[max(0, m.start() - _BEFORE) : m.start()]
        after = text[m.end() : m.end() + _AFTER]
        near_before = [
            w for w in _BIRTH_WORDS.finditer(before) if _same_sentence(before[w.end() :])
        ]
        label_after = _LABEL_AFTER.match(after)
        near_after = [label_after] if label_after else []
        age_zone = text[max(0, m.start() - _AGE_BEFORE) : m.start()]
        ages = [w for w in _AGE_WORDS.finditer(age_zone) if _same_sentence(age_zone[w.end() :])]
        words = near_before[-1:] or near_after[:1] or ages[-1:]
        if words:
            word = words[0]
            found.append(
                Finding(
                    "date of birth",
                    m.group(0),
                    f"the date {m.group(0)} is next to '{word.group(0)}', so it reads as a "
                    "date of birth",
                )
            )
    for m in _NHS.finditer(text):
        digits = "".join(m.groups())
        if not digits.startswith("0") and nhs_check_digit_ok(digits):
            found.append(
                Finding(
                    "NHS number",
                    m.group(0),
                    f"{m.group(0)} is ten digits with a valid NHS check digit, so it reads as "
                    "an NHS number",
                )
            )
    for m in _POSTCODE.finditer(text):
        found.append(
            Finding(
                "postcode",
                m.group(0),
                f"{m.group(0)} has the shape of a full UK postcode, which points to an address",
            )
        )
    return found


def check_no_identity(text: str | None, field: str, label: str) -> str:
    """Return *text* stripped, or refuse it with what was found and why it cannot be kept."""
    clean = (text or "").strip()
    findings = find_identifiers(clean)
    if findings:
        reasons = "; ".join(f.why for f in findings)
        raise ValidationError(
            f"{label} looks as if it identifies a child: {reasons}. The tracker holds reference "
            "codes only, never a child's date of birth, NHS number, address or postcode. Remove "
            "it and save again.",
            field,
        )
    return clean
