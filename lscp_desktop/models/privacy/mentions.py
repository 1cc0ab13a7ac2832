"""Where a person is named in free text: their full name, email or phone written exactly.

Used by subject access (to show them) and by erasure (to replace them). A name is searched
only when it has two words or more ("Jo" would be found inside other people's notes about
someone else); an email and a phone number are searched as written, ignoring case.
"""

from __future__ import annotations

import json
import re

from lscp_desktop.models.core import text_policy
from lscp_desktop.models.privacy import queries
from lscp_desktop.models.privacy.records import Mention
from lscp_desktop.models.privacy.scan import noun
from lscp_desktop.models.store.audit import AuditEntry
from lscp_desktop.models.store.database import Row, Store

#: The partnership's formal record, kept as written: the minutes and decisions of a held
#: meeting, and the text of a published review or yearly report.
FORMAL = {
    ("agenda_items", "minute_text"),
    ("agenda_items", "decisions"),
    ("reviews", "summary"),
    ("reviews", "notes"),
    ("yearly_reports", "notes"),
}


def searched_texts(person: Row) -> list[str]:
    """What identifies the person in free text: their full name (two words or more), email
    and phone, as stored."""
    name = " ".join(str(person["name"] or "").split())
    texts = [name] if len(name.split()) >= 2 else []
    texts += [str(person[k]).strip() for k in ("email", "phone") if str(person[k] or "").strip()]
    return texts


_ASCII_RUN = re.compile(r"[A-Za-z0-9@._+-]{3,}")


def needles(texts: list[str]) -> list[str]:
    """What the database is searched for, so that every match is found: SQLite lowers only
    ASCII letters, so a name with accents is looked for by its longest ASCII run ("ngstr" for
    "Zoë Ångström"), or failing that as written, in capitals and in title case. The exact
    match is then made in Python (:func:`pattern`)."""
    out: list[str] = []
    for text in texts:
        runs = sorted(_ASCII_RUN.findall(text), key=len, reverse=True)
        if text.isascii() or not runs:
            out += [text] if text.isascii() else [text, text.upper(), text.title()]
        else:
            out.append(runs[0])
    return list(dict.fromkeys(out))


def pattern(texts: list[str]) -> re.Pattern[str]:
    """Any of *texts* as a whole word or number, ignoring case."""
    alternatives = "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))
    return re.compile(rf"(?<![\w@.]){alternatives}(?![\w@])", re.IGNORECASE)


def mentions_of(store: Store, person: Row) -> list[Mention]:
    """Every text field (other than the person's own record) that names them exactly."""
    texts = searched_texts(person)
    if not texts:
        return []
    found = pattern(texts)
    formal_parents = {
        "agenda_items": queries.held_meeting_ids(store),
        "reviews": queries.published_review_ids(store),
        "yearly_reports": queries.published_yearly_report_ids(store),
    }
    out: list[Mention] = []
    for table, columns in store.text_columns().items():
        if table in text_policy.NOT_USER_TEXT:
            continue
        checked = [c for c in columns if text_policy.rule(table, c)[0].checked]
        if not checked:
            continue
        for row in queries.rows_mentioning(store, table, checked, needles(texts)):
            if table == "people" and row["id"] == person["id"]:
                continue
            for column in checked:
                value = row[column]
                if not isinstance(value, str) or not found.search(value):
                    continue
                parent = row["link_id"] if table == "agenda_items" else row["id"]
                formal = (table, column) in FORMAL and parent in formal_parents.get(table, ())
                label = row["label"] or f"#{row['id']}"
                out.append(
                    Mention(
                        table,
                        int(row["id"]),
                        column,
                        f"{noun(table).capitalize()} {label}",
                        value,
                        formal,
                    )
                )
    return out


def history_texts(person: Row) -> list[str]:
    """What to look for in the history: as :func:`searched_texts`, and also as JSON wrote
    accented letters before the history kept them as they are ("Zo\\u00eb")."""
    texts = searched_texts(person)
    return texts + [e for t in texts if (e := json.dumps(t)[1:-1]) != t]


def history_naming(store: Store, person: Row) -> list[AuditEntry]:
    """The person's own record's history, and every other entry that names them exactly."""
    own = store.history("people", int(person["id"]))
    texts = history_texts(person)
    if not texts:
        return own
    found = pattern(texts)
    seen = {e.id for e in own}
    return own + [
        e
        for e in store.history_mentioning(needles(texts))
        if e.id not in seen and (found.search(e.old or "") or found.search(e.new or ""))
    ]
