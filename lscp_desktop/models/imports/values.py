"""Turn spreadsheet cells into the app's values: UK dates, money in pence, yes/no, RAG and status.

Cells arrive as openpyxl gives them (datetime, int, float, str, bool) or as CSV text. Each
parser raises :class:`ValidationError` with a sentence saying what the value should look like.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from lscp_desktop.models.core.dates import DateRangeError, check_date_range, parse_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.money import MAX_POUNDS, check_amount, parse_money

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
# 31-Mar-26, 31 Mar 2026, 31 March 2026, 31st March 2026, Tuesday 31 March 2026
_WORDY = re.compile(
    r"^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([a-z]+)\.?,?[\s\-/.]+(\d{2}|\d{4})$"
)
# January 2019, Jan-19, Feb 2019, Sept. 2019 (a month only: taken as its last day)
_MONTH_ONLY = re.compile(r"^([a-z]+)\.?[\s\-/.,]*('?\d{2}|\d{4})$")
_TIME_SUFFIX = re.compile(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
# Excel's serial day 1 is 1 January 1900 (with its phantom 29 February 1900), so day 0 is
# 30 December 1899 for every date after February 1900.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Serial numbers taken as dates: 01/01/1910 to 31/12/2199; a 5 in a date column is a mistake.
_SERIAL_RANGE = (3654, 109_574)


def to_text(value: Any) -> str:
    """A cell as plain text: whole-number floats lose their '.0', spaces are tidied."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def normalise_name(value: str) -> str:
    """How names are compared: case- and space-insensitive."""
    return " ".join(value.split()).casefold()


def month_only(value: Any) -> dt.date | None:
    """The last day of the month a month-only date names ("January 2019", "Jan-19",
    "Feb 2019" → 31/01/2019, 31/01/2019, 28/02/2019), or None for anything else."""
    if not isinstance(value, str):
        return None
    m = _MONTH_ONLY.match(" ".join(value.lower().split()))
    if not m or m.group(1) not in _MONTHS:
        return None
    year_text = m.group(2).lstrip("'")
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    month = _MONTHS[m.group(1)]
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_import_date(value: Any, label: str = "date") -> dt.date:
    """A date from a cell: a real date cell, an Excel serial number, or UK text.

    Text may be 31/03/2026, 31/3/26, 31-03-2026, 31.03.2026, 2026-03-31, 31-Mar-26,
    31 Mar 2026, 31 March 2026 or 31st March 2026; a month alone (January 2019, Jan-19) is
    its last day (:func:`month_only`; the import reports it). Month-first (US) dates are
    refused rather than guessed.
    """
    if isinstance(value, dt.datetime):
        return check_date_range(value.date(), label)
    if isinstance(value, dt.date):
        return check_date_range(value, label)
    if isinstance(value, bool):
        raise ValidationError(f"The {label} should be a date, like 31/03/2026.", label)
    if isinstance(value, int | float | Decimal):
        return _from_serial(value, label)
    text = " ".join(str(value or "").split()).strip()
    if not text:
        raise ValidationError(f"Enter the {label}.", label)
    if re.fullmatch(r"\d{4,7}(\.\d+)?", text):
        return _from_serial(float(text), label)
    month_end = month_only(text)
    if month_end is not None:
        return month_end
    text = _TIME_SUFFIX.sub("", text.lower()).strip()
    m = _WORDY.match(text)
    if m:
        day, month_word, year_text = m.groups()
        month = _MONTHS.get(month_word)
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        if month is not None:
            try:
                return check_date_range(dt.date(year, month, int(day)), label)
            except ValueError:
                pass
        raise ValidationError(
            f"The {label} '{value}' is not a real date; write it like 31/03/2026.", label
        )
    try:
        return parse_date(text, label)
    except DateRangeError:
        raise
    except ValidationError:
        raise ValidationError(
            f"The {label} '{value}' is not a date; write it day first, like 31/03/2026 or "
            "31-Mar-26.",
            label,
        ) from None


def parse_import_time(value: Any, label: str = "time") -> str:
    """A time of day as HH:MM from a time cell, a date-time cell, a fraction of a day (how
    Excel stores times) or text such as 10:00, 9.30, 0930, 2pm or 2:30 pm."""
    from lscp_desktop.models.meetings.cadence import parse_time

    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float | Decimal):
        if not _finite(value):
            raise ValidationError(
                f"The {label} '{value}' is not a time; write it like 10:00.", label
            )
        if 0 <= value < 1:
            minutes = min(round(float(value) * 24 * 60), 24 * 60 - 1)
            return f"{minutes // 60:02d}:{minutes % 60:02d}"
    text = to_text(value).lower().replace(" ", "")
    m = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?(am|pm)", text)
    if m:
        hour, minute = int(m.group(1)) % 12, int(m.group(2) or 0)
        hour += 12 if m.group(3) == "pm" else 0
        text = f"{hour:02d}:{minute:02d}"
    text = re.sub(r"^(\d{1,2}:\d{2}):00$", r"\1", text)
    return parse_time(text, label)


def _finite(number: float | Decimal) -> bool:
    return number.is_finite() if isinstance(number, Decimal) else math.isfinite(number)


