"""For every text column of the schema, the model function a user's text reaches it through.

``WRITERS[(table, column)]`` is a function ``write(store, value)`` that saves *value* into that
column of one record of the small demo partnership through the area's own save function (the
one the window and the command line call). ``FREE`` names the columns that take any text; the
others are checked by their area first (a date, a choice, a lookup), so a refused string is
refused either way. ``MADE_BY_THE_APP`` lists the text columns no user writes directly; the
store's door still checks them (``test_text_policy`` feeds every column through it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from lscp_desktop.models.actions.notes import add_note
from lscp_desktop.models.actions.priorities import save_priority
from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.actions.status import bulk_set_status, set_status
from lscp_desktop.models.assurance.arrangements import save_document
from lscp_desktop.models.assurance.census import set_count
from lscp_desktop.models.assurance.escalations import get_escalation, save_escalation
from lscp_desktop.models.assurance.minimum_rules import save_rule
from lscp_desktop.models.finance.budget import save_budget_line, save_spend
from lscp_desktop.models.finance.contributions import save_contribution
from lscp_desktop.models.finance.in_kind import save_in_kind
from lscp_desktop.models.finance.payments import QUESTIONS, record_payment
from lscp_desktop.models.finance.reserves import save_movement, save_reserve
from lscp_desktop.models.finance.years import save_year
from lscp_desktop.models.meetings.agenda import save_item
from lscp_desktop.models.meetings.attendance import add_declaration, add_guest, set_attendance
from lscp_desktop.models.meetings.cadence import save_cadence
from lscp_desktop.models.meetings.chair_rotation import save_rotation
from lscp_desktop.models.meetings.coversheets import save_cover_sheet
from lscp_desktop.models.meetings.forward_plan import save_forward_plan
from lscp_desktop.models.meetings.meetings import (
    reschedule_meeting,
    save_meeting,
    set_meeting_status,
)
from lscp_desktop.models.meetings.minutes import save_minutes
from lscp_desktop.models.meetings.minutes_cycle import record_amendment
from lscp_desktop.models.meetings.papers import save_paper
from lscp_desktop.models.meetings.queries.minutes import approved_minutes_row
from lscp_desktop.models.meetings.themes import get_theme, save_theme
from lscp_desktop.models.membership.bodies import save_body
from lscp_desktop.models.membership.memberships import save_membership
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.partnership import save_partnership
from lscp_desktop.models.membership.people import save_person
from lscp_desktop.models.membership.roles import save_role
from lscp_desktop.models.reviews.audits import save_audit
from lscp_desktop.models.reviews.clocks import record_delay
from lscp_desktop.models.reviews.lifecycle import record_notification, save_review
from lscp_desktop.models.reviews.recipients import save_dispatch_recipient
from lscp_desktop.models.reviews.recommendations import save_recommendation
from lscp_desktop.models.reviews.training import save_training
from lscp_desktop.models.reviews.yearly_reports import save_recipient, save_yearly_report
from lscp_desktop.models.risks.categories import save_category
from lscp_desktop.models.risks.reviews import record_review
from lscp_desktop.models.risks.saving import close_risk, save_risk
from lscp_desktop.models.store.database import Row, Store

Writer = Callable[[Store, str], object]


def first(store: Store, table: str, **where: Any) -> Row:
    """The first row of *table* (matching *where*, compared as text)."""
    for row in store.rows(table, order_by="id"):
        if all(str(row[k]) == str(v) for k, v in where.items()):
            return row
    raise LookupError(f"no {table} row with {where}")


def _edit(save: Callable[..., Any], table: str, column: str, **where: Any) -> Writer:
    """Change *column* of an existing record through ``save(store, values, id)``."""

    def write(store: Store, value: str) -> object:
        row = first(store, table, **where)
        return save(store, {**row, column: value}, row["id"])

    return write


def open_to_change(store: Store, table: str) -> Row:
    """The first row of *table* (meetings, or a table with a meeting_id) whose meeting's minutes
    are not approved (approved minutes are locked, and refuse every change)."""
    for row in store.rows(table, order_by="id"):
        meeting_id = row["id"] if table == "meetings" else row["meeting_id"]
        if approved_minutes_row(store, meeting_id) is None:
            return row
    raise LookupError(f"no {table} row of a meeting whose minutes are open")


def _edit_form(
    save: Callable[..., Any],
    table: str,
    column: str,
    form: Callable[[Store, Row], dict[str, Any]],
    pick: Callable[[Store, str], Row] = first,
) -> Writer:
    """Like :func:`_edit`, for save functions that take the form's values, not the row's."""

    def write(store: Store, value: str) -> object:
        values = form(store, pick(store, table))
        return save(store, {**values, column: value}, values["id"])

    return write


def _money_form(_store: Store, row: Row) -> dict[str, Any]:
    """A finance row as its form gives it: amounts under their form keys, a year's label."""
    values = dict(row)
    for key, pence in row.items():
        if key.endswith("_pence") and pence is not None:
            values[key.removesuffix("_pence")] = abs(int(pence))
    if "amount_pence" in row and "reserve_id" in row:
        values["direction"] = "drawdown" if row["amount_pence"] < 0 else "transfer in"
    if "start_year" in row:
        y = int(row["start_year"])
        values["label"] = f"{y}/{(y + 1) % 100:02d}"
    return values


