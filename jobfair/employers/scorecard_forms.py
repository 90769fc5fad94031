"""Forms for scorecards, a role's criteria and team notes; every field checked on the server."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..fields import STRIP, MultiCheckboxField
from ..models.scorecards import MAX_COMMENT, MAX_CRITERIA, MAX_LABEL, MAX_OVERALL_COMMENT

SCORE_LABELS = {
    1: _l("1 · poor"),
    2: _l("2 · fair"),
    3: _l("3 · good"),
    4: _l("4 · excellent"),
}


class CriteriaForm(FlaskForm):
    criteria = TextAreaField(
        _l("Criteria, one a line, in order"),
        validators=[DataRequired(), Length(max=(MAX_LABEL + 1) * MAX_CRITERIA * 2)],
        filters=STRIP,
        description=_l(
            "Up to %(num)d criteria of up to %(chars)d characters. Change a line to rename, "
            "delete it to remove, move it to reorder. Scorecards already given keep the "
            "criteria they were rated on.",
            num=MAX_CRITERIA,
            chars=MAX_LABEL,
        ),
        render_kw={"rows": MAX_CRITERIA + 1},
    )

    def labels(self) -> list[str]:
        return (self.criteria.data or "").splitlines()


class ScorecardBase(FlaskForm):
    comment = TextAreaField(
        _l("Overall comment"),
        validators=[Length(max=MAX_OVERALL_COMMENT)],
        filters=STRIP,
        render_kw={"maxlength": MAX_OVERALL_COMMENT, "rows": 3},
    )


def scorecard_form(criteria, **kwargs) -> FlaskForm:
    """A form with a 1–4 choice and a comment for each of the role's criteria."""

    class ScorecardForm(ScorecardBase):
        pass

    for criterion in criteria:
        setattr(
            ScorecardForm,
            f"score_{criterion.slug}",
            RadioField(
                criterion.display_label,
                choices=[SelectChoice(value, label) for value, label in SCORE_LABELS.items()],
                coerce=int,
                validators=[Optional()],
            ),
        )
        setattr(
            ScorecardForm,
            f"note_{criterion.slug}",
            StringField(
                _l("Comment"),
                validators=[Length(max=MAX_COMMENT)],
                filters=STRIP,
                render_kw={"maxlength": MAX_COMMENT},
            ),
        )
    form = ScorecardForm(**kwargs)
    form.rows = [
        (criterion, form[f"score_{criterion.slug}"], form[f"note_{criterion.slug}"])
        for criterion in criteria
    ]
    return form


def ratings_of(form) -> dict[str, tuple[int | None, str]]:
    """What the form says, as `scorecards.save_scorecard` takes it."""
    return {
        criterion.slug: (score.data or None, note.data or "")
        for criterion, score, note in form.rows
    }


def scorecard_data(criteria, card) -> dict:
    """The form's starting values: the interviewer's own scorecard, if they have one."""
    if card is None:
        return {}
    data = {"comment": card.comment}
    for criterion in criteria:
        rating = card.rating_for(criterion) if criterion.id else None
        if rating is not None:
            data[f"score_{criterion.slug}"] = rating.score
            data[f"note_{criterion.slug}"] = rating.comment
    return data


class TeamNoteForm(FlaskForm):
    body = TextAreaField(
        _l("Note for the team"),
        validators=[DataRequired(), Length(max=4000)],
        filters=STRIP,
        description=_l("Only your company's recruiters see notes; the candidate never does."),
    )
    mention = MultiCheckboxField(_l("Tell colleagues (inbox message)"), coerce=int)
