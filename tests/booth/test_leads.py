"""Leads met at the booth, as workflows: one row per company and candidate, idempotent sync,
the shared ticket rule, the role guard, consent, fits by the shortlists' ranking."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from jobfair import access, ranking
from jobfair.booth import leads
from jobfair.candidates import scans
from jobfair.extensions import db
from jobfair.models import Application, BoothLead
from jobfair.models.rules import InvalidValue

from .conftest import scan


def parse(*entries):
    return leads.parse_scans({"scans": list(entries)}, datetime.now(UTC))


def count_leads() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(BoothLead))


def test_a_batch_sent_twice_records_each_meeting_once(booth_fair):
    fair = booth_fair
    batch = parse(*(scan(t.short_code, n) for n, t in enumerate(fair.tickets[:3])))
    first = leads.sync(fair.event, fair.recruiter, batch)
    db.session.commit()
    assert [result for _scan, result, _lead in first] == ["recorded"] * 3
    again = leads.sync(fair.event, fair.staff, batch)
    db.session.commit()
    assert [result for _scan, result, _lead in again] == ["already"] * 3
    assert count_leads() == 3
    lead = db.session.scalar(sa.select(BoothLead).where(BoothLead.client_id == "device-a-0000"))
    assert lead.met_by_id == fair.recruiter.id and lead.organization_id == fair.company.id


def test_a_second_scan_of_the_same_ticket_keeps_one_row_with_the_earliest_meeting(booth_fair):
    fair = booth_fair
    ticket = fair.tickets[0]
    # A typed code with a dash (the ticket page shows it so), then the QR's token, earlier.
    later = scan(f"{ticket.short_code[:4]}-{ticket.short_code[4:]}".lower(), 1, minutes=20)
    earlier = {**scan(ticket.ticket_token, 2, minutes=5), "id": "device-b-0001"}
    assert leads.sync(fair.event, fair.recruiter, parse(later))[0][1] == "recorded"
    ((_, result, lead),) = leads.sync(fair.event, fair.staff, parse(earlier))
    db.session.commit()
    assert result == "already" and count_leads() == 1
    assert lead.met_at == datetime.fromisoformat(earlier["at"]) and lead.met_by_id == fair.staff.id
    # Another company meeting the same candidate has its own lead.
    other = {**scan(ticket.short_code, 3), "id": "angkor-000001"}
    assert leads.sync(fair.event, fair.other_recruiter, parse(other))[0][1] == "recorded"
    assert count_leads() == 2


def test_unknown_tickets_other_fairs_and_times_outside_the_fair_are_not_recorded(
    booth_fair, create_event
):
    fair = booth_fair
    elsewhere = create_event(
        name="Siem Reap fair", starts_on=fair.event.starts_on, ends_on=fair.event.ends_on
    )
    outside = {**scan(fair.tickets[0].short_code, 1), "at": "2020-01-01T09:00:00+07:00"}
    results = leads.sync(
        fair.event, fair.recruiter, parse(scan("ZZZZZZZZ", 2), scan("not a ticket", 3), outside)
    )
    assert [r for _s, r, _l in results] == ["unknown", "unknown", "refused"]
    assert (
        leads.sync(elsewhere, fair.recruiter, parse(scan(fair.tickets[0].short_code, 4)))[0][1]
        == "unknown"
    )
    assert count_leads() == 0


def test_one_company_cannot_claim_another_companys_scan_id(booth_fair):
    fair = booth_fair
    batch = parse(scan(fair.tickets[0].short_code, 1))
    leads.sync(fair.event, fair.recruiter, batch)
    assert leads.sync(fair.event, fair.other_recruiter, batch)[0][1] == "unknown"
    assert count_leads() == 1


@pytest.mark.parametrize(
    "payload",
    [
        None,
        {"scans": "no"},
        {"scans": [{"id": "short", "code": "X", "at": "2026-01-01T00:00:00Z"}]},
        {"scans": [{"id": "device-a-0001", "code": "X", "at": "2026-01-01T00:00:00"}]},
        {"scans": [{"id": "device-a-0001", "code": "", "at": "2026-01-01T00:00:00Z"}]},
        {"scans": [{"id": "device-a-0001", "code": "X"}]},
    ],
)
def test_parsing_refuses_what_is_not_a_list_of_scans(payload):
    with pytest.raises(leads.SyncError):
        leads.parse_scans(payload, datetime.now(UTC))


def test_a_device_clock_ahead_is_held_to_now():
    now = datetime.now(UTC)
    ahead = (now + timedelta(days=2)).isoformat()
    (parsed,) = leads.parse_scans(
        {"scans": [{"id": "device-a-0001", "code": "X", "at": ahead}]}, now
    )
    assert parsed.at == now


def test_the_rating_is_1_to_4_in_the_model_and_in_the_database(booth_fair):
    fair = booth_fair
    ((_, _, lead),) = leads.sync(
        fair.event, fair.recruiter, parse(scan(fair.tickets[0].short_code, 1))
    )
    with pytest.raises(InvalidValue):
        lead.rating = 5
    db.session.commit()
    with pytest.raises(IntegrityError):
        db.session.execute(sa.update(BoothLead).values(rating=0))
    db.session.rollback()


def test_tags_are_short_and_distinct(booth_fair):
    fair = booth_fair
    ((_, _, lead),) = leads.sync(
        fair.event, fair.recruiter, parse(scan(fair.tickets[0].short_code, 1))
    )
    lead.tags = ["Welding", " welding ", "", "夜勤OK", "x" * 50]
    assert lead.tags == ["Welding", "夜勤OK", "x" * 30]
    with pytest.raises(InvalidValue):
        lead.tags = [f"t{n}" for n in range(9)]


def test_the_role_must_be_the_companys_role_at_the_fair(booth_fair):
    fair = booth_fair
    ((_, _, lead),) = leads.sync(
        fair.event, fair.recruiter, parse(scan(fair.tickets[0].short_code, 1))
    )
    with pytest.raises(leads.BoothError):
        leads.update_lead(lead, rating=3, note="", tags=[], role=fair.other_role)
    leads.update_lead(lead, rating=3, note=" Good welder ", tags=["N4"], role=fair.role)
    db.session.commit()
    assert (lead.rating, lead.note, lead.tags, lead.role_id) == (
        3,
        "Good welder",
        ["N4"],
        fair.role.id,
    )
    # The database refuses it too, whoever writes: the key is (role, fair, company).
    with pytest.raises(IntegrityError):
        db.session.execute(
            sa.update(BoothLead).where(BoothLead.id == lead.id).values(role_id=fair.other_role.id)
        )
    db.session.rollback()


def test_fits_come_from_the_shortlists_ranking_for_open_roles_only(booth_fair):
    fair = booth_fair
    ((_, _, lead),) = leads.sync(
        fair.event, fair.recruiter, parse(scan(fair.tickets[0].short_code, 1))
    )
    found = leads.fits(lead)
    assert [fit.role.id for fit in found] == [fair.role.id]  # the closed role is not
    ranked = found[0].ranked
    expected = ranking.shortlist(fair.role, candidate_ids=[lead.candidate_id])[0]
    assert (ranked.score, ranked.explanation["band"]) == (
        expected.score,
        expected.explanation["band"],
    )


def test_without_consent_the_meeting_is_kept_but_no_profile_or_fit(booth_fair):
    fair = booth_fair
    batch = parse(scan(fair.private_ticket.short_code, 1))
    ((_, result, lead),) = leads.sync(fair.event, fair.recruiter, batch)
    assert result == "recorded"
    assert not access.lead_shows_profile(lead)
    assert leads.fits(lead) == []
    with pytest.raises(leads.BoothError):
        leads.add_to_pipeline(lead, fair.role, fair.recruiter)


def test_recruiters_add_a_lead_to_a_pipeline_booth_staff_cannot(booth_fair):
    fair = booth_fair
    ((_, _, lead),) = leads.sync(fair.event, fair.staff, parse(scan(fair.tickets[0].short_code, 1)))
    with pytest.raises(leads.BoothError):
        leads.add_to_pipeline(lead, fair.role, fair.staff)
    application = leads.add_to_pipeline(lead, fair.role, fair.recruiter)
    db.session.commit()
    assert application.status == "shortlisted" and lead.role_id == fair.role.id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 1


def test_the_list_filters_by_tag_and_rating_and_hides_withdrawn_leads(booth_fair):
    fair = booth_fair
    done = leads.sync(
        fair.event,
        fair.recruiter,
        parse(*(scan(t.short_code, n) for n, t in enumerate(fair.tickets))),
    )
    first, second, third = (lead for _s, _r, lead in done[:3])
    leads.update_lead(first, rating=4, note="", tags=["N4", "welding"], role=None)
    leads.update_lead(second, rating=2, note="", tags=["n4"], role=None)
    db.session.commit()
    org = fair.company.id
    assert {lead.id for lead in leads.leads(org, fair.event, tag="N4")} == {first.id, second.id}
    assert [lead.id for lead in leads.leads(org, fair.event, rating=4)] == [first.id]
    assert [t.casefold() for t in leads.tags_in_use(org, fair.event)] == ["n4", "welding"]
    scans.withdraw(third)
    db.session.commit()
    assert third.id not in {lead.id for lead in leads.leads(org, fair.event)}
    assert len(leads.leads(fair.other_company.id, fair.event)) == 0


def test_a_withdrawn_lead_stays_withdrawn_when_scanned_again(booth_fair):
    fair = booth_fair
    ticket = fair.tickets[0]
    ((_, _, lead),) = leads.sync(fair.event, fair.recruiter, parse(scan(ticket.short_code, 1)))
    leads.update_lead(lead, rating=4, note="great", tags=["N4"], role=fair.role)
    assert scans.scans_of(ticket.candidate) == [lead]
    scans.withdraw(lead)
    db.session.commit()
    assert (lead.rating, lead.note, lead.tags, lead.role_id) == (None, "", [], None)
    assert scans.scans_of(ticket.candidate) == []
    again = parse(
        {**scan(ticket.ticket_token, 2), "id": "device-c-0002"}, scan(ticket.short_code, 1)
    )
    assert [r for _s, r, _l in leads.sync(fair.event, fair.recruiter, again)] == ["withdrawn"] * 2


def test_a_company_that_left_the_fair_sees_no_leads(booth_fair):
    fair = booth_fair
    leads.sync(fair.event, fair.recruiter, parse(scan(fair.tickets[0].short_code, 1)))
    db.session.commit()
    assert len(leads.leads(fair.company.id, fair.event)) == 1
    exhibitor = access.exhibitor_of(fair.event.id, fair.company.id)
    exhibitor.status = "withdrawn"
    db.session.commit()
    assert leads.leads(fair.company.id, fair.event) == []
