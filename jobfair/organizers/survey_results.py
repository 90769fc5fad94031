"""A survey's results as they arrive: counts per option, the scale's spread and mean, free
text as written; who has not answered; the answers as a workbook (one row per respondent,
one column per question, and a summary sheet) through the one XLSX writer."""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import gettext as _

from .. import exports, paging
from ..extensions import db
from ..models import User
from ..models.surveys import SCALE, Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion
from . import surveys

NOT_ANSWERED_PER_PAGE = 25


@dataclass
class QuestionResult:
    question: SurveyQuestion
    text: str
    answered: int = 0
    rows: list = field(default_factory=list)  # (label, count) for a choice or a scale
    mean: float | None = None
    texts: list = field(default_factory=list)  # (respondent, text) for free text


def _locale() -> str:
    return str(get_locale())


def respondent_name(user: User) -> str:
    """How organizers know a respondent: their name, and a recruiter's company."""
    name = (
        user.profile.full_name
        if user.profile is not None and user.profile.full_name
        else user.display_name
    )
    if user.organization is not None:
        return f"{name} ({user.organization.name})"
    return name or user.email or user.phone or str(user.id)


def counts(survey: Survey) -> dict:
    rows = db.session.execute(
        sa.select(
            sa.func.count(SurveyInvitation.id),
            sa.func.count(SurveyInvitation.answered_at),
        ).where(SurveyInvitation.survey_id == survey.id)
    ).one()
    return {"invited": rows[0], "answered": rows[1]}


def _answers(survey: Survey):
    return db.session.execute(
        sa.select(SurveyAnswer, SurveyInvitation)
        .join(SurveyInvitation, SurveyInvitation.id == SurveyAnswer.invitation_id)
        .where(SurveyInvitation.survey_id == survey.id)
        .order_by(SurveyInvitation.answered_at, SurveyAnswer.id)
    ).all()


def tally(survey: Survey) -> list[QuestionResult]:
    """Every question's result so far, in the question's order."""
    locale = _locale()
    results = {q.id: QuestionResult(q, q.text_in(locale)) for q in survey.questions}
    chosen = {q.id: [0] * len(q.options) for q in survey.questions}
    points = {q.id: [0] * len(SCALE) for q in survey.questions}
    for answer, invitation in _answers(survey):
        result = results.get(answer.question_id)
        if result is None:
            continue
        result.answered += 1
        if answer.choice is not None and answer.choice < len(chosen[answer.question_id]):
            chosen[answer.question_id][answer.choice] += 1
        elif answer.scale is not None:
            points[answer.question_id][answer.scale - 1] += 1
        elif answer.text:
            result.texts.append((respondent_name(invitation.user), answer.text))
    for question_id, result in results.items():
        question = result.question
        if question.kind == "choice":
            labels = [question.option_in(i, locale) for i in range(len(question.options))]
            result.rows = list(zip(labels, chosen[question_id], strict=True))
        elif question.kind == "scale":
            spread = points[question_id]
            result.rows = [(str(point), spread[point - 1]) for point in SCALE]
            total = sum(spread)
            if total:
                result.mean = sum(p * n for p, n in zip(SCALE, spread, strict=True)) / total
    return list(results.values())


def not_answered(survey: Survey, page: int) -> paging.Page:
    """Those invited who have not answered yet (and may still be reminded), a page at a time."""
    query = surveys.not_answered_query(survey)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    shown = paging.window(total=total, page=page, per_page=NOT_ANSWERED_PER_PAGE)
    items = db.session.scalars(query.offset(shown.offset).limit(shown.per_page)).all()
    return paging.Page(items=items, total=total, shown=shown)


def workbook(survey: Survey) -> bytes:
    """The answers sheet (a row per respondent, a column per question) and a summary sheet."""
    locale = _locale()
    questions = list(survey.questions)
    by_invitation: dict[int, dict] = {}
    invitations: dict[int, SurveyInvitation] = {}
    for answer, invitation in _answers(survey):
        invitations[invitation.id] = invitation
        by_invitation.setdefault(invitation.id, {})[answer.question_id] = answer.shown(locale)
    header = [_("Respondent"), _("Answered at")]
    header += [f"{n}. {q.text_in(locale)}" for n, q in enumerate(questions, start=1)]
    rows = []
    for invitation_id, shown in by_invitation.items():
        invitation = invitations[invitation_id]
        rows.append(
            [respondent_name(invitation.user), invitation.answered_at]
            + [shown.get(q.id, "") for q in questions]
        )
    summary = []
    for number, result in enumerate(tally(survey), start=1):
        summary.append([f"{number}. {result.text}", "", result.answered])
        for label, count in result.rows:
            summary.append(["", label, count])
        if result.mean is not None:
            summary.append(["", _("Mean"), round(result.mean, 2)])
    figures = counts(survey)
    summary.append([_("Invited"), "", figures["invited"]])
    summary.append([_("Answered"), "", figures["answered"]])
    return exports.xlsx_bytes(
        [
            exports.Sheet(_("Answers"), header, rows),
            exports.Sheet(_("Summary"), [_("Question"), _("Answer"), _("Count")], summary),
        ]
    )
