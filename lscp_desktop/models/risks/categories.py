"""Risk categories and the partnership's appetite for each: a residual score above the
category's threshold (1–25) is above appetite."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.text import as_text
from lscp_desktop.models.risks import queries as q
from lscp_desktop.models.risks.records import Category
from lscp_desktop.models.store.database import Row, Store


def list_categories(store: Store) -> list[Category]:
    return [Category(**r) for r in q.categories(store)]


def save_category(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    name = " ".join(as_text(values.get("name")).split())
    if not name:
        raise ValidationError("Enter the category's name.", "name")
    try:
        appetite = int(as_text(values.get("appetite")).strip())
    except ValueError:
        raise ValidationError(
            "The appetite threshold should be a score from 1 to 25.", "appetite"
        ) from None
    if not 1 <= appetite <= 25:
        raise ValidationError(
            f"The appetite threshold should be from 1 to 25, not {appetite}.", "appetite"
        )
    clean = {"name": name, "appetite": appetite, "statement": as_text(values.get("statement"))}
    with store.transaction():
        for other in list_categories(store):
            if other.id != record_id and other.name.lower() == name.lower():
                raise ValidationError(f"There is already a category called {other.name}.", "name")
        if record_id is None:
            return store.insert("risk_categories", clean)
        store.update("risk_categories", record_id, clean)
        return record_id


def delete_category(store: Store, category_id: int) -> Row:
    with store.transaction():
        used = q.risks_in_category(store, category_id)
        if used:
            raise ValidationError(
                f"{used} risk(s) are in this category, so it cannot be deleted.", "category"
            )
        return store.delete("risk_categories", category_id)
