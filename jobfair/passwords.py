"""Passwords: the rules (OWASP ASVS 5.0, level 2) and how they are stored.

There are no composition rules: a long passphrase in any script is welcome, as long as
it is not on the common-passwords list. Passwords are stored as Argon2id hashes with the
OWASP Password Storage Cheat Sheet's parameters (19 MiB, 2 passes, 1 lane: about 50 ms
here); hashes from before (Werkzeug's scrypt) still verify and are replaced at the next
successful sign-in.
"""

import functools
import gzip
import unicodedata
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash
from wtforms.validators import ValidationError

MIN_LENGTH = 8
MAX_LENGTH = 128
COMMON_PASSWORDS = Path(__file__).parent / "data" / "common-passwords.txt.gz"
PARAMETERS = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}
HASHER = PasswordHasher(**PARAMETERS)


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(stored: str, password: str) -> tuple[bool, str | None]:
    """Whether the password matches, and a new hash to store when the old one is outdated."""
    if not stored.startswith("$argon2"):
        ok = check_password_hash(stored, password)
        return ok, hash_password(password) if ok else None
    try:
        HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False, None
    return True, hash_password(password) if HASHER.check_needs_rehash(stored) else None


@functools.cache
def _decoy() -> str:
    return hash_password("no account has this password")


def spend_verification_time(password: str) -> None:
    """Take as long as a real check, so response times do not tell which accounts exist."""
    verify_password(_decoy(), password)


@functools.cache
def _common() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


def is_common(password: str) -> bool:
    """True for passwords on the common-passwords list, ignoring case and width."""
    normalised = unicodedata.normalize("NFKC", password).strip().lower()
    return normalised in _common()


class NotCommonPassword:
    """WTForms validator refusing passwords that attackers try first."""

    message = _l("This password is too common. Choose a longer phrase only you would use.")

    def __call__(self, form, field) -> None:
        if field.data and is_common(field.data):
            raise ValidationError(self.message)