def _from_serial(number: float | Decimal, label: str) -> dt.date:
    if not _finite(number) or not (_SERIAL_RANGE[0] <= number < _SERIAL_RANGE[1] + 1):
        raise ValidationError(
            f"The {label} '{number}' is a number, not a date; write it like 31/03/2026.", label
        )
    serial = int(number)
    if not (_SERIAL_RANGE[0] <= serial <= _SERIAL_RANGE[1]):
        raise ValidationError(
            f"The {label} '{number}' is a number, not a date; write it like 31/03/2026.", label
        )
    return _EXCEL_EPOCH + dt.timedelta(days=serial)


def parse_import_money(value: Any, label: str = "amount") -> int:
    """Money in pence from a number cell or text: 34592, 34,592, £34,592.00, (1,200), -£50."""
    if isinstance(value, bool):
        raise ValidationError(f"The {label} should be an amount of money, like £34,592.", label)
    if isinstance(value, int):
        return check_amount(value * 100, label)
    if isinstance(value, float | Decimal):
        # Excel stores 1234.56 as a binary float; its shortest repr is the typed value.
        return _pence(Decimal(repr(value)) if isinstance(value, float) else value, value, label)
    text = str(value or "").strip().replace("\u00a0", "").replace(" ", "")
    text = re.sub(r"(?i)^gbp|gbp$", "", text)
    if text.endswith("-") and text[:-1]:  # accounting style 1,200-
        text = "-" + text[:-1]
    if re.fullmatch(r"(-£|£-|-|£)?\d{1,15}\.\d{3,20}", text):  # unrounded arithmetic
        return _pence(Decimal(text.replace("£", "")), value, label)
    return parse_money(text, label)


def _pence(amount: Decimal, original: Any, label: str) -> int:
    if not amount.is_finite() or amount.copy_abs() > MAX_POUNDS:  # abs() can overflow
        if amount.is_finite():
            raise ValidationError(
                f"The {label} '{original}' is more than £{MAX_POUNDS:,}, the most an amount can "
                "be; check the figure.",
                label,
            )
        raise ValidationError(f"The {label} '{original}' is not an amount of money.", label)
    try:
        pence = (amount * 100).quantize(Decimal(1))
    except InvalidOperation:
        raise ValidationError(
            f"The {label} '{original}' is not an amount of money.", label
        ) from None
    if abs(pence - amount * 100) >= Decimal("0.01"):
        # More than a rounding error below a penny: e.g. 12.345 is refused, 12.3400001 is not.
        raise ValidationError(
            f"The {label} '{original}' has fractions of a penny; round it to pence.", label
        )
    return int(pence)


_YES = {"yes", "y", "true", "1", "x", "✓", "✔", "ticked", "current", "active"}
_NO = {"no", "n", "false", "0", "", "-", "inactive", "former", "left", "ended"}


def parse_yes_no(value: Any, label: str = "value") -> bool:
    if isinstance(value, bool):
        return value
    text = to_text(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError(f"The {label} '{value}' should be yes or no.", label)


#: RAG words and what they mean; 'blue' is the usual colour for done.
RAG_WORDS: dict[str, tuple[str, ...]] = {
    "red": ("r", "red", "off track", "overdue", "at risk", "behind"),
    "amber": ("a", "amber", "yellow", "orange", "some concerns", "slipping"),
    "green": ("g", "green", "on track", "on target", "good"),
    "blue": ("b", "blue", "complete", "completed", "done", "closed"),
}

#: Status words seen in partnership action logs and what they mean.
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "open": ("open", "not started", "new", "to do", "outstanding", "pending", "active"),
    "in progress": ("in progress", "ongoing", "on going", "started", "underway", "wip"),
    "complete": ("complete", "completed", "done", "closed", "finished", "achieved", "met"),
    "on hold": ("on hold", "paused", "deferred", "waiting"),
    "cancelled": ("cancelled", "canceled", "withdrawn", "no longer required", "superseded"),
}


def parse_word(
    value: Any, words: dict[str, tuple[str, ...]], label: str, *, default: str | None = None
) -> str:
    """Map a cell to one of *words*' keys, matching its synonyms case-insensitively.

    Leading RAG prefixes and punctuation are ignored ('RAG: Red', 'Green.', 'AMBER ').
    """
    text = re.sub(r"[^a-z0-9 ]+", " ", to_text(value).lower())
    text = " ".join(text.split())
    text = re.sub(r"^(rag|status|rating)\s+", "", text)
    if not text:
        if default is not None:
            return default
        raise ValidationError(f"Enter the {label}.", label)
    for key, synonyms in words.items():
        if text == key or text in synonyms:
            return key
    for key, synonyms in words.items():  # 'Completed 12/03' or 'Red - overdue'
        if any(text.startswith(s + " ") for s in (key, *synonyms) if len(s) > 1):
            return key
    raise ValidationError(
        f"'{to_text(value)}' is not a {label} LSCP Desktop knows; use one of: {', '.join(words)}.",
        label,
    )


def parse_rag(value: Any, label: str = "RAG rating") -> str:
    return parse_word(value, RAG_WORDS, label)


def parse_status(value: Any, label: str = "status") -> str:
    return parse_word(value, STATUS_WORDS, label)
