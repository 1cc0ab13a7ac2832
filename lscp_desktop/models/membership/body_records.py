"""Bodies', memberships' and partnership roles' records.

Apart from ``records`` (the partnership, organisations, people and the forms' choices) so that
showing the main window, which needs none of these, does not make their dataclasses (issue 21).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lscp_desktop.models.core.records import Record


@dataclass
class Body(Record):
    id: int
    name: str
    code: str
    kind: str
    purpose: str = ""
    reports_to_id: int | None = None
    reports_to: str = ""
    local_authority: str = ""
    start_date: str = ""
    end_date: str | None = None
    active: int = 1
    member_count: int = 0
    #: The partnership that hosts a body shared with others ('' when it is the partnership's
    #: own); counted apart in the yearly report.
    hosted_by: str = ""


@dataclass
class Membership(Record):
    id: int
    person_id: int
    body_id: int
    role: str
    person: str = ""
    organisation: str = ""
    body: str = ""
    deputy_for_id: int | None = None
    deputy_for: str = ""
    delegated_authority: int = 0
    start_date: str = ""
    end_date: str | None = None
    notes: str = ""
    #: A fixed term in months (lay members for 18): the end date follows from the start.
    term_months: int | None = None

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or dt.date.today()
        return self.start_date <= on.isoformat() and (
            self.end_date is None or self.end_date >= on.isoformat()
        )


@dataclass
class PartnershipRole(Record):
    id: int
    person_id: int
    role: str
    person: str = ""
    organisation_id: int | None = None
    organisation: str = ""
    start_date: str = ""
    end_date: str | None = None
    notes: str = ""
