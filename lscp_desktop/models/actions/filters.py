"""The filters of an action log, tested in memory so the window can change them over 20,000
actions without reloading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from lscp_desktop.models.actions.records import OPEN_STATUSES, RAGS, STATUSES, Action
from lscp_desktop.models.core.errors import ValidationError


@dataclass(frozen=True)
class ActionFilter:
    """The filters of an action log. Each is optional; all given must match.

    *statuses* is a set of statuses; *rag* one RAG key; *overdue* open and past due;
    *before_next_meeting* open and due on or before the body's next meeting; *text* words
    that must all appear in the reference, title, owner, organisation, body, priority, status,
    source or latest note.
    """

    body_id: int | None = None
    owner_id: int | None = None
    organisation_id: int | None = None
    statuses: frozenset[str] | None = None
    rag: str | None = None
    overdue: bool = False
    before_next_meeting: bool = False
    priority_id: int | None = None
    text: str = ""
    today: str = field(default_factory=lambda: dt.date.today().isoformat())

    def __post_init__(self) -> None:
        if self.rag is not None and self.rag not in RAGS:
            raise ValidationError(
                f"'{self.rag}' is not a RAG rating; use one of: {', '.join(RAGS)}.", "rag"
            )
        if self.statuses is not None:
            unknown = set(self.statuses) - set(STATUSES)
            if unknown:
                raise ValidationError(
                    f"'{sorted(unknown)[0]}' is not an action status; use one of: "
                    f"{', '.join(STATUSES)}.",
                    "status",
                )

    @property
    def words(self) -> list[str]:
        return self.text.lower().split()

    @property
    def lets_everything_through(self) -> bool:
        """No filter is set: every action matches."""
        return all(getattr(self, a) is None for a in (*_CHOICES, "statuses")) and not (
            self.overdue or self.before_next_meeting or self.words
        )

    @cached_property
    def predicate(self) -> Callable[[Action], bool]:
        """One function testing only the filters that are set: fast over 20,000 actions."""
        checks: list[Callable[[Action], bool]] = []
        for attr in _CHOICES:
            wanted = getattr(self, attr)
            if wanted is not None:
                checks.append(_equals(attr, wanted))
        if self.statuses is not None:
            statuses = self.statuses
            checks.append(lambda a: a.status in statuses)
        today = self.today
        if self.overdue:
            checks.append(lambda a: a.status in OPEN_STATUSES and a.due_date < today)
        if self.before_next_meeting:
            checks.append(
                lambda a: (
                    a.status in OPEN_STATUSES
                    and a.next_meeting is not None
                    and a.due_date <= a.next_meeting
                )
            )
        words = self.words
        if len(words) == 1:
            word = words[0]
            checks.append(lambda a: word in a.search_text)
        elif words:
            checks.append(lambda a: all(w in a.search_text for w in words))
        if not checks:
            return lambda _a: True
        if len(checks) == 1:
            return checks[0]
        return lambda a: all(check(a) for check in checks)

    def matches(self, a: Action) -> bool:
        return self.predicate(a)


#: The filters that match one value of an action's field of the same name.
_CHOICES = ("body_id", "owner_id", "organisation_id", "priority_id", "rag")


def _equals(attr: str, wanted: object) -> Callable[[Action], bool]:
    return lambda a: bool(getattr(a, attr) == wanted)


def filter_actions(actions: Iterable[Action], flt: ActionFilter) -> list[Action]:
    accept = flt.predicate
    return [a for a in actions if accept(a)]
