"""Webhooks: the company's systems are told of applications, status changes and interviews."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, URLField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from ...extensions import db
from ...fields import STRIP, ButtonForm
from ...labels import choices
from .. import errors, webhooks
from ..blueprint import bp

EVENT_LABELS = {
    "application.created": _l("A candidate applies or is added to a pipeline"),
    "application.status_changed": _l("An application changes status"),
    "interview.accepted": _l("A candidate accepts an interview"),
}


class WebhookForm(FlaskForm):
    url = URLField(
        _l("Address (URL)"),
        validators=[InputRequired(), Length(max=500)],
        filters=STRIP,
        description=_l(
            "Where your system receives the events, e.g. https://hr.example.co.jp/hooks/jobfair"
        ),
    )
    events = SelectMultipleField(
        _l("Events"),
        choices=choices(EVENT_LABELS),
        default=list(EVENT_LABELS),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )


@bp.route("/webhooks", methods=["GET", "POST"])
def show_webhooks():
    form = WebhookForm()
    created = None
    if form.validate_on_submit():
        try:
            created = webhooks.register_webhook(
                current_user.organization, current_user, url=form.url.data, events=form.events.data
            )
        except errors.RecruitingError as exc:
            db.session.rollback()
            form.url.errors.append(str(exc))
        else:
            db.session.commit()
            form = WebhookForm(formdata=None)
    hooks = webhooks.company_webhooks(current_user.organization)
    return render_template(
        "employers/webhooks.html",
        form=form,
        created=created,
        webhooks=hooks,
        deliveries=webhooks.last_deliveries(hooks),
        event_labels=EVENT_LABELS,
        remove_form=ButtonForm(),
    )


@bp.route("/webhooks/<int:webhook_id>/remove", methods=["POST"])
def remove_webhook(webhook_id):
    webhook = webhooks.get_webhook_or_404(webhook_id, for_user=current_user)
    if ButtonForm().validate_on_submit():
        webhooks.disable_webhook(webhook, current_user)
        db.session.commit()
        flash(_("The webhook is removed."), "success")
    return redirect(url_for("employers.show_webhooks"))
