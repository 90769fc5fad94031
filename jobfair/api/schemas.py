"""The OpenAPI document's schemas: the JSON objects the API returns and accepts."""

from matching.levels import EDUCATION_LEVELS

from ..labels import CEFR_LEVELS, JLPT_LEVELS, LANGUAGE_LABELS
from ..models import ApplicationStatus
from ..models.recruiting import CURRENCIES, PROGRAMS, SECTORS
from ..ranking import SECTIONS

INT_ID = {"type": "integer", "minimum": 1, "maximum": 2_147_483_647}
# What counts as blank (str.strip()'s whitespace and JavaScript's \s together), spelt out
# as \u escapes so that the document's patterns mean the same in every regex engine.
BLANK_CHARS = (
    "\t\n\x0b\x0c\r \x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_BLANKS = "".join(f"\\u{ord(c):04x}" for c in BLANK_CHARS)
_CONTROLS = "\\u0000-\\u001f\\u007f"
# A one-line text (title, location, skill): no control characters (PostgreSQL refuses NUL,
# and a line break has no place there), and not only blanks.
ONE_LINE = f"^[^{_CONTROLS}]*[^{_CONTROLS}{_BLANKS}][^{_CONTROLS}]*$"
# A longer text (description): tabs and line breaks, no other control characters.
TEXT_BLOCK = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"
NULLABLE_INT = {"type": ["integer", "null"]}
TEXT = {"type": "string"}
WHEN = {"type": ["string", "null"], "format": "date-time"}
STATUSES = [str(s) for s in ApplicationStatus]
LEVELS = [*JLPT_LEVELS, *CEFR_LEVELS, "native"]


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict, required=None, **extra) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        **extra,
    }


def page_of(item: str) -> dict:
    return obj(
        {
            "items": {"type": "array", "items": ref(item)},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0},
        }
    )


SCHEMAS = {
    "Error": obj(
        {
            "error": obj(
                {
                    "code": TEXT,
                    "message": TEXT,
                    "details": {"type": "object", "additionalProperties": TEXT},
                },
                required=["code", "message"],
            )
        }
    ),
    "Me": obj(
        {
            "id": INT_ID,
            "role": {"enum": ["employer", "organizer"]},
            "display_name": TEXT,
            "organization_id": NULLABLE_INT,
            "token": obj({"name": TEXT, "scope": {"enum": ["read", "write"]}, "expires_at": WHEN}),
        }
    ),
    "Event": obj(
        {
            "id": INT_ID,
            "name": TEXT,
            "venue": TEXT,
            "city": TEXT,
            "starts_on": {"type": "string", "format": "date"},
            "ends_on": {"type": "string", "format": "date"},
            "timezone": TEXT,
            "registration_open": {"type": "boolean"},
            "published": {"type": "boolean"},
        }
    ),
    "Checkins": obj(
        {
            "event_id": INT_ID,
            "registered": {"type": "integer"},
            "checked_in": {"type": "integer"},
            "walk_ins": {"type": "integer"},
            "applications": {"type": "integer"},
            "checkins_by_hour": {
                "type": "array",
                "items": obj({"hour": TEXT, "count": {"type": "integer"}}),
            },
        }
    ),
    "Exhibitor": obj(
        {
            "id": INT_ID,
            "event_id": INT_ID,
            "status": {"enum": ["invited", "pending", "approved", "rejected"]},
            "booth_code": {"type": ["string", "null"]},
            "organization": obj(
                {"id": INT_ID, "name": TEXT, "country": TEXT, "sector": TEXT, "website": TEXT}
            ),
        }
    ),
    "LanguageRequirement": obj(
        {"language": TEXT, "level": TEXT, "must": {"type": "boolean"}},
        required=["language", "level"],
    ),
    "Role": obj(
        {
            "id": INT_ID,
            "event_id": INT_ID,
            "organization_id": INT_ID,
            "title": TEXT,
            "description": TEXT,
            "sector": TEXT,
            "location": TEXT,
            "program": TEXT,
            "headcount": {"type": "integer"},
            "salary_min": NULLABLE_INT,
            "salary_max": NULLABLE_INT,
            "currency": TEXT,
            "required_skills": {"type": "array", "items": TEXT},
            "preferred_skills": {"type": "array", "items": TEXT},
            "languages": {"type": "array", "items": ref("LanguageRequirement")},
            "min_education": TEXT,
            "status": {"enum": ["draft", "open", "closed"]},
            "blind_review": {"type": "boolean"},
            "created_at": WHEN,
            "updated_at": WHEN,
        }
    ),
    "Candidate": obj(
        {
            "id": INT_ID,
            "reference": TEXT,
            "label": {
                "type": "string",
                "description": "The name, or 'Candidate C00042' under blind review",
            },
            "revealed": {"type": "boolean"},
            "headline": TEXT,
            "education_level": TEXT,
            "province": {"type": ["string", "null"]},
        }
    ),
    "ShortlistEntry": obj(
        {
            "rank": {"type": "integer", "minimum": 1},
            "score": {"type": "number"},
            "band": {"enum": ["strong", "good", "partial", None]},
            "candidate": ref("Candidate"),
            "application_status": {"enum": [*STATUSES, None]},
            "explanation": {
                "type": "object",
                "description": "Why this rank: matched and missing skills, language fit, score parts.",
                "properties": {
                    "matched_required_skills": {"type": "array", "items": TEXT},
                    "missing_required_skills": {"type": "array", "items": TEXT},
                    "matched_preferred_skills": {"type": "array", "items": TEXT},
                    "languages": {"type": "array", "items": {"type": "object"}},
                    "contributions": {"type": "object"},
                    "band": {"type": ["string", "null"]},
                },
                "required": ["matched_required_skills", "missing_required_skills", "languages"],
            },
        }
    ),
    "Application": obj(
        {
            "id": INT_ID,
            "role_id": INT_ID,
            "status": {"enum": STATUSES},
            "applied_by_candidate": {"type": "boolean"},
            "candidate": ref("Candidate"),
            "created_at": WHEN,
            "updated_at": WHEN,
        }
    ),
    "EventPage": page_of("Event"),
    "ExhibitorPage": page_of("Exhibitor"),
    "RolePage": page_of("Role"),
    "ApplicationPage": page_of("Application"),
    "Shortlist": obj(
        {
            **page_of("ShortlistEntry")["properties"],
            "section": {"enum": list(SECTIONS)},
            "sections": obj({name: {"type": "integer", "minimum": 0} for name in SECTIONS}),
        }
    ),
}

