import io

import openpyxl
import pytest

from jobfair.models import UserRole

from ..conftest import PASSWORD


@pytest.fixture
def organizer(create_user):
    return create_user(role=UserRole.ORGANIZER)


@pytest.fixture
def organizer_client(app, organizer):
    client = app.test_client()
    assert (
        client.post(
            "/auth/login", data={"identifier": organizer.email, "password": PASSWORD}
        ).status_code
        == 302
    )
    return client


def xlsx(rows, *, merge=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows) -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


class World:
    """Two companies exhibiting at one fair, candidates who consented, and a token for each
    kind of caller: the right recruiter (read and write), a read-only recruiter of the same
    company, another company's recruiter, and an organizer."""


@pytest.fixture
def world(app, create_user, create_organization, create_event):
    from jobfair.api import tokens
    from jobfair.extensions import db
    from jobfair.models import (
        Application,
        Exhibitor,
        ExhibitorStatus,
        Registration,
        Role,
    )
    from jobfair.models.base import utcnow

    w = World()
    w.event = create_event()
    w.company, w.other_company = (
        create_organization(name="Sakura Metal"),
        create_organization(name="Mekong IT"),
    )
    for organization, booth in ((w.company, "A1"), (w.other_company, "B1")):
        db.session.add(
            Exhibitor(
                event_id=w.event.id,
                organization_id=organization.id,
                status=ExhibitorStatus.APPROVED,
                booth_code=booth,
            )
        )
    w.recruiter = create_user(role=UserRole.EMPLOYER, organization=w.company)
    w.colleague = create_user(role=UserRole.EMPLOYER, organization=w.company)
    w.outsider = create_user(role=UserRole.EMPLOYER, organization=w.other_company)
    w.organizer = create_user(role=UserRole.ORGANIZER)
    w.role = Role(
        event_id=w.event.id,
        organization_id=w.company.id,
        title="Welder",
        sector="manufacturing",
        location="Phnom Penh",
        required_skills=["welding"],
        blind_review=True,
    )
    w.other_role = Role(
        event_id=w.event.id,
        organization_id=w.other_company.id,
        title="Developer",
        sector="it",
        location="Phnom Penh",
        required_skills=["python"],
    )
    db.session.add_all([w.role, w.other_role])
    w.candidates = []
    for _n, skills in enumerate((["welding", "forklift"], ["sewing"], ["welding"])):
        user = create_user(
            profile={
                "headline": "Welder",
                "skills": skills,
                "consent_version": "1",
                "consent_at": utcnow(),
            }
        )
        w.candidates.append(user.profile)
        db.session.add(Registration(event_id=w.event.id, candidate_id=user.profile.id))
    db.session.flush()
    w.application = Application(role_id=w.role.id, candidate_id=w.candidates[0].id, status="new")
    db.session.add(w.application)
    db.session.commit()
    w.tokens = {}
    for name, user, scope in (
        ("right", w.recruiter, "write"),
        ("read_only", w.colleague, "read"),
        ("other_company", w.outsider, "write"),
        ("organizer", w.organizer, "write"),
    ):
        _token, secret = tokens.create_token(user, name=name, scope=scope, days=30)
        w.tokens[name] = secret
    db.session.commit()
    return w


def bearer(secret: str | None) -> dict:
    return {"Authorization": f"Bearer {secret}"} if secret else {}
