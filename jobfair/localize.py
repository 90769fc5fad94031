"""Dates, times, numbers and money shown in the reader's language and the fair's time zone."""

from flask import Flask
from flask_babel import format_currency, format_date, format_datetime, format_decimal, format_time


def money(amount, currency: str) -> str:
    """KHR and JPY have no minor unit in practice; USD keeps cents only when there are some."""
    if amount is None:
        return ""
    digits = "#,##0" if currency in ("KHR", "JPY") or float(amount).is_integer() else None
    return format_currency(amount, currency, format=digits and f"¤{digits}", currency_digits=False)


def register_filters(app: Flask) -> None:
    app.jinja_env.filters.update(
        format_date=format_date,
        format_time=format_time,
        format_datetime=format_datetime,
        format_number=format_decimal,
        money=money,
    )