def _meeting_form(_store: Store, row: Row) -> dict[str, Any]:
    return {**row, "end_time": None}


def _action_form(store: Store, row: Row) -> dict[str, Any]:
    return dict(_chosen(store, "actions", status="open"))


def _risk_form(store: Store, row: Row) -> dict[str, Any]:
    return dict(_chosen(store, "risks", status="open"))


def _partnership(column: str) -> Writer:
    def write(store: Store, value: str) -> object:
        row = store.require("partnership", 1)
        values = {
            "name": row["name"],
            "local_authorities": ["Northbridge"],
            "chair_arrangement": row["chair_arrangement"],
            "notes": row["notes"],
        }
        values[column] = [value] if column == "local_authorities" else value
        save_partnership(store, **values)
        return None

    return write


def _agenda(column: str) -> Writer:
    def write(store: Store, value: str) -> object:
        item = open_to_change(store, "agenda_items")
        if column in ("minute_text", "decisions"):
            texts = {"minute_text": item["minute_text"], "decisions": item["decisions"]}
            texts[column] = value
            return save_minutes(store, item["id"], texts["minute_text"], texts["decisions"])
        return save_item(store, item["meeting_id"], {**item, column: value}, item["id"])

    return write


def _cover(column: str) -> Writer:
    def write(store: Store, value: str) -> object:
        item = first(store, "cover_sheets")
        return save_cover_sheet(store, item["agenda_item_id"], {**item, column: value})

    return write


def _cadence(column: str) -> Writer:
    def write(store: Store, value: str) -> object:
        return save_cadence(store, {**first(store, "meeting_cadences"), column: value})

    return write


def _paper(column: str) -> Writer:
    def write(store: Store, value: str) -> object:
        paper = first(store, "papers")
        return save_paper(store, paper["meeting_id"], {**paper, column: value}, paper["id"])

    return write


_CHOSEN: dict[str, int] = {}


def _chosen(store: Store, table: str, **where: Any) -> Row:
    """The same record every time (the first matching on first use), as it is now."""
    key = f"{store.path}:{table}:{where}"
    if key not in _CHOSEN:
        _CHOSEN[key] = first(store, table, **where)["id"]
    return store.require(table, _CHOSEN[key])


def _chosen_open(store: Store, table: str) -> Row:
    """Like :func:`_chosen`, a row of a meeting whose minutes are open to change."""
    key = f"{store.path}:{table}:open"
    if key not in _CHOSEN:
        _CHOSEN[key] = open_to_change(store, table)["id"]
    return store.require(table, _CHOSEN[key])


