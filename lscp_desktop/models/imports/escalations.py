"""Import kind: escalations (the professional challenge and escalation log kept in a
spreadsheet, or the app's own escalation log workbook read back).

An escalation is matched by its reference; a row without one gets the next reference of its
year. The agencies are found by name (and created, and said so, when new). Reasons and outcomes
are matched loosely ("threshold", "Upheld"); saving goes through
:func:`~lscp_desktop.models.assurance.escalations.save_escalation`, so the window's rules apply
(stages in order, an outcome with its date, no child's identity). Linked actions are named by
their references and must already be in a log.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.actions.listing import find_action
from lscp_desktop.models.assurance.escalations import (
    get_escalation,
    link_action,
    list_escalations,
    save_escalation,
)
from lscp_desktop.models.assurance.records import ESCALATION_OUTCOMES, ESCALATION_REASONS
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.imports.values import normalise_name
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

FIELDS = (
    ImportField("reference", "Reference", ("ref", "escalation ref", "escalation reference",
                                           "log ref", "id", "no", "number")),
    ImportField("raised_date", "Raised", ("date raised", "raised on", "date", "date of challenge",
                                          "date logged"), required=True, type="date"),
    ImportField("local_authority", "Local authority", ("la", "borough", "authority", "area")),
    ImportField("raising", "Raised by", ("raising agency", "agency raising", "from", "challenger",
                                         "raised by agency", "referring agency"),
                required=True),
    ImportField("challenged", "Agency challenged", ("challenged", "to", "escalated to",
                                                    "agency escalated to", "against",
                                                    "challenged agency"),
                required=True),
    ImportField("reason", "Reason", ("category", "reason category", "issue", "type",
                                     "nature of challenge"), required=True,
                help=", ".join(ESCALATION_REASONS)),
    ImportField("summary", "Summary", ("description", "details", "concern", "challenge")),
    ImportField("stage", "Stage reached", ("stage", "highest stage", "current stage"), type="int",
                help="read for the check only: the stage dates say how far it went"),
    ImportField("stage1_date", "Stage 1", ("stage 1 date", "stage one"), type="date"),
    ImportField("stage2_date", "Stage 2", ("stage 2 date", "stage two"), type="date"),
    ImportField("stage3_date", "Stage 3", ("stage 3 date", "stage three"), type="date"),
    ImportField("stage4_date", "Stage 4", ("stage 4 date", "stage four"), type="date"),
    ImportField("outcome", "Outcome", ("result", "resolution", "how resolved"),
                help=", ".join(ESCALATION_OUTCOMES)),
    ImportField("resolved_date", "Resolved", ("date resolved", "resolved on", "closed",
                                              "date closed"), type="date"),
    ImportField("learning", "Learning", ("lessons", "learning points", "lessons learnt")),
    ImportField("notes", "Notes", ("comments", "remarks")),
    ImportField("actions", "Linked actions", ("actions", "action refs", "action references"),
                help="references of actions already in a log, e.g. QA-0003"),
)  # fmt: skip


def _words(value: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", value.lower()).split())


def loose_choice(value: str, choices: tuple[str, ...], what: str, field: str) -> str:
    """The choice *value* names: exactly, or the shortest one that contains its words."""
    wanted = _words(value)
    for choice in choices:
        if _words(choice) == wanted:
            return choice
    found = [c for c in choices if wanted and f" {wanted} " in f" {_words(c)} "]
    if found:  # the closest: "upheld" is "challenge upheld", not "challenge not upheld"
        fewest = min(len(_words(c).split()) for c in found)
        closest = [c for c in found if len(_words(c).split()) == fewest]
        if len(closest) == 1:
            return closest[0]
    raise ValidationError(f"'{value}' is not {what}; use one of: {', '.join(choices)}.", field)


def import_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    notes: list[str] = []
    wanted: dict[str, Any] = {
        "raised_date": values["raised_date"],
        "raising_organisation_id": ctx.organisation(values["raising"], notes),
        "challenged_organisation_id": ctx.organisation(values["challenged"], notes),
        "reason": loose_choice(values["reason"], ESCALATION_REASONS, "a reason", "reason"),
    }
    if values.get("outcome"):
        wanted["outcome"] = loose_choice(
            values["outcome"], ESCALATION_OUTCOMES, "an outcome", "outcome"
        )
    for key in ("local_authority", "summary", "learning", "notes", "resolved_date",
                "stage1_date", "stage2_date", "stage3_date", "stage4_date"):  # fmt: skip
        if key in values:
            wanted[key] = values[key]
    reference = values.get("reference", "")
    known: dict[str, int] = ctx.cached(
        "escalations",
        lambda: {normalise_name(e.reference): e.id for e in list_escalations(ctx.store)},
    )
    existing = known.get(normalise_name(reference)) if reference else None
    wanted["reference"] = reference
    if existing is None:
        new_id = save_escalation(ctx.store, wanted)
        e = get_escalation(ctx.store, new_id)
        known[normalise_name(e.reference)] = new_id
        if reference and e.reference != reference:  # pragma: no cover - kept as given
            notes.append(f"reference {reference} became {e.reference}")
        _check_stage(values, e.stage)
        _link(ctx, new_id, values.get("actions", ""))
        return Outcome("imported", new_id, f"{e.reference}: {e.raising_organisation} to "
                       f"{e.challenged_organisation}", notes)  # fmt: skip
    current = get_escalation(ctx.store, existing)
    before = {k: getattr(current, k) for k in wanted if hasattr(current, k)}
    merged = {**before, **{k: _iso(v) for k, v in wanted.items()}}
    changed = [k for k in wanted if str(merged[k] or "") != str(before.get(k) or "")]
    _check_stage(values, max(n for n in (1, 2, 3, 4) if n == 1 or merged.get(f"stage{n}_date")))
    linked = _link(ctx, existing, values.get("actions", ""))
    what = (
        f"{current.reference}: {current.raising_organisation} to {current.challenged_organisation}"
    )
    if not changed and not linked:
        return Outcome("unchanged", existing, what, notes)
    if changed:
        save_escalation(ctx.store, merged, existing)
    return Outcome("updated", existing, what, [*notes, f"changed {', '.join(changed) or 'links'}"])


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _check_stage(values: dict[str, Any], reached: int) -> None:
    stated = values.get("stage")
    if stated is not None and int(stated) != reached:
        raise ValidationError(
            f"The stage reached is given as {stated}, but the stage dates go to stage {reached}; "
            "give the date of each stage reached.",
            "stage",
        )


def _link(ctx: ImportContext, escalation_id: int, refs: str) -> int:
    """Link the actions named in *refs*; returns how many links are new."""
    new = 0
    wanted = [r for r in re.split(r"[,;\s]+", refs or "") if r]
    before = set(get_escalation(ctx.store, escalation_id).action_ids) if wanted else set()
    for ref in wanted:
        action = find_action(ctx.store, ref)
        if action is None:
            raise ValidationError(
                f"There is no action {ref} in the logs; import the action log first.", "actions"
            )
        if action.id not in before:
            link_action(ctx.store, escalation_id, action.id)
            new += 1
    return new


def export_rows(store: Store) -> list[dict[str, Any]]:
    return [
        {
            "reference": e.reference, "raised_date": e.raised_date,
            "local_authority": e.local_authority, "raising": e.raising_organisation,
            "challenged": e.challenged_organisation, "reason": e.reason, "summary": e.summary,
            "stage": e.stage, "stage1_date": e.stage1_date, "stage2_date": e.stage2_date,
            "stage3_date": e.stage3_date, "stage4_date": e.stage4_date, "outcome": e.outcome,
            "resolved_date": e.resolved_date, "learning": e.learning, "notes": e.notes,
            "actions": ", ".join(e.actions),
        }
        for e in list_escalations(store)
    ]  # fmt: skip


KIND = ImportKind(
    key="escalations",
    label="Escalations",
    description="The professional challenge and escalation log: who raised a challenge with "
    "whom, why, each stage reached and its date, the outcome and learning, matched by "
    "reference; agencies are created if new.",
    fields=FIELDS,
    import_row=import_row,
    identity=("raised_date", "raising"),
    export_rows=export_rows,
)
