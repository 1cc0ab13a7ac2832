"""The settings census: seed 003's table for three authorities and seed 002's counts, entered
cell by cell, read back as a grid, copied to a new year, and bad input refused."""

from __future__ import annotations

import pytest
from helpers.identity import IDENTITY_STRINGS

from lscp_desktop.models.assurance.census import (
    census_for_year,
    census_table,
    copy_year,
    list_census,
    set_count,
    setting_kind,
)
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ConflictError, ValidationError
from lscp_desktop.models.membership.partnership import save_partnership
from lscp_desktop.models.store.database import Store

#: Seed 003: Hammersmith & Fulham, Kensington and Chelsea, Westminster (June 2019).
SEED_003 = {
    "primary schools": (37, 27, 41),
    "secondary schools": (12, 6, 12),
    "special schools": (5, 2, 3),
    "alternative provision": (1, 2, 1),
    "independent schools": (24, 29, 19),
    "early years settings": (75, 72, 89),
    "childminders": (97, 36, 69),
    "children's homes": (1, 1, 0),
}
LAS = ("LBHF", "RBKC", "WCC")


@pytest.fixture
def three(store: Store) -> Store:
    save_partnership(store, name="Tri-borough LSCP", local_authorities=list(LAS))
    for kind, counts in SEED_003.items():
        for la, n in zip(LAS, counts, strict=True):
            set_count(store, year="2019/20", local_authority=la, kind=kind, count=n)
    return store


def test_seed_003s_table_reads_back_as_a_grid(three: Store) -> None:
    table = census_table(three, "2019/20")
    assert table.local_authorities == list(LAS)
    assert table.count("primary schools", "RBKC") == 27
    assert table.total("primary schools") == 105
    assert table.count("children's homes", "WCC") == 0  # a nought is a count, not a blank
    assert table.count("further education colleges", "LBHF") is None
    set_count(three, year="2019/20", local_authority="lbhf", kind="Children's Centres", count=7,
              note="7 main centres")  # fmt: skip
    assert census_table(three, "2019/20").notes[("children's centres", "LBHF")] == "7 main centres"
    # An empty count takes the cell out.
    set_count(three, year="2019/20", local_authority="LBHF", kind="children's centres", count="")
    assert census_table(three, "2019/20").count("children's centres", "LBHF") is None


def test_a_later_year_uses_the_latest_census_until_a_new_one(three: Store) -> None:
    assert census_for_year(three, FinancialYear(2018)) is None
    later = census_for_year(three, FinancialYear(2021))
    assert later is not None and later.year == "2019/20"
    assert copy_year(three, "2019/20", "2021/22") == 24
    set_count(three, year="2021/22", local_authority="WCC", kind="primary schools", count=40)
    table = census_for_year(three, FinancialYear(2022))
    assert table is not None and table.year == "2021/22"
    assert table.count("primary schools", "WCC") == 40
    assert copy_year(three, "2019/20", "2021/22") == 0  # nothing copied over what is there


def test_seed_002_one_authority(store: Store) -> None:
    """Seed 002: 499 early years providers, including 225 childminders."""
    save_partnership(store, name="Lambeth SCP", local_authorities=["Lambeth"])
    entry = set_count(
        store,
        year="2024/25",
        local_authority="",
        kind="early years settings",
        count="274",
        note="499 early years providers including 225 childminders",
    )
    assert list_census(store)[0].local_authority == "Lambeth"  # the only authority
    set_count(store, year="2024/25", local_authority="", kind="childminders", count="225")
    assert census_table(store, "2024/25").total("early years settings") == 274
    again = set_count(
        store, year="2024/25", local_authority="Lambeth", kind="early years settings", count="275"
    )
    assert again == entry  # the same cell, changed
    table = census_table(store, "2024/25")
    assert table.count("early years settings", "Lambeth") == 275
    assert table.notes[("early years settings", "Lambeth")].startswith("499")  # note kept


@pytest.mark.parametrize(
    ("values", "message", "field"),
    [
        ({"year": "2019", "local_authority": "LBHF", "kind": "childminders", "count": 3},
         "not a financial year", "year"),
        ({"year": "2019/20", "local_authority": "Camden", "kind": "childminders", "count": 3},
         "not one of the partnership's local authorities", "local_authority"),
        ({"year": "2019/20", "local_authority": "", "kind": "childminders", "count": 3},
         "Choose the local authority", "local_authority"),
        ({"year": "2019/20", "local_authority": "LBHF", "kind": "zoos", "count": 3},
         "not a kind of setting", "kind"),
        ({"year": "2019/20", "local_authority": "LBHF", "kind": "childminders", "count": -1},
         "from 0 to", "count"),
        ({"year": "2019/20", "local_authority": "LBHF", "kind": "childminders", "count": "lots"},
         "not a whole number", "count"),
    ],
)  # fmt: skip
def test_bad_input_is_refused(three: Store, values: dict[str, object], message: str,
                              field: str) -> None:  # fmt: skip
    before = list_census(three)
    with pytest.raises(ValidationError, match=message) as raised:
        set_count(three, **values)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert list_census(three) == before


@pytest.mark.parametrize("text", IDENTITY_STRINGS)
def test_the_note_refuses_a_childs_identity(three: Store, text: str) -> None:
    with pytest.raises(ValidationError, match="child's identity"):
        set_count(three, year="2019/20", local_authority="LBHF", kind="childminders", count=3,
                  note=text)  # fmt: skip


def test_kinds_are_read_loosely() -> None:
    assert setting_kind("Primary School") == "primary schools"
    assert setting_kind("childrens homes") == "children's homes"
    assert setting_kind("Children’s Centres") == "children's centres"


def test_a_count_over_one_changed_since_it_was_shown_is_refused(three: Store) -> None:
    """The grid says what it showed: a colleague's count (or their removal) since is named,
    and nothing is written; the count shown saves as usual."""
    year = "2019/20"
    cell = {"year": year, "local_authority": "LBHF", "kind": "primary schools"}
    set_count(three, **cell, count=38)  # a colleague's change to the 37 the grid showed
    with pytest.raises(ConflictError) as refused:
        set_count(three, **cell, count=40, shown=37)
    message = str(refused.value)
    assert message.startswith("The count of primary schools in LBHF for 2019/20 was changed by ")
    assert "• Count: theirs 38, yours 40" in message
    assert census_table(three, year).count("primary schools", "LBHF") == 38
    set_count(three, **cell, count=None)  # removed by a colleague
    with pytest.raises(ConflictError, match="theirs \\(blank\\), yours 40"):
        set_count(three, **cell, count=40, shown=38)
    set_count(three, **cell, count=40, shown=None)
    assert census_table(three, year).count("primary schools", "LBHF") == 40
