"""Who an organizer's follow-up or survey goes to: one rule for every segment.

A segment is a fair plus filters: candidates (registered, checked in or not; by programme,
province, Japanese level, wanted sector, an exhibitor they applied to or met at its booth)
or the recruiters of the fair's approved exhibitors. Follow-up messages, surveys, their
previews and their reminders all ask `people`, so the count an organizer previews is the
list that receives. Nobody who opted out of follow-ups, is suspended or has not finished
signing up is ever in a segment.
"""

from dataclasses import asdict, dataclass, fields

import sqlalchemy as sa
from flask_babel import gettext as _

from matching import levels

from .. import access, labels
from ..extensions import db
from ..likes import json_contains
from ..models import (
    Application,
    BoothLead,
    CandidateProfile,
    Event,
    Exhibitor,
    Registration,
    Role,
    User,
    UserRole,
)

AUDIENCES = ("candidates", "employers")
ATTENDANCE = ("registered", "checked_in", "not_checked_in")


@dataclass(frozen=True)
class Segment:
    """Filters over one fair; empty strings and None mean "anyone"."""

    event_id: int
    audience: str = "candidates"
    attendance: str = "registered"
    programme: str = ""
    province: str = ""
    japanese_at_least: str = ""  # a level of levels.JAPANESE_SCALE
    sector: str = ""  # a sector the candidate wants to work in
    exhibitor_id: int | None = None

    def __post_init__(self):
        if self.audience not in AUDIENCES:
            raise ValueError(f"unknown audience {self.audience!r}")
        if self.attendance not in ATTENDANCE:
            raise ValueError(f"unknown attendance {self.attendance!r}")
        if self.japanese_at_least and self.japanese_at_least not in levels.JAPANESE_SCALE:
            raise ValueError(f"unknown Japanese level {self.japanese_at_least!r}")

    def to_dict(self) -> dict:
        """What a follow-up or survey stores, so its record says whom it was for."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Segment":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in known})


def _reachable():
    """SQL over `User`: may get an organizer's follow-ups at all."""
    return sa.and_(
        User.follow_ups_opted_out_at.is_(None),
        User.suspended_at.is_(None),
        User.pending_signup_at.is_(None),
    )


def _japanese_rank(level: str) -> int:
    parsed = levels.parse_language({"language": "Japanese", "level": level})
    return parsed.rank if parsed else 0


def _has_japanese(profile: CandidateProfile, need: int) -> bool:
    for entry in profile.languages or []:
        parsed = levels.parse_language(entry)
        if parsed is not None and parsed.code == "ja" and parsed.rank >= need:
            return True
    return False


def _candidates(segment: Segment, event: Event) -> list[User]:
    query = (
        sa.select(User, CandidateProfile)
        .join(CandidateProfile, CandidateProfile.user_id == User.id)
        .join(Registration, Registration.candidate_id == CandidateProfile.id)
        .where(Registration.event_id == event.id, User.role == UserRole.CANDIDATE, _reachable())
    )
    if segment.attendance == "checked_in":
        query = query.where(Registration.checked_in_at.is_not(None))
    elif segment.attendance == "not_checked_in":
        query = query.where(Registration.checked_in_at.is_(None))
    if segment.province:
        query = query.where(CandidateProfile.province == segment.province)
    if segment.programme:
        query = query.where(json_contains(CandidateProfile.programs, segment.programme))
    if segment.sector:
        query = query.where(json_contains(CandidateProfile.wanted_sectors, segment.sector))
    if segment.exhibitor_id is not None:
        exhibitor = db.session.get(Exhibitor, segment.exhibitor_id)
        organization_id = exhibitor.organization_id if exhibitor else -1
        applied = (
            sa.select(Application.id)
            .join(Role, Role.id == Application.role_id)
            .where(
                Application.candidate_id == CandidateProfile.id,
                Role.event_id == event.id,
                Role.organization_id == organization_id,
            )
        )
        met = sa.select(BoothLead.id).where(
            BoothLead.candidate_id == CandidateProfile.id,
            BoothLead.event_id == event.id,
            BoothLead.organization_id == organization_id,
        )
        query = query.where(sa.or_(applied.exists(), met.exists()))
    rows = db.session.execute(query.order_by(User.id)).all()
    if segment.japanese_at_least:
        need = _japanese_rank(segment.japanese_at_least)
        rows = [(user, profile) for user, profile in rows if _has_japanese(profile, need)]
    return [user for user, _profile in rows]


def _employers(segment: Segment, event: Event) -> list[User]:
    query = (
        sa.select(User)
        .join(Exhibitor, Exhibitor.organization_id == User.organization_id)
        .where(
            Exhibitor.event_id == event.id,
            access.exhibitor_is_in_fair(),
            User.role == UserRole.EMPLOYER,
            _reachable(),
        )
    )
    if segment.exhibitor_id is not None:
        query = query.where(Exhibitor.id == segment.exhibitor_id)
    return list(db.session.scalars(query.order_by(User.id)).unique())


def people(segment: Segment) -> list[User]:
    """Everyone in the segment, by user id: the one list previews, sends and reminders use."""
    event = db.session.get(Event, segment.event_id)
    if event is None:
        return []
    if segment.audience == "employers":
        return _employers(segment, event)
    return _candidates(segment, event)


def by_id(ids: list[int]) -> sa.Select:
    """People of `people`'s list read again by id (a job's batch after a commit), in id order."""
    return sa.select(User).where(User.id.in_(ids)).order_by(User.id)


def count(segment: Segment) -> int:
    return len(people(segment))


def describe(segment: Segment) -> str:
    """The segment in the reader's words, for previews and the record of what was sent."""
    if segment.audience == "employers":
        parts = [_("Recruiters of approved exhibitors")]
    else:
        parts = [
            {
                "registered": _("Registered candidates"),
                "checked_in": _("Candidates who checked in"),
                "not_checked_in": _("Registered candidates who did not check in"),
            }[segment.attendance]
        ]
        if segment.programme:
            parts.append(labels.PROGRAM_LABELS.get(segment.programme, segment.programme))
        if segment.province:
            parts.append(labels.place_label(segment.province))
        if segment.japanese_at_least:
            parts.append(_("Japanese %(level)s or above", level=segment.japanese_at_least))
        if segment.sector:
            parts.append(labels.SECTOR_LABELS.get(segment.sector, segment.sector))
    if segment.exhibitor_id is not None:
        exhibitor = db.session.get(Exhibitor, segment.exhibitor_id)
        if exhibitor is not None:
            parts.append(_("of %(company)s", company=exhibitor.organization.name))
    return " · ".join(str(part) for part in parts)
