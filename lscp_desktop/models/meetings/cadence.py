"""How often each body meets: its cadence, the standing items of its agendas, its quorum rule
and paper deadline, and the times of day its meetings are written in.

A cadence is a frequency (monthly, every N months, quarterly, three or two times a year, or ad
hoc), an anchor month that one of the meetings falls in, and a day rule such as "second
Tuesday", "last Thursday" or "the 25th". :mod:`schedule` turns it into a year's dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import Record
from lscp_desktop.models.meetings.queries import meetings as meeting_queries
from lscp_desktop.models.membership.bodies import get_body
from lscp_desktop.models.store.database import Store

#: Frequency → months between meetings (0: no regular meetings).
FREQUENCIES: dict[str, int] = {
    "monthly": 1,
    "every N months": 0,
    "quarterly": 3,
    "three times a year": 4,
    "twice a year": 6,
    "ad hoc": 0,
}
WEEKS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last", 0: "day of month"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = tuple(calendar.month_name[1:])
PURPOSES = ("decision", "discussion", "information", "assurance")
TIME_FORMAT = "%H:%M"

DEFAULT_STANDING_ITEMS = """Welcome, introductions and apologies | 5 | information
Declarations of interest | 5 | information
Minutes of the last meeting and matters arising | 10 | decision
Action log | 10 | assurance
Risk register | 10 | assurance
---
Any other business | 5 | information"""


@dataclass
class Cadence(Record):
    body_id: int
    frequency: str = "quarterly"
    interval_months: int = 3
    anchor_month: int = 4
    week: int = 2
    weekday: int = 1
    day_of_month: int = 1
    start_time: str = "10:00"
    duration_minutes: int = 120
    venue: str = ""
    online_link: str = ""
    paper_deadline_days: int | None = None
    #: Papers circulated this many working days before a meeting (None: the setting).
    circulation_days: int | None = None
    quorum_min: int = 0
    quorum_each_partner: int = 0
    standing_items: str = DEFAULT_STANDING_ITEMS
    id: int | None = None
    #: The version the values were read at: a form saves over that version only (issue 22).
    row_version: int = 1

    @property
    def months_between(self) -> int:
        if self.frequency == "every N months":
            return self.interval_months
        return FREQUENCIES.get(self.frequency, 0)

    def describe(self) -> str:
        """'Quarterly, on the second Tuesday, 10:00 for 2 hours'."""
        if self.months_between == 0:
            return "Ad hoc (no regular dates)"
        how = (
            f"every {self.months_between} months"
            if self.frequency == "every N months"
            else self.frequency
        )
        if self.week == 0:
            day = f"on the {_ordinal(self.day_of_month)}"
        else:
            day = f"on the {WEEKS[self.week]} {WEEKDAYS[self.weekday]}"
        return (
            f"{how[0].upper()}{how[1:]} from {MONTHS[self.anchor_month - 1]}, {day}, "
            f"{self.start_time} for {_duration_text(self.duration_minutes)}"
        )

    def standing_list(self) -> tuple[list[StandingItem], list[StandingItem]]:
        """The standing items that open an agenda and those that close it."""
        return parse_standing_items(self.standing_items)


@dataclass(frozen=True)
class StandingItem:
    title: str
    minutes: int = 10
    purpose: str = "information"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _duration_text(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if mins:
        parts.append(f"{mins} minutes")
    return " ".join(parts) or "0 minutes"


#: The longest meeting (or agenda item) in minutes: ten hours.
MAX_MINUTES = 600


def parse_time(value: Any, what: str = "start time") -> str:
    """'9:30', '09.30' or '0930' → '09:30'; anything else is a clear error."""
    text = str(value or "").strip().replace(".", ":")
    if text.isdigit() and len(text) in (3, 4):
        text = f"{text[:-2]}:{text[-2:]}"
    try:
        return dt.datetime.strptime(text, TIME_FORMAT).strftime(TIME_FORMAT)
    except ValueError:
        raise ValidationError(
            f"The {what} '{value}' is not a time; write it like 10:00 or 14:30.",
            what.replace(" ", "_"),
        ) from None


def minutes_of(time_text: str) -> int:
    hours, mins = time_text.split(":")
    return int(hours) * 60 + int(mins)


def clock(minutes: int) -> str:
    return f"{(minutes // 60) % 24:02d}:{minutes % 60:02d}"


def parse_standing_items(text: str) -> tuple[list[StandingItem], list[StandingItem]]:
    """Lines 'Title | minutes | purpose'; items after a '---' line close the agenda."""
    opening: list[StandingItem] = []
    closing: list[StandingItem] = []
    target = opening
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        if set(line) == {"-"}:
            target = closing
            continue
        parts = [p.strip() for p in line.split("|")]
        minutes = 10
        if len(parts) > 1 and parts[1]:
            try:
                minutes = int(parts[1])
            except ValueError:
                minutes = 0
            if not 1 <= minutes <= MAX_MINUTES:
                raise ValidationError(
                    f"In the standing item '{parts[0]}', '{parts[1][:20]}' is not a number of "
                    f"minutes from 1 to {MAX_MINUTES}.",
                    "standing_items",
                )
        purpose = parts[2].lower() if len(parts) > 2 and parts[2] else "information"
        if purpose not in PURPOSES:
            raise ValidationError(
                f"In the standing item '{parts[0]}', the purpose '{purpose}' should be one of: "
                f"{', '.join(PURPOSES)}.",
                "standing_items",
            )
        target.append(StandingItem(parts[0], minutes, purpose))
    return opening, closing


def get_cadence(store: Store, body_id: int) -> Cadence:
    """The body's cadence, or the default (quarterly, second Tuesday) if none is saved."""
    row = meeting_queries.cadence_row(store, body_id)
    if row is not None:
        return Cadence.from_row(row)
    get_body(store, body_id)
    return Cadence(body_id=body_id)


