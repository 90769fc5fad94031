"""Offers (内定): the one rule that "offered" needs terms and "hired" an acceptance, whichever
way the step is asked for (form, bulk action, API); the recruiter's and the candidate's sides;
other companies and other candidates get 404."""

from datetime import UTC, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from jobfair.api import tokens
from jobfair.employers import applications, bulk, errors, interviews, offers
from jobfair.extensions import db
from jobfair.models import Application, Message, Offer, UserRole
from jobfair.models import base as model_base
from tests.conftest import PASSWORD


def interviewed(fair, profile=None) -> Application:
    """The fair's candidate (or `profile`) invited and interviewed for the fair's role."""
    profile = profile or fair.candidate.profile
    application = applications.add_to_pipeline(fair.role, profile, fair.recruiter)
    db.session.flush()
    interviews.invite(application, fair.slots[0], fair.recruiter)
    applications.change_status(application, "interviewed", fair.recruiter)
    db.session.commit()
    return application


def terms(fair, **changes) -> dict:
    start = fair.event.starts_on + timedelta(days=120)
    found = {
        "offer-salary": "230000",
        "offer-currency": "JPY",
        "offer-starts_on": start.isoformat(),
        "offer-note": "寮あり (dormitory provided). 40 hours a week.",
    }
    return found | changes


def offer_for(fair, application, **changes) -> Offer:
    offer = offers.make_offer(
        application,
        fair.recruiter,
        salary=changes.get("salary", 230000),
        currency=changes.get("currency", "JPY"),
        starts_on=fair.event.starts_on + timedelta(days=120),
    )
    db.session.commit()
    return offer


def login(app, email):
    client = app.test_client()
    response = client.post("/auth/login", data={"identifier": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


# --- the one rule ---------------------------------------------------------------------


def test_the_status_form_cannot_reach_offered_or_hired(app, fair):
    application = interviewed(fair)
    client = login(app, fair.recruiter.email)
    url = f"/employer/applications/{application.id}/status"
    for step in ("offered", "hired"):
        assert client.post(url, data={"status-status": step}).status_code == 400
    db.session.expire_all()
    assert application.status == "interviewed" and not application.offers


def test_the_workflow_refuses_offered_without_an_offer(fair):
    application = interviewed(fair)
    with pytest.raises(errors.RecruitingError):
        applications.change_status(application, "offered", fair.recruiter)
    with pytest.raises(errors.RecruitingError):
        applications.move(application, "offered", fair.recruiter)


def test_the_api_cannot_reach_offered_or_hired_without_an_offer(app, fair):
    application = interviewed(fair)
    _token, secret = tokens.create_token(fair.recruiter, name="ats", scope="write", days=30)
    db.session.commit()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {secret}"}
    url = f"/api/v1/applications/{application.id}/status"
    refused = client.post(url, json={"status": "offered"}, headers=headers)
    assert refused.status_code == 409 and "offer" in refused.json["error"]["message"].lower()
    offer = offer_for(fair, application)
    refused = client.post(url, json={"status": "hired"}, headers=headers)
    assert refused.status_code == 409  # not accepted yet
    offer.status = "accepted"
    db.session.commit()
    assert client.post(url, json={"status": "hired"}, headers=headers).status_code == 200
    db.session.expire_all()
    assert application.status == "hired"


def test_a_bulk_rejection_withdraws_the_offer_and_its_undo_does_not_bring_offered_back(fair):
    application = interviewed(fair)
    offer = offer_for(fair, application)
    result = bulk.apply(fair.role, [fair.candidate.profile], "reject", fair.recruiter, reason="x")
    db.session.commit()
    assert result.done == [application.id]
    assert (application.status, offer.status) == ("rejected", "withdrawn")
    bulk.undo(fair.role, result.batch, fair.recruiter)
    db.session.commit()
    assert application.status == "rejected"  # "offered" would need a live offer


def test_bulk_actions_never_move_anyone_to_offered(fair, seed_candidates):
    others = seed_candidates(fair.event, n=3)
    profiles = [fair.candidate.profile, *(u.profile for u in others)]
    interviewed(fair)
    for action in ("shortlist", "invite_slots"):  # walk-ups only on the fair's days
        bulk.apply(fair.role, profiles, action, fair.recruiter)
    db.session.commit()
    statuses = set(db.session.scalars(sa.select(Application.status)))
    assert "offered" not in statuses and "hired" not in statuses


# --- the recruiter's side -------------------------------------------------------------------


def test_making_an_offer_records_terms_who_and_when_and_tells_the_candidate_in_khmer(app, fair):
    fair.candidate.locale = "km"
    application = interviewed(fair)
    client = login(app, fair.recruiter.email)
    response = client.post(f"/employer/applications/{application.id}/offer", data=terms(fair))
    assert response.status_code == 302
    offer = db.session.scalar(sa.select(Offer))
    assert (offer.salary, offer.currency, offer.status) == (230000, "JPY", "pending")
    assert offer.role_id == fair.role.id and offer.decided_by_id == fair.recruiter.id
    assert application.status == "offered"
    assert [c.to_status for c in application.history][-1] == "offered"
    message = db.session.scalar(sa.select(Message).where(Message.kind == "offer_made"))
    assert message.user_id == fair.candidate.id and message.locale == "km"
    assert "230,000 យ៉េន" in message.body and f"/me/offers/{offer.id}" in message.body
    assert "ការផ្តល់ការងារ" in message.subject
    page = client.get(f"/employer/applications/{application.id}").get_data(as_text=True)
    assert fair.recruiter.display_name in page and "¥230,000" in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"offer-salary": "-5"}, "offer-salary"),
        ({"offer-salary": ""}, "offer-salary"),
        ({"offer-currency": "EUR"}, "offer-currency"),
        ({"offer-starts_on": "2020-01-01"}, "offer-starts_on"),
        ({"offer-expires_on": "2099-01-01"}, "offer-expires_on"),
    ],
)
def test_the_terms_are_checked_on_the_server(app, fair, changes, field):
    application = interviewed(fair)
    client = login(app, fair.recruiter.email)
    response = client.post(
        f"/employer/applications/{application.id}/offer", data=terms(fair, **changes)
    )
    assert response.status_code == 400
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0
    db.session.expire_all()
    assert application.status == "interviewed"


