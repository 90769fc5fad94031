"""Who may see what at a fair, decided in one place.

Every page, export, API endpoint, recommendation, message and statistic asks here:

- whether a company is in a fair: its exhibitor entry is approved (`exhibitor_in_fair`,
  `in_fair`). A pending, invited, rejected or withdrawn exhibitor is not;
- which roles candidates may see and apply to: open roles of a published event whose
  company is in the fair (`open_to_candidates`, `open_roles`, `role_is_open`);
- which candidates a recruiter may see for a role: only while the recruiter's company is
  in the role's fair (`check_recruiter`, else `NotInFair`, a 403 that says why), and only
  candidates of that fair who consented (`candidates_of`);
- whether a candidate's identity and CV may be shown to a company: under blind review only
  from the invitation on, by every route (`is_revealed`, `can_download_cv`);
- what a company sees of the candidates it met at its booth: leads of fairs it is in, not
  withdrawn by the candidate (`leads_seen_by`), their profile only with consent
  (`lead_shows_profile`); booth staff scan, rate and note, only recruiters take a candidate
  further (`may_take_further`).
- who may work the door of an event (check-in, walk-ins, the offline list): organizers at
  any event, a door volunteer at their own event only (`may_work_door`).

It stands on the models alone, so any area may ask it without importing another area.
"""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import Forbidden

from .extensions import db
from .models import (
    Application,
    ApplicationStatus,
    BoothLead,
    CandidateProfile,
    Event,
    Exhibitor,
    ExhibitorStatus,
    Registration,
    Role,
    RoleStatus,
    User,
    UserRole,
)

# Once invited, a candidate is met in person: blind review ends there.
REVEALED_STATUSES = frozenset(
    {
        ApplicationStatus.INVITED,
        ApplicationStatus.INTERVIEWED,
        ApplicationStatus.OFFERED,
        ApplicationStatus.HIRED,
    }
)
# Applications still under way: the ones that move to "withdrawn" if the company leaves.
OPEN_APPLICATION_STATUSES = frozenset(
    {
        ApplicationStatus.NEW,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.INVITED,
        ApplicationStatus.INTERVIEWED,
        ApplicationStatus.OFFERED,
    }
)


# --- is this company in the fair ---------------------------------------------------------


def is_in_fair(exhibitor: Exhibitor | None) -> bool:
    """Only an approved exhibitor is in the fair: invited, pending, rejected, withdrawn are not."""
    return exhibitor is not None and exhibitor.status == ExhibitorStatus.APPROVED


def exhibitor_is_in_fair():
    """SQL over `Exhibitor`: the same rule as `is_in_fair`."""
    return Exhibitor.status == ExhibitorStatus.APPROVED


def in_fair(event_id, organization_id):
    """SQL: the company (a column or a value) is an approved exhibitor of the event."""
    return (
        sa.select(Exhibitor.id)
        .where(
            Exhibitor.event_id == event_id,
            Exhibitor.organization_id == organization_id,
            exhibitor_is_in_fair(),
        )
        .exists()
    )


def exhibitor_of(event_id: int, organization_id: int) -> Exhibitor | None:
    """The company's entry at the event, whatever its status."""
    return db.session.scalar(
        sa.select(Exhibitor).where(
            Exhibitor.event_id == event_id, Exhibitor.organization_id == organization_id
        )
    )


def exhibitor_of_role(role: Role) -> Exhibitor | None:
    """The entry, at the role's event, of the company that posted it."""
    return exhibitor_of(role.event_id, role.organization_id)


def exhibitor_in_fair(event_id: int, organization_id: int) -> bool:
    return is_in_fair(exhibitor_of(event_id, organization_id))


# --- which roles candidates see ----------------------------------------------------------


def open_to_candidates():
    """SQL over `Role`: open, at a published event, its company in the fair."""
    published = sa.select(Event.id).where(Event.published.is_(True))
    return sa.and_(
        Role.status == RoleStatus.OPEN,
        Role.event_id.in_(published),
        in_fair(Role.event_id, Role.organization_id),
    )


def open_roles(event: Event) -> list[Role]:
    """The event's roles candidates may see and apply to, by title."""
    return db.session.scalars(
        sa.select(Role)
        .where(Role.event_id == event.id, open_to_candidates())
        .options(joinedload(Role.organization))
        .order_by(Role.title, Role.id)
    ).all()


def role_is_open(role: Role) -> bool:
    """May candidates see this role and show interest in it?"""
    return bool(
        db.session.scalar(
            sa.select(sa.literal(True)).where(Role.id == role.id, open_to_candidates())
        )
    )


def open_role_ids(role_ids) -> set[int]:
    """Which of these roles candidates may see (for links in lists)."""
    ids = list(role_ids)
    if not ids:
        return set()
    return set(db.session.scalars(sa.select(Role.id).where(Role.id.in_(ids), open_to_candidates())))


# --- which candidates a recruiter sees ---------------------------------------------------

NOT_IN_FAIR = {
    ExhibitorStatus.REJECTED: _l(
        "The organizer did not approve your company for this fair, so you cannot see its "
        "candidates, their CVs or exports. Your roles are not shown to candidates."
    ),
    ExhibitorStatus.WITHDRAWN: _l(
        "Your company is no longer approved for this fair (withdrawn), so you cannot see its "
        "candidates, their CVs or exports any more. Your roles are not shown to candidates."
    ),
}
NOT_YET = _l(
    "Your company is not yet approved for this fair. You will see its candidates once the "
    "organizer approves it."
)


