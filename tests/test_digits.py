"""Digits are digits: Khmer, Thai, full-width and other Unicode digits are stored and compared
as ASCII, in phone numbers, ticket codes and sign-in codes."""

import pytest
import sqlalchemy as sa

from jobfair import tickets
from jobfair.auth import accounts
from jobfair.extensions import db
from jobfair.fields import plain_digits
from jobfair.models import Registration, User
from tests.conftest import PASSWORD, finish_signup

SIGN_UP = {
    "display_name": "Dara",
    "password": "a long pass phrase",
    "confirm": "a long pass phrase",
}


@pytest.mark.parametrize(
    "typed",
    [
        "០១២ ៣៤៥ ៦៧៨",
        "๐๑๒ ๓๔๕ ๖๗๘",
        "０１２ ３４５ ６７８",
        "+８５５ １２ ３４５ ６７８",
        "012-345-678",
    ],
)
def test_phone_numbers_in_any_script_are_stored_as_ascii(typed):
    assert accounts.normalise_phone(typed) == "+85512345678"


def test_plain_digits_leaves_other_text_alone():
    assert plain_digits("ផ្ទះលេខ ១២ Street ៥") == "ផ្ទះលេខ 12 Street 5"
    assert plain_digits(None) is None


def test_sign_up_with_khmer_digits_then_log_in_with_ascii(client):
    response = client.post("/auth/signup", data={**SIGN_UP, "phone": "០១២ ៣៤៥ ៦៧៨"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(User.phone)) == "+85512345678"
    finish_signup(client)
    client.post("/auth/logout")
    response = client.post(
        "/auth/login", data={"identifier": "012 345 678", "password": "a long pass phrase"}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/me/"


def test_a_second_account_with_the_same_number_in_another_script_is_refused(client):
    client.post("/auth/signup", data={**SIGN_UP, "phone": "012 345 678"})
    client.post("/auth/logout")
    other = client.post("/auth/signup", data={**SIGN_UP, "phone": "០១២៣៤៥៦៧៨"})
    # Sign-up answers alike whether the number is taken (issue 17): no second account.
    assert other.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1


def test_logging_in_with_khmer_digits_finds_the_account(client, create_user):
    create_user(phone="+85512345678")
    response = client.post("/auth/login", data={"identifier": "០១២ ៣៤៥ ៦៧៨", "password": PASSWORD})
    assert response.status_code == 302


def test_a_short_code_typed_in_full_width_finds_the_ticket(create_user, create_event):
    event = create_event()
    user = create_user()
    ticket = Registration(event=event, candidate=user.profile, short_code="AC34DE79")
    db.session.add(ticket)
    db.session.commit()
    assert tickets.find_ticket(event, "ＡＣ３４－ＤＥ７９") == ticket
    assert tickets.find_ticket(event, "ac៣៤ de៧៩") == ticket


def test_numbers_typed_in_khmer_digits_are_stored_as_numbers(client, create_user):
    user = create_user()
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    client.post(
        "/me/profile",
        data={"full_name": "Dara", "province": "Takeo", "education_level": "none",
              "birth_year": "១៩៩៨"},
    )  # fmt: skip
    db.session.expire_all()
    assert db.session.get(User, user.id).profile.birth_year == 1998
