"""The booth pages over HTTP: who may scan, see and change which lead; the sync endpoint;
the candidate's list of companies that scanned their ticket, and withdrawing."""

import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import Application, BoothLead
from tests.conftest import PASSWORD

from .conftest import scan


def log_in(client, user):
    response = client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    assert response.status_code == 302


def sync(client, event, *entries):
    return client.post(f"/booth/events/{event.id}/sync", json={"scans": list(entries)})


def test_sync_answers_each_scan_and_twice_changes_nothing(client, booth_fair):
    fair = booth_fair
    log_in(client, fair.recruiter)
    batch = [scan(t.short_code, n) for n, t in enumerate(fair.tickets[:2])]
    batch.append(scan(fair.private_ticket.short_code, 9))
    first = sync(client, fair.event, *batch).get_json()["results"]
    assert [r["result"] for r in first] == ["recorded"] * 3
    assert first[0]["name"] == "Chan Dara" and first[0]["fits"][0]["role"] == "Welder (SSW)"
    assert first[0]["fits"][0]["band"] in {"strong", "good", "partial"}
    # Without consent: the meeting is recorded, nothing of the candidate comes back.
    assert first[2]["private"] is True and "name" not in first[2] and "fits" not in first[2]
    again = sync(client, fair.event, *batch).get_json()["results"]
    assert [r["result"] for r in again] == ["already"] * 3
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BoothLead)) == 3
    assert sync(client, fair.event, {"id": "x"}).status_code == 400


def test_a_withdrawn_exhibitor_can_scan_nothing(client, booth_fair):
    fair = booth_fair
    log_in(client, fair.gone_recruiter)
    assert client.get(f"/booth/events/{fair.event.id}/scan").status_code == 403
    assert sync(client, fair.event, scan(fair.tickets[0].short_code, 1)).status_code == 403
    assert client.get(f"/booth/events/{fair.event.id}/leads").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BoothLead)) == 0
    page = client.get("/booth/").get_data(as_text=True)
    assert "not approved for this fair" in page


def test_a_company_that_does_not_exhibit_gets_404(client, booth_fair, create_event):
    fair = booth_fair
    elsewhere = create_event(name="Other fair")
    log_in(client, fair.recruiter)
    assert client.get(f"/booth/events/{elsewhere.id}/scan").status_code == 404
    assert sync(client, elsewhere, scan(fair.tickets[0].short_code, 1)).status_code == 404


def test_another_companys_lead_is_404(client, booth_fair):
    fair = booth_fair
    log_in(client, fair.other_recruiter)
    sync(client, fair.event, {**scan(fair.tickets[1].short_code, 1), "id": "angkor-00000001"})
    theirs = db.session.scalar(sa.select(BoothLead.id))
    client.post("/auth/logout")
    log_in(client, fair.recruiter)
    assert client.get(f"/booth/leads/{theirs}").status_code == 404
    assert client.post(f"/booth/leads/{theirs}", data={"rating": "1"}).status_code == 404
    assert (
        client.post(f"/booth/leads/{theirs}/pipeline", data={"role_id": fair.role.id}).status_code
        == 404
    )
    page = client.get(f"/booth/events/{fair.event.id}/leads").get_data(as_text=True)
    assert fair.tickets[1].candidate.full_name not in page


