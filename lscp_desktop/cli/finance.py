"""Funding from the command line: list a year's contributions, budget and spend; add years,
contributions and payments; roll a year forward; load a published funding table from CSV."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lscp_desktop.cli.common import add_db_argument, open_existing, print_rows
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import LscpError, NotFoundError, ValidationError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance import analysis
from lscp_desktop.models.finance.analysis import closing_label, format_share, shares_by_kind
from lscp_desktop.models.finance.budget import list_budget_lines, list_spend
from lscp_desktop.models.finance.contributions import (
    get_contribution,
    list_contributions,
    outstanding,
    save_contribution,
)
from lscp_desktop.models.finance.fields import parse_amount
from lscp_desktop.models.finance.funding_table import load_funding_table
from lscp_desktop.models.finance.in_kind import list_in_kind
from lscp_desktop.models.finance.payments import (
    NOT_INVOICED,
    OUTSIDE_YEAR,
    OVERPAYMENT,
    PaymentQuestion,
    record_payment,
)
from lscp_desktop.models.finance.records import ROUNDING_UNITS, FinanceYear
from lscp_desktop.models.finance.reserves import reserve_balances
from lscp_desktop.models.finance.rollover import roll_forward
from lscp_desktop.models.finance.years import (
    delete_year,
    get_year,
    get_year_by_id,
    list_years,
    save_year,
)
from lscp_desktop.models.membership.organisations import find_organisation
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.cli import Commands

Lister = Callable[[Store, FinanceYear], list[dict[str, Any]]]


def register(commands: Commands) -> None:
    for kind, (fn, columns) in LIST_KINDS.items():
        p = commands.list.add_parser(kind, help=f"list a financial year's {kind}")
        add_db_argument(p)
        _year_argument(p)
        p.add_argument("--json", action="store_true", help="print JSON (amounts in pence)")
        p.set_defaults(func=_lister(fn, columns))

    top = commands.top.add_parser("finance", help="funding: years, contributions, roll forward")
    sub = top.add_subparsers(dest="finance_command", metavar="ACTION", required=True)

    p = sub.add_parser("years", help="list the financial years set up, with their totals")
    add_db_argument(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_years)

    p = sub.add_parser("add-year", help="set up a financial year")
    add_db_argument(p)
    _year_argument(p)
    p.add_argument("--opening-reserve", default="0", metavar="AMOUNT")
    p.set_defaults(func=cmd_add_year)

    p = sub.add_parser(
        "delete-year", help="delete a financial year set up by mistake (only an empty one)"
    )
    add_db_argument(p)
    _year_argument(p)
    p.set_defaults(func=cmd_delete_year)

    p = sub.add_parser("summary", help="a year's totals, shares, outstanding contributions")
    add_db_argument(p)
    _year_argument(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("contribute", help="record an organisation's agreed contribution")
    add_db_argument(p)
    _year_argument(p)
    p.add_argument("--organisation", required=True, metavar="NAME")
    p.add_argument("--agreed", required=True, metavar="AMOUNT", help="e.g. 5000 or £5,000.00")
    p.add_argument("--invoice-ref", default="")
    p.add_argument("--invoice-date", metavar="DD/MM/YYYY")
    p.add_argument("--due-date", metavar="DD/MM/YYYY")
    p.set_defaults(func=cmd_contribute)

    p = sub.add_parser("pay", help="record money received against a contribution")
    add_db_argument(p)
    _year_argument(p)
    p.add_argument("--organisation", required=True, metavar="NAME")
    p.add_argument("--amount", required=True, metavar="AMOUNT")
    p.add_argument("--date", required=True, metavar="DD/MM/YYYY", help="date received")
    p.add_argument("--reference", default="")
    p.add_argument("--refund", action="store_true", help="money paid back to the partner")
    p.add_argument(
        "--allow-overpayment",
        action="store_true",
        help="record it even if more than the agreed amount will have been received",
    )
    p.add_argument(
        "--allow-uninvoiced",
        action="store_true",
        help="record it even if the contribution had not been invoiced by that date",
    )
    p.add_argument(
        "--allow-outside-year",
        action="store_true",
        help="record it even if the date is outside the contribution's financial year",
    )
    p.set_defaults(func=cmd_pay)

    p = sub.add_parser(
        "roll-forward", help="start next year from this one, with an optional uplift"
    )
    add_db_argument(p)
    p.add_argument("--from", dest="from_year", required=True, metavar="YEAR", help="e.g. 2025/26")
    p.add_argument("--uplift", default="0", metavar="PERCENT", help="e.g. 2.5")
    p.add_argument(
        "--round-to",
        choices=tuple(ROUNDING_UNITS),
        default="pound",
        help="round uplifted amounts to the nearest pound (default) or penny; halves go up",
    )
    p.add_argument("--no-budget", action="store_true", help="do not copy the budget lines")
    p.add_argument("--no-reserve", action="store_true", help="do not carry the reserve forward")
    p.set_defaults(func=cmd_roll_forward)

    p = sub.add_parser(
        "load-table",
        help="enter a published funding table from CSV files (as in tests/data)",
    )
    add_db_argument(p)
    _year_argument(p)
    p.add_argument("--contributions", type=Path, help="CSV: organisation,kind,amount_gbp")
    p.add_argument("--budget", type=Path, help="CSV: line,category,amount_gbp")
    p.add_argument("--spend", type=Path, help="CSV: line,category,amount_gbp")
    p.add_argument(
        "--received",
        action="store_true",
        help="the contributions were received: record them paid on the year's last day",
    )
    p.set_defaults(func=cmd_load_table)


def _year_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", required=True, help="the financial year, e.g. 2025/26")


# --------------------------------------------------------------------------- listing


def _contribution_rows(store: Store, year: FinanceYear) -> list[dict[str, Any]]:
    cs = list_contributions(store, year.id)
    shares = {s.name: s.share for s in analysis.shares(cs)}
    return [
        {
            "id": c.id,
            "organisation": c.organisation,
            "kind": c.organisation_kind,
            "agreed_pence": c.agreed,
            "received_pence": c.received,
            "outstanding_pence": c.outstanding,
            "status": c.status,
            "share": format_share(shares[c.organisation]),
            "invoice_ref": c.invoice_ref,
            "invoice_date": c.invoice_date,
            "due_on": c.due_on,
            "notes": c.notes,
        }
        for c in cs
    ]


def _budget_rows(store: Store, year: FinanceYear) -> list[dict[str, Any]]:
    return [
        {
            "line": i,
            "id": b.id,
            "category": b.category,
            "description": b.description,
            "budget_pence": b.budget,
            "actual_pence": b.actual,
            "variance_pence": b.variance,
        }
        for i, b in enumerate(list_budget_lines(store, year.id), start=1)
    ]


def _spend_rows(store: Store, year: FinanceYear) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "spent_on": s.spent_on,
            "line": s.line,
            "category": s.category,
            "payee": s.payee,
            "description": s.description,
            "reference": s.reference,
            "amount_pence": s.amount,
            "refund": s.refund,
        }
        for s in list_spend(store, year.id)
    ]


def _in_kind_rows(store: Store, year: FinanceYear) -> list[dict[str, Any]]:
    return [
        {
            "id": k.id,
            "organisation": k.organisation,
            "description": k.description,
            "notional_pence": k.notional,
            "notes": k.notes,
        }
        for k in list_in_kind(store, year.id)
    ]


def _reserve_rows(store: Store, year: FinanceYear) -> list[dict[str, Any]]:
    return [
        {
            "reserve": r.name,
            "opening_pence": r.opening,
            "movements_pence": r.movements,
            "closing_pence": r.closing,
            "purpose": r.purpose,
        }
        for r in reserve_balances(store, year.id)
    ]


LIST_KINDS: dict[str, tuple[Lister, list[tuple[str, str]]]] = {
    "contributions": (
        _contribution_rows,
        [("organisation", "Organisation"), ("kind", "Kind"), ("agreed_pence", "Agreed"),
         ("received_pence", "Received"), ("outstanding_pence", "Outstanding"),
         ("status", "Status"), ("share", "Share"), ("invoice_ref", "Invoice")],
    ),
    "budget": (
        _budget_rows,
        [("line", "Line"), ("category", "Category"), ("description", "Budget line"),
         ("budget_pence", "Budget"), ("actual_pence", "Actual"), ("variance_pence", "Variance")],
    ),
    "spend": (
        _spend_rows,
        [("spent_on", "Date"), ("line", "Budget line"), ("payee", "Payee"),
         ("reference", "Reference"), ("amount_pence", "Amount"), ("refund", "Refund")],
    ),
    "in-kind": (
        _in_kind_rows,
        [("organisation", "Organisation"), ("description", "What is given"),
         ("notional_pence", "Notional value")],
    ),
    "reserves": (
        _reserve_rows,
        [("reserve", "Reserve"), ("opening_pence", "Opening"), ("movements_pence", "In year"),
         ("closing_pence", "Closing")],
    ),
}  # fmt: skip


def _display(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pence as £ text and ISO dates as dd/mm/yyyy, for the text table."""
    out = []
    for row in rows:
        shown = {}
        for key, value in row.items():
            if key.endswith("_pence"):
                shown[key] = format_money(value)
            elif key in ("spent_on", "invoice_date", "due_on"):
                shown[key] = uk(value)
            else:
                shown[key] = value
        out.append(shown)
    return out


