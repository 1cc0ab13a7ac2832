"""Sending the published yearly report: one email to each recipient on its dispatch list (the
national Panel and the What Works body within seven days of publication, the partnership's
own boards by each one's send-by date), with the report attached. Addresses come from the
usual recipients (Reviews › Yearly report › Usual recipients…); the date each copy went is
recorded when the business manager marks it sent, and a copy sent after its date is late."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lscp_desktop.models.core.dates import long_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.text import pluralise
from lscp_desktop.models.correspondence.addresses import reachable
from lscp_desktop.models.correspondence.records import Addressee, Attach, Batch, Block, Mail
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.reviews.recipients import list_dispatch_recipients
from lscp_desktop.models.reviews.records import DISPATCH_DAYS, YearlyReport
from lscp_desktop.models.reviews.yearly_reports import list_yearly_reports
from lscp_desktop.models.store.database import Store

#: Suffixes a report to attach may have.
REPORT_SUFFIXES = (".pdf", ".docx", ".doc")


def find_report(store: Store, year: str) -> YearlyReport:
    for report in list_yearly_reports(store):
        if report.year == year:
            return report
    raise ValidationError(f"There is no yearly report for {year}; add it under Reviews first.")


def dispatch_list(store: Store, report: YearlyReport) -> list[tuple[Addressee, str, bool]]:
    """Each recipient still to be sent the report: (who, send-by date, statutory)."""
    usual = list_dispatch_recipients(store, "yearly report")
    by_role = {r.role: r for r in usual if r.role}
    by_name = {r.name.lower(): r for r in usual}
    published = report.published_date or ""
    out: list[tuple[Addressee, str, bool]] = []
    due = report.dispatch_due or ""
    for role, sent in (
        ("panel", report.panel_sent_date),
        ("what works", report.what_works_sent_date),
    ):
        r = by_role.get(role)
        if r is not None and r.active and not sent:
            out.append((Addressee(r.name, r.email.strip()), due, True))
    for x in report.recipients:
        if x.sent_date:
            continue
        known = by_name.get(x.recipient.lower())
        email = known.email.strip() if known is not None else ""
        out.append((Addressee(x.recipient, email), x.send_by(published) or "", False))
    return out


def dispatch_batch(store: Store, year: str, report_file: str | Path, *, message: str = "") -> Batch:
    """The dispatch emails for a published yearly report, with *report_file* attached."""
    report = find_report(store, year)
    if not report.published_date:
        raise ValidationError(
            f"The {year} yearly report has no publication date yet; record it as published "
            "before sending it out."
        )
    path = Path(report_file)
    if not path.is_file():
        raise ValidationError(f"There is no report file at {path}.", "file")
    if path.suffix.lower() not in REPORT_SUFFIXES:
        raise ValidationError("Attach the report as a PDF or Word document.", "file")
    batch = Batch("dispatch")
    todo = dispatch_list(store, report)
    ok, batch.not_sent = reachable(
        [who for who, _, _ in todo], "add it under Reviews › Yearly report › Usual recipients"
    )
    partnership = get_partnership(store)
    name = partnership.name if partnership else "the partnership"
    dates = {who.email.lower(): (by, statutory) for who, by, statutory in todo if who.email}
    for who in ok:
        by, statutory = dates[who.email.lower()]
        batch.mails.append(_mail(who, report, name, path, by, statutory, message))
    batch.summary = f"The {year} yearly report to {pluralise(len(batch.mails), 'recipient')}"
    return batch


def _mail(
    to: Addressee,
    report: YearlyReport,
    partnership: str,
    path: Path,
    send_by: str,
    statutory: bool,
    message: str,
) -> Mail:
    blocks: list[Block] = ["Dear colleagues,"]
    blocks.append(
        f"Please find attached {partnership}'s yearly report for {report.year}, published "
        f"on {long_date(report.published_date or '')}."
    )
    if statutory:
        blocks.append(
            "We send it under Working Together to Safeguard Children 2023, which asks "
            "safeguarding partners to send their yearly report to the Child Safeguarding "
            f"Practice Review Panel and the What Works centre within {DISPATCH_DAYS} days of "
            "publication."
        )
    blocks.append(
        "The report sets out what the partnership has done in the year, the difference it has "
        "made for children and families, and its priorities for the year ahead. I should be "
        "glad to know of any questions about it."
    )
    today = dt.date.today().isoformat()
    late = bool(send_by) and today > send_by
    if late:
        blocks.append(
            f"I am sorry this copy reaches you after {long_date(send_by)}, the date we aim to "
            "send it by."
        )
    if message:
        blocks.append(message)
    return Mail(
        "dispatch",
        [to],
        f"{partnership}: yearly report {report.year}",
        blocks,
        file_stem=f"Yearly report {report.year.replace('/', '-')} - {to.name}"
        + (" (late)" if late else ""),
        # A published report is public: no protective marking in the subject.
        attachments=[Attach("file", path.name, path=str(path))],
    )
