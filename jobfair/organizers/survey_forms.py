"""Forms of the survey pages: the survey's title and introduction, a question with its text
and options per language; every field checked on the server. Whom a survey goes to is
asked with the segment rule's own form (segment_forms.py)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from ..fields import STRIP
from ..models.surveys import LANGUAGES, MAX_OPTIONS

# Each language named in itself (an autonym needs no translation); the pages show it by the field.
LANGUAGE_NAMES = {"en": "English", "km": "ខ្មែរ", "ja": "日本語"}


def _per_language(label, field_class=StringField, max_length=300):
    return {
        language: field_class(
            label,
            validators=[Optional(), Length(max=max_length)],
            filters=STRIP,
        )
        for language in LANGUAGES
    }


class _PerLanguageForm(FlaskForm):
    """A form whose fields ending in _en, _km, _ja say their language by their label."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, form_field in self._fields.items():
            language = name.rpartition("_")[2]
            if language in LANGUAGE_NAMES:
                form_field.label.text = f"{form_field.label.text} · {LANGUAGE_NAMES[language]}"


class SurveyForm(_PerLanguageForm):
    audience = SelectField(
        _l("Who answers"),
        choices=[
            SelectChoice("candidates", _l("Candidates")),
            SelectChoice("employers", _l("Employers (recruiters)")),
        ],
    )
    title_en, title_km, title_ja = _per_language(_l("Title"), max_length=200).values()
    intro_en, intro_km, intro_ja = _per_language(_l("Introduction"), TextAreaField, 2000).values()

    def validate_title_en(self, field):
        if not any(self.texts("title").values()):
            raise ValidationError(_l("Write the title in at least one language."))

    def texts(self, name: str) -> dict:
        return {language: getattr(self, f"{name}_{language}").data or "" for language in LANGUAGES}


class QuestionForm(_PerLanguageForm):
    kind = SelectField(
        _l("Kind of question"),
        choices=[
            SelectChoice("choice", _l("Single choice")),
            SelectChoice("scale", _l("Scale from 1 to 5")),
            SelectChoice("text", _l("Free text")),
        ],
        validators=[InputRequired()],
    )
    text_en, text_km, text_ja = _per_language(_l("Question")).values()
    options_en, options_km, options_ja = _per_language(
        _l("Options, one per line"), TextAreaField, 2000
    ).values()

    def validate_text_en(self, field):
        if not any(self.texts().values()):
            raise ValidationError(_l("Write the question in at least one language."))

    def validate_kind(self, field):
        if field.data != "choice":
            return
        lengths = {len(lines) for lines in self._option_lines().values() if lines}
        if not lengths:
            raise ValidationError(_l("Write the options, one per line."))
        if len(lengths) > 1:
            raise ValidationError(_l("Give every language the same number of options."))
        if not 2 <= lengths.pop() <= MAX_OPTIONS:
            raise ValidationError(
                _l("A choice question needs from 2 to %(max)s options.", max=MAX_OPTIONS)
            )

    def texts(self) -> dict:
        return {language: getattr(self, f"text_{language}").data or "" for language in LANGUAGES}

    def _option_lines(self) -> dict:
        lines = {}
        for language in LANGUAGES:
            raw = getattr(self, f"options_{language}").data or ""
            lines[language] = [line.strip() for line in raw.splitlines() if line.strip()]
        return lines

    def options(self) -> list[dict]:
        """The options in order, each with its words per language."""
        lines = self._option_lines()
        count = max((len(v) for v in lines.values()), default=0)
        return [
            {lang: lines[lang][i] for lang in LANGUAGES if i < len(lines[lang])}
            for i in range(count)
        ]
