"""Follow-ups after a fair: the list with counts, the composer, the preview with its test
send, sending (a job), and the record of who got it in which language."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...database import paginate
from ...extensions import db
from ...fields import ButtonForm
from ...labels import POSTING_LANGUAGE_LABELS
from ...models import FollowUpStatus
from .. import follow_ups, lookups, segments
from ..blueprint import bp
from ..errors import OrganizerError
from ..follow_up_forms import FollowUpForm


@bp.route("/events/<int:event_id>/follow-ups")
def list_follow_ups(event_id):
    event = lookups.get_event_or_404(event_id)
    return render_template(
        "organizers/follow_ups.html",
        event=event,
        follow_ups=follow_ups.of_event(event),
        describe=lambda f: segments.describe(follow_ups.segment_of(f)),
    )


def _compose(event, follow_up=None):
    form = FollowUpForm(event)
    if request.method == "GET" and follow_up is not None:
        form.fill(follow_ups.segment_of(follow_up))
        form.fill_texts(follow_up.texts)
    if form.validate_on_submit():
        try:
            if follow_up is None:
                follow_up = follow_ups.write_follow_up(
                    event, form.segment(event), form.texts(), author=current_user
                )
            else:
                follow_ups.change_draft(follow_up, form.segment(event), form.texts())
        except OrganizerError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            return redirect(
                url_for("organizers.show_follow_up", event_id=event.id, follow_up_id=follow_up.id)
            )
    status = 400 if request.method == "POST" else 200
    page = render_template(
        "organizers/write_follow_up.html", event=event, form=form, follow_up=follow_up
    )
    return page, status


@bp.route("/events/<int:event_id>/follow-ups/new", methods=["GET", "POST"])
def write_follow_up(event_id):
    return _compose(lookups.get_event_or_404(event_id))


@bp.route("/events/<int:event_id>/follow-ups/<int:follow_up_id>/edit", methods=["GET", "POST"])
def edit_follow_up(event_id, follow_up_id):
    event = lookups.get_event_or_404(event_id)
    follow_up = lookups.get_follow_up_or_404(event, follow_up_id)
    if follow_up.status != FollowUpStatus.DRAFT:
        return redirect(
            url_for("organizers.show_follow_up", event_id=event.id, follow_up_id=follow_up.id)
        )
    return _compose(event, follow_up)


@bp.route("/events/<int:event_id>/follow-ups/<int:follow_up_id>")
def show_follow_up(event_id, follow_up_id):
    """A draft's preview (count, languages, fallbacks); a sent one's record (who got what)."""
    event = lookups.get_event_or_404(event_id)
    follow_up = lookups.get_follow_up_or_404(event, follow_up_id)
    draft = follow_up.status == FollowUpStatus.DRAFT
    return render_template(
        "organizers/follow_up.html",
        event=event,
        follow_up=follow_up,
        segment_text=segments.describe(follow_ups.segment_of(follow_up)),
        preview=follow_ups.preview(follow_up) if draft else None,
        sent=None if draft else follow_ups.languages_sent(follow_up),
        recipients=None if draft else paginate(follow_ups.recipients(follow_up)),
        stalled=follow_ups.stalled(follow_up),
        form=ButtonForm(),
        language_labels=POSTING_LANGUAGE_LABELS,
    )


@bp.route("/events/<int:event_id>/follow-ups/<int:follow_up_id>/test", methods=["POST"])
def test_follow_up(event_id, follow_up_id):
    event = lookups.get_event_or_404(event_id)
    follow_up = lookups.get_follow_up_or_404(event, follow_up_id)
    if ButtonForm().validate_on_submit():
        follow_ups.send_test(follow_up, current_user)
        db.session.commit()
        flash(_("A test copy is in your messages."), "success")
    return redirect(
        url_for("organizers.show_follow_up", event_id=event.id, follow_up_id=follow_up.id)
    )


@bp.route("/events/<int:event_id>/follow-ups/<int:follow_up_id>/send", methods=["POST"])
def send_follow_up(event_id, follow_up_id):
    event = lookups.get_event_or_404(event_id)
    follow_up = lookups.get_follow_up_or_404(event, follow_up_id)
    back = url_for("organizers.show_follow_up", event_id=event.id, follow_up_id=follow_up.id)
    if not ButtonForm().validate_on_submit():
        return redirect(back)
    start = follow_ups.resume_sending if request.form.get("rest") else follow_ups.start_sending
    try:
        job = start(follow_up, by=current_user)
    except OrganizerError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(back)
    db.session.commit()
    return redirect(url_for("job.status", job_id=job.id))
