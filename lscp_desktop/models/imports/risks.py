"""Import kind: risk registers (the app's own risk register workbook reads back unchanged).

A risk is matched by its reference, which a new risk keeps (SR-003, or a register's own such as
R12); without one it gets the register's next. Categories are found by name, or created when
the row gives an appetite; owners and priorities are found by name or created (and said so).
Saving goes through :func:`lscp_desktop.models.risks.saving.save_risk`, so the register's rules
apply (scores 1 to 5, a closure note to close a risk, a target date not before the date raised…).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.core.dates import optional_date
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.imports.headings import OWNER_NAMES, PRIORITY_NAMES
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.imports.values import normalise_name
from lscp_desktop.models.risks.categories import list_categories, save_category
from lscp_desktop.models.risks.listing import get_risk, list_risks
from lscp_desktop.models.risks.records import (
    REFERENCE_PREFIX,
    REGISTER_LABELS,
    REGISTERS,
    STATUSES,
    Risk,
)
from lscp_desktop.models.risks.saving import save_risk
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext


def _score(key: str, label: str, synonyms: tuple[str, ...]) -> ImportField:
    return ImportField(key, label, synonyms, type="int", help="1 to 5")


FIELDS = (
    ImportField(
        "reference",
        "Reference",
        ("ref", "risk ref", "risk reference", "risk id", "risk number", "risk no", "id", "no"),
    ),
    ImportField(
        "register",
        "Register",
        ("risk register", "register type", "type of risk", "level"),
        help="strategic, operational or subgroup (blank: from an SR- or OR- reference, or "
        "subgroup when a body is given)",
    ),
    ImportField(
        "body",
        "Body",
        ("subgroup", "sub group", "group", "board", "body code"),
        help="the subgroup whose own register it is on",
    ),
    ImportField(
        "title",
        "Title",
        ("risk", "risk title", "title of risk", "risk name", "headline", "short title"),
        required=True,
    ),
    ImportField("description", "Description", ("risk description", "detail", "details")),
    ImportField("cause", "Cause", ("causes", "cause of risk", "triggers", "risk cause")),
    ImportField("consequence", "Consequence", ("consequences", "effect", "effects")),
    ImportField(
        "category",
        "Category",
        ("risk category", "category of risk", "risk type", "type"),
        required=True,
        help="found by name; created if new and the row gives an appetite",
    ),
    ImportField(
        "appetite",
        "Appetite",
        ("risk appetite", "appetite threshold", "appetite score", "tolerance"),
        type="int",
        help="only used to create a new category",
    ),
    ImportField("owner", "Owner", ("risk owner", *OWNER_NAMES)),
    ImportField("priority", "Priority", PRIORITY_NAMES, help="created if new"),
    _score(
        "inherent_likelihood",
        "Inherent likelihood",
        (
            "likelihood before controls",
            "gross likelihood",
            "initial likelihood",
            "original likelihood",
            "inherent l",
            "l inherent",
        ),
    ),
    _score(
        "inherent_impact",
        "Inherent impact",
        (
            "impact before controls",
            "gross impact",
            "initial impact",
            "original impact",
            "inherent i",
            "i inherent",
        ),
    ),
    ImportField(
        "controls",
        "Controls",
        (
            "existing controls",
            "controls in place",
            "mitigation",
            "mitigations",
            "mitigating actions",
            "current controls",
        ),
    ),
    _score(
        "residual_likelihood",
        "Residual likelihood",
        (
            "likelihood",
            "current likelihood",
            "net likelihood",
            "likelihood after controls",
            "residual l",
            "l residual",
        ),
    ),
    _score(
        "residual_impact",
        "Residual impact",
        (
            "impact",
            "current impact",
            "net impact",
            "impact after controls",
            "residual i",
            "i residual",
        ),
    ),
    ImportField(
        "target_score",
        "Target score",
        ("target", "target risk score", "target rating"),
        type="int",
        help="1 to 25",
    ),
    ImportField("target_date", "Target date", ("date to reach target", "target by"), type="date"),
    ImportField(
        "status",
        "Status",
        ("risk status", "state"),
        help="open, escalated, tolerated or closed (blank: open)",
    ),
    ImportField("closure_note", "Closure note", ("reason closed", "closure reason", "why closed")),
    ImportField(
        "review_months",
        "Review every (months)",
        (
            "review frequency",
            "review every months",
            "review period",
            "frequency of review",
            "months between reviews",
        ),
        type="int",
        help="1 to 12 (blank: 3)",
    ),
    ImportField(
        "next_review",
        "Next review",
        ("next review date", "date of next review", "review due", "review date", "next review due"),
        type="date",
    ),
    ImportField(
        "raised_date",
        "Date raised",
        ("raised", "date identified", "identified", "date added", "date opened", "opened"),
        type="date",
        help="blank: today, or the target date or last review if earlier",
    ),
    ImportField(
        "last_review",
        "Last review",
        ("last reviewed", "date last reviewed", "reviewed on"),
        type="date",
        help="only used for the date raised when there is none; reviews are not imported",
    ),
)

_STATUS_WORDS = {
    "open": ("open", "live", "active", "current", "new", "treat", "treating"),
    "escalated": ("escalated", "escalate"),
    "tolerated": ("tolerated", "tolerate", "accepted", "accept"),
    "closed": ("closed", "close", "archived", "removed", "retired", "terminated"),
}


def risk_status(value: Any) -> str:
    text = " ".join(re.sub(r"[^a-z ]+", " ", str(value or "").lower()).split())
    if not text:
        return "open"
    for status, words in _STATUS_WORDS.items():
        if text in words:
            return status
    raise ValidationError(
        f"'{value}' is not a risk status; use one of: {', '.join(STATUSES)}.", "status"
    )


def _register(ctx: ImportContext, values: dict[str, Any]) -> tuple[str, int | None]:
    """The row's register and, for a subgroup's own, its body."""
    text = " ".join(str(values.get("register") or "").lower().split())
    text = text.removesuffix(" risk register").removesuffix(" register").removesuffix(" risks")
    body_id = ctx.body(values["body"]).id if values.get("body") else None
    if text.endswith("(subgroup)") or text == "subgroup":
        text = "subgroup"
    if not text:
        prefix = str(values.get("reference") or "").upper().split("-")[0]
        by_prefix = {v: k for k, v in REFERENCE_PREFIX.items()}
        text = by_prefix.get(prefix) or ("subgroup" if body_id else "")
    if text not in REGISTERS:
        given = values.get("register")
        raise ValidationError(
            "Say which register the risk is on: strategic, operational or subgroup"
            + (f", not '{given}'." if given else " (a Register column)."),
            "register",
        )
    return text, body_id if text == "subgroup" else None


def _category(ctx: ImportContext, values: dict[str, Any], notes: list[str]) -> int:
    known: dict[str, int] = ctx.cached(
        "categories", lambda: {normalise_name(c.name): c.id for c in list_categories(ctx.store)}
    )
    name = values["category"]
    found = known.get(normalise_name(name))
    if found is not None:
        return found
    if "appetite" not in values:
        raise ValidationError(
            f"There is no risk category called '{name}'. Add it on the Risks page (with its "
            f"appetite), give an Appetite column, or use one of: "
            f"{', '.join(c.name for c in list_categories(ctx.store)) or '(none yet)'}.",
            "category",
        )
    found = save_category(ctx.store, {"name": name, "appetite": values["appetite"]})
    known[normalise_name(name)] = found
    notes.append(f"created category '{name}' (appetite {values['appetite']})")
    return found


def _scores(values: dict[str, Any], current: Risk | None, notes: list[str]) -> dict[str, Any]:
    inherent = [values.get("inherent_likelihood"), values.get("inherent_impact")]
    residual = [values.get("residual_likelihood"), values.get("residual_impact")]
    if current is not None:
        inherent = [
            v if v is not None else old
            for v, old in zip(
                inherent, (current.inherent_likelihood, current.inherent_impact), strict=True
            )
        ]
        residual = [
            v if v is not None else old
            for v, old in zip(
                residual, (current.residual_likelihood, current.residual_impact), strict=True
            )
        ]
    if None in inherent and None not in residual:
        inherent = residual
        notes.append("no inherent scores, so the residual scores were used")
    elif None in residual and None not in inherent:
        residual = inherent
        notes.append("no residual scores, so the inherent scores were used")
    return {
        "inherent_likelihood": inherent[0],
        "inherent_impact": inherent[1],
        "residual_likelihood": residual[0],
        "residual_impact": residual[1],
    }


def import_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    notes: list[str] = []
    reference = " ".join(str(values.get("reference") or "").split())
    current_id = ctx.find_risk(reference) if reference else None
    current = get_risk(ctx.store, current_id) if current_id is not None else None
    if current is not None and "register" not in values and "body" not in values:
        register, body_id = current.register, current.body_id
    else:
        register, body_id = _register(ctx, values)

    def keep(key: str, default: Any = None) -> Any:
        if key in values:
            return values[key]
        return getattr(current, key) if current is not None else default

    owner_id = ctx.person(values["owner"], notes) if "owner" in values else keep("owner_id")
    priority_id = (
        ctx.priority(values["priority"], notes) if "priority" in values else keep("priority_id")
    )
    raised = values.get("raised_date") or (
        dt.date.fromisoformat(current.raised_date) if current else None
    )
    if raised is None:
        dates = [d for d in (values.get("target_date"), values.get("last_review")) if d]
        raised = min([ctx.today, *dates])
        notes.append(f"no date raised, so {raised:%d/%m/%Y} was used")
    wanted: dict[str, Any] = {
        "register": register,
        "body_id": body_id,
        "title": values["title"],
        "description": keep("description", ""),
        "cause": keep("cause", ""),
        "consequence": keep("consequence", ""),
        "category_id": _category(ctx, values, notes),
        "owner_id": owner_id,
        "priority_id": priority_id,
        **_scores(values, current, notes),
        "controls": keep("controls", ""),
        "target_score": keep("target_score"),
        "target_date": keep("target_date"),
        "status": risk_status(values["status"]) if "status" in values else keep("status", "open"),
        "closure_note": keep("closure_note", ""),
        "review_months": keep("review_months", 3),
        "next_review": keep("next_review"),
        "raised_date": raised,
    }
    if current is None:
        new_id = save_risk(ctx.store, wanted, reference=reference or None)
        risk = get_risk(ctx.store, new_id)
        ctx.remember_risk(risk.reference, new_id)
        return Outcome("imported", new_id, f"{risk.reference}: {risk.title}", notes)
    changed = _changes(current, wanted)
    what = f"{current.reference}: {current.title}"
    if not changed:
        return Outcome("unchanged", current.id, what, notes)
    save_risk(ctx.store, wanted, current.id)
    return Outcome("updated", current.id, what, [*notes, f"changed {', '.join(changed)}"])


def _changes(current: Risk, wanted: dict[str, Any]) -> list[str]:
    out = []
    for key, after in wanted.items():
        before = getattr(current, key)
        if isinstance(after, dt.date):
            after = after.isoformat()
        if key == "status" and isinstance(after, str):
            after = after.lower()
        if key == "closure_note" and wanted["status"] != "closed":
            continue
        if key == "title":
            after, before = " ".join(str(after).split()), " ".join(str(before).split())
        if after != before and not (after in (None, "") and before in (None, "")):
            out.append(key.removesuffix("_id").replace("_", " "))
    return out


def export_rows(store: Store) -> list[dict[str, Any]]:
    """Every risk as the risk register workbook shows it (for the template with records)."""

    return [
        {
            "reference": r.reference,
            "register": REGISTER_LABELS[r.register],
            "body": r.body,
            "title": r.title,
            "description": r.description,
            "cause": r.cause,
            "consequence": r.consequence,
            "category": r.category,
            "appetite": r.appetite,
            "owner": r.owner,
            "priority": r.priority,
            "inherent_likelihood": r.inherent_likelihood,
            "inherent_impact": r.inherent_impact,
            "controls": r.controls,
            "residual_likelihood": r.residual_likelihood,
            "residual_impact": r.residual_impact,
            "target_score": r.target_score,
            "target_date": optional_date(r.target_date),
            "status": r.status,
            "closure_note": r.closure_note,
            "review_months": r.review_months,
            "next_review": optional_date(r.next_review),
            "raised_date": optional_date(r.raised_date),
            "last_review": optional_date(r.last_review),
        }
        for r in list_risks(store)
    ]


KIND = ImportKind(
    key="risks",
    label="Risks",
    description="Strategic, operational and subgroup risk registers: scores, controls, owner, "
    "review dates, matched by reference.",
    fields=FIELDS,
    import_row=import_row,
    export_rows=export_rows,
)
