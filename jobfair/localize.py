"""Dates, times, numbers, money and job vocabulary shown in the reader's language and the
fair's time zone."""

import functools

from flask import Flask
from flask_babel import (
    format_currency,
    format_date,
    format_datetime,
    format_decimal,
    format_time,
    get_locale,
)

from matching.lexicon import Lexicon


def money(amount, currency: str) -> str:
    """KHR and JPY have no minor unit in practice; USD keeps cents only when there are some."""
    if amount is None:
        return ""
    digits = "#,##0" if currency in ("KHR", "JPY") or float(amount).is_integer() else None
    return format_currency(amount, currency, format=digits and f"¤{digits}", currency_digits=False)


@functools.lru_cache(maxsize=8192)
def _term(text: str, language: str) -> str:
    return Lexicon.default().display(text, language)


def term(text) -> str:
    """A skill or job title as the reader knows it: "溶接" reads "welding" on an English page."""
    return _term(str(text), str(get_locale())) if text else ""


def register_filters(app: Flask) -> None:
    app.jinja_env.filters.update(
        format_date=format_date,
        format_time=format_time,
        format_datetime=format_datetime,
        format_number=format_decimal,
        money=money,
        term=term,
    )
