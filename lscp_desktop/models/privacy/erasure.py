"""Erasure: "Erase this person" (UK GDPR Article 17), leaving the partnership's figures whole.

The person's record keeps its place, so every attendance, membership, action and note that
points at it still counts, but it now reads "Former member 42": the name is replaced, the job
title, email, phone and notes emptied. Every other text that names them exactly (their full
name, email or phone: see :mod:`.mentions`) has it replaced by the same label, and so does
the history of changes, where their old values are cleared. The partnership's formal record
is kept as written: the minutes and decisions of held meetings and the text of published
reviews and reports are held for its public task (Article 17(3)(b)); the confirmation lists
any that name the person. An erasure is recorded (when, by whom, why, and the label), never
what was erased; the reason is kept with their details taken out of it.

Then the file is compacted (:meth:`Store.compact`), so neither it nor its WAL still holds the
old values. Backups taken before hold them: :func:`plan_erasure` lists them and
:func:`delete_backups` deletes those the business manager chooses.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from lscp_desktop.models.core import text_policy
from lscp_desktop.models.core.computer import computer_name
from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.privacy import queries
from lscp_desktop.models.privacy.mentions import (
    history_naming,
    history_texts,
    mentions_of,
    pattern,
)
from lscp_desktop.models.privacy.records import ErasurePlan, Mention
from lscp_desktop.models.store.audit import AuditEntry
from lscp_desktop.models.store.database import Row, Store

REMOVED = "[erased]"
#: The person's own fields: the name becomes the label, the rest are emptied.
_IDENTIFYING = ("name", "job_title", "email", "phone", "notes")


def label_for(person_id: int) -> str:
    return f"Former member {person_id}"


def _person(store: Store, person_id: int) -> tuple[Row, bool]:
    """The person's row, or for a deleted person the values kept when they were deleted."""
    row = queries.person(store, person_id)
    if row is not None:
        return row, False
    for deleted in queries.deleted_people(store):
        if int(deleted["id"]) == person_id:
            try:
                values = json.loads(deleted["old"])
            except (TypeError, ValueError):
                break
            return {k: values.get(k) or "" for k in ("name", "email", "phone")} | {
                "id": person_id
            }, True
    raise NotFoundError(f"There is no person with id {person_id}, nor one deleted.")


def plan_erasure(store: Store, person_id: int) -> ErasurePlan:
    """What erasing person *person_id* will change and keep, for the confirmation."""
    person, deleted = _person(store, person_id)
    name = str(person["name"])
    plan = ErasurePlan(
        person_id=person_id,
        name=name,
        label=label_for(person_id),
        linked={} if deleted else _linked(store, person_id),
        mentions=mentions_of(store, person),
        history_entries=len(history_naming(store, person)),
        same_name=max(0, queries.people_named(store, name) - (0 if deleted else 1)),
        backups=store.list_backups(),
        deleted=deleted,
    )
    if len(name.split()) < 2:
        plan.warnings.append(
            f"'{name}' is a single word, so other records were not searched for it (it would "
            "be found in text about other people); check the notes yourself."
        )
    if plan.same_name:
        plan.warnings.append(
            f"{plan.same_name} other {'person has' if plan.same_name == 1 else 'people have'} "
            f"the name {name}: text naming {name} will be changed too; check it afterwards."
        )
    current = _current_links(store, person_id) if not deleted else 0
    if current:
        links = _count(
            current,
            "current membership, role or turn as chair",
            "current memberships, roles or turns as chair",
        )
        plan.warnings.append(
            f"{name} still has {links}; they will show as {plan.label}. End them first if "
            f"{name} has left."
        )
    return plan


#: Records that point at a person, in words (one, several).
_LINKED = {
    "memberships": ("membership", "memberships"),
    "roles": ("partnership role", "partnership roles"),
    "attendance": ("place at a meeting", "places at meetings"),
    "actions": ("action owned", "actions owned"),
    "notes": ("progress note written", "progress notes written"),
    "risks": ("risk owned", "risks owned"),
    "declarations": ("declaration of interest", "declarations of interest"),
    "chair_turns": ("turn of a rotating chair", "turns of rotating chairs"),
}


def _field(mention: Mention) -> str:
    return text_policy.rule(mention.table, mention.column)[1].lower()


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def plan_sections(plan: ErasurePlan) -> list[tuple[str, list[str]]]:
    """The confirmation in words: (heading, lines) for the window and the command line."""
    label = f"'{plan.label}'"
    changes = [
        f"{plan.name}'s record will read {label}; their job title, email, phone and notes "
        "are emptied." if not plan.deleted else
        f"{plan.name} was deleted; their details are still in the history of changes.",
    ]  # fmt: skip
    changes += [f"{m.what} ({_field(m)}) will name them as {label}." for m in plan.replaced]
    changes.append(
        f"{_count(plan.history_entries, 'entry', 'entries')} in the history of changes will "
        "have their details taken out."
        if plan.history_entries
        else "The history of changes holds none of their details."
    )
    sections = [("What changes", changes)]
    if plan.linked:
        kept = [_count(n, *_LINKED.get(k, (k, k))) for k, n in plan.linked.items()]
        sections.append(
            ("What stays, so the partnership's figures stay right",
             [f"{', '.join(kept[:-1])} and {kept[-1]}" if len(kept) > 1 else kept[0],
              f"Each now shows {label}."]),
        )  # fmt: skip
    formal = (
        "Approved minutes, decisions and published reports are the partnership's formal record, "
        "held for its public task, and are kept as written (UK GDPR Article 17(3)(b))."
    )
    if plan.kept:
        sections.append(
            ("Kept as written",
             [f"{formal} These name {plan.name} and will not change:"]
             + [f"{m.what} ({_field(m)})" for m in plan.kept]),
        )  # fmt: skip
    else:
        sections.append(("Kept as written", [f"{formal} None of them names {plan.name}."]))
    if plan.warnings:
        sections.append(("Check first", list(plan.warnings)))
    if plan.backups:
        sections.append(
            ("Backups made before",
             [f"{_count(len(plan.backups), 'backup', 'backups')} made before the erasure "
              f"still {'holds' if len(plan.backups) == 1 else 'hold'} their details; you can "
              "delete them once it is done."]
             + [b.name for b in plan.backups]),
        )  # fmt: skip
    return sections


