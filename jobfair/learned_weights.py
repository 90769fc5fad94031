"""Part weights learned from each company's decisions at an event (`matching.learning`):
kept in `learned_weights`, read when the company's shortlists are ranked.

Decisions are the pipeline's: a candidate moved forward (shortlisted, invited, interviewed,
offered, hired) or not selected. Learning scores every decided candidate's parts with the
event's matcher, which takes a while for a long history, so it never runs inside a page:
a job after decisions (`after_decision`) or `flask learn-weights` (on a schedule) does it,
and a page reads one small row. A company's weights come from its own decisions only and
rank only its own roles: one company's clicks never move another company's shortlist.
"""

from collections import defaultdict

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from matching.learning import (
    MIN_DECISIONS,
    PARTS,
    Example,
    WeightBook,
    family_keys,
    part_scores,
    role_family,
)

from . import jobs
from .extensions import db
from .indexes import _index_for
from .models import (
    Application,
    ApplicationStatus,
    Event,
    Job,
    JobStatus,
    LearnedWeights,
    Role,
    StatusChange,
)

FORWARD = (
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.INVITED,
    ApplicationStatus.INTERVIEWED,
    ApplicationStatus.OFFERED,
    ApplicationStatus.HIRED,
)
NOT_SELECTED = (ApplicationStatus.REJECTED,)
KIND = "learn_weights"
# Which (event, company) pairs this transaction already asked a job for.
_ASKED = "learn_weights_asked"


def _company_applications(event_id: int, organization_id: int) -> sa.Select:
    return (
        sa.select(Application.id)
        .join(Role, Role.id == Application.role_id)
        .where(Role.event_id == event_id, Role.organization_id == organization_id)
    )


def decisions(event_id: int, organization_id: int) -> dict[int, list[tuple[int, bool]]]:
    """The company's decisions at the event, per role: [(candidate id, moved forward)]."""
    rows = db.session.execute(
        sa.select(Application.role_id, Application.candidate_id, Application.status)
        .join(Role, Role.id == Application.role_id)
        .where(
            Role.event_id == event_id,
            Role.organization_id == organization_id,
            Application.status.in_([*FORWARD, *NOT_SELECTED]),
        )
        .order_by(Application.role_id, Application.id)
    )
    found: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for role_id, candidate_id, status in rows:
        found[role_id].append((candidate_id, status in FORWARD))
    return dict(found)


def count_decisions(event_id: int, organization_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Application)
        .join(Role, Role.id == Application.role_id)
        .where(
            Role.event_id == event_id,
            Role.organization_id == organization_id,
            Application.status.in_([*FORWARD, *NOT_SELECTED]),
        )
    )


def newest_change(event_id: int, organization_id: int) -> int:
    """The id of the company's newest pipeline step at the event (0 when none)."""
    return (
        db.session.scalar(
            sa.select(sa.func.max(StatusChange.id)).where(
                StatusChange.application_id.in_(_company_applications(event_id, organization_id))
            )
        )
        or 0
    )


def _defaults(matcher) -> dict:
    return {part: getattr(matcher, f"{part}_weight") for part in PARTS}


def learn(event: Event, organization_id: int) -> list[LearnedWeights]:
    """Learn the company's weights at the event from its decisions and replace its rows
    (none when too few decisions teach anything); the caller commits."""
    through = newest_change(event.id, organization_id)
    found = decisions(event.id, organization_id)
    roles = {
        role.id: role
        for role in db.session.scalars(sa.select(Role).where(Role.id.in_(list(found))))
    }
    examples: dict[str, list[Example]] = defaultdict(list)
    index = _index_for(event.id)
    with index.lock:
        matcher = index.matcher
        defaults = _defaults(matcher)
        for role_id, decided in found.items():
            record = roles[role_id].matcher_record()
            scores = part_scores(matcher, record, [candidate for candidate, _ in decided])
            taken = [Example(scores[c], yes, role_id) for c, yes in decided if c in scores]
            for _company, family in family_keys(organization_id, role_family(matcher, record)):
                examples[family].extend(taken)
    book = WeightBook(defaults=defaults).fit(examples)
    db.session.execute(
        sa.delete(LearnedWeights).where(
            LearnedWeights.event_id == event.id,
            LearnedWeights.organization_id == organization_id,
        )
    )
    rows = [
        LearnedWeights(
            event_id=event.id,
            organization_id=organization_id,
            family=family,
            weights=dict(learned.weights),
            decisions=learned.decisions,
            through_change_id=through,
        )
        for family, learned in sorted(book.learned_.items())
        if learned.used
    ]
    db.session.add_all(rows)
    db.session.flush()
    return rows


