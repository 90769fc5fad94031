"""The language a person chose stays: across log-in, log-out, time-out and deletion, in
WTForms' own messages, and in dates and times written the reader's way."""

from datetime import UTC, date, datetime, time

import pytest
from flask_babel import force_locale

from jobfair import localize
from jobfair.extensions import db
from jobfair.models import User
from tests.conftest import PASSWORD


def lang(response) -> str:
    page = response.get_data(as_text=True)
    return page.split('<html lang="', 1)[1].split('"', 1)[0]


def test_a_language_chosen_on_the_log_in_page_wins_and_is_stored(client, create_user):
    user = create_user(locale="ja")
    client.post("/language", data={"locale": "km", "next": "/auth/login"})
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    assert lang(client.get("/me/")) == "km"
    assert db.session.get(User, user.id).locale == "km"


def test_without_a_choice_the_accounts_language_is_used(app, create_user):
    user = create_user(locale="ja")
    client = app.test_client()
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    assert lang(client.get("/me/")) == "ja"


def test_the_language_survives_log_out(client, create_user):
    user = create_user(locale="km")
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    response = client.post("/auth/logout", follow_redirects=True)
    assert lang(response) == "km"
    assert lang(client.get("/auth/login")) == "km"


def test_the_language_survives_deleting_the_account(client, create_user):
    user = create_user(locale="ja")
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    response = client.post("/me/delete", data={"password": PASSWORD}, follow_redirects=True)
    assert lang(response) == "ja"
    assert db.session.get(User, user.id) is None
    assert lang(client.get("/auth/login")) == "ja"


def test_the_language_survives_a_session_time_out(app, client, create_user):
    user = create_user(locale="km")
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    with client.session_transaction() as session:
        session["seen"] = 0
    response = client.get("/me/", follow_redirects=True)
    assert lang(response) == "km"


def test_sign_up_stores_the_language_on_the_new_account(client):
    client.post("/language", data={"locale": "km"})
    client.post(
        "/auth/signup",
        data={
            "display_name": "Dara",
            "phone": "012 888 777",
            "password": "a long pass phrase",
            "confirm": "a long pass phrase",
        },
    )
    assert db.session.scalar(db.select(User.locale).where(User.phone == "+85512888777")) == "km"


@pytest.mark.parametrize(
    "locale, required",
    [
        ("km", "ប្រអប់នេះត្រូវតែបំពេញ។"),
        ("ja", "この項目は必須です。"),
        ("en", "This field is required."),
    ],
)
def test_wtforms_own_messages_are_translated(client, locale, required):
    client.post("/language", data={"locale": locale})
    page = client.post("/auth/login", data={"identifier": "", "password": ""}).get_data(
        as_text=True
    )
    assert page.count(required) == 2
    if locale != "en":
        assert "This field is required." not in page


def test_a_length_message_keeps_its_number(client):
    client.post("/language", data={"locale": "km"})
    page = client.post("/auth/login", data={"identifier": "x" * 300, "password": "x"}).get_data(
        as_text=True
    )
    assert "សូមបញ្ចូលមិនលើសពី 254 តួអក្សរ។" in page


@pytest.mark.parametrize(
    "locale, expected",
    [
        ("en", ["Dec 26, 2026, 1:05 PM", "1:05 PM", "Saturday, December 26, 2026"]),
        ("ja", ["2026年12月26日(土) 13:05", "13:05", "2026年12月26日(土)"]),
        ("km", ["សៅរ៍ 26 ធ្នូ 2026 13:05", "13:05", "សៅរ៍ 26 ធ្នូ 2026"]),
    ],
)
def test_dates_and_times_follow_each_locale_without_seconds(app, locale, expected):
    moment = datetime(2026, 12, 26, 6, 5, 42, tzinfo=UTC)  # 13:05:42 in Phnom Penh
    with app.test_request_context(), force_locale(locale):
        shown = [
            localize.format_datetime(moment, "medium"),
            localize.format_time(time(13, 5, 42)),
            localize.format_date(date(2026, 12, 26), "full" if locale == "en" else "day"),
        ]
    assert shown == expected
    assert not any(":42" in text for text in shown)


def test_money_and_numbers_follow_the_locale(app):
    with app.test_request_context():
        for locale in ("en", "ja", "km"):
            with force_locale(locale):
                assert "180,000" in localize.money(180000, "JPY") or "180.000" in localize.money(
                    180000, "JPY"
                )
