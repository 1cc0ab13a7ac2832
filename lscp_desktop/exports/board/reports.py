"""The standard reports a board receives at every meeting, written from the app's own data.

- the action log: open actions and those finished since the body last met, RAG in words and
  colour;
- the risk summary: the inherent and residual heat maps (an image with alt text), the top
  risks and the risks overdue for review;
- the finance summary: contributions received against agreed, budget against actual spend.

Each ``write_…`` adds the report under a heading of the given level, so the same report can
stand alone or sit inside a board pack item.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

from lscp_desktop.exports.board.common import long_date, new_document
from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.word.builder import WordDocument, rag_fill
from lscp_desktop.models.actions.chase import actions_for_next_meeting
from lscp_desktop.models.actions.rag import amber_days
from lscp_desktop.models.actions.records import OPEN_STATUSES, RAG_LABELS, Action
from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.money import format_money, money_column
from lscp_desktop.models.finance.analysis import summary
from lscp_desktop.models.finance.budget import list_budget_lines
from lscp_desktop.models.finance.contributions import list_contributions
from lscp_desktop.models.finance.years import find_year
from lscp_desktop.models.membership.bodies import get_body
from lscp_desktop.models.risks.as_at import risks_as_at
from lscp_desktop.models.risks.listing import list_risks
from lscp_desktop.models.risks.records import Risk
from lscp_desktop.models.risks.scoring import score_band
from lscp_desktop.models.risks.summary import heat_map_of, top_of
from lscp_desktop.models.store.database import Store

BAND_FILLS = {"low": "C9E7C9", "medium": "FCE8B2", "high": "F9CB9C", "very high": "F4A6A0"}
TREND_WORDS = {"up": "Worse", "down": "Better", "level": "Steady"}
_RAG_ORDER = {"red": 0, "amber": 1, "green": 2, "complete": 3, "cancelled": 4}
#: The widest action log a pack prints in full; beyond it the oldest green actions are counted.
MAX_ACTION_ROWS = 400


def percent(part: int, whole: int) -> str:
    """Whole per cent, exact (no float arithmetic on money)."""
    if not whole:
        return "–"
    return f"{round(Fraction(part * 100, whole))}%"


# ---- action log ------------------------------------------------------------------------


def write_action_log(
    doc: WordDocument, store: Store, body_id: int, *, today: dt.date, level: int = 1
) -> None:
    body = get_body(store, body_id)
    log = actions_for_next_meeting(store, body_id, today)
    open_ = [a for a in log.actions if a.status in OPEN_STATUSES]
    done = [a for a in log.actions if a.status not in OPEN_STATUSES]
    open_.sort(key=lambda a: (_RAG_ORDER.get(a.rag, 9), a.due_date, a.number))
    doc.heading(f"Action log: {body.name}", level)
    counts = {r: sum(1 for a in open_ if a.rag == r) for r in ("red", "amber", "green")}
    since = f"since the last meeting on {uk(log.since)}" if log.since else "in the last 90 days"
    doc.paragraph(
        f"As at {uk(today)}: {len(open_)} open action{'s' if len(open_) != 1 else ''} — "
        f"{counts['red']} red (overdue), {counts['amber']} amber (due within "
        f"{amber_days(store)} days), {counts['green']} green; {len(done)} completed, "
        f"closed or cancelled {since}."
    )
    headers = ["Ref", "Action", "Owner", "Due", "Status", "RAG", "Latest progress"]
    shown = open_[:MAX_ACTION_ROWS]
    if shown:
        doc.heading("Open actions", level + 1)
        doc.table(headers, [_action_row(a) for a in shown], fills=[_rag_fills(a) for a in shown])
        if len(open_) > len(shown):
            doc.paragraph(
                f"A further {len(open_) - len(shown)} open actions (all green) are in the "
                "action log workbook.",
                italic=True,
            )
    else:
        doc.paragraph("There are no open actions.")
    if done:
        doc.heading(f"Completed, closed or cancelled {since}", level + 1)
        doc.table(headers, [_action_row(a) for a in done], fills=[_rag_fills(a) for a in done])


def _action_row(a: Action) -> list[str]:
    note = a.latest_note or a.completion_note
    if note and a.latest_note_date:
        note = f"{uk(a.latest_note_date)}: {note}"
    rag = RAG_LABELS.get(a.rag, a.rag.capitalize())
    if a.rag == "red":
        rag += " (overdue)"
    return [a.reference, a.title, a.owner or "No owner", uk(a.due_date), a.status.capitalize(),
            rag, note[:600]]  # fmt: skip


def _rag_fills(a: Action) -> list[str | None]:
    return [None] * 5 + [rag_fill(a.rag), None]


# ---- risk summary ----------------------------------------------------------------------


def _register_for(store: Store, body_id: int | None) -> tuple[str | None, int | None, str]:
    """Which risks a body's report covers: its own subgroup register, else the strategic one."""
    if body_id is not None and list_risks(store, body_id=body_id, include_closed=False):
        body = get_body(store, body_id)
        return "subgroup", body_id, f"{body.name} risk register"
    return "strategic", None, "Strategic risk register"