def plan_summary(plan: ErasurePlan) -> list[str]:
    """The confirmation as plain lines (the command line)."""
    lines = [f"Erase {plan.name}? This cannot be undone."]
    for heading, items in plan_sections(plan):
        lines.append(f"{heading}:")
        lines += [f"  - {item}" for item in items]
    return lines


def _linked(store: Store, person_id: int) -> dict[str, int]:
    counts = queries.link_counts(store, person_id)
    return {k: int(v) for k, v in counts.items() if v}


def _current_links(store: Store, person_id: int) -> int:
    """Memberships and roles not yet ended, and turns of a rotating chair (a rotation runs on
    until it is changed)."""
    today = dt.date.today().isoformat()
    current = [
        r
        for r in queries.memberships_of(store, person_id) + queries.roles_of(store, person_id)
        if r["end_date"] is None or r["end_date"] >= today
    ]
    return len(current) + len(queries.chair_turns_of(store, person_id))


def erase_person(
    store: Store, person_id: int, reason: str, *, now: dt.datetime | None = None
) -> ErasurePlan:
    """Erase the person's details everywhere but the formal record, then compact the file.
    Returns the plan that was carried out. Cannot be undone."""
    plan = plan_erasure(store, person_id)
    person, deleted = _person(store, person_id)
    name = str(person["name"])
    replace = _replacer(history_texts(person), {name, json.dumps(name)[1:-1]}, plan.label)
    why = replace(" ".join(reason.split()))
    if not why:
        raise ValidationError("Say why this person's details are being erased.", "reason")
    with store.transaction():
        if not deleted:
            store.update(
                "people",
                person_id,
                {"name": plan.label, "job_title": "", "email": "", "phone": "", "notes": "",
                 "active": 0},
            )  # fmt: skip
        for mention in plan.replaced:
            _replace_mention(store, mention, replace)
        store.rewrite_history(
            [_rewritten(e, person_id, replace, plan.label) for e in history_naming(store, person)]
        )
        user = store.user
        store.insert(
            "erasures",
            {"erased_at": (now or dt.datetime.now()).isoformat(timespec="seconds"),
             "kind": "person", "record_id": person_id, "label": plan.label, "reason": why,
             "os_user": user, "machine": computer_name()},
        )  # fmt: skip
    store.compact()
    return plan


def _replacer(texts: list[str], names: set[str], label: str) -> Any:
    """A function that replaces the person's name (any of *names*) with *label*, and their
    email and phone with [erased], in a text."""
    if not texts:
        return lambda text: text
    found = pattern(texts)
    lowered = {n.lower() for n in names}

    def sub(match: re.Match[str]) -> str:
        return label if match.group(0).lower() in lowered else REMOVED

    return lambda text: found.sub(sub, text) if text else text


def _replace_mention(store: Store, mention: Mention, replace: Any) -> None:
    row = store.require(mention.table, mention.record_id)
    try:
        store.update(
            mention.table, mention.record_id, {mention.column: replace(row[mention.column])}
        )
    except ValidationError as exc:
        raise ValidationError(
            f"{mention.what} cannot be changed until it is cleaned up. {exc} Nothing was erased.",
            exc.field,
        ) from None


def _rewritten(
    entry: AuditEntry, person_id: int, replace: Any, label: str
) -> tuple[int, str | None, str | None]:
    own = entry.table == "people" and entry.record_id == person_id
    if own and entry.field == "*":
        return entry.id, REMOVED if entry.old else None, REMOVED if entry.new else None
    if own and entry.field in _IDENTIFYING:
        keep = label if entry.field == "name" else REMOVED
        return entry.id, keep if entry.old else entry.old, keep if entry.new else entry.new
    return entry.id, replace(entry.old), replace(entry.new)


def delete_backups(store: Store, chosen: list[Path]) -> list[Path]:
    """Delete the chosen backups of this database (those made before an erasure still hold
    the details erased); returns those deleted. Only this database's backups are touched."""
    known = {p.resolve() for p in store.list_backups()}
    deleted = []
    for path in chosen:
        if path.resolve() not in known:
            raise ValidationError(f"{path.name} is not one of this database's backups.")
        path.unlink(missing_ok=True)
        deleted.append(path)
    return deleted
