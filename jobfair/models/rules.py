"""The rules a stored value obeys, checked where it is stored: the models' `@validates`.

Forms, the API, imports and the demo all set values on the models, so they accept and
refuse the same records. A refusal is an `InvalidValue` that names the field (and the item
of a list) and says why in the reader's language; callers turn it into a form error, an API
422 or an import row's reason. `InvalidRecord` gathers several at once.
"""

import re

from flask_babel import lazy_gettext as _l

from matching import levels

from ..labels import LANGUAGE_LABELS

# C0 controls and DEL: no keyboard types them, PostgreSQL refuses NUL, XLSX refuses most,
# and a lone CR splits a calendar line. Text of several lines keeps tab, LF and CR.
ONE_LINE_FORBIDDEN = "\x00-\x1f\x7f\x85\u2028\u2029"
# What counts as blank around a text: Python's str.strip() and JavaScript's \s together, so
# the API document's patterns (which partners check in JavaScript) say what is refused here.
BLANKS = (
    "\t\n\x0b\x0c\r \x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
MANY_LINES_FORBIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_ONE_LINE = re.compile(f"[{ONE_LINE_FORBIDDEN}]")
MANY_LINES = re.compile(f"[{MANY_LINES_FORBIDDEN}]")

MAX_SKILLS = 30
MAX_SKILL_LENGTH = 60
MAX_ROLE_LANGUAGES = 3


class InvalidValue(ValueError):
    """A value the model refuses; `message` says why, `index` which item of a list."""

    def __init__(self, field: str, message, *, index: int | None = None, more=()):
        super().__init__(field, message)
        self.field, self.message, self.index = field, message, index
        # Every item refused, as (index, message): the first, then `more`.
        self.items = [(index, message), *more]

    def __str__(self) -> str:
        return str(self.message)


class InvalidRecord(ValueError):
    """Several fields refused at once: `errors` maps each field to its `InvalidValue`."""

    def __init__(self, errors: dict[str, InvalidValue]):
        super().__init__(errors)
        self.errors = errors

    def __str__(self) -> str:
        return "; ".join(f"{name}: {error}" for name, error in self.messages().items())

    def messages(self) -> dict[str, str]:
        return {name: str(error) for name, error in self.errors.items()}


def text(field: str, value, *, max_length: int, required=False, lines=False) -> str:
    """Text without surrounding white space or control characters, within `max_length`
    (counted as sent, so a schema's maxLength says the same)."""
    if not isinstance(value, str):
        raise InvalidValue(field, _l("This field is required."))
    if len(value) > max_length:
        raise InvalidValue(field, _l("At most %(num)d characters.", num=max_length))
    if (MANY_LINES if lines else _ONE_LINE).search(value):
        raise InvalidValue(field, _l("Please remove the special characters."))
    value = value.strip(BLANKS)
    if required and not value:
        raise InvalidValue(field, _l("This field is required."))
    return value


def whole_number(field: str, value, *, low: int, high: int, nullable=False, message=None):
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        if message is None:
            message = _l("From %(low)d to %(high)d.", low=low, high=high)
        raise InvalidValue(field, message)
    return value


def choice(field: str, value, options) -> str:
    if not isinstance(value, str) or value not in options:
        raise InvalidValue(field, _l("Choose one of the listed options."))
    return value


def flag(field: str, value) -> bool:
    if not isinstance(value, bool):
        raise InvalidValue(field, _l("Choose yes or no."))
    return value


def skills(field: str, value) -> list[str]:
    """Up to 30 skills, each one line of at most 60 characters once trimmed (runs of spaces
    as one); the same skill (whatever its case) is kept once."""
    limits = _l("Up to 30 skills of at most 60 characters each.")
    if not isinstance(value, list | tuple) or len(value) > MAX_SKILLS:
        raise InvalidValue(field, limits)
    found, seen = [], set()
    for index, item in enumerate(value):
        if not isinstance(item, str) or _ONE_LINE.search(item):
            raise InvalidValue(field, _l("Please remove the special characters."), index=index)
        skill = " ".join(item.strip(BLANKS).split())
        if not skill or len(skill) > MAX_SKILL_LENGTH:
            raise InvalidValue(field, limits, index=index)
        if skill.casefold() not in seen:
            seen.add(skill.casefold())
            found.append(skill)
    return found


def _level_refused(language: str, level):
    """Why `level` is not one of `language`'s levels, or None."""
    if not isinstance(level, str) or not level:
        return _l("Choose the minimum level.")
    if level in levels.scale_for(language):
        return None
    if levels.language_code(language) == "ja":
        return _l("Use a JLPT level for Japanese.")
    if level in levels.JAPANESE_SCALE:
        return _l("JLPT levels are for Japanese only.")
    return _l("Choose one of the listed options.")


def role_languages(field: str, value) -> list[dict]:
    """A role's language requirements: a known language, a level on that language's own
    scale (JLPT or JFT-Basic for Japanese, CEFR for the others, or native), one record
    per language, at most three, each a must-have or not."""
    if not isinstance(value, list | tuple) or len(value) > MAX_ROLE_LANGUAGES:
        raise InvalidValue(field, _l("At most three languages."))
    records, seen, refused = [], set(), []
    for index, item in enumerate(value):
        if (
            not isinstance(item, dict)
            or set(item) - {"language", "level", "must"}
            or not isinstance(item.get("language"), str)
            or item["language"] not in LANGUAGE_LABELS
        ):
            refused.append((index, _l("Choose one of the listed options.")))
            continue
        language, level, must = item["language"], item.get("level"), item.get("must", False)
        if (why := _level_refused(language, level)) is not None:
            refused.append((index, why))
        elif language in seen:
            refused.append((index, _l("Give each language only once.")))
        elif not isinstance(must, bool):
            refused.append((index, _l("Choose yes or no.")))
        seen.add(language)
        records.append({"language": language, "level": level, "must": must})
    if refused:
        (index, message), *more = refused
        raise InvalidValue(field, message, index=index, more=more)
    return records


def profile_languages(field: str, value) -> list[dict]:
    """A candidate's languages: text ("Japanese N4") or records, stored as records; every
    one with a level on its language's scale, one record per language."""
    records, seen = [], set()
    for index, entry in enumerate(value or []):
        record = levels.language_record(entry)
        if record is None:
            continue
        if isinstance(entry, dict) and entry.get("level"):
            given = levels.JFT_BASIC if entry.get("test") == "JFT-Basic" else entry["level"]
            refused = _level_refused(record["language"], given)
        else:
            refused = None
        if refused is None and not record["level"]:
            refused = _l("Write each language with its level, like: Chinese B1.")
        if refused is not None:
            raise InvalidValue(field, refused, index=index)
        if record["language"] in seen:
            raise InvalidValue(field, _l("Give each language only once."), index=index)
        seen.add(record["language"])
        records.append(record)
    return records
