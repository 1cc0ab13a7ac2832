"""The partnership's yearly report: its sign-off and publication, and its dispatch within
seven days to the national Panel and the What Works body (now Foundations), and to the boards
that receive it by each one's own send-by date; a copy sent after its date is marked late."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.dates import FinancialYear, iso, optional_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.undo import RESTORERS
from lscp_desktop.models.reviews import queries
from lscp_desktop.models.reviews.child_rows import delete_with_rows, restore_with_rows
from lscp_desktop.models.reviews.recipients import yearly_boards
from lscp_desktop.models.reviews.records import Recipient, YearlyReport
from lscp_desktop.models.store.database import Row, Store


def list_yearly_reports(store: Store) -> list[YearlyReport]:
    """The yearly reports, the latest year first, each with its recipients."""
    reports = [YearlyReport.from_row(r) for r in queries.yearly_reports(store)]
    by_report: dict[int, list[Recipient]] = {}
    for row in queries.yearly_report_recipients(store):
        recipient = Recipient.from_row(row)
        by_report.setdefault(recipient.report_id, []).append(recipient)
    for report in reports:
        report.recipients = by_report.get(report.id, [])
    return list(reversed(reports))


def get_yearly_report(store: Store, report_id: int) -> YearlyReport:
    for report in list_yearly_reports(store):
        if report.id == report_id:
            return report
    store.require("yearly_reports", report_id, "yearly report")
    raise AssertionError  # pragma: no cover - require raised


def save_yearly_report(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """A yearly report; a new one gets the partnership's usual recipients (the boards of the
    recipients list), each with its own send-by period."""
    year = FinancialYear.parse(str(values.get("year") or "")).label
    dates = {
        key: iso(optional_date(values.get(key), label))
        for key, label in (
            ("planned_publication_date", "planned publication date"),
            ("signed_off_date", "sign-off date"),
            ("published_date", "publication date"),
            ("panel_sent_date", "date sent to the national Panel"),
            ("what_works_sent_date", "date sent to the What Works body"),
        )
    }
    for key, label in (
        ("panel_sent_date", "sent to the national Panel"),
        ("what_works_sent_date", "sent to the What Works body"),
    ):
        if dates[key] and not dates["published_date"]:
            raise ValidationError(
                f"Record the publication date before the date it was {label}.", "published_date"
            )
        sent, published = dates[key], dates["published_date"]
        if sent and published and sent < published:
            raise ValidationError(
                f"The date it was {label} ({uk(sent)}) is before publication ({uk(published)}).",
                key,
            )
    signed, published = dates["signed_off_date"], dates["published_date"]
    if signed and published and published < signed:
        raise ValidationError(
            f"The publication date ({uk(published)}) is before the sign-off ({uk(signed)}).",
            "published_date",
        )
    clean = {
        "year": year,
        **dates,
        "notes": str(values.get("notes") or "").strip(),
    }
    with store.transaction():
        if queries.year_reported(store, year, record_id):
            raise ValidationError(f"There is already a yearly report for {year}.", "year")
        if record_id is None:
            record_id = store.insert("yearly_reports", clean)
            for name, days in yearly_boards(store):
                store.insert(
                    "yearly_report_recipients",
                    {"report_id": record_id, "recipient": name, "send_by_days": days},
                )
        else:
            store.update("yearly_reports", record_id, clean)
    return record_id


def delete_yearly_report(store: Store, report_id: int) -> Row:
    return delete_with_rows(
        store,
        "yearly_reports",
        report_id,
        "yearly report",
        {"_recipients": ("yearly_report_recipients", "report_id")},
    )


def _restore_yearly_report(store: Store, row: Row) -> int:
    return restore_with_rows(
        store, "yearly_reports", row, {"_recipients": "yearly_report_recipients"}
    )


def save_recipient(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    name = str(values.get("recipient") or "").strip()
    if not name:
        raise ValidationError("Enter who receives the report.", "recipient")
    sent = iso(optional_date(values.get("sent_date"), "date sent"))
    raw_days = values.get("send_by_days")
    days: int | None = None
    if raw_days not in (None, ""):
        try:
            days = int(str(raw_days).strip())
        except ValueError:
            raise ValidationError(
                "Enter the number of days after publication it is sent by.", "send_by_days"
            ) from None
        if not 0 <= days <= 365:
            raise ValidationError("Send it within 0 to 365 days of publication.", "send_by_days")
    clean = {"recipient": name, "sent_date": sent, "send_by_days": days}
    with store.transaction():
        if record_id is None:
            report_id = int(values.get("report_id") or 0)
            report = store.require("yearly_reports", report_id, "yearly report")
        else:
            report = store.require(
                "yearly_reports",
                int(store.require("yearly_report_recipients", record_id)["report_id"]),
            )
        if sent and report["published_date"] and sent < report["published_date"]:
            raise ValidationError(
                f"It was sent ({uk(sent)}) before the report was published "
                f"({uk(report['published_date'])}).",
                "sent_date",
            )
        if record_id is None:
            return store.insert("yearly_report_recipients", {"report_id": report_id, **clean})
        store.update("yearly_report_recipients", record_id, clean)
        return record_id


def delete_recipient(store: Store, recipient_id: int) -> Row:
    return store.delete("yearly_report_recipients", recipient_id)


RESTORERS.update({"yearly_reports": _restore_yearly_report, "yearly_report_recipients": None})
