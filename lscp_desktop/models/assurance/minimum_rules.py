"""Minimum rules the published arrangements state, and how each stands in a financial year.

Two kinds: a body's "at least N meetings a year" (seed 002: the Executive Board meets at least
twice a year) and a role's "attends at least N times a year" (seed 003: the Lead Safeguarding
Partners attend the partnership a minimum of twice a year). Only meetings held count towards
a body's rule, and only attending in person (not a deputy) towards a role's; cancelled and
postponed meetings never count. A rule is *met*, *on track* (enough meetings still to come),
*at risk* (too few left) or, once the year is over, *not met*.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.assurance import queries
from lscp_desktop.models.assurance.records import RULE_KINDS, MinimumRule, RuleCheck
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import optional_id
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.core.undo import register
from lscp_desktop.models.membership.records import PARTNERSHIP_ROLES
from lscp_desktop.models.store.database import Row, Store

_NOT_GOING_AHEAD = ("cancelled", "postponed")


def list_rules(store: Store, *, active_only: bool = False) -> list[MinimumRule]:
    return [MinimumRule.from_row(r) for r in queries.minimum_rules(store, active_only=active_only)]


def _clean(store: Store, values: dict[str, Any]) -> dict[str, Any]:
    kind = str(values.get("kind") or "").strip()
    if kind not in RULE_KINDS:
        raise ValidationError(
            "Choose what the rule counts: a body's meetings, or a role's attendance.", "kind"
        )
    body_id = optional_id(values, "body_id")
    if body_id is None:
        raise ValidationError("Choose the body the rule is about.", "body_id")
    store.require("bodies", body_id, "body")
    role = str(values.get("role") or "").strip() if kind == "attendance" else ""
    if kind == "attendance" and role not in PARTNERSHIP_ROLES:
        raise ValidationError(
            f"Choose the role that must attend: {', '.join(PARTNERSHIP_ROLES)}.", "role"
        )
    try:
        raw = values.get("at_least")
        at_least = int(str("" if raw is None else raw).strip())
    except ValueError:
        raise ValidationError("Enter how many times a year, e.g. 2.", "at_least") from None
    if not 1 <= at_least <= 52:
        raise ValidationError("Enter a number of times a year from 1 to 52.", "at_least")
    return {
        "kind": kind,
        "body_id": body_id,
        "role": role,
        "at_least": at_least,
        "notes": as_text(values.get("notes")).strip(),
        "active": 1 if values.get("active", 1) else 0,
    }


def save_rule(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    with store.transaction():
        clean = _clean(store, values)
        if record_id is None:
            return store.insert("minimum_rules", clean)
        store.update("minimum_rules", record_id, clean)
        return record_id


def delete_rule(store: Store, rule_id: int) -> Row:
    return store.delete("minimum_rules", rule_id)


def set_rule_active(store: Store, rule_id: int, active: bool) -> None:
    store.update("minimum_rules", rule_id, {"active": int(active)})


def _status(count: int, remaining: int, at_least: int, year_over: bool) -> str:
    if count >= at_least:
        return "met"
    if year_over:
        return "not met"
    return "on track" if count + remaining >= at_least else "at risk"


def check_rules(store: Store, year: FinancialYear, today: dt.date | None = None) -> list[RuleCheck]:
    """How each active rule stands in *year* as at *today* (after the year: its final result)."""
    today = today or dt.date.today()
    start, end = year.start.isoformat(), year.end.isoformat()
    day = today.isoformat()
    over = today > year.end
    out: list[RuleCheck] = []
    for rule in list_rules(store, active_only=True):
        meetings = queries.body_meetings(store, rule.body_id, start, end)
        held = sum(1 for m in meetings if m["status"] == "held")
        remaining = sum(
            1
            for m in meetings
            if m["date"] > day and m["status"] not in (*_NOT_GOING_AHEAD, "held")
        )
        if rule.kind == "meetings":
            out.append(
                RuleCheck(rule, "", held, remaining, _status(held, remaining, rule.at_least, over))
            )
            continue
        for person in queries.role_holders(store, rule.role, start, end):
            present = queries.times_present(store, int(person["id"]), rule.body_id, start, end)
            out.append(
                RuleCheck(
                    rule,
                    str(person["name"]),
                    present,
                    remaining,
                    _status(present, remaining, rule.at_least, over),
                )
            )
    return out


def _check(store: Store, row: Row, record_id: int) -> object:
    return _clean(store, row)


register("minimum_rules", check=_check, remove=delete_rule)