class NotInFair(Forbidden):
    """A 403 that says why: the recruiter's company is not (or no longer) in the fair."""

    title = _l("Your company is not approved for this fair")

    def __init__(self, status: str | None):
        self.status = status
        super().__init__(description=NOT_IN_FAIR.get(status, NOT_YET))

    @property
    def explanation(self) -> str:
        return str(self.description)


def candidates_of(role: Role):
    """SQL over `CandidateProfile`: whom the role's company may see for it (once it is in the
    fair): candidates registered for the role's event who let exhibitors see their profile."""
    registered = sa.select(Registration.candidate_id).where(Registration.event_id == role.event_id)
    return sa.and_(CandidateProfile.consent_at.is_not(None), CandidateProfile.id.in_(registered))


def check_in_fair(exhibitor: Exhibitor | None) -> None:
    """Raise `NotInFair` unless this exhibitor entry is approved."""
    if not is_in_fair(exhibitor):
        raise NotInFair(exhibitor.status if exhibitor is not None else None)


def check_recruiter(role: Role) -> None:
    """Raise `NotInFair` unless the role's company is in its fair (callers check the tenant)."""
    check_in_fair(exhibitor_of_role(role))


# --- whom a company may know by name ------------------------------------------------------


def is_revealed(role: Role, application: Application | None) -> bool:
    """Under blind review a candidate's identity shows only once they are invited.

    A candidate who withdrew their consent stays in the pipeline by reference only.
    """
    if application is not None and not application.candidate.has_consent:
        return False
    if not role.blind_review:
        return True
    return application is not None and application.status in REVEALED_STATUSES


def cv_opens(role: Role, profile: CandidateProfile, application: Application | None) -> bool:
    """The one rule for a company's look at a CV, role by role: the candidate let the fair's
    exhibitors see their profile and CV (consent), and the role may name them (no blind
    review, or the candidate was invited). Callers have found the role in a fair the company
    is in and the candidate registered for it (`candidates_of`, `check_recruiter`)."""
    return profile.has_consent and is_revealed(role, application)


def can_download_cv(user: User, profile: CandidateProfile) -> bool:
    """The CV for its owner, and for a company where one of its roles opens it (`cv_opens`):
    a role at a fair the company is in and the candidate registered for, as the recruiter's
    candidate page finds it. Every URL that serves a CV asks this or `cv_opens`."""
    if user.role == UserRole.CANDIDATE:
        return user.profile is not None and user.profile.id == profile.id
    if user.role != UserRole.EMPLOYER or not profile.has_consent:
        return False
    registered = sa.select(Registration.event_id).where(Registration.candidate_id == profile.id)
    roles = db.session.scalars(
        sa.select(Role).where(
            Role.organization_id == user.organization_id,
            in_fair(Role.event_id, Role.organization_id),
            Role.event_id.in_(registered),
        )
    ).all()
    if not roles:
        return False
    applications = {
        application.role_id: application
        for application in db.session.scalars(
            sa.select(Application).where(
                Application.candidate_id == profile.id,
                Application.role_id.in_([role.id for role in roles]),
            )
        )
    }
    return any(cv_opens(role, profile, applications.get(role.id)) for role in roles)


def has_applied_to(organization_id: int, profile: CandidateProfile) -> bool:
    """The candidate applied to (or was invited to) a role of this company at a fair the
    company is in."""
    found = db.session.scalar(
        sa.select(Application.id)
        .join(Role, Role.id == Application.role_id)
        .where(
            Application.candidate_id == profile.id,
            Role.organization_id == organization_id,
            in_fair(Role.event_id, Role.organization_id),
        )
        .limit(1)
    )
    return found is not None


# --- whom a company met at its booth ------------------------------------------------------


def leads_seen_by(organization_id: int):
    """SQL over `BoothLead`: the company's leads at fairs it is in, unless the candidate
    withdrew them (scanning a ticket opens nothing the candidate took back)."""
    return sa.and_(
        BoothLead.organization_id == organization_id,
        BoothLead.withdrawn_at.is_(None),
        in_fair(BoothLead.event_id, BoothLead.organization_id),
    )


def lead_shows_profile(lead: BoothLead) -> bool:
    """A met candidate's name and profile show only if they let exhibitors see their profile;
    otherwise the company keeps its own rating and note of the meeting, nothing of theirs."""
    return lead.withdrawn_at is None and lead.candidate.has_consent


def may_take_further(user: User) -> bool:
    """Recruiters open profiles and CVs and add candidates to a pipeline; booth staff (who
    scan, rate, note and tag) do not."""
    return user.is_authenticated and user.role == UserRole.EMPLOYER


# --- who works the door -------------------------------------------------------------------


def may_work_door(user: User, event: Event) -> bool:
    """Check-in, walk-ins and the door's list: any organizer; a door volunteer only at the
    one event they were invited to. Nobody else, not even the event's exhibitors."""
    if user.role == UserRole.ORGANIZER:
        return True
    return user.role == UserRole.DOOR and user.staff_event_id == event.id
