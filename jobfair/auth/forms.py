"""Account forms: sign-up, log-in, two-factor codes and password reset."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, TelField
from wtforms.validators import Email, InputRequired, Length, Optional, Regexp, ValidationError

from ..fields import DIGITS, STRIP, new_password, repeat_password
from ..labels import COUNTRY_LABELS, SECTOR_LABELS, choices
from . import accounts


class PasswordMixin:
    password = new_password(
        description=_l("At least 8 characters. A phrase of several words is easy to remember.")
    )
    confirm = repeat_password()


class CandidateSignupForm(PasswordMixin, FlaskForm):
    display_name = StringField(
        _l("Your name"), validators=[InputRequired(), Length(max=200)], filters=STRIP
    )
    email = EmailField(
        _l("Email"), validators=[Optional(), Email(), Length(max=254)], filters=STRIP
    )
    phone = TelField(_l("Phone"), validators=[Optional(), Length(max=20)], filters=DIGITS)

    def validate_phone(self, field):
        try:
            accounts.normalise_phone(field.data)
        except accounts.AccountError as exc:
            raise ValidationError(str(exc)) from None
        if not field.data and not self.email.data:
            raise ValidationError(_("Give an email address or a phone number."))


class StaffJoinForm(CandidateSignupForm):
    """Door or booth staff joining by an organizer's link: the same fields as a sign-up."""


class EmployerSignupForm(PasswordMixin, FlaskForm):
    company_name = StringField(
        _l("Company name"), validators=[InputRequired(), Length(max=200)], filters=STRIP
    )
    country = SelectField(_l("Country"), choices=choices(COUNTRY_LABELS))
    sector = SelectField(_l("Sector"), choices=choices(SECTOR_LABELS))
    display_name = StringField(
        _l("Your name"), validators=[InputRequired(), Length(max=200)], filters=STRIP
    )
    email = EmailField(
        _l("Work email"), validators=[InputRequired(), Email(), Length(max=254)], filters=STRIP
    )


class JoinCompanyForm(PasswordMixin, FlaskForm):
    display_name = StringField(
        _l("Your name"), validators=[InputRequired(), Length(max=200)], filters=STRIP
    )
    email = EmailField(
        _l("Work email"), validators=[InputRequired(), Email(), Length(max=254)], filters=STRIP
    )


class LoginForm(FlaskForm):
    identifier = StringField(
        _l("Email or phone"), validators=[InputRequired(), Length(max=254)], filters=STRIP
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=128)])


class CodeForm(FlaskForm):
    code = StringField(
        _l("6-digit code from your authenticator app"),
        validators=[
            InputRequired(),
            Regexp(
                r"^\s*[0-9]{3}\s?[0-9]{3}\s*$", message=_l("Enter the 6 digits shown in the app.")
            ),
        ],
        filters=DIGITS,
    )


class VerifyForm(FlaskForm):
    """The second step of a log-in: a code from the app, or one of the recovery codes."""

    code = StringField(
        _l("6-digit code from your authenticator app, or a recovery code"),
        validators=[InputRequired(), Length(max=40)],
        filters=STRIP,
    )


class DisableTwoFactorForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[Optional(), Length(max=128)])
    code = StringField(
        _l("Or a 6-digit code from your authenticator app"),
        validators=[Optional(), Length(max=20)],
        filters=STRIP,
    )


class ResetRequestForm(FlaskForm):
    identifier = StringField(
        _l("Email or phone"), validators=[InputRequired(), Length(max=254)], filters=STRIP
    )


class ResetForm(FlaskForm):
    password = new_password(_l("New password"))
    confirm = repeat_password()
