"""Segments: who an organizer's follow-up or survey reaches (jobfair/organizers/segments.py)."""

import pytest

from jobfair.extensions import db
from jobfair.models import (
    Application,
    BoothLead,
    Exhibitor,
    ExhibitorStatus,
    Registration,
    Role,
    UserRole,
)
from jobfair.models.base import utcnow
from jobfair.organizers import segments
from jobfair.organizers.segments import Segment


@pytest.fixture
def fair(create_event, create_user, create_organization):
    event = create_event()
    other_event = create_event(name="Another fair")
    people = {
        "sokha": create_user(
            profile={
                "province": "phnom_penh",
                "programs": ["ssw"],
                "languages": ["Japanese N4"],
                "wanted_sectors": ["care"],
            }
        ),
        "dara": create_user(
            profile={
                "province": "siem_reap",
                "programs": ["technical_intern"],
                "languages": ["Japanese N5"],
                "wanted_sectors": ["construction"],
            }
        ),
        "vanna": create_user(
            profile={"province": "phnom_penh", "programs": ["local"], "languages": ["English B1"]}
        ),
        "away": create_user(profile={"province": "phnom_penh"}),
        "quiet": create_user(profile={"province": "phnom_penh", "languages": ["Japanese N3"]}),
    }
    for name, user in people.items():
        event_id = other_event.id if name == "away" else event.id
        db.session.add(Registration(event_id=event_id, candidate_id=user.profile.id))
    db.session.flush()
    for name in ("sokha", "quiet"):
        registration = db.session.scalar(
            db.select(Registration).filter_by(candidate_id=people[name].profile.id)
        )
        registration.checked_in_at = utcnow()
    people["quiet"].follow_ups_opted_out_at = utcnow()
    approved = create_organization(name="Kaigo Japan")
    rejected = create_organization(name="Turned away Ltd")
    shown = Exhibitor(event_id=event.id, organization_id=approved.id)
    shown.status = ExhibitorStatus.APPROVED
    refused = Exhibitor(event_id=event.id, organization_id=rejected.id)
    refused.status = ExhibitorStatus.REJECTED
    db.session.add_all([shown, refused])
    recruiter = create_user(UserRole.EMPLOYER, organization=approved)
    create_user(UserRole.EMPLOYER, organization=rejected)
    role = Role(
        event=event,
        organization=approved,
        title="Care worker (SSW)",
        sector="care",
        location="Japan - Osaka",
        program="ssw",
        required_skills=["elderly care"],
    )
    db.session.add(role)
    db.session.flush()
    db.session.add(Application(role_id=role.id, candidate_id=people["sokha"].profile.id))
    db.session.add(
        BoothLead(
            event_id=event.id,
            organization_id=approved.id,
            candidate_id=people["vanna"].profile.id,
            met_at=utcnow(),
            client_id="scan-1",
        )
    )
    db.session.commit()
    return {"event": event, "people": people, "exhibitor": shown, "recruiter": recruiter}


def names(fair, segment) -> set[str]:
    by_id = {user.id: name for name, user in fair["people"].items()}
    by_id[fair["recruiter"].id] = "recruiter"
    return {by_id.get(user.id, f"user {user.id}") for user in segments.people(segment)}


def test_registered_candidates_of_this_fair_who_did_not_opt_out(fair):
    event_id = fair["event"].id
    assert names(fair, Segment(event_id)) == {"sokha", "dara", "vanna"}


def test_attendance(fair):
    event_id = fair["event"].id
    assert names(fair, Segment(event_id, attendance="checked_in")) == {"sokha"}
    assert names(fair, Segment(event_id, attendance="not_checked_in")) == {"dara", "vanna"}


def test_profile_filters(fair):
    event_id = fair["event"].id
    assert names(fair, Segment(event_id, province="phnom_penh")) == {"sokha", "vanna"}
    assert names(fair, Segment(event_id, programme="technical_intern")) == {"dara"}
    assert names(fair, Segment(event_id, sector="care")) == {"sokha"}
    assert names(fair, Segment(event_id, japanese_at_least="N5")) == {"sokha", "dara"}
    assert names(fair, Segment(event_id, japanese_at_least="N4")) == {"sokha"}
    assert names(fair, Segment(event_id, japanese_at_least="N3")) == set()


def test_an_exhibitor_reaches_who_applied_or_was_met_at_its_booth(fair):
    segment = Segment(fair["event"].id, exhibitor_id=fair["exhibitor"].id)
    assert names(fair, segment) == {"sokha", "vanna"}


def test_employers_are_recruiters_of_approved_exhibitors_only(fair):
    assert names(fair, Segment(fair["event"].id, audience="employers")) == {"recruiter"}


def test_count_is_the_list_and_the_record_round_trips(app, fair):
    segment = Segment(fair["event"].id, attendance="checked_in", japanese_at_least="N4")
    assert segments.count(segment) == len(segments.people(segment)) == 1
    assert Segment.from_dict(segment.to_dict()) == segment
    with app.test_request_context():
        assert "N4" in segments.describe(segment)


def test_unknown_values_are_refused():
    with pytest.raises(ValueError):
        Segment(1, attendance="maybe")
    with pytest.raises(ValueError):
        Segment(1, japanese_at_least="N9")
