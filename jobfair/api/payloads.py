"""Checking JSON bodies: every field's type and range, with a reason per field (422)."""

import json
import re

from flask import request

from matching.levels import EDUCATION_LEVELS

from ..labels import CEFR_LEVELS, JLPT_LEVELS, LANGUAGE_LABELS
from ..models.recruiting import CURRENCIES, PROGRAMS, SECTORS
from .blueprint import ApiError
from .schemas import BLANK_CHARS, ONE_LINE, TEXT_BLOCK

LEVELS = set(JLPT_LEVELS) | set(CEFR_LEVELS) | {"native"}
INTEGER_FIELDS = ("headcount", "salary_min", "salary_max", "event_id")


def fits(pattern: str, value: str) -> bool:
    """The document's pattern, read as JavaScript reads it (`$` only at the very end)."""
    return re.fullmatch(pattern, value) is not None


def whole(value) -> bool:
    """A JSON integer: 500 or 500.0 (JSON Schema counts both), never true/false."""
    return not isinstance(value, bool) and (
        isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    )


def _text(limit: int, pattern: str, what: str):
    def check(value):
        if not isinstance(value, str) or len(value) > limit or not fits(pattern, value):
            return f"{what} of at most {limit} characters"
        return None

    return check


LINE = "a line of text, not only blanks, without control characters,"
BLOCK = "a text without control characters other than tabs and line breaks,"


def _choice(options):
    def check(value):
        return (
            None if isinstance(value, str) and value in options else "one of: " + ", ".join(options)
        )

    return check


def _integer(low: int, high: int, nullable: bool = False):
    def check(value):
        if value is None and nullable:
            return None
        if not whole(value) or not low <= value <= high:
            return f"a whole number from {low} to {high}" + (" or null" if nullable else "")
        return None

    return check


def _skills(value):
    if not isinstance(value, list) or len(value) > 30:
        return "a list of at most 30 skills"
    if any(not isinstance(s, str) or not fits(ONE_LINE, s) or len(s) > 80 for s in value):
        return "each skill " + LINE + " of at most 80 characters"
    return None


def _languages(value):
    if not isinstance(value, list) or len(value) > 3:
        return "a list of at most 3 language requirements"
    for item in value:
        if (
            not isinstance(item, dict)
            or set(item) - {"language", "level", "must"}
            or not isinstance(item.get("language"), str)
            or not isinstance(item.get("level"), str)
            or item["language"] not in LANGUAGE_LABELS
            or item["level"] not in LEVELS
            or not isinstance(item.get("must", False), bool)
        ):
            return "each {language, level, must} with a known language and level"
    return None


ROLE_CHECKS = {
    "title": _text(200, ONE_LINE, LINE),
    "description": _text(5000, TEXT_BLOCK, BLOCK),
    "sector": _choice(SECTORS),
    "location": _text(100, ONE_LINE, LINE),
    "program": _choice(PROGRAMS),
    "headcount": _integer(1, 10_000),
    "salary_min": _integer(0, 100_000_000, nullable=True),
    "salary_max": _integer(0, 100_000_000, nullable=True),
    "currency": _choice(CURRENCIES),
    "required_skills": _skills,
    "preferred_skills": _skills,
    "languages": _languages,
    "min_education": _choice(EDUCATION_LEVELS),
    "blind_review": lambda v: None if isinstance(v, bool) else "true or false",
    "status": _choice(("draft", "open", "closed")),
}
REQUIRED_FOR_NEW = ("event_id", "title", "sector", "location")


def json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "Send a JSON object with Content-Type: application/json.")
    try:  # "\udfff" alone is valid JSON but no text: no database could store it
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(400, "Texts must be Unicode text (no lone surrogates).") from None
    return body


def role_fields(body: dict, *, new: bool) -> dict:
    """The role's fields from the body, or ApiError 422 naming what is wrong with each."""
    allowed = set(ROLE_CHECKS) | ({"event_id"} if new else set())
    problems = {name: "not a field of a role" for name in body if name not in allowed}
    for name, value in body.items():
        if name in ROLE_CHECKS and (reason := ROLE_CHECKS[name](value)):
            problems[name] = reason
    if new:
        for name in REQUIRED_FOR_NEW:
            if name not in body:
                problems[name] = "required"
        if "event_id" in body and _integer(1, 2**31 - 1)(body["event_id"]):
            problems["event_id"] = "an event's id"
    low, high = body.get("salary_min"), body.get("salary_max")
    if whole(low) and whole(high) and low > high:
        problems["salary_max"] = "not below salary_min"
    if problems:
        raise ApiError(422, "Some fields are not right.", problems)
    fields = dict(body)
    for name in INTEGER_FIELDS:
        if isinstance(fields.get(name), float):
            fields[name] = int(fields[name])
    if "languages" in fields:
        fields["languages"] = [
            dict(item, must=bool(item.get("must"))) for item in fields["languages"]
        ]
    for name in ("required_skills", "preferred_skills"):
        if name in fields:
            fields[name] = [s.strip(BLANK_CHARS) for s in fields[name]]
    for name in ("title", "location", "description"):
        if name in fields:
            fields[name] = fields[name].strip(BLANK_CHARS)
    return fields
