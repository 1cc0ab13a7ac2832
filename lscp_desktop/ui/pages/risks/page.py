"""Risk registers: strategic, operational and subgroups' own; risk detail with scores, reviews,
trend and score-over-time chart; the heat map. Charts are drawn off the GUI thread."""

from __future__ import annotations

import dataclasses
import html
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models import actions as A
from lscp_desktop.models import membership as m
from lscp_desktop.models import risks as R
from lscp_desktop.models.dates import uk
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.filtered_table import FilteredTableModel
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.actions import dialogs
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.register_view import HistoryDialog, RegisterSpec
from lscp_desktop.ui.table import Column, make_table_view, selected_record

BAND_COLOURS = {
    "low": QColor("#c9e7c9"),
    "medium": QColor("#fce8b2"),
    "high": QColor("#f9cb9c"),
    "very high": QColor("#f4a6a0"),
}
TREND_TEXT = {R.TREND_UP: "▲ up", R.TREND_DOWN: "▼ down", R.TREND_LEVEL: "► level"}
SCORES = ("1", "2", "3", "4", "5")


def risk_columns() -> list[Column[R.Risk]]:
    return [
        Column("Reference", lambda r: r.reference),
        Column("Risk", lambda r: r.title, tooltip=lambda r: r.description or r.title),
        Column("Register", lambda r: r.register_label),
        Column("Category", lambda r: r.category),
        Column("Owner", lambda r: r.owner),
        Column(
            "Inherent",
            lambda r: f"{r.inherent_score} ({r.inherent_likelihood}×{r.inherent_impact})",
            sort_key=lambda r: r.inherent_score,
            background=lambda r: BAND_COLOURS[R.score_band(r.inherent_score)],
        ),
        Column(
            "Residual",
            lambda r: f"{r.residual_score} ({r.residual_likelihood}×{r.residual_impact})",
            sort_key=lambda r: r.residual_score,
            background=lambda r: BAND_COLOURS[R.score_band(r.residual_score)],
        ),
        Column(
            "Appetite",
            lambda r: f"{r.appetite}" + (" — above" if r.above_appetite else ""),
            sort_key=lambda r: (r.above_appetite, r.appetite),
        ),
        Column("Trend", lambda r: TREND_TEXT[r.trend]),
        Column("Target", lambda r: str(r.target_score or ""), sort_key=lambda r: r.target_score),
        Column("Status", lambda r: r.status),
        Column(
            "Next review",
            lambda r: uk(r.next_review) + (" — overdue" if r.review_overdue else ""),
            sort_key=lambda r: r.next_review,
            background=lambda r: QColor("#f4c7c3") if r.review_overdue else None,
        ),
        Column("Open actions", lambda r: str(r.open_actions), sort_key=lambda r: r.open_actions),
    ]


def _people(store: Any) -> list[tuple[str, object]]:
    return [(p.name, p.id) for p in m.list_people(store, active_only=True)]


def risk_fields(store: Any) -> list[Field]:
    subgroups = [(f"{b.code}: {b.name}", b.id) for b in m.list_bodies(store)]
    return [
        Field("register", "Register", "choice", choices=R.REGISTERS),
        Field("body_id", "Subgroup (its own register)", "ref", options=lambda: subgroups),
        Field("title", "Risk", optional=False),
        Field("description", "Description", "multiline"),
        Field("cause", "Cause"),
        Field("consequence", "Consequence"),
        Field(
            "category_id",
            "Category",
            "ref",
            options=lambda: [(c.name, c.id) for c in R.list_categories(store)],
            optional=False,
        ),
        Field("owner_id", "Owner", "ref", options=lambda: _people(store)),
        Field(
            "priority_id",
            "Related priority",
            "ref",
            options=lambda: [(p.name, p.id) for p in A.list_priorities(store, active_only=True)],
        ),
        Field("inherent_likelihood", "Inherent likelihood (1–5)", "choice", choices=SCORES),
        Field("inherent_impact", "Inherent impact (1–5)", "choice", choices=SCORES),
        Field("controls", "Existing controls", "multiline"),
        Field("residual_likelihood", "Residual likelihood (1–5)", "choice", choices=SCORES),
        Field("residual_impact", "Residual impact (1–5)", "choice", choices=SCORES),
        Field("target_score", "Target score (1–25)"),
        Field("target_date", "Target date", "date"),
        Field("review_months", "Review every (months)"),
        Field("next_review", "Next review", "date"),
        Field("raised_date", "Raised", "date", optional=False),
        Field("status", "Status", "choice", choices=R.STATUSES),
        Field("closure_note", "Closure note", "multiline", placeholder="needed to close"),
    ]


