"""Declared settings: defaults, typed reads, validation before anything is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store


def test_defaults_until_set(store: Store) -> None:
    assert settings.get_int(store, "rag_amber_days") == 14
    assert settings.get_str(store, "default_marking") == "OFFICIAL"
    settings.set_value(store, "rag_amber_days", "21")
    assert settings.get_int(store, "rag_amber_days") == 21
    assert store.history("settings", 0)[-1].new == "21"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("rag_amber_days", "two weeks", "whole number"),
        ("rag_amber_days", "0", "from 1 to 90"),
        ("default_marking", "SECRET", "choose one of"),
        ("word_template", "/nowhere/council.docx", "cannot be found"),
        ("no_such_setting", "1", "no setting"),
    ],
)
def test_bad_values_are_refused_and_nothing_stored(
    store: Store, key: str, value: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        settings.set_value(store, key, value)
    assert store.get_setting(key) is None


def test_template_must_be_a_docx(store: Store, tmp_path: Path) -> None:
    dotx = tmp_path / "council.dotx"
    dotx.write_bytes(b"x")
    with pytest.raises(ValidationError, match=r"\.docx"):
        settings.set_value(store, "word_template", str(dotx))
    docx = tmp_path / "council.docx"
    docx.write_bytes(b"x")
    settings.set_value(store, "word_template", str(docx))
    assert settings.get_str(store, "word_template") == str(docx)


def test_a_setting_whose_recomputation_nobody_registered_is_refused(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving a clock target without a way to recompute the clocks would leave them stale."""
    monkeypatch.setattr(settings, "_RECOMPUTE", {})
    with pytest.raises(RuntimeError, match="changes the review clocks"):
        settings.set_value(store, "review_draft_months", "2")
    assert store.get_setting("review_draft_months") is None


def test_the_recomputation_runs_in_the_same_transaction(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(_store: Store) -> None:
        raise ValueError("recomputation failed")

    monkeypatch.setattr(settings, "_RECOMPUTE", {settings.REVIEW_CLOCKS: fail})
    with pytest.raises(ValueError, match="recomputation failed"):
        settings.set_value(store, "review_final_months", "3")
    assert store.get_setting("review_final_months") is None


def test_a_recomputation_is_registered_for_exactly_the_settings_that_name_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "_RECOMPUTE", {})
    with pytest.raises(ValueError, match="review clocks"):
        settings.register_recompute(settings.REVIEW_CLOCKS, ["review_draft_months"], print)
    assert settings._RECOMPUTE == {}