def _amendment(store: Store, value: str) -> object:
    """A correction to the first approved minutes, agreed the day they were approved."""
    row = next(r for r in store.rows("meeting_minutes", order_by="id") if r["approved_on"])
    return record_amendment(store, row["meeting_id"], value, agreed_on=row["approved_on"])


def _attendance(column: str) -> Writer:
    def write(store: Store, value: str) -> object:
        meeting = first(store, "meetings", status="planned")
        if column == "notes":
            row = _chosen_open(store, "attendance")
            return set_attendance(store, row["id"], row["status"], notes=value)
        if column == "guest_name":
            return add_guest(store, meeting["id"], value)
        return add_guest(store, meeting["id"], "A guest", value)

    return write


def _declaration(store: Store, value: str) -> object:
    meeting = first(store, "meetings", status="planned")
    return add_declaration(store, meeting["id"], first(store, "people")["id"], value)


_FIRST_DATES: dict[int, str] = {}


def _meeting_change(store: Store, value: str) -> object:
    """Move a meeting a day on, or back to where it was (so it never meets another)."""
    meeting = first(store, "meetings", status="planned")
    start = _FIRST_DATES.setdefault(meeting["id"], meeting["date"])
    new = dt.date.fromisoformat(start) + dt.timedelta(days=1)
    when = start if meeting["date"] != start else new.isoformat()
    return reschedule_meeting(store, meeting["id"], date=when, reason=value)


def _meeting_status_reason(store: Store, value: str) -> object:
    meeting = _chosen(store, "meetings", status="planned")
    return set_meeting_status(store, meeting["id"], "postponed", value)


def _action_note(store: Store, value: str) -> object:
    return add_note(store, first(store, "actions")["id"], value)


def _completion_note(store: Store, value: str) -> object:
    action = _chosen(store, "actions", status="open")
    if action["status"] != "open":
        set_status(store, action["id"], "open")
    return set_status(store, action["id"], "completed", note=value)


def _completed_on(store: Store, value: str) -> object:
    """A completion date, typed in the status change (a date: refused text is not one)."""
    action = _chosen(store, "actions", status="open")
    if action["status"] != "open":
        set_status(store, action["id"], "open")
    return bulk_set_status(store, [action["id"]], "completed", note="Done", completed_on=value)


def _risk_review(store: Store, value: str) -> object:
    risk = first(store, "risks", status="open")
    return record_review(store, risk["id"], {"likelihood": 2, "impact": 2, "note": value})


def _closure_note(store: Store, value: str) -> object:
    risk = _chosen(store, "risks", status="open")
    if risk["status"] == "closed":
        store.update("risks", risk["id"], {"status": "open", "closure_note": ""})
    return close_risk(store, risk["id"], value)


def _payment(column: str) -> Writer:
    def write(store: Store, value: str) -> object:
        contribution = first(store, "contributions")
        values = {"amount": "£1", "paid_on": "2026-04-30", "reference": "", "notes": ""}
        return record_payment(
            store, contribution["id"], {**values, column: value}, confirmed=QUESTIONS
        )

    return write


def _delay(store: Store, value: str) -> object:
    review = store.rows("reviews", "reference = 'RR 2099-01'")
    review_id = (
        review[0]["id"]
        if review
        else record_notification(store, reference="RR 2099-01", aware_date="2026-11-02")
    )
    return record_delay(store, review_id, "notification", value, today=dt.date(2026, 11, 3))


def _rotation(column: str) -> Writer:
    """A chair rotation of the first body among two partners, with *value* in *column*."""

    def write(store: Store, value: str) -> object:
        orgs = [r["id"] for r in store.rows("organisations")][:2]
        values: dict[str, Any] = {"start_date": "2026-04-01", "notes": ""} | {column: value}
        return save_rotation(
            store,
            first(store, "bodies")["id"],
            every_months=12,
            start_date=values["start_date"],
            turns=[(org, None) for org in orgs],
            notes=values["notes"],
        )

    return write


