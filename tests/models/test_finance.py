"""Funding: contributions, payments, budget and spend, reserves, analysis and roll forward."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from helpers.funding import (
    LAMBETH_BUDGET,
    LAMBETH_CONTRIBUTIONS,
    LEWISHAM_CONTRIBUTIONS,
    LEWISHAM_SPEND,
    load_lambeth,
    load_lewisham,
)

from lscp_desktop.models import finance as f
from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.membership.organisations import (
    find_organisation,
    save_organisation,
    set_organisation_active,
)
from lscp_desktop.models.store.database import Store

TODAY = dt.date(2025, 11, 22)


def _org(store: Store, name: str, kind: str = "relevant agency") -> int:
    return save_organisation(store, {"name": name, "kind": kind, "sector": "other"})


@pytest.fixture
def year(store: Store) -> f.FinanceYear:
    return f.get_year_by_id(store, f.save_year(store, {"label": "2025/26"}))


def _contribution(store: Store, year: f.FinanceYear, name: str, agreed: str, **extra: str) -> int:
    org = _org(store, name)
    return f.save_contribution(
        store, {"year_id": year.id, "organisation_id": org, "agreed": agreed, **extra}
    )


# --------------------------------------------------------------------------- the published tables


def test_lambeth_table_is_representable(store: Store) -> None:
    fy = load_lambeth(store)
    cs = f.list_contributions(store, fy.id, today=TODAY)
    assert [(c.organisation, c.organisation_kind, c.agreed) for c in cs] == LAMBETH_CONTRIBUTIONS
    lines = f.list_budget_lines(store, fy.id)
    assert [(b.description, b.category, b.budget) for b in lines] == LAMBETH_BUDGET
    s = f.summary(store, fy.id, today=TODAY)
    assert (s.agreed, s.budget, s.contributors, len(lines)) == (282_000_00, 282_000_00, 7, 16)
    council = next(x for x in f.shares(cs) if x.name == "Lambeth Council")
    assert f.format_share(council.share) == "81.5%"
    kinds = {k.name: k for k in f.shares_by_kind(cs)}
    assert kinds["statutory partner"].agreed == 274_950_00
    assert kinds["statutory partner"].count == 3
    assert kinds["relevant agency"].agreed == 7_050_00
    assert sum(k.share for k in kinds.values()) == 1


def test_lewisham_table_is_representable(store: Store) -> None:
    fy = load_lewisham(store)
    cs = f.list_contributions(store, fy.id, today=TODAY)
    assert [(c.organisation, c.agreed) for c in cs] == [
        (n, p) for n, _, p in LEWISHAM_CONTRIBUTIONS
    ]
    spend = f.list_spend(store, fy.id)
    assert [(s.line, s.category, s.amount) for s in spend] == LEWISHAM_SPEND
    assert all(s.spent_on == "2019-03-31" for s in spend)
    s = f.summary(store, fy.id, today=TODAY)
    assert (s.agreed, s.actual, s.budget, s.variance) == (182_550_00, 182_550_00, 182_550_00, 0)
    # The council's share the executive argues about, exactly.
    council = next(x for x in f.shares(cs) if x.name == "Lewisham Council")
    assert council.share == Fraction(83_280, 182_550)
    assert f.format_share(council.share) == "45.6%"
    assert find_organisation(store, "Metropolitan Police").sector == "police"


def test_a_bad_row_in_a_table_saves_nothing(store: Store) -> None:
    rows = [*LAMBETH_CONTRIBUTIONS, ("Lambeth Council", "statutory partner", 100)]
    with pytest.raises(ValidationError, match="already has a contribution"):
        f.load_funding_table(store, "2018/19", contributions=rows)
    assert store.count("organisations") == 0
    assert store.count("contributions") == 0
    assert store.count("finance_years") == 0


# --------------------------------------------------------------------------- years


@pytest.mark.parametrize("label", ["2025/27", "25/26", "twenty", "2025-2027", ""])
def test_a_year_label_that_does_not_parse_is_refused(store: Store, label: str) -> None:
    with pytest.raises(ValidationError) as err:
        f.save_year(store, {"label": label})
    assert err.value.field == "label"
    assert store.count("finance_years") == 0


def test_years_are_unique_and_accept_other_spellings(store: Store) -> None:
    f.save_year(store, {"label": "2025-26", "opening_reserve": "£12,500.50"})
    assert f.get_year(store, "2025/26").opening_reserve == 12_500_50
    with pytest.raises(ValidationError, match="already set up"):
        f.save_year(store, {"label": "2025/2026"})
    with pytest.raises(NotFoundError, match="2026/27 has not been set up"):
        f.get_year(store, "2026/27")


# --------------------------------------------------------------------------- contributions


def test_text_in_an_amount_field_is_refused(store: Store, year: f.FinanceYear) -> None:
    org = _org(store, "Northshire Police", "statutory partner")
    with pytest.raises(ValidationError, match="'five thousand' is not an amount") as err:
        f.save_contribution(
            store, {"year_id": year.id, "organisation_id": org, "agreed": "five thousand"}
        )
    assert err.value.field == "agreed"
    assert store.count("contributions") == 0


def test_a_negative_agreed_amount_is_refused(store: Store, year: f.FinanceYear) -> None:
    org = _org(store, "Cafcass")
    with pytest.raises(ValidationError, match="cannot be negative"):
        f.save_contribution(store, {"year_id": year.id, "organisation_id": org, "agreed": "-550"})
    assert store.count("contributions") == 0


def test_two_contributions_for_one_organisation_in_one_year(
    store: Store, year: f.FinanceYear
) -> None:
    cid = _contribution(store, year, "Northshire Police", "5,000")
    org = f.get_contribution(store, cid).organisation_id
    with pytest.raises(ValidationError, match="Northshire Police already has a contribution"):
        f.save_contribution(store, {"year_id": year.id, "organisation_id": org, "agreed": "1"})
    assert store.count("contributions") == 1
    # Editing the one contribution is fine; another year is fine.
    f.save_contribution(store, {"year_id": year.id, "organisation_id": org, "agreed": "6000"}, cid)
    assert f.get_contribution(store, cid).agreed == 6_000_00
    nxt = f.save_year(store, {"label": "2026/27"})
    f.save_contribution(store, {"year_id": nxt, "organisation_id": org, "agreed": "6000"})


def test_status_follows_invoice_payments_and_dates(store: Store, year: f.FinanceYear) -> None:
    cid = _contribution(store, year, "Cafcass", "550")

    def status(on: dt.date = TODAY) -> str:
        return f.get_contribution(store, cid, today=on).status

    assert status() == "agreed"
    c = f.get_contribution(store, cid)
    values = {"year_id": year.id, "organisation_id": c.organisation_id, "agreed": "550"}
    f.save_contribution(
        store, {**values, "invoice_ref": "INV-1", "invoice_date": "01/11/2025"}, cid
    )
    assert status() == "invoiced"
    assert f.get_contribution(store, cid).due_on == "2025-12-01"  # 30 days' terms by default
    assert status(dt.date(2025, 12, 2)) == "overdue"
    f.record_payment(store, cid, {"paid_on": "20/11/2025", "amount": "200"})
    assert status() == "part-paid"
    assert status(dt.date(2025, 12, 2)) == "overdue"  # still short after the due date
    f.record_payment(store, cid, {"paid_on": "21/11/2025", "amount": "350"})
    assert status(dt.date(2026, 3, 1)) == "paid"
    f.save_contribution(store, {**values, "waived": True}, cid)
    assert status() == "waived"
    assert f.get_contribution(store, cid).outstanding == 0


def test_part_payments_and_the_outstanding_amount(store: Store, year: f.FinanceYear) -> None:
    cid = _contribution(store, year, "NHS North Thames ICB", "47,740")
    f.record_payment(store, cid, {"paid_on": "2025-06-01", "amount": "23,870.50"})
    c = f.get_contribution(store, cid)
    assert (c.received, c.outstanding, c.status, c.payments) == (
        23_870_50,
        23_869_50,
        "part-paid",
        1,
    )
    assert [p.amount for p in f.list_payments(store, cid)] == [23_870_50]
    assert [x.id for x in f.outstanding(store, year.id)] == [cid]


def test_more_received_than_agreed_warns_and_saves_nothing(
    store: Store, year: f.FinanceYear
) -> None:
    cid = _contribution(store, year, "Cafcass", "550")
    f.record_payment(store, cid, {"paid_on": "2025-06-01", "amount": "500"})
    with pytest.raises(f.OverpaymentWarning, match="£50 more than the £550 agreed"):
        f.record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "100"})
    assert f.get_contribution(store, cid).received == 500_00
    f.record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "100"}, allow_overpayment=True)
    c = f.get_contribution(store, cid)
    assert (c.received, c.outstanding, c.status) == (600_00, -50_00, "paid")


def test_a_negative_payment_is_only_a_flagged_refund(store: Store, year: f.FinanceYear) -> None:
    cid = _contribution(store, year, "Cafcass", "550")
    f.record_payment(store, cid, {"paid_on": "2025-06-01", "amount": "550"})
    with pytest.raises(ValidationError, match="tick 'Refund'"):
        f.record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "-50"})
    with pytest.raises(ValidationError, match="other than £0"):
        f.record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "0"})
    with pytest.raises(ValidationError, match="more than the £550 received"):
        f.record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "600", "refund": True})
    assert store.count("contribution_payments") == 1
    f.record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "50", "refund": True})
    payments = f.list_payments(store, cid)
    assert [(p.amount, p.refund) for p in payments] == [(550_00, False), (-50_00, True)]
    assert f.get_contribution(store, cid).outstanding == 50_00


def test_a_contribution_with_payments_cannot_be_deleted(store: Store, year: f.FinanceYear) -> None:
    cid = _contribution(store, year, "Cafcass", "550")
    f.record_payment(store, cid, {"paid_on": "2025-06-01", "amount": "50"})
    with pytest.raises(ValidationError, match="delete the payments first"):
        f.delete_contribution(store, cid)
    f.delete_payment(store, f.list_payments(store, cid)[0].id)
    f.delete_contribution(store, cid)
    assert store.count("contributions") == 0


def test_in_kind_contributions_with_optional_value(store: Store, year: f.FinanceYear) -> None:
    org = _org(store, "Northbridge Borough Council", "statutory partner")
    f.save_in_kind(
        store,
        {"year_id": year.id, "organisation_id": org, "description": "Hosting the business unit",
         "notional": "18,000"},
    )  # fmt: skip
    f.save_in_kind(
        store, {"year_id": year.id, "organisation_id": org, "description": "Legal advice"}
    )
    with pytest.raises(ValidationError, match="Enter the description"):
        f.save_in_kind(store, {"year_id": year.id, "organisation_id": org, "description": " "})
    assert [(k.description, k.notional) for k in f.list_in_kind(store, year.id)] == [
        ("Hosting the business unit", 18_000_00),
        ("Legal advice", None),
    ]
    assert f.summary(store, year.id).in_kind_notional == 18_000_00


# --------------------------------------------------------------------------- budget and spend


def test_budget_actual_and_variance(store: Store, year: f.FinanceYear) -> None:
    line = f.save_budget_line(
        store,
        {"year_id": year.id, "category": "Training", "description": "Multi-agency training",
         "budget": "15,000"},
    )  # fmt: skip
    f.save_spend(store, {"budget_line_id": line, "spent_on": "01/05/2025", "amount": "9,000.25"})
    f.save_spend(store, {"budget_line_id": line, "spent_on": "01/06/2025", "amount": "7,000"})
    f.save_spend(
        store,
        {"budget_line_id": line, "spent_on": "02/06/2025", "amount": "500", "refund": True},
    )
    b = f.get_budget_line(store, line)
    assert (b.category, b.budget, b.actual, b.variance) == (
        "training",
        15_000_00,
        15_500_25,
        -500_25,
    )


def test_bad_spend_is_refused(store: Store, year: f.FinanceYear) -> None:
    line = f.save_budget_line(
        store, {"year_id": year.id, "category": "office", "description": "Stationery",
                "budget": "1000"}
    )  # fmt: skip
    with pytest.raises(ValidationError, match="tick 'Refund'"):
        f.save_spend(store, {"budget_line_id": line, "spent_on": "2025-05-01", "amount": "-10"})
    with pytest.raises(ValidationError, match="outside 2025/26"):
        f.save_spend(store, {"budget_line_id": line, "spent_on": "2026-04-01", "amount": "10"})
    with pytest.raises(ValidationError, match="not a budget category"):
        f.save_budget_line(
            store, {"year_id": year.id, "category": "biscuits", "description": "x", "budget": "1"}
        )
    assert store.count("spend_entries") == 0
    f.save_spend(store, {"budget_line_id": line, "spent_on": "2025-05-01", "amount": "10"})
    with pytest.raises(ValidationError, match="1 spend entry against it"):
        f.delete_budget_line(store, line)


def test_reserves_balances_and_drawdowns(store: Store, year: f.FinanceYear) -> None:
    prev = f.save_year(store, {"label": "2024/25"})
    rid = f.save_reserve(store, {"name": "Practice review reserve"})
    f.save_movement(
        store,
        {"reserve_id": rid, "year_id": prev, "moved_on": "31/03/2025", "amount": "20,000"},
    )
    with pytest.raises(ValidationError, match="holds £20,000 by the end of 2025/26"):
        f.save_movement(
            store,
            {"reserve_id": rid, "year_id": year.id, "moved_on": "01/09/2025", "amount": "25,000",
             "direction": "drawdown"},
        )  # fmt: skip
    f.save_movement(
        store,
        {"reserve_id": rid, "year_id": year.id, "moved_on": "01/09/2025", "amount": "12,000",
         "direction": "drawdown"},
    )  # fmt: skip
    [balance] = f.reserve_balances(store, year.id)
    assert (balance.opening, balance.movements, balance.closing) == (
        20_000_00,
        -12_000_00,
        8_000_00,
    )
    s = f.summary(store, year.id)
    assert s.reserve_transfers == -12_000_00
    assert s.closing_reserve == 12_000_00  # the drawdown comes back to fund the review


def test_closing_reserve(store: Store) -> None:
    fy = load_lewisham(store)
    f.save_year(store, {"label": "2018/19", "opening_reserve": "10,000"}, fy.id)
    s = f.summary(store, fy.id, today=dt.date(2019, 5, 1))
    assert s.closing_reserve == s.forecast_closing == 10_000_00  # income less spend, both £182,550


def test_forecast_assumes_the_rest_of_the_budget_is_spent(store: Store) -> None:
    fy = load_lambeth(store)
    line = f.list_budget_lines(store, fy.id)[0]
    f.save_spend(store, {"budget_line_id": line.id, "spent_on": "2018-05-01", "amount": "1000"})
    during = f.summary(store, fy.id, today=dt.date(2018, 6, 1))
    assert during.closing_reserve == 281_000_00
    assert during.forecast_closing == 0
    after = f.summary(store, fy.id, today=dt.date(2019, 4, 1))
    assert after.forecast_closing == after.closing_reserve == 281_000_00


# --------------------------------------------------------------------------- analysis


def test_shares_and_their_display() -> None:
    assert f.format_share(Fraction(72, 100)) == "72.0%"
    assert f.format_share(Fraction(1, 3)) == "33.3%"
    assert f.format_share(Fraction(2, 3)) == "66.7%"
    assert f.format_share(Fraction(1, 2000)) == "0.1%"  # 0.05% rounds half up
    assert f.format_share(Fraction(-1, 8)) == "-12.5%"
    assert f.format_share(None) == "—"


def test_year_on_year_change_per_contributor(store: Store) -> None:
    load_lambeth(store)
    rf = f.roll_forward(store, "2018/19", uplift="10")
    police = find_organisation(
        store, "Metropolitan Police via Mayor's Office for Policing and Crime"
    )
    new = _org(store, "Northbridge Homes")
    f.save_contribution(store, {"year_id": rf.year.id, "organisation_id": new, "agreed": "900"})
    rows = {r.organisation: r for r in f.year_on_year(store, rf.year.id)}
    council = rows["Lambeth Council"]
    assert (council.previous, council.current, council.change) == (
        229_950_00,
        252_945_00,
        22_995_00,
    )
    assert council.change_fraction == Fraction(1, 10)
    assert rows["Northbridge Homes"].change_fraction is None
    assert police is not None and rows[police.name].current == 5_500_00


# --------------------------------------------------------------------------- roll forward


@pytest.mark.parametrize(
    ("pence", "percent", "round_to", "expected"),
    [
        (550_00, "2.5", "pound", 564_00),  # £563.75 → £564
        (550_00, "2.5", "penny", 563_75),
        (1_000, "5", "pound", 1_100),  # £10.50 is a half: rounded up
        (10, "5", "penny", 11),  # 10.5p is a half: rounded up
        (229_950_00, "2.5", "pound", 235_699_00),  # £235,698.75
        (5_000_00, "0", "pound", 5_000_00),
        (5_000_00, "-3.33", "penny", 4_833_50),
        (333_33, "0", "pound", 333_00),  # pence dropped to the pound
    ],
)
def test_uplift_rounding_rule(pence: int, percent: str, round_to: str, expected: int) -> None:
    assert f.apply_uplift(pence, Decimal(percent), round_to) == expected


@pytest.mark.parametrize("text", ["2,5x", "abc", "1.234", "75", "nan"])
def test_a_bad_uplift_is_refused(store: Store, text: str) -> None:
    load_lambeth(store)
    with pytest.raises(ValidationError) as err:
        f.roll_forward(store, "2018/19", uplift=text)
    assert err.value.field == "uplift"
    assert store.count("finance_years") == 1


def test_roll_forward_copies_with_uplift(store: Store) -> None:
    fy = load_lambeth(store)
    f.save_year(store, {"label": "2018/19", "opening_reserve": "3,000"}, fy.id)
    cafcass = find_organisation(store, "Cafcass")
    assert cafcass is not None
    set_organisation_active(store, cafcass.id, False)
    result = f.roll_forward(store, "2018/19", uplift="2.5%", today=dt.date(2019, 2, 1))
    assert result.created and result.year.label == "2019/20"
    assert result.contributions == 6 and result.budget_lines == 16
    assert result.skipped == ["Cafcass is no longer active"]
    # Before the year ends, the whole budget is assumed spent: £3,000 + £282,000 - £282,000.
    assert result.year.opening_reserve == 3_000_00
    cs = {c.organisation: c.agreed for c in f.list_contributions(store, result.year.id)}
    assert cs["Lambeth Council"] == 235_699_00
    assert cs["London Fire Brigade"] == 513_00  # £512.50 rounds up
    assert "Cafcass" not in cs
    assert result.total_after == sum(cs.values())
    lines = f.list_budget_lines(store, result.year.id)
    assert lines[0].budget == 164_000_00
    assert [b.position for b in lines] == list(range(1, 17))


def test_roll_forward_into_a_year_already_started(store: Store) -> None:
    load_lambeth(store)
    nxt = f.save_year(store, {"label": "2019/20", "opening_reserve": "1"})
    council = find_organisation(store, "Lambeth Council")
    assert council is not None
    f.save_contribution(store, {"year_id": nxt, "organisation_id": council.id, "agreed": "1"})
    result = f.roll_forward(store, "2018/19", round_to="penny", copy_budget=False)
    assert not result.created
    assert result.skipped == ["Lambeth Council already has a 2019/20 contribution"]
    assert result.contributions == 6 and result.budget_lines == 0
    assert f.get_year(store, "2019/20").opening_reserve == 1_00  # left as the user set it
    with pytest.raises(NotFoundError):
        f.roll_forward(store, "2030/31")


# --------------------------------------------------------------------------- the demo


def test_demo_funding_feels_like_the_published_tables(demo_store: Store) -> None:
    today = dt.date(2026, 11, 22)
    years = f.list_years(demo_store)
    assert [y.label for y in years] == ["2024/25", "2025/26", "2026/27"]
    for y in years:
        cs = f.list_contributions(demo_store, y.id, today=today)
        s = f.summary(demo_store, y.id, today=today)
        assert cs and s.budget > 0 and s.actual > 0
        assert store_has_payments(demo_store, y.id)
        council = f.shares(cs)[0]
        assert council.name.endswith("Borough Council")
        assert Fraction(70, 100) <= council.share <= Fraction(80, 100)
        police = next(c for c in cs if c.organisation == "Northshire Police")
        assert police.agreed == 5_000_00
        icb = next(x for x in f.shares(cs) if "Integrated Care Board" in x.name)
        assert Fraction(12, 100) <= icb.share <= Fraction(18, 100)
        assert {b.category for b in f.list_budget_lines(demo_store, y.id)} >= {
            "staffing", "independent scrutiny", "practice reviews", "training",
        }  # fmt: skip
    current = f.list_contributions(demo_store, years[-1].id, today=today)
    assert {"paid", "part-paid", "overdue", "agreed"} <= {c.status for c in current}
    assert f.outstanding(demo_store, years[-1].id, today=today)
    # Each year opens with what the one before closed with.
    for before, after in itertools.pairwise(years):
        assert (
            f.summary(demo_store, before.id, today=today).closing_reserve == after.opening_reserve
        )


def store_has_payments(store: Store, year_id: int) -> bool:
    return any(c.payments for c in f.list_contributions(store, year_id))
