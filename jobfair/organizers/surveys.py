"""Surveys an organizer builds and sends: questions per language, sending to a segment,
reminding those who have not answered. Plain functions on models; the caller commits.

Sending asks `segments.people` (the one list: opted-out, suspended and unfinished accounts
are never in it) and invites only people not invited yet, so sending again (the same segment
after more check-ins, or another) is safe and a job retried after a crash sends nobody twice.
Up to SURVEY_DIRECT_SEND_MAX people are invited in the request; more go through a job.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from .. import jobs
from ..extensions import db
from ..jobs.registry import handler
from ..jobs.run import JobFailed, JobRun, in_batches
from ..messages import notifications
from ..models import Event, User
from ..models.audit import record_audit
from ..models.base import utcnow
from ..models.surveys import (
    LANGUAGES,
    MAX_OPTIONS,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
    missing,
)
from . import segments
from .errors import OrganizerError


def _texts(values: dict) -> dict:
    return {
        language: (values.get(language) or "").strip()
        for language in LANGUAGES
        if values.get(language)
    }


def create_survey(event: Event, *, audience: str, title: dict, intro: dict, actor: User) -> Survey:
    survey = Survey(
        event=event,
        audience=audience,
        title=_texts(title),
        intro=_texts(intro),
        created_by_id=actor.id,
    )
    db.session.add(survey)
    return survey


def _editable(survey: Survey) -> None:
    if survey.is_sent:
        raise OrganizerError(_("This survey has been sent: its questions can no longer change."))


def update_survey(survey: Survey, *, title: dict, intro: dict) -> None:
    _editable(survey)
    survey.title = _texts(title)
    survey.intro = _texts(intro)


def add_question(survey: Survey, *, kind: str, texts: dict, options: list[dict]) -> SurveyQuestion:
    """Add a question at the end; a choice needs 2 to MAX_OPTIONS options."""
    _editable(survey)
    if kind == "choice" and not 2 <= len(options) <= MAX_OPTIONS:
        raise OrganizerError(
            _("A choice question needs from 2 to %(max)s options.", max=MAX_OPTIONS)
        )
    position = max((q.position for q in survey.questions), default=0) + 1
    question = SurveyQuestion(
        survey=survey,
        kind=kind,
        texts=_texts(texts),
        options=[_texts(option) for option in options] if kind == "choice" else [],
        position=position,
    )
    db.session.add(question)
    return question


def delete_question(survey: Survey, question: SurveyQuestion) -> None:
    _editable(survey)
    survey.questions.remove(question)


def missing_languages(survey: Survey) -> list[tuple[str, list[str]]]:
    """What a respondent would read in another language: (what, languages missing), for the builder."""
    gaps = []
    for what, texts in ((_("Title"), survey.title), (_("Introduction"), survey.intro)):
        if texts and missing(texts):
            gaps.append((what, missing(texts)))
    for number, question in enumerate(survey.questions, start=1):
        absent = set(missing(question.texts))
        for option in question.options:
            absent |= set(missing(option))
        if absent:
            gaps.append(
                (
                    _("Question %(number)s", number=number),
                    [lang for lang in LANGUAGES if lang in absent],
                )
            )
    return gaps


def _segment_for(survey: Survey, segment: segments.Segment) -> segments.Segment:
    if segment.event_id != survey.event_id or segment.audience != survey.audience:
        raise OrganizerError(_("Choose people of this survey's fair and audience."))
    if not survey.questions:
        raise OrganizerError(_("Add at least one question before sending."))
    return segment


def send(survey: Survey, segment: segments.Segment, run: JobRun | None = None) -> int:
    """Invite everyone in the segment not invited yet; freeze the questions. Returns how many.

    In a job (`run`) the invitations and their messages are committed MESSAGE_BATCH at a
    time with a progress report after each (which renews the job's lease); a retried job
    invites only those the last committed batch did not reach."""
    _segment_for(survey, segment)
    invited = set(
        db.session.scalars(
            sa.select(SurveyInvitation.user_id).where(SurveyInvitation.survey_id == survey.id)
        )
    )
    now = utcnow()
    if survey.sent_at is None:
        survey.sent_at = now
    survey.segment = segment.to_dict()
    ids = [person.id for person in segments.people(segment) if person.id not in invited]

    def invite(person: User) -> None:
        invitation = SurveyInvitation(survey=survey, user_id=person.id, invited_at=now)
        db.session.add(invitation)
        db.session.flush()  # the token needs the id
        notifications.enqueue(person, "survey_invited", invitation=invitation)

    in_batches(run, ids, segments.by_id, invite)
    return len(ids)


def reminder_wait(survey: Survey, now=None) -> timedelta | None:
    """How long until a reminder may go out again, or None when it may now."""
    if survey.reminded_at is None:
        return None
    gap = timedelta(hours=current_app.config["SURVEY_REMINDER_GAP_HOURS"])
    left = survey.reminded_at + gap - (now or utcnow())
    return left if left > timedelta(0) else None


def not_answered_query(survey: Survey):
    """The invitations not answered yet, of people who may still hear from organizers."""
    return (
        sa.select(SurveyInvitation)
        .join(User, User.id == SurveyInvitation.user_id)
        .where(
            SurveyInvitation.survey_id == survey.id,
            SurveyInvitation.answered_at.is_(None),
            User.follow_ups_opted_out_at.is_(None),
            User.suspended_at.is_(None),
        )
        .order_by(SurveyInvitation.id)
    )


def remind(survey: Survey, run: JobRun | None = None) -> int:
    """Remind those who have not answered (once per SURVEY_REMINDER_GAP_HOURS).

    A job (`run`) commits a batch at a time like `send`; tried again after a crash, it goes
    on with the reminder it began (the survey's `reminded_at` is later than the job's start)
    and skips those that reminder already reached."""
    if not survey.is_sent:
        raise OrganizerError(_("Send the survey before reminding anyone."))
    resumed = (
        run is not None
        and survey.reminded_at is not None
        and survey.reminded_at >= run.job.created_at
    )
    if not resumed and reminder_wait(survey) is not None:
        hours = current_app.config["SURVEY_REMINDER_GAP_HOURS"]
        message = _(
            "A reminder was sent less than %(hours)s hours ago; wait before sending another.",
            hours=hours,
        )
        raise OrganizerError(message)
    if not resumed:
        survey.reminded_at = utcnow()
    now = survey.reminded_at
    waiting = not_answered_query(survey).where(
        sa.or_(SurveyInvitation.reminded_at.is_(None), SurveyInvitation.reminded_at < now)
    )
    ids = list(db.session.scalars(waiting.with_only_columns(SurveyInvitation.id)))

    def remind_one(invitation: SurveyInvitation) -> None:
        invitation.reminded_at = now
        notifications.enqueue(invitation.user, "survey_reminder", invitation=invitation)

    in_batches(
        run,
        ids,
        lambda chunk: (
            sa.select(SurveyInvitation)
            .where(SurveyInvitation.id.in_(chunk))
            .options(joinedload(SurveyInvitation.user))
            .order_by(SurveyInvitation.id)
        ),
        remind_one,
    )
    return len(ids)


def start_sending(survey: Survey, segment: segments.Segment, actor: User):
    """Send now (returns the number invited) or, for a big segment, start a job (returns it)."""
    _segment_for(survey, segment)
    if segments.count(segment) <= current_app.config["SURVEY_DIRECT_SEND_MAX"]:
        count = send(survey, segment)
        record_audit(actor, "survey_sent", survey, invited=count)
        return count
    params = {"survey_id": survey.id, "segment": segment.to_dict()}
    return jobs.start("survey_send", owner=actor, event=survey.event, params=params)


def start_reminding(survey: Survey, actor: User):
    """Remind now (returns how many) or, for many people, start a job (returns it)."""
    waiting = db.session.scalar(
        sa.select(sa.func.count()).select_from(not_answered_query(survey).subquery())
    )
    if waiting <= current_app.config["SURVEY_DIRECT_SEND_MAX"]:
        count = remind(survey)
        record_audit(actor, "survey_reminded", survey, reminded=count)
        return count
    if reminder_wait(survey) is not None or not survey.is_sent:
        remind(survey)  # raises the reason
    return jobs.start(
        "survey_send",
        owner=actor,
        event=survey.event,
        params={"survey_id": survey.id, "reminder": True},
    )


@handler("survey_send", label=_l("Survey invitations"), max_attempts=3)
def send_by_job(run: JobRun) -> None:
    """A job: invite a big segment to a survey, or remind those who have not answered."""
    survey = db.session.get(Survey, run.params.get("survey_id") or 0)
    if survey is None:
        raise JobFailed(_("This survey cannot be sent: it is gone."))
    try:
        if run.params.get("reminder"):
            count = remind(survey, run)
            record_audit(run.job.owner, "survey_reminded", survey, reminded=count, via="job")
        else:
            segment = segments.Segment.from_dict(run.params.get("segment") or {})
            count = send(survey, segment, run)
            record_audit(run.job.owner, "survey_sent", survey, invited=count, via="job")
    except OrganizerError as error:
        raise JobFailed(str(error)) from error
    run.summary = _("%(count)s messages written.", count=count)
