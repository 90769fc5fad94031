"""A candidate's CV file, for its owner and for the employers the candidate let see it."""

from flask import Response, abort
from flask_login import current_user
from werkzeug.utils import secure_filename

from ... import access
from ...extensions import db
from ...models import CandidateProfile, UserRole
from ...models.audit import record_audit
from .. import profile
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
    path = profile.cv_path(found)
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
    filename = secure_download_name(found.cv_original_name, path)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def secure_download_name(original: str | None, path: str) -> str:
    """An ASCII file name for the header; the candidate's own name may be in any script."""
    extension = path.rsplit(".", 1)[-1]
    name = secure_filename(original or "") or f"cv.{extension}"
    return name if name.endswith(f".{extension}") else f"{name}.{extension}"
