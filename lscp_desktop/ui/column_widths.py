"""Table columns as wide as their contents and headings, the long text column taking the room
the others leave; when the room is short the others give way first, down to their headings,
so the long text keeps a readable width and no heading is cut (1280x720, 150% scaling)."""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from lscp_desktop.ui.table import Column, ColumnTableModel


def fit_columns(view: QTableView, *, pad: int = 12, widest: int = 280) -> None:
    """Size the columns to their contents and headings plus *pad* pixels, none wider than
    *widest*; the long text columns (``Column.stretch``; else the last) take the room left.
    When the room is short the other columns give way first, down to their headings, so the
    long text keeps a readable width and no heading is cut; the user can drag any of them.

    The widths are set here and on each resize of the table, never by the header's own
    Stretch or ResizeToContents modes, and the view is told at once (``_quietly``): those
    modes and the view's own column-resize handling both finish on a zero timer, which after
    a page is shown paints the whole window a second time (issue 21)."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    stretch = [i for i, column in enumerate(columns_of(view)) if column.stretch]
    contents = _content_widths(view)
    with _quietly(view):
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col in range(header.count()):
            if col not in stretch:
                wanted = max(contents[col], heading_width(view, col)) + pad
                header.resizeSection(col, min(wanted, widest))
    keeper = _KEEPERS.get(view)
    if keeper is None:
        keeper = _KEEPERS[view] = _LongColumns(view)
    keeper.fit(stretch)


def set_column_widths(view: QTableView, widths: tuple[int, ...]) -> None:
    """Fixed widths for the first columns, the last filling the room left (never narrower
    than its width here), set as ``fit_columns`` sets them: at once, without the header's
    Stretch mode or the view's zero timer, so a page showing the table paints once."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    if [header.sectionSize(c) for c in range(len(widths))] != list(widths):
        with _quietly(view):
            for col, width in enumerate(widths):
                header.resizeSection(col, width)
    keeper = _KEEPERS.get(view)
    if keeper is None:
        keeper = _KEEPERS[view] = _LongColumns(view)
        keeper.fit([])
    else:
        keeper.apply()


class _quietly:
    """Resizes a view's columns without the header telling the view one section at a time
    (the view answers each on a zero timer, after the first paint: a second one); the view's
    scroll bars and viewport are brought up to date once, at the end."""

    def __init__(self, view: QTableView) -> None:
        self.view = view
        self.header = view.horizontalHeader()

    def __enter__(self) -> None:
        self._was = self.header.blockSignals(True)

    def __exit__(self, *_exc: object) -> None:
        self.header.blockSignals(self._was)
        self.view.updateGeometries()
        self.view.viewport().update()


#: How many rows a column's width is judged from.
_SAMPLE_ROWS = 120


def _content_widths(view: QTableView) -> list[int]:
    """How wide each column's text is over a sample of rows: read straight from the records
    through the ``Column`` definitions (asking the view cell by cell takes ~0.2 s on 600 rows);
    views over other models are asked."""
    model = view.model()
    while isinstance(model, QSortFilterProxyModel):
        model = model.sourceModel()
    count = view.horizontalHeader().count()
    if not isinstance(model, ColumnTableModel):
        return [view.sizeHintForColumn(col) for col in range(count)]
    metrics, rows = view.fontMetrics(), model.sample(_SAMPLE_ROWS)
    margin = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
    # Each different text measured once: a column's dates, statuses and names repeat.
    width = metrics.horizontalAdvance
    return [
        max(map(width, {column.text(r) for r in rows}), default=0) + margin
        for column in model.columns
    ]


def heading_width(view: QTableView, col: int) -> int:
    """The width a column's heading needs: its words in the headings' bold font, the
    section's padding and, on the column sorted by, the sort arrow."""
    header = view.horizontalHeader()
    text = str(view.model().headerData(col, Qt.Orientation.Horizontal) or "")
    font = QFont(header.font())
    font.setBold(True)
    arrow = 20 if header.isSortIndicatorShown() and header.sortIndicatorSection() == col else 0
    return QFontMetrics(font).horizontalAdvance(text) + 14 + arrow


