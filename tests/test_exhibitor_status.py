"""What follows when the organizer approves, rejects or withdraws an exhibitor.

The company is told each time, in its recruiters' language; when it leaves the fair its
open applications become "withdrawn", their interviews are cancelled and each candidate is
told in their language; "My applications" says the role was withdrawn instead of linking
to a page that no longer exists. Statistics say which exhibitors they count.
"""

import re

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext

from jobfair.extensions import db
from jobfair.models import Application, Interview, Message, StatusChange
from tests.conftest import PASSWORD
from tests.employers.conftest import fair  # noqa: F401  (the fixture)


def login(app, user):
    client = app.test_client()
    response = client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def set_by_organizer(app, fair, status):  # noqa: F811
    """The organizer's form; returns the page the organizer lands on."""
    client = login(app, fair.organizer)
    prefix = f"x{fair.exhibitor.id}"
    response = client.post(
        f"/organizer/events/{fair.event.id}/exhibitors/{fair.exhibitor.id}",
        data={f"{prefix}-status": status, f"{prefix}-booth_code": "A01"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    return client.get(response.headers["Location"]).get_data(as_text=True)


def messages(user, kind):
    return db.session.scalars(
        sa.select(Message).where(Message.user_id == user.id, Message.kind == kind)
    ).all()


@pytest.fixture
def pipeline(fair, create_user):  # noqa: F811
    """The company's role with an invited candidate (an interview booked), a hired one and a
    not-selected one."""
    from jobfair.models import Registration, UserRole
    from jobfair.models.base import utcnow

    fair.candidate.locale = "km"
    fair.recruiter.locale = "ja"
    invited = Application(role=fair.role, candidate=fair.candidate.profile, status="invited")
    db.session.add(invited)
    db.session.flush()
    slot = fair.slots[0]
    interview = Interview(
        application_id=invited.id,
        candidate_id=fair.candidate.profile.id,
        slot_id=slot.id,
        starts_at=slot.starts_at,
        status="accepted",
    )
    others = []
    for name, status in (("Hired Person", "hired"), ("Not Chosen", "rejected")):
        user = create_user(
            UserRole.CANDIDATE,
            profile={"full_name": name, "consent_version": "1", "consent_at": utcnow()},
        )
        db.session.add(Registration(event=fair.event, candidate=user.profile))
        others.append(Application(role=fair.role, candidate=user.profile, status=status))
    db.session.add_all([interview, *others])
    db.session.commit()
    return invited, interview, others


def test_withdrawing_an_exhibitor_withdraws_open_applications_and_tells_everyone(
    app,
    fair,  # noqa: F811
    pipeline,
):
    invited, interview, (hired, rejected) = pipeline
    page = set_by_organizer(app, fair, "withdrawn")
    assert "1 open application was withdrawn; the candidate was told." in page
    assert fair.exhibitor.status == "withdrawn"
    assert invited.status == "withdrawn"
    assert invited.history[-1].to_status == "withdrawn"
    assert invited.history[-1].actor_id == fair.organizer.id
    assert (hired.status, rejected.status) == ("hired", "rejected")  # decided: left as they are
    assert interview.status == "cancelled" and interview.slot_id is None

    # The candidate hears it in Khmer, with the interview's cancellation.
    [told] = messages(fair.candidate, "role_withdrawn")
    assert told.locale == "km"
    with force_locale("km"):
        expected = gettext(
            "This role was withdrawn: %(role)s at %(company)s",
            role=fair.role.title,
            company=fair.company.name,
        )
        cancelled = gettext("Your interview with %(company)s is cancelled.", company="Sakura Kogyo")
    assert told.subject == expected and expected.startswith("មុខតំណែង")
    assert cancelled in told.body
    [ics] = told.attachments  # calendars that took the invitation drop it
    assert "METHOD:CANCEL" in ics["content"] and "STATUS:CANCELLED" in ics["content"]
    assert messages(hired.candidate.user, "role_withdrawn") == []

    # The company's recruiter hears it in Japanese.
    [company_told] = messages(fair.recruiter, "exhibitor_status")
    assert company_told.locale == "ja"
    with force_locale("ja"):
        assert company_told.subject == gettext(
            "%(company)s no longer takes part in %(event)s",
            company="Sakura Kogyo",
            event=fair.event.name,
        )
    assert messages(fair.other_recruiter, "exhibitor_status") == []

    # "My applications" says so, without a link to the role's (now missing) page.
    page = login(app, fair.candidate).get("/me/").get_data(as_text=True)
    with force_locale("km"):
        assert gettext("This role was withdrawn") in page
    assert f"/jobs/{fair.role.id}" not in page


@pytest.mark.parametrize(
    ("status", "subject"),
    [
        ("rejected", "%(company)s was not approved for %(event)s"),
        ("approved", "%(company)s is approved for %(event)s"),
    ],
)
def test_the_company_is_told_when_approved_or_rejected(app, fair, status, subject):  # noqa: F811
    fair.exhibitor.status = "pending"
    fair.recruiter.locale = "en"  # the company's language (ja) would be used otherwise
    db.session.commit()
    set_by_organizer(app, fair, status)
    [told] = messages(fair.recruiter, "exhibitor_status")
    assert told.subject == subject % {"company": "Sakura Kogyo", "event": fair.event.name}
    # Saving the same status again (a booth change) says nothing new.
    set_by_organizer(app, fair, status)
    assert len(messages(fair.recruiter, "exhibitor_status")) == 1


def test_adding_an_exhibitor_tells_its_recruiters(app, fair, create_organization, create_user):  # noqa: F811
    from jobfair.models import UserRole

    newcomer = create_organization(name="Mekong Foods")
    recruiter = create_user(UserRole.EMPLOYER, organization=newcomer)
    recruiter.locale = "en"  # the company's language would be used otherwise
    client = login(app, fair.organizer)
    client.post(
        f"/organizer/events/{fair.event.id}/exhibitors", data={"organization_id": newcomer.id}
    )
    [told] = messages(recruiter, "exhibitor_status")
    assert "Mekong Foods is approved" in told.subject


def test_reapproval_brings_roles_back_and_a_candidate_may_show_interest_again(
    app,
    fair,  # noqa: F811
    pipeline,
):
    invited, _interview, _others = pipeline
    set_by_organizer(app, fair, "rejected")
    assert invited.status == "withdrawn"
    jobs = f"/events/{fair.event.id}/jobs"
    assert "Welder (SSW)" not in app.test_client().get(jobs).get_data(as_text=True)
    set_by_organizer(app, fair, "approved")
    assert "Welder (SSW)" in app.test_client().get(jobs).get_data(as_text=True)
    db.session.refresh(invited)
    assert invited.status == "withdrawn"  # stays withdrawn until the candidate says otherwise
    candidate = login(app, fair.candidate)
    # The interest button is offered again on the role's page.
    page = candidate.get(f"/events/{fair.event.id}/jobs/{fair.role.id}").get_data(as_text=True)
    assert f'action="/me/roles/{fair.role.id}/apply"' in page
    candidate.post(f"/me/roles/{fair.role.id}/apply")
    db.session.expire_all()
    assert invited.status == "new"
    steps = db.session.scalars(
        sa.select(StatusChange.to_status)
        .where(StatusChange.application_id == invited.id)
        .order_by(StatusChange.id)
    ).all()
    assert steps[-2:] == ["withdrawn", "new"]


def test_a_withdrawn_application_cannot_be_moved_on_by_the_company(app, fair, pipeline):  # noqa: F811
    from jobfair.employers import applications

    invited, _interview, _others = pipeline
    set_by_organizer(app, fair, "withdrawn")
    set_by_organizer(app, fair, "approved")
    assert applications.forward_steps(invited) == []
    assert not applications.can_reject(invited)


def test_statistics_count_approved_exhibitors_only_and_say_so(app, fair):  # noqa: F811
    from jobfair.organizers import statistics

    fair.other_exhibitor.status = "rejected"
    db.session.commit()
    stats = statistics.compute(fair.event)
    assert stats.totals["exhibitors"] == 1 and stats.totals["exhibitors_not_approved"] == 1
    assert stats.totals["roles"] == 1  # the rejected company's role is not counted
    assert [c["role"] for c in stats.coverage if c["organization"] == "Angkor Garments"] == []
    page = login(app, fair.organizer).get(f"/organizer/events/{fair.event.id}")
    text = re.sub(r"\s+", " ", page.get_data(as_text=True))
    assert "count approved exhibitors only" in text
    assert "Not counted (waiting, not approved or withdrawn): 1." in text


def test_a_company_can_withdraw_itself_after_confirming(app, fair, pipeline):  # noqa: F811
    invited, _interview, _others = pipeline
    url = f"/employer/booths/{fair.exhibitor.id}/withdraw"
    assert login(app, fair.other_recruiter).post(url, data={"confirm": "yes"}).status_code == 404
    recruiter = login(app, fair.recruiter)
    assert f'action="{url}"' in recruiter.get("/employer/").get_data(as_text=True)
    recruiter.post(url)  # not confirmed: nothing happens
    db.session.expire_all()
    assert fair.exhibitor.status == "approved" and invited.status == "invited"

    recruiter.post(url, data={"confirm": "yes"})
    db.session.expire_all()
    assert fair.exhibitor.status == "withdrawn" and invited.status == "withdrawn"
    assert len(messages(fair.candidate, "role_withdrawn")) == 1
    [told] = messages(fair.recruiter, "exhibitor_status")
    with force_locale("ja"):
        assert told.body == gettext(
            "%(company)s withdrew from %(event)s. Its roles were withdrawn, its open "
            "applications were closed and the candidates were told; its recruiters can no "
            "longer see candidates' data.",
            company="Sakura Kogyo",
            event=fair.event.name,
        )
    assert "organizer" not in told.body.lower() and "主催者" not in told.body
    # Once out, only the organizer can bring the company back.
    assert recruiter.post(url, data={"confirm": "yes"}).status_code == 403
