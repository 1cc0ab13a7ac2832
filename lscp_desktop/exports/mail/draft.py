"""One email as an ``.eml`` draft Outlook opens as a new message ready to send.

``X-Unsent: 1`` makes Outlook open the file as a message to send rather than one received;
the body is UTF-8 text with an HTML alternative; attachments (a Word document, a calendar
invitation) go with it. A subject or a name holding a line break is refused: it would let the
text start a header of its own."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage

from lscp_desktop.exports.mail.body import html_body, text_body
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.correspondence.records import Addressee, Mail

#: Outlook's own line endings; the ``email`` package folds long headers at 78 characters.
POLICY = policy.SMTP.clone(max_line_length=78)


_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".ics": "text/calendar",
    ".doc": "application/msword",
}


def content_type(name: str) -> str:
    """The MIME type of a file by its name (Word, PDF and calendars fixed, not the system's)."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return _TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


@dataclass(frozen=True)
class FileAttachment:
    """A file's name and bytes, ready to attach."""

    name: str
    data: bytes


def one_line_header(value: str, what: str) -> str:
    """*value* for a header: refused if it holds a line break (header injection)."""
    if any(c in value for c in "\r\n\x0b\x0c\x85\u2028\u2029"):
        raise ValidationError(
            f"The {what} cannot hold a line break ('{value[:60].splitlines()[0]}…'): it would "
            "start a new line of the email's header. Put it on one line."
        )
    return value


def _address(who: Addressee, what: str) -> Address:
    name = one_line_header(who.name, what)
    user, _, domain = one_line_header(who.email, what).partition("@")
    return Address(display_name=name, username=user, domain=domain)


def subject_line(mail: Mail) -> str:
    """The subject, with the attachment's protective marking in front when it carries one."""
    subject = one_line_header(mail.subject, "subject")
    return f"{mail.marking}: {subject}" if mail.marking else subject


def build_message(
    mail: Mail,
    sender: Addressee,
    sign_off: list[str],
    attachments: list[FileAttachment],
    calendar: bytes | None = None,
) -> EmailMessage:
    msg = EmailMessage(policy=POLICY)
    msg["X-Unsent"] = "1"
    if sender.email:
        msg["From"] = _address(sender, "sender's name")
    msg["To"] = [_address(a, "recipient's name") for a in mail.to]
    msg["Subject"] = subject_line(mail)
    msg["X-LSCP-Kind"] = mail.kind
    msg.set_content(text_body(mail.blocks, sign_off, mail.marking), charset="utf-8")
    msg.add_alternative(html_body(mail.blocks, sign_off, mail.marking), subtype="html")
    if calendar is not None:
        method = mail.invitation.method if mail.invitation else "REQUEST"
        msg.add_alternative(calendar.decode("utf-8"), subtype="calendar", params={"method": method})
    for a in attachments:
        kind = content_type(a.name)
        maintype, _, subtype = kind.partition("/")
        msg.add_attachment(a.data, maintype=maintype, subtype=subtype, filename=a.name)
    return msg
