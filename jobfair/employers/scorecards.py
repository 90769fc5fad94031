"""Interview scorecards: a role's criteria, each interviewer's ratings, the team's board.

Only a company's recruiters rate its candidates, each on their own scorecard; the
candidate never sees any of it (nothing here is read by the candidates' pages, their
data export or the API). `summary` is what other pages (the comparison) show of it.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import (
    DEFAULT_CRITERIA,
    Application,
    Role,
    Scorecard,
    ScorecardCriterion,
    ScorecardRating,
    User,
)
from ..models.base import utcnow
from ..models.scorecards import MAX_CRITERIA, MAX_LABEL
from .errors import RecruitingError


def _active(role: Role) -> sa.Select:
    return (
        sa.select(ScorecardCriterion)
        .where(ScorecardCriterion.role_id == role.id, ScorecardCriterion.archived_at.is_(None))
        .order_by(ScorecardCriterion.position, ScorecardCriterion.id)
    )


def criteria(role: Role) -> list[ScorecardCriterion]:
    """The role's criteria in order; the defaults (not yet saved) when it has none."""
    saved = list(db.session.scalars(_active(role)))
    if saved:  # set_criteria always leaves one at least
        return saved
    return [
        ScorecardCriterion(role_id=role.id, key=key, position=index)
        for index, key in enumerate(DEFAULT_CRITERIA)
    ]


def saved_criteria(role: Role) -> list[ScorecardCriterion]:
    """The role's criteria as rows, the defaults stored first if it has none yet."""
    found = criteria(role)
    for criterion in found:
        if criterion.id is None:
            db.session.add(criterion)
    db.session.flush()
    return found


def _default_key(label: str) -> str | None:
    """The default criterion `label` names, in any of the platform's languages."""
    wanted = label.casefold()
    for language in current_app.config["LANGUAGES"]:
        with force_locale(language):
            for key, default in DEFAULT_CRITERIA.items():
                if str(default).casefold() == wanted:
                    return key
    return None


def set_criteria(role: Role, labels: list[str]) -> list[ScorecardCriterion]:
    """Make `labels` the role's criteria, in that order (the caller commits).

    A label naming a default (in any language) stays that default, so it reads in each
    recruiter's language. A criterion left out, or renamed, is archived once someone
    rated it (deleted otherwise): old scorecards keep the words they were rated against.
    """
    labels = [" ".join(label.split()) for label in labels]
    labels = [label for label in labels if label]
    if not labels:
        raise RecruitingError(_l("Give at least one criterion."))
    if len(labels) > MAX_CRITERIA:
        raise RecruitingError(_l("At most %(num)d criteria.", num=MAX_CRITERIA))
    too_long = [label for label in labels if len(label) > MAX_LABEL]
    if too_long:
        raise RecruitingError(
            _l("At most %(num)d characters: %(label)s", num=MAX_LABEL, label=too_long[0])
        )
    wanted = [(_default_key(label), label) for label in labels]
    names = [key or label.casefold() for key, label in wanted]
    if len(set(names)) < len(names):
        raise RecruitingError(_l("Each criterion once, please."))
    rows = list(
        db.session.scalars(
            sa.select(ScorecardCriterion).where(ScorecardCriterion.role_id == role.id)
        )
    )
    by_name = {row.key or row.label.casefold(): row for row in rows}
    kept = []
    for position, (key, label) in enumerate(wanted):
        row = by_name.get(key or label.casefold())
        if row is None:
            row = ScorecardCriterion(role_id=role.id, key=key, label="" if key else label)
            db.session.add(row)
        row.position, row.archived_at = position, None
        kept.append(row)
    rated = _rated_ids([row.id for row in rows])
    for row in rows:
        if row not in kept and row.archived_at is None:
            if row.id in rated:
                row.archived_at = utcnow()
            else:
                db.session.delete(row)
    db.session.flush()
    return kept


def _rated_ids(criterion_ids: list[int]) -> set[int]:
    if not criterion_ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(ScorecardRating.criterion_id)
            .where(ScorecardRating.criterion_id.in_(criterion_ids))
            .distinct()
        )
    )


def is_interviewer(user: User, application: Application) -> bool:
    """A recruiter of the company whose role it is."""
    return (
        user.is_authenticated
        and user.is_employer
        and user.organization_id == application.role.organization_id
    )


def scorecard_of(application: Application, interviewer: User) -> Scorecard | None:
    return db.session.scalar(
        sa.select(Scorecard).where(
            Scorecard.application_id == application.id,
            Scorecard.interviewer_id == interviewer.id,
        )
    )


