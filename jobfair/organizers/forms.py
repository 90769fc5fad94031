"""Organizer forms: events, exhibitors, check-in at the door, walk-ins."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import Email, InputRequired, Length, Optional

from ..fields import DIGITS, STRIP
from ..labels import EXHIBITOR_STATUS_LABELS, GENDER_LABELS, PROVINCE_LABELS, choices


class EventForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=200)], filters=STRIP)
    venue = StringField(_l("Venue"), validators=[InputRequired(), Length(max=300)], filters=STRIP)
    city = StringField(_l("City"), validators=[InputRequired(), Length(max=100)], filters=STRIP)
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=5000)], filters=STRIP
    )
    starts_on = DateField(_l("First day"), validators=[InputRequired()])
    ends_on = DateField(_l("Last day"), validators=[InputRequired()])
    opens_at = TimeField(_l("Opens at"), validators=[InputRequired()])
    closes_at = TimeField(_l("Closes at"), validators=[InputRequired()])
    registration_open = BooleanField(_l("Registration is open"))
    published = BooleanField(_l("Published (the exhibitor list and roles are public)"))


class ExhibitorForm(FlaskForm):
    status = SelectField(_l("Status"))
    booth_code = StringField(_l("Booth"), validators=[Optional(), Length(max=20)], filters=STRIP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = choices(EXHIBITOR_STATUS_LABELS)


class InviteForm(FlaskForm):
    organization_id = SelectField(_l("Company"), coerce=int)


class StaffInviteForm(FlaskForm):
    """Whom to invite: the door, or the booth of one approved exhibitor ("booth-<id>")."""

    post = SelectField(_l("Works at"))
    label = StringField(
        _l("Their name (so you recognise the invitation)"),
        validators=[Optional(), Length(max=200)],
        filters=STRIP,
    )


class CodeForm(FlaskForm):
    code = StringField(
        _l("Ticket code or QR scan"), validators=[InputRequired(), Length(max=100)], filters=DIGITS
    )


class ConfirmForm(FlaskForm):
    registration_id = HiddenField(validators=[InputRequired()])


class WalkInForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=120)], filters=STRIP)
    phone = TelField(_l("Phone"), validators=[Optional(), Length(max=20)], filters=DIGITS)
    email = EmailField(
        _l("Email"), validators=[Optional(), Email(), Length(max=254)], filters=STRIP
    )
    province = SelectField(_l("Province"), validators=[InputRequired()])
    gender = SelectField(_l("Gender (optional)"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.province.choices = choices(PROVINCE_LABELS)
        self.gender.choices = choices({"": _l("Prefer not to say"), **GENDER_LABELS})

    def validate(self, extra_validators=None):
        if not super().validate(extra_validators):
            return False
        if not self.phone.data and not self.email.data:
            self.phone.errors.append(_("Give a phone number or an email."))
            return False
        return True


class BadgeForm(FlaskForm):
    """Which badges and which sheet: posting it starts a job that makes the PDF."""

    kind = SelectField(_l("Badges for"), default="candidates")
    layout = SelectField(_l("Sheet"), default="a4-8")


class ImportForm(FlaskForm):
    from flask_wtf.file import FileField, FileRequired

    kind = SelectField(_l("What the file holds"))
    file = FileField(
        _l("Spreadsheet"),
        validators=[FileRequired(_l("Choose a file."))],
        description=_l("Excel (.xlsx) or CSV, first row the column names, at most 5 MB."),
    )
    del FileField, FileRequired


class TranslationForm(FlaskForm):
    """An interpreter's translation of a role's title and description (both empty: none)."""

    title = StringField(_l("Job title"), validators=[Length(max=200)], filters=STRIP)
    description = TextAreaField(
        _l("What the work is"), validators=[Length(max=5000)], filters=STRIP
    )


class FunnelReportForm(FlaskForm):
    """The funders' report: which file and in which language; posting it starts a job."""

    file_format = SelectField(
        _l("File"),
        choices=[
            SelectChoice("pdf", _l("PDF (A4)")),
            SelectChoice("xlsx", _l("Spreadsheet (XLSX)")),
        ],
    )
    language = SelectField(
        _l("Language"),
        choices=[SelectChoice("en", _l("English")), SelectChoice("ja", _l("Japanese"))],
    )
