"""Each of the five published arrangements (shared/seeds, their funding tables in tests/data)
set up as its business manager would: from a template (seeds 000, 002, 003) or command-line
calls (seeds 001 and 004: tests/cli/test_cli_structure.py), then checked against what the seed
publishes: bodies and cadences, a year's meetings, who chairs, statutory partners counted
right, funding by kind, and the forward plan."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from helpers.funding import LAMBETH_BUDGET, LAMBETH_CONTRIBUTIONS

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.finance.analysis import format_share, shares_by_kind, summary
from lscp_desktop.models.finance.contributions import list_contributions
from lscp_desktop.models.finance.funding_table import load_funding_table
from lscp_desktop.models.finance.rollover import roll_forward
from lscp_desktop.models.meetings import templates
from lscp_desktop.models.meetings.agenda import build_draft_agenda, list_items
from lscp_desktop.models.meetings.attendance import call_in, prepare_register, set_attendance
from lscp_desktop.models.meetings.attendance_stats import follow_up
from lscp_desktop.models.meetings.cadence import get_cadence
from lscp_desktop.models.meetings.chair_rotation import chair_on, handovers
from lscp_desktop.models.meetings.forward_plan import forward_plan_due, list_forward_plan
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.meetings.schedule import generate_schedule
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.memberships import save_membership
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.people import save_person
from lscp_desktop.models.membership.working_together import partners
from lscp_desktop.models.reporting.home import attention
from lscp_desktop.models.reporting.summary import membership_summary
from lscp_desktop.models.store.database import Store

START = dt.date(2019, 9, 30)  # the seeds' arrangements went live at the end of September 2019
YEAR = "2020/21"


def by_code(store: Store) -> dict[str, int]:
    return {b.code: b.id for b in list_bodies(store)}


def meetings_in_year(store: Store, year: str = YEAR) -> Counter[str]:
    for body in list_bodies(store):
        if get_cadence(store, body.id).months_between:
            generate_schedule(store, body.id, year)
    fy = FinancialYear.parse(year)
    return Counter(
        m.body for m in list_meetings(store) if fy.start.isoformat() <= m.date <= fy.end.isoformat()
    )


# --------------------------------------------------------------------------- seed 000


@pytest.fixture
def lambeth_2019(store: Store) -> Store:
    plan = templates.prepare(
        "executive-forum",
        name="Lambeth Safeguarding Children Partnership",
        authorities=["Lambeth"],
        partners=["Lambeth Council", "Lambeth Clinical Commissioning Group", "Metropolitan Police"],
    )
    templates.apply(store, plan, today=START)
    return store


def test_seed_000_bodies_cadences_and_a_year_of_meetings(lambeth_2019: Store) -> None:
    store = lambeth_2019
    counts = meetings_in_year(store)
    assert counts["Partnership Executive"] == 6  # every other month (para 20)
    assert counts["Partnership Forum"] == 3  # three a year (para 23)
    for subgroup in (
        "Training and Development Subgroup",
        "Safeguarding Adolescents Subgroup",
        "Quality Assurance, Performance and Safeguarding Incidents Subgroup",
    ):
        assert counts[subgroup] == 3  # paras 37, 40, 46
    assert counts["Learning and Practice Improvement Hub"] == 3  # every four months (para 52)
    assert "Child Death Overview Panel" not in counts  # shared with Southwark and Bromley
    cdop = next(b for b in list_bodies(store) if b.code == "CDOP")
    assert cdop.hosted_by == "combined with Southwark and Bromley"
    executive = get_cadence(store, by_code(store)["EXEC"])
    assert executive.quorum_each_partner and "Performance dashboard" in executive.standing_items
    assert len({m.date for m in list_meetings(store)}) > 1  # not every body on one day


def test_seed_000_chair_rotates_yearly_for_three_years(lambeth_2019: Store) -> None:
    store = lambeth_2019
    executive = by_code(store)["EXEC"]
    for year in ("2019/20", "2020/21", "2021/22", "2022/23"):
        generate_schedule(store, executive, year)
    meetings = [m for m in list_meetings(store, body_id=executive)
                if START.isoformat() <= m.date < "2022-09-30"]  # fmt: skip
    expected = {"2019": "Lambeth Council", "2020": "Lambeth Clinical Commissioning Group",
                "2021": "Metropolitan Police"}  # fmt: skip
    for m in meetings:
        turn_year = str(m.day.year if m.day >= dt.date(m.day.year, 9, 30) else m.day.year - 1)
        chair = chair_on(store, executive, m.date)
        assert chair is not None and chair.organisation == expected[turn_year], m.date
    assert len(meetings) == 18
    assert membership_summary(store, START).bodies_without_chair == [
        (b.id, b.name) for b in list_bodies(store) if b.code not in ("EXEC", "CDOP")
    ]
    # a month before each handover, Home says so
    soon = attention(store, dt.date(2020, 9, 5))
    items = [i for i in soon if i.area == "Chair"]
    assert [i.title for i in items] == [
        "Partnership Executive: the chair passes to Lambeth Clinical Commissioning Group"
    ]
    assert handovers(store, dt.date(2020, 1, 1), dt.date(2022, 12, 31))[-1].on == dt.date(
        2022, 9, 30
    )


def test_seed_000_a_four_monthly_report_lands_on_every_other_executive_for_ten_years(
    lambeth_2019: Store,
) -> None:
    store = lambeth_2019
    executive = by_code(store)["EXEC"]
    for start in range(2019, 2030):
        generate_schedule(store, executive, FinancialYear(start))
    from lscp_desktop.models.meetings.forward_plan import save_forward_plan

    save_forward_plan(store, {"body_id": executive, "title": "Quarterly audit digest",
                              "every_months": 4, "first_due": "2019-12-10"})  # fmt: skip
    meetings = [m for m in list_meetings(store, body_id=executive) if m.date >= "2019-12-01"]
    due = [
        m
        for m in meetings
        if any(e["title"] == "Quarterly audit digest" for e in forward_plan_due(store, m))
    ]
    assert len(meetings) >= 60  # ten years of a two-monthly executive
    assert due == meetings[::2]  # every other meeting, never drifting
    assert {m.day.month for m in due} == {12, 4, 8}
    # and the subgroups' four-monthly reports the template set up come round the same way
    subgroup_reports = [e for e in list_forward_plan(store, executive) if e.from_body]
    assert len(subgroup_reports) == 5  # three subgroups, the hub and the CDOP's yearly report


def test_seed_000_funding_and_a_budget_only_year_rolled_forward(lambeth_2019: Store) -> None:
    store = lambeth_2019
    loaded = load_funding_table(
        store, "2018/19", contributions=LAMBETH_CONTRIBUTIONS, budget=LAMBETH_BUDGET
    )
    assert loaded.describe() == (
        "Loaded 2018/19: 7 contributions totalling £282,000; 16 budget lines totalling £282,000."
    )
    assert any("via Mayor's Office" in text for text in loaded.matched)  # the Met, not a new one
    assert partners(store).statutory == 3  # "via MOPAC" left three statutory partners
    result = roll_forward(store, "2018/19", today=dt.date(2025, 1, 1))
    assert result.year.opening_reserve == 0  # no invented £282,000
    assert any("No spend is recorded" in a for a in result.assumptions)
    s = summary(store, result.year.id, today=dt.date(2025, 1, 1))
    assert s.closing_reserve == 0  # and 2019/20 does not close at £564,000


# --------------------------------------------------------------------------- seed 002


def test_seed_002_four_partners(store: Store) -> None:
    plan = templates.prepare(
        "four-partners",
        name="Lambeth Safeguarding Children Partnership",
        authorities=["Lambeth"],
        partners=["London Borough of Lambeth", "South East London ICB", "Metropolitan Police"],
    )
    templates.apply(store, plan, today=dt.date(2025, 1, 6))
    counts = meetings_in_year(store, "2025/26")
    assert counts["Quarterly Safeguarding Assurance Group"] == 4
    assert counts["Executive Board"] == 2  # at least twice a year
    assert counts["Partnership Scrutiny Board"] == 4
    subgroups = [b for b in list_bodies(store) if b.kind == "subgroup"]
    assert len(subgroups) == 8
    assert partners(store).describe() == "3 statutory partners + Education"
    education = next(o for o in list_organisations(store) if o.name == "Lambeth Education")
    assert education.kind == "education" and education.safeguarding_partner
    from lscp_desktop.models.membership.partnership import get_partnership

    arrangement = get_partnership(store)
    assert arrangement is not None
    assert arrangement.chair_arrangement == "chaired by a Delegated Safeguarding Partner"
    # a year of contributions published without amounts: shares read "—"
    table = [(o.name, o.kind, 0) for o in list_organisations(store)]
    year = load_funding_table(store, "2024/25", contributions=table).year
    assert {format_share(k.share) for k in shares_by_kind(list_contributions(store, year.id))} == {
        "—"
    }


# --------------------------------------------------------------------------- seed 003


def test_seed_003_three_authorities_and_virtual_members(store: Store) -> None:
    authorities = ["Hammersmith & Fulham", "Kensington and Chelsea", "Westminster"]
    plan = templates.prepare(
        "three-authorities", name="Local Safeguarding Children Partnership",
        authorities=authorities,
    )  # fmt: skip
    templates.apply(store, plan, today=START)
    counts = meetings_in_year(store)
    assert counts["Safeguarding Children Partnership"] == 4
    assert counts["Strategic Planning Group"] == 4
    for la in authorities:
        assert counts[f"{la} Local Group"] == 4
    named = {"Case Review Subgroup", "Learning and Development Subgroup",
             "Safeguarding Adolescents Subgroup", "Quality Assurance Subgroup"}  # fmt: skip
    assert named <= set(counts)
    assert partners(store).statutory == 5  # three councils, the ICB and the police
    # core members come; virtual members receive the papers and are called in when needed
    lscp = by_code(store)["LSCP"]
    orgs = {o.name: o.id for o in list_organisations(store)}
    core = save_person(
        store, {"name": "Core Member", "organisation_id": orgs["Westminster Council"]}
    )
    virtuals = [save_person(store, {"name": f"Virtual {n}"}) for n in
                ("Royal Brompton", "London Fire Brigade", "Cafcass", "NHS England",
                 "Wormwood Scrubs")]  # fmt: skip
    save_membership(store, {"person_id": core, "body_id": lscp, "role": "member",
                            "start_date": START})  # fmt: skip
    for pid in virtuals:
        save_membership(store, {"person_id": pid, "body_id": lscp, "role": "virtual member",
                                "start_date": START})  # fmt: skip
    meetings = list_meetings(store, body_id=lscp)
    for m in meetings:
        assert prepare_register(store, m.id) == 1  # only the core member is expected
    called = call_in(store, meetings[0].id, virtuals[3])  # NHS England, for its assurance report
    set_attendance(store, called, "present")
    fy = FinancialYear.parse(YEAR)
    flagged = follow_up(store, fy.start, fy.end, 75, body_id=lscp)
    assert all("Virtual" not in s.name for s in flagged)
    build_draft_agenda(store, meetings[1].id)
    agenda = [i.title for i in list_items(store, meetings[1].id)]
    assert "Quarterly theme" in agenda and "Strategic Planning Group report" in agenda
