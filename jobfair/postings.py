"""Postings in the fair's three languages, and the words the platform recognised in free text.

A role is written in one language; its translations (`models.RoleTranslation`) come from
the recruiter's form, the API, an import, or an organizer's interpreter working down the
event's "needs translation" list. Candidates read their language with a mark saying it is a
translation (`reading`). Recruiters reading a candidate's Khmer or Japanese text see the job
terms the vocabulary recognised in it, in the recruiter's own language (`recognised_terms`).
"""

import sqlalchemy as sa
from flask import Flask
from flask_babel import get_locale
from sqlalchemy.orm import contains_eager, selectinload

from matching.lexicon import Lexicon
from matching.scripts import fold, has_foreign_script

from . import access
from .localize import display_term
from .models import Event, Organization, Role, RoleStatus, RoleTranslation, User, rules
from .models.base import utcnow
from .models.rules import InvalidRecord
from .models.translations import POSTING_LANGUAGES, Reading, check_translation, guess_language

MAX_TERMS = 12


def set_translation(
    role: Role, language: str, title: str, description: str, actor: User | None
) -> RoleTranslation | None:
    """Give the role's title and description in `language` (both blank: no translation).

    Unchanged text keeps who translated it and when; InvalidRecord as `check_translation`."""
    current = role.translation(language)
    if not (title or "").strip(rules.BLANKS) and not (description or "").strip(rules.BLANKS):
        if current is not None:
            role.translations.remove(current)
        return None
    title, description = check_translation(language, title, description, role.original_language)
    if current is not None and (current.title, current.description) == (title, description):
        return current
    translation = current or RoleTranslation(language=language)
    translation.title, translation.description = title, description
    translation.translated_by_id = actor.id if actor is not None else None
    translation.translated_at = utcnow()
    if current is None:
        role.translations.append(translation)
    return translation


def set_translations(role: Role, texts: dict, actor: User | None) -> None:
    """Several languages at once: {language: {"title": ..., "description": ...}}; a language
    left out is left as it is; one in the role's own language goes (the role now says it).
    InvalidRecord names the refused fields, as "<language>.<field>"."""
    stale = role.translation(role.original_language)
    if stale is not None:
        role.translations.remove(stale)
    errors = {}
    for language, text in texts.items():
        try:
            set_translation(role, language, text.get("title"), text.get("description"), actor)
        except InvalidRecord as exc:
            errors.update({f"{language}.{name}": error for name, error in exc.errors.items()})
    if errors:
        raise InvalidRecord(errors)


def translations_in_cells(values: dict) -> dict:
    """{language: {"title", "description"}} from an import row's title_<language> and
    description_<language> cells, for the languages with either filled in."""
    texts = {}
    for language in POSTING_LANGUAGES:
        title, description = values.get(f"title_{language}"), values.get(f"description_{language}")
        if title or description:
            texts[language] = {"title": title or "", "description": description or ""}
    return texts


def changed_languages(role: Role, texts: dict) -> list[str]:
    """The languages whose given text differs from the role's translation."""
    changed = []
    for language, text in texts.items():
        current = role.translation(language)
        if current is None or (current.title, current.description) != (
            text["title"].strip(rules.BLANKS),
            text["description"].strip(rules.BLANKS),
        ):
            changed.append(language)
    return changed


def needs_translation(event: Event, language: str | None = None) -> sa.Select:
    """The event's open roles of companies in the fair that miss `language` (or any language
    of the fair), by company and title: a statement, so the list is paged in SQL."""
    languages = [language] if language else list(POSTING_LANGUAGES)
    return (
        sa.select(Role)
        .join(Role.organization)
        .where(
            Role.event_id == event.id,
            Role.status == RoleStatus.OPEN,
            access.in_fair(Role.event_id, Role.organization_id),
            sa.or_(*(Role.missing(code) for code in languages)),
        )
        .options(contains_eager(Role.organization), selectinload(Role.translations))
        .order_by(sa.func.lower(Organization.name), sa.func.lower(Role.title), Role.id)
    )


def reading(role: Role, original: bool = False) -> Reading:
    """The role as this request's reader reads it (template filter `reading`)."""
    return role.reading(str(get_locale()), original=original)


def recognised_terms(text: str, language: str) -> list[str]:
    """The occupations and skills the vocabulary recognised in a Khmer or Japanese text, as a
    reader of `language` knows them, in the order first written; none for other text, nor
    for a text in the reader's own language."""
    if not text or not has_foreign_script(text) or guess_language(text) == language:
        return []
    seen, shown = set(), []
    for _surface, english, kind in Lexicon.default().segments(fold(text), text):
        if english is None or kind not in ("occupation", "skill") or english in seen:
            continue
        seen.add(english)
        shown.append(display_term(english, language))
        if len(shown) == MAX_TERMS:
            break
    return shown


def register(app: Flask) -> None:
    app.jinja_env.filters["reading"] = reading
    app.jinja_env.filters["recognised"] = lambda text: recognised_terms(text, str(get_locale()))
    app.jinja_env.globals["POSTING_LANGUAGES"] = POSTING_LANGUAGES
