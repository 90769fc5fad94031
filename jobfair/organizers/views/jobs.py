"""Every job of the platform for organizers: failed first, by status, and trying one again."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from ...database import paginate
from ...extensions import db
from ...fields import ButtonForm
from ...jobs import registry, runner
from ...jobs.views import STATUS_LABELS
from ...models import Job, JobStatus
from ...models.audit import record_audit
from ..blueprint import bp


@bp.route("/jobs")
def list_jobs():
    status = request.args.get("status", "")
    failed_first = sa.case((Job.status == JobStatus.FAILED, 0), else_=1)
    statement = (
        sa.select(Job)
        .options(selectinload(Job.owner))
        .order_by(failed_first, Job.created_at.desc(), Job.id.desc())
    )
    if status in set(JobStatus):
        statement = statement.where(Job.status == status)
    counts = dict(
        db.session.execute(sa.select(Job.status, sa.func.count()).group_by(Job.status)).all()
    )
    return render_template(
        "organizers/jobs.html",
        pagination=paginate(statement, per_page=50),
        status=status,
        counts=counts,
        status_labels=STATUS_LABELS,
        label=registry.label,
        form=ButtonForm(),
    )


@bp.route("/jobs/<int:job_id>/retry", methods=["POST"])
def retry_job(job_id):
    job = db.session.get(Job, job_id) or abort(404)
    if ButtonForm().validate_on_submit():
        if runner.can_retry(job):
            runner.retry(job)
            record_audit(current_user, "job_retry", job, kind=job.kind)
            db.session.commit()
            flash(_("The job is queued again."), "success")
        elif job.status == JobStatus.FAILED:
            flash(
                _("This job failed too long ago to be tried again: please start it again."),
                "error",
            )
        else:
            flash(_("Only a failed job can be tried again."), "error")
    return redirect(url_for("job.status", job_id=job_id))
