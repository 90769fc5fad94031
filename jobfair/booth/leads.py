"""Leads met at the booth: scans synced from a device, the team's rating, note, tags and role,
the candidate's fit for the company's open roles, and one step into a role's pipeline.

Plain functions on models; the caller commits. What a ticket code means is `tickets`'
rule (the door's too); whom the company may see is `access`'.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from .. import access, ranking, tickets
from ..employers import applications
from ..employers.errors import RecruitingError
from ..extensions import db
from ..models import BoothLead, Event, Role, RoleStatus, User

MAX_SYNC = 500  # scans in one sync request
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_CODE = 200


class SyncError(ValueError):
    """The request is not a list of scans."""


class BoothError(ValueError):
    """A change to a lead that cannot go ahead, with a message for the recruiter."""


@dataclass(frozen=True, slots=True)
class Scan:
    """One scan as the device queued it: its own id, what it read, and when."""

    client_id: str
    code: str
    at: datetime


def parse_scans(payload, now: datetime) -> list[Scan]:
    """Scans from {"scans": [{"id": ..., "code": ..., "at": ISO time}, ...]}; a device clock
    ahead of the server's is held to now. One unreadable entry refuses the whole request."""
    entries = payload.get("scans") if isinstance(payload, dict) else None
    if not isinstance(entries, list) or len(entries) > MAX_SYNC:
        raise SyncError(f"scans must be a list of at most {MAX_SYNC} entries")
    scans = []
    for entry in entries:
        try:
            client_id, code = str(entry["id"]), str(entry["code"]).strip()
            at = datetime.fromisoformat(str(entry["at"]).replace("Z", "+00:00"))
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncError("each scan needs an id, a code and a time") from exc
        if not CLIENT_ID.match(client_id) or not code or len(code) > MAX_CODE:
            raise SyncError("each scan needs an id of 8 to 64 letters and a code")
        if at.tzinfo is None:
            raise SyncError("each scan's time needs a time zone")
        scans.append(Scan(client_id, code, min(at.astimezone(UTC), now)))
    return scans


def record_scan(event: Event, user: User, scan: Scan) -> tuple[str, BoothLead | None]:
    """Record one scan for the user's company; returns what happened and the lead.

    "recorded": a new lead; "already": this scan was synced before, or the candidate was met
    before (the earliest meeting is kept); "withdrawn": the candidate withdrew this company's
    lead, a new scan does not bring it back; "unknown": no such ticket at this fair;
    "refused": the time is outside the fair's days.
    """
    organization_id = user.organization_id
    earlier = db.session.scalar(sa.select(BoothLead).where(BoothLead.client_id == scan.client_id))
    if earlier is not None:
        if earlier.organization_id != organization_id or earlier.event_id != event.id:
            return "unknown", None
        return ("withdrawn", None) if earlier.is_withdrawn else ("already", earlier)
    first, last = tickets.event_window(event)
    if not first <= scan.at < last:
        return "refused", None
    registration = tickets.find_ticket(event, scan.code)
    if registration is None:
        return "unknown", None
    lead = _lead_of(event.id, organization_id, registration.candidate_id)
    if lead is None:
        lead = BoothLead(
            event_id=event.id,
            organization_id=organization_id,
            candidate_id=registration.candidate_id,
            met_by_id=user.id,
            met_at=scan.at,
            client_id=scan.client_id,
        )
        try:
            # Two phones of one booth syncing the same candidate at once: one row wins.
            with db.session.begin_nested():
                db.session.add(lead)
            return "recorded", lead
        except IntegrityError:
            lead = _lead_of(event.id, organization_id, registration.candidate_id)
    if lead.is_withdrawn:
        return "withdrawn", None
    if scan.at < lead.met_at:
        lead.met_at, lead.met_by_id = scan.at, user.id
    return "already", lead


def _lead_of(event_id: int, organization_id: int, candidate_id: int) -> BoothLead | None:
    return db.session.scalar(
        sa.select(BoothLead).where(
            BoothLead.event_id == event_id,
            BoothLead.organization_id == organization_id,
            BoothLead.candidate_id == candidate_id,
        )
    )