def _int(values: dict[str, Any], key: str, label: str, low: int, high: int) -> int:
    raw = values.get(key)
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"Enter the {label} as a whole number.", key) from None
    if not low <= number <= high:
        raise ValidationError(f"The {label} should be from {low} to {high}.", key)
    return number


def _index(value: Any, names: tuple[str, ...] | list[str], key: str, label: str) -> int:
    if isinstance(value, int):
        return value
    text = str(value or "").strip().lower()
    for i, name in enumerate(names):
        if name.lower() == text:
            return i
    raise ValidationError(f"'{value}' is not a {label}; choose one of: {', '.join(names)}.", key)


_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "other": 2}
_SYNONYMS = {
    "bi-monthly": ("every N months", 2),
    "bimonthly": ("every N months", 2),
    "every month": ("monthly", 0),
    "every quarter": ("quarterly", 0),
    "three a year": ("three times a year", 0),
    "3 times a year": ("three times a year", 0),
    "termly": ("three times a year", 0),
    "twice yearly": ("twice a year", 0),
    "2 times a year": ("twice a year", 0),
    "six monthly": ("twice a year", 0),
    "as needed": ("ad hoc", 0),
    "as required": ("ad hoc", 0),
}


def parse_frequency(value: Any) -> tuple[str, int]:
    """A frequency as people write it → (one of :data:`FREQUENCIES`, months apart for 'every
    N months' or 0): 'every other month' and 'every 2 months' are ('every N months', 2)."""
    text = " ".join(str(value or "").lower().split())
    for name in FREQUENCIES:
        if text == name.lower():
            return name, 0
    if text in _SYNONYMS:
        return _SYNONYMS[text]
    words = text.split()
    if len(words) == 3 and words[0] == "every" and words[2].rstrip("s") == "month":
        n = int(words[1]) if words[1].isdigit() else _WORD_NUMBERS.get(words[1], 0)
        if n == 1:
            return "monthly", 0
        if 1 < n <= 12:
            return "every N months", n
    raise ValidationError(
        f"'{value}' is not a frequency; choose one of: {', '.join(FREQUENCIES)} (or write "
        "'every other month', 'every 2 months').",
        "frequency",
    )


def cadence_values(cadence: Cadence) -> dict[str, Any]:
    """A saved cadence as the values :func:`save_cadence` takes (to change a few of them)."""
    return {k: v for k, v in vars(cadence).items() if k not in ("id", "row_version")}


