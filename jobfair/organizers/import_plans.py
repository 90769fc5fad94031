"""What each imported row would do (new, update, unchanged or error) and doing it.

`plan_<kind>(event, rows)` reads the database and returns one RowPlan per row without
writing; `apply_<kind>(event, plans, actor)` writes the new and updated rows (the caller
commits, once, for the whole file). A row is matched to what exists by its natural key:
an exhibitor by company name, a role by company and title, a candidate by email or phone;
so importing the same file again finds every row unchanged and writes nothing.
"""

import secrets
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from .. import postings
from ..auth import password_reset
from ..extensions import db
from ..messages import notifications
from ..models import (
    CandidateProfile,
    Event,
    Exhibitor,
    ExhibitorStatus,
    Organization,
    Registration,
    Role,
    RoleStatus,
    User,
    UserRole,
    role_fields,
)
from ..models.role_fields import LOCATIONS
from ..models.rules import InvalidRecord
from ..models.translations import check_translation, guess_language
from .import_columns import describe_change, fold

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"


@dataclass
class RowPlan:
    line: int
    values: dict
    status: str = NEW
    reasons: list = field(default_factory=list)  # why it is refused, or what changes
    target: object = None  # the existing object it updates

    def refuse(self, reason) -> None:
        self.status = ERROR
        self.reasons.append(str(reason))


def unusable_password() -> str:
    """A stored 'hash' no password matches: the person sets one through their link."""
    return "!unclaimed-" + secrets.token_hex(8)


def _first_seen(plans: list[RowPlan], key_of) -> None:
    """Refuse a row whose key an earlier row of the file already has."""
    seen = {}
    for plan in plans:
        if plan.status == ERROR:
            continue
        key = key_of(plan.values)
        if key in seen:
            plan.refuse(_l("the same as row %(line)d", line=seen[key]))
        else:
            seen[key] = plan.line


def _users_by_contact(emails, phones) -> dict[str, User]:
    found = {}
    for column, wanted in ((User.email, emails), (User.phone, phones)):
        wanted = sorted({w for w in wanted if w})
        for start in range(0, len(wanted), 500):
            for user in db.session.scalars(
                sa.select(User).where(column.in_(wanted[start : start + 500]))
            ):
                found[user.email or ""] = user
                if user.phone:
                    found[user.phone] = user
    found.pop("", None)
    return found


def _contact_user(plan: RowPlan, users: dict, email_key: str, phone_key: str) -> User | None:
    email, phone = plan.values.get(email_key), plan.values.get(phone_key)
    by_email, by_phone = users.get(email) if email else None, users.get(phone) if phone else None
    if by_email and by_phone and by_email.id != by_phone.id:
        plan.refuse(_l("the email and the phone belong to two different accounts"))
    return by_email or by_phone


# --- exhibitors ------------------------------------------------------------------------

ORGANIZATION_FIELDS = ("country", "sector", "website", "description")


def plan_exhibitors(event: Event, plans: list[RowPlan]) -> list[RowPlan]:
    _first_seen(plans, lambda v: fold(v["company"]))
    organizations = {fold(o.name): o for o in db.session.scalars(sa.select(Organization))}
    exhibitors = {
        e.organization_id: e
        for e in db.session.scalars(sa.select(Exhibitor).where(Exhibitor.event_id == event.id))
    }
    booths = {e.booth_code: e.organization_id for e in exhibitors.values() if e.booth_code}
    users = _users_by_contact(
        [p.values["contact_email"] for p in plans], [p.values["contact_phone"] for p in plans]
    )
    booth_rows = {}
    for plan in plans:
        if plan.status == ERROR:
            continue
        values = plan.values
        organization = organizations.get(fold(values["company"]))
        booth = (values["booth"] or "").upper() or None
        values["booth"] = booth
        if booth:
            holder = booths.get(booth)
            if holder is not None and (organization is None or holder != organization.id):
                plan.refuse(_l("booth %(code)s is already another exhibitor's", code=booth))
            elif booth in booth_rows:
                plan.refuse(
                    _l("booth %(code)s is also in row %(line)d", code=booth, line=booth_rows[booth])
                )
            booth_rows.setdefault(booth, plan.line)
        contact = _contact_user(plan, users, "contact_email", "contact_phone")
        if contact is not None and (
            organization is None or contact.organization_id != organization.id
        ):
            plan.refuse(_l("the contact's email or phone already belongs to another account"))
        if plan.status == ERROR or organization is None:
            continue
        plan.target = organization
        changes = [
            name for name in ORGANIZATION_FIELDS
            if values[name] is not None and values[name] != getattr(organization, name)
        ]  # fmt: skip
        exhibitor = exhibitors.get(organization.id)
        if exhibitor is None:
            changes.append("exhibitor")
        elif booth and exhibitor.booth_code != booth:
            changes.append("booth")
        if contact is None and (values["contact_email"] or values["contact_phone"]):
            changes.append("contact")
        plan.status = UPDATE if changes else UNCHANGED
        plan.reasons = changes
    return plans