ROLE_INPUT = {
    "title": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": ONE_LINE},
    "description": {"type": "string", "maxLength": 5000, "pattern": TEXT_BLOCK},
    "sector": {"enum": list(SECTORS)},
    "location": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": ONE_LINE},
    "program": {"enum": list(PROGRAMS)},
    "headcount": {"type": "integer", "minimum": 1, "maximum": 10000},
    "salary_min": {"type": ["integer", "null"], "minimum": 0, "maximum": 100_000_000},
    "salary_max": {"type": ["integer", "null"], "minimum": 0, "maximum": 100_000_000},
    "currency": {"enum": list(CURRENCIES)},
    "required_skills": {
        "type": "array",
        "items": {"type": "string", "minLength": 1, "maxLength": 80, "pattern": ONE_LINE},
        "maxItems": 30,
    },
    "preferred_skills": {
        "type": "array",
        "items": {"type": "string", "minLength": 1, "maxLength": 80, "pattern": ONE_LINE},
        "maxItems": 30,
    },
    "min_education": {"enum": list(EDUCATION_LEVELS)},
    "languages": {
        "type": "array",
        "maxItems": 3,
        "items": obj(
            {
                "language": {"enum": list(LANGUAGE_LABELS)},
                "level": {"enum": LEVELS},
                "must": {"type": "boolean"},
            },
            required=["language", "level"],
            additionalProperties=False,
        ),
    },
    "blind_review": {"type": "boolean"},
    "status": {"enum": ["draft", "open", "closed"]},
}
SCHEMAS["RoleCreate"] = obj(
    {"event_id": INT_ID, **ROLE_INPUT},
    required=["event_id", "title", "sector", "location"],
    additionalProperties=False,
)
SCHEMAS["RoleUpdate"] = obj(dict(ROLE_INPUT), required=[], additionalProperties=False)
SCHEMAS["StatusChange"] = obj({"status": {"enum": STATUSES}}, additionalProperties=False)
