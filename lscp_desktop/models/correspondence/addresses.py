"""Who an email comes from and how it ends (the settings), and who can be sent one."""

from __future__ import annotations

from collections.abc import Iterable

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.text import is_email
from lscp_desktop.models.core.text_policy import KINDS, check
from lscp_desktop.models.correspondence.records import Addressee, NotSent
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.membership.records import Person
from lscp_desktop.models.store.database import Store


def of_person(person: Person, role: str = "") -> Addressee:
    return Addressee(person.name, person.email.strip(), person.organisation, role)


def reachable(people: Iterable[Addressee], why: str = "") -> tuple[list[Addressee], list[NotSent]]:
    """*people* split into those with an email address and those without one (or with one
    that is not an address), each of the latter with the reason."""
    ok: list[Addressee] = []
    left: list[NotSent] = []
    seen: set[str] = set()
    for a in people:
        key = a.email.lower()
        if not a.email:
            left.append(NotSent(a.label, "no email address" + (f" ({why})" if why else "")))
        elif not is_email(a.email):
            left.append(NotSent(a.label, f"'{a.email}' is not an email address"))
        elif key not in seen:
            seen.add(key)
            ok.append(a)
    return ok, left


def sender(store: Store) -> Addressee:
    """The business manager the emails come from (the invitations' organiser); empty fields
    when not set."""
    return Addressee(
        settings.get_str(store, "mail_sender_name").strip(),
        settings.get_str(store, "mail_sender_email").strip(),
    )


def require_sender(store: Store) -> Addressee:
    """The sender, refused with what to do when their address is not set: an invitation's
    organiser must be the mailbox it is sent from, or replies and updates go astray."""
    who = sender(store)
    if not who.email:
        raise ValidationError(
            "Enter the sender's email address in the email settings first: invitations name "
            "it as the organiser, so updates and replies match.",
            "mail_sender_email",
        )
    return who


def sign_off(store: Store) -> list[str]:
    """The lines that end every email: the setting, else 'Kind regards', the sender and the
    partnership (so an email never ends unsigned)."""
    text = settings.get_str(store, "mail_sign_off").strip()
    if text:
        return text.splitlines()
    partnership = get_partnership(store)
    lines = ["Kind regards,", sender(store).name, partnership.name if partnership else ""]
    return [line for line in lines if line]


def personal_message(text: str | None) -> str:
    """A note the user adds to every draft, through the same rules as any stored text."""
    message = (text or "").strip()
    if message:
        check(KINDS["text"], "Message", "message", message)
    return message


def first_name(name: str) -> str:
    """'Aisha' of 'Aisha Dixon'; a name with a title ('Dr Ng') is kept whole."""
    parts = name.split()
    if not parts:
        return "colleague"
    if parts[0].rstrip(".").lower() in {"dr", "mr", "mrs", "ms", "miss", "prof", "cllr", "sir"}:
        return name
    return parts[0]
