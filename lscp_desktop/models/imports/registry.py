"""The kinds of spreadsheet that can be imported.

Each kind lives in its own small module exposing ``KIND`` (an :class:`ImportKind`); adding a
register's import is one module plus one line in :data:`KIND_MODULES`. Modules are imported
only when a kind is asked for.
"""

from __future__ import annotations

import importlib

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.imports.kinds import ImportKind

#: key -> module defining ``KIND``, in the order the window and the help list them.
KIND_MODULES: dict[str, str] = {
    "organisations": "lscp_desktop.models.imports.organisations",
    "people": "lscp_desktop.models.imports.people",
    "bodies": "lscp_desktop.models.imports.bodies",
    "memberships": "lscp_desktop.models.imports.memberships",
    "roles": "lscp_desktop.models.imports.roles",
    "meetings": "lscp_desktop.models.imports.meetings",
    "actions": "lscp_desktop.models.imports.actions",
    "risks": "lscp_desktop.models.imports.risks",
    "contributions": "lscp_desktop.models.imports.contributions",
    "budget": "lscp_desktop.models.imports.budget",
    "spend": "lscp_desktop.models.imports.spend",
    "escalations": "lscp_desktop.models.imports.escalations",
    "settings-census": "lscp_desktop.models.imports.settings_census",
}


def import_kind(key: str) -> ImportKind:
    module = KIND_MODULES.get(key.strip().lower())
    if module is None:
        raise LscpError(
            f"'{key}' is not something LSCP Desktop can import; choose one of: "
            f"{', '.join(KIND_MODULES)}."
        )
    kind: ImportKind = importlib.import_module(module).KIND
    return kind


def all_kinds() -> list[ImportKind]:
    return [import_kind(key) for key in KIND_MODULES]


def fields_markdown() -> str:
    """The README's table of each kind's fields and the headings accepted for them."""
    lines = []
    for kind in all_kinds():
        lines.append(f"**{kind.key}** — {kind.description}")
        lines.append("")
        lines.append("| field | heading | also accepted | |")
        lines.append("|---|---|---|---|")
        for f in kind.fields:
            notes = ", ".join(
                x
                for x in ("required" if f.required else "", f.type if f.type != "text" else "")
                if x
            )
            if f.help:
                notes = f"{notes}; {f.help}" if notes else f.help
            lines.append(f"| `{f.key}` | {f.label} | {', '.join(f.synonyms)} | {notes} |")
        lines.append("")
    return "\n".join(lines)
