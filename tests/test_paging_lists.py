"""Every list that grows with the fair pages the same way: accounts, the audit log, events,
the inbox, the help desk, a company's roles and pipeline, a candidate's applications and the
shortlist. Five items, three a page: page 1 shows three and the count, page 2 the rest, and
the Next link keeps the page's filters."""

from datetime import timedelta

import pytest

from jobfair.extensions import db
from jobfair.models import (
    Application,
    AuditLog,
    Exhibitor,
    Message,
    MessageStatus,
    Registration,
    Role,
    UserRole,
)
from jobfair.models.base import utcnow
from tests.conftest import PASSWORD
from tests.support.paging import PER_PAGE, count_line, next_link, walk

FIVE = [f"Item-{n:02d}" for n in range(1, 6)]


@pytest.fixture
def app_config(app_config):
    return {**app_config, "PER_PAGE": PER_PAGE}


def log_in(app, user):
    client = app.test_client()
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    return client


@pytest.fixture
def organizer(app, create_user):
    return log_in(app, create_user(role=UserRole.ORGANIZER, email="boss@example.org"))


def newest_first(names):
    return list(reversed(names))


def assert_paged(client, url, names, *, kept=()):
    """Page 1 shows three of the five and "1–3 of 5"; Next (keeping `kept`) shows the rest."""
    first = client.get(url).get_data(as_text=True)
    assert count_line(1, 3, 5) in first
    following = next_link(first)
    for argument in kept:
        assert argument in following
    assert walk(client, url, names) == [names[:3], names[3:]]


def test_accounts_page_with_the_search_kept(organizer, create_user):
    for name in FIVE:
        create_user(display_name=name)
    create_user(role=UserRole.EMPLOYER, display_name="Item-99 recruiter")
    assert_paged(
        organizer,
        "/organizer/users?q=item&role=candidate",
        newest_first(FIVE),
        kept=("q=item", "role=candidate"),
    )


def test_the_audit_log_pages_with_its_filter(organizer):
    for n, name in enumerate(FIVE):
        db.session.add(
            AuditLog(
                action="event_saved", target_type=name, created_at=utcnow() + timedelta(seconds=n)
            )
        )
    db.session.add(AuditLog(action="user_suspended", target_type="Other"))
    db.session.commit()
    assert_paged(
        organizer,
        "/organizer/audit?action=event_saved",
        newest_first(FIVE),
        kept=("action=event_saved",),
    )


def test_the_organizer_events_page(organizer, create_event):
    for n, name in enumerate(FIVE):
        create_event(
            name=name,
            starts_on=utcnow().date() + timedelta(days=n + 1),
            ends_on=utcnow().date() + timedelta(days=n + 2),
        )
    assert_paged(organizer, "/organizer/", newest_first(FIVE))


def test_the_inbox_and_the_help_desk(app, organizer, create_user):
    person = create_user(display_name="Sokha")
    without_email = create_user(display_name="Dara", email=None, phone="+85512345678")
    for n, name in enumerate(FIVE):
        for user, status in ((person, MessageStatus.SENT), (without_email, MessageStatus.DESK)):
            db.session.add(
                Message(
                    user=user,
                    kind="ticket",
                    locale="en",
                    subject=f"{name}",
                    body=f"{name} body",
                    status=status,
                    created_at=utcnow() + timedelta(seconds=n),
                )
            )
    db.session.commit()
    assert_paged(log_in(app, person), "/messages/", newest_first(FIVE))
    assert_paged(organizer, "/organizer/messages", newest_first(FIVE))


@pytest.fixture
def company_fair(create_event, create_organization, create_user):
    event = create_event()
    company = create_organization(name="Aichi Metal")
    db.session.add(Exhibitor(event=event, organization=company, status="approved"))
    recruiter = create_user(role=UserRole.EMPLOYER, organization=company, email="hr@aichi.jp")
    return event, company, recruiter


def test_a_company_s_roles(app, company_fair):
    event, company, recruiter = company_fair
    for n, name in enumerate(FIVE):
        db.session.add(
            Role(
                event=event,
                organization=company,
                title=name,
                sector="care",
                location="Phnom Penh",
                created_at=utcnow() + timedelta(seconds=n),
            )
        )
    db.session.commit()
    assert_paged(log_in(app, recruiter), "/employer/", newest_first(FIVE))


def applied(event, role, count, create_user, status="new") -> list[str]:
    """`count` applications to the role, oldest first, as their links on the pipeline page
    (names may be hidden there)."""
    links = []
    for n in range(count):
        candidate = create_user().profile
        application = Application(
            role=role,
            candidate=candidate,
            status=status,
            updated_at=utcnow() + timedelta(seconds=n),
        )
        db.session.add_all([Registration(event=event, candidate=candidate), application])
        db.session.flush()
        links.append(f'/employer/applications/{application.id}"')
    db.session.commit()
    return links


def test_a_role_s_pipeline_by_status_with_counts(app, company_fair, create_user):
    event, company, recruiter = company_fair
    role = Role(
        event=event,
        organization=company,
        title="Welder",
        sector="manufacturing",
        location="Japan - Aichi",
    )
    db.session.add(role)
    db.session.commit()
    shortlisted = applied(event, role, 5, create_user, status="shortlisted")
    applied(event, role, 1, create_user, status="hired")
    client = log_in(app, recruiter)
    page = client.get(f"/employer/roles/{role.id}/pipeline").get_data(as_text=True)
    assert "Shortlisted (5)" in page and "Hired (1)" in page and count_line(1, 3, 6) in page
    assert_paged(
        client,
        f"/employer/roles/{role.id}/pipeline?status=shortlisted",
        newest_first(shortlisted),
        kept=("status=shortlisted",),
    )


def test_a_candidate_s_applications(app, company_fair, create_user):
    event, company, _ = company_fair
    user = create_user(display_name="Dara")
    for n, name in enumerate(FIVE):
        role = Role(
            event=event, organization=company, title=name, sector="care", location="Phnom Penh"
        )
        db.session.add(role)
        db.session.add(
            Application(
                role=role, candidate=user.profile, updated_at=utcnow() + timedelta(seconds=n)
            )
        )
    db.session.commit()
    assert_paged(log_in(app, user), "/me/", newest_first(FIVE))