def _census(column: str) -> Writer:
    """One cell of the settings census, as the grid and the command line set it, with *value*
    in *column* (its year, local authority and kind name the cell; the note goes with it)."""

    def write(store: Store, value: str) -> object:
        row = first(store, "settings_census")
        cell = {k: row[k] for k in ("year", "local_authority", "kind", "note")} | {column: value}
        return set_count(store, count=row["count"], **cell)

    return write


def _escalation_form(store: Store, row: Row) -> dict[str, Any]:
    """An escalation as its form gives it (the record without its linked actions)."""
    e = dataclasses.asdict(get_escalation(store, row["id"]))
    return {k: v for k, v in e.items() if k not in ("actions", "action_ids")}


def _theme(column: str) -> Writer:
    """A quarter's theme through its form: the quarter typed as text, the bodies ticked."""

    def write(store: Store, value: str) -> object:
        theme = get_theme(store, first(store, "quarterly_themes")["id"])
        values = {**vars(theme), "quarter": theme.quarter.label}
        values["quarter" if column == "quarter_start" else column] = value
        return save_theme(store, values, theme.id)

    return write


WRITERS: dict[tuple[str, str], Writer] = {
    **{("partnership", c): _partnership(c)
       for c in ("name", "local_authorities", "chair_arrangement", "notes")},
    **{("organisations", c): _edit(save_organisation, "organisations", c)
       for c in ("name", "kind", "sector", "local_authority", "notes")},
    **{("people", c): _edit(save_person, "people", c)
       for c in ("name", "job_title", "email", "phone", "notes")},
    **{("partnership_roles", c): _edit(save_role, "partnership_roles", c)
       for c in ("role", "start_date", "end_date", "notes")},
    **{("bodies", c): _edit(save_body, "bodies", c)
       for c in ("name", "code", "kind", "purpose", "local_authority", "start_date", "end_date",
                 "hosted_by")},
    **{("memberships", c): _edit(save_membership, "memberships", c)
       for c in ("role", "start_date", "end_date", "notes")},
    **{("meeting_cadences", c): _cadence(c)
       for c in ("frequency", "start_time", "venue", "online_link", "standing_items")},
    **{("meetings", c): _edit_form(save_meeting, "meetings", c, _meeting_form, open_to_change)
       for c in ("date", "start_time", "venue", "online_link", "status", "notes")},
    ("meetings", "status_reason"): _meeting_status_reason,
    ("meeting_changes", "reason"): _meeting_change,
    **{("agenda_items", c): _agenda(c) for c in ("title", "purpose", "minute_text", "decisions")},
    **{("forward_plan", c): _edit(save_forward_plan, "forward_plan", c)
       for c in ("title", "purpose", "first_due")},
    **{("papers", c): _paper(c) for c in ("title", "status", "received_date", "notes")},
    **{("attendance", c): _attendance(c) for c in ("guest_name", "guest_organisation", "notes")},
    ("declarations", "interest"): _declaration,
    ("minute_amendments", "text"): _amendment,
    **{("quarterly_themes", c): _theme(c)
       for c in ("quarter_start", "title", "description", "notes")},
    **{("chair_rotations", c): _rotation(c) for c in ("start_date", "notes")},
    **{("cover_sheets", c): _cover(c)
       for c in ("author", "summary", "recommendations", "risks", "voice_of_child",
                 "standard_report")},
    **{("priorities", c): _edit(save_priority, "priorities", c)
       for c in ("name", "description", "valid_from", "valid_to")},
    **{("risk_categories", c): _edit(save_category, "risk_categories", c)
       for c in ("name", "statement")},
    **{("risks", c): _edit_form(save_risk, "risks", c, _risk_form)
       for c in ("title", "description", "cause", "consequence", "controls", "target_date",
                 "next_review", "raised_date", "register", "status")},
    ("risks", "closure_note"): _closure_note,
    ("risk_reviews", "note"): _risk_review,
    **{("actions", c): _edit_form(save_action, "actions", c, _action_form)
       for c in ("title", "detail", "source", "source_note", "raised_date", "due_date",
                 "status")},
    ("actions", "completion_note"): _completion_note,
    ("actions", "completed_date"): _completed_on,
    ("action_notes", "text"): _action_note,
    ("finance_years", "notes"): _edit_form(save_year, "finance_years", "notes", _money_form),
    **{("contributions", c): _edit_form(save_contribution, "contributions", c, _money_form)
       for c in ("invoice_ref", "invoice_date", "due_date", "notes")},
    **{("contribution_payments", c): _payment(c) for c in ("paid_on", "reference", "notes")},
    **{("in_kind_contributions", c):
       _edit_form(save_in_kind, "in_kind_contributions", c, _money_form)
       for c in ("description", "notes")},
    **{("budget_lines", c): _edit_form(save_budget_line, "budget_lines", c, _money_form)
       for c in ("category", "description", "notes")},
    **{("spend_entries", c): _edit_form(save_spend, "spend_entries", c, _money_form)
       for c in ("spent_on", "payee", "reference", "description")},
    **{("reserves", c): _edit(save_reserve, "reserves", c) for c in ("name", "purpose")},
    **{("reserve_movements", c): _edit_form(save_movement, "reserve_movements", c, _money_form)
       for c in ("moved_on", "description")},
    **{("reviews", c): _edit(save_review, "reviews", c)
       for c in ("reference", "kind", "local_authority", "decision", "reviewer", "summary",
                 "notes", "aware_date", "notified_date", "rapid_review_date", "decision_date",
                 "commissioned_date", "draft_date", "final_date", "sent_to_panel_date",
                 "planned_publication_date", "published_date", "closed_date",
                 "partners_told_date", "lac_notice_date", "ratified_date", "initiated_date",
                 "sos_sent_date", "ofsted_sent_date", "repository_date", "panel_published_date",
                 "response", "response_date")},
    ("review_delays", "reason"): _delay,
    **{("review_recommendations", c): _edit(save_recommendation, "review_recommendations", c)
       for c in ("text", "status", "target_date", "notes")},
    **{("audits", c): _edit(save_audit, "audits", c)
       for c in ("kind", "title", "theme", "planned_date", "completed_date", "findings",
                 "notes")},
    **{("training_courses", c): _edit(save_training, "training_courses", c)
       for c in ("course", "date", "trainer", "impact_notes")},
    **{("yearly_reports", c): _edit(save_yearly_report, "yearly_reports", c)
       for c in ("year", "notes", "planned_publication_date", "signed_off_date",
                 "published_date", "panel_sent_date", "what_works_sent_date")},
    **{("yearly_report_recipients", c): _edit(save_recipient, "yearly_report_recipients", c)
       for c in ("recipient", "sent_date")},
    ("dispatch_recipients", "name"):
        _edit(save_dispatch_recipient, "dispatch_recipients", "name"),
    **{("escalations", c): _edit_form(save_escalation, "escalations", c, _escalation_form)
       for c in ("reference", "raised_date", "local_authority", "reason", "summary",
                 "stage1_date", "stage2_date", "stage3_date", "stage4_date", "outcome",
                 "resolved_date", "learning", "notes")},
    **{("arrangement_documents", c): _edit(save_document, "arrangement_documents", c)
       for c in ("kind", "title", "version", "approved_by", "published_date", "implemented_date",
                 "sos_notified_date", "last_reviewed_date", "review_date", "withdrawn_date",
                 "link", "notes")},
    **{("settings_census", c): _census(c) for c in ("year", "local_authority", "kind", "note")},
    **{("minimum_rules", c): _edit(save_rule, "minimum_rules", c) for c in ("kind", "notes")},
    # a role is asked of an attendance rule only (a meetings rule keeps none)
    ("minimum_rules", "role"): _edit(save_rule, "minimum_rules", "role", kind="attendance"),
}  # fmt: skip