def sync(event: Event, user: User, scans: list[Scan]) -> list[tuple[Scan, str, BoothLead | None]]:
    """Record every scan of a device's queue; sending the same queue twice changes nothing."""
    return [(scan, *record_scan(event, user, scan)) for scan in scans]


# --- the list and one lead -----------------------------------------------------------------


def leads(organization_id: int, event: Event, *, tag: str = "", rating: int | None = None):
    """The company's leads at this fair that it may see, latest meeting first; optionally
    those with a tag (any case) or a rating."""
    query = (
        sa.select(BoothLead)
        .where(access.leads_seen_by(organization_id), BoothLead.event_id == event.id)
        .options(joinedload(BoothLead.candidate), joinedload(BoothLead.met_by))
        .order_by(BoothLead.met_at.desc(), BoothLead.id.desc())
    )
    if rating is not None:
        query = query.where(BoothLead.rating == rating)
    found = db.session.scalars(query).unique().all()
    if tag:
        found = [lead for lead in found if tag.casefold() in {t.casefold() for t in lead.tags}]
    return found


def tags_in_use(organization_id: int, event: Event) -> list[str]:
    """Every tag on the company's leads at this fair, for the filter and suggestions."""
    seen = {}
    for lead in leads(organization_id, event):
        for tag in lead.tags:
            seen.setdefault(tag.casefold(), tag)
    return sorted(seen.values(), key=str.casefold)


def company_roles(event_id: int, organization_id: int, *, open_only: bool = False):
    """The company's roles at the fair (open ones only, if asked), by title."""
    query = sa.select(Role).where(
        Role.event_id == event_id, Role.organization_id == organization_id
    )
    if open_only:
        query = query.where(Role.status == RoleStatus.OPEN)
    return db.session.scalars(query.order_by(Role.title, Role.id)).all()


def update_lead(
    lead: BoothLead, *, rating: int | None, note: str, tags: list[str], role: Role | None
) -> BoothLead:
    """The team's rating, note, tags and role; the role must be the company's at this fair."""
    if role is not None and (
        role.organization_id != lead.organization_id or role.event_id != lead.event_id
    ):
        raise BoothError(_l("Choose one of your company's roles at this fair."))
    lead.rating = rating
    lead.note = note.strip()
    lead.tags = tags
    lead.role = role
    return lead


@dataclass(frozen=True, slots=True)
class Fit:
    """The met candidate's fit for one open role; `opens`: the role's candidate page may name
    them (under blind review only once invited: meeting at the booth does not reveal them)."""

    role: Role
    ranked: ranking.Ranked | None
    opens: bool


def fits(lead: BoothLead) -> list[Fit]:
    """The candidate's fit for each of the company's open roles, by the shortlists' ranking
    (None: the ranking does not place them). Nothing without consent."""
    if not access.lead_shows_profile(lead):
        return []
    found = []
    for role in company_roles(lead.event_id, lead.organization_id, open_only=True):
        ranked = ranking.shortlist(role, candidate_ids=[lead.candidate_id])
        application = applications.applications_of(role, [lead.candidate_id]).get(lead.candidate_id)
        opens = access.is_revealed(role, application)
        found.append(Fit(role, ranked[0] if ranked else None, opens))
    return found


def add_to_pipeline(lead: BoothLead, role: Role, actor: User):
    """Shortlist the met candidate for one of the company's roles (the employers' workflow);
    the lead remembers the role. Recruiters only, consenting candidates only."""
    if not access.may_take_further(actor):
        raise BoothError(_l("Only your company's recruiters can add candidates to a pipeline."))
    if not access.lead_shows_profile(lead):
        raise BoothError(_l("This candidate does not share their profile with companies."))
    if role.organization_id != lead.organization_id or role.event_id != lead.event_id:
        raise BoothError(_l("Choose one of your company's roles at this fair."))
    try:
        application = applications.add_to_pipeline(role, lead.candidate, actor)
    except RecruitingError as exc:
        raise BoothError(str(exc)) from exc
    lead.role = role
    return application