def _lister(fn: Lister, columns: list[tuple[str, str]]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        with open_existing(args.path) as store:
            rows = fn(store, get_year(store, args.year))
        print_rows(rows if args.json else _display(rows), columns, as_json=args.json)
        return 0

    return run


# --------------------------------------------------------------------------- commands


def cmd_years(args: argparse.Namespace) -> int:
    with open_existing(args.path) as store:
        rows = []
        for y in list_years(store):
            s = analysis.summary(store, y.id)
            rows.append(
                {
                    "year": y.label,
                    "opening_reserve_pence": y.opening_reserve,
                    "agreed_pence": s.agreed,
                    "received_pence": s.received,
                    "outstanding_pence": s.outstanding,
                    "budget_pence": s.budget,
                    "actual_pence": s.actual,
                    "closing_reserve_pence": s.closing_reserve,
                }
            )
    columns = [
        ("year", "Year"), ("opening_reserve_pence", "Opening reserve"),
        ("agreed_pence", "Agreed"), ("received_pence", "Received"),
        ("outstanding_pence", "Outstanding"), ("budget_pence", "Budget"),
        ("actual_pence", "Actual"), ("closing_reserve_pence", "Closing reserve"),
    ]  # fmt: skip
    print_rows(rows if args.json else _display(rows), columns, as_json=args.json)
    return 0


def cmd_add_year(args: argparse.Namespace) -> int:
    with open_existing(args.path, write=True) as store:
        year_id = save_year(store, {"label": args.year, "opening_reserve": args.opening_reserve})
        year = get_year_by_id(store, year_id)
    print(f"Set up {year.label} with an opening reserve of {format_money(year.opening_reserve)}.")
    return 0


def cmd_delete_year(args: argparse.Namespace) -> int:
    with open_existing(args.path, write=True) as store:
        year = get_year(store, args.year)
        delete_year(store, year.id)
    print(f"Deleted the financial year {year.label}.")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    with open_existing(args.path) as store:
        year = get_year(store, args.year)
        s = analysis.summary(store, year.id)
        cs = list_contributions(store, year.id)
        kinds = shares_by_kind(cs)
        owed = outstanding(store, year.id)
    if args.json:
        import json
        import sys

        json.dump(
            {
                "year": year.label,
                "opening_reserve_pence": year.opening_reserve,
                "agreed_pence": s.agreed,
                "received_pence": s.received,
                "outstanding_pence": s.outstanding,
                "income_pence": s.income,
                "budget_pence": s.budget,
                "actual_pence": s.actual,
                "variance_pence": s.variance,
                "reserve_transfers_pence": s.reserve_transfers,
                "closing_reserve_pence": s.closing_reserve,
                "forecast_closing_reserve_pence": s.forecast_closing,
                "year_ended": s.ended,
                "in_kind_notional_pence": s.in_kind_notional,
                "by_kind": [
                    {"kind": k.name, "contributors": k.count, "agreed_pence": k.agreed,
                     "share": format_share(k.share)}
                    for k in kinds
                ],
                "outstanding": [
                    {"organisation": c.organisation, "status": c.status,
                     "outstanding_pence": c.outstanding}
                    for c in owed
                ],
            },
            sys.stdout,
            indent=2,
        )  # fmt: skip
        print()
        return 0
    lines = [
        ("Opening reserve", year.opening_reserve),
        ("Contributions agreed", s.agreed),
        ("Received", s.received),
        ("Outstanding", s.outstanding),
        ("Budget", s.budget),
        ("Actual spend", s.actual),
        ("Variance (budget less actual)", s.variance),
        ("Net transfers to earmarked reserves", s.reserve_transfers),
        (closing_label(s), s.closing_reserve),
    ]
    if not s.ended:
        lines.append(("Forecast reserve carried forward", s.forecast_closing))
    lines.append(("In kind (notional value)", s.in_kind_notional))
    print(f"Funding {year.label}")
    for text, pence in lines:
        print(f"  {text:<42}{format_money(pence):>14}")
    print("By kind of partner")
    for k in kinds:
        print(f"  {k.name:<42}{format_money(k.agreed):>14}  {format_share(k.share):>6}")
    if owed:
        print(f"Outstanding ({len(owed)})")
        for c in owed:
            print(f"  {c.organisation[:42]:<42}{format_money(c.outstanding):>14}  {c.status}")
    return 0


def _organisation_id(store: Store, name: str) -> int:
    org = find_organisation(store, name)
    if org is None:
        raise NotFoundError(
            f"There is no organisation called '{name}'; see `lscp-desktop list organisations`."
        )
    return org.id


def cmd_contribute(args: argparse.Namespace) -> int:
    with open_existing(args.path, write=True) as store:
        year = get_year(store, args.year)
        save_contribution(
            store,
            {
                "year_id": year.id,
                "organisation_id": _organisation_id(store, args.organisation),
                "agreed": args.agreed,
                "invoice_ref": args.invoice_ref,
                "invoice_date": args.invoice_date,
                "due_date": args.due_date,
            },
        )
    print(f"Recorded {args.organisation}'s contribution for {year.label}.")
    return 0


def cmd_pay(args: argparse.Namespace) -> int:
    with open_existing(args.path, write=True) as store:
        year = get_year(store, args.year)
        org_id = _organisation_id(store, args.organisation)
        match = [c for c in list_contributions(store, year.id) if c.organisation_id == org_id]
        if not match:
            raise NotFoundError(
                f"{args.organisation} has no contribution for {year.label}; add it first with "
                "`lscp-desktop finance contribute`."
            )
        try:
            record_payment(
                store,
                match[0].id,
                {"paid_on": args.date, "amount": args.amount, "refund": args.refund,
                 "reference": args.reference},
                confirmed={q for q, given in ((OVERPAYMENT, args.allow_overpayment),
                           (NOT_INVOICED, args.allow_uninvoiced),
                           (OUTSIDE_YEAR, args.allow_outside_year)) if given},
            )  # fmt: skip
        except PaymentQuestion as exc:
            flag = {OVERPAYMENT: "--allow-overpayment", NOT_INVOICED: "--allow-uninvoiced",
                    OUTSIDE_YEAR: "--allow-outside-year"}[exc.question]  # fmt: skip
            raise ValidationError(
                f"{exc} Nothing was saved; add {flag} to record it anyway."
            ) from None
        c = get_contribution(store, match[0].id)
    print(
        f"Recorded. {c.organisation} has paid {format_money(c.received)} of "
        f"{format_money(c.agreed)} ({c.status})."
    )
    return 0


def cmd_roll_forward(args: argparse.Namespace) -> int:
    with open_existing(args.path, write=True) as store:
        result = roll_forward(
            store,
            args.from_year,
            uplift=args.uplift,
            round_to=args.round_to,
            copy_budget=not args.no_budget,
            carry_reserve=not args.no_reserve,
        )
    verb = "Set up" if result.created else "Added to"
    print(
        f"{verb} {result.year.label}: {result.contributions} contribution(s) "
        f"({format_money(result.total_after)}), {result.budget_lines} budget line(s), "
        f"{result.in_kind} in-kind contribution(s); opening reserve "
        f"{format_money(result.year.opening_reserve)}."
    )
    for text in result.assumptions:
        print(f"  {text}")
    for reason in result.skipped:
        print(f"  skipped: {reason}")
    return 0


def _read_csv(path: Path | None, what: str) -> list[tuple[str, str, int]]:
    if path is None:
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except OSError as exc:
        raise LscpError(f"Cannot read {path}: {exc.strerror}.") from exc
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 3:
            raise ValidationError(
                f"{path.name} line {n}: expected three columns ({what}, kind or category, "
                "amount in pounds)."
            )
        try:
            pence = parse_amount(row[2], "amount", "amount")
        except ValidationError as exc:
            raise ValidationError(f"{path.name} line {n}: {exc}") from None
        out.append((row[0].strip(), row[1].strip(), pence))
    return out


def cmd_load_table(args: argparse.Namespace) -> int:
    contributions = _read_csv(args.contributions, "organisation")
    budget = _read_csv(args.budget, "budget line")
    spend = _read_csv(args.spend, "line")
    if not (contributions or budget or spend):
        raise ValidationError("Give at least one of --contributions, --budget or --spend.")
    with open_existing(args.path, write=True) as store:
        loaded = load_funding_table(
            store,
            args.year,
            contributions=contributions,
            budget=budget,
            spend=spend,
            received=args.received,
        )
        s = analysis.summary(store, loaded.year.id, today=dt.date.today())
    print(loaded.describe())
    for text in loaded.matched:
        print(f"  {text}")
    for text in loaded.created:
        print(f"  new organisation: {text}")
    print(
        f"{loaded.year.label} now: agreed {format_money(s.agreed)}, budget "
        f"{format_money(s.budget)}, spend {format_money(s.actual)}."
    )
    return 0
