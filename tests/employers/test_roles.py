"""Posting, editing, copying and closing roles."""

import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import AuditLog, Exhibitor, ExhibitorStatus, Role

ROLE_FORM = {
    "title": "Welder for car bodies",
    "description": "Arc welding in Aichi.",
    "sector": "automotive",
    "location": "Japan - Aichi",
    "program": "ssw",
    "ssw_field": "industrial_manufacturing",
    "headcount": "3",
    "salary_min": "180000",
    "salary_max": "220000",
    "currency": "JPY",
    "required_skills": "welding,  reading technical drawings, Welding",
    "preferred_skills": "MIG welding",
    "languages-0-language": "Japanese",
    "languages-0-level": "N4",
    "languages-0-must": "y",
    "languages-1-language": "English",
    "languages-1-level": "A2",
    "min_education": "lower_secondary",
}


def post_role(client, fair, **changes):
    data = {"event_id": str(fair.event.id), **ROLE_FORM, **changes}
    return client.post("/employer/roles/new", data=data)


def test_a_recruiter_posts_a_role_with_skills_and_languages(client, auth, fair):
    auth.login(fair.recruiter.email)
    response = post_role(client, fair)
    assert response.status_code == 302
    role = db.session.scalar(sa.select(Role).where(Role.title == "Welder for car bodies"))
    assert role.organization_id == fair.company.id
    assert role.created_by_id == fair.recruiter.id
    assert role.required_skills == ["welding", "reading technical drawings"]
    assert role.languages == [
        {"language": "Japanese", "level": "N4", "must": True},
        {"language": "English", "level": "A2", "must": False},
    ]
    assert response.headers["Location"].endswith(f"/employer/roles/{role.id}/shortlist")


def test_the_form_offers_provinces_prefectures_and_skill_suggestions(client, auth, fair):
    auth.login(fair.recruiter.email)
    page = client.get("/employer/roles/new").get_data(as_text=True)
    assert '<optgroup label="Japan">' in page and "Japan - Okinawa" in page
    assert "Tboung Khmum" in page
    assert '<datalist id="skill-options"' in page and '<option value="welding">' in page


def test_invalid_role_is_refused_with_input_kept(client, auth, fair):
    auth.login(fair.recruiter.email)
    response = post_role(
        client,
        fair,
        title="",
        salary_min="300000",
        salary_max="200000",
        **{"languages-0-level": "B1", "languages-2-language": "Khmer"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This field is required." in page
    assert "The highest salary must not be below the lowest." in page
    assert "Use a JLPT level for Japanese." in page
    assert "Choose the minimum level." in page
    assert 'value="welding, reading technical drawings"' in page
    assert db.session.scalar(sa.select(sa.func.count(Role.id))) == 2


def test_unknown_choices_are_refused(client, auth, fair):
    auth.login(fair.recruiter.email)
    for field, value in (("location", "Mars"), ("currency", "EUR"), ("program", "x")):
        response = post_role(client, fair, **{field: value})
        assert response.status_code == 200, field
    assert db.session.scalar(sa.select(sa.func.count(Role.id))) == 2


def test_roles_only_for_events_where_the_company_is_approved(client, auth, fair, create_event):
    pending = create_event(name="Siem Reap fair")
    db.session.add(
        Exhibitor(event=pending, organization=fair.company, status=ExhibitorStatus.PENDING)
    )
    db.session.commit()
    auth.login(fair.recruiter.email)
    page = client.get("/employer/roles/new").get_data(as_text=True)
    assert "Siem Reap fair" not in page
    assert post_role(client, fair, event_id=str(pending.id)).status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(Role.id))) == 2


def test_without_an_approved_event_there_is_no_role_form(client, auth, create_user):
    recruiter = create_user("employer")
    auth.login(recruiter.email)
    response = client.get("/employer/roles/new")
    assert response.status_code == 302
    assert response.headers["Location"] == "/employer/"


def test_edit_keeps_languages_and_saves_changes(client, auth, fair):
    auth.login(fair.recruiter.email)
    page = client.get(f"/employer/roles/{fair.role.id}/edit").get_data(as_text=True)
    assert '<option selected value="N4">' in page
    data = {**ROLE_FORM, "title": "Senior welder", "languages-1-language": ""}
    assert client.post(f"/employer/roles/{fair.role.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert fair.role.title == "Senior welder"
    assert fair.role.event_id == fair.event.id
    assert fair.role.languages == [{"language": "Japanese", "level": "N4", "must": True}]


def test_copy_and_close(client, auth, fair):
    auth.login(fair.recruiter.email)
    response = client.post(f"/employer/roles/{fair.role.id}/copy")
    copy = db.session.scalar(sa.select(Role).order_by(Role.id.desc()))
    assert response.headers["Location"].endswith(f"/roles/{copy.id}/edit")
    assert copy.title == "Copy of Welder (SSW)"
    assert copy.languages == fair.role.languages and copy.organization_id == fair.company.id

    client.post(f"/employer/roles/{fair.role.id}/status", data={"status": "closed"})
    db.session.expire_all()
    assert fair.role.status == "closed"
    audit = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "role_status"))
    assert audit.target_id == fair.role.id and audit.details == {"status": "closed"}
    assert (
        client.post(f"/employer/roles/{fair.role.id}/status", data={"status": "draft"}).status_code
        == 400
    )