class _LongColumns(QObject):
    """Shares a table's width as it is resized: the long text columns take the room the others
    leave; when there is too little, the widest others give way (never below their heading)
    until the long ones have about 24 characters, and only then does the table scroll. With no
    long column, the last one fills what is left (as the header's stretched last section did).
    """

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        # Not the view itself: a strong reference from _KEEPERS' value to its key would keep
        # the entry, and the view's Python object, for the rest of the session.
        self._view = weakref.ref(view)
        self.columns: list[int] = []
        #: The last column fills the room left (no column is marked as the long text).
        self.fill_last = False
        #: The widths the other columns want (their contents, or where the user dragged them).
        self.wanted: dict[int, int] = {}
        self._busy = False
        view.viewport().installEventFilter(self)
        view.horizontalHeader().sectionResized.connect(self.on_section_resized)

    @property
    def view(self) -> QTableView:
        view = self._view()
        if view is None:  # never while the keeper lives: it is the view's child
            raise RuntimeError("the table is gone")
        return view

    def fit(self, columns: list[int]) -> None:
        header = self.view.horizontalHeader()
        self.fill_last = not columns
        last = [header.count() - 1] if header.count() else []
        self.columns = columns or last
        self.wanted = {c: header.sectionSize(c) for c in range(header.count())
                       if c not in self.columns}  # fmt: skip
        #: The last column's own width (its contents), below which it does not shrink.
        self._last_floor = header.sectionSize(self.columns[0]) if self.fill_last else 0
        self.apply()

    def on_section_resized(self, column: int, _old: int, new: int) -> None:
        if self._busy:
            return
        if column in self.wanted:
            self.wanted[column] = new  # dragged by the user: theirs to keep
            self._fill()  # the long columns take up what it gave, or give what it took
        elif column in self.columns:
            self._last_floor = new if self.fill_last else self._last_floor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and not self._busy and self._view() is not None:
            self.apply()
        return False

    def apply(self) -> None:
        if not self.columns:
            return
        if self.fill_last:
            self._fill()
            return
        header = self.view.horizontalHeader()
        char = self.view.fontMetrics().averageCharWidth()
        long_width = char * 24 * len(self.columns)
        budget = self.view.viewport().width() - long_width
        # Short columns (dates, RAG, status) keep their width; wider ones may shrink to their
        # heading (or ten characters), their text then ending in "…" with the whole of it
        # in the cell's tooltip or the detail below.
        floors = {
            c: w if w <= char * 15 else max(heading_width(self.view, c), char * 10)
            for c, w in self.wanted.items()
        }
        widths = _shared_out(self.wanted, floors, budget)
        self._busy = True
        try:
            with _quietly(self.view):
                for col, width in widths.items():
                    if not header.isSectionHidden(col):
                        header.resizeSection(col, width)
                if sum(widths.values()) > budget:  # too little room: the table scrolls
                    for col in self.columns:
                        header.resizeSection(col, long_width // len(self.columns))
        finally:
            self._busy = False
        if sum(widths.values()) <= budget:
            self._fill()

    def _fill(self) -> None:
        """The long columns (or the last) share the room the others leave, when there is
        more than they need; they never shrink below ~24 characters (the last: its own
        contents)."""
        header = self.view.horizontalHeader()
        shown = [c for c in self.columns if not header.isSectionHidden(c)]
        if not shown:
            return
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c not in self.columns and not header.isSectionHidden(c))  # fmt: skip
        room = self.view.viewport().width() - others
        if self.fill_last:
            floor = self._last_floor
        else:
            floor = self.view.fontMetrics().averageCharWidth() * 24 * len(shown)
        room = max(room, floor)
        self._busy = True
        try:
            with _quietly(self.view):
                share, spare = divmod(room, len(shown))
                for i, col in enumerate(shown):  # the spare pixels to the first, as Qt does
                    header.resizeSection(col, share + (1 if i < spare else 0))
        finally:
            self._busy = False


def _shared_out(wanted: dict[int, int], floors: dict[int, int], budget: int) -> dict[int, int]:
    """The widths *wanted*, the widest cut down to one common cap (never below their floors)
    so that they fit in *budget* if they can."""
    if sum(wanted.values()) <= budget:
        return dict(wanted)
    low, high = 0, max(wanted.values(), default=0)
    while low < high:  # the largest cap that fits
        cap = (low + high + 1) // 2
        total = sum(max(min(w, cap), floors[c]) for c, w in wanted.items())
        low, high = (cap, high) if total <= budget else (low, cap - 1)
    return {c: max(min(w, low), floors[c]) for c, w in wanted.items()}


#: Each table's keeper of its long columns (the entry goes with the table's Python object).
_KEEPERS: weakref.WeakKeyDictionary[QTableView, _LongColumns] = weakref.WeakKeyDictionary()


def columns_of(view: QTableView) -> list[Column[Any]]:
    """The ``Column`` definitions behind a view (through a proxy, if any)."""
    model = view.model()
    while isinstance(model, QSortFilterProxyModel):
        model = model.sourceModel()
    return list(model.columns) if isinstance(model, ColumnTableModel) else []
