"""Forms of the booth pages: the team's rating, note, tags and role; one step into a pipeline."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..fields import STRIP
from ..models.booth import MAX_NOTE, MAX_TAG, MAX_TAGS

RATING_LABELS = {
    4: _l("4 · Excellent"),
    3: _l("3 · Good"),
    2: _l("2 · Maybe"),
    1: _l("1 · Not a fit"),
}


def _number_or_none(value):
    return int(value) if value not in (None, "", "None") else None


class LeadForm(FlaskForm):
    rating = SelectField(
        _l("Rating"),
        choices=[SelectChoice("", _l("No rating"))]
        + [SelectChoice(value, label) for value, label in RATING_LABELS.items()],
        coerce=_number_or_none,
    )
    note = TextAreaField(_l("Note"), filters=STRIP, validators=[Optional(), Length(max=MAX_NOTE)])
    tags = StringField(
        _l("Tags"),
        filters=STRIP,
        description=_l("Separated by commas, e.g. welding, N4, night shift"),
        validators=[Optional(), Length(max=MAX_TAGS * (MAX_TAG + 2))],
    )
    role_id = SelectField(_l("Role"), coerce=_number_or_none, validate_choice=True)

    def with_roles(self, roles) -> "LeadForm":
        self.role_id.choices = [SelectChoice("", _l("No role"))] + [
            SelectChoice(r.id, r.title) for r in roles
        ]
        return self

    def validate_tags(self, field):
        if len(self.tag_list()) > MAX_TAGS:
            raise ValidationError(_l("At most %(count)s tags.", count=MAX_TAGS))
        if any(len(tag) > MAX_TAG for tag in self.tag_list()):
            raise ValidationError(_l("Each tag has at most %(count)s letters.", count=MAX_TAG))

    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in (self.tags.data or "").replace("、", ",").split(",")]


class PipelineForm(FlaskForm):
    role_id = SelectField(_l("Role"), coerce=_number_or_none, validators=[DataRequired()])

    def with_roles(self, roles) -> "PipelineForm":
        self.role_id.choices = [SelectChoice(r.id, r.title) for r in roles]
        return self
