"""The documents issue 17 changed: the membership appendix names the safeguarding partners, the
relevant agencies and education's representation; an agenda lists observers and advisers "In
attendance" and names the rotating chair; the yearly report counts Education beside the
statutory three and shared bodies apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers.wordcheck import body_text, check_all, headings

from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.meetings import templates
from lscp_desktop.models.meetings.meetings import list_meetings, save_meeting
from lscp_desktop.models.meetings.schedule import generate_schedule
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.memberships import save_membership
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.people import save_person
from lscp_desktop.models.store.database import Store

START = dt.date(2024, 4, 1)


def lambeth(store: Store) -> dict[str, int]:
    plan = templates.prepare("four-partners", name="Lambeth LSCP", authorities=["Lambeth"])
    templates.apply(store, plan, today=START)
    cafcass = save_organisation(
        store, {"name": "Cafcass", "kind": "relevant agency", "sector": "Cafcass"}
    )
    school = save_organisation(
        store, {"name": "Evelina Primary School", "kind": "education", "sector": "education"}
    )
    bodies = {b.code: b.id for b in list_bodies(store)}
    for name, org_id, body, role in (
        ("Cafcass Manager", cafcass, "PSB", "virtual member"),
        ("Head Teacher", school, "ESAC", "member"),
        ("Commissioner", None, "EXEC", "observer"),
        ("Lead Member", None, "EXEC", "adviser"),
    ):
        pid = save_person(store, {"name": name, "organisation_id": org_id})
        save_membership(store, {"person_id": pid, "body_id": bodies[body], "role": role,
                                "start_date": START})  # fmt: skip
    return bodies


def export(store: Store, key: str, path: Path, **options: object) -> Path:
    return find_kind(key).run(store, ExportOptions(**options), path, lambda *_: None)


def test_membership_appendix_names_partners_agencies_and_education(
    store: Store, tmp_path: Path
) -> None:
    lambeth(store)
    doc = check_all(export(store, "membership", tmp_path / "m.docx"))
    titles = [t for _, t in headings(doc)]
    assert {"Safeguarding partners", "Relevant agencies", "Education settings"} <= set(titles)
    tables = {t.rows[0].cells[0].text: t for t in doc.tables}
    agencies = [[c.text for c in r.cells] for r in tables["Relevant agency"].rows[1:]]
    assert agencies == [["Cafcass", "Cafcass", "Partnership Scrutiny Board"]]
    partners = [r.cells[1].text for r in tables["Partner"].rows[1:]]
    assert partners.count("statutory partner") == 3
    assert "safeguarding partner named by the arrangements" in partners
    settings = [r.cells[0].text for r in tables["Education setting or representative body"].rows]
    assert "Evelina Primary School" in settings


def test_agenda_lists_those_in_attendance_and_virtual_members(store: Store, tmp_path: Path) -> None:
    bodies = lambeth(store)
    mid = save_meeting(store, {"body_id": bodies["EXEC"], "date": "2024-10-08",
                               "start_time": "10:00", "end_time": "12:00"})  # fmt: skip
    doc = check_all(export(store, "agenda", tmp_path / "a.docx", meeting_id=mid))
    assert "In attendance" in [t for _, t in headings(doc)]
    text = body_text(doc)
    assert "Commissioner" in text and "Lead Member" in text
    psb = save_meeting(store, {"body_id": bodies["PSB"], "date": "2024-10-15",
                               "start_time": "10:00", "end_time": "12:00"})  # fmt: skip
    doc = check_all(export(store, "agenda", tmp_path / "p.docx", meeting_id=psb))
    assert "Virtual members receive the papers and attend when called in." in body_text(doc)


def test_agenda_names_whose_turn_it_is_to_chair(store: Store, tmp_path: Path) -> None:
    plan = templates.prepare(
        "executive-forum", name="Lambeth", authorities=["Lambeth"],
        partners=["Lambeth Council", "Lambeth CCG", "Metropolitan Police"],
    )  # fmt: skip
    templates.apply(store, plan, today=dt.date(2019, 9, 30))
    executive = next(b.id for b in list_bodies(store) if b.code == "EXEC")
    generate_schedule(store, executive, "2020/21")
    october = next(m for m in list_meetings(store, body_id=executive) if m.date >= "2020-10-01")
    doc = check_all(export(store, "agenda", tmp_path / "a.docx", meeting_id=october.id))
    assert "Lambeth CCG" in body_text(doc)  # its turn began on 30/09/2020


def test_yearly_report_counts_education_and_shared_bodies_apart(
    store: Store, tmp_path: Path
) -> None:
    plan = templates.prepare("multi-borough", name="Lewisham", authorities=["Lewisham"])
    templates.apply(store, plan, today=START)
    for body in list_bodies(store):
        generate_schedule(store, body.id, "2024/25")
    doc = check_all(export(store, "annual-report", tmp_path / "y.docx", year="2024/25"))
    text = body_text(doc)
    assert "The partnership's safeguarding partners are 3 statutory partners" in text
    shared = next(t for t in doc.tables if t.rows[0].cells[0].text == "Shared body")
    assert shared.rows[1].cells[0].text == "Tri-borough Strategic Executive Group"
    own = next(t for t in doc.tables if t.rows[0].cells[0].text == "Body")
    assert all("Tri-borough" not in r.cells[0].text for r in own.rows)
