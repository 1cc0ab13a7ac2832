"""The email buttons where the lists are: the chase list, a meeting's papers and invitation,
the year's invitations, the yearly report's dispatch, and Tools › Email settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.correspondence import read
from helpers.dialogs import answer_dialogs

from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.core import settings
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.mainwindow import MainWindow
from lscp_desktop.ui.pages.actions.page import ActionsPage


@pytest.fixture
def sender(demo_store: Store) -> None:
    settings.set_value(demo_store, "mail_sender_name", "Sam Okafor")
    settings.set_value(demo_store, "mail_sender_email", "sam.okafor@northbridge.gov.uk")


def test_chase_list_drafts_one_email_per_owner(
    qtbot: Any, demo_store: Store, make_ctx: Any, drafts: Any, tmp_path: Path
) -> None:
    page = ActionsPage(make_ctx(demo_store))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.tabs.setCurrentIndex(1)
    drafts.folder = str(tmp_path)
    page.chase_tab.draft_button.click()
    (result,) = drafts.results
    written = list(tmp_path.glob("Chase - *.eml"))
    assert written and result.drafts.count() == len(written)
    owners = {next(iter(read(p)["To"].addresses)).display_name for p in written}
    assert len(owners) == len(written)  # one per owner
    assert result.not_sent.count() >= 1  # the demo has unowned actions and leavers: listed
    assert any(a.chased_on for a in list_actions(demo_store))


def test_cancelling_the_folder_drafts_nothing(
    qtbot: Any, demo_store: Store, make_ctx: Any, drafts: Any
) -> None:
    page = ActionsPage(make_ctx(demo_store))
    qtbot.addWidget(page)
    page.refresh()
    drafts.folder = ""
    page.chase_tab.draft_button.click()
    assert drafts.results == []
    assert not any(a.chased_on for a in list_actions(demo_store))


def _open_meeting(window: MainWindow, demo_store: Store) -> Any:
    from lscp_desktop.models.meetings.meetings import list_meetings

    meeting = next(m for m in list_meetings(demo_store) if m.date >= "2026-12-01"
                   and m.status != "cancelled" and m.body_code == "EXEC")  # fmt: skip
    window.open_record("meetings", meeting.id)
    page = window.current_page()
    return page._detail, meeting


def test_a_meetings_papers_and_invitation(
    window: MainWindow, demo_store: Store, drafts: Any, tmp_path: Path, sender: None
) -> None:
    detail, _meeting = _open_meeting(window, demo_store)
    drafts.folder = str(tmp_path)
    detail.papers_tab.circulate_button.click()
    assert list(tmp_path.glob("Papers - *.eml"))
    detail.invite_button.click()
    (invite,) = tmp_path.glob("Invitation - *.eml")
    assert "invite.ics" in [p.get_filename() for p in read(invite).iter_attachments()]
    detail.papers_tab.request_button.click()
    assert len(drafts.results) == 3


def test_a_reschedule_offers_the_update(
    window: MainWindow, demo_store: Store, drafts: Any, tmp_path: Path, sender: None,
    message_boxes: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    detail, _meeting = _open_meeting(window, demo_store)
    drafts.folder = str(tmp_path)
    answer_dialogs(monkeypatch, {"date": "18/12/2026", "start_time": "14:00", "reason": "Ill"})
    detail.reschedule_button.click()
    assert any("Draft the updated invitation" in text for _k, _t, text in message_boxes.shown)
    (update,) = tmp_path.glob("Invitation - *.eml")
    assert read(update)["Subject"].startswith("Updated: ")


def test_email_settings_from_the_tools_menu(
    window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_dialogs(
        monkeypatch,
        {"mail_sender_name": "Sam Okafor", "mail_sender_email": "sam@northbridge.gov.uk",
         "mail_sign_off": "Kind regards,\nSam"},
    )  # fmt: skip
    window.tools.email_settings_action.trigger()
    assert settings.get_str(demo_store, "mail_sender_email") == "sam@northbridge.gov.uk"
    assert settings.get_str(demo_store, "mail_sign_off") == "Kind regards,\nSam"


def test_the_yearly_report_emailed_to_its_recipients(
    qtbot: Any, demo_store: Store, make_ctx: Any, drafts: Any, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, message_boxes: Any,
) -> None:  # fmt: skip
    import docx

    from lscp_desktop.models.reviews.recipients import (
        list_dispatch_recipients,
        save_dispatch_recipient,
    )
    from lscp_desktop.models.reviews.yearly_reports import list_yearly_reports, save_yearly_report
    from lscp_desktop.ui.pages.reviews.page import ReviewsPage
    from lscp_desktop.ui.pages.reviews.yearly import YearlyTab

    report = next(r for r in list_yearly_reports(demo_store))
    save_yearly_report(
        demo_store,
        {**{k: v for k, v in vars(report).items() if k != "recipients"},
         "published_date": report.published_date or "2026-11-20", "panel_sent_date": None},
        report.id,
    )  # fmt: skip
    panel = next(r for r in list_dispatch_recipients(demo_store, "yearly report") if r.role)
    save_dispatch_recipient(demo_store, {"name": panel.name, "email": "p@example.gov.uk"}, panel.id)
    file = tmp_path / "report.docx"
    docx.Document().save(str(file))
    monkeypatch.setattr(YearlyTab, "ask_report_file", classmethod(lambda cls, _p: file))
    page = ReviewsPage(make_ctx(demo_store))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.yearly.refresh()
    page.yearly.register.select_id(report.id)
    out = tmp_path / "out"
    out.mkdir()
    drafts.folder = str(out)
    page.yearly.email_button.click()
    assert message_boxes.shown == []
    (result,) = drafts.results
    assert result.drafts.count() >= 1 and result.not_sent.count() >= 1