def save_scorecard(
    application: Application,
    interviewer: User,
    ratings: dict[str, tuple[int | None, str]],
    comment: str = "",
) -> Scorecard:
    """Write the interviewer's own scorecard (the caller commits).

    `ratings` maps a criterion's slug to (score 1–4 or None, comment); a criterion left
    unscored has no rating. Ratings of archived criteria stay as they were.
    """
    if not is_interviewer(interviewer, application):
        raise RecruitingError(_l("Only your company's recruiters rate its candidates."))
    card = scorecard_of(application, interviewer)
    if card is None:
        card = Scorecard(application=application, interviewer_id=interviewer.id)
        db.session.add(card)
    card.comment = comment.strip()
    for criterion in saved_criteria(application.role):
        score, note = ratings.get(criterion.slug, (None, ""))
        rating = card.rating_for(criterion)
        if score is None:
            if note.strip():
                raise RecruitingError(
                    _l("Give a rating with the comment on %(criterion)s.",
                       criterion=criterion.display_label)
                )  # fmt: skip
            if rating is not None:
                card.ratings.remove(rating)
            continue
        if rating is None:
            rating = ScorecardRating(criterion=criterion, score=score)
            card.ratings.append(rating)
        rating.score, rating.comment = score, note.strip()
    card.updated_at = utcnow()
    return card


@dataclass
class Row:
    """One criterion across the team's scorecards: a rating (or None) per scorecard."""

    criterion: ScorecardCriterion
    ratings: list[ScorecardRating | None]
    archived: bool = False

    @property
    def label(self):
        return self.criterion.display_label

    @property
    def average(self) -> float | None:
        return _mean([r.score for r in self.ratings if r is not None])


@dataclass
class Board:
    """The team's ratings side by side: criteria as rows, interviewers as columns."""

    scorecards: list[Scorecard]
    rows: list[Row] = field(default_factory=list)

    def column_average(self, index: int) -> float | None:
        return _mean([r.score for r in self.scorecards[index].ratings])

    @property
    def overall(self) -> float | None:
        return _mean([r.score for card in self.scorecards for r in card.ratings])


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _scorecards_of(application_ids: list[int]) -> list[Scorecard]:
    if not application_ids:
        return []
    return list(
        db.session.scalars(
            sa.select(Scorecard)
            .where(Scorecard.application_id.in_(application_ids))
            .order_by(Scorecard.created_at, Scorecard.id)
        )
    )


def _board(role: Role, cards: list[Scorecard], active=None) -> Board:
    board = Board(cards)
    active = criteria(role) if active is None else active
    rated = {r.criterion_id: r.criterion for card in cards for r in card.ratings}
    shown = active + sorted(
        (c for c in rated.values() if c.archived_at is not None), key=lambda c: c.position
    )
    for criterion in shown:
        ratings = [card.rating_for(criterion) if criterion.id else None for card in cards]
        board.rows.append(Row(criterion, ratings, archived=criterion.archived_at is not None))
    return board


def board(application: Application) -> Board:
    """The application's scorecards, oldest first, with a row per criterion (the role's
    own, then archived ones someone rated)."""
    return _board(application.role, _scorecards_of([application.id]))


@dataclass(frozen=True)
class Summary:
    """A candidate's ratings for a role: each criterion's average, the average of every
    rating given (`overall`) and how many interviewers rated (`count`)."""

    criteria: list[tuple[str, float | None]]
    overall: float | None
    count: int

    def as_dict(self) -> dict:
        """{criterion label: average, ..., "overall": average, "count": interviewers}"""
        return {**dict(self.criteria), "overall": self.overall, "count": self.count}


def summaries(applications: list[Application]) -> dict[int, Summary]:
    """The rating summary of each application (by id), in one query for the scorecards."""
    cards = _scorecards_of([a.id for a in applications])
    found, by_role = {}, {}
    for application in applications:
        mine = [c for c in cards if c.application_id == application.id]
        if application.role_id not in by_role:
            by_role[application.role_id] = criteria(application.role)
        team = _board(application.role, mine, by_role[application.role_id])
        found[application.id] = Summary(
            criteria=[(str(row.label), row.average) for row in team.rows],
            overall=team.overall,
            count=len(mine),
        )
    return found


def summary(application: Application) -> Summary:
    """One application's rating summary (see `Summary`)."""
    return summaries([application])[application.id]