def test_no_offer_before_the_interview(app, fair):
    application = applications.add_to_pipeline(fair.role, fair.candidate.profile, fair.recruiter)
    db.session.commit()
    client = login(app, fair.recruiter.email)
    client.post(f"/employer/applications/{application.id}/offer", data=terms(fair))
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0


def test_withdrawing_tells_the_candidate_and_a_new_offer_keeps_the_history(app, fair):
    application = interviewed(fair)
    first = offer_for(fair, application, salary=200000)
    client = login(app, fair.recruiter.email)
    assert client.post(f"/employer/offers/{first.id}/withdraw").status_code == 302
    db.session.expire_all()
    assert first.status == "withdrawn" and first.withdrawn_by_id == fair.recruiter.id
    assert db.session.scalar(sa.select(Message).where(Message.kind == "offer_withdrawn"))
    client.post(f"/employer/applications/{application.id}/offer", data=terms(fair))
    db.session.expire_all()
    assert [o.status for o in application.offers] == ["withdrawn", "pending"]
    assert application.status == "offered"


def test_hired_only_after_the_candidate_accepted(app, fair):
    application = interviewed(fair)
    offer = offer_for(fair, application)
    client = login(app, fair.recruiter.email)
    client.post(f"/employer/applications/{application.id}/hire")
    db.session.expire_all()
    assert application.status == "offered"
    offer.status = "accepted"
    db.session.commit()
    page = client.get(f"/employer/applications/{application.id}").get_data(as_text=True)
    assert "Mark hired" in page
    assert client.post(f"/employer/applications/{application.id}/hire").status_code == 302
    db.session.expire_all()
    assert application.status == "hired"
    assert application.history[-1].actor_id == fair.recruiter.id
    page = client.get(f"/employer/applications/{application.id}").get_data(as_text=True)
    assert f"Hired · {fair.recruiter.display_name}" in page  # who decided, and when


def test_another_company_gets_404(app, fair):
    application = interviewed(fair)
    offer = offer_for(fair, application)
    client = login(app, fair.other_recruiter.email)
    for url in (
        f"/employer/applications/{application.id}/offer",
        f"/employer/offers/{offer.id}/withdraw",
        f"/employer/applications/{application.id}/hire",
    ):
        assert client.post(url, data=terms(fair)).status_code == 404, url
    db.session.expire_all()
    assert offer.status == "pending" and len(application.offers) == 1


# --- the database guards ------------------------------------------------------------------


def test_the_database_keeps_one_pending_offer_and_known_values(fair):
    application = interviewed(fair)
    offer = offer_for(fair, application)
    base = {
        "application_id": application.id,
        "role_id": fair.role.id,
        "currency": "JPY",
        "starts_on": offer.starts_on,
        "decided_at": offer.decided_at,
        "note": "",
    }
    for values in (
        {"salary": 1, "status": "pending"},  # a second pending offer
        {"salary": -1, "status": "declined"},
        {"salary": 1, "status": "maybe"},
        {"salary": 1, "status": "declined", "currency": "EUR"},
    ):
        with pytest.raises(sa.exc.IntegrityError):
            with db.session.begin_nested():
                db.session.execute(sa.insert(Offer).values(**(base | values)))
    offer.status = "declined"
    db.session.execute(sa.insert(Offer).values(**base, salary=1, status="pending"))
    db.session.commit()


# --- the candidate's side -------------------------------------------------------------------


