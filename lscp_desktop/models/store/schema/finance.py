"""Finance: financial years, contributions, payments, budget lines, spend and reserves.

Every amount of money is INTEGER pence. A contribution's status is not stored: it follows from
its invoice, payments, due date and the waived flag (see ``models/finance/contributions.py``).
"""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.store.schema.ddl import Migrations, add_row_versions, run

migrations = Migrations("finance")


@migrations()
def m001_finance(db: Any) -> None:
    run(
        db,
        """
        CREATE TABLE finance_years (
            id INTEGER PRIMARY KEY,
            start_year INTEGER NOT NULL UNIQUE CHECK (start_year BETWEEN 1990 AND 2200),
            opening_reserve_pence INTEGER NOT NULL DEFAULT 0,
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE contributions (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES finance_years (id),
            organisation_id INTEGER NOT NULL REFERENCES organisations (id),
            agreed_pence INTEGER NOT NULL CHECK (agreed_pence >= 0),
            invoice_ref TEXT NOT NULL DEFAULT '',
            invoice_date TEXT,
            due_date TEXT,
            waived INTEGER NOT NULL DEFAULT 0,
            notes TEXT NOT NULL DEFAULT '',
            UNIQUE (year_id, organisation_id)
        );
        CREATE INDEX contributions_organisation ON contributions (organisation_id);
        CREATE TABLE contribution_payments (
            id INTEGER PRIMARY KEY,
            contribution_id INTEGER NOT NULL REFERENCES contributions (id),
            paid_on TEXT NOT NULL,
            amount_pence INTEGER NOT NULL CHECK (amount_pence <> 0),
            refund INTEGER NOT NULL DEFAULT 0 CHECK (amount_pence > 0 OR refund = 1),
            reference TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX contribution_payments_contribution ON contribution_payments (contribution_id);
        CREATE TABLE in_kind_contributions (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES finance_years (id),
            organisation_id INTEGER NOT NULL REFERENCES organisations (id),
            description TEXT NOT NULL,
            notional_pence INTEGER CHECK (notional_pence IS NULL OR notional_pence >= 0),
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX in_kind_year ON in_kind_contributions (year_id);
        CREATE TABLE budget_lines (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES finance_years (id),
            position INTEGER NOT NULL DEFAULT 0,
            category TEXT NOT NULL,
            description TEXT NOT NULL,
            budget_pence INTEGER NOT NULL CHECK (budget_pence >= 0),
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX budget_lines_year ON budget_lines (year_id, position);
        CREATE TABLE spend_entries (
            id INTEGER PRIMARY KEY,
            budget_line_id INTEGER NOT NULL REFERENCES budget_lines (id),
            spent_on TEXT NOT NULL,
            amount_pence INTEGER NOT NULL CHECK (amount_pence <> 0),
            refund INTEGER NOT NULL DEFAULT 0 CHECK (amount_pence > 0 OR refund = 1),
            payee TEXT NOT NULL DEFAULT '',
            reference TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX spend_entries_line ON spend_entries (budget_line_id, spent_on);
        CREATE TABLE reserves (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE,
            purpose TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE reserve_movements (
            id INTEGER PRIMARY KEY,
            reserve_id INTEGER NOT NULL REFERENCES reserves (id),
            year_id INTEGER NOT NULL REFERENCES finance_years (id),
            moved_on TEXT NOT NULL,
            amount_pence INTEGER NOT NULL CHECK (amount_pence <> 0),
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX reserve_movements_reserve ON reserve_movements (reserve_id, year_id)
        """,
    )


@migrations()
def m002_record_versions_finance(db: Any) -> None:
    """Every record carries a version, so a save over a colleague's change is refused and an
    undo over it too (issue 22)."""
    add_row_versions(
        db,
        "finance_years contributions contribution_payments in_kind_contributions "
        "budget_lines spend_entries reserves reserve_movements",
    )
