"""The candidate's rirekisho form: every field of the MHLW 2021 form, and its photo."""

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, FieldList, Form, FormField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, ValidationError

from ..fields import DIGITS, STRIP, NumberField, printable
from ..rirekisho import FIELDS, TABLES

KATAKANA = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff\s\u3000]+")
ROWS = {"education": 8, "jobs": 10, "licences": 8}


class LineForm(Form):
    year = NumberField(_l("Year"), validators=[Optional(), NumberRange(min=1950, max=2100)])
    month = NumberField(_l("Month"), validators=[Optional(), NumberRange(min=1, max=12)])
    text = StringField(
        _l("What"), validators=[Optional(), Length(max=100), printable], filters=STRIP
    )

    def validate_text(self, field):
        if (self.year.data or self.month.data) and not field.data:
            raise ValidationError(_l("Please write what happened in this year and month."))


def _text(label, size, description=None, validators=()):
    return StringField(
        label,
        validators=[Optional(), Length(max=size), printable, *validators],
        filters=STRIP,
        description=description,
    )


class RirekishoForm(FlaskForm):
    name_kana = StringField(
        _l("Your name in katakana (ふりがな)"),
        validators=[InputRequired(), Length(max=120)],
        filters=STRIP,
        description=_l("We wrote it from your name in Latin letters. Please correct it."),
    )
    name_romaji = StringField(
        _l("Your name in Latin letters (氏名)"),
        validators=[InputRequired(), Length(max=120), printable],
        filters=STRIP,
    )
    birth_date = DateField(_l("Date of birth"), validators=[Optional()])
    gender = _text(
        _l("Gender (optional)"), 30, _l("You may leave this empty, as the Japanese form allows.")
    )
    postal_code = StringField(
        _l("Postal code"), validators=[Optional(), Length(max=20)], filters=DIGITS
    )
    address = _text(_l("Address"), 300)
    address_kana = _text(_l("Address in katakana (ふりがな)"), 300)
    phone = _text(_l("Phone"), 30)
    email = _text(_l("Email"), 254, validators=[Email()])
    contact = _text(_l("Other contact (only if not at your address)"), 300)
    education = FieldList(FormField(LineForm), min_entries=ROWS["education"])
    jobs = FieldList(FormField(LineForm), min_entries=ROWS["jobs"])
    licences = FieldList(FormField(LineForm), min_entries=ROWS["licences"])
    motivation = TextAreaField(
        _l("Why you apply, your strengths, favourite subjects (志望の動機)"),
        validators=[Optional(), Length(max=1000), printable],
        filters=STRIP,
        description=_l("Write in simple Japanese, as you can. Short sentences are fine."),
    )
    wishes = TextAreaField(
        _l("Your wishes: pay, job, hours, place (本人希望記入欄)"),
        validators=[Optional(), Length(max=500), printable],
        filters=STRIP,
    )

    def validate_name_kana(self, field):
        if field.data and not KATAKANA.fullmatch(field.data):
            raise ValidationError(_l("Please write your name in katakana only, like ソカ・チャン."))

    def validate_birth_date(self, field):
        today = date.today()
        if field.data and not date(1940, 1, 1) <= field.data <= date(today.year - 14, 12, 31):
            raise ValidationError(_l("Please check your date of birth."))

    def load(self, values: dict) -> None:
        """Fill the form from stored or proposed values (on GET)."""
        for name in FIELDS:
            if name in TABLES:
                rows = list(values.get(name) or [])
                field = getattr(self, name)
                while len(field.entries) < len(rows):
                    field.append_entry()
                for entry, row in zip(field.entries, rows):
                    entry.form.year.data = row.get("year")
                    entry.form.month.data = row.get("month")
                    entry.form.text.data = row.get("text")
            else:
                getattr(self, name).data = values.get(name)

    def values(self) -> dict:
        """What the candidate wrote, as the rirekisho stores it (empty rows dropped)."""
        values = {name: getattr(self, name).data or "" for name in FIELDS if name not in TABLES}
        values["birth_date"] = self.birth_date.data
        for name in TABLES:
            values[name] = [
                {"year": row["year"], "month": row["month"], "text": row["text"]}
                for row in getattr(self, name).data
                if row["text"]
            ]
        return values


class RirekishoPhotoForm(FlaskForm):
    photo = FileField(
        _l("Your photo"),
        description=_l(
            "A photo of your face from the front, JPEG or PNG (at most 10 MB). It is cut "
            "to 3 × 4 like the Japanese form."
        ),
        validators=[FileRequired(message=_l("Please choose a file."))],
        render_kw={"accept": "image/jpeg,image/png"},
    )
