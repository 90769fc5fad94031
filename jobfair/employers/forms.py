"""Forms of the employer pages; every field is checked on the server."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..fields import STRIP, SkillsField
from ..labels import (
    CEFR_LEVELS,
    COUNTRY_LABELS,
    CURRENCY_LABELS,
    EDUCATION_LABELS,
    JLPT_LEVELS,
    LANGUAGE_LABELS,
    LANGUAGE_LEVEL_LABELS,
    PROGRAM_LABELS,
    SECTOR_LABELS,
    choices,
    location_choices,
)


class CompanyForm(FlaskForm):
    name = StringField(
        _l("Company name"), validators=[DataRequired(), Length(max=200)], filters=STRIP
    )
    country = SelectField(_l("Country"), choices=choices(COUNTRY_LABELS))
    sector = SelectField(_l("Sector"), choices=choices(SECTOR_LABELS))
    description = TextAreaField(
        _l("About the company"), validators=[Length(max=4000)], filters=STRIP
    )
    website = URLField(
        _l("Website"),
        validators=[
            Optional(),
            URL(message=_l("Enter a web address such as https://example.com.")),
            Length(max=300),
        ],
        filters=STRIP,
    )
    logo = FileField(_l("Logo"), description=_l("PNG or JPEG, at most 1 MB."))


class LanguageRequirementForm(Form):
    language = SelectField(
        _l("Language"),
        choices=[SelectChoice("", _l("—"))] + choices(LANGUAGE_LABELS),
        default="",
    )
    level = SelectField(
        _l("Minimum level"),
        choices=[SelectChoice("", _l("—"))] + choices(LANGUAGE_LEVEL_LABELS),
        default="",
    )
    must = BooleanField(_l("Must have"))

    def validate_level(self, field):
        if not self.language.data:
            return
        if not field.data:
            raise ValidationError(_l("Choose the minimum level."))
        if self.language.data == "Japanese" and field.data in CEFR_LEVELS:
            raise ValidationError(_l("Use a JLPT level for Japanese."))
        if self.language.data != "Japanese" and field.data in JLPT_LEVELS:
            raise ValidationError(_l("JLPT levels are for Japanese only."))


class RoleForm(FlaskForm):
    event_id = SelectField(_l("Event"), coerce=int, validate_choice=True)
    title = StringField(
        _l("Job title"), validators=[InputRequired(), Length(max=200)], filters=STRIP
    )
    description = TextAreaField(
        _l("What the work is"), validators=[Length(max=5000)], filters=STRIP
    )
    sector = SelectField(_l("Sector"), choices=choices(SECTOR_LABELS))
    location = SelectField(_l("Work location"))
    program = SelectField(_l("Programme"), choices=choices(PROGRAM_LABELS))
    headcount = IntegerField(
        _l("People needed"),
        default=1,
        validators=[InputRequired(), NumberRange(min=1, max=1000, message=_l("From 1 to 1,000."))],
    )
    salary_min = IntegerField(
        _l("Monthly salary from"),
        validators=[
            Optional(),
            NumberRange(min=0, max=100_000_000, message=_l("Enter a positive amount.")),
        ],
    )
    salary_max = IntegerField(
        _l("Monthly salary up to"),
        validators=[
            Optional(),
            NumberRange(min=0, max=100_000_000, message=_l("Enter a positive amount.")),
        ],
    )
    currency = SelectField(_l("Currency"), choices=choices(CURRENCY_LABELS))
    required_skills = SkillsField(
        _l("Required skills"),
        description=_l("Separate skills with commas, e.g. welding, reading technical drawings."),
    )
    preferred_skills = SkillsField(
        _l("Preferred skills"),
        description=_l("Nice to have; separate with commas."),
    )
    languages = FieldList(FormField(LanguageRequirementForm), min_entries=3, max_entries=3)
    min_education = SelectField(_l("Minimum education"), choices=choices(EDUCATION_LABELS))
    blind_review = BooleanField(
        _l("Blind review: hide names, gender and age until I invite a candidate")
    )

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.event_id.choices = [SelectChoice(e.id, e.name) for e in events]
        self.location.choices = location_choices()

    def validate_salary_max(self, field):
        low = self.salary_min.data
        if field.data is not None and low is not None and low > field.data:
            raise ValidationError(_l("The highest salary must not be below the lowest."))

    def language_requirements(self) -> list[dict]:
        seen, requirements = set(), []
        for entry in self.languages.entries:
            language = entry.form.language.data
            if language and language not in seen:
                seen.add(language)
                requirements.append(
                    {
                        "language": language,
                        "level": entry.form.level.data,
                        "must": entry.form.must.data,
                    }
                )
        return requirements

    def role_fields(self) -> dict:
        fields = {
            name: getattr(self, name).data
            for name in (
                "title", "description", "sector", "location", "program", "headcount",
                "salary_min", "salary_max", "currency", "required_skills",
                "preferred_skills", "min_education", "blind_review",
            )
        }  # fmt: skip
        fields["languages"] = self.language_requirements()
        return fields

    def fill_languages(self, requirements: list[dict]) -> None:
        for entry, requirement in zip(self.languages.entries, requirements, strict=False):
            entry.form.language.data = requirement.get("language", "")
            entry.form.level.data = requirement.get("level", "")
            entry.form.must.data = bool(requirement.get("must"))


class ShortlistFilterForm(Form):
    """Read from the query string: a bookmarkable, shareable view."""

    checked_in = BooleanField(_l("Checked in today"))
    location = BooleanField(_l("Wants to work in this location"))
    program = BooleanField(_l("Interested in this programme"))
    education = BooleanField(_l("Meets the minimum education"))

    def active(self) -> set[str]:
        return {name for name, f in self._fields.items() if f.data}


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("Private note"),
        validators=[DataRequired(), Length(max=4000)],
        filters=STRIP,
        description=_l("Only your company's recruiters see notes."),
    )


class StatusForm(FlaskForm):
    status = SelectField(_l("Move to"))


class InviteForm(FlaskForm):
    slot_id = SelectField(_l("Interview slot"), coerce=int)


class SlotsForm(FlaskForm):
    day = DateField(_l("Day"), validators=[InputRequired()])
    start = TimeField(_l("From"), validators=[InputRequired()])
    end = TimeField(_l("Until"), validators=[InputRequired()])
    minutes = IntegerField(
        _l("Minutes per interview"),
        default=20,
        validators=[
            InputRequired(),
            NumberRange(min=5, max=240, message=_l("From 5 to 240 minutes.")),
        ],
    )

    def validate_end(self, field):
        if self.start.data and field.data and field.data <= self.start.data:
            raise ValidationError(_l("The end must be after the start."))
