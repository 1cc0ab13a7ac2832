"""Demo cover sheets for the Executive's next meetings, so a demo board pack reads like one."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.demo import queries as demo_queries
from lscp_desktop.models.demo.context import DemoContext
from lscp_desktop.models.meetings.coversheets import guess_standard_report
from lscp_desktop.models.store.database import Store

_SUMMARIES = {
    "previous-minutes": (
        "The draft minutes of the last meeting are attached for the Executive to agree. Matters "
        "arising not covered elsewhere on the agenda are listed in the action log."
    ),
    "action-log": (
        "The action log shows every open action of the Executive and those completed since it "
        "last met. Overdue actions are marked red; owners have been asked for an update before "
        "the meeting."
    ),
    "risk-summary": (
        "The strategic risk register was reviewed by the risk owners this quarter. The heat map "
        "shows the register before and after controls; the top risks and any reviews overdue "
        "are listed."
    ),
    "finance-summary": (
        "Partner contributions for the year are set out against the agreed amounts, with "
        "spending against each budget line to date."
    ),
    "": (
        "This report sets out progress since the last meeting, the evidence the partners have "
        "gathered and what remains to be done, so that the Executive can be assured that "
        "children are safeguarded effectively."
    ),
}
_RECOMMENDATIONS = {
    "previous-minutes": "The Executive is asked to agree the minutes as an accurate record.",
    "action-log": (
        "The Executive is asked to note progress, agree to close the completed actions and "
        "agree new dates for overdue actions where the owner has given a reason."
    ),
    "risk-summary": (
        "The Executive is asked to note the changes to the register and agree whether any risk "
        "above appetite needs further action."
    ),
    "finance-summary": (
        "The Executive is asked to note the position and ask partners with outstanding "
        "contributions to pay before the end of the financial year."
    ),
    "": (
        "The Executive is asked to note the report, challenge where assurance is weak and "
        "agree the next steps set out in section 4."
    ),
}
_RISKS = (
    "No new risks. Delays in partner data returns could affect the quality of assurance; "
    "this is on the operational risk register. No financial, legal or equality implications "
    "beyond those in the report."
)
_VOICE = (
    "Feedback from the Young People's Advisory Group and from families taking part in the "
    "last multi-agency audit is summarised in section 3 and has shaped the recommendations."
)


def build(store: Store, ctx: DemoContext) -> None:
    """Cover sheets for the items with something to read at the Executive's next two meetings."""
    exec_id = ctx.body_ids.get("EXEC")
    if exec_id is None:
        return
    upcoming = demo_queries.upcoming_meeting_ids(store, exec_id, ctx.today.isoformat(), 2)
    if not upcoming:
        return
    items = demo_queries.item_paper_rows(store, upcoming)
    rows: list[tuple[Any, ...]] = []
    for item in items:
        report = guess_standard_report(item["title"])
        if not report and not item["papers"]:
            continue
        author = item["presenter"] or "Partnership Business Manager"
        rows.append((item["id"], author, _SUMMARIES[report], _RECOMMENDATIONS[report],
                     _RISKS, _VOICE))  # fmt: skip
    store.bulk_insert(
        "cover_sheets",
        ["agenda_item_id", "author", "summary", "recommendations", "risks", "voice_of_child"],
        rows,
    )
