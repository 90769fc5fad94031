"""Employer workflows: roles, the ranked shortlist, the pipeline, interview slots, the team.

Plain functions that take models and return models; the caller (a view) commits.
Every lookup a recruiter can reach by URL goes through a `get_*_or_404(..., for_user=...)`
helper, which answers 404 for another company's data.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import abort, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import contains_eager, selectinload

from .extensions import db
from .models import (
    Application,
    ApplicationNote,
    ApplicationStatus,
    CandidateProfile,
    Event,
    Exhibitor,
    ExhibitorStatus,
    Interview,
    InterviewSlot,
    Organization,
    Registration,
    Role,
    RoleStatus,
    StatusChange,
    User,
    record_audit,
)
from .models.accounts import RecruiterInvitation
from .models.base import utcnow
from .models.candidates import EDUCATION_LEVELS

INVITATION_LIFETIME = timedelta(days=7)
LOGO_MAX_BYTES = 1024 * 1024
# Once invited, a candidate is met in person: blind review ends there.
REVEALED_STATUSES = frozenset(
    {
        ApplicationStatus.INVITED,
        ApplicationStatus.INTERVIEWED,
        ApplicationStatus.OFFERED,
        ApplicationStatus.HIRED,
    }
)
NEXT_STATUSES = {
    ApplicationStatus.NEW: (ApplicationStatus.SHORTLISTED, ApplicationStatus.REJECTED),
    ApplicationStatus.SHORTLISTED: (ApplicationStatus.REJECTED,),  # invited through invite()
    ApplicationStatus.INVITED: (ApplicationStatus.INTERVIEWED, ApplicationStatus.REJECTED),
    ApplicationStatus.INTERVIEWED: (ApplicationStatus.OFFERED, ApplicationStatus.REJECTED),
    ApplicationStatus.OFFERED: (ApplicationStatus.HIRED, ApplicationStatus.REJECTED),
    ApplicationStatus.HIRED: (),
    ApplicationStatus.REJECTED: (ApplicationStatus.SHORTLISTED,),
}


class RecruitingError(ValueError):
    """A recruiting action that cannot go ahead, with a message for the recruiter."""


# --- tenant-checked lookups ---------------------------------------------------------


def _same_company(user: User, organization_id: int | None) -> bool:
    return (
        user.is_authenticated
        and user.is_employer
        and organization_id is not None
        and user.organization_id == organization_id
    )


def get_role_or_404(role_id: int, *, for_user: User) -> Role:
    role = db.session.get(Role, role_id)
    if role is None or not _same_company(for_user, role.organization_id):
        abort(404)
    return role


def get_application_or_404(application_id: int, *, for_user: User) -> Application:
    application = db.session.get(Application, application_id)
    if application is None or not _same_company(for_user, application.role.organization_id):
        abort(404)
    return application


def get_exhibitor_or_404(exhibitor_id: int, *, for_user: User) -> Exhibitor:
    exhibitor = db.session.get(Exhibitor, exhibitor_id)
    if exhibitor is None or not _same_company(for_user, exhibitor.organization_id):
        abort(404)
    return exhibitor


def get_slot_or_404(slot_id: int, *, for_user: User) -> InterviewSlot:
    slot = db.session.get(InterviewSlot, slot_id)
    if slot is None or not _same_company(for_user, slot.exhibitor.organization_id):
        abort(404)
    return slot


def get_candidate_or_404(role: Role, candidate_id: int) -> CandidateProfile:
    """A consenting candidate registered for the role's event; anyone else is 404."""
    profile = db.session.scalar(
        sa.select(CandidateProfile)
        .join(Registration, Registration.candidate_id == CandidateProfile.id)
        .where(
            CandidateProfile.id == candidate_id,
            CandidateProfile.consent_at.is_not(None),
            Registration.event_id == role.event_id,
        )
    )
    if profile is None:
        abort(404)
    return profile


# --- the company and its team ----------------------------------------------------------


def exhibitor_records(organization: Organization) -> list[Exhibitor]:
    """Every event the company takes part in, newest first, with status and booth."""
    return list(
        db.session.scalars(
            sa.select(Exhibitor)
            .join(Event)
            .where(Exhibitor.organization_id == organization.id)
            .options(contains_eager(Exhibitor.event))
            .order_by(Event.starts_on.desc())
        )
    )


def approved_events(organization: Organization) -> list[Event]:
    """Events the company may post roles for: where its exhibitor entry is approved."""
    return [
        e.event for e in exhibitor_records(organization) if e.status == ExhibitorStatus.APPROVED
    ]


