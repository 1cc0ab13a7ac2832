"""The year's assurance in figures, for the yearly report and the independent scrutineer's
report: the audits of the year, national reviews and the partnership's response, how the
statutory review clocks were kept, the published documents' year, and the quarterly themes."""

from __future__ import annotations

from dataclasses import dataclass, field

from lscp_desktop.models.assurance.arrangements import list_documents
from lscp_desktop.models.assurance.records import ArrangementDocument
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.meetings.records import QuarterlyTheme
from lscp_desktop.models.meetings.themes import list_themes
from lscp_desktop.models.reviews.audits import list_audits
from lscp_desktop.models.reviews.milestones import ClockRules, milestones
from lscp_desktop.models.reviews.records import Audit, Review
from lscp_desktop.models.reviews.register import list_delays, list_reviews
from lscp_desktop.models.store.database import Store


def _in(year: FinancialYear, day: str | None) -> bool:
    return bool(day) and year.start.isoformat() <= str(day) <= year.end.isoformat()


def audits_in_year(store: Store, year: FinancialYear, kind: str | None = None) -> list[Audit]:
    """Audits planned or completed in the year (one kind, or all), by planned date."""
    found = [
        a for a in list_audits(store)
        if (kind is None or a.kind == kind) and (_in(year, a.planned_date)
                                                 or _in(year, a.completed_date))
    ]  # fmt: skip
    return sorted(found, key=lambda a: a.planned_date)


def national_reviews(store: Store, year: FinancialYear) -> list[Review]:
    """National reviews the partnership dealt with in the year: published by the Panel, or
    responded to, in it, or still open at its end after starting before it."""
    out = []
    for r in list_reviews(store):
        if r.kind != "national review":
            continue
        dates = (r.panel_published_date, r.response_date, r.decision_date, r.closed_date)
        started = min((d for d in dates if d), default=None)
        still_open = (
            r.closed_date is None and started is not None and started <= year.end.isoformat()
        )
        if any(_in(year, d) for d in dates) or still_open:
            out.append(r)
    return out


@dataclass
class ClockRecord:
    """How one statutory step was kept over the year's reviews."""

    label: str
    on_time: int = 0
    late: int = 0
    late_references: list[str] = field(default_factory=list)


def review_clocks_kept(store: Store, year: FinancialYear) -> list[ClockRecord]:
    """Each statutory review milestone done in the year: how many on time, how many late (by
    the same working-day and month rules as the Reviews page)."""
    rules = ClockRules.of(store)
    records: dict[str, ClockRecord] = {}
    for review in list_reviews(store):
        for m in milestones(review, rules, list_delays(store, review.id)):
            if not (m.applicable and m.statutory and m.done and _in(year, m.done.isoformat())):
                continue
            record = records.setdefault(m.label, ClockRecord(m.label))
            due = m.effective_due
            if due is not None and m.done > due:
                record.late += 1
                record.late_references.append(review.reference)
            else:
                record.on_time += 1
    order = {label: i for i, label in enumerate(
        m.label for m in milestones(Review(0, "", "local CSPR"), rules)
    )}  # fmt: skip
    return sorted(records.values(), key=lambda r: order.get(r.label, 99))


def documents_in_year(store: Store, year: FinancialYear) -> list[ArrangementDocument]:
    """Documents published, implemented, reviewed or withdrawn in the year."""
    return [
        d for d in list_documents(store)
        if any(_in(year, x) for x in (d.published_date, d.implemented_date,
                                      d.last_reviewed_date, d.withdrawn_date))
    ]  # fmt: skip


def themes_of_year(store: Store, year: FinancialYear) -> list[QuarterlyTheme]:
    """The year's quarterly themes, first quarter first."""
    return sorted(
        (t for t in list_themes(store) if _in(year, t.quarter_start)),
        key=lambda t: t.quarter_start,
    )
