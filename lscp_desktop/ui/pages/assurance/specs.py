"""What the escalation, published documents, themes and minimum rules registers show and how
they save (the census is a grid of its own, in census.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtGui import QColor

from lscp_desktop.models.actions.priorities import list_priorities
from lscp_desktop.models.assurance.arrangements import (
    delete_document,
    list_documents,
    save_document,
)
from lscp_desktop.models.assurance.escalations import (
    delete_escalation,
    list_escalations,
    save_escalation,
)
from lscp_desktop.models.assurance.minimum_rules import (
    delete_rule,
    list_rules,
    save_rule,
    set_rule_active,
)
from lscp_desktop.models.assurance.records import (
    DOCUMENT_KINDS,
    ESCALATION_OUTCOMES,
    ESCALATION_REASONS,
    ESCALATION_STAGES,
    RULE_KINDS,
    ArrangementDocument,
    Escalation,
    MinimumRule,
)
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.meetings.records import QuarterlyTheme
from lscp_desktop.models.meetings.themes import delete_theme, list_themes, save_theme
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.membership.records import PARTNERSHIP_ROLES
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import Field
from lscp_desktop.ui.register_view import RegisterSpec
from lscp_desktop.ui.table import Column

OPEN = QColor("#ffe4a0")
DONE = QColor("#dde7f3")
DUE = {"red": QColor("#f6c9cc"), "amber": QColor("#ffe4a0")}


def organisation_options(store: Store) -> list[tuple[str, object]]:
    return [(o.name, o.id) for o in list_organisations(store, active_only=True)]


def body_options(store: Store) -> list[tuple[str, object]]:
    return [(b.name, b.id) for b in list_bodies(store, active_only=True)]


def area_choices(store: Store) -> list[str]:
    partnership = get_partnership(store)
    return ["", *(partnership.local_authorities if partnership else [])]


# --------------------------------------------------------------------------- escalation log


def escalation_values(e: Escalation) -> dict[str, Any]:
    return {k: v for k, v in dataclasses.asdict(e).items() if k not in ("actions", "action_ids")}


def escalations_spec() -> RegisterSpec[Escalation]:
    today = dt.date.today()
    return RegisterSpec(
        noun="escalation",
        plural="escalations",
        table="escalations",
        columns=[
            Column("Reference", lambda e: e.reference),
            Column("Raised", lambda e: uk(e.raised_date), sort_key=lambda e: e.raised_date),
            Column(
                "Stage",
                lambda e: str(e.stage),
                sort_key=lambda e: e.stage,
                align_right=True,
                tooltip=lambda e: "\n".join(
                    f"Stage {n} ({ESCALATION_STAGES[n].lower()}): {uk(e.stage_date(n))}"
                    for n in ESCALATION_STAGES
                    if e.stage_date(n)
                ),
            ),
            Column(
                "Outcome",
                lambda e: e.outcome if e.resolved_date else f"Open, {e.days_open(today)} days",
                background=lambda e: OPEN if e.is_open else None,
            ),
            Column("Raised by", lambda e: e.raising_organisation),
            Column("Challenged", lambda e: e.challenged_organisation),
            Column("Resolved", lambda e: uk(e.resolved_date), sort_key=lambda e: e.resolved_date),
            Column("Reason", lambda e: e.reason),
            Column("Actions", lambda e: ", ".join(e.actions)),
            Column("Summary", lambda e: e.summary, tooltip=lambda e: e.summary),
        ],
        load=lambda store: list_escalations(store),
        fields=lambda store: [
            Field("reference", "Reference", placeholder="blank: the next of the year"),
            Field("raised_date", "Raised on", "date", optional=False),
            Field(
                "raising_organisation_id",
                "Raised by",
                "ref",
                optional=False,
                options=lambda: organisation_options(store),
            ),
            Field(
                "challenged_organisation_id",
                "Agency challenged",
                "ref",
                optional=False,
                options=lambda: organisation_options(store),
            ),
            Field("local_authority", "Local authority", "choice", choices=area_choices(store)),
            Field("reason", "Reason", "choice", choices=ESCALATION_REASONS),
            Field("summary", "What was challenged (no child's name)", "multiline"),
            *(
                Field(f"stage{n}_date", f"Stage {n}: {name}", "date")
                for n, name in ESCALATION_STAGES.items()
            ),
            Field("outcome", "Outcome", "choice", choices=["", *ESCALATION_OUTCOMES]),
            Field("resolved_date", "Resolved on", "date"),
            Field("learning", "Learning", "multiline"),
            Field("notes", "Notes", "multiline"),
        ],
        values_of=escalation_values,
        save=save_escalation,
        delete=delete_escalation,
        title_of=lambda e: e.reference,
        is_inactive=lambda e: not e.is_open,
        inactive_label="Show resolved",
        new_values=lambda: {"raised_date": dt.date.today(), "reason": ESCALATION_REASONS[0]},
        default_sort=None,  # the newest first, as loaded
    )


# --------------------------------------------------------------------------- published documents


def documents_spec() -> RegisterSpec[ArrangementDocument]:
    today = dt.date.today().isoformat()

    def due_colour(d: ArrangementDocument) -> QColor | None:
        due = d.review_due
        if not due or not d.is_current:
            return None
        soon = (dt.date.fromisoformat(due) - dt.date.today()).days
        return DUE["red"] if due < today else DUE["amber"] if soon <= 60 else None

    return RegisterSpec(
        noun="document",
        plural="documents",
        table="arrangement_documents",
        columns=[
            Column("Kind", lambda d: d.kind.capitalize()),
            Column("Title", lambda d: d.title),
            Column(
                "Next review",
                lambda d: uk(d.review_due),
                sort_key=lambda d: d.review_due,
                background=due_colour,
                tooltip=lambda d: d.review_rule,
            ),
            Column(
                "Last reviewed",
                lambda d: uk(d.last_reviewed_date),
                sort_key=lambda d: d.last_reviewed_date,
            ),
            Column(
                "Published", lambda d: uk(d.published_date), sort_key=lambda d: d.published_date
            ),
            Column(
                "Implemented",
                lambda d: uk(d.implemented_date),
                sort_key=lambda d: d.implemented_date,
            ),
            Column("Body", lambda d: d.body),
            Column("Approved by", lambda d: d.approved_by, tooltip=lambda d: d.approved_by),
        ],
        load=lambda store: list_documents(store),
        fields=lambda store: [
            Field("kind", "Kind", "choice", choices=DOCUMENT_KINDS),
            Field("title", "Title", optional=False),
            Field(
                "body_id", "Body (terms of reference)", "ref", options=lambda: body_options(store)
            ),
            Field("version", "Version"),
            Field("approved_by", "Approved by"),
            Field("published_date", "Published", "date"),
            Field("implemented_date", "Implemented", "date"),
            Field("sos_notified_date", "Secretary of State notified", "date"),
            Field(
                "review_months", "Review every (months)", placeholder="12; a thresholds document 24"
            ),
            Field("last_reviewed_date", "Last reviewed", "date"),
            Field(
                "review_date",
                "Next review (if set)",
                "date",
                placeholder="blank: worked out from the review period",
            ),
            Field("withdrawn_date", "Withdrawn", "date"),
            Field("link", "Link", placeholder="where it is published"),
            Field("notes", "Notes", "multiline"),
        ],
        values_of=lambda d: {**vars(d), "review_months": str(d.review_months)},
        save=save_document,
        delete=delete_document,
        title_of=lambda d: d.title,
        is_inactive=lambda d: not d.is_current,
        inactive_label="Show withdrawn",
        new_values=lambda: {"kind": DOCUMENT_KINDS[0]},
        default_sort=None,
    )


# --------------------------------------------------------------------------- quarterly themes


def themes_spec() -> RegisterSpec[QuarterlyTheme]:
    return RegisterSpec(
        noun="quarterly theme",
        plural="themes",
        table="quarterly_themes",
        columns=[
            Column(
                "Quarter",
                lambda t: t.quarter.label,
                sort_key=lambda t: t.quarter_start,
                tooltip=lambda t: t.quarter.months,
            ),
            Column("Theme", lambda t: t.title),
            Column(
                "Taken up",
                lambda t: f"{len(t.examined)} of {len(t.bodies)}",
                tooltip=lambda t: "\n".join(f"{b}: {uk(d)}" for b, d in t.examined.items()),
            ),
            Column(
                "Not yet taken up by",
                lambda t: ", ".join(t.not_yet_examined),
                background=lambda t: OPEN if t.not_yet_examined else None,
            ),
            Column("Priority", lambda t: t.priority),
        ],
        load=list_themes,
        fields=lambda store: [
            Field("quarter", "Quarter", optional=False, placeholder="e.g. 2025/26 Q1"),
            Field("title", "Theme", optional=False),
            Field(
                "priority_id",
                "Partnership priority",
                "ref",
                options=lambda: [(p.name, p.id) for p in list_priorities(store)],
            ),
            Field(
                "body_ids",
                "Bodies asked to examine it",
                "multi",
                options=lambda: body_options(store),
            ),
            Field("description", "What each body is asked to look at", "multiline"),
            Field("notes", "Notes", "multiline"),
        ],
        values_of=lambda t: {**vars(t), "quarter": t.quarter.label},
        save=save_theme,
        delete=delete_theme,
        title_of=lambda t: f"{t.quarter.label}: {t.title}",
        default_sort=None,
    )


# --------------------------------------------------------------------------- minimum rules


def rules_spec() -> RegisterSpec[MinimumRule]:
    return RegisterSpec(
        noun="minimum rule",
        plural="rules",
        table="minimum_rules",
        columns=[
            Column("Rule", lambda r: r.description),
            Column(
                "Counts",
                lambda r: "meetings held" if r.kind == "meetings" else "attendance in person",
            ),
            Column("Notes", lambda r: r.notes, tooltip=lambda r: r.notes),
        ],
        load=lambda store: list_rules(store),
        fields=lambda store: [
            Field("kind", "What it counts", "choice", choices=RULE_KINDS),
            Field("body_id", "Body", "ref", optional=False, options=lambda: body_options(store)),
            Field(
                "role",
                "Role that attends (attendance rules)",
                "choice",
                choices=["", *PARTNERSHIP_ROLES],
            ),
            Field("at_least", "At least (times a year)", optional=False, placeholder="e.g. 2"),
            Field("notes", "Notes", "multiline", placeholder="where the arrangements say so"),
        ],
        values_of=lambda r: {**vars(r), "at_least": str(r.at_least)},
        save=save_rule,
        delete=delete_rule,
        title_of=lambda r: r.description,
        is_inactive=lambda r: not r.active,
        set_active=set_rule_active,
        new_values=lambda: {"kind": "meetings", "at_least": "2"},
        default_sort=None,
    )