def exhibitor_for(role: Role) -> Exhibitor | None:
    return db.session.scalar(
        sa.select(Exhibitor).where(
            Exhibitor.event_id == role.event_id,
            Exhibitor.organization_id == role.organization_id,
        )
    )


def update_company(organization: Organization, **fields) -> Organization:
    for name in ("name", "country", "sector", "description", "website"):
        if name in fields:
            setattr(organization, name, fields[name])
    return organization


def logo_kind(data: bytes) -> str | None:
    """'png' or 'jpg' judged by the bytes themselves, never by the file name."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return "png"
    if data.startswith(b"\xff\xd8\xff") and data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return "jpg"
    return None


def logo_folder() -> Path:
    base = current_app.config.get("UPLOAD_FOLDER") or str(
        Path(current_app.instance_path) / "uploads"
    )
    folder = Path(base) / "logos"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_logo(organization: Organization, data: bytes) -> str:
    """Store a PNG or JPEG logo under instance/ with a random name; drop the old one."""
    if len(data) > LOGO_MAX_BYTES:
        raise RecruitingError(_l("The logo is too large: at most 1 MB."))
    kind = logo_kind(data)
    if kind is None:
        raise RecruitingError(_l("The logo must be a PNG or JPEG image."))
    folder = logo_folder()
    filename = f"{uuid.uuid4().hex}.{kind}"
    (folder / filename).write_bytes(data)
    old = organization.logo_filename
    organization.logo_filename = filename
    if old:
        (folder / old).unlink(missing_ok=True)
    return filename


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_colleague(organization: Organization, actor: User) -> tuple[RecruiterInvitation, str]:
    """A single-use link for a colleague; returns the invitation and its secret token."""
    token = secrets.token_urlsafe(32)
    invitation = RecruiterInvitation(
        organization=organization,
        token_hash=_token_hash(token),
        created_by_id=actor.id,
        expires_at=utcnow() + INVITATION_LIFETIME,
    )
    db.session.add(invitation)
    record_audit(actor, "recruiter_invited", organization)
    return invitation, token


def invitation_for_token(token: str) -> RecruiterInvitation | None:
    """The invitation if the token is genuine, unused and not expired."""
    invitation = db.session.scalar(
        sa.select(RecruiterInvitation).where(RecruiterInvitation.token_hash == _token_hash(token))
    )
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= utcnow():
        return None
    return invitation


def accept_invitation(invitation: RecruiterInvitation, **user_fields) -> User:
    """Create the colleague's account in the inviting company and use up the link."""
    from . import accounts

    user = accounts.create_user(
        role="employer", organization=invitation.organization, **user_fields
    )
    db.session.flush()
    invitation.used_at = utcnow()
    invitation.used_by_id = user.id
    return user


def pending_invitations(organization: Organization) -> list[RecruiterInvitation]:
    return list(
        db.session.scalars(
            sa.select(RecruiterInvitation)
            .where(
                RecruiterInvitation.organization_id == organization.id,
                RecruiterInvitation.used_at.is_(None),
                RecruiterInvitation.expires_at > utcnow(),
            )
            .order_by(RecruiterInvitation.created_at.desc())
        )
    )


# --- roles -------------------------------------------------------------------------------

ROLE_FIELDS = (
    "title",
    "description",
    "sector",
    "location",
    "program",
    "headcount",
    "salary_min",
    "salary_max",
    "currency",
    "required_skills",
    "preferred_skills",
    "languages",
    "min_education",
    "blind_review",
)


def company_roles(organization: Organization) -> list[Role]:
    return list(
        db.session.scalars(
            sa.select(Role)
            .where(Role.organization_id == organization.id)
            .options(selectinload(Role.event))
            .order_by(Role.status.desc(), Role.created_at.desc(), Role.id.desc())
        )
    )


def create_role(organization: Organization, event: Event, actor: User, **fields) -> Role:
    if event not in approved_events(organization):
        raise RecruitingError(_l("Your company is not an approved exhibitor at this event."))
    role = Role(organization=organization, event=event, created_by_id=actor.id)
    update_role(role, **fields)
    db.session.add(role)
    return role


def update_role(role: Role, **fields) -> Role:
    for name in ROLE_FIELDS:
        if name in fields:
            setattr(role, name, fields[name])
    if role.salary_min is not None and role.salary_max is not None:
        if role.salary_min > role.salary_max:
            raise RecruitingError(_l("The lowest salary is above the highest."))
    return role


