"""The API tokens page (recruiters and organizers) and its form; the docs link from it."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length

from ..auth.sessions import role_required
from ..extensions import db
from ..fields import STRIP, ButtonForm
from ..models import UserRole
from . import tokens

bp = Blueprint("api_tokens", __name__, url_prefix="/account/api-tokens")


class TokenForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[InputRequired(), Length(max=100)],
        filters=STRIP,
        description=_l("What the token is for, e.g. “our applicant system”."),
    )
    scope = SelectField(
        _l("Access"),
        choices=[
            SelectChoice("read", _l("Read only")),
            SelectChoice("write", _l("Read and write")),
        ],
    )
    days = SelectField(
        _l("Valid for"),
        coerce=int,
        choices=[
            SelectChoice(30, _l("30 days")),
            SelectChoice(90, _l("90 days")),
            SelectChoice(365, _l("One year")),
        ],
    )


@bp.before_request
@role_required(UserRole.EMPLOYER, UserRole.ORGANIZER)
def require_role():
    """Recruiters and organizers only."""


@bp.route("/", methods=["GET", "POST"])
def api_tokens():
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        try:
            _token, secret = tokens.create_token(
                current_user, name=form.name.data, scope=form.scope.data, days=form.days.data
            )
        except tokens.TokenError as exc:
            form.scope.errors.append(str(exc))
        else:
            db.session.commit()
            form = TokenForm(formdata=None)
    return render_template(
        "api/tokens.html",
        form=form,
        secret=secret,
        tokens=tokens.tokens_of(current_user),
        revoke_form=ButtonForm(),
    )


@bp.route("/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id):
    token = tokens.get_token_or_404(token_id, for_user=current_user)
    if ButtonForm().validate_on_submit():
        tokens.revoke(token, current_user)
        db.session.commit()
        flash(_("The token is revoked: it no longer works."), "success")
    return redirect(url_for("api_tokens.api_tokens"))
