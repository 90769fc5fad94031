"""A candidate's page for a recruiter reviewing them for a role, and their CV."""

from flask import Response, abort, render_template
from flask_login import current_user

from ... import rirekisho, uploads
from ...extensions import db
from ...models import record_audit
from .. import lookups, review, scorecards
from ..blueprint import bp
from ..review_forms import RejectForm, WalkUpForm

MIMETYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# The CV is someone else's file: shown in a sandbox (no scripts, no forms, its own
# origin), framed only by our own pages.
CV_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def reviewed(role_id: int, candidate_id: int) -> review.Review:
    role = lookups.get_role_or_404(role_id, for_user=current_user, candidates=True)
    return review.review(role, lookups.get_candidate_or_404(role, candidate_id))


@bp.route("/roles/<int:role_id>/candidates/<int:candidate_id>")
def show_candidate(role_id, candidate_id):
    view = reviewed(role_id, candidate_id)
    return render_template(
        "employers/candidate.html",
        view=view,
        role=view.role,
        candidate=view.profile,
        board=scorecards.board(view.application) if view.application else None,
        my_scorecard=view.application and scorecards.scorecard_of(view.application, current_user),
        reject_form=RejectForm(prefix="reject"),
        walk_up_form=WalkUpForm(prefix="walkup"),
        rirekisho=rirekisho_shown(view),
    )


def rirekisho_shown(view: review.Review):
    """The candidate's confirmed rirekisho where this page may name them and the CV rule
    (`rirekisho.may_see`, i.e. `access.can_download_cv`) lets the company open it."""
    return rirekisho.may_see(current_user, view.profile) if view.revealed else None


def cv_response(role_id: int, candidate_id: int, *, inline: bool) -> Response:
    view = reviewed(role_id, candidate_id)
    try:
        path, kind = review.cv_file_for(view, current_user, inline=inline)
    except LookupError:
        abort(404)
    db.session.commit()
    with open(path, "rb") as handle:  # at most 5 MB
        data = handle.read()
    response = Response(data, mimetype=MIMETYPES[kind])
    filename = uploads.cv_download_name(view.profile.cv_original_name, path)
    disposition = "inline" if inline and kind == "pdf" else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Content-Security-Policy"] = CV_POLICY
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/roles/<int:role_id>/candidates/<int:candidate_id>/cv")
def view_cv(role_id, candidate_id):
    """The CV shown in the page (PDF); other files download."""
    return cv_response(role_id, candidate_id, inline=True)


@bp.route("/roles/<int:role_id>/candidates/<int:candidate_id>/cv/download")
def download_cv(role_id, candidate_id):
    return cv_response(role_id, candidate_id, inline=False)


@bp.route("/roles/<int:role_id>/candidates/<int:candidate_id>/rirekisho")
def download_rirekisho(role_id, candidate_id):
    """The rirekisho PDF, like the CV: 404 where the CV would not open or it is unconfirmed."""
    view = reviewed(role_id, candidate_id)
    found = rirekisho_shown(view)
    if found is None:
        abort(404)
    record_audit(current_user, "rirekisho_download", view.profile, role_id=role_id)
    db.session.commit()
    return rirekisho.pdf_response(found, inline=False)
