"""The OpenAPI document's schemas: the JSON objects the API returns and accepts."""

from flask_babel import lazy_gettext as _l

from matching import levels

from ..employers.applications import MAX_REASON
from ..labels import LANGUAGE_LABELS
from ..models import ApplicationStatus, role_fields, rules
from ..models.translations import POSTING_LANGUAGES
from ..ranking import SECTIONS

INT_ID = {"type": "integer", "minimum": 1, "maximum": 2_147_483_647}
NULLABLE_INT = {"type": ["integer", "null"]}
TEXT = {"type": "string"}
WHEN = {"type": ["string", "null"], "format": "date-time"}
STATUSES = [str(s) for s in ApplicationStatus]


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


def output_schema(declared) -> dict:
    """How a role's field reads in the API's answers, from its declaration."""
    return {
        "line": TEXT,
        "lines": TEXT,
        "choice": {"type": ["string", "null"]} if declared.nullable else TEXT,
        "number": NULLABLE_INT if declared.nullable else {"type": "integer"},
        "skills": {"type": "array", "items": TEXT},
        "languages": {"type": "array", "items": ref("LanguageRequirement")},
        "flag": {"type": "boolean"},
    }[declared.kind]


MISSING = {"type": "array", "items": {"enum": ["skill_test", "japanese"]}}
ENTRY_RULE = {"met": {"type": "boolean"}, "via_titp": {"type": "boolean"}, "missing": MISSING}
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
            "status": {"enum": ["invited", "pending", "approved", "rejected", "withdrawn"]},
            "booth_code": {"type": ["string", "null"]},
            "organization": obj(
                {"id": INT_ID, "name": TEXT, "country": TEXT, "sector": TEXT, "website": TEXT}
            ),
        }
    ),
    "RoleTranslation": obj(
        {
            "title": TEXT,
            "description": TEXT,
            "translated_by_id": NULLABLE_INT,
            "translated_at": WHEN,
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
            **{f.name: output_schema(f) for f in role_fields.ROLE_FIELDS},
            "translations": obj(
                {language: ref("RoleTranslation") for language in POSTING_LANGUAGES},
                required=[],
                additionalProperties=False,
                description=_l(
                    "The title and description in the fair's other languages "
                    "(`en`, `km`, `ja`), by language code; `original_language` says which the "
                    "role's own are written in."
                ),
            ),
            "status": {"enum": list(role_fields.ROLE_STATUSES)},
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
                "description": _l("The name, or 'Candidate C00042' under blind review"),
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
                "description": _l(
                    "Why this rank: matched and missing skills, language fit, score parts."
                ),
                "properties": {
                    "matched_required_skills": {"type": "array", "items": TEXT},
                    "missing_required_skills": {"type": "array", "items": TEXT},
                    "matched_preferred_skills": {"type": "array", "items": TEXT},
                    "languages": {"type": "array", "items": {"type": "object"}},
                    "contributions": {"type": "object"},
                    "deciding_parts": {"type": "array", "items": TEXT},
                    "quiet_parts": {"type": "array", "items": TEXT},
                    "band": {"type": ["string", "null"]},
                    "weights_source": {"enum": ["default", "learned", "role"]},
                    "learned_decisions": {"type": "integer", "minimum": 1},
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
            # An SSW role's entry rule for the candidate (japan_entry); null for others.
            "entry_rule": {**obj(ENTRY_RULE), "type": ["object", "null"]},
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


def _text_schema(declared) -> dict:
    forbidden = rules.MANY_LINES_FORBIDDEN if declared.kind == "lines" else rules.ONE_LINE_FORBIDDEN
    schema = {"type": "string", "maxLength": declared.max_length}
    schema["pattern"] = (
        _not_blank(forbidden) if declared.required else f"^[^{_escaped(forbidden)}]*$"
    )
    if declared.required:
        schema["minLength"] = 1
    return schema


def _not_blank(forbidden: str) -> str:
    """A text without `forbidden` characters that is not only blanks (rules.BLANKS)."""
    allowed, blanks = _escaped(forbidden), _escaped(rules.BLANKS)
    return f"^[^{allowed}]*[^{allowed}{blanks}][^{allowed}]*$"


def _escaped(characters: str) -> str:
    r"""A character class's contents as \uXXXX escapes, which JSON Schema's regexes read."""
    out, index = [], 0
    while index < len(characters):
        if index + 2 < len(characters) and characters[index + 1] == "-":
            first, last = characters[index], characters[index + 2]
            out.append(f"\\u{ord(first):04x}-\\u{ord(last):04x}")
            index += 3
        else:
            out.append(f"\\u{ord(characters[index]):04x}")
            index += 1
    return "".join(out)


def _language_items() -> dict:
    """Each language with its own scale: JLPT or JFT-Basic for Japanese, CEFR for others."""
    by_scale: dict = {}
    for language in LANGUAGE_LABELS:
        by_scale.setdefault(levels.scale_for(language), []).append(language)
    return {
        "type": "object",
        "properties": {
            "language": {"enum": list(LANGUAGE_LABELS)},
            "level": {"type": "string"},
            "must": {"type": "boolean"},
        },
        "required": ["language", "level"],
        "additionalProperties": False,
        "oneOf": [
            {
                "properties": {"language": {"enum": names}, "level": {"enum": list(scale)}},
            }
            for scale, names in by_scale.items()
        ],
    }


def input_schema(declared) -> dict:
    """The JSON a role's field accepts, from its declaration (models.role_fields)."""
    kind = declared.kind
    if kind in ("line", "lines"):
        return _text_schema(declared)
    if kind == "choice":
        return {"enum": [*declared.options, *([None] if declared.nullable else [])]}
    if kind == "number":
        number = {"type": ["integer", "null"] if declared.nullable else "integer"}
        return {**number, "minimum": declared.low, "maximum": declared.high}
    if kind == "skills":
        item = {
            "type": "string",
            "minLength": 1,
            "pattern": _not_blank(rules.ONE_LINE_FORBIDDEN),
            "description": _l(
                "At most %(num)d characters once trimmed, runs of spaces counting as one; the "
                "same skill twice is kept once.",
                num=rules.MAX_SKILL_LENGTH,
            ),
        }
        return {"type": "array", "items": item, "maxItems": rules.MAX_SKILLS}
    if kind == "languages":
        return {
            "type": "array",
            "maxItems": rules.MAX_ROLE_LANGUAGES,
            "items": _language_items(),
            "description": _l("One requirement per language."),
        }
    return {"type": "boolean"}


TRANSLATION_INPUT = {
    "oneOf": [
        obj(
            {
                "title": input_schema(role_fields.FIELDS["title"]),
                "description": input_schema(role_fields.FIELDS["description"]),
            },
            required=["title"],
            additionalProperties=False,
        ),
        {"type": "null"},
    ],
    "description": _l(
        "The title and description in this language; null removes the "
        "translation. Not in the role's own `original_language`."
    ),
}
ROLE_INPUT = {
    **{declared.name: input_schema(declared) for declared in role_fields.ROLE_FIELDS},
    "translations": obj(
        {language: TRANSLATION_INPUT for language in POSTING_LANGUAGES},
        required=[],
        additionalProperties=False,
    ),
    "status": {"enum": list(role_fields.ROLE_STATUSES)},
}
# A Specified Skilled Worker role names its field; another programme's role keeps none.
SSW_FIELD = {"properties": {"ssw_field": {"enum": list(role_fields.SSW_FIELD_OPTIONS)}}}
SSW_NEEDS_FIELD = {
    "if": obj({"program": {"const": "ssw"}}),
    "then": {**SSW_FIELD, "required": ["ssw_field"]},
}
SCHEMAS["RoleCreate"] = obj(
    {"event_id": INT_ID, **ROLE_INPUT},
    required=["event_id", *(f.name for f in role_fields.ROLE_FIELDS if f.required)],
    additionalProperties=False,
    **SSW_NEEDS_FIELD,
)
SCHEMAS["RoleUpdate"] = obj(
    dict(ROLE_INPUT), required=[], additionalProperties=False, **SSW_NEEDS_FIELD
)
SCHEMAS["StatusChange"] = obj(
    {
        "status": {"enum": STATUSES},
        "reason": {
            "type": "string",
            "maxLength": MAX_REASON,
            "description": _l(
                "Why not selected: required with status 'rejected'; for the company's "
                "recruiters, never shown to the candidate."
            ),
        },
    },
    required=["status"],
    additionalProperties=False,
    **{"if": {"properties": {"status": {"const": "rejected"}}}},
    then={"required": ["status", "reason"], "properties": {"reason": {"pattern": "\\S"}}},
)

# The document's introduction (info.description): what a partner must know first.
DESCRIPTION = (
    _l("Read and write the job fair's data from your own systems."),
    _l(
        "Create a personal token on the API tokens page (read-only, or read and write; recruiters' "
        "tokens act for their company) and send it as `Authorization: Bearer jf_…`. A request "
        "without a valid token, whatever its method, is answered 401 with `WWW-Authenticate: Bearer`. "
        "Tokens expire and can be revoked; each token has one limit of requests per minute and per "
        "hour, counted over all endpoints together (429 past it)."
    ),
    _l(
        "Lists are paginated (`page`, `per_page` up to 100) and return `items`, `page`, `per_page` "
        "and `total`; a page past the end answers the last page (its number in `page`), on every "
        "list alike, as the pages do: stop when `page` × `per_page` reaches `total`. Every error is "
        '`{"error": {"code", "message", "details"?}}`, JSON on every path under /api/ (404, 405, '
        "413, 414, 429, 500 and 503 too). Whole numbers may be sent as `500` or `500.0`; texts that "
        "must not be empty must not be only blanks either (the `pattern` says so). A 204 has no "
        "body and no content type. URLs are at most 4,096 characters (414 past it)."
    ),
    _l(
        "Webhooks (set up on the Webhooks page) POST JSON events `application.created`, "
        "`application.status_changed` and `interview.accepted`, signed in the header "
        '`X-Jobfair-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with your secret>`.'
    ),
)
