"""Every SQL statement of the finance area: the tables ``finance_years``, ``contributions``,
``contribution_payments``, ``in_kind_contributions``, ``budget_lines``, ``spend_entries``,
``reserves`` and ``reserve_movements``.

Each function takes the store and plain values and returns rows, a row, a scalar or ids; the
rules modules turn rows into records. Writes go through the store's audited ``insert``,
``update``, ``delete`` and ``bulk_insert``, never through SQL text here.
"""

from __future__ import annotations

from collections.abc import Sequence

from lscp_desktop.models.store.database import Row, Store

# --------------------------------------------------------------------------- years

_YEAR = "SELECT id, start_year, opening_reserve_pence AS opening_reserve, notes FROM finance_years"


def all_years(store: Store) -> list[Row]:
    """Every year set up, oldest first (columns named as :class:`FinanceYear`'s fields)."""
    return store.query(_YEAR + " ORDER BY start_year")


def year_starting(store: Store, start_year: int) -> Row | None:
    rows = store.query(_YEAR + " WHERE start_year = ?", [start_year])
    return rows[0] if rows else None


def year_holdings(store: Store, year_id: int) -> Row:
    """How many records of each kind the year holds: contributions, in_kind, budget_lines,
    spend_entries and reserve_movements (payments hang on contributions, so are not counted)."""
    rows = store.query(
        "SELECT"
        " (SELECT count(*) FROM contributions WHERE year_id = ?) AS contributions,"
        " (SELECT count(*) FROM in_kind_contributions WHERE year_id = ?) AS in_kind,"
        " (SELECT count(*) FROM budget_lines WHERE year_id = ?) AS budget_lines,"
        " (SELECT count(*) FROM spend_entries s JOIN budget_lines b ON b.id = s.budget_line_id"
        "   WHERE b.year_id = ?) AS spend_entries,"
        " (SELECT count(*) FROM reserve_movements WHERE year_id = ?) AS reserve_movements",
        [year_id] * 5,
    )
    return rows[0]


# --------------------------------------------------------------------------- contributions

_CONTRIBUTION = (
    "SELECT c.*, o.name AS organisation, o.kind AS organisation_kind,"
    " coalesce((SELECT CAST(sum(p.amount_pence) AS BIGINT) FROM contribution_payments p"
    "   WHERE p.contribution_id = c.id), 0) AS received,"
    " (SELECT count(*) FROM contribution_payments p WHERE p.contribution_id = c.id) AS payments"
    " FROM contributions c JOIN organisations o ON o.id = c.organisation_id"
)


def contributions_of_year(store: Store, year_id: int) -> list[Row]:
    """The year's contributions with the organisation, money received and number of payments,
    in the order they were entered."""
    return store.query(_CONTRIBUTION + " WHERE c.year_id = ? ORDER BY c.id", [year_id])


def contribution(store: Store, contribution_id: int) -> Row | None:
    """One contribution with the same columns as :func:`contributions_of_year`."""
    rows = store.query(_CONTRIBUTION + " WHERE c.id = ?", [contribution_id])
    return rows[0] if rows else None


def contribution_id_of(store: Store, year_id: int, organisation_id: int) -> int | None:
    """The id of *organisation_id*'s contribution for the year, if it has one."""
    value = store.scalar(
        "SELECT id FROM contributions WHERE year_id = ? AND organisation_id = ?",
        [year_id, organisation_id],
    )
    return None if value is None else int(value)


def contributing_organisations(store: Store, year_id: int) -> set[int]:
    """The ids of the organisations with a contribution for the year."""
    rows = store.query("SELECT organisation_id FROM contributions WHERE year_id = ?", [year_id])
    return {r["organisation_id"] for r in rows}


def organisations_active(store: Store) -> dict[int, bool]:
    """Each organisation's id and whether it is still active (rolling forward skips the rest)."""
    return {r["id"]: bool(r["active"]) for r in store.query("SELECT id, active FROM organisations")}


def agreed_in_years(store: Store, year_ids: Sequence[int]) -> list[Row]:
    """Each contribution's agreed amount in the given years with its organisation and year:
    year_id, start_year, organisation_id, name, kind, agreed_pence; in the order entered."""
    if not year_ids:
        return []
    marks = ", ".join("?" * len(year_ids))
    return store.query(
        "SELECT c.year_id, y.start_year, c.organisation_id, o.name, o.kind, c.agreed_pence"
        " FROM contributions c JOIN organisations o ON o.id = c.organisation_id"
        " JOIN finance_years y ON y.id = c.year_id"
        f" WHERE c.year_id IN ({marks}) ORDER BY c.id",
        list(year_ids),
    )


def payments_of_contribution(store: Store, contribution_id: int) -> list[Row]:
    """A contribution's payments (and refunds) by date received."""
    return store.query(
        "SELECT id, contribution_id, paid_on, amount_pence AS amount, refund, reference, notes"
        " FROM contribution_payments WHERE contribution_id = ? ORDER BY paid_on, id",
        [contribution_id],
    )


# --------------------------------------------------------------------------- in kind