def apply_exhibitors(event: Event, plans: list[RowPlan], actor: User) -> None:
    invited = []
    for plan in plans:
        values = plan.values
        organization = plan.target
        if organization is None:
            organization = Organization(
                name=values["company"],
                country=values["country"] or "ZZ",
                sector=values["sector"] or "other",
                website=values["website"] or "",
                description=values["description"] or "",
            )
            db.session.add(organization)
        else:
            for name in ORGANIZATION_FIELDS:
                if values[name] is not None:
                    setattr(organization, name, values[name])
        db.session.flush()
        exhibitor = db.session.scalar(
            sa.select(Exhibitor).where(
                Exhibitor.event_id == event.id, Exhibitor.organization_id == organization.id
            )
        )
        if exhibitor is None:
            exhibitor = Exhibitor(
                event_id=event.id, organization_id=organization.id, status=ExhibitorStatus.APPROVED
            )
            db.session.add(exhibitor)
        if values["booth"]:
            exhibitor.booth_code = values["booth"]
        if "contact" in plan.reasons or plan.status == NEW:
            if values["contact_email"] or values["contact_phone"]:
                recruiter = User(
                    role=UserRole.EMPLOYER,
                    organization=organization,
                    display_name=values["contact_name"] or values["company"],
                    email=values["contact_email"],
                    phone=values["contact_phone"],
                    password_hash=unusable_password(),
                )
                db.session.add(recruiter)
                invited.append((recruiter, organization))
    db.session.flush()
    for recruiter, organization in invited:
        notifications.enqueue(
            recruiter, "recruiter_invited", organization=organization, event=event,
            link=password_reset.claim_link(recruiter),
        )  # fmt: skip


# --- roles -----------------------------------------------------------------------------

ROLE_VALUE_FIELDS = (
    "sector", "location", "program", "ssw_field", "headcount", "salary_min", "salary_max", "currency",
    "required_skills", "preferred_skills", "min_education", "description", "languages",
    "original_language",
)  # fmt: skip
ROLE_DEFAULTS = {
    "sector": "other", "program": "local", "headcount": 1, "currency": "USD",
    "required_skills": [], "preferred_skills": [], "min_education": "none", "description": "",
}  # fmt: skip


def _role_values(event: Event, values: dict) -> dict:
    result = {name: values.get(name) for name in ROLE_VALUE_FIELDS if name != "languages"}
    for name, default in ROLE_DEFAULTS.items():
        if result[name] is None:
            result[name] = default
    if result["original_language"] is None:  # not said: read from the texts
        text = f"{values.get('title') or ''} {result['description']}"
        result["original_language"] = guess_language(text)
    if result["location"] is None and event.city in LOCATIONS:
        result["location"] = event.city
    japanese = values.get("japanese")
    result["languages"] = (
        [{"language": "Japanese", "level": japanese, "must": True}] if japanese else []
    )
    return result


