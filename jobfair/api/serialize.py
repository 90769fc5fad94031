"""Models as the API's JSON objects (the schemas in openapi.py describe exactly these)."""

from .. import access, japan_entry
from ..employers import shortlists
from ..models import Application, Event, Exhibitor, Role, role_fields


def when(value) -> str | None:
    return value.isoformat() if value is not None else None


def event(item: Event) -> dict:
    return {
        "id": item.id,
        "name": item.name,
        "venue": item.venue,
        "city": item.city,
        "starts_on": item.starts_on.isoformat(),
        "ends_on": item.ends_on.isoformat(),
        "timezone": item.timezone,
        "registration_open": bool(item.registration_open),
        "published": bool(item.published),
    }


def exhibitor(item: Exhibitor) -> dict:
    organization = item.organization
    return {
        "id": item.id,
        "event_id": item.event_id,
        "status": item.status,
        "booth_code": item.booth_code,
        "organization": {
            "id": organization.id,
            "name": organization.name,
            "country": organization.country,
            "sector": organization.sector,
            "website": organization.website or "",
        },
    }


def role_value(name: str, value):
    """A stored role field as JSON: lists copied, language records in their three keys."""
    if name == "languages":
        return [
            {
                "language": r.get("language", ""),
                "level": r.get("level", ""),
                "must": bool(r.get("must")),
            }
            for r in value or []
        ]
    if name.endswith("skills"):
        return list(value or [])
    if name == "description":
        return value or ""
    if name == "blind_review":
        return bool(value)
    return value


def role(item: Role) -> dict:
    return {
        "id": item.id,
        "event_id": item.event_id,
        "organization_id": item.organization_id,
        **{name: role_value(name, getattr(item, name)) for name in role_fields.NAMES},
        "translations": {
            translation.language: {
                "title": translation.title,
                "description": translation.description or "",
                "translated_by_id": translation.translated_by_id,
                "translated_at": when(translation.translated_at),
            }
            for translation in item.translations
        },
        "status": item.status,
        "created_at": when(item.created_at),
        "updated_at": when(item.updated_at),
    }


def candidate(role_: Role, profile, application: Application | None) -> dict:
    """The candidate as the shortlist page shows them: under blind review, a reference only."""
    revealed = access.is_revealed(role_, application)
    return {
        "id": profile.id,
        "reference": shortlists.candidate_ref(profile),
        "label": shortlists.candidate_label(profile, revealed),
        "revealed": revealed,
        "headline": profile.headline or "",
        "education_level": profile.education_level,
        "province": profile.province if revealed else None,
    }


def application(item: Application) -> dict:
    role_ = item.role
    return {
        "id": item.id,
        "role_id": item.role_id,
        "status": item.status,
        "applied_by_candidate": bool(item.applied_by_candidate),
        "candidate": candidate(role_, item.candidate, item),
        "entry_rule": entry_rule(japan_entry.rule_for_role(item.candidate, role_)),
        "created_at": when(item.created_at),
        "updated_at": when(item.updated_at),
    }


def entry_rule(rule) -> dict | None:
    """The SSW entry rule's answer (japan_entry), or None for a role of another programme."""
    if rule is None:
        return None
    return {"met": rule.met, "via_titp": rule.via_titp, "missing": list(rule.missing)}
