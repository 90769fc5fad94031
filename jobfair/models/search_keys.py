"""Every profile's and role's search key, kept true by the model layer.

`matching.search_keys` turns a record's texts into the key a word in any script finds
(溶接, ផ្សារដែក and "welding" find one another). The key is written before every INSERT
and every UPDATE that changes a searched field, so forms, the API, imports and the demo
all keep it true without knowing it exists. Bulk inserts that bypass the ORM (benchmarks)
call `key_of` themselves; `flask refresh-search-keys` (`refresh_all`) rewrites every key
after the vocabulary grows. A role's translations (its title and description in other
languages) are part of its key, rewritten whenever one is added, changed or removed. A
person's name is never searched text: under blind review a name must not find anyone.
"""

from collections.abc import Mapping

import sqlalchemy as sa

from matching.search_keys import search_key

from .candidates import CandidateProfile
from .recruiting import Role
from .translations import RoleTranslation

# The fields each model's key is made of; a change to any of them rewrites the key.
SEARCHED = {
    CandidateProfile: ("headline", "experience", "education_field", "skills", "past_jobs"),
    Role: ("title", "description", "location", "required_skills", "preferred_skills"),
}


def key_of(model: type, record) -> str:
    """The search key of a `model` record given as an instance or a mapping of its fields."""

    def field(name):
        return record.get(name) if isinstance(record, Mapping) else getattr(record, name)

    texts = []
    for name in SEARCHED[model]:
        value = field(name)
        if name == "past_jobs":
            texts += [job.get(part) or "" for job in value or [] for part in ("title", "employer")]
        elif isinstance(value, list):
            texts += [str(item) for item in value]
        else:
            texts.append(value or "")
    if model is Role and not isinstance(record, Mapping):
        session = sa.orm.object_session(record)
        gone = session.deleted if session is not None else ()
        texts += [
            text
            for translation in record.translations
            if translation not in gone
            for text in (translation.title, translation.description)
        ]
    return search_key(texts)


def refresh_all(session, *, batch: int = 500) -> int:
    """Rewrite every stored key from today's vocabulary (after it grows, old keys miss its
    new words); the number of keys that changed. The caller commits."""
    changed = 0
    for model in SEARCHED:
        last = 0
        while rows := session.scalars(
            sa.select(model).where(model.id > last).order_by(model.id).limit(batch)
        ).all():
            for row in rows:
                key = key_of(model, row)
                if key != row.search_key:
                    row.search_key = key
                    changed += 1
            last = rows[-1].id
            session.flush()
    return changed


def _write_key(_mapper, _connection, target) -> None:
    target.search_key = key_of(type(target), target)


def _rewrite_key_if_changed(_mapper, _connection, target) -> None:
    state = sa.inspect(target)
    watched = SEARCHED[type(target)] + (("translations",) if type(target) is Role else ())
    if any(state.attrs[name].history.has_changes() for name in watched):
        _write_key(_mapper, _connection, target)


def _rewrite_keys_of_translated_roles(session, _context, _instances) -> None:
    """A translation added, edited or removed changes its role's key (the role itself may
    have no change of its own, so its before_update would not run)."""
    changed = (*session.new, *session.dirty, *session.deleted)
    for role in {t.role for t in changed if isinstance(t, RoleTranslation)}:
        if role is not None and role not in session.deleted:
            role.search_key = key_of(Role, role)


for _model in SEARCHED:
    sa.event.listen(_model, "before_insert", _write_key)
    sa.event.listen(_model, "before_update", _rewrite_key_if_changed)
sa.event.listen(sa.orm.Session, "before_flush", _rewrite_keys_of_translated_roles)