def write_risk_summary(
    doc: WordDocument, store: Store, *, body_id: int | None, today: dt.date, level: int = 1,
    top: int = 10, as_at: dt.date | None = None,
) -> None:  # fmt: skip
    """The register today, or as it stood on *as_at* (rebuilt from the reviews up to then)."""
    from lscp_desktop.exports.charts.heatmap import heat_map_png

    register, reg_body, name = _register_for(store, body_id)
    doc.heading(f"Risk summary: {name}", level)
    if as_at is not None:
        live = risks_as_at(store, as_at, register=register, body_id=reg_body)
        today = as_at
    else:
        live = list_risks(store, register=register, body_id=reg_body, include_closed=False,
                          today=today)  # fmt: skip
    if not live:
        doc.paragraph("There were no open risks on this register."
                      if as_at else "There are no open risks on this register.")  # fmt: skip
        return
    inherent, residual = heat_map_of(live, "inherent"), heat_map_of(live, "residual")
    above = [r for r in live if r.above_appetite]
    bands = _band_counts(live)
    holds, was = ("held", ("was", "were")) if as_at else ("holds", ("is", "are"))
    doc.paragraph(
        f"As at {uk(today)} the register {holds} {len(live)} open risk"
        f"{'s' if len(live) != 1 else ''}. After controls, {bands}. {len(above)} "
        f"{was[len(above) != 1]} above the partnership's appetite for its category."
    )
    doc.heading("Heat map", level + 1)
    doc.picture(
        # The 8.6-inch figure is printed 14.5 cm wide: 110 dpi gives ~165 pixels per printed
        # inch, as sharp as the other charts, at half the drawing time of 150 dpi.
        heat_map_png(inherent, residual, dpi=110),
        width_cm=14.5,
        alt=f"Two 5 by 5 heat maps of the {len(live)} open risks on the {name.lower()}, "
        f"likelihood against impact. Before controls: {_band_counts(live, inherent=True)}. "
        f"After controls: {bands}. {len(above)} above appetite.",
    )
    chosen = top_of(live, top)
    doc.heading(f"Top {len(chosen)} risks by residual score", level + 1)
    rows, fills = [], []
    for r in chosen:
        target = str(r.target_score) if r.target_score is not None else "–"
        rows.append([
            r.reference, r.title, r.owner or "No owner",
            _score_text(r.inherent_score), _score_text(r.residual_score), target,
            TREND_WORDS.get(r.trend, r.trend), uk(r.next_review) if r.next_review else "–",
        ])  # fmt: skip
        fills.append([None, None, None, _band_fill(r.inherent_score),
                      _band_fill(r.residual_score), None, None, None])  # fmt: skip
    doc.table(
        ["Ref", "Risk", "Owner", "Inherent", "Residual", "Target", "Trend", "Next review"],
        rows, fills=fills, one_line=(3, 4, 5, 6, 7),  # "Very high" stays on its line
    )  # fmt: skip
    overdue = [r for r in live if r.review_overdue]
    doc.heading("Reviews overdue", level + 1)
    if overdue:
        doc.table(
            ["Ref", "Risk", "Owner", "Review was due"],
            [[r.reference, r.title, r.owner or "No owner", uk(r.next_review)] for r in overdue],
        )
    else:
        doc.paragraph("Every open risk had been reviewed on time."
                      if as_at else "Every open risk has been reviewed on time.")  # fmt: skip


def _score_text(score: int) -> str:
    return f"{score}\n{score_band(score).capitalize()}"


def _band_fill(score: int) -> str:
    return BAND_FILLS[score_band(score)]


