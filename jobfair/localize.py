"""Dates, times, numbers, money, lists and job vocabulary shown in the reader's language and
the fair's time zone.

Dates and times never show seconds. English follows Babel's (CLDR's) patterns by width
("Dec 26, 2026, 1:00 PM"); Japanese and Khmer pages write every day one way, whatever the
width, with the weekday and the 24-hour clock: "2027年1月5日(火) 10:00", "អង្គារ 5 មករា 2027
10:00" (Khmer month names; CLDR's Latin "AM/PM" reads foreign there).
"""

import functools
from datetime import datetime

from babel import Locale, dates
from babel.dates import get_date_format
from babel.lists import format_list
from flask import Flask
from flask_babel import format_currency, format_decimal, get_locale
from flask_babel import format_datetime as _babel_datetime
from flask_babel import lazy_gettext as _l

from matching.lexicon import Lexicon

# Date skeletons by width (Babel picks each locale's order, month names and separators).
DATE_SKELETONS = {"short": "yMd", "medium": "yMMMd"}
# Day and month only, with the weekday: a fair's days, an interview slot.
DAY_SKELETON = "MMMEd"
# 12-hour clock only where it is the written convention.
TIME_SKELETONS = {"en": "hm"}
# The one way a day is written in these locales (a page mixing shapes reads as broken).
ONE_DAY_PATTERN = {"ja": "y年M月d日(E)", "km": "EEE d MMMM y"}


@functools.lru_cache(maxsize=64)
def _pattern(locale: str, skeleton: str) -> str:
    parsed = Locale.parse(locale)
    return str(parsed.datetime_skeletons.get(skeleton) or skeleton)


def _time_pattern(locale: str) -> str:
    return _pattern(locale, TIME_SKELETONS.get(locale, "Hm"))


def _date_pattern(locale: str, width: str) -> str:
    if locale in ONE_DAY_PATTERN:
        return ONE_DAY_PATTERN[locale]
    if width == "day":
        return _pattern(locale, DAY_SKELETON)
    if width in ("long", "full"):
        return str(get_date_format(width, locale)).replace("'", "")
    return _pattern(locale, DATE_SKELETONS.get(width, width))


def format_date(value, width: str = "medium") -> str:
    """A date (or a datetime's day, in the fair's time zone) as the reader writes it."""
    if value is None:
        return ""
    locale = str(get_locale())
    if isinstance(value, datetime):
        return _babel_datetime(value, _date_pattern(locale, width))
    return dates.format_date(value, _date_pattern(locale, width), locale=locale)


def format_time(value, width: str = "short") -> str:
    """Hours and minutes, never seconds; a bare time (opening hours) is already local."""
    if value is None:
        return ""
    locale = str(get_locale())
    if isinstance(value, datetime):
        return _babel_datetime(value, _time_pattern(locale))
    return dates.format_time(value, _time_pattern(locale), locale=locale)


def format_datetime(value, width: str = "medium") -> str:
    """A date and its time, joined the locale's way ("{1} {0}"), never with seconds."""
    if value is None:
        return ""
    return _babel_datetime(value, datetime_pattern(str(get_locale()), width))


def datetime_pattern(locale: str, width: str = "medium") -> str:
    """The Babel pattern of a day and its time in `locale` (messages use it outside a page)."""
    joined = "{1} {0}"
    if locale not in ONE_DAY_PATTERN:
        joined = Locale.parse(locale).datetime_formats.get("short" if width == "day" else width)
    pattern = str(joined or "{1} {0}").replace("'", "")
    return pattern.format(_time_pattern(locale), _date_pattern(locale, width))


# How an amount reads with its currency: "¥180,000" in English, "180,000円" in Japanese,
# "180,000 យ៉េន" in Khmer (each catalog writes its own form). Other currencies: Babel's.
CURRENCY_FORMS = {
    "JPY": _l("¥%(amount)s"),
    "USD": _l("$%(amount)s"),
    "KHR": _l("%(amount)s riel"),
}


def money(amount, currency: str) -> str:
    """KHR and JPY have no minor unit in practice; USD keeps cents only when there are some."""
    if amount is None:
        return ""
    whole = currency in ("KHR", "JPY") or float(amount).is_integer()
    if currency in CURRENCY_FORMS:
        number = format_decimal(amount, format="#,##0" if whole else "#,##0.00")
        return str(CURRENCY_FORMS[currency]) % {"amount": number}
    digits = "#,##0" if whole else None
    return format_currency(amount, currency, format=digits and f"¤{digits}", currency_digits=False)


def money_range(low, high, currency: str) -> str:
    """A salary range as people read it: "¥180,000 – ¥230,000", "180,000円～230,000円"."""
    if low and high:
        return str(_l("%(low)s – %(high)s", low=money(low, currency), high=money(high, currency)))
    if low:
        return str(_l("from %(amount)s", amount=money(low, currency)))
    if high:
        return str(_l("up to %(amount)s", amount=money(high, currency)))
    return ""


@functools.lru_cache(maxsize=8192)
def _term(text: str, language: str) -> str:
    return Lexicon.default().display(text, language)


def display_term(text: str, language: str) -> str:
    """A skill or job title as a reader of `language` knows it (outside a request too)."""
    return _term(str(text), language) if text else ""


def term(text) -> str:
    """A skill or job title as the reader knows it: "溶接" reads "welding" on an English page."""
    return _term(str(text), str(get_locale())) if text else ""


def items(values) -> str:
    """Several things in a row as the reader's language writes them, with no "and":
    "welding, grinding" in English, 溶接、研削 in Japanese (CLDR's narrow list; Babel has
    none for Khmer, whose list ends in និង, "and"). Empty values are left out."""
    texts = [str(v) for v in values or () if v is not None and str(v) != ""]
    if not texts:
        return ""
    locale = str(get_locale())
    try:
        return format_list(texts, style="standard-narrow", locale=locale)
    except KeyError:
        return format_list(texts, locale=locale)


def via(value, lookup):
    """A value through a function or a table (a code's label), for lists: ``codes|map("via",
    labels.SECTOR_LABELS)|items``. A code the table does not know stays as it is."""
    return lookup(value) if callable(lookup) else lookup.get(value, value)


def register_filters(app: Flask) -> None:
    app.jinja_env.filters.update(
        format_date=format_date,
        format_time=format_time,
        format_datetime=format_datetime,
        format_number=format_decimal,
        money=money,
        money_range=money_range,
        term=term,
        items=items,
        via=via,
    )
