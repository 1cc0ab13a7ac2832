"""The one door for text: every text column of the schema, every save function that writes one.

The identity strings of ``helpers.identity_cases`` are fed to every text column, first through
the store's own insert/update (the door itself), then through the model function a user's text
reaches that column by; each is refused, naming the field, with nothing saved. The innocent
strings are accepted everywhere text is free.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.identity_cases import PASSED, REFUSED
from helpers.writers import FREE, MADE_BY_THE_APP, WRITERS, first

from lscp_desktop.models.core import text_policy
from lscp_desktop.models.core.errors import LscpError, ValidationError
from lscp_desktop.models.core.text_policy import ALLOW_LIST, NOT_USER_TEXT, max_length, rule
from lscp_desktop.models.meetings.papers import attach_paper_file
from lscp_desktop.models.store.database import Store

REFUSED_TEXTS = [t for t, _ in REFUSED]


class _Undo(Exception):
    """Raised to roll back everything a test wrote."""


@contextlib.contextmanager
def rolled_back(store: Store) -> Iterator[None]:
    """One outer transaction (savepoints inside are cheap), rolled back at the end."""
    with contextlib.suppress(_Undo), store.transaction():
        yield
        raise _Undo


def user_columns(store: Store) -> list[tuple[str, str]]:
    return [
        (table, column)
        for table, columns in store.text_columns().items()
        if table not in NOT_USER_TEXT
        for column in columns
    ]


def skipped_rules(table: str, column: str) -> frozenset[str]:
    kind, _ = rule(table, column)
    return kind.skip


def refused_for(table: str, column: str) -> list[str]:
    """The refused strings that must be refused in this column (a venue may hold a postcode)."""
    from lscp_desktop.models.core.identity_guard import find_identifiers

    skip = skipped_rules(table, column)
    return [t for t in REFUSED_TEXTS if find_identifiers(t, skip=skip)]


# ---- the door, column by column ------------------------------------------------------------


def test_every_text_column_of_the_schema_is_known(demo_store: Store) -> None:
    columns = user_columns(demo_store)
    assert len(columns) > 150
    for key in ALLOW_LIST:
        table, column = key.split(".")
        assert (table, column) in columns, f"{key} is on the allow-list but not in the schema"
    missing = [c for c in columns if c not in WRITERS and c not in MADE_BY_THE_APP]
    assert missing == [], f"no save function tested for {missing}"
    for table, column in columns:
        kind, label = rule(table, column)
        assert label and kind.key


def test_the_allow_list_is_short_and_each_entry_says_why() -> None:
    assert len(ALLOW_LIST) <= 8
    for key, (kind, reason) in ALLOW_LIST.items():
        assert kind in text_policy.KINDS and len(reason) > 20, key


def test_every_column_refuses_every_identity_and_passes_every_innocent_text(
    demo_store: Store,
) -> None:
    for table, column in user_columns(demo_store):
        kind, label = rule(table, column)
        if not kind.checked:
            assert (f"{table}.{column}") in ALLOW_LIST
            continue
        for text in refused_for(table, column):
            with pytest.raises(ValidationError) as caught:
                text_policy.admit(table, column, text)
            assert caught.value.field == column
            assert str(caught.value).startswith(f"{label}: looks like ")
        for text in PASSED:
            if len(text) <= (kind.max_length or 0):
                assert text_policy.admit(table, column, text) == text, (table, column, text)


def test_a_venue_takes_a_postcode_and_a_link_a_meeting_number() -> None:
    assert text_policy.admit("meetings", "venue", "Civic Centre, SE11 5QY") == (
        "Civic Centre, SE11 5QY"
    )
    with pytest.raises(ValidationError, match="Venue: looks like a date of birth"):
        text_policy.admit("meetings", "venue", "Room 2, born 14/03/2019")
    link = "https://zoom.us/j/9434765919"
    assert text_policy.admit("meetings", "online_link", link) == link
    with pytest.raises(ValidationError, match="Notes: looks like an NHS number"):
        text_policy.admit("meetings", "notes", "9434765919")


def test_the_store_refuses_before_writing_anything(demo_store: Store) -> None:
    """Through Store.update and Store.insert: every refused string, every column of a row."""
    before = demo_store.count("audit_log")
    with rolled_back(demo_store):
        for table, column in user_columns(demo_store):
            kind, _ = rule(table, column)
            rows = demo_store.rows(table, order_by="id")
            if not kind.checked or not rows:
                continue
            row = rows[0]
            for text in refused_for(table, column):
                with pytest.raises(ValidationError):
                    demo_store.update(table, row["id"], {column: text})
            assert demo_store.get(table, row["id"]) == row
        with pytest.raises(ValidationError, match="Notes: looks like a postcode"):
            demo_store.insert("organisations", {"name": "X", "kind": "other", "sector": "other",
                                                "notes": "SE11 5QY"})  # fmt: skip
        with pytest.raises(ValidationError, match="Row 2: Notes: looks like a date of birth"):
            demo_store.bulk_insert(
                "organisations",
                ["name", "kind", "sector", "notes"],
                [["Y", "other", "other", ""], ["Z", "other", "other", "DOB 14/03/2019"]],
            )
        assert demo_store.count("organisations", "name IN ('X', 'Y', 'Z')") == 0
    assert demo_store.count("audit_log") == before


# ---- every save function ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "column"), sorted(WRITERS), ids=[f"{t}.{c}" for t, c in sorted(WRITERS)]
)
def test_each_save_function_refuses_identities_and_saves_innocent_text(
    demo_store: Store, table: str, column: str
) -> None:
    write = WRITERS[(table, column)]
    kind, label = rule(table, column)
    with rolled_back(demo_store):
        before = demo_store.rows(table, order_by="id")
        for text in refused_for(table, column):
            with pytest.raises(ValidationError) as caught:
                write(demo_store, text)
            if (table, column) in FREE:
                assert str(caught.value).startswith(f"{label}: looks like"), text
            assert demo_store.rows(table, order_by="id") == before, text
        if (table, column) not in FREE:
            return
        for text in PASSED:
            if not text or len(text) > (kind.max_length or 0):
                continue  # some are required, some short: both tried at the door above
            try:
                write(demo_store, text)
            except LscpError as exc:
                pytest.fail(f"{text!r} refused in {table}.{column}: {exc}")


def test_a_papers_file_name_is_checked_too(demo_store: Store, tmp_path: Path) -> None:
    paper = first(demo_store, "papers")
    bad = tmp_path / "Jane Smith DOB 14.03.2019.docx"
    bad.write_bytes(b"not really a document")
    with pytest.raises(ValidationError, match="File name: looks like a date of birth"):
        attach_paper_file(demo_store, paper["id"], bad)
    assert demo_store.get("papers", paper["id"]) == paper


# ---- cleaning, surrogates, limits ---------------------------------------------------------------


def test_control_characters_are_cleaned_silently(demo_store: Store) -> None:
    from lscp_desktop.models.membership.organisations import save_organisation
    from lscp_desktop.models.membership.partnership import save_partnership
    from lscp_desktop.models.membership.people import save_person

    save_partnership(demo_store, name="North\x0bbridge\x07 Partnership", notes="a\x0bb\r\nc\x00\td")
    row = demo_store.require("partnership", 1)
    assert row["name"] == "North bridge Partnership"
    assert row["notes"] == "a\nb\nc\td"
    pid = save_person(demo_store, {"name": "Jo\x1fBloggs", "notes": "x\x0cy"})
    assert demo_store.require("people", pid)["name"] == "Jo Bloggs"
    assert demo_store.require("people", pid)["notes"] == "x\ny"
    oid = save_organisation(
        demo_store, {"name": "Agency\u2028One", "kind": "other", "sector": "other"}
    )
    assert demo_store.require("organisations", oid)["name"] == "Agency One"


def test_a_lone_surrogate_is_refused_with_a_message(demo_store: Store) -> None:
    action = first(demo_store, "actions", status="open")
    from lscp_desktop.models.actions.status import set_status

    with pytest.raises(ValidationError, match="Completion note: has a broken character just after"):
        set_status(demo_store, action["id"], "completed", note="Done \ud83d with thanks")
    assert demo_store.get("actions", action["id"]) == action


def test_names_and_titles_have_limits_and_notes_are_long(demo_store: Store) -> None:
    from lscp_desktop.models.membership.people import save_person

    too_long = (
        r"Name: is 100,000 characters long, and a name can hold at most 200\. Shorten it "
        r"\(put the rest in the notes\)\."
    )
    with pytest.raises(ValidationError, match=too_long):
        save_person(demo_store, {"name": "x" * 100_000})
    pid = save_person(demo_store, {"name": "Jo Bloggs", "notes": "long " * 10_000})
    assert len(demo_store.require("people", pid)["notes"]) >= 49_999
    assert max_length("people", "name") == 200
    assert max_length("actions", "title") == 500
    assert max_length("people", "notes") == 100_000


def test_a_table_added_later_is_checked_as_free_text() -> None:
    kind, label = rule("escalations", "concern")
    assert kind.key == "text" and label == "Concern"
    with pytest.raises(ValidationError, match="Concern: looks like a postcode"):
        text_policy.admit("escalations", "concern", "family at SE11 5QY")
    assert rule("escalations", "title")[0].max_length == 500