def in_kind_of_year(store: Store, year_id: int) -> list[Row]:
    return store.query(
        "SELECT k.id, k.year_id, k.organisation_id, o.name AS organisation, k.description,"
        " k.notional_pence AS notional, k.notes FROM in_kind_contributions k"
        " JOIN organisations o ON o.id = k.organisation_id WHERE k.year_id = ? ORDER BY k.id",
        [year_id],
    )


# --------------------------------------------------------------------------- budget and spend

_BUDGET_LINE = (
    "SELECT b.id, b.year_id, b.position, b.category, b.description,"
    " b.budget_pence AS budget, b.notes,"
    " coalesce((SELECT CAST(sum(s.amount_pence) AS BIGINT) FROM spend_entries s"
    "   WHERE s.budget_line_id = b.id), 0) AS actual,"
    " (SELECT count(*) FROM spend_entries s WHERE s.budget_line_id = b.id) AS entries"
    " FROM budget_lines b"
)


def budget_lines_of_year(store: Store, year_id: int) -> list[Row]:
    """The year's budget lines in their order, each with its actual spend and entries."""
    return store.query(_BUDGET_LINE + " WHERE b.year_id = ? ORDER BY b.position, b.id", [year_id])


def budget_line(store: Store, line_id: int) -> Row | None:
    """One budget line with the same columns as :func:`budget_lines_of_year`."""
    rows = store.query(_BUDGET_LINE + " WHERE b.id = ?", [line_id])
    return rows[0] if rows else None


def last_budget_position(store: Store, year_id: int) -> int:
    """The position of the year's last budget line (0 when it has none)."""
    return int(
        store.scalar(
            "SELECT coalesce(max(position), 0) FROM budget_lines WHERE year_id = ?", [year_id]
        )
    )


def budget_totals(store: Store, year_ids: Sequence[int]) -> list[Row]:
    """year_id, budget and actual (the spend recorded) of each of the years with a budget."""
    if not year_ids:
        return []
    marks = ", ".join("?" * len(year_ids))
    return store.query(
        "SELECT b.year_id, CAST(sum(b.budget_pence) AS BIGINT) AS budget,"
        " CAST(coalesce(sum((SELECT sum(s.amount_pence) FROM spend_entries s"
        "   WHERE s.budget_line_id = b.id)), 0) AS BIGINT) AS actual"
        f" FROM budget_lines b WHERE b.year_id IN ({marks}) GROUP BY b.year_id",
        list(year_ids),
    )


def spend_of_year(store: Store, year_id: int) -> list[Row]:
    """The year's spend entries by date, each with its budget line's description and
    category."""
    return store.query(
        "SELECT s.id, s.budget_line_id, b.description AS line, b.category, s.spent_on,"
        " s.amount_pence AS amount, s.refund, s.payee, s.reference, s.description"
        " FROM spend_entries s JOIN budget_lines b ON b.id = s.budget_line_id"
        " WHERE b.year_id = ? ORDER BY s.spent_on, s.id",
        [year_id],
    )


# --------------------------------------------------------------------------- reserves


def all_reserves(store: Store) -> list[Row]:
    return store.query("SELECT id, name, purpose, active FROM reserves ORDER BY lower(name)")


def reserve_balances_in(store: Store, start_year: int) -> list[Row]:
    """Each reserve by name: id, name, purpose, active, opening (the movements of the years
    before *start_year*) and movements (those of that year)."""
    return store.query(
        "SELECT r.id, r.name, r.purpose,"
        " CAST(coalesce(sum(CASE WHEN y.start_year < ? THEN m.amount_pence END), 0) AS BIGINT)"
        " AS opening,"
        " CAST(coalesce(sum(CASE WHEN y.start_year = ? THEN m.amount_pence END), 0) AS BIGINT)"
        " AS movements,"
        " r.active FROM reserves r"
        " LEFT JOIN reserve_movements m ON m.reserve_id = r.id"
        " LEFT JOIN finance_years y ON y.id = m.year_id"
        " GROUP BY r.id, r.name, r.purpose, r.active ORDER BY lower(r.name)",
        [start_year, start_year],
    )


def reserve_held_by_end_of(
    store: Store, reserve_id: int, start_year: int, leaving_out: int | None = None
) -> int:
    """What the reserve holds at the end of the year starting in *start_year*, leaving out the
    movement *leaving_out* (the one being changed)."""
    sql = (
        "SELECT CAST(coalesce(sum(m.amount_pence), 0) AS BIGINT) FROM reserve_movements m"
        " JOIN finance_years y ON y.id = m.year_id WHERE m.reserve_id = ? AND y.start_year <= ?"
    )
    params = [reserve_id, start_year]
    if leaving_out is not None:
        sql += " AND m.id <> ?"
        params.append(leaving_out)
    return int(store.scalar(sql, params))


def movements_of_year(store: Store, year_id: int) -> list[Row]:
    """The year's reserve movements by date, each with its reserve's name."""
    return store.query(
        "SELECT m.id, m.reserve_id, r.name AS reserve, m.year_id, m.moved_on,"
        " m.amount_pence AS amount, m.description FROM reserve_movements m"
        " JOIN reserves r ON r.id = m.reserve_id WHERE m.year_id = ? ORDER BY m.moved_on, m.id",
        [year_id],
    )
