"""Meetings: each body's cadence, its meetings, agendas, papers, attendance and minutes."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.schema.ddl import Migrations, run

migrations = Migrations("meetings")


@migrations()
def m001_meetings(db: Any) -> None:
    run(
        db,
        """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            body_id INTEGER NOT NULL REFERENCES bodies (id),
            date TEXT NOT NULL,
            start_time TEXT NOT NULL DEFAULT '10:00',
            duration_minutes INTEGER NOT NULL DEFAULT 120,
            venue TEXT NOT NULL DEFAULT '',
            online_link TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'planned',
            status_reason TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX meetings_body_date ON meetings (body_id, date);
        CREATE INDEX meetings_date ON meetings (date);
        CREATE TABLE agenda_items (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            purpose TEXT NOT NULL DEFAULT 'information',
            presenter_id INTEGER REFERENCES people (id),
            minutes_allotted INTEGER NOT NULL DEFAULT 10,
            minute_text TEXT NOT NULL DEFAULT '',
            decisions TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position)
        """,
    )