def _band_counts(live: list[Risk], *, inherent: bool = False) -> str:
    counts: dict[str, int] = {}
    for r in live:
        band = score_band(r.inherent_score if inherent else r.residual_score)
        counts[band] = counts.get(band, 0) + 1
    parts = [f"{counts[b]} {b}" for b in ("very high", "high", "medium", "low") if counts.get(b)]
    return ", ".join(parts)


# ---- finance summary -------------------------------------------------------------------


def write_finance_summary(
    doc: WordDocument, store: Store, year_label: str, *, today: dt.date, level: int = 1
) -> None:
    doc.heading(f"Finance summary {year_label}", level)
    year = find_year(store, year_label)
    if year is None:
        doc.paragraph(f"No funding has been recorded for {year_label} yet.")
        return
    totals = summary(store, year.id, today=today)
    contributions = list_contributions(store, year.id, today=today)
    lines = list_budget_lines(store, year.id)
    doc.paragraph(
        f"As at {uk(today)}: {format_money(totals.agreed)} agreed from {totals.contributors} "
        f"partners, {format_money(totals.received)} received "
        f"({percent(totals.received, totals.agreed)}), {format_money(totals.outstanding)} "
        f"outstanding ({totals.overdue} overdue). Spending {format_money(totals.actual)} "
        f"against a budget of {format_money(totals.budget)} "
        f"({percent(totals.actual, totals.budget)})."
    )
    doc.heading("Contributions received against agreed", level + 1)
    columns = money_columns(
        [c.agreed for c in contributions] + [totals.agreed],
        [c.received for c in contributions] + [totals.received],
        [c.outstanding for c in contributions] + [totals.outstanding],
    )
    names = [c.organisation for c in contributions] + ["Total"]
    status = [c.status.capitalize() for c in contributions] + [""]
    doc.table(
        ["Partner", "Status", "Agreed", "Received", "Outstanding"],
        [list(r) for r in zip(names, status, *columns, strict=True)],
        right_align=(2, 3, 4), bold_last_row=True,
    )  # fmt: skip
    doc.heading("Budget against actual spend", level + 1)
    budget, actual, variance = money_columns(
        [line.budget for line in lines] + [totals.budget],
        [line.actual for line in lines] + [totals.actual],
        [abs(line.variance) for line in lines] + [abs(totals.variance)],
    )
    positions = [_position(v) for v in [line.variance for line in lines] + [totals.variance]]
    names = [line.description or line.category for line in lines] + ["Total"]
    doc.table(
        ["Budget line", "Budget", "Actual", "Variance", "Position"],
        [list(r) for r in zip(names, budget, actual, variance, positions, strict=True)],
        right_align=(1, 2, 3), bold_last_row=True,
    )  # fmt: skip


def money_columns(*columns: list[int]) -> list[list[str]]:
    """Each column of amounts in one format (pence on every row when any row has them)."""
    return [money_column(c) for c in columns]


def _position(variance: int) -> str:
    """The words for a variance, in their own column beside the amount."""
    if variance == 0:
        return "On budget"
    return "Under budget" if variance > 0 else "Over budget"


# ---- registry builds -------------------------------------------------------------------


def build_action_log(
    store: Store, options: ExportOptions, path: Path, progress: ProgressFn
) -> Path:
    if options.body_id is None:
        raise ValidationError("Choose the body whose action log you want.", "body")
    body = get_body(store, options.body_id)
    today = dt.date.today()
    progress(0, 2, "Action log")
    doc = new_document(store, options, f"Action log: {body.name}")
    doc.set_landscape()
    write_action_log(doc, store, body.id, today=today)
    progress(1, 2, "Saving")
    return doc.save(path)


def build_risk_summary(
    store: Store, options: ExportOptions, path: Path, progress: ProgressFn
) -> Path:
    today = dt.date.today()
    progress(0, 2, "Risk summary")
    doc = new_document(store, options, f"Risk summary, {long_date(today)}")
    write_risk_summary(doc, store, body_id=options.body_id, today=today)
    progress(1, 2, "Saving")
    return doc.save(path)


def build_finance_summary(
    store: Store, options: ExportOptions, path: Path, progress: ProgressFn
) -> Path:
    today = dt.date.today()
    label = options.year or FinancialYear.containing(today).label
    FinancialYear.parse(label)  # a clear message for "2025-26" or "next year"
    progress(0, 2, "Finance summary")
    doc = new_document(store, options, f"Finance summary {label}")
    write_finance_summary(doc, store, label, today=today)
    progress(1, 2, "Saving")
    return doc.save(path)
