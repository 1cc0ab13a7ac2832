"""A small partnership to draft correspondence for: an executive with a chair, members (one
without an email address), a deputy, a virtual member and an observer; a meeting ahead with
papers, actions owned by its members, and the sender's settings."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from helpers.meetings import make_partnership, meeting

from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.core import settings
from lscp_desktop.models.meetings.agenda import save_item
from lscp_desktop.models.meetings.papers import save_paper
from lscp_desktop.models.membership.memberships import save_membership
from lscp_desktop.models.membership.partnership import save_partnership
from lscp_desktop.models.membership.people import save_person
from lscp_desktop.models.store.database import Store

TODAY = dt.date(2026, 12, 1)
MEETING_DAY = "2026-12-16"


@dataclass
class Setup:
    body: int
    meeting: int
    item: int
    chair: int
    members: list[int]
    no_email: int
    virtual: int
    observer: int
    deputy: int
    papers: dict[str, int]
    actions: dict[str, int]


def email_of(store: Store, person: int, address: str) -> None:
    store.update("people", person, {"email": address})


def make_setup(store: Store) -> Setup:
    save_partnership(store, name="Northbridge Safeguarding Children Partnership")
    p = make_partnership(store)
    for pid, address in (
        (p.chair, "cara.chair@northbridge.gov.uk"),
        (p.council_member, "dan.director@northbridge.gov.uk"),
        (p.icb_member, "nina.nurse@nhs.example.uk"),
        (p.council_deputy, "dee.deputy@northbridge.gov.uk"),
    ):
        email_of(store, pid, address)
    # Pat Police (a member) has no email address.
    virtual = save_person(store, {"name": "Vic Virtual", "email": "vic@school.example.uk"})
    observer = save_person(store, {"name": "Olu Observer", "email": "olu@observer.example.uk"})
    for pid, role in ((virtual, "virtual member"), (observer, "observer")):
        save_membership(
            store, {"person_id": pid, "body_id": p.body, "role": role, "start_date": "2020-04-01"}
        )
    save_membership(
        store,
        {"person_id": p.council_deputy, "body_id": p.body, "role": "deputy",
         "deputy_for_id": p.council_member, "start_date": "2020-04-01"},
    )  # fmt: skip
    mid = meeting(store, p.body, MEETING_DAY, venue="Committee Room 1, Town Hall")
    item = save_item(store, mid, {"title": "Neglect strategy", "purpose": "decision"})
    item2 = save_item(store, mid, {"title": "Case review update"})
    papers = {
        "neglect": save_paper(
            store, mid,
            {"title": "Neglect strategy 2027-2030", "agenda_item_id": item,
             "author_id": p.icb_member},
        ),
        "cases": save_paper(
            store, mid,
            {"title": "Rapid reviews: confidential summary", "agenda_item_id": item2,
             "author_id": p.council_member, "members_only": True},
        ),
        "police": save_paper(
            store, mid, {"title": "Police data", "agenda_item_id": item2,
                         "author_id": p.police_member},
        ),
        "orphan": save_paper(store, mid, {"title": "Paper nobody presents"}),
    }  # fmt: skip

    def action(owner: int | None, title: str, due: str) -> int:
        return save_action(
            store,
            {"body_id": p.body, "title": title, "owner_id": owner, "raised_date": "2026-06-01",
             "due_date": due},
            on=TODAY,
        )  # fmt: skip

    actions = {
        "nina_overdue": action(p.icb_member, "Audit of neglect referrals", "2026-11-20"),
        "nina_due": action(p.icb_member, "Health data for the dashboard", "2026-12-10"),
        "dan_due": action(p.council_member, "Early help review", "2026-12-14"),
        "dan_later": action(p.council_member, "Thresholds document refresh", "2027-06-30"),
        "pat_overdue": action(p.police_member, "Police voice of the child audit", "2026-11-01"),
        "nobody": action(None, "Unowned action", "2026-11-15"),
    }
    settings.set_value(store, "mail_sender_name", "Sam Okafor")
    settings.set_value(store, "mail_sender_email", "sam.okafor@northbridge.gov.uk")
    settings.set_value(
        store, "mail_sign_off", "Kind regards,\nSam Okafor\nBusiness Manager, Northbridge SCP"
    )
    return Setup(
        p.body, mid, item, p.chair, [p.chair, p.council_member, p.icb_member, p.police_member],
        p.police_member, virtual, observer, p.council_deputy, papers, actions,
    )  # fmt: skip


def read(path: str | Path) -> EmailMessage:
    msg = email.message_from_bytes(Path(path).read_bytes(), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def addresses(msg: EmailMessage) -> set[str]:
    return {a.addr_spec for a in msg["To"].addresses}
