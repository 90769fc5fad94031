"""Every organizer URL is for organizers only; the matrix must list each one."""

import re

import pytest

from jobfair.models import UserRole
from tests.conftest import PASSWORD

MATRIX = {
    "organizers.dashboard": ("GET", "/organizer/"),
    "organizers.edit_event": ("GET", "/organizer/events/{event}/edit"),
    "organizers.show_event": ("GET", "/organizer/events/{event}"),
    "organizers.exhibitors": ("GET", "/organizer/events/{event}/exhibitors"),
    "organizers.update_exhibitor": ("POST", "/organizer/events/{event}/exhibitors/999"),
    "organizers.export_statistics": ("GET", "/organizer/events/{event}/statistics.csv"),
    "organizers.export_anonymised": ("GET", "/organizer/events/{event}/candidates-anonymised.csv"),
    "organizers.build_export": ("POST", "/organizer/events/{event}/exports"),
    "organizers.list_jobs": ("GET", "/organizer/jobs"),
    "organizers.retry_job": ("POST", "/organizer/jobs/999/retry"),
    "organizers.users": ("GET", "/organizer/users"),
    "organizers.change_user": ("POST", "/organizer/users/999/suspend"),
    "organizers.audit_log": ("GET", "/organizer/audit"),
    "organizers.event_staff": ("GET", "/organizer/events/{event}/staff"),
    # An invitation of no event: 404, nothing changed.
    "organizers.revoke_staff": ("POST", "/organizer/events/{event}/staff/999/revoke"),
    "organizers.badges_page": ("GET", "/organizer/events/{event}/badges"),
    "organizers.show_funnel": ("GET", "/organizer/events/{event}/funnel"),
    # No file or language chosen: 400, no job.
    "organizers.build_funnel_report": ("POST", "/organizer/events/{event}/funnel/report"),
    "organizers.compare_funnels": ("GET", "/organizer/funnel/compare?event={event}&event={event}"),
    "organizers.live_figures": ("GET", "/organizer/events/{event}/live.json"),
    "organizers.help_desk": ("GET", "/organizer/messages"),
    "organizers.hand_over": ("POST", "/organizer/messages/999/handed"),
    "organizers.imports_page": ("GET", "/organizer/events/{event}/imports"),
    "organizers.import_template": ("GET", "/organizer/events/{event}/imports/template-roles.xlsx"),
    "organizers.floor_plan_page": ("GET", "/organizer/events/{event}/floor-plan"),
    "organizers.print_floor_plan": ("GET", "/organizer/events/{event}/floor-plan/print"),
    "organizers.floor_plan_image": ("GET", "/organizer/events/{event}/floor-plan/image"),
    "organizers.save_floor_grid": ("POST", "/organizer/events/{event}/floor-plan/grid"),
    "organizers.upload_floor_image": ("POST", "/organizer/events/{event}/floor-plan/image"),
    "organizers.switch_floor_kind": ("POST", "/organizer/events/{event}/floor-plan/use-grid"),
    "organizers.place_booth": ("POST", "/organizer/events/{event}/floor-plan/booths/999"),
    "organizers.add_floor_area": ("POST", "/organizer/events/{event}/floor-plan/areas"),
    "organizers.remove_floor_area": (
        "POST",
        "/organizer/events/{event}/floor-plan/areas/999/remove",
    ),
    "organizers.needs_translation": ("GET", "/organizer/events/{event}/translations"),
    # A role of no event: 404, nothing written.
    "organizers.translate_role": ("POST", "/organizer/events/{event}/roles/999/translate/km"),
    # An unknown or someone else's upload: back to the imports page, nothing written.
    "organizers.preview_import": ("POST", "/organizer/events/{event}/imports/no-such-upload"),
    "organizers.list_follow_ups": ("GET", "/organizer/events/{event}/follow-ups"),
    "organizers.write_follow_up": ("GET", "/organizer/events/{event}/follow-ups/new"),
    # A follow-up of no event: 404, nothing sent.
    "organizers.show_follow_up": ("GET", "/organizer/events/{event}/follow-ups/999"),
    "organizers.edit_follow_up": ("GET", "/organizer/events/{event}/follow-ups/999/edit"),
    "organizers.test_follow_up": ("POST", "/organizer/events/{event}/follow-ups/999/test"),
    "organizers.send_follow_up": ("POST", "/organizer/events/{event}/follow-ups/999/send"),
    "organizers.list_surveys": ("GET", "/organizer/events/{event}/surveys"),
    # A survey of no event (999): 404, nothing written or sent.
    "organizers.show_survey": ("GET", "/organizer/events/{event}/surveys/999"),
    "organizers.add_survey_question": ("POST", "/organizer/events/{event}/surveys/999/questions"),
    "organizers.delete_survey_question": (
        "POST",
        "/organizer/events/{event}/surveys/999/questions/999/delete",
    ),
    "organizers.send_survey": ("GET", "/organizer/events/{event}/surveys/999/send"),
    "organizers.survey_results": ("GET", "/organizer/events/{event}/surveys/999/results"),
    "organizers.remind_survey": ("POST", "/organizer/events/{event}/surveys/999/remind"),
    "organizers.export_survey": ("GET", "/organizer/events/{event}/surveys/999/answers.xlsx"),
}

NO_FILE_YET = {"organizers.floor_plan_image"}
# No such follow-up or survey: 404.
NOBODYS = {
    "organizers.show_follow_up",
    "organizers.edit_follow_up",
    "organizers.show_survey",
    "organizers.send_survey",
    "organizers.survey_results",
    "organizers.export_survey",
}


def test_the_matrix_lists_every_organizer_url(app):
    assert {
        r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("organizers.")
    } == set(MATRIX)


@pytest.mark.parametrize(
    "role, expected",
    [(None, 302), *((role, 403) for role in UserRole if role != UserRole.ORGANIZER)],
)
def test_only_organizers_get_in(app, create_user, create_event, role, expected):
    event = create_event()
    client = app.test_client()
    if role:
        user = create_user(role=role)
        client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    for endpoint, (method, path) in MATRIX.items():
        response = client.open(path.format(event=event.id), method=method)
        assert response.status_code == expected, endpoint
        if role is None:
            assert re.match("/auth/login", response.headers["Location"])


def test_organizers_get_every_page_and_guessed_ids_are_not_found(app, create_user, create_event):
    event = create_event()
    client = app.test_client()
    user = create_user(role=UserRole.ORGANIZER)
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    for endpoint, (method, path) in MATRIX.items():
        response = client.open(path.format(event=event.id), method=method)
        if method == "GET":
            # A floor plan image that was never uploaded is not found.
            missing = endpoint in NO_FILE_YET | NOBODYS
            assert response.status_code == (404 if missing else 200), endpoint
        guessed = client.open(path.format(event=event.id + 100), method=method)
        if "{event}" in path:
            assert guessed.status_code in (404, 400), endpoint
