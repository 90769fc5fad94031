"""Forms of the road to Japan: a test passed, a Japanese certificate, a tick of the
checklist, the invitation of a sending organisation and the agent's password."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, HiddenField, SelectField, StringField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from .. import labels
from ..fields import JAPANESE_CHOICES, STRIP, new_password, repeat_password
from ..labels import choices
from ..models import DEPARTURE_STEPS

PASSED_ON = _l("Date passed")


class PassedTestForm(FlaskForm):
    kind = SelectField(_l("What you passed"), choices=choices(labels.PASSED_TEST_LABELS))
    field = SelectField(_l("Field"), choices=choices(labels.SSW_FIELD_LABELS))
    passed_on = DateField(PASSED_ON, validators=[InputRequired()])
    detail = StringField(
        _l("Certificate number or test name (optional)"),
        validators=[Optional(), Length(max=200)],
        filters=STRIP,
    )


class JapaneseCertificateForm(FlaskForm):
    level = SelectField(
        _l("Japanese test passed"),
        choices=choices({k: v for k, v in JAPANESE_CHOICES.items() if k not in ("", "native")}),
    )
    certified_on = DateField(PASSED_ON, validators=[InputRequired()])


class TickForm(FlaskForm):
    step = HiddenField(validators=[InputRequired()])
    done_on = DateField(_l("Done on"), validators=[InputRequired()])

    def validate_step(self, field):
        if field.data not in DEPARTURE_STEPS:
            raise ValidationError(_l("Choose one of the listed options."))


class InviteAgentForm(FlaskForm):
    name = StringField(
        _l("Contact person's name"), validators=[InputRequired(), Length(max=200)], filters=STRIP
    )
    agency = StringField(
        _l("Sending organisation"), validators=[InputRequired(), Length(max=200)], filters=STRIP
    )
    email = EmailField(
        _l("Email"), validators=[InputRequired(), Email(), Length(max=254)], filters=STRIP
    )


class AgentPasswordForm(FlaskForm):
    password = new_password(
        description=_l("At least 8 characters. A phrase of several words is easy to remember.")
    )
    confirm = repeat_password()