def is_stale(event_id: int, organization_id: int) -> bool:
    """Whether decisions changed since the company's weights were learned (and there
    are enough of them to learn from)."""
    seen = db.session.scalar(
        sa.select(sa.func.max(LearnedWeights.through_change_id)).where(
            LearnedWeights.event_id == event_id,
            LearnedWeights.organization_id == organization_id,
        )
    )
    if seen is None and count_decisions(event_id, organization_id) < MIN_DECISIONS:
        return False
    return newest_change(event_id, organization_id) > (seen or 0)


def company_rows(role: Role) -> list[LearnedWeights]:
    """The learned weights of the role's company at its event (one small query)."""
    return db.session.scalars(
        sa.select(LearnedWeights).where(
            LearnedWeights.event_id == role.event_id,
            LearnedWeights.organization_id == role.organization_id,
        )
    ).all()


def weights_for(role: Role, matcher, rows: list[LearnedWeights]) -> LearnedWeights | None:
    """Of the company's `rows`, the weights that rank this role: those of the finest family
    of the role's occupation that has any; None when there are none."""
    if not rows:
        return None
    by_family = {row.family: row for row in rows if row.organization_id == role.organization_id}
    family = role_family(matcher, role.matcher_record())
    for _company, key in family_keys(role.organization_id, family):
        if key in by_family:
            return by_family[key]
    return None


def matcher_record(role: Role, learned: LearnedWeights | None) -> dict:
    """The role's record for the matcher, with the learned weights when there are any."""
    record = role.matcher_record()
    if learned is not None:
        record["part_weights"] = dict(learned.weights)
        record["weights_source"] = "learned"
    return record


def after_decision(application: Application) -> None:
    """Ask for the company's weights to be learned again once this step commits (a job,
    one per event and company at a time), when there are decisions enough to learn from."""
    if application.status not in (*FORWARD, *NOT_SELECTED):
        return
    role = application.role
    key = (role.event_id, role.organization_id)
    asked = db.session.info.setdefault(_ASKED, set())
    if key in asked or count_decisions(*key) < MIN_DECISIONS:
        return
    asked.add(key)
    waiting = db.session.scalars(
        sa.select(Job).where(
            Job.kind == KIND, Job.event_id == role.event_id, Job.status == JobStatus.QUEUED
        )
    ).all()
    if any((job.params or {}).get("organization_id") == role.organization_id for job in waiting):
        return
    jobs.start(KIND, owner=None, event=role.event, params={"organization_id": key[1]})


@sa.event.listens_for(sa.orm.Session, "after_commit")
@sa.event.listens_for(sa.orm.Session, "after_rollback")
def _forget_asked(session) -> None:
    session.info.pop(_ASKED, None)


@jobs.handler(KIND, label=_l("Learning from recruiters' decisions"), max_attempts=2)
def learn_job(run: jobs.JobRun) -> None:
    """A job: the company's weights at the event, learned again from its decisions."""
    event = db.session.get(Event, run.job.event_id) if run.job.event_id else None
    if event is not None:
        learn(event, int(run.params["organization_id"]))


def learn_stale(event_ids: list[int]) -> list[tuple[int, int, list[LearnedWeights]]]:
    """Learn again every company whose decisions changed at these events; the caller
    commits. Returns (event id, organization id, rows) per company learned."""
    done = []
    for event_id in event_ids:
        event = db.session.get(Event, event_id)
        companies = db.session.scalars(
            sa.select(Role.organization_id).where(Role.event_id == event_id).distinct()
        ).all()
        for organization_id in companies:
            if event is not None and is_stale(event_id, organization_id):
                done.append((event_id, organization_id, learn(event, organization_id)))
    return done