def copy_role(role: Role, actor: User) -> Role:
    """A new open role with the same content, for the same event."""
    copy = Role(
        organization_id=role.organization_id,
        event_id=role.event_id,
        created_by_id=actor.id,
        status=RoleStatus.OPEN,
    )
    for name in ROLE_FIELDS:
        setattr(copy, name, getattr(role, name))
    copy.title = str(_l("Copy of %(title)s", title=role.title))[:200]
    copy.languages = [dict(req) for req in role.languages or []]
    db.session.add(copy)
    return copy


def set_role_status(role: Role, status: str, actor: User) -> Role:
    role.status = RoleStatus(status)
    record_audit(actor, "role_status", role, status=str(role.status))
    return role


# --- the ranked shortlist -----------------------------------------------------------------

try:  # The lead's module; until it lands, the stand-in below keeps the pages working.
    from .ranking import shortlist as ranked_shortlist
except ImportError:
    ranked_shortlist = None


@dataclass
class Ranked:
    """One candidate in a role's shortlist, as `jobfair.ranking.shortlist` returns them."""

    profile: CandidateProfile
    registration: Registration
    score: float
    rank: int = 0
    explanation: dict = field(default_factory=dict)


JLPT = {"N5": 1, "N4": 2, "N3": 3, "N2": 4, "N1": 5, "JFT-BASIC A2": 2}
CEFR = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}
NATIVE = 10


def level_rank(level: str) -> int:
    level = (level or "").strip().upper()
    if level in ("NATIVE", "FLUENT"):
        return NATIVE
    return JLPT.get(level) or CEFR.get(level) or 0


def candidate_languages(profile: CandidateProfile) -> dict[str, str]:
    """{"japanese": "N4", ...} from strings such as "Japanese N4"."""
    found = {}
    for entry in profile.languages or []:
        language, _sep, level = str(entry).strip().partition(" ")
        found[language.lower()] = level.strip()
    return found


def _stand_in_explain(role: Role, profile: CandidateProfile) -> tuple[float, dict]:
    """A transparent score until the matcher lands: skills, languages, education, wishes."""
    skills = {s.lower() for s in profile.skills or []}
    required = list(role.required_skills or [])
    preferred = list(role.preferred_skills or [])
    matched = [s for s in required if s.lower() in skills]
    matched_preferred = [s for s in preferred if s.lower() in skills]
    spoken = candidate_languages(profile)
    languages, language_points, must_missed = [], 0.0, False
    for req in role.languages or []:
        have = spoken.get(str(req.get("language", "")).lower(), "")
        need, got = level_rank(req.get("level", "")), level_rank(have)
        status = (
            "met" if got >= need and got else "nearly" if got and got == need - 1 else "not_met"
        )
        language_points += {"met": 1.0, "nearly": 0.5, "not_met": 0.0}[status]
        must_missed |= bool(req.get("must")) and status == "not_met"
        languages.append(
            {
                "language": req.get("language"),
                "required": req.get("level"),
                "candidate": have or None,
                "status": status,
                "must": bool(req.get("must")),
            }
        )
    education_ok = meets_education(profile, role)
    parts = {
        "required_skills": 0.45 * (len(matched) / len(required) if required else 1.0),
        "preferred_skills": 0.15 * (len(matched_preferred) / len(preferred) if preferred else 1.0),
        "languages": 0.25 * (language_points / len(languages) if languages else 1.0),
        "education": 0.1 if education_ok else 0.0,
        "wishes": 0.05 * (wants_location(profile, role) + wants_program(profile, role)) / 2,
    }
    score = sum(parts.values()) * (0.5 if must_missed else 1.0)
    return round(score, 4), {
        "matched_required_skills": matched,
        "missing_required_skills": [s for s in required if s.lower() not in skills],
        "matched_preferred_skills": matched_preferred,
        "languages": languages,
        "education": {"required": role.min_education, "candidate": profile.education_level,
                      "met": education_ok},
        "occupation": profile.headline,
        "contributions": {k: round(v, 4) for k, v in parts.items()},
    }  # fmt: skip


def _stand_in_shortlist(role: Role, *, filters=None) -> list[Ranked]:
    rows = db.session.execute(
        sa.select(Registration, CandidateProfile)
        .join(CandidateProfile, Registration.candidate_id == CandidateProfile.id)
        .where(Registration.event_id == role.event_id, CandidateProfile.consent_at.is_not(None))
    ).all()
    ranked = []
    for registration, profile in rows:
        score, explanation = _stand_in_explain(role, profile)
        ranked.append(Ranked(profile, registration, score, explanation=explanation))
    ranked.sort(key=lambda r: (-r.score, r.profile.id))
    for position, entry in enumerate(ranked, start=1):
        entry.rank = position
    return ranked


