"""Account workflows: sign-up, authentication, organizers. The caller commits."""

import re
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from ..fields import plain_digits
from ..messages import notifications
from ..models import CandidateProfile, Organization, User, UserRole
from ..models.base import utcnow
from ..passwords import spend_verification_time


class AccountError(ValueError):
    """A sign-up or log-in that cannot go ahead, with a message for the person."""


class ContactTaken(AccountError):
    """Someone signed up with the email or phone of an existing account (`owner`).

    Sign-up pages answer as if it worked, so they do not tell strangers who has an
    account here; `tell_owner_of_signup` lets the owner know instead.
    """

    def __init__(self, owner: User):
        super().__init__(_l("You already have an account with this email or phone."))
        self.owner = owner


def normalise_email(email: str | None) -> str | None:
    email = (email or "").strip().lower()
    return email or None


def normalise_phone(phone: str | None) -> str | None:
    """Return a phone number as +<ASCII digits>; Cambodian local numbers get +855.

    Digits of any script (Khmer ០១២, Thai, full-width) count as the digits they are.
    """
    digits = re.sub(r"[\s\-().]", "", plain_digits(phone or ""))
    if not digits:
        return None
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+855" + digits[1:]
    elif not digits.startswith("+"):
        digits = "+" + digits
    if not re.fullmatch(r"\+[0-9]{8,15}", digits):
        raise AccountError(_l("Enter a phone number such as 012 345 678 or +855 12 345 678."))
    return digits


def find_user(identifier: str) -> User | None:
    """Look a user up by email or phone number."""
    identifier = (identifier or "").strip()
    if "@" in identifier:
        return db.session.scalar(sa.select(User).where(User.email == normalise_email(identifier)))
    try:
        phone = normalise_phone(identifier)
    except AccountError:
        return None
    if phone is None:
        return None
    return db.session.scalar(sa.select(User).where(User.phone == phone))


def contact_owner(email: str | None, phone: str | None) -> User | None:
    """The account that already has this email or phone, if any."""
    clauses = []
    if email:
        clauses.append(User.email == email)
    if phone:
        clauses.append(User.phone == phone)
    if not clauses:
        return None
    return db.session.scalars(sa.select(User).where(sa.or_(*clauses)).limit(1)).first()


def contact_taken(email: str | None, phone: str | None) -> bool:
    return contact_owner(email, phone) is not None


def tell_owner_of_signup(owner: User) -> None:
    """Tell an account's owner that someone tried to sign up with their email or phone."""
    notifications.enqueue(owner, "signup_attempt")


def create_user(
    *,
    role: str,
    display_name: str,
    password: str,
    email=None,
    phone=None,
    organization=None,
    staff_event=None,
    locale=None,
    pending: bool = False,
) -> User:
    """Add a user; refuse a second account for the same email or phone.

    `pending`: a self sign-up, which cannot log in until `finish_signup` (its link)."""
    email, phone = normalise_email(email), normalise_phone(phone)
    if not email and not phone:
        raise AccountError(_l("Give an email address or a phone number."))
    owner = contact_owner(email, phone)
    if owner is not None:
        raise ContactTaken(owner)
    user = User(
        role=role,
        display_name=display_name.strip(),
        email=email,
        phone=phone,
        organization=organization,
        staff_event_id=staff_event.id if staff_event is not None else None,
        locale=locale,
        pending_signup_at=utcnow() if pending else None,
    )
    user.set_password(password)
    db.session.add(user)
    if role == UserRole.CANDIDATE:
        # Every candidate has a profile from the start; they fill it in next.
        db.session.add(CandidateProfile(user=user, full_name=user.display_name))
    return user


def create_employer(*, company: dict, **user_fields) -> User:
    """Add an organization with its first recruiter."""
    organization = Organization(**company)
    db.session.add(organization)
    return create_user(role=UserRole.EMPLOYER, organization=organization, **user_fields)


def authenticate(identifier: str, password: str) -> User | None:
    """Return the user if the password is right and the account is not suspended."""
    user = find_user(identifier)
    if user is None:
        spend_verification_time(password)
        return None
    if not user.check_password(password):
        return None
    if not user.is_active or user.pending_signup_at is not None:
        return None
    user.last_login_at = utcnow()
    return user


def suspend(user: User) -> None:
    user.suspended_at = utcnow()
    user.end_sessions()


def _signup_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="signup-finish")


def signup_token(user: User) -> str:
    """The token of the link that finishes a pending sign-up (works once)."""
    return _signup_serializer().dumps({"user": user.id, "at": user.pending_signup_at.isoformat()})


def user_for_signup_token(token: str) -> User | None:
    """The pending sign-up the token was made for, if genuine, fresh and not yet finished."""
    try:
        data = _signup_serializer().loads(token, max_age=current_app.config["SIGNUP_LINK_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("user")) if isinstance(data, dict) else None
    if user is None or user.pending_signup_at is None or not user.is_active:
        return None
    if user.pending_signup_at != datetime.fromisoformat(str(data.get("at"))):
        return None
    return user


def finish_signup(user: User) -> None:
    """The person opened the link sent to their email or phone: the account is theirs."""
    user.pending_signup_at = None
