"""One-time recovery codes: each stands in for the authenticator app once, for someone who
lost their phone.

Ten codes are made when two-factor sign-in is turned on, and again on demand (the old ones
are void then). Each is 12 symbols drawn by `secrets` from a 32-symbol alphabet without
look-alikes (60 bits), shown once and stored only as a SHA-256 of the user's id and the
code. A fast hash is enough here, unlike for passwords: a code is random, not chosen by a
person, so there is no list of likely guesses, and trying all 2^60 codes of one account
against a stolen hash takes years on a GPU farm (the user id in the hash stops one pass
from serving every account). Guesses at the sign-in page are held by its rate limits.
"""

import hashlib
import re
import secrets

import sqlalchemy as sa

from ..extensions import db
from ..fields import plain_digits
from ..models import RecoveryCode, User, record_audit
from ..models.base import utcnow

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read off paper without doubt
COUNT = 10
LENGTH = 12
GROUP = 4


def _normalise(typed: str) -> str:
    """As typed: any case, spaces or dashes, digits of any script."""
    return re.sub(r"[\s-]", "", plain_digits(typed or "")).upper()


def looks_like_code(typed: str) -> bool:
    """True when the text has a recovery code's shape (a TOTP code has 6 digits)."""
    code = _normalise(typed)
    return len(code) == LENGTH and all(c in ALPHABET for c in code)


def _hash(user: User, code: str) -> str:
    return hashlib.sha256(f"{user.id}:{code}".encode()).hexdigest()


def make_codes(user: User) -> list[str]:
    """Void the user's codes and make COUNT new ones, returned (grouped) to be shown once."""
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(COUNT)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(user, c)) for c in codes)
    record_audit(user, "recovery_codes_created", user, count=COUNT)
    return ["-".join(c[i : i + GROUP] for i in range(0, LENGTH, GROUP)) for c in codes]


def use_code(user: User, typed: str) -> bool:
    """Spend one of the user's unused codes; False when it is wrong or was used before."""
    if not looks_like_code(typed):
        return False
    # Conditional: the same code sent twice at once is spent once.
    spent = db.session.execute(
        sa.update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash(user, _normalise(typed)),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        return False
    record_audit(user, "recovery_code_used", user, remaining=remaining(user))
    return True


def remaining(user: User) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )


def drop_codes(user: User) -> None:
    """Two-factor sign-in turned off: its codes go with it."""
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
