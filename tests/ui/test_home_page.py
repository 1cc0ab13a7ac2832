"""The Home dashboard through its widgets: entries grouped by when they fall due, each opening
its record; and the main window routing an entry to the right tab of the Reviews page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QTreeWidgetItem

from lscp_desktop.models.reviews.audits import save_audit
from lscp_desktop.models.reviews.lifecycle import record_notification
from lscp_desktop.models.reviews.register import list_reviews
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.pages.home import HomePage


def entries(home: HomePage) -> dict[str, list[QTreeWidgetItem]]:
    tree = home.attention
    out: dict[str, list[QTreeWidgetItem]] = {}
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        assert group is not None
        out[group.text(0).split(" (")[0]] = [group.child(j) for j in range(group.childCount())]
    return out


@pytest.fixture
def store_with_clocks(store: Store) -> Store:
    today = dt.date.today()
    record_notification(store, reference="RR 2026-50", aware_date=today)
    record_notification(
        store,
        reference="RR 2026-51",
        aware_date=today - dt.timedelta(days=60),
        notified_date=today - dt.timedelta(days=58),
        partners_told_date=today - dt.timedelta(days=58),
    )
    return store


def test_entries_are_grouped_and_open_their_record(
    qtbot: Any, store_with_clocks: Store, make_ctx: Any
) -> None:
    ctx = make_ctx(store_with_clocks)
    opened: list[tuple[str, int | None]] = []
    ctx.open_record = lambda key, record_id: opened.append((key, record_id))
    home = HomePage(ctx)
    qtbot.addWidget(home)
    home.show()
    home.refresh()
    groups = entries(home)
    assert "Overdue" in groups
    late = groups["Overdue"][0]
    assert late.text(1) == "RR 2026-51: Rapid review to the Panel"
    assert late.text(2) == "Statutory clock" and late.text(3).endswith("days late")
    soon = [e for g, items in groups.items() if g != "Overdue" for e in items]
    assert [e.text(1) for e in soon] == ["RR 2026-50: Notify the national Panel"]
    assert home.attention_title.text() == "Needs you this week and next (2)"
    home.attention.itemActivated.emit(late, 1)
    target = next(r for r in list_reviews(store_with_clocks) if r.reference == "RR 2026-51")
    assert opened == [("reviews", target.id)]


def test_an_empty_partnership_says_nothing_is_due(qtbot: Any, store: Store, make_ctx: Any) -> None:
    home = HomePage(make_ctx(store))
    qtbot.addWidget(home)
    home.refresh()
    assert home.attention.topLevelItemCount() == 1
    first = home.attention.topLevelItem(0)
    assert first is not None and first.text(0).startswith("Nothing is overdue")


def test_the_main_window_opens_an_audit_from_home(qtbot: Any, demo_store: Store) -> None:
    from lscp_desktop.ui.background import BackgroundRunner
    from lscp_desktop.ui.mainwindow import MainWindow
    from lscp_desktop.ui.pages.reviews.page import ReviewsPage

    audit = save_audit(
        demo_store,
        {"title": "Due today", "kind": "Section 11", "planned_date": dt.date.today()},
    )
    window = MainWindow(demo_store, runner=BackgroundRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    home = window.current_page()
    assert isinstance(home, HomePage)
    row = next(e for items in entries(home).values() for e in items if e.text(1) == "Due today")
    home.attention.itemActivated.emit(row, 0)
    page = window.current_page()
    assert isinstance(page, ReviewsPage) and page.current_key() == "audits"
    selected = page.audits.selected()
    assert selected is not None and selected.id == audit


def test_actions_by_owner_fold_and_open_the_most_overdue_action(
    qtbot: Any, demo_store: Store, make_ctx: Any
) -> None:
    ctx = make_ctx(demo_store)
    opened: list[tuple[str, int | None]] = []
    ctx.open_record = lambda key, record_id: opened.append((key, record_id))
    home = HomePage(ctx)
    qtbot.addWidget(home)
    home.show()
    home.refresh()
    tree = home.attention
    group = next(
        g for i in range(tree.topLevelItemCount())
        if (g := tree.topLevelItem(i)) is not None and g.text(0).startswith("Actions overdue")
    )  # fmt: skip
    owners = int(group.text(0).rsplit("(", 1)[1].rstrip(")"))
    assert owners > 8 and group.childCount() == 0 and not group.isExpanded()
    group.setExpanded(True)
    assert group.childCount() == owners
    first = group.child(0)
    assert first.text(2) == "Actions" and "overdue" in first.text(1)
    tree.itemActivated.emit(first, 1)
    assert opened and opened[0][0] == "actions" and opened[0][1] is not None
    names = {tree.topLevelItem(i).text(0).split(" (")[0]  # type: ignore[union-attr]
             for i in range(tree.topLevelItemCount())}  # fmt: skip
    assert names >= {"Overdue", "Risks above appetite, by next review"}


def test_a_risk_above_appetite_is_listed_once_by_its_review_date(
    qtbot: Any, demo_store: Store, make_ctx: Any
) -> None:
    from lscp_desktop.models.core.dates import uk
    from lscp_desktop.models.risks.listing import list_risks
    from lscp_desktop.models.risks.reviews import record_review

    above = next(r for r in list_risks(demo_store) if r.above_appetite and r.status != "closed")
    record_review(
        demo_store, above.id,
        {"review_date": dt.date.today().isoformat(), "likelihood": above.residual_likelihood,
         "impact": above.residual_impact, "note": "Reviewed: no change"},
    )  # fmt: skip
    reviewed = next(r for r in list_risks(demo_store) if r.id == above.id)
    home = HomePage(make_ctx(demo_store))
    qtbot.addWidget(home)
    home.refresh()
    rows = [
        (group, e) for group, items in entries(home).items() for e in items
        if e.text(1).startswith(f"{above.reference}:")
    ]  # fmt: skip
    # A folded group makes its rows when opened.
    if not rows:
        tree = home.attention
        for i in range(tree.topLevelItemCount()):
            group_item = tree.topLevelItem(i)
            assert group_item is not None
            group_item.setExpanded(True)
        rows = [
            (group, e) for group, items in entries(home).items() for e in items
            if e.text(1).startswith(f"{above.reference}:")
        ]  # fmt: skip
    assert len(rows) == 1
    group, row = rows[0]
    assert group == "Risks above appetite, by next review"
    assert row.text(0) == uk(reviewed.next_review) and row.text(3) != "today"


def test_the_window_is_painted_before_homes_list_is_read(
    qtbot: Any, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 21: the list is worked out after the window's first paint (until then it says
    Loading…), and then shown."""
    from PySide6.QtCore import QEvent, QObject

    from lscp_desktop.models.reporting import home as home_module
    from lscp_desktop.ui.background import BackgroundRunner
    from lscp_desktop.ui.mainwindow import MainWindow

    painted: list[bool] = []
    read_after_paint: list[bool] = []
    real = home_module.attention

    def attention(*args: Any, **kwargs: Any) -> Any:
        read_after_paint.append(bool(painted))
        return real(*args, **kwargs)

    class Paints(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(True)
            return False

    monkeypatch.setattr(home_module, "attention", attention)
    window = MainWindow(demo_store, runner=BackgroundRunner())  # threaded, as in the app
    qtbot.addWidget(window)
    paints = Paints()
    window.installEventFilter(paints)
    window.show()
    home = window.current_page()
    assert isinstance(home, HomePage)
    first = home.attention.topLevelItem(0)
    assert first is not None and first.text(0) == "Loading…" and read_after_paint == []
    qtbot.waitUntil(lambda: "(" in home.attention_title.text(), timeout=10_000)
    assert read_after_paint == [True]
    assert "Overdue" in entries(home) and "Loading…" not in entries(home)
    window.close()
    assert window.ctx.runner.wait()
