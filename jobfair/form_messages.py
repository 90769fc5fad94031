"""WTForms' own messages ("This field is required.") in the reader's language.

WTForms ships no Khmer catalog, so its messages are in ours: the list below is only for
`make extract-messages`. Flask-WTF caches the translations it uses on the request
(`request.wtforms_translations`); `install` puts ours there first, falling back to WTForms'
catalog for any message of its that we do not carry.
"""

import functools

from babel import support
from flask import Flask, request
from flask_babel import get_locale, get_translations
from wtforms.i18n import messages_path


def _l(message):  # marks a message for extraction; translated when shown
    return message


def ngettext(singular, plural, n):  # the same, for a message with a plural
    return singular


MESSAGES = (
    _l("This field is required."),
    _l("Not a valid choice."),
    _l("Invalid Choice: could not coerce."),
    _l("Invalid choice(s): one or more data inputs could not be coerced."),
    ngettext(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
        1,
    ),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("Not a valid float value."),
    _l("Not a valid date value."),
    _l("Not a valid datetime value."),
    _l("Not a valid time value."),
    _l("Invalid email address."),
    _l("Invalid URL."),
    _l("Invalid input."),
    _l("Field must be equal to %(other_name)s."),
    _l("Field must be between %(min)d and %(max)d characters long."),
    ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    ),
    ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        1,
    ),
    ngettext(
        "Field must be exactly %(max)d character long.",
        "Field must be exactly %(max)d characters long.",
        1,
    ),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("Invalid value, must be one of: %(values)s."),
    _l("Invalid value, can't be any of: %(values)s."),
)


@functools.lru_cache(maxsize=8)
def _wtforms_catalog(locale: str):
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class FormTranslations:
    """Ours first, then WTForms' catalog, then the English message."""

    def __init__(self):
        self.ours = get_translations()
        self.theirs = _wtforms_catalog(str(get_locale()))

    def ugettext(self, message: str) -> str:
        found = self.ours.ugettext(message)
        return found if found != message else self.theirs.ugettext(message)

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        found = self.ours.ungettext(singular, plural, n)
        if found not in (singular, plural):
            return found
        return self.theirs.ungettext(singular, plural, n)


def install(app: Flask) -> None:
    @app.before_request
    def translate_form_messages():
        request.wtforms_translations = _Lazy()


class _Lazy:
    """Resolved at the first form error, after the session rules have run."""

    def __getattr__(self, name):
        translations = FormTranslations()
        request.wtforms_translations = translations
        return getattr(translations, name)
