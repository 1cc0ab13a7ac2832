"""Risk registers: strategic, operational and subgroups' own; risk detail with scores, reviews,
trend and score-over-time chart; the heat map. Charts are drawn off the GUI thread.

The page is the controller: it builds the register tab from the table (``columns``) and the
detail panel (``detail``), the heat map tab (``charts``), opens the forms (``forms``), and calls
the model functions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.risks.listing import list_risks
from lscp_desktop.models.risks.records import Risk
from lscp_desktop.models.risks.reviews import list_reviews
from lscp_desktop.models.risks.reviews import record_review as risk_record_review
from lscp_desktop.models.risks.saving import delete_risk, risk_history, save_risk
from lscp_desktop.models.risks.summary import heat_map_counts
from lscp_desktop.models.store.versions import OpenedRecord
from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.filtered_table import FilteredTableModel
from lscp_desktop.ui.forms import RecordDialog, ScrollingRecordDialog
from lscp_desktop.ui.page_parts import (
    count_label,
    heading_row,
    search_box,
    select_row,
    tab_column,
    table_over_detail,
)
from lscp_desktop.ui.pages.actions import dialogs
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.pages.risks import forms
from lscp_desktop.ui.pages.risks.charts import HeatMapPanel
from lscp_desktop.ui.pages.risks.columns import risk_columns
from lscp_desktop.ui.pages.risks.detail import RiskDetail
from lscp_desktop.ui.register_view import HistoryDialog
from lscp_desktop.ui.table import make_table_view, selected_record
from lscp_desktop.ui.undo import delete_and_push


class RisksPage(Page):
    title = "Risks"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model: FilteredTableModel[Risk] = FilteredTableModel(risk_columns())
        self._fitted = False
        self._build_ui()
        self._connect_signals()

    # ---- construction ----------------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        self.register_combo = QComboBox()
        self.register_combo.setMinimumWidth(260)
        self.overdue_label = QLabel()
        self.categories_button = QPushButton("Categories and appetite…")
        layout.addLayout(
            heading_row(
                "Risk registers", "Register:", self.register_combo, self.overdue_label,
                self.categories_button,
            )
        )  # fmt: skip

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_register_tab(), "Register")
        self.heat_map = HeatMapPanel()
        self.heat_label = self.heat_map.label
        self.tabs.addTab(self.heat_map, "Heat map")

    def _build_register_tab(self) -> QWidget:
        tab = QWidget()
        col = tab_column(tab)
        filters = QHBoxLayout()
        self.search = search_box("Search risks…")
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
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setToolTip(
            "Delete a risk entered by mistake (one with no reviews or linked actions)"
        )
        for b in (self.new_button, self.edit_button, self.review_button, self.close_button,
                  self.action_button, self.history_button, self.delete_button):  # fmt: skip
            buttons.addWidget(b)
        buttons.addStretch(1)
        col.addLayout(buttons)

        self.view = make_table_view(self.model, sort=(0, Qt.SortOrder.AscendingOrder))
        self.detail_panel = RiskDetail()
        self.detail = self.detail_panel.detail
        self.chart = self.detail_panel.review_panel.chart
        self.reviews = self.detail_panel.review_panel.reviews
        col.addWidget(table_over_detail(self.view, self.detail_panel, (330, 300)), 1)
        self.count_label = count_label()
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
        self.delete_button.clicked.connect(self.delete_selected)
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
        for b in list_bodies(store):
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
        risks = list_risks(self.ctx.store, register=register, body_id=body_id)
        self.model.set_records(risks)
        if risks and not self._fitted:  # once: then the widths are the user's
            self._fitted = True
            fit_columns(self.view, pad=8, widest=200)
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

        def accept(r: Risk) -> bool:
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

    def selected(self) -> Risk | None:
        record: Risk | None = selected_record(self.view)
        return record

    def select_id(self, risk_id: int) -> bool:
        return select_row(self.view, self.model, risk_id)

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
        self.delete_button.setEnabled(risk is not None and writable)
        if risk is None:
            self.detail_panel.clear()
            return
        store = self.ctx.store
        linked = list_actions(store, risk_id=risk.id)
        reviews = list_reviews(store, risk.id)
        self.detail_panel.show_risk(self.ctx.runner, risk, linked, reviews)

    def _draw_heat_map(self) -> None:
        if self.tabs.currentIndex() != 1:
            return
        register, body_id = self.register_choice()
        store = self.ctx.store
        inherent = heat_map_counts(store, register, "inherent", body_id=body_id)
        residual = heat_map_counts(store, register, "residual", body_id=body_id)
        self.heat_map.draw(self.ctx.runner, inherent, residual, self.register_combo.currentText())

    # ---- commands --------------------------------------------------------------------------

    def new_record(self) -> None:
        store = self.ctx.store
        new_id = ScrollingRecordDialog.ask(
            self,
            "New risk",
            forms.risk_fields(store),
            forms.new_risk_values(*self.register_choice()),
            lambda v: save_risk(store, v),
            table="risks",
        )
        if new_id is not None:
            self._after_change(int(new_id))

    def edit_selected(self) -> None:
        r = self.selected()
        if r is None:
            return
        store = self.ctx.store
        opened = OpenedRecord.open(store, "risks", r.id)
        saved = ScrollingRecordDialog.ask(
            self,
            f"Edit risk {r.reference}",
            forms.risk_fields(store),
            forms.risk_values(r),
            lambda v: save_risk(store, v, r.id),
            table="risks",
            opened=opened,
        )
        if saved is not None or (opened is not None and opened.reloaded):
            self._after_change(r.id)

    def record_review(self) -> None:
        r = self.selected()
        if r is None:
            return
        store = self.ctx.store
        saved = RecordDialog.ask(
            self,
            f"Review of {r.reference}",
            forms.review_fields(store),
            forms.review_values(r),
            lambda v: risk_record_review(store, r.id, v),
            table="risk_reviews",
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
            forms.close_fields(),
            {},
            lambda v: forms.close(store, r.id, v["closure_note"]),
        )
        if saved is not None:
            self._after_change(r.id)

    def new_linked_action(self) -> None:
        r = self.selected()
        if r is None:
            return
        body_id = r.body_id or list_bodies(self.ctx.store)[0].id
        values = forms.linked_action_values(r, body_id)
        if dialogs.ask_action(self, self.ctx.store, values) is not None:
            self._after_change(r.id)

    def show_history(self) -> None:
        r = self.selected()
        if r is not None:
            HistoryDialog(self, r.reference, risk_history(self.ctx.store, r.id)).exec()

    def delete_selected(self) -> None:
        """Delete a risk entered by mistake (undoable); one with reviews or linked actions is
        refused with the reason, and closing it is the way out."""
        r = self.selected()
        if r is None or self.ctx.store.read_only:
            return
        store = self.ctx.store
        if delete_and_push(
            self,
            self.ctx.undo_stack,
            store,
            "risks",
            lambda: delete_risk(store, r.id),
            title="Delete risk",
            question=f"Delete {r.reference}: {r.title}? Only do this for a risk entered by "
            "mistake; a risk that is no longer live should be closed with a closure note "
            "instead. The history keeps a record of the deletion.",
            refused="Cannot delete risk",
            text=f"Delete risk {r.reference}",
        ):
            self._after_change(None)

    def edit_categories(self) -> None:
        dialogs.small_register_dialog(
            self, self.ctx, forms.category_spec(), "Risk categories and appetite"
        )
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
