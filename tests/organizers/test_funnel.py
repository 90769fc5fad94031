"""The hiring funnel: each step's definition on a hand-built fair, breakdowns, comparison."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from jobfair.extensions import db
from jobfair.models import (
    Application,
    BoothLead,
    Departure,
    Exhibitor,
    Offer,
    Registration,
    Role,
    StatusChange,
    UserRole,
)
from jobfair.models.base import utcnow
from jobfair.organizers import funnel

TODAY = date(2026, 12, 7)


@dataclass
class Fair:
    event: object
    people: dict
    companies: dict


def _role(event, organization, program):
    role = Role(
        event=event,
        organization=organization,
        title=f"Role of {organization.name}",
        sector="manufacturing",
        location="Phnom Penh",
        program=program,
        currency="USD",
    )
    db.session.add(role)
    return role


def _apply(role, person, status, *, by_candidate=True, history=()):
    application = Application(
        role=role, candidate=person.profile, status=status, applied_by_candidate=by_candidate
    )
    db.session.add(application)
    before = None
    for step in history or ("new", status):
        db.session.add(StatusChange(application=application, from_status=before, to_status=step))
        before = step
    return application


def _offer(application, status):
    offer = Offer(
        application=application,
        role_id=application.role.id,
        salary=300,
        currency="USD",
        starts_on=TODAY,
        status=status,
    )
    db.session.add(offer)
    return offer


@pytest.fixture
def fair(app, create_user, create_event, create_organization):
    """Nine registered candidates (c1 … c9), one who never registered (c10), two approved
    companies (A, B) and a rejected one (R)."""
    event = create_event(starts_on=TODAY - timedelta(days=30), ends_on=TODAY - timedelta(days=29))
    companies = {}
    for name, status in (("A", "approved"), ("B", "approved"), ("R", "rejected")):
        organization = create_organization(name=f"Company {name}")
        db.session.add(
            Exhibitor(event=event, organization=organization, status=status, booth_code=name + "1")
        )
        companies[name] = organization
    provinces = ["Kandal", "Kandal", "Takeo", "Takeo", "Kandal", "", "Takeo", "Kandal", "Kandal"]
    genders = ["female", "male", "female", "female", "male", "female", None, "male", "female"]
    people = {}
    for n in range(1, 11):
        profile = {"province": provinces[n - 1] if n < 10 else "Kandal"}
        profile["gender"] = genders[n - 1] if n < 10 else "male"
        profile["programs"] = ["ssw", "local"] if n % 2 else ["local"]
        profile["consent_at"] = utcnow()
        people[n] = create_user(role=UserRole.CANDIDATE, profile=profile)
    checked = {1, 2, 3, 5, 7, 8, 9}
    for n in range(1, 10):
        db.session.add(
            Registration(
                event=event,
                candidate=people[n].profile,
                source="walk_in" if n == 8 else "online",
                checked_in_at=utcnow() if n in checked else None,
            )
        )
    role_a = _role(event, companies["A"], "ssw")
    role_b = _role(event, companies["B"], "local")
    role_r = _role(event, companies["R"], "ssw")
    db.session.flush()
    # c1: met at A's booth only (no role named).
    db.session.add(
        BoothLead(
            event=event,
            organization=companies["A"],
            candidate=people[1].profile,
            met_at=utcnow(),
            client_id="lead-c1",
        )
    )
    # c2: applied to A and was interviewed.
    _apply(role_a, people[2], "interviewed", history=("new", "invited", "interviewed"))
    # c3: hired by A, left for Japan yesterday.
    hired = _apply(role_a, people[3], "hired", history=("new", "interviewed", "offered", "hired"))
    _offer(hired, "accepted")
    db.session.add(Departure(application=hired, departed_on=TODAY - timedelta(days=1)))
    # c4: never checked in; applied to B online, offered, the offer withdrawn, not selected.
    ended = _apply(
        role_b, people[4], "rejected", history=("new", "interviewed", "offered", "rejected")
    )
    _offer(ended, "withdrawn")
    # c5: hired by the rejected company R: counts nowhere past check-in.
    _offer(_apply(role_r, people[5], "hired"), "accepted")
    db.session.add(BoothLead(event=event, organization=companies["R"],
                             candidate=people[5].profile, met_at=utcnow(), client_id="lead-c5"))  # fmt: skip
    # c6: registered only.  c7: put on A's shortlist by the company, never contacted.
    _apply(role_a, people[7], "shortlisted", by_candidate=False)
    # c8: a walk-in hired by B (departure planned, no date yet); not selected at A after
    # the invitation.
    hired_b = _apply(role_b, people[8], "hired", history=("new", "interviewed", "offered", "hired"))
    _offer(hired_b, "accepted")
    db.session.add(Departure(application=hired_b, departed_on=None))
    _apply(role_a, people[8], "rejected", by_candidate=False, history=("invited", "rejected"))
    # c9: not selected at A after the interview.
    _apply(role_a, people[9], "rejected", history=("new", "interviewed", "rejected"))
    # c10: an application without a registration is not part of the fair's funnel.
    _apply(role_a, people[10], "interviewed")
    db.session.commit()
    return Fair(event, people, companies)


def counts(line):
    return dict(zip(funnel.STEPS, line.counts, strict=True))


def test_each_step_counts_the_candidates_who_reached_it(fair):
    result = funnel.compute(fair.event, as_of=TODAY)
    assert counts(result.total) == {
        "registered": 9,
        "checked_in": 7,
        "engaged": 6,  # c1 c2 c3 c4 c8 c9: not c5 (rejected company) nor c7 (shortlist only)
        "interviewed": 5,  # c2 c3 c4 c8 c9: c8's hire implies the interview
        "offered": 3,  # c3 c4 (withdrawn offer) c8
        "hired": 2,
        "departed": 1,
    }


def test_drops_are_the_people_who_went_no_further(fair):
    total = funnel.compute(fair.event, as_of=TODAY).total
    drops = dict(zip(funnel.STEPS, total.drops, strict=True))
    assert drops == {
        "registered": None,
        "checked_in": 2,  # c4 c6
        "engaged": 2,  # c5 c7 checked in and met no approved company
        "interviewed": 1,  # c1
        "offered": 2,  # c2 c9
        "hired": 1,  # c4
        "departed": 1,  # c8
    }
    assert total.drop_percent(funnel.STEPS.index("hired")) == pytest.approx(100 / 3)
    # c4 applied online and never came to the door: counted, and said so.
    outside = dict(zip(funnel.STEPS, total.not_checked_in, strict=True))
    assert outside["engaged"] == outside["offered"] == 1 and outside["hired"] == 0


def test_departed_needs_a_date_that_has_passed(fair):
    earlier = funnel.compute(fair.event, as_of=TODAY - timedelta(days=2))
    assert counts(earlier.total)["departed"] == 0
    assert counts(earlier.total)["hired"] == 2


def test_exhibitors_are_the_approved_ones_from_the_first_company_step(fair):
    lines = funnel.compute(fair.event, as_of=TODAY).breakdowns["exhibitor"]
    assert [ln.key for ln in lines] == ["Company A (A1)", "Company B (B1)"]
    company_a, company_b = lines
    assert company_a.counts[:2] == [None, None]
    assert counts(company_a) == {
        "registered": None, "checked_in": None, "engaged": 5, "interviewed": 3, "offered": 1,
        "hired": 1, "departed": 1,
    }  # fmt: skip
    assert company_b.counts[2:] == [2, 2, 2, 1, 0]
    assert company_a.drops[2] is None and company_a.drops[3] == 2


def test_province_and_gender_add_up_to_the_total(fair):
    result = funnel.compute(fair.event, as_of=TODAY)
    for name in ("province", "gender"):
        lines = result.breakdowns[name]
        for step in range(len(funnel.STEPS)):
            assert sum(ln.counts[step] for ln in lines) == result.total.counts[step], (name, step)
    provinces = {ln.key: ln.counts for ln in result.breakdowns["province"]}
    assert provinces["unknown"][0] == 1  # c6 gave no province
    assert provinces["Takeo"] == [3, 2, 2, 2, 2, 1, 1]  # c3 c4 c7
    genders = [ln.key for ln in result.breakdowns["gender"]]
    assert genders == ["female", "male", "unknown"]


def test_programmes_before_and_after_applying(fair):
    lines = {ln.key: ln for ln in funnel.compute(fair.event, as_of=TODAY).breakdowns["programme"]}
    # Wanted: odd-numbered candidates want ssw (c1 c3 c5 c7 c9), everyone wants local.
    assert lines["ssw"].counts[:2] == [5, 5]
    assert lines["local"].counts[:2] == [9, 7]
    # Roles: A's role is ssw (c2 c3 c8 c9), B's is local (c4 c8); c1 met A with no role.
    assert lines["ssw"].counts[2:] == [4, 3, 1, 1, 1]
    assert lines["local"].counts[2:] == [2, 2, 2, 1, 0]
    assert lines[funnel.NO_ROLE].counts == [None, None, 1, 0, 0, 0, 0]
    assert lines["ssw"].drops[2] is None  # wanted → role: not the same people


def test_comparison_puts_older_fairs_first(fair, create_event, create_user):
    later = create_event(name="Next year's fair")
    person = create_user(role=UserRole.CANDIDATE)
    db.session.add(Registration(event=later, candidate=person.profile, checked_in_at=utcnow()))
    db.session.commit()
    funnels = funnel.compare([later, fair.event], as_of=TODAY)
    assert [f.event.id for f in funnels] == [fair.event.id, later.id]
    assert counts(funnels[1].total)["checked_in"] == 1
    assert counts(funnels[0].total)["registered"] == 9
