"""Import kind: partner contributions for one financial year (``--year 2025/26``).

Reads a contributions table, including the Contributions sheet of the app's own funding
workbook (title rows above the header, a totals row of formulas and further tables below it).
Each row is one organisation's agreed contribution, matched by organisation and year; the
organisation is found by name or created. An amount received becomes a payment (on the date
received, or today within the year); importing a changed amount records the difference. Saving
goes through :mod:`lscp_desktop.models.finance`, so its rules apply.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.dates import optional_date
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance.contributions import list_contributions, save_contribution
from lscp_desktop.models.finance.payments import QUESTIONS, record_payment
from lscp_desktop.models.finance.records import Contribution, FinanceYear
from lscp_desktop.models.finance.years import ensure_year, find_year, list_years
from lscp_desktop.models.imports.headings import ORGANISATION_NAMES
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.imports.organisation_kinds import KIND_WORDS, canonical_word
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

FIELDS = (
    ImportField("organisation", "Organisation", ORGANISATION_NAMES, required=True),
    ImportField(
        "organisation_kind",
        "Kind of partner",
        ("partner type", "type of partner", "kind of organisation", "type of organisation"),
        help="only used for an organisation that is created",
    ),
    ImportField(
        "agreed",
        "Agreed",
        (
            "agreed amount",
            "agreed contribution",
            "amount agreed",
            "contribution",
            "contributions",
            "amount",
            "£",
            "pledged",
            "annual contribution",
            "budgeted",
        ),
        required=True,
        type="money",
    ),
    ImportField(
        "received",
        "Received",
        (
            "amount received",
            "paid",
            "amount paid",
            "payment",
            "payments",
            "total received",
            "income received",
        ),
        type="money",
        help="recorded as a payment (the difference, if some was recorded before)",
    ),
    ImportField(
        "received_on",
        "Date received",
        ("date paid", "paid on", "received on", "payment date", "date of payment"),
        type="date",
        help="blank: today, or the year's nearest day",
    ),
    ImportField(
        "status",
        "Status",
        ("payment status",),
        help="only 'waived' is used; the others follow from the amounts and dates",
    ),
    ImportField(
        "invoice_ref",
        "Invoice",
        ("invoice ref", "invoice reference", "invoice number", "invoice no", "inv no"),
    ),
    ImportField(
        "invoice_date",
        "Invoice date",
        ("invoiced", "date invoiced", "invoiced on", "invoice raised"),
        type="date",
    ),
    ImportField(
        "due_date",
        "Due",
        ("due date", "payment due", "date due", "due by"),
        type="date",
        help="blank, or the invoice date plus the payment terms: follows the terms",
    ),
    ImportField("waived", "Waived", ("written off",), type="bool"),
    ImportField("notes", "Notes", ("comments", "remarks", "note")),
)


def _payment_day(ctx: ImportContext, values: dict[str, Any], year: FinanceYear) -> dt.date:
    given: dt.date | None = values.get("received_on")
    if given is not None:
        return given
    fy = year.fy
    return min(max(ctx.today, fy.start), fy.end)


def import_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    notes: list[str] = []
    label = ctx.require_year()
    year = find_year(ctx.store, label)
    if year is None:
        year = ensure_year(ctx.store, label)
        notes.append(f"set up the financial year {year.label}")
    kind = values.get("organisation_kind")
    org_id = ctx.organisation(
        values["organisation"], notes, canonical_word(kind, KIND_WORDS) if kind else None
    )
    current = next(
        (c for c in list_contributions(ctx.store, year.id) if c.organisation_id == org_id),
        None,
    )
    invoice_date: dt.date | None = values.get("invoice_date")
    due_date: dt.date | None = values.get("due_date")
    terms = settings.get_int(ctx.store, "contribution_payment_days")
    if invoice_date and due_date == invoice_date + dt.timedelta(days=terms):
        due_date = None  # what the funding workbook shows for "no due date of its own"
    waived = values.get("waived", str(values.get("status", "")).strip().lower() == "waived")
    wanted: dict[str, Any] = {
        "year_id": year.id,
        "organisation_id": org_id,
        "agreed": values["agreed"],
        "invoice_ref": values.get("invoice_ref", current.invoice_ref if current else ""),
        "invoice_date": invoice_date if "invoice_date" in values else (
            current.invoice_date if current else None
        ),
        "due_date": due_date if "due_date" in values else (current.due_date if current else None),
        "waived": waived if ("waived" in values or "status" in values) else (
            current.waived if current else False
        ),
        "notes": values.get("notes", current.notes if current else ""),
    }  # fmt: skip
    changed: list[str] = []
    if current is None:
        record_id = save_contribution(ctx.store, wanted)
    else:
        record_id = current.id
        changed = _changes(current, wanted)
        if changed:
            save_contribution(ctx.store, wanted, record_id)
    received = values.get("received")
    already = current.received if current else 0
    if received is not None and received != already:
        difference = received - already
        day = _payment_day(ctx, values, year)
        record_payment(
            ctx.store,
            record_id,
            {
                "paid_on": day,
                "amount": difference,
                "refund": difference < 0,
                "notes": "imported",
            },
            confirmed=QUESTIONS,  # a funding table records what happened, as it happened
        )
        changed.append("received")
        word = "payment" if difference > 0 else "refund"
        notes.append(f"{word} of {format_money(abs(difference))} recorded on {day:%d/%m/%Y}")
        if received > values["agreed"]:
            notes.append(
                f"received {format_money(received - values['agreed'])} more than agreed; check it"
            )
    what = f"{' '.join(values['organisation'].split())}: {format_money(values['agreed'])}"
    if current is None:
        return Outcome("imported", record_id, what, notes)
    if not changed:
        return Outcome("unchanged", record_id, what, notes)
    return Outcome("updated", record_id, what, [*notes, f"changed {', '.join(changed)}"])


def _changes(current: Contribution, wanted: dict[str, Any]) -> list[str]:
    now = {
        "agreed": current.agreed,
        "invoice_ref": current.invoice_ref,
        "invoice_date": current.invoice_date,
        "due_date": current.due_date,
        "waived": current.waived,
        "notes": current.notes,
    }
    out = []
    for key, before in now.items():
        after = wanted[key]
        if isinstance(after, dt.date):
            after = after.isoformat()
        if key == "waived":
            after = bool(after)
        if after != before and not (after in (None, "") and before in (None, "")):
            out.append(key.replace("_", " "))
    return out


def export_rows(store: Store) -> list[dict[str, Any]]:
    """The latest year's contributions, as the funding workbook shows them."""
    years = list_years(store)
    if not years:
        return []

    return [
        {
            "organisation": c.organisation,
            "organisation_kind": c.organisation_kind,
            "agreed": c.agreed,
            "received": c.received,
            "status": c.status,
            "invoice_ref": c.invoice_ref,
            "invoice_date": optional_date(c.invoice_date),
            "due_date": optional_date(c.due_on),
            "notes": c.notes,
        }
        for c in list_contributions(store, years[-1].id)
    ]


KIND = ImportKind(
    key="contributions",
    label="Contributions",
    description="Each partner's agreed contribution for a year (--year), invoice and amount "
    "received, matched by organisation; the funding workbook's Contributions sheet reads back.",
    fields=FIELDS,
    import_row=import_row,
    identity=("organisation",),
    needs_year=True,
    export_rows=export_rows,
)