def test_the_candidate_sees_the_offer_and_accepts_it_the_recruiter_hears(app, fair):
    application = interviewed(fair)
    offer = offer_for(fair, application)
    fair.recruiter.locale = "ja"
    db.session.commit()
    client = login(app, fair.candidate.email)
    dashboard = client.get("/me/").get_data(as_text=True)
    assert f"/me/offers/{offer.id}" in dashboard
    page = client.get(f"/me/offers/{offer.id}")
    assert page.headers["Cache-Control"] == "no-store"
    assert "¥230,000" in page.get_data(as_text=True)
    assert client.post(f"/me/offers/{offer.id}/accept").status_code == 302
    db.session.expire_all()
    assert offer.status == "accepted" and offer.responded_at is not None
    assert application.status == "offered"  # 内定承諾: hired comes when they join
    told = db.session.scalar(sa.select(Message).where(Message.kind == "offer_answered"))
    assert told.user_id == fair.recruiter.id and told.locale == "ja"
    assert "承諾" in told.subject
    # Answered once: a second answer changes nothing.
    client.post(f"/me/offers/{offer.id}/decline")
    db.session.expire_all()
    assert offer.status == "accepted"


def test_declining_is_recorded_and_the_company_may_offer_again(app, fair):
    application = interviewed(fair)
    offer = offer_for(fair, application)
    client = login(app, fair.candidate.email)
    assert client.post(f"/me/offers/{offer.id}/decline").status_code == 302
    db.session.expire_all()
    assert offer.status == "declined"
    assert offers.can_offer(application) and not applications.forward_steps(application)


def test_another_candidate_gets_404_and_cannot_answer(app, fair, create_user):
    offer = offer_for(fair, interviewed(fair))
    stranger = create_user(UserRole.CANDIDATE, email="other@example.com")
    client = login(app, stranger.email)
    assert client.get(f"/me/offers/{offer.id}").status_code == 404
    assert client.post(f"/me/offers/{offer.id}/accept").status_code == 404
    recruiter = login(app, fair.recruiter.email)
    assert recruiter.get(f"/me/offers/{offer.id}").status_code in (302, 403, 404)
    db.session.expire_all()
    assert offer.status == "pending"


def test_answering_needs_the_csrf_token(app, fair):
    offer = offer_for(fair, interviewed(fair))
    client = login(app, fair.candidate.email)
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/me/offers/{offer.id}/accept").status_code in (302, 400)
    db.session.expire_all()
    assert offer.status == "pending"


def test_the_candidates_data_download_holds_their_offers(app, fair):
    offer = offer_for(fair, interviewed(fair))
    client = login(app, fair.candidate.email)
    data = client.get("/me/data.json").get_json()
    assert data["offers"] == [
        {
            "role": fair.role.title,
            "company": fair.company.name,
            "salary": 230000,
            "currency": "JPY",
            "starts_on": offer.starts_on.isoformat(),
            "note": "",
            "status": "pending",
            "offered_at": data["offers"][0]["offered_at"],
            "answered_at": None,
        }
    ]


def test_a_company_leaving_the_fair_withdraws_its_pending_offers(fair):
    from jobfair.organizers import exhibitors

    offer = offer_for(fair, interviewed(fair))
    exhibitors.change_status(fair.exhibitor, "withdrawn", fair.organizer)
    db.session.commit()
    assert (offer.application.status, offer.status) == ("withdrawn", "withdrawn")


def test_the_answer_by_date_is_a_date_at_the_fair_not_the_servers(app, fair, monkeypatch):
    """At 01:00 in Phnom Penh on the day after the answer-by date it is still that date in
    UTC (18:00): the offer has expired for the candidate, so the page says so and accepting
    is refused. (It read the server's UTC date, and took answers until 07:00 the next day.)"""
    offer = offer_for(fair, interviewed(fair))
    deadline = fair.event.starts_on + timedelta(days=10)
    offer.expires_on = deadline
    db.session.commit()
    night_after = datetime.combine(deadline, time(18, 0), tzinfo=UTC)  # 01:00 next day there
    assert night_after.date() == deadline
    assert fair.event.today(night_after) == deadline + timedelta(days=1)
    assert not offer.expired(deadline) and offer.expired(deadline + timedelta(days=1))
    monkeypatch.setattr(model_base, "utcnow", lambda: night_after)
    client = login(app, fair.candidate.email)
    assert client.get(f"/me/offers/{offer.id}").status_code == 200
    assert offer.expired()
    client.post(f"/me/offers/{offer.id}/accept")
    db.session.expire_all()
    assert offer.status == "pending"
    # The evening before (17:00 there) the same answer is taken.
    monkeypatch.setattr(model_base, "utcnow", lambda: night_after - timedelta(hours=8))
    client.post(f"/me/offers/{offer.id}/accept")
    db.session.expire_all()
    assert offer.status == "accepted"