def shortlist(role: Role) -> list:
    """Every consenting candidate registered for the role's event, best first."""
    if ranked_shortlist is not None:
        return ranked_shortlist(role)
    return _stand_in_shortlist(role)


def meets_education(profile: CandidateProfile, role: Role) -> bool:
    levels = list(EDUCATION_LEVELS)
    return levels.index(profile.education_level) >= levels.index(role.min_education or "none")


def wants_location(profile: CandidateProfile, role: Role) -> bool:
    wishes = {w.lower() for w in profile.wanted_locations or []}
    location = (role.location or "").lower()
    return location in wishes or (location.startswith("japan") and "japan" in wishes)


def wants_program(profile: CandidateProfile, role: Role) -> bool:
    return role.program in (profile.programs or [])


def meets_languages(entry) -> bool:
    """Every language the role must have is met (the explanation says so)."""
    return all(
        item.get("status") == "met"
        for item in entry.explanation.get("languages", [])
        if item.get("must")
    )


def checked_in_today(entry, event: Event) -> bool:
    checked = entry.registration.checked_in_at
    if checked is None:
        return False
    zone = ZoneInfo(event.timezone)
    return checked.astimezone(zone).date() == datetime.now(zone).date()


SHORTLIST_FILTERS = ("checked_in", "languages", "location", "program", "education")


def filter_shortlist(role: Role, entries: list, active: set[str]) -> list:
    """Keep the entries that pass every chosen filter; ranks stay as the matcher gave them."""
    tests = {
        "checked_in": lambda e: checked_in_today(e, role.event),
        "languages": meets_languages,
        "location": lambda e: wants_location(e.profile, role),
        "program": lambda e: wants_program(e.profile, role),
        "education": lambda e: meets_education(e.profile, role),
    }
    chosen = [tests[name] for name in SHORTLIST_FILTERS if name in active]
    return [e for e in entries if all(test(e) for test in chosen)]


def applications_by_candidate(role: Role) -> dict[int, Application]:
    return {
        a.candidate_id: a
        for a in db.session.scalars(sa.select(Application).where(Application.role_id == role.id))
    }


def is_revealed(role: Role, application: Application | None) -> bool:
    """Under blind review a candidate's identity shows only once they are invited."""
    if not role.blind_review:
        return True
    return application is not None and application.status in REVEALED_STATUSES


def candidate_label(profile: CandidateProfile, revealed: bool) -> str:
    if revealed:
        return profile.full_name
    return str(_l("Candidate %(ref)s", ref=candidate_ref(profile)))


def candidate_ref(profile: CandidateProfile) -> str:
    return f"C{profile.id:05d}"


def age(profile: CandidateProfile) -> int | None:
    return date.today().year - profile.birth_year if profile.birth_year else None


# --- the pipeline -------------------------------------------------------------------------


def pipeline(role: Role) -> list[Application]:
    return list(
        db.session.scalars(
            sa.select(Application)
            .where(Application.role_id == role.id)
            .options(selectinload(Application.candidate), selectinload(Application.history))
            .order_by(Application.updated_at.desc(), Application.id)
        )
    )


def _move(application: Application, to_status: str, actor: User) -> Application:
    from_status = application.status
    application.status = to_status
    application.updated_at = utcnow()
    db.session.add(
        StatusChange(
            application=application, from_status=from_status, to_status=to_status, actor_id=actor.id
        )
    )
    record_audit(
        actor,
        "application_status",
        application,
        role_id=application.role_id,
        from_status=from_status,
        to_status=to_status,
    )
    return application


def add_to_pipeline(role: Role, profile: CandidateProfile, actor: User) -> Application:
    """Shortlist a ranked candidate; create their application if they have none."""
    if role.status != RoleStatus.OPEN:
        raise RecruitingError(_l("This role is closed."))
    application = db.session.scalar(
        sa.select(Application).where(
            Application.role_id == role.id, Application.candidate_id == profile.id
        )
    )
    if application is None:
        application = Application(
            role=role, candidate=profile, status=None, applied_by_candidate=False
        )
        db.session.add(application)
        return _move(application, ApplicationStatus.SHORTLISTED, actor)
    return change_status(application, ApplicationStatus.SHORTLISTED, actor)


def change_status(application: Application, to_status: str, actor: User) -> Application:
    """Move one step along the pipeline (or to rejected); the step is recorded and audited."""
    allowed = NEXT_STATUSES.get(ApplicationStatus(application.status), ())
    if to_status not in allowed:
        raise RecruitingError(_l("That step is not possible from the current status."))
    return _move(application, to_status, actor)