def save_cadence(store: Store, values: dict[str, Any]) -> int:
    """Validate and save a body's cadence (one per body); returns its id.

    Standing items left out of *values* (or None) are kept as they are; a new cadence then
    starts from :data:`DEFAULT_STANDING_ITEMS`. An empty text clears them."""
    body_id = int(values["body_id"])
    frequency, months_apart = parse_frequency(values.get("frequency"))
    interval = FREQUENCIES[frequency]
    if frequency == "every N months":
        interval = months_apart or _int(
            values, "interval_months", "number of months between meetings", 1, 12
        )
    week_value = values.get("week", 2)
    if isinstance(week_value, str) and not week_value.lstrip("-").isdigit():
        names = {v: k for k, v in WEEKS.items()}
        if week_value.strip().lower() not in names:
            raise ValidationError(
                f"'{week_value}' is not a week; choose one of: {', '.join(WEEKS.values())}.",
                "week",
            )
        week = names[week_value.strip().lower()]
    else:
        week = int(week_value)
        if week not in WEEKS:
            raise ValidationError("The week should be first to fourth, or last.", "week")
    weekday = _index(values.get("weekday", 1), WEEKDAYS, "weekday", "day of the week")
    if week != 0 and weekday > 4:
        raise ValidationError("Meetings are held on weekdays; choose Monday to Friday.", "weekday")
    anchor = values.get("anchor_month", 4)
    anchor_month = _index(anchor, MONTHS, "anchor_month", "month") + (
        0 if isinstance(anchor, int) else 1
    )
    day_of_month = _int(values, "day_of_month", "day of the month", 1, 31) if week == 0 else 1
    start = parse_time(values.get("start_time") or "10:00")
    duration = _int(values, "duration_minutes", "length of the meeting in minutes", 15, MAX_MINUTES)
    if minutes_of(start) + duration > 24 * 60:
        raise ValidationError("The meeting would run past midnight; shorten it.", "duration")
    deadline_raw = values.get("paper_deadline_days")
    deadline = (
        None
        if deadline_raw in (None, "")
        else _int(values, "paper_deadline_days", "paper deadline in working days", 1, 30)
    )
    circulation_raw = values.get("circulation_days")
    circulation = (
        None
        if circulation_raw in (None, "")
        else _int(values, "circulation_days", "circulation in working days", 1, 30)
    )
    standing_value = values.get("standing_items")
    if standing_value is not None:
        parse_standing_items(str(standing_value))
    clean: dict[str, Any] = {
        "body_id": body_id,
        "frequency": frequency,
        "interval_months": interval,
        "anchor_month": anchor_month,
        "week": week,
        "weekday": weekday,
        "day_of_month": day_of_month,
        "start_time": start,
        "duration_minutes": duration,
        "venue": str(values.get("venue") or "").strip(),
        "online_link": str(values.get("online_link") or "").strip(),
        "paper_deadline_days": deadline,
        "circulation_days": circulation,
        "quorum_min": _int(values, "quorum_min", "quorum (members present)", 0, 100)
        if values.get("quorum_min") not in (None, "")
        else 0,
        "quorum_each_partner": 1 if values.get("quorum_each_partner") else 0,
    }
    with store.transaction():
        get_body(store, body_id)
        existing = meeting_queries.cadence_row(store, body_id)
        if standing_value is not None:
            clean["standing_items"] = str(standing_value)
        elif existing is None:  # left out: a new cadence starts from the usual items
            clean["standing_items"] = DEFAULT_STANDING_ITEMS
        # left out of an existing cadence: the items it has are kept
        if existing is not None:
            store.update("meeting_cadences", existing["id"], clean)
            return int(existing["id"])
        return store.insert("meeting_cadences", clean)


def paper_deadline_days(store: Store, body_id: int) -> int:
    cadence = get_cadence(store, body_id)
    if cadence.paper_deadline_days:
        return cadence.paper_deadline_days
    return settings.get_int(store, "paper_deadline_days")


def circulation_days(store: Store, body_id: int) -> int:
    """How many working days before its meetings a body's papers go out."""
    cadence = get_cadence(store, body_id)
    if cadence.circulation_days:
        return cadence.circulation_days
    return settings.get_int(store, "circulation_days")