def risk_values(r: R.Risk) -> dict[str, Any]:
    values = {f.name: getattr(r, f.name) for f in dataclasses.fields(r)}
    for key in ("inherent_likelihood", "inherent_impact", "residual_likelihood",
                "residual_impact"):  # fmt: skip
        values[key] = str(values[key])
    values["target_score"] = "" if r.target_score is None else str(r.target_score)
    values["review_months"] = str(r.review_months)
    return values


def _close(store: Any, risk_id: int, note: str) -> int:
    R.close_risk(store, risk_id, note)
    return risk_id


class RisksPage(Page):
    title = "Risks"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model: FilteredTableModel[R.Risk] = FilteredTableModel(risk_columns())
        self._heat_generation = 0
        self._chart_generation = 0
        self._build_ui()
        self._connect_signals()

    # ---- construction ----------------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        top = QHBoxLayout()
        heading = QLabel("Risk registers")
        heading.setObjectName("pageTitle")
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(QLabel("Register:"))
        self.register_combo = QComboBox()
        self.register_combo.setMinimumWidth(260)
        top.addWidget(self.register_combo)
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("muted")
        top.addWidget(self.overdue_label)
        top.addStretch(1)
        self.categories_button = QPushButton("Categories and appetite…")
        top.addWidget(self.categories_button)
        layout.addLayout(top)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_register_tab(), "Register")
        self.heat_label = QLabel("The heat map is drawn when this tab is opened.")
        self.heat_label.setObjectName("heatMap")
        self.heat_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heat_scroll = QScrollArea()
        heat_scroll.setWidgetResizable(True)
        heat_scroll.setWidget(self.heat_label)
        self.tabs.addTab(heat_scroll, "Heat map")

    def _build_register_tab(self) -> QWidget:
        tab = QWidget()
        col = QVBoxLayout(tab)
        col.setContentsMargins(0, 8, 0, 0)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search risks…")
        self.search.setClearButtonEnabled(True)
        filters.addWidget(self.search, 1)
        self.closed_check = QCheckBox("Show closed")
        self.appetite_check = QCheckBox("Above appetite only")
        self.overdue_check = QCheckBox("Overdue for review only")
        for w in (self.closed_check, self.appetite_check, self.overdue_check):
            filters.addWidget(w)
        col.addLayout(filters)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("New risk…")
        self.edit_button = QPushButton("Edit…")
        self.review_button = QPushButton("Record review…")
        self.close_button = QPushButton("Close risk…")
        self.action_button = QPushButton("New linked action…")
        self.history_button = QPushButton("History…")
        for b in (self.new_button, self.edit_button, self.review_button, self.close_button,
                  self.action_button, self.history_button):  # fmt: skip
            buttons.addWidget(b)
        buttons.addStretch(1)
        col.addLayout(buttons)

        self.view = make_table_view(
            self.model,
            sort=(0, Qt.SortOrder.AscendingOrder),
            widths=(80, 250, 110, 150, 110, 70, 70, 84, 66, 50, 72, 120),
        )

        self.detail = QLabel()
        self.detail.setObjectName("riskDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setWidget(self.detail)
        self.chart = QLabel()
        self.chart.setObjectName("scoreChart")
        self.chart.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart.setMinimumHeight(150)
        self.reviews = QTableWidget(0, 5)
        self.reviews.setObjectName("reviews")
        self.reviews.setHorizontalHeaderLabels(["Date", "Score", "Trend", "Reviewer", "Note"])
        self.reviews.verticalHeader().hide()
        self.reviews.horizontalHeader().setStretchLastSection(True)
        self.reviews.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        right = QWidget()
        right_col = QVBoxLayout(right)
        right_col.setContentsMargins(0, 0, 0, 0)
        right_col.addWidget(self.chart, 3)
        right_col.addWidget(self.reviews, 2)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(detail_scroll)
        lower.addWidget(right)
        lower.setSizes([460, 560])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setSizes([250, 380])
        col.addWidget(split, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        col.addWidget(self.count_label)
        return tab

    def _connect_signals(self) -> None:
        self.register_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        for check in (self.closed_check, self.appetite_check, self.overdue_check):
            check.toggled.connect(lambda _c: self.apply_filter())
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.review_button.clicked.connect(self.record_review)
        self.close_button.clicked.connect(self.close_selected)
        self.action_button.clicked.connect(self.new_linked_action)
        self.history_button.clicked.connect(self.show_history)
        self.categories_button.clicked.connect(self.edit_categories)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.on_selection_changed())
        self.model.modelReset.connect(self._update_count)
        self.tabs.currentChanged.connect(lambda _i: self._draw_heat_map())

    # ---- loading and filtering -------------------------------------------------------------

    def refresh(self) -> None:
        store = self.ctx.store
        current = self.register_combo.currentData()
        self.register_combo.blockSignals(True)
        self.register_combo.clear()
        self.register_combo.addItem("All registers", (None, None))
        self.register_combo.addItem("Strategic", ("strategic", None))
        self.register_combo.addItem("Operational", ("operational", None))
        for b in m.list_bodies(store):
            if b.kind not in ("executive", "scrutiny board", "forum"):
                self.register_combo.addItem(f"{b.name} (own register)", ("subgroup", b.id))
        index = self.register_combo.findData(current)
        self.register_combo.setCurrentIndex(max(index, 0))
        self.register_combo.blockSignals(False)
        self.reload()

    def register_choice(self) -> tuple[str | None, int | None]:
        data = self.register_combo.currentData()
        return data if data else (None, None)

    def reload(self) -> None:
        selected = self.selected()
        register, body_id = self.register_choice()
        risks = R.list_risks(self.ctx.store, register=register, body_id=body_id)
        self.model.set_records(risks)
        self.apply_filter()
        overdue = sum(1 for r in risks if r.review_overdue)
        self.overdue_label.setText(
            f"{overdue} risk{'s' if overdue != 1 else ''} overdue for review" if overdue else ""
        )
        if selected is not None:
            self.select_id(selected.id)
        self._draw_heat_map()

    def apply_filter(self) -> None:
        words = self.search.text().lower().split()
        show_closed = self.closed_check.isChecked()
        above = self.appetite_check.isChecked()
        overdue = self.overdue_check.isChecked()

        def accept(r: R.Risk) -> bool:
            return (
                (show_closed or r.status != "closed")
                and (not above or r.above_appetite)
                and (not overdue or r.review_overdue)
                and all(w in r.search_text for w in words)
            )

        self.model.set_filter(accept)
        self.on_selection_changed()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        self.count_label.setText(
            f"{total} risks" if shown == total else f"{shown} of {total} risks shown"
        )

    # ---- selection and detail --------------------------------------------------------------

    def selected(self) -> R.Risk | None:
        record: R.Risk | None = selected_record(self.view)
        return record

    def select_id(self, risk_id: int) -> bool:
        row = self.model.row_of(risk_id)
        if row is None:
            return False
        self.view.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def on_selection_changed(self) -> None:
        risk = self.selected()
        writable = not self.ctx.store.read_only
        live = risk is not None and risk.status != "closed"
        self.new_button.setEnabled(writable)
        self.edit_button.setEnabled(risk is not None and writable)
        self.review_button.setEnabled(live and writable)
        self.close_button.setEnabled(live and writable)
        self.action_button.setEnabled(live and writable)
        self.history_button.setEnabled(risk is not None)
        self._show_detail(risk)

    def _show_detail(self, r: R.Risk | None) -> None:
        self.reviews.setRowCount(0)
        self.chart.clear()
        if r is None:
            self.detail.setText("<span style='color:#5f6b7a'>Choose a risk to see its detail, "
                                "reviews and score over time.</span>")  # fmt: skip
            return
        e = html.escape
        store = self.ctx.store
        linked = A.list_actions(store, risk_id=r.id)
        lines = [
            f"<b>{e(r.reference)}</b> — {e(r.title)}",
            f"<b>Register:</b> {e(r.register_label)} · <b>Category:</b> {e(r.category)} "
            f"(appetite {r.appetite})",
            f"<b>Owner:</b> {e(r.owner or 'none')}"
            + (f" · <b>Priority:</b> {e(r.priority)}" if r.priority else ""),
            f"<b>Inherent</b> {r.inherent_likelihood} × {r.inherent_impact} = "
            f"{r.inherent_score} · <b>Residual</b> {r.residual_likelihood} × "
            f"{r.residual_impact} = {r.residual_score}"
            + (" <b style='color:#a4262c'>above appetite</b>" if r.above_appetite else "")
            + f" · <b>Trend</b> {TREND_TEXT[r.trend]}",
            f"<b>Target</b> {r.target_score or '—'} by {uk(r.target_date) or '—'} · "
            f"<b>Status</b> {e(r.status)} · reviewed every {r.review_months} month(s), "
            f"<b>next</b> {uk(r.next_review)}"
            + (" <b style='color:#a4262c'>(overdue)</b>" if r.review_overdue else ""),
        ]
        for label, text in (("Description", r.description), ("Cause", r.cause),
                            ("Consequence", r.consequence), ("Controls", r.controls),
                            ("Closure note", r.closure_note)):  # fmt: skip
            if text:
                lines.append(f"<b>{label}:</b> {e(text)}")
        if linked:
            items = "".join(
                f"<li>{e(a.reference)} {e(a.title)} — {e(a.status)}, due {uk(a.due_date)}</li>"
                for a in linked
            )
            lines.append(f"<b>Further actions ({len(linked)}):</b><ul>{items}</ul>")
        else:
            lines.append("<b>Further actions:</b> none linked yet.")
        self.detail.setText("<br>".join(lines))
        reviews = R.list_reviews(store, r.id)
        self.reviews.setRowCount(len(reviews))
        scores: list[int] = []
        for i, v in enumerate(reviews):
            scores.append(v.score)
            row = len(reviews) - 1 - i  # newest first
            cells = (uk(v.review_date), f"{v.score} ({v.likelihood}×{v.impact})",
                     TREND_TEXT[R.trend(scores)], v.reviewer, v.note)  # fmt: skip
            for j, text in enumerate(cells):
                self.reviews.setItem(row, j, QTableWidgetItem(text))
        self.reviews.resizeColumnsToContents()
        self.reviews.horizontalHeader().setStretchLastSection(True)
        self._draw_chart(r, [(v.review_date, v.score) for v in reviews])

    def _draw_chart(self, r: R.Risk, points: list[tuple[str, int]]) -> None:
        self._chart_generation += 1
        generation = self._chart_generation
        self.chart.setText("Drawing the chart…")
        target, appetite, title = r.target_score, r.appetite, f"{r.reference}: residual score"

        def draw(_progress: Any) -> bytes:
            from lscp_desktop.exports.charts.heatmap import score_chart_png

            return score_chart_png(points, target=target, appetite=appetite, title=title, dpi=90)

        def shown(png: bytes) -> None:
            if generation == self._chart_generation:
                pixmap = QPixmap()
                pixmap.loadFromData(png, "PNG")
                size = self.chart.size()
                self.chart.setPixmap(
                    pixmap.scaled(
                        max(size.width(), 200),
                        max(size.height(), 120),
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )

        self.ctx.runner.run(draw, on_success=shown, on_failure=lambda exc: self.chart.setText(
            f"The chart could not be drawn: {exc}"))  # fmt: skip

    def _draw_heat_map(self) -> None:
        if self.tabs.currentIndex() != 1:
            return
        register, body_id = self.register_choice()
        store = self.ctx.store
        inherent = R.heat_map_counts(store, register, "inherent", body_id=body_id)
        residual = R.heat_map_counts(store, register, "residual", body_id=body_id)
        title = self.register_combo.currentText()
        self._heat_generation += 1
        generation = self._heat_generation
        self.heat_label.setText("Drawing the heat map…")

        def draw(_progress: Any) -> bytes:
            from lscp_desktop.exports.charts.heatmap import heat_map_png

            return heat_map_png(inherent, residual, title=title, dpi=120)

        def shown(png: bytes) -> None:
            if generation == self._heat_generation:
                pixmap = QPixmap()
                pixmap.loadFromData(png, "PNG")
                self.heat_label.setPixmap(pixmap)

        self.ctx.runner.run(draw, on_success=shown, on_failure=lambda exc: self.heat_label.setText(
            f"The heat map could not be drawn: {exc}"))  # fmt: skip

    # ---- commands --------------------------------------------------------------------------

    def new_record(self) -> None:
        import datetime as dt

        register, body_id = self.register_choice()
        values = {
            "register": register or "strategic",
            "body_id": body_id,
            "raised_date": dt.date.today().isoformat(),
            "status": "open",
            "review_months": "3",
            "inherent_likelihood": "3",
            "inherent_impact": "3",
            "residual_likelihood": "2",
            "residual_impact": "3",
        }
        store = self.ctx.store
        new_id = dialogs.ScrollingRecordDialog.ask(
            self, "New risk", risk_fields(store), values, lambda v: R.save_risk(store, v)
        )
        if new_id is not None:
            self._after_change(int(new_id))

    def edit_selected(self) -> None:
        r = self.selected()
        if r is None:
            return
        store = self.ctx.store
        saved = dialogs.ScrollingRecordDialog.ask(
            self,
            f"Edit risk {r.reference}",
            risk_fields(store),
            risk_values(r),
            lambda v: R.save_risk(store, v, r.id),
        )
        if saved is not None:
            self._after_change(r.id)

    def record_review(self) -> None:
        import datetime as dt

        r = self.selected()
        if r is None:
            return
        store = self.ctx.store
        saved = RecordDialog.ask(
            self,
            f"Review of {r.reference}",
            [
                Field("review_date", "Review date", "date", optional=False),
                Field("likelihood", "Residual likelihood (1–5)", "choice", choices=SCORES),
                Field("impact", "Residual impact (1–5)", "choice", choices=SCORES),
                Field("reviewer_id", "Reviewed by", "ref", options=lambda: _people(store)),
                Field("note", "What the review found", "multiline", optional=False),
            ],
            {
                "review_date": dt.date.today().isoformat(),
                "likelihood": str(r.residual_likelihood),
                "impact": str(r.residual_impact),
                "reviewer_id": r.owner_id,
            },
            lambda v: R.record_review(store, r.id, v),
        )
        if saved is not None:
            self._after_change(r.id)

    def close_selected(self) -> None:
        r = self.selected()
        if r is None:
            return
        store = self.ctx.store
        saved = RecordDialog.ask(
            self,
            f"Close risk {r.reference}",
            [Field("closure_note", "Why it can be closed", "multiline", optional=False)],
            {},
            lambda v: _close(store, r.id, v["closure_note"]),
        )
        if saved is not None:
            self._after_change(r.id)

    def new_linked_action(self) -> None:
        import datetime as dt

        r = self.selected()
        if r is None:
            return
        today = dt.date.today()
        body_id = r.body_id or m.list_bodies(self.ctx.store)[0].id
        values = {
            "body_id": body_id,
            "source": "risk",
            "risk_id": r.id,
            "owner_id": r.owner_id,
            "priority_id": r.priority_id,
            "raised_date": today.isoformat(),
            "due_date": (today + dt.timedelta(days=56)).isoformat(),
            "status": "open",
        }
        if dialogs.ask_action(self, self.ctx.store, values) is not None:
            self._after_change(r.id)

    def show_history(self) -> None:
        r = self.selected()
        if r is not None:
            HistoryDialog(self, r.reference, R.risk_history(self.ctx.store, r.id)).exec()

    def edit_categories(self) -> None:
        spec: RegisterSpec[R.Category] = RegisterSpec(
            noun="category",
            plural="categories",
            table="risk_categories",
            columns=[
                Column("Category", lambda c: c.name),
                Column(
                    "Appetite (highest acceptable score)",
                    lambda c: str(c.appetite),
                    sort_key=lambda c: c.appetite,
                ),
                Column("Risks", lambda c: str(c.risk_count), sort_key=lambda c: c.risk_count),
                Column("Appetite statement", lambda c: c.statement),
            ],
            load=lambda s: R.list_categories(s),
            fields=lambda s: [
                Field("name", "Category", optional=False),
                Field("appetite", "Appetite: highest acceptable score (1–25)", optional=False),
                Field("statement", "Appetite statement", "multiline"),
            ],
            values_of=lambda c: {**vars(c), "appetite": str(c.appetite)},
            save=R.save_category,
            delete=R.delete_category,
            title_of=lambda c: c.name,
            new_values=lambda: {"appetite": "12"},
        )
        dialogs.small_register_dialog(self, self.ctx, spec, "Risk categories and appetite")
        self.reload()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def open_record(self, record_id: int) -> None:
        self.tabs.setCurrentIndex(0)
        if not self.select_id(record_id):
            self.register_combo.setCurrentIndex(0)
            self.search.clear()
            self.closed_check.setChecked(True)
            self.appetite_check.setChecked(False)
            self.overdue_check.setChecked(False)
            self.select_id(record_id)

    def _after_change(self, risk_id: int | None) -> None:
        self.reload()
        if risk_id is not None and not self.select_id(risk_id):
            self.open_record(risk_id)
        self.data_changed.emit()
