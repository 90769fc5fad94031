"""Organizers' interpreters: the event's roles that miss a language, and translating one."""

import sqlalchemy as sa

from jobfair import postings
from jobfair.extensions import db
from jobfair.models import AuditLog, ExhibitorStatus, Role, RoleStatus


def list_page(client, fair, **args):
    response = client.get(f"/organizer/events/{fair.event.id}/translations", query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_list_shows_open_roles_that_miss_a_language(client, auth, fair):
    postings.set_translation(fair.role, "km", "ជាងផ្សារដែក", "", fair.recruiter)
    postings.set_translation(fair.role, "ja", "溶接工", "", fair.recruiter)
    db.session.commit()
    auth.login(fair.organizer.email)
    page = list_page(client, fair)
    assert f'id="role-{fair.other_role.id}"' in page
    assert f'id="role-{fair.role.id}"' not in page  # read in every language already
    translate = f"/organizer/events/{fair.event.id}/roles/{fair.other_role.id}/translate"
    assert f"{translate}/km" in page and f"{translate}/ja" in page and f"{translate}/en" not in page


def test_the_list_filters_by_language_and_leaves_out_closed_and_absent_companies(
    client, auth, fair
):
    postings.set_translation(fair.other_role, "ja", "縫製オペレーター", "", fair.recruiter)
    db.session.commit()
    auth.login(fair.organizer.email)
    page = list_page(client, fair, language="ja")
    assert f'id="role-{fair.role.id}"' in page and f'id="role-{fair.other_role.id}"' not in page
    fair.role.status = RoleStatus.CLOSED
    fair.other_exhibitor.status = ExhibitorStatus.PENDING
    db.session.commit()
    page = list_page(client, fair)
    assert f'id="role-{fair.role.id}"' not in page
    assert f'id="role-{fair.other_role.id}"' not in page


def test_an_interpreter_translates_a_role_and_is_recorded(client, auth, fair):
    auth.login(fair.organizer.email)
    url = f"/organizer/events/{fair.event.id}/roles/{fair.role.id}/translate/km"
    page = client.get(url).get_data(as_text=True)
    assert "Welder (SSW)" in page  # the original beside the form
    data = {"title": "ជាងផ្សារដែក (SSW)", "description": "ផ្សារដែកគ្រឿងរថយន្ត។"}
    response = client.post(url, data=data)
    assert response.status_code == 302
    db.session.expire_all()
    role = db.session.get(Role, fair.role.id)
    khmer = role.translation("km")
    assert (khmer.title, khmer.description) == (data["title"], data["description"])
    assert khmer.translated_by_id == fair.organizer.id
    audit = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "role_translated"))
    assert audit.target_id == role.id and audit.details == {"language": "km"}
    again = client.get(url).get_data(as_text=True)
    assert data["title"] in again and fair.organizer.display_name in again


def test_a_translation_without_a_title_is_refused(client, auth, fair):
    auth.login(fair.organizer.email)
    url = f"/organizer/events/{fair.event.id}/roles/{fair.role.id}/translate/km"
    response = client.post(url, data={"title": "", "description": "ផ្សារដែក"})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Role, fair.role.id).translations == []


def test_no_translation_into_the_original_language_nor_across_events(
    client, auth, fair, create_event
):
    auth.login(fair.organizer.email)
    base = f"/organizer/events/{fair.event.id}/roles/{fair.role.id}/translate"
    assert client.get(f"{base}/en").status_code == 404  # the role is written in English
    other = create_event(name="Another fair")
    url = f"/organizer/events/{other.id}/roles/{fair.role.id}/translate/km"
    assert client.get(url).status_code == 404
    assert client.post(url, data={"title": "x"}).status_code == 404


def test_recruiters_and_candidates_cannot_use_the_interpreters_pages(client, auth, fair):
    url = f"/organizer/events/{fair.event.id}/roles/{fair.role.id}/translate/km"
    for email in (fair.recruiter.email, fair.candidate.email):
        auth.login(email)
        assert client.get(f"/organizer/events/{fair.event.id}/translations").status_code == 403
        assert client.post(url, data={"title": "x"}).status_code == 403
        auth.logout()
    assert db.session.get(Role, fair.role.id).translations == []
