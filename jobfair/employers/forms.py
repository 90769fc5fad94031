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

from ..fields import STRIP, NumberField, SkillsField
from ..labels import (
    COUNTRY_LABELS,
    CURRENCY_LABELS,
    LANGUAGE_LABELS,
    LANGUAGE_LEVEL_LABELS,
    SECTOR_LABELS,
    choices,
    location_choices,
)
from ..models import role_fields
from ..models.role_fields import RoleField
from ..models.rules import InvalidRecord
from ..models.translations import POSTING_LANGUAGES, check_translation


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


def role_form_field(declared: RoleField):
    """The form field for one declared field of a role; the model's rules check its value
    (RoleForm.validate), the field only reads what was typed."""
    kwargs = {"description": declared.description} if declared.description else {}
    required = {"required": True} if declared.required else {}
    if declared.kind == "line":
        return StringField(
            declared.label, render_kw={"maxlength": declared.max_length, **required}, **kwargs
        )
    if declared.kind == "lines":
        return TextAreaField(declared.label, render_kw={"maxlength": declared.max_length})
    if declared.kind == "choice":
        blank = [SelectChoice("", _l("—"))] if declared.nullable else []
        return SelectField(declared.label, choices=blank + choices(declared.labels), **kwargs)
    if declared.kind == "number":
        return NumberField(
            declared.label,
            default=declared.default,
            validators=[Optional()] if declared.nullable else [],
        )
    if declared.kind == "skills":
        return SkillsField(declared.label, **kwargs)
    if declared.kind == "languages":
        return FieldList(FormField(LanguageRequirementForm), min_entries=3, max_entries=3)
    return BooleanField(declared.label)


class RoleForm(FlaskForm):
    """A role's fields as declared in models.role_fields, and the event it is for."""

    event_id = SelectField(_l("Event"), coerce=int, validate_choice=True)

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.event_id.choices = [SelectChoice(e.id, e.name) for e in events]
        self.location.choices = location_choices()

    def validate(self, extra_validators=None) -> bool:
        """The form's own reading, then the model's rules on the role it would store."""
        if not super().validate(extra_validators) or not self._check_translations():
            return False
        try:
            role_fields.check_record(self.role_fields(), new=True)
        except InvalidRecord as exc:
            rows = self._language_rows()
            for name, error in exc.errors.items():
                for index, message in error.items:
                    target = getattr(self, name)
                    if name == "languages" and index is not None:
                        target = rows[index].form.level
                    target.errors = [*target.errors, str(message)]
            return False
        return True

    def _language_rows(self) -> list:
        return [entry for entry in self.languages.entries if entry.form.language.data]

    def language_requirements(self) -> list[dict]:
        """One record per row with a language chosen; the model refuses what is wrong."""
        return [
            {
                "language": entry.form.language.data,
                "level": entry.form.level.data,
                "must": bool(entry.form.must.data),
            }
            for entry in self._language_rows()
        ]

    def translation_fields(self, language: str) -> tuple:
        return getattr(self, f"title_{language}"), getattr(self, f"description_{language}")

    def translations(self) -> dict:
        """{language: {"title", "description"}} for the languages other than the original."""
        texts = {}
        for language in POSTING_LANGUAGES:
            if language != self.original_language.data:
                title, description = self.translation_fields(language)
                texts[language] = {"title": title.data or "", "description": description.data or ""}
        return texts

    def fill_translations(self, role) -> None:
        for translation in role.translations:
            title, description = self.translation_fields(translation.language)
            title.data, description.data = translation.title, translation.description

    def _check_translations(self) -> bool:
        """Each translation given passes the rule every way in asks (`check_translation`)."""
        fine = True
        for language in POSTING_LANGUAGES:
            title, description = self.translation_fields(language)
            if not ((title.data or "").strip() or (description.data or "").strip()):
                continue
            try:
                check_translation(
                    language, title.data, description.data, self.original_language.data
                )
            except InvalidRecord as exc:
                fine = False
                for name, error in exc.errors.items():
                    target = description if name == "description" else title
                    target.errors = [*target.errors, str(error.message)]
        return fine

    def role_fields(self) -> dict:
        fields = {name: getattr(self, name).data for name in role_fields.NAMES}
        fields["languages"] = self.language_requirements()
        return fields

    def fill_languages(self, requirements: list[dict]) -> None:
        for entry, requirement in zip(self.languages.entries, requirements, strict=False):
            entry.form.language.data = requirement.get("language", "")
            entry.form.level.data = requirement.get("level", "")
            entry.form.must.data = bool(requirement.get("must"))


for _declared in role_fields.ROLE_FIELDS:
    setattr(RoleForm, _declared.name, role_form_field(_declared))

# The posting in the fair's other languages: a title and a description per language.
TRANSLATION_TITLE_LABELS = {
    "en": _l("Job title in English"),
    "km": _l("Job title in Khmer"),
    "ja": _l("Job title in Japanese"),
}
TRANSLATION_TEXT_LABELS = {
    "en": _l("What the work is, in English"),
    "km": _l("What the work is, in Khmer"),
    "ja": _l("What the work is, in Japanese"),
}
for _language in POSTING_LANGUAGES:
    setattr(
        RoleForm,
        f"title_{_language}",
        StringField(
            TRANSLATION_TITLE_LABELS[_language],
            validators=[Length(max=200)],
            filters=STRIP,
            render_kw={"maxlength": 200},
        ),
    )
    setattr(
        RoleForm,
        f"description_{_language}",
        TextAreaField(
            TRANSLATION_TEXT_LABELS[_language],
            validators=[Length(max=5000)],
            filters=STRIP,
            render_kw={"maxlength": 5000},
        ),
    )


class ShortlistFilterForm(Form):
    """Read from the query string: a bookmarkable, shareable view."""

    checked_in = BooleanField(_l("Checked in today"))
    location = BooleanField(_l("Wants to work in this location"))
    program = BooleanField(_l("Interested in this programme"))
    education = BooleanField(_l("Meets the minimum education"))

    def active(self) -> set[str]:
        return {name for name, f in self._fields.items() if f.data}


class StatusForm(FlaskForm):
    status = SelectField(_l("Move to"))


class OfferForm(FlaskForm):
    """An offer's terms; the model and `offers.make_offer` check them again."""

    salary = NumberField(
        _l("Monthly salary"),
        validators=[InputRequired(), NumberRange(min=0, max=role_fields.MAX_SALARY)],
        description=_l("Before tax, per month, in the currency below."),
    )
    currency = SelectField(_l("Currency"), choices=choices(CURRENCY_LABELS))
    starts_on = DateField(_l("Start date"), validators=[InputRequired()])
    expires_on = DateField(_l("Answer by (optional)"), validators=[Optional()])
    note = TextAreaField(
        _l("Terms and note for the candidate (optional)"),
        validators=[Optional(), Length(max=2000)],
        filters=STRIP,
        description=_l("Working hours, housing, visa support…: the candidate reads this."),
    )


class InviteForm(FlaskForm):
    slot_id = SelectField(_l("Interview slot"), coerce=int)


class SlotsForm(FlaskForm):
    day = DateField(_l("Day"), validators=[InputRequired()])
    start = TimeField(_l("From"), validators=[InputRequired()])
    end = TimeField(_l("Until"), validators=[InputRequired()])
    minutes = NumberField(
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
