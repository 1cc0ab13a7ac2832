"""Quarterly themes (seed 003): one a quarter, the bodies asked to examine it, proposed on
those bodies' draft agendas in that quarter, and which have taken it up."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.identity import IDENTITY_STRINGS
from helpers.meetings import make_partnership, meeting
from helpers.membership import body

from lscp_desktop.models.actions.priorities import save_priority
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.undo import restore_record
from lscp_desktop.models.meetings.agenda import build_draft_agenda, list_items
from lscp_desktop.models.meetings.records import Quarter
from lscp_desktop.models.meetings.themes import (
    delete_theme,
    get_theme,
    list_themes,
    parse_quarter,
    save_theme,
)
from lscp_desktop.models.store.database import Store


def test_quarters_of_the_financial_year() -> None:
    q = parse_quarter("2025/26 Q4")
    assert (q.start, q.end, q.label, q.months) == (
        dt.date(2026, 1, 1), dt.date(2026, 3, 31), "2025/26 Q4", "January to March 2026"
    )  # fmt: skip
    assert parse_quarter("q1 2025/26") == Quarter.of(dt.date(2025, 6, 30))
    assert parse_quarter("15/08/2025").label == "2025/26 Q2"
    with pytest.raises(ValidationError, match="not a quarter"):
        parse_quarter("spring")


def test_a_theme_is_proposed_on_each_named_bodys_agenda_in_its_quarter(store: Store) -> None:
    p = make_partnership(store)
    local = body(store, "Northbridge Local Group", "LGN", "local group")
    neglect = save_priority(store, {"name": "Neglect"})
    theme = save_theme(
        store,
        {"quarter": "2025/26 Q2", "title": "Neglect and the voice of the child",
         "priority_id": neglect, "body_ids": [p.body, local]},
    )  # fmt: skip
    september = meeting(store, p.body, "2025-09-01")
    assert build_draft_agenda(store, september) > 0
    item = next(i for i in list_items(store, september) if i.theme_id == theme)
    assert (item.title, item.purpose, item.proposed) == (
        "Quarterly theme: Neglect and the voice of the child", "discussion", 1
    )  # fmt: skip
    # Another meeting of the same body in the quarter is not offered it again.
    late = meeting(store, p.body, "2025-09-29")
    build_draft_agenda(store, late)
    assert all(i.theme_id is None for i in list_items(store, late))
    # Next quarter's meeting is not offered this quarter's theme.
    october = meeting(store, p.body, "2025-10-06")
    build_draft_agenda(store, october)
    assert all(i.theme_id is None for i in list_items(store, october))
    found = get_theme(store, theme)
    assert (found.priority, found.quarter.label) == ("Neglect", "2025/26 Q2")
    assert found.examined == {"Executive": "2025-09-01"}
    assert found.not_yet_examined == ["Northbridge Local Group"]
    with pytest.raises(ValidationError, match="on 1 agenda"):
        delete_theme(store, theme)


def test_one_theme_a_quarter_and_bad_input(store: Store) -> None:
    p = make_partnership(store)
    save_theme(store, {"quarter": "2025/26 Q1", "title": "Exploitation", "body_ids": [p.body]})
    with pytest.raises(ValidationError, match="already a theme for 2025/26 Q1"):
        save_theme(store, {"quarter": "01/05/2025", "title": "Another", "body_ids": [p.body]})
    with pytest.raises(ValidationError, match="Tick the bodies"):
        save_theme(store, {"quarter": "2025/26 Q2", "title": "Neglect", "body_ids": []})
    with pytest.raises(ValidationError, match="Enter the quarter's theme"):
        save_theme(store, {"quarter": "2025/26 Q2", "title": " ", "body_ids": [p.body]})
    assert [t.title for t in list_themes(store)] == ["Exploitation"]


def test_delete_and_undo_keep_the_bodies(store: Store) -> None:
    p = make_partnership(store)
    local = body(store, "Local Group", "LG", "local group")
    theme = save_theme(store, {"quarter": "2025/26 Q3", "title": "Online harm",
                               "body_ids": [p.body, local]})  # fmt: skip
    row = delete_theme(store, theme)
    assert list_themes(store) == []
    restore_record(store, "quarterly_themes", row)
    assert get_theme(store, theme).bodies == ["Executive", "Local Group"]


@pytest.mark.parametrize("field", ["title", "description", "notes"])
@pytest.mark.parametrize("text", IDENTITY_STRINGS)
def test_text_fields_refuse_a_childs_identity(store: Store, field: str, text: str) -> None:
    p = make_partnership(store)
    values = {"quarter": "2025/26 Q1", "title": "Neglect", "body_ids": [p.body], field: text}
    with pytest.raises(ValidationError, match="child's identity"):
        save_theme(store, values)
