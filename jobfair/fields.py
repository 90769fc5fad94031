"""Form fields and validators every audience shares: stripped text, printable text, skill
lists, check-box lists, new passwords and language levels.

Each rule lives here once, so a limit or a message cannot drift between two forms.
"""

import re
import unicodedata

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, SelectMultipleField, StringField, widgets
from wtforms.validators import EqualTo, InputRequired, Length, ValidationError

from matching import levels
from matching.scripts import ascii_digits

from . import passwords
from .models import rules

MAX_SKILLS = rules.MAX_SKILLS
MAX_SKILL_LENGTH = rules.MAX_SKILL_LENGTH


def without_controls(value: str) -> str:
    """The text without the control characters the model refuses in a text of several lines
    (C0 but tab, LF and CR, and DEL: rules.MANY_LINES_FORBIDDEN), for imports and exports."""
    return rules.MANY_LINES.sub("", value)


def strip(value):
    """Filter: surrounding white space is never meant, control characters never typed."""
    return without_controls(value).strip() if isinstance(value, str) else value


STRIP = [strip]


def plain_digits(text):
    """Full-width forms folded (NFKC) and every script's digits (Khmer ០១២, Thai ๑๒, …) as
    ASCII digits, so "០១២ ៣៤៥" is stored, found and compared as "012 345"."""
    if not isinstance(text, str):
        return text
    return ascii_digits(unicodedata.normalize("NFKC", text))


# Phone numbers, ticket and sign-in codes: compared as ASCII digits.
DIGITS = [strip, plain_digits]


class NumberField(IntegerField):
    """A whole number, typed in any script's digits (Khmer ១៩៩៥, Thai, full-width).

    A text input with the numeric keyboard: a browser's number input (type=number) drops
    whatever is not ASCII digits and sends nothing, so Khmer digits were saved as empty.
    """

    widget = widgets.TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs["render_kw"] = {"inputmode": "numeric", **(kwargs.get("render_kw") or {})}
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [plain_digits(valuelist[0]).strip()]
        super().process_formdata(valuelist)


def printable(form, field) -> None:
    """Refuse control characters that no keyboard types (as sent: `strip` removes them from
    the data, so fields with this validator say so rather than change the text silently)."""
    raw = field.raw_data[0] if field.raw_data else field.data
    text = raw if isinstance(raw, str) else ""
    if any(ord(c) < 32 and c not in "\n\r\t" for c in text):
        raise ValidationError(_l("Please remove the special characters."))


def parse_skills(value) -> list[str]:
    """ "welding, Japanese  N4," → ["welding", "Japanese  N4"]: the parts between commas or
    lines, without the spaces around them; the skill rule (models.rules.skills) does the rest."""
    if isinstance(value, list):
        return value
    parts = (part.strip(" \t") for part in re.split(r"[,\n]", value or ""))
    return [part for part in parts if part]


def skills_within_limits(form, field) -> None:
    """The skills as the models store them (trimmed, each once), or why they cannot be."""
    try:
        field.data = rules.skills(field.name, field.data or [])
    except rules.InvalidValue as exc:
        raise ValidationError(str(exc)) from None


class SkillsField(StringField):
    """Comma-separated skills in the page, a list in the code, within the shared limits."""

    def __init__(self, label=None, validators=(), **kwargs):
        super().__init__(label, [*validators, skills_within_limits], **kwargs)

    def process_formdata(self, valuelist):
        self.data = parse_skills(valuelist[0] if valuelist else "")

    def _value(self):
        return ", ".join(self.data or [])


class ButtonForm(FlaskForm):
    """Bare POST buttons still carry the CSRF token."""


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def new_password(label=_l("Password"), **kwargs) -> PasswordField:
    """A password someone chooses: long enough, not a common one."""
    return PasswordField(
        label,
        validators=[
            InputRequired(),
            Length(
                min=passwords.MIN_LENGTH,
                max=passwords.MAX_LENGTH,
                message=_l("Use at least 8 and at most 128 characters."),
            ),
            passwords.NotCommonPassword(),
        ],
        **kwargs,
    )


def repeat_password() -> PasswordField:
    return PasswordField(
        _l("Repeat password"),
        validators=[InputRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


# The choices of language levels people pick from, on matching.levels' scales; values are
# what the records store.
JAPANESE_CHOICES = {
    "": _l("None"),
    **{level: f"JLPT {level}" for level in levels.JAPANESE_LEVELS[:1]},
    levels.JFT_BASIC: levels.JFT_BASIC,
    **{level: f"JLPT {level}" for level in levels.JAPANESE_LEVELS[1:]},
    levels.NATIVE: _l("Native speaker"),
}
CEFR_CHOICES = {"": _l("None"), "A1": _l("A1 – beginner"), "A2": _l("A2 – elementary"),
                "B1": _l("B1 – intermediate"), "B2": _l("B2 – upper intermediate"),
                "C1": _l("C1 – advanced"), "C2": _l("C2 – fluent"),
                levels.NATIVE: _l("Native speaker")}  # fmt: skip
KHMER_CHOICES = {
    levels.NATIVE: _l("Mother tongue"),
    **{code: label for code, label in CEFR_CHOICES.items() if code != levels.NATIVE},
}

# Skills offered as suggestions on every skill field (the platform's own list).
COMMON_SKILLS = (
    "welding", "sewing", "machine operation", "forklift", "electrical wiring", "soldering",
    "quality inspection", "elderly care", "cooking", "food hygiene", "customer service",
    "cleaning", "driving", "construction", "carpentry", "masonry", "farming", "harvesting",
    "computer skills", "Microsoft Excel", "Python", "accounting", "sales", "warehouse work",
)  # fmt: skip
