"""Follow-ups after a fair: an organizer writes to a segment in the languages they can,
previews who gets which language, tests it on themselves, and sends it through a job.

Each recipient gets their own language (`notifications.recipient_locale`) or, where it was
not written, the fallback (`FollowUp.fallback`); the preview says how many will get a
fallback before anything is sent. Sending is one job (`follow_up_send`): it writes one
message and one `FollowUpRecipient` per person of `segments.people`, skipping anyone the
follow-up already reached, and the database allows one row per follow-up and person, so a
retried job never sends twice. Plain functions on models; the caller commits.
"""

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import jobs
from ..extensions import db
from ..jobs.run import JobFailed, JobRun, in_batches
from ..messages import notifications
from ..models import Event, FollowUp, FollowUpRecipient, FollowUpStatus, Job, Message, User
from ..models.base import utcnow
from ..models.follow_ups import FOLLOW_UP_LANGUAGES
from ..models.jobs import JobStatus
from . import segments
from .errors import OrganizerError
from .segments import Segment


def write_follow_up(event: Event, segment: Segment, texts: dict, *, author: User) -> FollowUp:
    """A draft follow-up; `texts` maps a language to {"subject", "body"}, empty ones dropped."""
    follow_up = FollowUp(event=event, author=author, status=FollowUpStatus.DRAFT)
    change_draft(follow_up, segment, texts)
    db.session.add(follow_up)
    return follow_up


def change_draft(follow_up: FollowUp, segment: Segment, texts: dict) -> None:
    if follow_up.status != FollowUpStatus.DRAFT:
        raise OrganizerError(_l("This follow-up was sent; it cannot change."))
    written = {
        code: {"subject": text["subject"].strip(), "body": text["body"].strip()}
        for code, text in texts.items()
        if code in FOLLOW_UP_LANGUAGES and (text.get("subject") or "").strip()
    }
    if not written:
        raise OrganizerError(_l("Write the follow-up in at least one language."))
    follow_up.segment = segment.to_dict()
    follow_up.texts = written
    follow_up.updated_at = utcnow()


def segment_of(follow_up: FollowUp) -> Segment:
    return Segment.from_dict(follow_up.segment)


@dataclass
class Preview:
    """Who would get the follow-up now, and in which language."""

    count: int
    by_language: dict = field(default_factory=dict)  # language sent -> people
    # (their language, how many, the language they get instead), biggest first
    fallbacks: list = field(default_factory=list)
    missing: list = field(default_factory=list)  # languages not written


def preview(follow_up: FollowUp) -> Preview:
    people = segments.people(segment_of(follow_up))
    own = Counter(notifications.recipient_locale(user) for user in people)
    by_language, fallbacks = Counter(), []
    for locale, n in own.most_common():
        sent = follow_up.language_for(locale)
        by_language[sent] += n
        if sent != locale:
            fallbacks.append((locale, n, sent))
    missing = [code for code in FOLLOW_UP_LANGUAGES if code not in follow_up.languages]
    return Preview(len(people), dict(by_language), fallbacks, missing)


def send_test(follow_up: FollowUp, organizer: User) -> Message:
    """A copy to the organizer's own inbox, marked as a test; nobody else gets anything."""
    return notifications.enqueue(organizer, "follow_up_test", follow_up=follow_up)


