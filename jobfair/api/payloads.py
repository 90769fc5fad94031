"""Checking JSON bodies: the role's fields as declared (models.role_fields), checked by the
model's own rules, with a reason per field (422)."""

import json

from flask import request

from ..models import role_fields, rules
from ..models.rules import InvalidRecord
from ..models.translations import POSTING_LANGUAGES
from .blueprint import ApiError

MAX_ID = 2**31 - 1


def json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "Send a JSON object with Content-Type: application/json.")
    try:  # "\udfff" alone is valid JSON but no text: no database could store it
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(400, "Texts must be Unicode text (no lone surrogates).") from None
    return body


def _from_json(value):
    """JSON has one kind of number: 500.0 is the whole number 500, as the schema says."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def role_fields_of(body: dict, *, new: bool, current=None) -> dict:
    """The role's fields (and status) from the body, or ApiError 422 naming what is wrong
    with each; the rules are the model's, so the API refuses what a form refuses."""
    allowed = {*role_fields.NAMES, "status", "translations", *(("event_id",) if new else ())}
    problems = {name: "not a field of a role" for name in body if name not in allowed}
    values = {name: _from_json(value) for name, value in body.items() if name in role_fields.NAMES}
    extra = {name: _from_json(body[name]) for name in ("status", "event_id") if name in body}
    if "status" in extra and extra["status"] not in role_fields.ROLE_STATUSES:
        problems["status"] = "one of: " + ", ".join(role_fields.ROLE_STATUSES)
    if new:
        event_id = extra.get("event_id")
        if isinstance(event_id, bool) or not isinstance(event_id, int):
            problems["event_id"] = "required: an event's id"
        elif not 1 <= event_id <= MAX_ID:
            problems["event_id"] = "an event's id"
    if "translations" in body:
        extra["translations"] = _translations(body["translations"], problems)
    try:
        values = role_fields.check_record(values, current=current, new=new)
    except InvalidRecord as exc:
        problems.update(exc.messages())
    if problems:
        raise ApiError(422, "Some fields are not right.", problems)
    return values | extra


def _translations(value, problems: dict) -> dict:
    """{language: {"title", "description"}} from the body's `translations`; null for a
    language removes its translation. The texts' own rules are the model's (postings)."""
    if not isinstance(value, dict):
        problems["translations"] = "an object: language code to {title, description} or null"
        return {}
    texts = {}
    for language, text in value.items():
        where = f"translations.{language}"
        if language not in POSTING_LANGUAGES:
            problems[where] = "one of: " + ", ".join(POSTING_LANGUAGES)
        elif text is None:
            texts[language] = {"title": "", "description": ""}
        elif not isinstance(text, dict) or set(text) - {"title", "description"}:
            problems[where] = "an object with title and description, or null"
        elif not all(isinstance(text.get(k, ""), str) for k in ("title", "description")):
            problems[where] = "title and description are texts"
        elif not text.get("title", "").strip(rules.BLANKS):
            problems[f"{where}.title"] = "required (null removes the translation)"
        else:
            texts[language] = {
                "title": text.get("title", ""),
                "description": text.get("description", ""),
            }
    return texts