def plan_roles(event: Event, plans: list[RowPlan]) -> list[RowPlan]:
    exhibiting = {
        fold(organization.name): organization
        for organization in db.session.scalars(
            sa.select(Organization)
            .join(Exhibitor, Exhibitor.organization_id == Organization.id)
            .where(Exhibitor.event_id == event.id)
        )
    }
    roles = {
        (role.organization_id, fold(role.title)): role
        for role in db.session.scalars(sa.select(Role).where(Role.event_id == event.id))
    }
    for plan in plans:
        if plan.status == ERROR:
            continue
        values = plan.values
        organization = exhibiting.get(fold(values["company"]))
        if organization is None:
            plan.refuse(
                _l(
                    "%(company)s is not an exhibitor at this event: import the exhibitors first",
                    company=values["company"],
                )
            )
            continue
        values.update(_role_values(event, values))
        try:  # the model's own rules, as for the form and the API
            checked = role_fields.check_record(
                {name: values[name] for name in ("title", *ROLE_VALUE_FIELDS)}, new=True
            )
        except InvalidRecord as exc:
            for name, error in exc.errors.items():
                plan.refuse(f"{describe_change('roles', name)}: {error}")
            continue
        values.update(checked)
        values["translations"] = texts = postings.translations_in_cells(values)
        for language, text in texts.items():
            try:
                check_translation(language, **text, original_language=checked["original_language"])
            except InvalidRecord as exc:
                column = describe_change("roles", f"title_{language}")
                plan.refuse(f"{column}: {'; '.join(exc.messages().values())}")
        if plan.status == ERROR:
            continue
        values["organization_id"] = organization.id
        role = roles.get((organization.id, fold(values["title"])))
        if role is None:
            continue
        plan.target = role
        changes = [name for name in ROLE_VALUE_FIELDS if getattr(role, name) != values[name]]
        changes += [f"title_{language}" for language in postings.changed_languages(role, texts)]
        plan.status = UPDATE if changes else UNCHANGED
        plan.reasons = changes
    _first_seen(plans, lambda v: (v.get("organization_id"), fold(v["title"])))
    return plans


def apply_roles(event: Event, plans: list[RowPlan], actor: User) -> None:
    for plan in plans:
        role = plan.target
        if role is None:
            role = Role(
                event_id=event.id, organization_id=plan.values["organization_id"],
                title=plan.values["title"], created_by_id=actor.id, status=RoleStatus.OPEN,
            )  # fmt: skip
            db.session.add(role)
        for name in ROLE_VALUE_FIELDS:
            setattr(role, name, plan.values[name])
        postings.set_translations(role, plan.values["translations"], actor)


# --- candidates ------------------------------------------------------------------------

PROFILE_FIELDS = (
    "full_name", "name_khmer", "province", "gender", "birth_year", "education_level",
    "education_field", "headline", "skills",
)  # fmt: skip


def plan_candidates(event: Event, plans: list[RowPlan]) -> list[RowPlan]:
    for plan in plans:
        if plan.status != ERROR and not (plan.values["email"] or plan.values["phone"]):
            plan.refuse(_l("give an email or a phone number, so the candidate gets their link"))
    _first_seen(plans, lambda v: v["email"] or v["phone"])
    _first_seen(plans, lambda v: v["phone"] or v["email"])
    users = _users_by_contact(
        [p.values["email"] for p in plans], [p.values["phone"] for p in plans]
    )
    registered = set(
        db.session.scalars(
            sa.select(CandidateProfile.user_id)
            .join(Registration, Registration.candidate_id == CandidateProfile.id)
            .where(Registration.event_id == event.id)
        )
    )
    for plan in plans:
        if plan.status == ERROR:
            continue
        user = _contact_user(plan, users, "email", "phone")
        if user is None or plan.status == ERROR:
            continue
        if not user.is_candidate:
            plan.refuse(_l("this email or phone belongs to a recruiter or organizer account"))
            continue
        # Their profile is theirs: an import only registers an existing candidate.
        plan.target = user
        plan.status = UNCHANGED if user.id in registered else UPDATE
        plan.reasons = [] if user.id in registered else ["registration"]
    return plans


def apply_candidates(event: Event, plans: list[RowPlan], actor: User) -> None:
    created = []
    for plan in plans:
        values = plan.values
        user = plan.target
        if user is None:
            user = User(
                role=UserRole.CANDIDATE, display_name=values["full_name"], email=values["email"],
                phone=values["phone"], locale=values["language"], password_hash=unusable_password(),
            )  # fmt: skip
            profile = CandidateProfile(user=user)
            for name in PROFILE_FIELDS:
                if values[name] is not None:
                    setattr(profile, name, values[name])
            if values["japanese"]:
                profile.languages = [f"Japanese {values['japanese']}"]
            db.session.add_all([user, profile])
            created.append((user, profile))
        else:
            db.session.add(Registration(event_id=event.id, candidate_id=user.profile.id))
    db.session.flush()
    for user, profile in created:
        db.session.add(Registration(event_id=event.id, candidate_id=profile.id))
        notifications.enqueue(
            user, "candidate_claim", event=event, link=password_reset.claim_link(user)
        )


PLANS = {"exhibitors": plan_exhibitors, "roles": plan_roles, "candidates": plan_candidates}
APPLY = {"exhibitors": apply_exhibitors, "roles": apply_roles, "candidates": apply_candidates}