#: Columns that take any text a user types (the innocent strings must be saved there).
FREE: frozenset[tuple[str, str]] = frozenset(
    key
    for key in WRITERS
    if key[1]
    in {
        "notes", "name", "job_title", "phone", "purpose", "local_authority", "chair_arrangement",
        "standing_items", "venue", "title", "minute_text", "decisions", "guest_name",
        "guest_organisation", "interest", "author", "summary", "recommendations", "risks",
        "voice_of_child", "description", "statement", "cause", "consequence", "controls",
        "closure_note", "note", "detail", "source_note", "completion_note", "text", "reason",
        "status_reason", "invoice_ref", "reference", "payee", "category", "reviewer", "theme",
        "findings", "course", "trainer", "impact_notes", "recipient", "sector", "learning",
        "version", "approved_by", "link", "response",
    }
    and key not in {
        ("organisations", "sector"),  # a choice
        ("agenda_items", "purpose"),  # a choice
        ("forward_plan", "purpose"),  # a choice
        ("reviews", "reference"),  # a reference code with a number
        ("papers", "title"),  # innocent strings may repeat another paper's title: fine, but
        ("actions", "source_note"),  # a risk reference first links to the risk
        ("budget_lines", "category"),  # a choice
        ("bodies", "name"),  # each must be unique
        ("organisations", "name"),  # each must be unique
        ("priorities", "name"),
        ("risk_categories", "name"),
        ("reserves", "name"),
        ("training_courses", "course"),
        ("yearly_report_recipients", "recipient"),
        ("contributions", "invoice_ref"),
        ("partnership", "chair_arrangement"),  # a choice
        ("escalations", "reference"),  # at most 30 characters (ESC 2025-04), each unique
        ("escalations", "reason"),  # a choice
        ("settings_census", "local_authority"),  # one of the partnership's authorities
    }
)  # fmt: skip

