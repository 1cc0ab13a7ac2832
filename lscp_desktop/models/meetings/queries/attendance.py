"""Registers of attendance, declarations of interest, and attendance over a period."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.store.database import Row, Store

_ATTENDANCE = (
    "SELECT t.*, coalesce(p.name, '') AS person, coalesce(o.name, t.guest_organisation) AS"
    " organisation, coalesce(o.kind, '') AS organisation_kind, coalesce(d.name, '') AS deputy"
    " FROM attendance t LEFT JOIN people p ON p.id = t.person_id"
    " LEFT JOIN organisations o ON o.id = t.organisation_id"
    " LEFT JOIN people d ON d.id = t.deputy_id"
)


def register_rows(store: Store, meeting_id: int) -> list[Row]:
    """A meeting's register: members (the chair first) by name, then guests."""
    return store.query(
        _ATTENDANCE + " WHERE t.meeting_id = ? ORDER BY t.guest,"
        " CASE WHEN t.role = 'chair' THEN 0 ELSE 1 END, person, t.guest_name",
        [meeting_id],
    )


def registered_person_ids(store: Store, meeting_id: int) -> set[int | None]:
    rows = store.query("SELECT person_id FROM attendance WHERE meeting_id = ?", [meeting_id])
    return {r["person_id"] for r in rows}


def times_on_register(store: Store, meeting_id: int, person_id: int) -> int:
    return int(
        store.scalar(
            "SELECT count(*) FROM attendance WHERE meeting_id = ? AND person_id = ?",
            [meeting_id, person_id],
        )
    )


def declaration_rows(store: Store, meeting_id: int) -> list[Row]:
    """A meeting's declarations with person and item: whole-meeting ones first, then by item."""
    return store.query(
        "SELECT d.*, p.name AS person, coalesce(a.title, '') AS item FROM declarations d"
        " JOIN people p ON p.id = d.person_id LEFT JOIN agenda_items a ON a.id = d.agenda_item_id"
        " WHERE d.meeting_id = ?"
        " ORDER BY CASE WHEN a.position IS NULL THEN 0 ELSE 1 END, a.position, p.name",
        [meeting_id],
    )


def attendance_stat_rows(store: Store, start: str, end: str, body_id: int | None) -> list[Row]:
    """Members' attendance records at meetings held (not cancelled or postponed) in a period,
    meeting by meeting in date order (a person's first row names their organisation)."""
    sql = (
        "SELECT t.person_id, t.organisation_id, t.status, coalesce(p.name, '') AS person,"
        " coalesce(o.name, '(no organisation)') AS organisation FROM attendance t"
        " JOIN meetings m ON m.id = t.meeting_id LEFT JOIN people p ON p.id = t.person_id"
        " LEFT JOIN organisations o ON o.id = t.organisation_id"
        " WHERE t.guest = 0 AND m.status NOT IN ('cancelled', 'postponed')"
        " AND m.date BETWEEN ? AND ?"
    )
    params: list[Any] = [start, end]
    if body_id is not None:
        sql += " AND m.body_id = ?"
        params.append(body_id)
    return store.query(sql + " ORDER BY m.date, m.id", params)


def attendance_list_rows(store: Store, start: str, end: str) -> list[Row]:
    """Every attendance record in a period, flat: date, body code, person, organisation…"""
    return store.query(
        "SELECT m.date, b.code AS body, coalesce(p.name, t.guest_name) AS person,"
        " coalesce(o.name, t.guest_organisation) AS organisation, t.role, t.status,"
        " coalesce(d.name, '') AS deputy FROM attendance t JOIN meetings m ON m.id = t.meeting_id"
        " JOIN bodies b ON b.id = m.body_id LEFT JOIN people p ON p.id = t.person_id"
        " LEFT JOIN organisations o ON o.id = t.organisation_id"
        " LEFT JOIN people d ON d.id = t.deputy_id WHERE m.date BETWEEN ? AND ?"
        " ORDER BY m.date, b.id, t.guest, person",
        [start, end],
    )


def declaration_meeting(store: Store, declaration_id: int) -> int | None:
    return store.scalar("SELECT meeting_id FROM declarations WHERE id = ?", [declaration_id])
