"""The one door for text: every text value the store writes is cleaned and checked here.

:class:`~lscp_desktop.models.store.database.Store` calls :func:`admit` for every ``str`` value
of every ``insert``, ``update`` and ``bulk_insert``, whatever the table and whatever its declared
column type, before anything is written. Every save function, every import kind and every
command goes through those three methods, so none can miss the door, including the tables a
later migration adds: a column nobody has described here is treated as free text (the strictest
rules, the longest limit). There is no way round it.

What each value gets depends on its column's :class:`TextKind` (see :func:`rule`):

* **Cleaned, silently**: control characters are invisible, arrive by copy and paste (Word's
  line break is ``\\x0b``, its page break ``\\x0c``; old systems send ``\\x00`` or ``\\x07``), break
  exports, and the user could neither see nor remove them, so refusing would only leave them
  stuck. In multi-line text, line breaks of every kind become ``\\n`` and tabs stay; in a
  single-line field (a name, a title, a code) line breaks and tabs become a space; every other
  control character (C0, DEL and C1) is dropped.
* **Refused, with a message naming the field** (a :class:`ValidationError`, nothing written):

  - *a lone surrogate* — half of an emoji or rare symbol, left by a broken paste or a command
    line in another encoding. It cannot be stored as UTF-8 and there is no right guess of the
    character meant, so the user is asked to type it again rather than have it silently
    replaced by "?" or "�";
  - *text over its kind's length* — names 200 characters, titles 500, notes 100,000 (long text
    is fine in notes); :func:`max_length` gives the limits to the window's fields;
  - *anything that looks like a child's identity*, found by
    :mod:`~lscp_desktop.models.core.identity_guard`, quoted back ("Notes: looks like a date of
    birth: 'born 14/03/2026'").

The allow-list, :data:`ALLOW_LIST`, is the short list of columns that are let off a rule, each
with its reason: a venue is an address, so the postcode rule does not apply there (the others
do); an online link holds meeting numbers that are not NHS numbers (and a published document's
web address is a link too); a file name the app made
up is not user text. Nothing else is let off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.identity_guard import find_identifiers, might_identify, refusal


@dataclass(frozen=True)
class TextKind:
    """How the door treats one kind of text."""

    key: str
    #: What the length message calls it: "a name can hold at most 200 characters".
    noun: str
    max_length: int | None
    multiline: bool
    #: Identity rules (``identity_guard.RULES``) that do not apply to this kind.
    skip: frozenset[str] = field(default_factory=frozenset)
    #: False for values the app makes itself: neither cleaned nor checked.
    checked: bool = True


KINDS: dict[str, TextKind] = {
    k.key: k
    for k in (
        TextKind("name", "a name", 200, False),
        TextKind("title", "a title", 500, False),
        TextKind("line", "this field", 500, False),
        TextKind("code", "a code, choice or date", 100, False),
        TextKind("email", "an email address", 254, False),
        TextKind("phone", "a phone number", 100, False),
        TextKind("text", "a note", 100_000, True),
        TextKind("venue", "a venue", 500, False, frozenset({"postcode"})),
        TextKind("link", "a web address", 2_000, False, frozenset({"NHS number", "postcode"})),
        TextKind("made", "", None, False, checked=False),
    )
}

#: Columns let off a rule, and why: the whole allow-list. ("table.column": (kind, reason))
ALLOW_LIST: dict[str, tuple[str, str]] = {
    "meetings.venue": ("venue", "a venue is an address, so its postcode is expected"),
    "meeting_cadences.venue": ("venue", "a body's usual venue is an address"),
    "meetings.online_link": ("link", "a joining link holds meeting numbers, not NHS numbers"),
    "meeting_cadences.online_link": ("link", "a joining link holds meeting numbers"),
    "arrangement_documents.link": ("link", "a web address of a published document, not text"),
    "papers.stored_name": ("made", "the name the app gives its copy of a paper's file"),
}

#: Tables the door never sees, and why (the scan of stored text leaves them out too).
NOT_USER_TEXT: dict[str, str] = {
    "audit_log": "copies of values that passed the door (the scan reads them separately)",
    "settings": "typed preferences, each checked by its own declaration",
    "_sqlite_migrations": "the names of the schema's migrations",
}

#: The kind of a column by its name, in any table (a new register's "title" is a title).
_KIND_BY_NAME: dict[str, str] = {
    **dict.fromkeys(("name", "guest_name", "guest_organisation", "author", "reviewer",
                     "trainer", "payee", "recorded_by"), "name"),
    **dict.fromkeys(("title", "course", "recipient"), "title"),
    **dict.fromkeys(("reference", "code", "invoice_ref", "kind", "status", "register",
                     "frequency", "decision", "milestone", "year", "role", "source",
                     "standard_report"), "code"),
    **dict.fromkeys(("job_title", "sector", "local_authority", "file_name", "category",
                     "chair_arrangement", "next_milestone", "theme"), "line"),
    "email": "email",
    "phone": "phone",
}  # fmt: skip
_DATE_NAMES = frozenset({"date", "at", "first_due", "next_review", "next_due"})
_DATE_ENDINGS = ("_date", "_on", "_at", "_time")

#: Field names in words where the column's name does not read well.
_LABELS: dict[str, str] = {
    "action_notes.text": "Progress note",
    "review_recommendations.text": "Recommendation",
    "minute_amendments.text": "Amendment",
    "minute_text": "Minutes",
    "source_note": "Source detail",
    "voice_of_child": "Voice of the child",
    "impact_notes": "Impact",
    "guest_name": "Guest's name",
    "guest_organisation": "Guest's organisation",
    "interest": "Declared interest",
    "statement": "Appetite statement",
    "status_reason": "Reason",
    "invoice_ref": "Invoice reference",
    "local_authorities": "Local authorities",
    "online_link": "Online link",
    "course": "Course",
    "name": "Name",
}


@lru_cache(maxsize=1024)
def rule(table: str, column: str) -> tuple[TextKind, str]:
    """The kind and the label in words of ``table.column``."""
    allowed = ALLOW_LIST.get(f"{table}.{column}")
    if allowed is not None:
        kind = allowed[0]
    elif column in _KIND_BY_NAME:
        kind = _KIND_BY_NAME[column]
    elif column in _DATE_NAMES or column.endswith(_DATE_ENDINGS):
        kind = "code"
    else:
        kind = "text"
    label = (
        _LABELS.get(f"{table}.{column}")
        or _LABELS.get(column)
        or column.replace("_", " ").capitalize()
    )
    return KINDS[kind], label


def max_length(table: str, column: str) -> int | None:
    """The most characters ``table.column`` can hold (for a field's ``maxLength``)."""
    kind, _ = rule(table, column)
    return kind.max_length


# ---- cleaning and checking -------------------------------------------------------------------

_DROP = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_LINE_SPACE = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO = re.compile(r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?)?|\d\d:\d\d")


def clean(value: str, multiline: bool) -> str:
    """*value* without control characters: line breaks kept (as ``\\n``) in multi-line text and
    turned into spaces in a single line; tabs kept in multi-line text; the rest dropped."""
    if value.isprintable():
        return value  # no control character (nor any other invisible one) at all
    if multiline:
        return _DROP.sub("", _BREAKS.sub("\n", value))
    return _DROP.sub("", _LINE_SPACE.sub(" ", value))


def check(kind: TextKind, label: str, column: str, value: str) -> None:
    """Refuse a cleaned *value* holding a child's identity, or over its length."""
    if not (kind.key == "code" and _ISO.fullmatch(value)):  # a date or time the app wrote
        findings = find_identifiers(value, skip=kind.skip)
        if findings:
            raise ValidationError(refusal(label, findings), column)
    if kind.max_length is not None and len(value) > kind.max_length:
        rest = " (put the rest in the notes)" if kind.key in ("name", "title") else ""
        raise ValidationError(
            f"{label}: is {len(value):,} characters long, and {kind.noun} can hold at most "
            f"{kind.max_length:,}. Shorten it{rest}.",
            column,
        )


def _clean(kind: TextKind, label: str, column: str, value: str) -> str:
    if value.isascii():
        return value if value.isprintable() else clean(value, kind.multiline)
    broken = _SURROGATE.search(value)
    if broken is not None:
        before = value[max(0, broken.start() - 20) : broken.start()].strip()
        where = f"just after '{before}'" if before else "at the start"
        raise ValidationError(
            f"{label}: has a broken character {where} (half of an emoji or other symbol, "
            "left by copying and pasting). Delete it, type the character again, and save.",
            column,
        )
    return clean(value, kind.multiline)


def cleaned(table: str, column: str, value: str) -> str:
    """*value* cleaned for ``table.column`` (a lone surrogate refused); not yet checked."""
    kind, label = rule(table, column)
    return _clean(kind, label, column, value) if kind.checked else value


def admit(table: str, column: str, value: str) -> str:
    """*value* as it will be stored in ``table.column``, or a :class:`ValidationError`."""
    kind, label = rule(table, column)
    if not kind.checked:
        return value
    if (
        value.isascii()
        and value.isprintable()
        and len(value) <= (kind.max_length or 0)
        and not might_identify(value)
    ):
        return value  # the common case, decided without cleaning or the guard's rules
    text = _clean(kind, label, column, value)
    check(kind, label, column, text)
    return text


def admit_values(table: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """*values* with every text cleaned and checked for ``table`` (an insert)."""
    return {c: admit(table, c, v) if isinstance(v, str) else v for c, v in values.items()}


def clean_values(table: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """*values* with every text cleaned but not yet checked (an update checks only what
    changes, so a record saved before the guard can still be edited elsewhere)."""
    return {c: cleaned(table, c, v) if isinstance(v, str) else v for c, v in values.items()}


def check_value(table: str, column: str, value: Any) -> None:
    """Check one cleaned value of ``table.column`` (strings only)."""
    if isinstance(value, str):
        kind, label = rule(table, column)
        if kind.checked:
            check(kind, label, column, value)


def admit_rows(
    table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> Iterator[Sequence[Any]]:
    """Each of *rows* with its texts cleaned and checked; a refusal names the row (1-based).
    (The demo writes 370,000 texts this way: the loop is kept lean.)"""
    rules = [rule(table, c) for c in columns]
    #: Texts already found clear, per column: most repeat (dates, statuses, titles).
    clear: list[set[str]] = [set() for _ in rules]
    checked = [i for i, (kind, _) in enumerate(rules) if kind.checked]
    for number, row in enumerate(rows, start=1):
        out: list[Any] | None = None
        for i in checked:
            value, known = row[i], clear[i]
            if type(value) is not str or value in known:
                continue
            kind, label = rules[i]
            try:
                text = _clean(kind, label, columns[i], value)
                check(kind, label, columns[i], text)
            except ValidationError as exc:
                raise ValidationError(f"Row {number}: {exc}", exc.field) from None
            if text is value:
                known.add(value)
            else:
                out = out or list(row)
                out[i] = text
        yield row if out is None else out


class Admitted(tuple[Any, ...]):
    """A row of values for a table's columns whose texts :class:`RowDoor` has admitted: the
    store writes it as it is (:meth:`Store.insert_many`), without admitting them again."""

    __slots__ = ()

    def with_value(self, index: int, value: Any) -> Admitted:
        """The row with a value that is not text (an id known later) put at *index*."""
        if isinstance(value, str):
            raise TypeError("a text goes through the door: RowDoor.admit")
        return Admitted((*self[:index], value, *self[index + 1 :]))


class AdmittedValues(dict[str, Any]):
    """Values by column whose texts :class:`RowDoor` has admitted (a change to write as it
    is: :meth:`Store.insert_changed`)."""


class RowDoor:
    """Admits rows for *columns* of *table*, each text as :func:`admit` admits it (the same
    refusals), remembering the texts found clear as they are (most repeat in a batch: dates,
    statuses, kinds), so each is checked once."""

    #: How many clear texts a column remembers before it starts again.
    KEEP = 4096

    def __init__(self, table: str, columns: Sequence[str]) -> None:
        self.table = table
        self.columns = tuple(columns)
        self._checked = [i for i, c in enumerate(self.columns) if rule(table, c)[0].checked]
        self._clear: list[set[str]] = [set() for _ in self.columns]
        #: Each column's longest text (0: none checked), for admit's common case.
        self._longest = [rule(table, c)[0].max_length or 0 for c in self.columns]

    def admit(self, values: Sequence[Any]) -> Admitted:
        out = list(values)
        for i in self._checked:
            value = out[i]
            if type(value) is not str:
                continue
            known = self._clear[i]
            if value in known:
                continue
            if (  # admit's common case (a new reference a row), decided here
                value.isascii()
                and value.isprintable()
                and len(value) <= self._longest[i]
                and not might_identify(value)
            ):
                text = value
            else:
                text = admit(self.table, self.columns[i], value)
            if text is value:
                if len(known) >= self.KEEP:
                    known.clear()
                known.add(value)
            out[i] = text
        return Admitted(out)

    def admit_values(self, values: Mapping[str, Any]) -> AdmittedValues:
        """*values* (by this door's columns, in their order) admitted."""
        if tuple(values) != self.columns:
            raise ValueError(f"values for {tuple(values)}, not {self.columns}")
        return AdmittedValues(zip(self.columns, self.admit(tuple(values.values())), strict=True))
