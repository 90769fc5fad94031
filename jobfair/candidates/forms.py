"""Candidate forms: the profile with its choices, registration, consent, CV upload."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileRequired, MultipleFileField
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from matching.levels import parse_language, record_text

from ..fields import (
    CEFR_CHOICES,
    JAPANESE_CHOICES,
    KHMER_CHOICES,
    STRIP,
    MultiCheckboxField,
    NumberField,
    SkillsField,
    printable,
)
from ..labels import (
    EDUCATION_LABELS,
    GENDER_LABELS,
    LANGUAGE_LABELS,
    PROGRAM_LABELS,
    PROVINCE_LABELS,
    PROVINCES,
    SECTOR_LABELS,
    choices,
)
from ..models.rules import InvalidValue, profile_languages

LOCATION_CHOICES = {"Japan": _l("Japan"), **PROVINCE_LABELS}


def _written_in_reader_language(record: dict) -> str:
    """ "Chinese B1" as the reader writes it ("中国語 B1"), in a form the field reads back."""
    name = LANGUAGE_LABELS.get(record.get("language", ""))
    level = record.get("level") or ""
    if name is None or record.get("test") == "JFT-Basic" or not level[:1].isupper():
        return record_text(record)  # a name or level the field would not read back
    return f"{name} {level}"


class PastJobForm(Form):
    title = StringField(
        _l("Job title"), validators=[Optional(), Length(max=100), printable], filters=STRIP
    )
    employer = StringField(
        _l("Employer"), validators=[Optional(), Length(max=100), printable], filters=STRIP
    )
    years = NumberField(_l("Years"), validators=[Optional(), NumberRange(min=0, max=50)])


class ProfileForm(FlaskForm):
    full_name = StringField(
        _l("Name (Latin letters)"),
        validators=[InputRequired(), Length(max=120), printable],
        filters=STRIP,
    )
    name_khmer = StringField(
        _l("Name in Khmer script"),
        validators=[Optional(), Length(max=120), printable],
        filters=STRIP,
    )
    province = SelectField(
        _l("Province where you live"),
        validators=[InputRequired(message=_l("Please choose your province."))],
    )
    gender = SelectField(_l("Gender (optional)"), validators=[Optional()])
    birth_year = NumberField(_l("Year of birth (optional)"), validators=[Optional()])
    headline = StringField(
        _l("Job you do or want"),
        validators=[Optional(), Length(max=120), printable],
        filters=STRIP,
        description=_l("For example: welder, sewing machine operator, cook."),
    )
    education_level = SelectField(_l("Highest education"), validators=[InputRequired()])
    education_field = StringField(
        _l("Field of study or TVET trade"),
        validators=[Optional(), Length(max=120), printable],
        filters=STRIP,
    )
    experience = TextAreaField(
        _l("Your work experience"),
        validators=[Optional(), Length(max=3000), printable],
        filters=STRIP,
    )
    past_jobs = FieldList(FormField(PastJobForm), min_entries=3, max_entries=3)
    skills = SkillsField(
        _l("Skills, separated by commas"), validators=[Optional(), Length(max=1000), printable]
    )
    japanese = SelectField(_l("Japanese"), validators=[Optional()])
    english = SelectField(_l("English"), validators=[Optional()])
    khmer = SelectField(_l("Khmer"), validators=[Optional()])
    other_languages = StringField(
        _l("Other languages and levels"),
        validators=[Optional(), Length(max=200), printable],
        filters=STRIP,
        description=_l("For example: Chinese B1, Thai A2"),
    )
    wanted_sectors = MultiCheckboxField(_l("Work you want"), validators=[Optional()])
    wanted_locations = SelectMultipleField(_l("Where you want to work"), validators=[Optional()])
    programs = MultiCheckboxField(_l("Interested in"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.province.choices = [choices({"": _l("Choose…")})[0]] + [
            c for c in choices(PROVINCE_LABELS)
        ]
        self.gender.choices = choices({"": _l("Prefer not to say"), **GENDER_LABELS})
        self.education_level.choices = choices(EDUCATION_LABELS)
        self.japanese.choices = choices(JAPANESE_CHOICES)
        self.english.choices = choices(CEFR_CHOICES)
        self.khmer.choices = choices(KHMER_CHOICES)
        self.wanted_sectors.choices = choices(SECTOR_LABELS)
        self.wanted_locations.choices = choices(LOCATION_CHOICES)
        self.programs.choices = choices(PROGRAM_LABELS)

    def validate_province(self, field):
        if field.data not in PROVINCES:
            raise ValidationError(_l("Please choose your province."))

    def validate_birth_year(self, field):
        this_year = date.today().year
        if field.data is not None and not 1940 <= field.data <= this_year - 14:
            raise ValidationError(
                _l("Please enter a year between 1940 and %(year)s.", year=this_year - 14)
            )

    def validate_other_languages(self, field):
        for entry in (field.data or "").split(","):
            parsed = parse_language(entry) if entry.strip() else None
            if entry.strip() and (parsed is None or parsed.rank == 0):
                raise ValidationError(_l("Write each language with its level, like: Chinese B1."))

    def validate(self, extra_validators=None) -> bool:
        """The form's own reading, then the profile's rule on language records (a level on
        each language's scale, each language once: "English B1" typed under other
        languages beside English chosen above is refused, not silently kept twice)."""
        if not super().validate(extra_validators):
            return False
        try:
            profile_languages("languages", self.languages())
        except InvalidValue as exc:
            self.other_languages.errors = [*self.other_languages.errors, str(exc)]
            return False
        return True

    def languages(self) -> list:
        """The levels chosen, as given; the profile stores them as records."""
        chosen = [
            {"language": "Khmer", "level": self.khmer.data} if self.khmer.data else None,
            {"language": "Japanese", "level": self.japanese.data} if self.japanese.data else None,
            {"language": "English", "level": self.english.data} if self.english.data else None,
        ]
        chosen += [e.strip() for e in (self.other_languages.data or "").split(",") if e.strip()]
        return [entry for entry in chosen if entry]

    def past_job_list(self) -> list[dict]:
        return [
            {"title": j["title"], "employer": j["employer"], "years": j["years"]}
            for j in self.past_jobs.data
            if j["title"] or j["employer"]
        ]

    def load(self, profile) -> None:
        """Fill the form from the profile (on GET)."""
        for name in (
            "full_name",
            "name_khmer",
            "province",
            "gender",
            "birth_year",
            "headline",
            "education_level",
            "education_field",
            "experience",
            "wanted_sectors",
            "wanted_locations",
            "programs",
        ):
            getattr(self, name).data = getattr(profile, name)
        self.skills.data = list(profile.skills or [])
        other = []
        for record in profile.languages or []:
            level = "JFT-Basic A2" if record.get("test") == "JFT-Basic" else record.get("level")
            if record.get("language") == "Japanese":
                self.japanese.data = level
            elif record.get("language") == "English":
                self.english.data = level
            elif record.get("language") == "Khmer":
                self.khmer.data = level
            else:
                other.append(_written_in_reader_language(record))
        self.other_languages.data = ", ".join(other)
        for row, job in zip(self.past_jobs, (profile.past_jobs or [])[:3]):
            row.form.title.data = job.get("title")
            row.form.employer.data = job.get("employer")
            row.form.years.data = job.get("years")


class RegisterForm(FlaskForm):
    consent = BooleanField(
        _l(
            "I allow the exhibitors of this job fair to see my profile and CV, to contact me "
            "about jobs."
        ),
        validators=[InputRequired(message=_l("Please agree so that employers can see you."))],
    )
    share_contact = BooleanField(_l("Also show them my phone number and email."))


class ConsentForm(FlaskForm):
    share_contact = BooleanField(_l("Also show them my phone number and email."))


class CvForm(FlaskForm):
    cv = MultipleFileField(
        _l("Your CV"),
        description=_l(
            "A PDF or Word file (at most 5 MB), or photos of its pages (JPEG or PNG, up to 6)."
        ),
        validators=[FileRequired(message=_l("Please choose a file."))],
        render_kw={"accept": "image/jpeg,image/png,application/pdf,.pdf,.docx", "multiple": True},
    )


class SuggestionsForm(FlaskForm):
    """The suggestions found in a CV that the candidate ticks to add to the profile."""

    skills = MultiCheckboxField(_l("Skills"), choices=[])
    titles = MultiCheckboxField(_l("Job titles"), choices=[])
    languages = MultiCheckboxField(_l("Languages"), choices=[])

    def offer(self, found: dict, term, language_label) -> "SuggestionsForm":
        """Offer what was found in the CV, each shown in the reader's language."""
        self.skills.choices = [(s, term(s)) for s in found["skills"]]
        self.titles.choices = [(t, term(t)) for t in found["titles"]]
        self.languages.choices = [(key, language_label(r)) for key, r in found["languages"]]
        return self


class DeleteForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[InputRequired(), Length(max=128)])
