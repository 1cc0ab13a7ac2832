"""Shared helpers for the store's tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.store.checks import APPLICATION_ID
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.migrations import schema_version


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_org(store: Store, name: str) -> int:
    return save_organisation(store, {"name": name, "kind": "other", "sector": "other"})


def assert_pragmas(store: Store, journal: str) -> None:
    assert store.pragma("foreign_keys") == 1
    assert store.pragma("synchronous") == 2  # FULL
    assert store.pragma("busy_timeout") >= 5000
    assert store.pragma("application_id") == APPLICATION_ID
    assert store.pragma("journal_mode") == journal
    assert store.pragma("user_version") == schema_version()