def test_the_team_rates_notes_and_tags_a_lead_and_filters_the_list(client, booth_fair):
    fair = booth_fair
    log_in(client, fair.staff)
    sync(
        client, fair.event, scan(fair.tickets[0].short_code, 1), scan(fair.tickets[1].short_code, 2)
    )
    first = db.session.scalar(sa.select(BoothLead).order_by(BoothLead.id))
    response = client.post(
        f"/booth/leads/{first.id}",
        data={
            "rating": "4",
            "note": "溶接の経験あり",
            "tags": "N4, welding",
            "role_id": str(fair.role.id),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert (first.rating, first.note, first.tags, first.role_id) == (
        4,
        "溶接の経験あり",
        ["N4", "welding"],
        fair.role.id,
    )
    assert 'value="N4, welding"' in client.get(f"/booth/leads/{first.id}").get_data(as_text=True)
    # Another company's role is not among the choices: refused.
    refused = client.post(
        f"/booth/leads/{first.id}", data={"rating": "1", "role_id": str(fair.other_role.id)}
    )
    assert refused.status_code == 200
    db.session.expire_all()
    assert first.rating == 4
    listed = client.get(f"/booth/events/{fair.event.id}/leads?tag=welding").get_data(as_text=True)
    assert "Chan Dara" in listed and "Sok Sreymom" not in listed
    assert "溶接の経験あり" in listed
    assert client.get(f"/booth/events/{fair.event.id}/leads?rating=4").status_code == 200


def test_booth_staff_cannot_add_to_a_pipeline_or_open_profiles(client, booth_fair):
    fair = booth_fair
    log_in(client, fair.staff)
    sync(client, fair.event, scan(fair.tickets[0].short_code, 1))
    lead = db.session.scalar(sa.select(BoothLead))
    page = client.get(f"/booth/leads/{lead.id}").get_data(as_text=True)
    assert (
        "Add to pipeline" not in page and f"/employer/roles/{fair.role.id}/candidates" not in page
    )
    assert (
        client.post(f"/booth/leads/{lead.id}/pipeline", data={"role_id": fair.role.id}).status_code
        == 403
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 0


def test_a_recruiter_adds_a_lead_to_a_pipeline_in_one_step(client, booth_fair):
    fair = booth_fair
    log_in(client, fair.recruiter)
    sync(client, fair.event, scan(fair.tickets[0].short_code, 1))
    lead = db.session.scalar(sa.select(BoothLead))
    page = client.get(f"/booth/leads/{lead.id}").get_data(as_text=True)
    assert (
        "Add to pipeline" in page
        and f"/employer/roles/{fair.role.id}/candidates/{lead.candidate_id}" in page
    )
    response = client.post(f"/booth/leads/{lead.id}/pipeline", data={"role_id": fair.role.id})
    assert response.status_code == 302
    application = db.session.scalar(sa.select(Application))
    assert (application.role_id, application.candidate_id, application.status) == (
        fair.role.id, lead.candidate_id, "shortlisted",
    )  # fmt: skip
    # A closed role or another company's role is not a choice.
    for role in (fair.closed_role, fair.other_role):
        assert (
            client.post(f"/booth/leads/{lead.id}/pipeline", data={"role_id": role.id}).status_code
            == 400
        )


def test_a_lead_without_consent_shows_no_profile_and_says_why(client, booth_fair):
    fair = booth_fair
    log_in(client, fair.recruiter)
    sync(client, fair.event, scan(fair.private_ticket.short_code, 1))
    lead = db.session.scalar(sa.select(BoothLead))
    page = client.get(f"/booth/leads/{lead.id}").get_data(as_text=True)
    assert "Private Person" not in page and "has not agreed to show their profile" in page
    assert "Add to pipeline" not in page
    listed = client.get(f"/booth/events/{fair.event.id}/leads").get_data(as_text=True)
    assert "Private Person" not in listed and "Profile not shared" in listed
    assert (
        client.post(f"/booth/leads/{lead.id}/pipeline", data={"role_id": fair.role.id}).status_code
        == 302
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 0


def test_the_candidate_sees_who_scanned_them_and_withdraws(client, booth_fair):
    fair = booth_fair
    ticket = fair.tickets[0]
    log_in(client, fair.recruiter)
    sync(client, fair.event, scan(ticket.short_code, 1))
    lead = db.session.scalar(sa.select(BoothLead))
    client.post("/auth/logout")
    log_in(client, ticket.candidate.user)
    page = client.get("/me/booth-scans")
    assert "Sakura Kogyo" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    withdrawn = client.post(f"/me/booth-scans/{lead.id}/withdraw", follow_redirects=True)
    assert "Sakura Kogyo can no longer see" in withdrawn.get_data(as_text=True)
    assert "Sakura Kogyo" not in client.get("/me/booth-scans").get_data(as_text=True)
    client.post("/auth/logout")
    log_in(client, fair.recruiter)
    assert client.get(f"/booth/leads/{lead.id}").status_code == 404
    assert "Chan Dara" not in client.get(f"/booth/events/{fair.event.id}/leads").get_data(
        as_text=True
    )


def test_a_candidate_cannot_withdraw_someone_elses_scan(client, booth_fair):
    fair = booth_fair
    log_in(client, fair.recruiter)
    sync(client, fair.event, scan(fair.tickets[0].short_code, 1))
    lead = db.session.scalar(sa.select(BoothLead))
    client.post("/auth/logout")
    log_in(client, fair.tickets[1].candidate.user)
    assert client.post(f"/me/booth-scans/{lead.id}/withdraw").status_code == 404
    db.session.expire_all()
    assert lead.withdrawn_at is None


def test_the_scanner_and_its_worker_answer_and_the_list_is_not_cached(client, booth_fair):
    fair = booth_fair
    log_in(client, fair.staff)
    assert client.get(f"/booth/events/{fair.event.id}/scan").status_code == 200
    worker = client.get("/booth/sw.js")
    assert worker.status_code == 200 and "jobfair-booth-v1" in worker.get_data(as_text=True)
    assert client.get(f"/booth/events/{fair.event.id}/token.json").get_json()["csrf"]
    assert client.get(f"/booth/events/{fair.event.id}/leads").headers["Cache-Control"] == "no-store"


def test_the_candidates_data_lists_booth_scans_and_erasure_removes_them(client, booth_fair):
    from jobfair.candidates import data_rights

    fair = booth_fair
    ticket = fair.tickets[0]
    log_in(client, fair.recruiter)
    sync(client, fair.event, scan(ticket.short_code, 1))
    user = ticket.candidate.user
    (entry,) = data_rights.export_data(user)["booth_scans"]
    assert entry["company"] == "Sakura Kogyo" and entry["withdrawn_at"] is None
    data_rights.erase_candidate(user)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BoothLead)) == 0


def test_meeting_at_the_booth_does_not_lift_blind_review(client, booth_fair):
    fair = booth_fair
    fair.role.blind_review = True
    db.session.commit()
    log_in(client, fair.recruiter)
    sync(client, fair.event, scan(fair.tickets[0].short_code, 1))
    lead = db.session.scalar(sa.select(BoothLead))
    candidate_page = f"/employer/roles/{fair.role.id}/candidates/{lead.candidate_id}"
    page = client.get(f"/booth/leads/{lead.id}").get_data(as_text=True)
    assert "Strong fit" in page or "Good fit" in page or "Partial fit" in page
    assert candidate_page not in page
    client.post(f"/booth/leads/{lead.id}/pipeline", data={"role_id": fair.role.id})
    assert candidate_page not in client.get(f"/booth/leads/{lead.id}").get_data(as_text=True)
    # Without blind review the recruiter opens the role's page of the candidate.
    fair.role.blind_review = False
    db.session.commit()
    assert candidate_page in client.get(f"/booth/leads/{lead.id}").get_data(as_text=True)
