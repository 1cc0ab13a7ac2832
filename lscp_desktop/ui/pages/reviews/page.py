"""Reviews: practice reviews and their statutory clocks, deadlines, audits, training and the
yearly report's dispatch."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.reporting.deadlines import all_deadlines
from lscp_desktop.models.reviews import lifecycle
from lscp_desktop.models.reviews.deadlines import Deadline
from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.lazy_tab import LazyTab
from lscp_desktop.ui.pages.base import RegisterTabsPage
from lscp_desktop.ui.pages.reviews import specs
from lscp_desktop.ui.pages.reviews.detail import ReviewDetail
from lscp_desktop.ui.pages.reviews.yearly import YearlyTab
from lscp_desktop.ui.register_view import RegisterSpec, RegisterView
from lscp_desktop.ui.table import Column, RecordTableModel, make_table_view
from lscp_desktop.ui.undo import AddCommand

TABS = ("reviews", "deadlines", "audits", "training", "yearly")


class DeadlinesTab(QWidget):
    """Everything due or overdue: reviews, audits, the yearly report and its cycle, the
    published documents' reviews and the quarter's theme."""

    def __init__(self, ctx: AppContext, open_item: Any) -> None:
        super().__init__()
        self.ctx = ctx
        self._open_item = open_item
        self.within = QSpinBox()
        self.within.setRange(7, 365)
        self.within.setValue(60)
        self.within.setSuffix(" days")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Overdue, and due within"))
        bar.addWidget(self.within)
        bar.addStretch(1)
        self.model: RecordTableModel[Deadline] = RecordTableModel(
            [
                Column("Due", lambda d: uk(d.due), sort_key=lambda d: d.due),
                Column("Area", lambda d: d.area),
                Column("What", lambda d: d.what, stretch=True),
                Column(
                    "Status",
                    lambda d: d.status,
                    background=lambda d: specs.rag_colour(d.rag),
                    sort_key=lambda d: d.days_left,
                ),
                Column("Rule", lambda d: d.rule),
            ],
            key=lambda d: (d.page, d.record_id, d.what),
        )
        self.view = make_table_view(self.model, name="deadlines", alternating=False)
        self.count = QLabel()
        self.count.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.within.valueChanged.connect(lambda _v: self.refresh())
        self.view.doubleClicked.connect(self.on_view_double_clicked)

    def refresh(self) -> None:
        items = all_deadlines(self.ctx.store, dt.date.today(), self.within.value())
        self.model.set_records(items)
        fit_columns(self.view)
        overdue = sum(1 for d in items if d.days_left < 0)
        self.count.setText(
            f"{len(items)} deadline{'s' if len(items) != 1 else ''}, {overdue} overdue. "
            "Double-click one to open it."
        )

    def on_view_double_clicked(self, index: Any) -> None:
        item = self.model.record(index.row())
        page, _, part = item.page.partition(":")
        if page == "reviews":
            self._open_item(part or "reviews", item.record_id)
        else:  # another page's register (the published documents, the themes)
            self.ctx.open_record(item.page, item.record_id)


class ReviewsPage(RegisterTabsPage):
    title = "Reviews"
    tab_keys = TABS

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        heading = QLabel("Practice reviews and statutory deadlines")
        heading.setObjectName("pageTitle")
        self.notify_button = QPushButton("Record a serious incident notification…")
        self.notify_button.setObjectName("notify")
        title_row = QHBoxLayout()
        title_row.addWidget(heading, 1)
        title_row.addWidget(self.notify_button)
        layout.addLayout(title_row)

        self.tabs = QTabWidget()
        self.reviews: RegisterView[Any] = RegisterView(ctx, specs.reviews_spec())
        self.detail = ReviewDetail(ctx)
        review_split = QSplitter(Qt.Orientation.Vertical)
        review_split.addWidget(self.reviews)
        review_split.addWidget(self.detail)
        review_split.setSizes([250, 400])
        # The other tabs' widgets are made when each is first shown (or first asked for):
        # opening the page builds only the tab on screen.
        self._deadlines = LazyTab(lambda: DeadlinesTab(ctx, self.open_part))
        self._audits = LazyTab(lambda: self._register(specs.audits_spec()))
        self._training = LazyTab(lambda: self._register(specs.training_spec()))
        self._yearly = LazyTab(lambda: YearlyTab(ctx), self._yearly_made)
        self.tabs.addTab(review_split, "Reviews")
        self.tabs.addTab(self._deadlines, "Deadlines")
        self.tabs.addTab(self._audits, "Audits")
        self.tabs.addTab(self._training, "Training")
        self.tabs.addTab(self._yearly, "Yearly report")
        layout.addWidget(self.tabs, 1)
        self._connect_signals()

    def _register(self, spec: RegisterSpec[Any]) -> RegisterView[Any]:
        register: RegisterView[Any] = RegisterView(self.ctx, spec)
        register.show_inactive.hide()  # nothing in these registers is ever inactive
        register.changed.connect(self.data_changed.emit)
        return register

    def _yearly_made(self, yearly: YearlyTab) -> None:
        yearly.register.show_inactive.hide()
        yearly.register.changed.connect(self.data_changed.emit)

    def _connect_signals(self) -> None:
        self.notify_button.clicked.connect(self.record_notification)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.reviews.view.selectionModel().selectionChanged.connect(
            lambda *_: self.on_review_selected()
        )
        self.reviews.changed.connect(self.on_review_selected)
        self.detail.changed.connect(self.on_detail_changed)
        self.reviews.changed.connect(self.data_changed.emit)

    # ---- the tabs after the first (each made on first need) -------------------------------

    @property
    def deadlines(self) -> DeadlinesTab:
        return self._deadlines.content

    @property
    def audits(self) -> RegisterView[Any]:
        return self._audits.content

    @property
    def training(self) -> RegisterView[Any]:
        return self._training.content

    @property
    def yearly(self) -> YearlyTab:
        return self._yearly.content

    # ---- Page interface ------------------------------------------------------------------

    def refresh(self) -> None:
        key = self.current_key()
        self.notify_button.setEnabled(not self.ctx.store.read_only)
        if key == "reviews":
            self.reviews.refresh()
            if self.reviews.selected() is None and self.reviews.proxy.rowCount():
                self.reviews.view.selectRow(0)  # the selection's signal shows the review
            else:
                self.on_review_selected()
        elif key == "deadlines":
            self.deadlines.refresh()
        elif key == "audits":
            self.audits.refresh()
        elif key == "training":
            self.training.refresh()
        else:
            self.yearly.refresh()

    def current_register(self) -> RegisterView[Any] | None:
        key = self.current_key()
        if key == "reviews":
            return self.reviews
        if key == "audits":
            return self.audits
        if key == "training":
            return self.training
        if key == "yearly":
            return self.yearly.register
        return None

    def new_record(self) -> None:
        if self.current_key() == "reviews":
            self.record_notification()
        else:
            super().new_record()

    def open_record(self, record_id: int) -> None:
        self.open_part("reviews", record_id)

    def open_part(self, part: str, record_id: int | None) -> None:
        super().open_part(part, record_id)
        if part == "reviews" and record_id is not None:
            self.on_review_selected()

    # ---- reviews -------------------------------------------------------------------------

    def on_review_selected(self) -> None:
        line = self.reviews.selected()
        self.detail.show_review(line.review.id if line is not None else None)

    def on_detail_changed(self) -> None:
        line = self.reviews.selected()
        self.reviews.refresh()
        if line is not None:
            self.reviews.select_id(line.id, reveal=True)
        self.data_changed.emit()

    def record_notification(self) -> None:
        """A serious incident the local authority has become aware of: its clocks start."""
        store = self.ctx.store
        areas = specs.area_options(store)
        fields = [
            Field("reference", "Reference code", optional=False, placeholder="e.g. RR 2026-04"),
            Field("local_authority", "Local authority", "choice", choices=areas),
            Field("aware_date", "Local authority became aware", "date", optional=False),
            Field("summary", "Summary (no names, dates of birth, addresses)", "multiline"),
        ]
        new_id = RecordDialog.ask(
            self,
            "Record a serious incident notification",
            fields,
            {"aware_date": dt.date.today(), "local_authority": areas[1] if len(areas) > 1 else ""},
            lambda v: lifecycle.record_notification(
                store,
                reference=str(v["reference"]),
                aware_date=v["aware_date"],
                local_authority=str(v["local_authority"] or ""),
                summary=str(v["summary"]),
            ),
            table="reviews",
        )
        if new_id is None:
            return
        self.ctx.undo_stack.push(AddCommand(store, "reviews", new_id, "Record notification"))
        self.tabs.setCurrentIndex(0)
        self.reviews.refresh()
        self.reviews.select_id(new_id, reveal=True)
        self.on_review_selected()
        self.data_changed.emit()
