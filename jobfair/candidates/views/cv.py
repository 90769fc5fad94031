"""A candidate's CV file, for its owner and for the employers the candidate let see it."""

from flask import Response, abort
from flask_login import current_user

from ... import access, uploads
from ...extensions import db
from ...models import CandidateProfile, UserRole
from ...models.audit import record_audit
from ..blueprint import cv_bp


@cv_bp.route("/<int:profile_id>")
def download_cv(profile_id):
    """The CV, for its owner and for a company one of whose roles may name the candidate
    (`access.can_download_cv`: in the fair, past blind review); 404 for anyone else."""
    found = db.session.get(CandidateProfile, profile_id)
    if not current_user.is_authenticated:
        abort(404)
    if found is None or not access.can_download_cv(current_user, found):
        abort(404)
    path = uploads.existing_cv_path(found.cv_filename)
    if path is None:
        abort(404)
    if current_user.role != UserRole.CANDIDATE:
        record_audit(current_user, "cv_download", found)
        db.session.commit()
    with open(path, "rb") as handle:  # at most 5 MB
        data = handle.read()
    kind = (
        "application/pdf"
        if path.endswith(".pdf")
        else ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    )
    response = Response(data, mimetype=kind)
    filename = uploads.cv_download_name(found.cv_original_name, path)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
