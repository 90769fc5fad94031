"""Roles: post, edit, copy, close."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..fields import COMMON_SKILLS
from ..models import (
    Event,
    Organization,
    Role,
    RoleStatus,
    RoleTranslation,
    User,
    record_audit,
    role_fields,
)
from ..models.translations import guess_language
from .company import approved_events
from .errors import RecruitingError

# A role's content fields, declared once (models.role_fields); status is set apart.
ROLE_FIELDS = role_fields.NAMES


def company_roles(organization: Organization) -> sa.Select:
    """The company's roles, open ones first, newest first (a statement, for paging)."""
    return (
        sa.select(Role)
        .where(Role.organization_id == organization.id)
        .options(selectinload(Role.event))
        .order_by(Role.status.desc(), Role.created_at.desc(), Role.id.desc())
    )


def create_role(organization: Organization, event: Event, actor: User, **fields) -> Role:
    if event not in approved_events(organization):
        raise RecruitingError(_l("Your company is not an approved exhibitor at this event."))
    role = Role(organization=organization, event=event, created_by_id=actor.id)
    update_role(role, **fields)
    if role.original_language is None:  # not given: read from the text, before translating
        role.original_language = guess_language(f"{role.title or ''} {role.description or ''}")
    db.session.add(role)
    return role


def update_role(role: Role, **fields) -> Role:
    """Set the given content fields; models.rules.InvalidRecord when any breaks a rule."""
    return role.assign(**{name: fields[name] for name in ROLE_FIELDS if name in fields})


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
    for translation in role.translations:  # who translated it and when go with the text
        copy.translations.append(
            RoleTranslation(
                language=translation.language,
                title=translation.title,
                description=translation.description,
                translated_by_id=translation.translated_by_id,
                translated_at=translation.translated_at,
            )
        )
    db.session.add(copy)
    return copy


def set_role_status(role: Role, status: str, actor: User) -> Role:
    role.status = RoleStatus(status)
    record_audit(actor, "role_status", role, status=str(role.status))
    return role


def skill_suggestions(organization: Organization) -> list[str]:
    """The platform's common skills and those the company's roles already ask for."""
    names = set(COMMON_SKILLS)
    for role in db.session.scalars(sa.select(Role).where(Role.organization_id == organization.id)):
        names.update(role.required_skills or [])
        names.update(role.preferred_skills or [])
    return sorted(names, key=str.lower)
