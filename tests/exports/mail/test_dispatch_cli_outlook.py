"""The yearly report's dispatch drafts, the ``mail`` commands, and drafts put into Outlook
(a fake application object standing in for Outlook's COM interface)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from helpers.cli import location, run_cli
from helpers.correspondence import TODAY, Setup, addresses, make_setup, read

from lscp_desktop.exports.mail.outlook import to_outlook
from lscp_desktop.exports.mail.writer import write_batch
from lscp_desktop.models.actions.listing import get_action
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.correspondence.chasing import chase_batch
from lscp_desktop.models.correspondence.dispatch import dispatch_batch
from lscp_desktop.models.reviews.recipients import (
    list_dispatch_recipients,
    save_dispatch_recipient,
)
from lscp_desktop.models.reviews.yearly_reports import save_yearly_report
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.opening import open_database


@pytest.fixture
def setup(store: Store) -> Setup:
    return make_setup(store)


def _report_file(tmp_path: Path) -> Path:
    path = tmp_path / "Yearly report 2025-26.docx"
    document = docx.Document()
    document.add_paragraph("Northbridge yearly report 2025/26")
    document.save(str(path))
    return path


def test_dispatch_drafts_attach_the_report_and_list_those_without_an_address(
    store: Store, setup: Setup, tmp_path: Path
) -> None:
    panel = next(r for r in list_dispatch_recipients(store, "yearly report") if r.role == "panel")
    save_dispatch_recipient(store, {"name": panel.name, "email": "panel@example.gov.uk"}, panel.id)
    save_yearly_report(store, {"year": "2025/26", "published_date": "2026-11-30"})
    batch = dispatch_batch(store, "2025/26", _report_file(tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    written = write_batch(store, batch, _folder(out), today=TODAY, pdf=False)
    (path,) = written.paths
    msg = read(path)
    assert addresses(msg) == {"panel@example.gov.uk"}
    assert "yearly report 2025/26" in msg["Subject"]
    (part,) = list(msg.iter_attachments())
    text = docx.Document(io.BytesIO(part.get_payload(decode=True))).paragraphs[0].text
    assert text == "Northbridge yearly report 2025/26"
    left = [n.who for n in written.not_sent]
    assert any("Foundations" in who for who in left)  # the What Works body: no address yet
    assert any("ICB Board" in who for who in left)  # the boards too, each listed


def test_dispatch_before_publication_is_refused(store: Store, setup: Setup, tmp_path: Path) -> None:
    save_yearly_report(store, {"year": "2025/26"})
    with pytest.raises(ValidationError, match="no publication date"):
        dispatch_batch(store, "2025/26", _report_file(tmp_path))


def _folder(path: Path) -> Any:
    from lscp_desktop.exports.mail.writer import to_folder

    return to_folder(path)


class FakeItem:
    def __init__(self) -> None:
        self.To = self.Subject = self.HTMLBody = ""
        self.attached: list[tuple[str, bytes]] = []
        self.saved = False
        outer = self

        class Attachments:
            def Add(self, path: str) -> None:
                outer.attached.append((Path(path).name, Path(path).read_bytes()))

        self.Attachments = Attachments()

    def Save(self) -> None:
        self.saved = True


class FakeOutlook:
    def __init__(self) -> None:
        self.items: list[FakeItem] = []

    def CreateItem(self, kind: int) -> FakeItem:
        assert kind == 0  # olMailItem
        self.items.append(FakeItem())
        return self.items[-1]


def test_drafts_go_into_outlooks_drafts_through_com(store: Store, setup: Setup) -> None:
    from lscp_desktop.models.correspondence.paper_requests import papers_batch

    outlook = FakeOutlook()
    written = write_batch(
        store, papers_batch(store, setup.meeting, today=TODAY), to_outlook(outlook),
        today=TODAY, pdf=False,
    )  # fmt: skip
    assert len(outlook.items) == len(written.paths) == 2
    item = next(i for i in outlook.items if "nina" in i.To)
    assert item.saved and "Neglect strategy 2027-2030" in item.HTMLBody
    assert item.To == "Nina Nurse <nina.nurse@nhs.example.uk>"
    assert [name for name, _ in item.attached] == ["Cover sheet - Neglect strategy.docx"]
    assert written.paths[0].startswith("Outlook Drafts: ")


def test_outlook_elsewhere_says_so(store: Store) -> None:
    import sys

    if sys.platform == "win32":
        pytest.skip("Outlook may be installed here")
    from lscp_desktop.exports.mail.outlook import OutlookUnavailableError, outlook_application

    with pytest.raises(OutlookUnavailableError, match="Windows with Outlook"):
        outlook_application()


def test_mail_commands(store: Store, setup: Setup, tmp_path: Path) -> None:
    db = location(store)
    out = tmp_path / "drafts"
    out.mkdir()
    code, err = run_cli("mail", "chase", db, "-o", out, "--today", "01/12/2026")
    assert (code, err) == (0, "")
    assert len(list(out.glob("Chase - *.eml"))) == 2
    code, err = run_cli("mail", "papers", db, "--meeting", setup.meeting, "-o", out)
    assert (code, err) == (0, "")
    code, err = run_cli("mail", "circulate", db, "--meeting", setup.meeting, "-o", out, "--no-pdf")
    assert (code, err) == (0, "")
    code, err = run_cli("mail", "invitations", db, "--meeting", setup.meeting, "-o", out)
    assert (code, err) == (0, "")
    assert len(list(out.glob("*.eml"))) == 2 + 2 + 2 + 1
    # A user mistake is one line, no traceback.
    code, err = run_cli("mail", "chase", db)
    assert code == 1 and err.startswith("lscp-desktop: Say where to write the drafts")
    code, err = run_cli("mail", "settings", db, "--sender-email", "not an address")
    assert code == 1 and "not an email address" in err
    code, err = run_cli("mail", "chase", db, "-o", out, "--message", "Re Jane, 7, at school")
    assert code == 1 and "looks like" in err
    with open_database(db, daily_backup=False) as again:
        assert get_action(again, setup.actions["nina_due"], TODAY).chased_on is not None


def test_chase_no_record_leaves_the_log_alone(store: Store, setup: Setup, tmp_path: Path) -> None:
    db = location(store)
    code, _ = run_cli("mail", "chase", db, "-o", tmp_path, "--no-record", "--today", "01/12/2026")
    assert code == 0
    with open_database(db, daily_backup=False) as again:
        assert get_action(again, setup.actions["nina_due"], TODAY).chased_on is None
        assert chase_batch(again, today=TODAY).mails[0].subject.startswith("Update needed")
