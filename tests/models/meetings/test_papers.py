"""Papers: deadlines in working days, papers due, file copies refused with clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.meetings import make_partnership, meeting

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import cadence as c
from lscp_desktop.models.meetings import papers
from lscp_desktop.models.meetings.papers import (
    attach_paper_file,
    list_papers,
    paper_file,
    papers_due,
    papers_folder,
    save_paper,
)
from lscp_desktop.models.store.database import Store


def test_paper_deadlines_in_working_days_and_papers_due(store: Store) -> None:
    p = make_partnership(store)
    # Tuesday 7 April 2026: seven working days back skips Easter Monday and Good Friday.
    mid = meeting(store, p.body, "2026-04-07")
    paper = save_paper(store, mid, {"title": "Budget paper", "author_id": p.chair})
    assert list_papers(store, mid)[0].deadline == "2026-03-25"
    c.save_cadence(store, vars(c.get_cadence(store, p.body)) | {"paper_deadline_days": 3})
    assert list_papers(store, mid)[0].deadline == "2026-03-31"
    due = papers_due(store, 7, today=dt.date(2026, 3, 27))
    assert [x.id for x in due] == [paper]
    assert papers_due(store, 2, today=dt.date(2026, 3, 27)) == []
    save_paper(store, mid, {"title": "Budget paper", "status": "received"}, paper)
    assert papers_due(store, 30, today=dt.date(2026, 3, 27)) == []


def test_paper_file_copied_with_clear_errors(store: Store, tmp_path: Path) -> None:
    p = make_partnership(store)
    mid = meeting(store, p.body)
    paper = save_paper(store, mid, {"title": "Audit report"})
    with pytest.raises(ValidationError, match="There is no file"):
        attach_paper_file(store, paper, tmp_path / "missing.docx")
    with pytest.raises(ValidationError, match="is a folder"):
        attach_paper_file(store, paper, tmp_path)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"x" * 2048)
    limit = papers.MAX_PAPER_BYTES
    papers.MAX_PAPER_BYTES = 1024
    try:
        with pytest.raises(ValidationError, match="at most"):
            attach_paper_file(store, paper, big)
    finally:
        papers.MAX_PAPER_BYTES = limit
    assert paper_file(store, paper) is None
    source = tmp_path / "audit.docx"
    source.write_bytes(b"report")
    copied = attach_paper_file(store, paper, source)
    assert copied.read_bytes() == b"report" and copied.parent == papers_folder(store)
    saved = list_papers(store, mid)[0]
    assert (saved.status, saved.file_name, saved.file_size) == ("received", "audit.docx", 6)
