"""Forms of the recruiter's review: search, bulk actions, not selected, walk-up invites."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Form,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..fields import STRIP
from ..labels import EDUCATION_LABELS, PROGRAM_LABELS, PROVINCE_LABELS, choices
from ..ranking import DEFAULT_SECTION

ANY = [SelectChoice("", _l("Any"))]


class SearchForm(Form):
    """Read from the query string, so a search can be bookmarked and shared."""

    q = StringField(
        _l("Search"),
        validators=[Optional(), Length(max=200)],
        filters=STRIP,
        description=_l("A skill, a word from the experience or the CV, or a name."),
    )
    province = SelectField(_l("Province"), choices=ANY + choices(PROVINCE_LABELS), default="")
    programme = SelectField(_l("Programme"), choices=ANY + choices(PROGRAM_LABELS), default="")
    education_min = SelectField(
        _l("Education at least"), choices=ANY + choices(EDUCATION_LABELS), default=""
    )
    attended = BooleanField(_l("Checked in at the fair"))
    sort = SelectField(
        _l("Sort by"),
        choices=[SelectChoice("fit", _l("Best fit")), SelectChoice("date", _l("Newest"))],
        default="fit",
    )
    # The shortlist section the page shows (its tabs); kept with the search and exports.
    # The form only renders the search: `shortlist_query.ShortlistQuery` reads it.
    section = HiddenField(default=DEFAULT_SECTION)


class BulkForm(FlaskForm):
    candidate = SelectMultipleField(_l("Candidates"), coerce=int, validate_choice=False)
    # The ticked candidates, or everything the filters and search show.
    scope = RadioField(choices=[SelectChoice("selected"), SelectChoice("all")], default="selected")
    action = SelectField(
        _l("Action"),
        choices=[
            SelectChoice("shortlist", _l("Shortlist")),
            SelectChoice("invite_slots", _l("Invite to the next free slots")),
            SelectChoice("invite_walk_up", _l("Invite to a walk-up interview now")),
            SelectChoice("reject", _l("Not selected…")),
        ],
        validators=[InputRequired()],
    )
    reason = TextAreaField(
        _l("Reason (for your colleagues, never shown to the candidate)"),
        validators=[Optional(), Length(max=500)],
        filters=STRIP,
    )


class SaveViewForm(FlaskForm):
    """Save the shortlist's filters, columns and layout under a name for the company."""

    name = StringField(
        _l("Name of the view"), validators=[DataRequired(), Length(max=80)], filters=STRIP
    )


class CompareForm(FlaskForm):
    """The ticked candidates, sent with the bulk form's "Compare" button."""

    candidate = SelectMultipleField(_l("Candidates"), coerce=int, validate_choice=False)


class RejectForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason (for your colleagues, never shown to the candidate)"),
        validators=[
            DataRequired(message=_l("Give a reason, for your colleagues.")),
            Length(max=500),
        ],
        filters=STRIP,
    )
    confirm = BooleanField(
        _l("Yes, this candidate is not selected for this role"),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )


class WalkUpForm(FlaskForm):
    """A bare button: invite to the booth now."""
