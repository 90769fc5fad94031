"""The message settings page (follow-ups from organizers: on or off) and the page the
opt-out link in every follow-up opens, without logging in."""

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import BooleanField

from ..extensions import db
from ..fields import ButtonForm
from .opt_out import set_follow_ups, user_for_token
from .views import bp


class FollowUpSettingsForm(FlaskForm):
    wanted = BooleanField(_l("Send me follow-ups and surveys from the fair organizers"))


@bp.route("/opt-out/<token>", methods=["GET", "POST"])
def opt_out(token):
    """The link in every follow-up: a page with one button (a link alone changes nothing,
    so mail scanners that open links do not opt people out)."""
    user = user_for_token(token)
    if user is None:
        abort(404)
    form = ButtonForm()
    done = False
    if form.validate_on_submit():
        set_follow_ups(user, False)
        db.session.commit()
        done = True
    page = render_template(
        "messages/opt_out.html", form=form, done=done or user.follow_ups_opted_out_at is not None
    )
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def follow_up_settings():
    form = FollowUpSettingsForm()
    if form.validate_on_submit():
        set_follow_ups(current_user, form.wanted.data)
        db.session.commit()
        flash(_l("Your choice is saved."), "success")
        return redirect(url_for("messages.follow_up_settings"))
    form.wanted.data = current_user.follow_ups_opted_out_at is None
    return render_template("messages/settings.html", form=form)
