"""Password rules (OWASP ASVS 5.0, level 2): length, not a common password, nothing else.

There are no composition rules: a long passphrase in any script is welcome.
"""

import functools
import gzip
import unicodedata
from pathlib import Path

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

MIN_LENGTH = 8
MAX_LENGTH = 128
COMMON_PASSWORDS = Path(__file__).parent / "data" / "common-passwords.txt.gz"


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
