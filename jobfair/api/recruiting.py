"""A company's roles (create, read, update, delete), their ranked shortlists and the
applications in their pipeline, with the pages' own lookups and workflows."""

import sqlalchemy as sa
from flask import g, jsonify, request

from .. import postings
from ..employers import applications, roles, shortlists
from ..employers.errors import RecruitingError
from ..employers.lookups import get_application_or_404, get_role_or_404
from ..employers.shortlist_query import QueryError, ShortlistQuery
from ..extensions import db
from ..models import Application, ApplicationStatus, Event, Role
from ..models.rules import InvalidRecord
from . import serialize
from .blueprint import ApiError, bp, int_arg, no_content, page_args, paginated, requires
from .payloads import json_body, role_fields_of

RECRUITERS = ("employer",)
STATUS_FIELDS = {"status", "reason"}


@bp.get("/roles")
@requires(roles=RECRUITERS)
def list_roles():
    page, per_page = page_args()
    query = sa.select(Role).where(Role.organization_id == g.api_user.organization_id)
    event_id = int_arg("event_id")
    if event_id is not None:
        query = query.where(Role.event_id == event_id)
    status = request.args.get("status")
    if status is not None:
        if status not in ("draft", "open", "closed"):
            raise ApiError(400, "status is draft, open or closed.")
        query = query.where(Role.status == status)
    query = query.order_by(Role.created_at.desc(), Role.id.desc())
    return jsonify(paginated(query, serialize.role, page, per_page))


@bp.post("/roles")
@requires(scope="write", roles=RECRUITERS)
def create_role():
    fields = role_fields_of(json_body(), new=True)
    event = db.session.get(Event, fields.pop("event_id"))
    status = fields.pop("status", None)
    texts = fields.pop("translations", {})
    if event is None:
        raise ApiError(422, "Some fields are not right.", {"event_id": "no such event"})
    user = g.api_user
    try:
        role = roles.create_role(user.organization, event, user, **fields)
        if status:
            role.status = status
    except RecruitingError as exc:
        raise ApiError(422, str(exc), {"event_id": str(exc)}) from None
    translate(role, texts)
    db.session.commit()
    return jsonify(serialize.role(role)), 201


@bp.get("/roles/<api_id:role_id>")
@requires(roles=RECRUITERS)
def get_role(role_id):
    return jsonify(serialize.role(get_role_or_404(role_id, for_user=g.api_user)))


@bp.patch("/roles/<api_id:role_id>")
@requires(scope="write", roles=RECRUITERS)
def update_role(role_id):
    role = get_role_or_404(role_id, for_user=g.api_user)
    fields = role_fields_of(json_body(), new=False, current=role)
    status = fields.pop("status", None)
    texts = fields.pop("translations", {})
    roles.update_role(role, **fields)
    translate(role, texts)
    if status and status != role.status:
        roles.set_role_status(role, status, g.api_user)
    db.session.commit()
    return jsonify(serialize.role(role))


def translate(role: Role, texts: dict) -> None:
    """The body's translations, by the model's rules; 422 naming each refusal."""
    try:
        postings.set_translations(role, texts, g.api_user)
    except InvalidRecord as exc:
        db.session.rollback()
        details = {f"translations.{name}": message for name, message in exc.messages().items()}
        raise ApiError(422, "Some fields are not right.", details) from None


@bp.delete("/roles/<api_id:role_id>")
@requires(scope="write", roles=RECRUITERS)
def delete_role(role_id):
    role = get_role_or_404(role_id, for_user=g.api_user)
    used = db.session.scalar(
        sa.select(sa.func.count(Application.id)).where(Application.role_id == role.id)
    )
    if used:
        raise ApiError(409, "This role has applications; close it instead (PATCH status=closed).")
    db.session.delete(role)
    db.session.commit()
    return no_content()


@bp.get("/roles/<api_id:role_id>/shortlist")
@requires(roles=RECRUITERS)
def get_shortlist(role_id):
    """The ranked shortlist as the page shows it: the same query (section, filters, search,
    sort), order, bands and blind review; an unknown choice answers 400, as on the page."""
    role = get_role_or_404(role_id, for_user=g.api_user, candidates=True)
    page, per_page = page_args(max_per_page=100)
    try:
        query = ShortlistQuery.from_args(role, request.args)
    except QueryError as exc:
        raise ApiError(400, str(exc) + ".") from None
    listing = query.page(page, per_page)
    pipeline = shortlists.applications_by_candidate(role)
    entries = listing.entries
    items = []
    for entry in entries:
        application = pipeline.get(entry.profile.id)
        items.append(
            {
                "rank": entry.rank,
                "score": round(entry.score, 4),
                "band": entry.explanation.get("band"),
                "candidate": serialize.candidate(role, entry.profile, application),
                "application_status": application.status if application else None,
                "explanation": entry.explanation,
            }
        )
    return jsonify(
        {
            "items": items,
            "page": listing.page,
            "per_page": per_page,
            "total": listing.total,
            "section": listing.section,
            "sections": listing.counts,
        }
    )


@bp.get("/roles/<api_id:role_id>/applications")
@requires(roles=RECRUITERS)
def list_applications(role_id):
    role = get_role_or_404(role_id, for_user=g.api_user, candidates=True)
    page, per_page = page_args()
    query = sa.select(Application).where(Application.role_id == role.id)
    status = request.args.get("status")
    if status is not None:
        if status not in set(ApplicationStatus):
            raise ApiError(400, "status is one of: " + ", ".join(ApplicationStatus))
        query = query.where(Application.status == status)
    query = query.order_by(Application.updated_at.desc(), Application.id)
    return jsonify(paginated(query, serialize.application, page, per_page))


@bp.get("/applications/<api_id:application_id>")
@requires(roles=RECRUITERS)
def get_application(application_id):
    return jsonify(
        serialize.application(get_application_or_404(application_id, for_user=g.api_user))
    )


@bp.post("/applications/<api_id:application_id>/status")
@requires(scope="write", roles=RECRUITERS)
def change_application_status(application_id):
    """One step along the pipeline, as on the page (inviting to an interview and making an
    offer are the page's); the step obeys the same rules (`applications.move`)."""
    application = get_application_or_404(application_id, for_user=g.api_user)
    body = json_body()
    status, reason = body.get("status"), body.get("reason", "")
    problems = {name: "not a field of a status change" for name in set(body) - STATUS_FIELDS}
    if not isinstance(status, str) or status not in set(ApplicationStatus):
        problems["status"] = "one of: " + ", ".join(ApplicationStatus)
    if not isinstance(reason, str) or len(reason) > applications.MAX_REASON:
        problems["reason"] = f"a text of at most {applications.MAX_REASON} characters"
    elif status == ApplicationStatus.REJECTED and not reason.strip():
        problems["reason"] = str(applications.REASON_REQUIRED)
    if problems:
        raise ApiError(422, "Some fields are not right.", problems)
    try:
        applications.change_status(application, status, g.api_user, reason=reason)
    except RecruitingError as exc:
        raise ApiError(409, str(exc)) from None
    db.session.commit()
    return jsonify(serialize.application(application))
