"""A job's page for the person who started it (and organizers): progress, failure, the file."""

import os

from flask import Blueprint, abort, jsonify, render_template, send_file, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..models import Job, JobStatus
from . import get_job_or_404, registry
from .run import files_folder

# "jobs" is the job search (candidates.jobs_bp): these pages are "job.status" and so on.
bp = Blueprint("job", __name__, url_prefix="/jobs")


@bp.app_template_global("job_progress")
def progress_text(job: Job) -> str:
    """ "Badge sheets: 4,200 of 9,000", in the reader's language."""
    label = registry.label(job.kind)
    if job.total:
        return _(
            "%(label)s: %(done)s of %(total)s",
            label=label,
            done=format_decimal(job.done),
            total=format_decimal(job.total),
        )
    if job.done:
        return _("%(label)s: %(done)s done", label=label, done=format_decimal(job.done))
    return str(label)


STATUS_LABELS = {
    JobStatus.QUEUED: _l("Waiting for a worker"),
    JobStatus.RUNNING: _l("Working"),
    JobStatus.DONE: _l("Done"),
    JobStatus.FAILED: _l("Failed"),
}


@bp.app_template_global("job_status")
def status_text(job: Job) -> str:
    return str(STATUS_LABELS[JobStatus(job.status)])


def can_download(job: Job) -> bool:
    return (
        job.status == JobStatus.DONE and bool(job.result_path) and job.owner_id == current_user.id
    )


@bp.route("/<int:job_id>")
@login_required
def status(job_id):
    job = get_job_or_404(job_id, for_user=current_user)
    return render_template(
        "jobs/status.html",
        job=job,
        progress=progress_text(job),
        status=status_text(job),
        can_download=can_download(job),
    )


@bp.route("/<int:job_id>.json")
@login_required
def status_json(job_id):
    job = get_job_or_404(job_id, for_user=current_user)
    return jsonify(
        status=job.status,
        status_text=status_text(job),
        done=job.done,
        total=job.total,
        progress=progress_text(job),
        finished=job.finished,
        error=job.error,
        file_url=url_for(".download", job_id=job.id) if can_download(job) else None,
    )


@bp.route("/<int:job_id>/file")
@login_required
def download(job_id):
    job = get_job_or_404(job_id, for_user=current_user)
    if not can_download(job):
        abort(404)
    path = os.path.join(files_folder(), os.path.basename(job.result_path))
    if not os.path.exists(path):
        abort(404)
    response = send_file(
        path, mimetype=job.result_mime, as_attachment=True, download_name=job.result_name
    )
    response.headers["Cache-Control"] = "no-store"
    return response