def add_note(application: Application, body: str, actor: User) -> ApplicationNote:
    note = ApplicationNote(application=application, body=body.strip(), author_id=actor.id)
    db.session.add(note)
    return note


def statuses_for_candidate(profile: CandidateProfile) -> list[tuple[Role, str]]:
    """What a candidate may see of their applications: role and status, never notes."""
    rows = db.session.execute(
        sa.select(Role, Application.status)
        .join(Application, Application.role_id == Role.id)
        .where(Application.candidate_id == profile.id)
        .order_by(Application.updated_at.desc())
    ).all()
    return [(role, status) for role, status in rows]


# --- interview slots ----------------------------------------------------------------------


def local_to_utc(event: Event, day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(event.timezone)).astimezone(UTC)


def create_slots(
    exhibitor: Exhibitor, day: date, start: time, end: time, minutes: int
) -> list[InterviewSlot]:
    """Slots of `minutes` from start to end on one event day; existing times are kept."""
    event = exhibitor.event
    if day not in event.days:
        raise RecruitingError(_l("Choose one of the event's days."))
    if not event.opens_at <= start < end <= event.closes_at:
        raise RecruitingError(_l("Slots must be within the event's opening hours."))
    taken = {
        s.starts_at
        for s in db.session.scalars(
            sa.select(InterviewSlot).where(InterviewSlot.exhibitor_id == exhibitor.id)
        )
    }
    slots, cursor = [], local_to_utc(event, day, start)
    finish, step = local_to_utc(event, day, end), timedelta(minutes=minutes)
    while cursor + step <= finish:
        if cursor not in taken:
            slots.append(
                InterviewSlot(exhibitor=exhibitor, starts_at=cursor, ends_at=cursor + step)
            )
        cursor += step
    if not slots:
        raise RecruitingError(_l("These slots exist already or do not fit in the time given."))
    db.session.add_all(slots)
    return slots


def free_slots(exhibitor: Exhibitor) -> list[InterviewSlot]:
    return list(
        db.session.scalars(
            sa.select(InterviewSlot)
            .outerjoin(Interview, Interview.slot_id == InterviewSlot.id)
            .where(
                InterviewSlot.exhibitor_id == exhibitor.id,
                Interview.id.is_(None),
                InterviewSlot.starts_at > utcnow(),
            )
            .order_by(InterviewSlot.starts_at)
        )
    )


def schedule(exhibitor: Exhibitor, day: date) -> list[tuple[InterviewSlot, Interview | None]]:
    """A booth's slots on one local day, each with its interview if booked."""
    event = exhibitor.event
    start = local_to_utc(event, day, time(0, 0))
    rows = db.session.execute(
        sa.select(InterviewSlot, Interview)
        .outerjoin(Interview, Interview.slot_id == InterviewSlot.id)
        .where(
            InterviewSlot.exhibitor_id == exhibitor.id,
            InterviewSlot.starts_at >= start,
            InterviewSlot.starts_at < start + timedelta(days=1),
        )
        .order_by(InterviewSlot.starts_at)
    ).all()
    return [(slot, interview) for slot, interview in rows]


def booking_clash(application: Application, slot: InterviewSlot):
    """Why the slot cannot be booked for this candidate, or None."""
    if db.session.scalar(sa.select(Interview.id).where(Interview.slot_id == slot.id)):
        return _l("That slot is already booked. Choose another one.")
    if db.session.scalar(
        sa.select(Interview.id).where(
            Interview.candidate_id == application.candidate_id,
            Interview.starts_at == slot.starts_at,
        )
    ):
        return _l("The candidate already has an interview at that time.")
    return None


def invite(application: Application, slot: InterviewSlot, actor: User) -> Interview:
    """Offer the candidate an interview in this slot.

    The checks give clear messages; the unique constraints on interviews stop the
    race two recruiters could still run, and the caller turns that IntegrityError
    into the same message after a rollback.
    """
    if application.status != ApplicationStatus.SHORTLISTED:
        raise RecruitingError(_l("Shortlist the candidate before inviting them."))
    if slot.exhibitor.event_id != application.role.event_id:
        raise RecruitingError(_l("That slot is at another event."))
    clash = booking_clash(application, slot)
    if clash:
        raise RecruitingError(clash)
    interview = db.session.scalar(
        sa.select(Interview).where(Interview.application_id == application.id)
    )
    if interview is None:
        interview = Interview(application=application, candidate_id=application.candidate_id)
        db.session.add(interview)
    interview.slot = slot
    interview.starts_at = slot.starts_at
    interview.status = "offered"
    _move(application, ApplicationStatus.INVITED, actor)
    return interview
