"""Who may open which employer URL: every `employers.` endpoint × every kind of user.

The URL list comes from the app's url_map, so a new employer URL without a row here
fails `test_every_employer_url_is_in_the_matrix`.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from flask import url_for

from jobfair import rirekisho
from jobfair.candidates import profile as candidate_profile
from jobfair.demo.cvs import cv_pdf
from jobfair.employers import company, webhooks
from jobfair.extensions import db
from jobfair.models import Application, ApplicationStatus, Interview, Offer, SavedView

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 17
GUESS = 999_999


@dataclass
class Row:
    method: str
    kwargs: object  # fair -> url arguments
    own: int  # the status a recruiter of the owning company gets
    other: int = 404  # a recruiter of another company
    data: dict = field(default_factory=dict)
    guess: str | None = None  # the argument replaced by an unknown id (→ 404)


def CANDIDATE(f):  # noqa: N802 - used like the lambdas beside it
    return {"role_id": f.role.id, "candidate_id": f.candidate.profile.id}


MATRIX = {
    "employers.dashboard": Row("GET", lambda f: {}, 200, other=200),
    "employers.edit_company": Row("GET", lambda f: {}, 200, other=200),
    "employers.show_logo": Row("GET", lambda f: {}, 200, other=404),  # the other has no logo
    "employers.show_team": Row("GET", lambda f: {}, 200, other=200),
    "employers.invite_colleague": Row("POST", lambda f: {}, 200, other=200),
    "employers.new_role": Row("GET", lambda f: {}, 200, other=200),
    "employers.show_role": Row("GET", lambda f: {"role_id": f.role.id}, 200, guess="role_id"),
    "employers.edit_role": Row("GET", lambda f: {"role_id": f.role.id}, 200, guess="role_id"),
    "employers.copy_role": Row("POST", lambda f: {"role_id": f.role.id}, 302, guess="role_id"),
    "employers.set_role_status": Row(
        "POST", lambda f: {"role_id": f.role.id}, 302, data={"status": "closed"}, guess="role_id"
    ),
    "employers.show_shortlist": Row("GET", lambda f: {"role_id": f.role.id}, 200, guess="role_id"),
    "employers.shortlist_candidate": Row(
        "POST",
        lambda f: {"role_id": f.role.id, "candidate_id": f.extra.profile.id},
        302,
        guess="candidate_id",
    ),
    "employers.show_pipeline": Row("GET", lambda f: {"role_id": f.role.id}, 200, guess="role_id"),
    "employers.export_role": Row(
        "GET",
        lambda f: {"role_id": f.role.id, "kind": "pipeline", "fmt": "csv"},
        200,
        guess="role_id",
    ),
    "employers.show_application": Row(
        "GET", lambda f: {"application_id": f.application.id}, 200, guess="application_id"
    ),
    # Rejection is not a status step any more: it asks for a reason and a confirmation.
    "employers.change_status": Row(
        "POST",
        lambda f: {"application_id": f.application.id},
        400,
        data={"status-status": "rejected"},
        guess="application_id",
    ),
    "employers.reject_application": Row(
        "POST",
        lambda f: {"application_id": f.application.id},
        302,
        data={"reject-reason": "Needs N3.", "reject-confirm": "y"},
        guess="application_id",
    ),
    "employers.invite_walk_up": Row(
        "POST", lambda f: {"application_id": f.application.id}, 302, guess="application_id"
    ),
    # Empty terms: the form says what is missing (400); the other company gets 404.
    "employers.make_offer": Row(
        "POST", lambda f: {"application_id": f.application.id}, 400, guess="application_id"
    ),
    "employers.withdraw_offer": Row(
        "POST", lambda f: {"offer_id": f.offer.id}, 302, guess="offer_id"
    ),
    "employers.mark_hired": Row(
        "POST", lambda f: {"application_id": f.application.id}, 302, guess="application_id"
    ),
    "employers.download_interview_ics": Row(
        "GET", lambda f: {"interview_id": f.interview.id}, 200, guess="interview_id"
    ),
    "employers.show_candidate": Row("GET", CANDIDATE, 200, guess="candidate_id"),
    "employers.view_cv": Row("GET", CANDIDATE, 200, guess="candidate_id"),
    "employers.download_cv": Row("GET", CANDIDATE, 200, guess="candidate_id"),
    "employers.download_rirekisho": Row("GET", CANDIDATE, 200, guess="candidate_id"),
    "employers.bulk_action": Row(
        "POST",
        lambda f: {"role_id": f.role.id},
        302,
        data={"action": "shortlist", "candidate": "EXTRA"},
        guess="role_id",
    ),
    "employers.undo_bulk": Row(
        "POST", lambda f: {"role_id": f.role.id, "batch": "f00dfeedf00dfeed"}, 302, guess="role_id"
    ),
    "employers.save_view": Row(
        "POST", lambda f: {"role_id": f.role.id}, 302, data={"name": "Mine"}, guess="role_id"
    ),
    "employers.apply_view": Row(
        "GET", lambda f: {"role_id": f.role.id, "view_id": f.view.id}, 302, guess="view_id"
    ),
    "employers.delete_view": Row(
        "POST", lambda f: {"role_id": f.role.id, "view_id": f.view.id}, 302, guess="view_id"
    ),
    "employers.compare_candidates": Row(
        "GET",
        lambda f: {"role_id": f.role.id, "candidate": [f.candidate.profile.id, f.extra.profile.id]},
        200,
        guess="role_id",
    ),
    # One ticked: back to the shortlist, which says to tick 2 to 4.
    "employers.compare_selected": Row(
        "POST", lambda f: {"role_id": f.role.id}, 302, data={"candidate": "EXTRA"}, guess="role_id"
    ),
    "employers.add_note": Row(
        "POST",
        lambda f: {"application_id": f.application.id},
        302,
        data={"note-body": "Strong welder."},
        guess="application_id",
    ),
    "employers.edit_criteria": Row("GET", lambda f: {"role_id": f.role.id}, 200, guess="role_id"),
    "employers.edit_scorecard": Row(
        "GET", lambda f: {"application_id": f.application.id}, 200, guess="application_id"
    ),
    "employers.invite_candidate": Row(
        "POST",
        lambda f: {"application_id": f.application.id},
        302,
        data={"invite-slot_id": "SLOT"},
        guess="application_id",
    ),
    "employers.manage_slots": Row(
        "GET", lambda f: {"exhibitor_id": f.exhibitor.id}, 200, guess="exhibitor_id"
    ),
    "employers.show_schedule": Row(
        "GET", lambda f: {"exhibitor_id": f.exhibitor.id}, 200, guess="exhibitor_id"
    ),
    # Without the confirmation tick nothing happens (back to the dashboard).
    "employers.withdraw_from_fair": Row(
        "POST", lambda f: {"exhibitor_id": f.exhibitor.id}, 302, guess="exhibitor_id"
    ),
    "employers.show_webhooks": Row("GET", lambda f: {}, 200, other=200),
    "employers.remove_webhook": Row(
        "POST", lambda f: {"webhook_id": f.webhook.id}, 302, guess="webhook_id"
    ),
}
WHO = ("anonymous", "candidate", "organizer", "own", "other")


@pytest.fixture
def matrix_fair(fair, seed_candidates, app):
    fair.extra = seed_candidates(fair.event, n=1)[0]
    fair.application = Application(
        role=fair.role,
        candidate=fair.candidate.profile,
        status=ApplicationStatus.SHORTLISTED,
        applied_by_candidate=False,
    )
    db.session.add(fair.application)
    invited = Application(
        role=fair.role,
        candidate=fair.extra.profile,
        status=ApplicationStatus.INVITED,
        applied_by_candidate=False,
    )
    fair.interview = Interview(
        application=invited, candidate_id=fair.extra.profile.id, kind="walk_up"
    )
    fair.offer = Offer(
        application=invited, role_id=fair.role.id, salary=230000, currency="JPY",
        starts_on=fair.event.ends_on + timedelta(days=120),
    )  # fmt: skip
    db.session.add_all([invited, fair.interview, fair.offer])
    candidate_profile.replace_cv(
        fair.candidate.profile, [(cv_pdf("Chan Dara", ["Welder"]), "cv.pdf")]
    )
    rirekisho.confirm(rirekisho.start(fair.candidate.profile))
    fair.view = SavedView(organization=fair.company, created_by=fair.recruiter, name="Mine")
    db.session.add(fair.view)
    company.save_logo(fair.company, PNG)
    fair.webhook = webhooks.register_webhook(
        fair.company,
        fair.recruiter,
        url="https://hr.example.jp/hook",
        events=["interview.accepted"],
    )
    db.session.commit()
    return fair


def request_as(client, auth, fair, who, endpoint, kwargs):
    row = MATRIX[endpoint]
    logins = {
        "candidate": fair.candidate,
        "organizer": fair.organizer,
        "own": fair.recruiter,
        "other": fair.other_recruiter,
    }
    if who != "anonymous":
        assert auth.login(logins[who].email).status_code == 302
    placeholders = {"SLOT": str(fair.slots[0].id), "EXTRA": str(fair.extra.profile.id)}
    data = {k: placeholders.get(v, v) for k, v in row.data.items()}
    with client.application.test_request_context():
        url = url_for(endpoint, **kwargs)
    return client.open(url, method=row.method, data=data)


def test_every_employer_url_is_in_the_matrix(app):
    endpoints = {
        r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("employers.")
    }
    assert endpoints == set(MATRIX), "add the new employer URL to MATRIX"


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_access(client, auth, matrix_fair, endpoint, who):
    row = MATRIX[endpoint]
    response = request_as(client, auth, matrix_fair, who, endpoint, row.kwargs(matrix_fair))
    expected = {"anonymous": 302, "candidate": 403, "organizer": 403}.get(who) or getattr(row, who)
    assert response.status_code == expected, response.data[:500]
    if who == "anonymous":
        assert response.headers["Location"].startswith("/auth/login")


@pytest.mark.parametrize("endpoint", sorted(e for e, row in MATRIX.items() if row.guess))
def test_guessed_ids_are_404(client, auth, matrix_fair, endpoint):
    row = MATRIX[endpoint]
    kwargs = row.kwargs(matrix_fair) | {row.guess: GUESS}
    assert request_as(client, auth, matrix_fair, "own", endpoint, kwargs).status_code == 404


def test_other_company_gets_404_and_nothing_changes(client, auth, matrix_fair):
    """A denied POST must not touch the data, not only answer 404."""
    auth.login(matrix_fair.other_recruiter.email)
    role_id, application_id = matrix_fair.role.id, matrix_fair.application.id
    client.post(f"/employer/roles/{role_id}/status", data={"status": "closed"})
    client.post(f"/employer/applications/{application_id}/notes", data={"note-body": "x"})
    db.session.expire_all()
    assert matrix_fair.role.status == "open"
    assert matrix_fair.application.notes == []


def test_a_candidate_of_another_event_cannot_be_shortlisted(client, auth, matrix_fair, create_user):
    outsider = create_user(profile={"consent_at": matrix_fair.candidate.profile.consent_at})
    auth.login(matrix_fair.recruiter.email)
    url = f"/employer/roles/{matrix_fair.role.id}/shortlist/{outsider.profile.id}"
    assert client.post(url).status_code == 404
