"""A role's fields, declared once: type, bounds, choices, label and default of each.

The model checks every value against this (`Role`'s `@validates` and `check_record`); the
employer form builds its fields from it, the API's schema and serializer list it, and the
role import takes its bounds and choices from it. A field added here is a field everywhere.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from matching.levels import EDUCATION_LEVELS

from .. import labels
from . import rules
from .rules import InvalidRecord, InvalidValue
from .translations import POSTING_LANGUAGES

PROGRAMS = tuple(labels.PROGRAM_LABELS)
CURRENCIES = tuple(labels.CURRENCY_LABELS)
SECTORS = tuple(labels.SECTOR_LABELS)
# The Specified Skilled Worker fields (models.japan.SSW_FIELDS, in the same order).
SSW_FIELD_OPTIONS = tuple(labels.SSW_FIELD_LABELS)
LOCATIONS = labels.LOCATIONS
ROLE_STATUSES = ("draft", "open", "closed")
MAX_SALARY = 100_000_000


@dataclass(frozen=True)
class RoleField:
    """One field of a role. `kind` is one of: line (one line of text), lines (several),
    choice (one of `options`), number (a whole number from `low` to `high`), skills,
    languages, flag (yes or no)."""

    name: str
    kind: str
    label: object
    description: object = None
    required: bool = False  # must be given when a role is created
    default: object = None
    max_length: int = 0
    low: int = 0
    high: int = 0
    nullable: bool = False
    options: tuple = ()
    labels: dict = field(default_factory=dict)  # option -> label, for forms
    message: object = None  # why a number is refused

    def check(self, value):
        """The value as stored, or InvalidValue saying why it cannot be."""
        name = self.name
        if self.kind in ("line", "lines"):
            return rules.text(
                name,
                value,
                max_length=self.max_length,
                required=self.required,
                lines=self.kind == "lines",
            )
        if self.kind == "choice":
            if self.nullable and value in (None, ""):
                return None
            return rules.choice(name, value, self.options)
        if self.kind == "number":
            return rules.whole_number(
                name,
                value,
                low=self.low,
                high=self.high,
                nullable=self.nullable,
                message=self.message,
            )
        if self.kind == "skills":
            return rules.skills(name, value)
        if self.kind == "languages":
            return rules.role_languages(name, value)
        return rules.flag(name, value)


def _money(name: str, label) -> RoleField:
    message = _l("Enter a positive amount.")
    return RoleField(name, "number", label, low=0, high=MAX_SALARY, nullable=True, message=message)


ROLE_FIELDS = (
    RoleField("title", "line", _l("Job title"), required=True, max_length=200),
    RoleField("description", "lines", _l("What the work is"), default="", max_length=5000),
    RoleField(
        "original_language",
        "choice",
        _l("Title and description are written in"),
        default="en",
        options=POSTING_LANGUAGES,
        labels=labels.POSTING_LANGUAGE_LABELS,
    ),
    RoleField(
        "sector",
        "choice",
        _l("Sector"),
        required=True,
        options=SECTORS,
        labels=labels.SECTOR_LABELS,
    ),
    RoleField("location", "choice", _l("Work location"), required=True, options=LOCATIONS),
    RoleField(
        "program",
        "choice",
        _l("Programme"),
        default="local",
        options=PROGRAMS,
        labels=labels.PROGRAM_LABELS,
    ),
    RoleField(
        "ssw_field",
        "choice",
        _l("Specified Skilled Worker field"),
        description=_l("For a Specified Skilled Worker role: the field of its skill test."),
        nullable=True,
        options=SSW_FIELD_OPTIONS,
        labels=labels.SSW_FIELD_LABELS,
    ),
    RoleField(
        "headcount",
        "number",
        _l("People needed"),
        default=1,
        low=1,
        high=1000,
        message=_l("From 1 to 1,000."),
    ),
    _money("salary_min", _l("Monthly salary from")),
    _money("salary_max", _l("Monthly salary up to")),
    RoleField(
        "currency",
        "choice",
        _l("Currency"),
        default="USD",
        options=CURRENCIES,
        labels=labels.CURRENCY_LABELS,
    ),
    RoleField(
        "required_skills",
        "skills",
        _l("Required skills"),
        description=_l("Separate skills with commas, e.g. welding, reading technical drawings."),
        default=(),
    ),
    RoleField(
        "preferred_skills",
        "skills",
        _l("Preferred skills"),
        description=_l("Nice to have; separate with commas."),
        default=(),
    ),
    RoleField("languages", "languages", _l("Languages"), default=()),
    RoleField(
        "min_education",
        "choice",
        _l("Minimum education"),
        default="none",
        options=EDUCATION_LEVELS,
        labels=labels.EDUCATION_LABELS,
    ),
    RoleField(
        "blind_review",
        "flag",
        _l("Blind review: hide names, gender and age until I invite a candidate"),
        default=False,
    ),
)
FIELDS = {f.name: f for f in ROLE_FIELDS}
NAMES = tuple(FIELDS)


def check_record(values: dict, *, current=None, new: bool = False) -> dict:
    """Every given field checked, and the salary range in order (with `current`'s values
    for those not given): the values as stored, or InvalidRecord naming each refusal.
    With `new`, the required fields must be there."""
    cleaned, errors = {}, {}
    for name, value in values.items():
        try:
            cleaned[name] = FIELDS[name].check(value)
        except InvalidValue as exc:
            errors[name] = exc
    if new:
        for name in (f.name for f in ROLE_FIELDS if f.required):
            if values.get(name) is None and name not in errors:
                errors[name] = InvalidValue(name, _l("This field is required."))
    low, high = (
        cleaned.get(name, getattr(current, name, None)) for name in ("salary_min", "salary_max")
    )
    salary_refused = "salary_min" in errors or "salary_max" in errors
    if low is not None and high is not None and low > high and not salary_refused:
        errors["salary_max"] = InvalidValue(
            "salary_max", _l("The highest salary must not be below the lowest.")
        )
    _check_ssw_field(values, cleaned, errors, current=current, new=new)
    if errors:
        raise InvalidRecord(errors)
    return cleaned


def _check_ssw_field(values, cleaned, errors, *, current, new) -> None:
    """A Specified Skilled Worker role names its field (the entry rule reads it); another
    programme's role has none. Checked when the record is known as a whole (a new role,
    or changes to `current`)."""
    if not (new or current is not None) or not {"program", "ssw_field"} & set(values):
        return
    if "program" in errors or "ssw_field" in errors:
        return
    default = FIELDS["program"].default if new else None
    program = cleaned.get("program", getattr(current, "program", default))
    if program != "ssw":
        if cleaned.get("ssw_field") is not None or getattr(current, "ssw_field", None):
            cleaned["ssw_field"] = None
        return
    if cleaned.get("ssw_field", getattr(current, "ssw_field", None)) is None:
        errors["ssw_field"] = InvalidValue(
            "ssw_field", _l("Choose the field of this Specified Skilled Worker role.")
        )