def start_sending(follow_up: FollowUp, *, by: User):
    """Hand the follow-up to a job (the caller commits); a second click starts nothing."""
    moved = db.session.execute(
        sa.update(FollowUp)
        .where(FollowUp.id == follow_up.id, FollowUp.status == FollowUpStatus.DRAFT)
        .values(status=FollowUpStatus.SENDING, sent_by_id=by.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != 1:
        raise OrganizerError(_l("This follow-up is already being sent."))
    db.session.refresh(follow_up)
    job = jobs.start(
        "follow_up_send", owner=by, event=follow_up.event, params={"follow_up": follow_up.id}
    )
    follow_up.job_id = job.id
    return job


@dataclass(frozen=True, slots=True)
class Stopped:
    """A follow-up whose sending stopped: its failed job (None when pruned since) and why."""

    job_id: int | None
    error: str


def stalled(follow_up: FollowUp) -> Stopped | None:
    """Whether the follow-up's sending stopped before everyone got it: its job failed, or was
    pruned, while it still says "sending" (those reached keep their message). None while it
    is being sent, and for drafts and sent ones."""
    if follow_up.status != FollowUpStatus.SENDING:
        return None
    job = db.session.get(Job, follow_up.job_id) if follow_up.job_id is not None else None
    if job is None:
        return Stopped(None, "")
    return Stopped(job.id, job.error or "") if job.status == JobStatus.FAILED else None


def resume_sending(follow_up: FollowUp, *, by: User):
    """A new job for the rest of a stopped follow-up; it skips everyone already reached
    (`deliver`). The caller commits, or rolls back on OrganizerError: a second click, or a
    follow-up that is not stopped, starts nothing."""
    stopped = stalled(follow_up)
    if stopped is None:
        raise OrganizerError(_l("This follow-up is already being sent."))
    job = jobs.start(
        "follow_up_send", owner=by, event=follow_up.event, params={"follow_up": follow_up.id}
    )
    same_job = (
        FollowUp.job_id.is_(None) if stopped.job_id is None else FollowUp.job_id == stopped.job_id
    )
    moved = db.session.execute(
        sa.update(FollowUp)
        .where(FollowUp.id == follow_up.id, FollowUp.status == FollowUpStatus.SENDING, same_job)
        .values(job_id=job.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != 1:
        raise OrganizerError(_l("This follow-up is already being sent."))
    db.session.refresh(follow_up)
    return job


def deliver(follow_up: FollowUp, run: JobRun | None = None) -> int:
    """Write the follow-up to everyone in its segment it has not reached yet; how many.

    In a job (`run`) the recipients and their messages are committed MESSAGE_BATCH at a
    time, each commit followed by a progress report that renews the job's lease: a national
    fair's segment of tens of thousands would outlast the lease in one transaction, and the
    job would go to another worker and start again. A job tried again after a crash picks up
    after the last batch committed (one recipient row per person, see `reached`).
    """
    reached = set(
        db.session.scalars(
            sa.select(FollowUpRecipient.user_id).where(
                FollowUpRecipient.follow_up_id == follow_up.id
            )
        )
    )
    ids = [user.id for user in segments.people(segment_of(follow_up)) if user.id not in reached]
    in_batches(run, ids, segments.by_id, lambda user: _write_to(follow_up, user))
    follow_up.status = FollowUpStatus.SENT
    follow_up.sent_at = follow_up.sent_at or utcnow()
    if run is not None:
        run.summary = _("%(count)s people", count=len(ids))
    return len(ids)


def _write_to(follow_up: FollowUp, user: User) -> None:
    locale = notifications.recipient_locale(user)
    language = follow_up.language_for(locale)
    message = notifications.enqueue(user, "follow_up", follow_up=follow_up)
    db.session.add(
        FollowUpRecipient(
            follow_up=follow_up,
            user=user,
            language=language,
            fallback=language != locale,
            message=message,
        )
    )


@jobs.handler("follow_up_send", label=_l("Follow-up"), max_attempts=3)
def send_job(run: JobRun) -> None:
    """A job: a follow-up's messages, written and committed a batch at a time."""
    follow_up = db.session.get(FollowUp, run.params.get("follow_up"))
    if follow_up is None:
        raise JobFailed(_("This follow-up is gone."))
    deliver(follow_up, run)


def of_event(event: Event) -> list[tuple[FollowUp, int]]:
    """The event's follow-ups, newest first, with how many people each reached."""
    reached = (
        sa.select(FollowUpRecipient.follow_up_id, sa.func.count().label("n"))
        .group_by(FollowUpRecipient.follow_up_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(FollowUp, sa.func.coalesce(reached.c.n, 0))
        .outerjoin(reached, reached.c.follow_up_id == FollowUp.id)
        .where(FollowUp.event_id == event.id)
        .order_by(FollowUp.created_at.desc(), FollowUp.id.desc())
    ).all()
    return [(follow_up, n) for follow_up, n in rows]


def recipients(follow_up: FollowUp) -> sa.Select:
    """Who got it, by name: the record's paged list."""
    return (
        sa.select(FollowUpRecipient)
        .join(User, User.id == FollowUpRecipient.user_id)
        .where(FollowUpRecipient.follow_up_id == follow_up.id)
        .order_by(User.display_name, FollowUpRecipient.id)
    )


def languages_sent(follow_up: FollowUp) -> dict:
    """Language -> how many got it in that language; and how many of those as a fallback."""
    rows = db.session.execute(
        sa.select(FollowUpRecipient.language, FollowUpRecipient.fallback, sa.func.count())
        .where(FollowUpRecipient.follow_up_id == follow_up.id)
        .group_by(FollowUpRecipient.language, FollowUpRecipient.fallback)
    ).all()
    counts: dict = {}
    for language, fallback, n in rows:
        total, fell = counts.get(language, (0, 0))
        counts[language] = (total + n, fell + (n if fallback else 0))
    return counts
