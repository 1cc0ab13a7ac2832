"""Drafts put straight into Outlook's Drafts folder, on Windows with Outlook installed.

Outlook is driven through its COM interface (pywin32, a Windows-only dependency, imported
only when used). Each draft becomes a MailItem: recipients, subject, HTML body, and its
attachments (a calendar invitation goes as its .ics file, which Outlook opens as the meeting);
``Save()`` files it in Drafts, unsent. Tests pass a fake application object."""

from __future__ import annotations

import tempfile
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from lscp_desktop.exports.mail.writer import Deliver, file_name
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.correspondence.records import Mail

#: Outlook's constant for a new mail item (``olMailItem``).
OL_MAIL_ITEM = 0


class OutlookUnavailableError(LscpError):
    """Outlook cannot be reached from this computer."""


def outlook_application() -> Any:
    """Outlook's running (or newly started) application object."""
    try:
        import win32com.client  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        raise OutlookUnavailableError(
            "Outlook can only be used on Windows with Outlook installed; save the drafts to a "
            "folder instead and open them from there."
        ) from None
    try:
        return win32com.client.Dispatch("Outlook.Application")
    except Exception as exc:  # a COM error: Outlook not installed or not set up
        raise OutlookUnavailableError(
            f"Outlook could not be opened ({exc}); save the drafts to a folder instead."
        ) from exc


def to_outlook(app: Any | None = None) -> Deliver:
    """A deliverer putting each draft into Outlook's Drafts folder; returns where it went."""
    outlook = app if app is not None else outlook_application()

    def deliver(mail: Mail, data: bytes, name: str) -> str:
        msg = message_from_bytes(data, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        item = outlook.CreateItem(OL_MAIL_ITEM)
        item.To = "; ".join(str(a) for a in msg.get_all("To", []))
        item.Subject = str(msg["Subject"])
        html = msg.get_body(("html",))
        item.HTMLBody = html.get_content() if html is not None else ""
        with tempfile.TemporaryDirectory(prefix="lscp-outlook-") as work:
            for part in msg.iter_attachments():
                target = Path(work) / (part.get_filename() or "attachment")
                payload = part.get_payload(decode=True)
                target.write_bytes(payload if isinstance(payload, bytes) else b"")
                item.Attachments.Add(str(target))
            item.Save()
        return f"Outlook Drafts: {file_name(name)[:-4]}"

    return deliver