#: Text columns the app fills itself (references, computed clocks, generated names): no form
#: writes them directly, and the store's door still checks every value written there.
MADE_BY_THE_APP: frozenset[tuple[str, str]] = frozenset(
    {
        ("actions", "reference"), ("action_notes", "note_date"), ("action_notes", "kind"),
        # who recorded a note: the computer's user name, as the audit log names them
        ("action_notes", "recorded_by"),
        ("attendance", "role"), ("attendance", "status"),
        # the minutes' life cycle: a status, dates and a choice, set by the app's own commands
        ("meeting_minutes", "status"), ("meeting_minutes", "sent_on"),
        ("meeting_minutes", "approved_on"), ("meeting_minutes", "unminuted_items"),
        ("minute_amendments", "agreed_on"),
        ("meeting_changes", "changed_at"), ("meeting_changes", "old_date"),
        ("meeting_changes", "new_date"), ("meeting_changes", "old_start_time"),
        ("meeting_changes", "new_start_time"), ("meetings", "rule_date"),
        ("papers", "stored_name"), ("risks", "reference"), ("risks", "closed_date"),
        ("risk_reviews", "review_date"), ("review_delays", "milestone"),
        ("review_delays", "revised_date"), ("review_delays", "recorded_on"),
        ("reviews", "next_milestone"), ("reviews", "next_due"),
        # the name of the file the user chose: test_text_policy attaches one named with a DOB
        ("papers", "file_name"),
        # written by an erasure; test_erasure feeds every identity string through its reason
        ("erasures", "erased_at"), ("erasures", "kind"), ("erasures", "label"),
        ("erasures", "reason"), ("erasures", "os_user"), ("erasures", "machine"),
        # who receives reports: the statutory recipients' rules come with the schema; the
        # user names a recipient and its days, save_dispatch_recipient sets the rest
        ("dispatch_recipients", "document"), ("dispatch_recipients", "role"),
        ("dispatch_recipients", "unit"), ("dispatch_recipients", "timing"),
        ("dispatch_recipients", "basis"),
    }
)  # fmt: skip
