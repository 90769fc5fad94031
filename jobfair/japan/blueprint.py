"""The `japan` blueprint and its URL map: a candidate's tests (/me/tests), a hire's
departure checklist (/hires/…: its employer, the hire and their sending organisation's
person; who sees which hire is `lookups.get_hire_or_404`), and the sending organisation's
pages (/sending/)."""

from flask import Blueprint

from ..auth.sessions import role_required
from ..models import UserRole
from . import views

bp = Blueprint("japan", __name__)

candidate = role_required(UserRole.CANDIDATE)
hire_people = role_required(UserRole.EMPLOYER, UserRole.CANDIDATE, UserRole.SENDING)
agent = role_required(UserRole.SENDING)
employer = role_required(UserRole.EMPLOYER)

bp.add_url_rule("/me/tests", view_func=candidate(views.my_tests))
bp.add_url_rule("/me/tests/add", view_func=candidate(views.add_test), methods=["POST"])
bp.add_url_rule("/me/tests/japanese", view_func=candidate(views.set_japanese), methods=["POST"])
bp.add_url_rule(
    "/me/tests/<int:test_id>/remove", view_func=candidate(views.remove_test), methods=["POST"]
)
bp.add_url_rule(
    "/hires/<int:application_id>/checklist", view_func=hire_people(views.show_checklist)
)
bp.add_url_rule(
    "/hires/<int:application_id>/checklist/tick",
    view_func=hire_people(views.tick_step),
    methods=["POST"],
)
bp.add_url_rule(
    "/hires/<int:application_id>/checklist/<any(passport, ocwc, contract, coe, visa, training,"
    " departure):step>/untick",
    view_func=hire_people(views.untick_step),
    methods=["POST"],
)
bp.add_url_rule(
    "/hires/<int:application_id>/sending",
    view_func=employer(views.invite_agent),
    methods=["POST"],
)
bp.add_url_rule("/sending/", view_func=agent(views.sending_dashboard))
bp.add_url_rule("/sending/join/<token>", view_func=views.join_sending, methods=["GET", "POST"])
