"""The columns of each import, their headers in English, Khmer and Japanese, and how a
cell's text becomes a value (or a reason the row is refused, in the organizer's language).
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from matching import levels
from matching.levels import EDUCATION_LEVELS

from .. import labels
from ..auth import accounts
from ..models import role_fields, rules
from ..models.role_fields import CURRENCIES, PROGRAMS, SECTORS
from .spreadsheets import MAX_CELL


class RowError(Exception):
    """One cell cannot be used; the message says why."""


@dataclass(frozen=True)
class Column:
    name: str
    headers: dict  # locale -> header text, as written in the downloadable template
    kind: str = "text"
    required: bool = False
    max_length: int = 200
    aliases: tuple = ()


def _c(name, en, km, ja, **options) -> Column:
    return Column(name=name, headers={"en": en, "km": km, "ja": ja}, **options)


EXHIBITOR_COLUMNS = (
    _c("company", "Company", "ក្រុមហ៊ុន", "会社名", required=True, aliases=("company name", "会社")),
    _c("country", "Country", "ប្រទេស", "国", kind="country"),
    _c("sector", "Sector", "វិស័យ", "業種", kind="sector"),
    _c("booth", "Booth", "ស្តង់", "ブース", max_length=20, aliases=("booth code", "ブース番号")),
    _c("contact_name", "Contact name", "ឈ្មោះអ្នកទំនាក់ទំនង", "担当者名"),
    _c("contact_email", "Contact email", "អ៊ីមែលអ្នកទំនាក់ទំនង", "担当者メール", kind="email"),
    _c("contact_phone", "Contact phone", "ទូរស័ព្ទអ្នកទំនាក់ទំនង", "担当者電話", kind="phone"),
    _c("website", "Website", "គេហទំព័រ", "ウェブサイト", kind="url", max_length=300),
    _c("description", "Description", "ការពិពណ៌នា", "会社説明", max_length=MAX_CELL),
)
ROLE_COLUMNS = (
    _c("company", "Company", "ក្រុមហ៊ុន", "会社名", required=True, aliases=("会社",)),
    _c("title", "Job title", "មុខតំណែង", "職種", required=True, aliases=("title", "role")),
    _c("sector", "Sector", "វិស័យ", "業種", kind="sector"),
    _c("location", "Location", "ទីកន្លែងធ្វើការ", "勤務地", kind="location", max_length=100),
    _c("program", "Programme", "កម្មវិធី", "制度", kind="program", aliases=("program",)),
    _c("ssw_field", "SSW field", "វិស័យពលករជំនាញពិសេស", "特定技能の分野", kind="ssw_field"),
    _c("headcount", "Headcount", "ចំនួនត្រូវការ", "募集人数", kind="count"),
    _c("salary_min", "Lowest salary", "ប្រាក់ខែអប្បបរមា", "給与下限", kind="money"),
    _c("salary_max", "Highest salary", "ប្រាក់ខែអតិបរមា", "給与上限", kind="money"),
    _c("currency", "Currency", "រូបិយប័ណ្ណ", "通貨", kind="currency"),
    _c("required_skills", "Required skills", "ជំនាញចាំបាច់", "必須スキル", kind="skills"),
    _c("preferred_skills", "Preferred skills", "ជំនាញបន្ថែម", "歓迎スキル", kind="skills"),
    _c("japanese", "Japanese level", "កម្រិតភាសាជប៉ុន", "日本語レベル", kind="japanese"),
    _c("min_education", "Minimum education", "កម្រិតវប្បធម៌អប្បបរមា", "必要学歴", kind="education"),
    _c("description", "Description", "ការពិពណ៌នា", "仕事内容", max_length=MAX_CELL),
    # postings: the language the title and description are in, and their translations
    _c("original_language", "Written in", "សរសេរជាភាសា", "原文の言語", kind="locale"),
    _c("title_en", "Job title (English)", "មុខតំណែង (អង់គ្លេស)", "職種（英語）"),
    _c("title_km", "Job title (Khmer)", "មុខតំណែង (ខ្មែរ)", "職種（クメール語）"),
    _c("title_ja", "Job title (Japanese)", "មុខតំណែង (ជប៉ុន)", "職種（日本語）"),
    _c("description_en", "Description (English)", "ការពិពណ៌នា (អង់គ្លេស)", "仕事内容（英語）",
       max_length=MAX_CELL),
    _c("description_km", "Description (Khmer)", "ការពិពណ៌នា (ខ្មែរ)", "仕事内容（クメール語）",
       max_length=MAX_CELL),
    _c("description_ja", "Description (Japanese)", "ការពិពណ៌នា (ជប៉ុន)", "仕事内容（日本語）",
       max_length=MAX_CELL),
)  # fmt: skip
CANDIDATE_COLUMNS = (
    _c("full_name", "Full name", "ឈ្មោះពេញ", "氏名", required=True, aliases=("name",)),
    _c("name_khmer", "Name in Khmer", "ឈ្មោះជាអក្សរខ្មែរ", "クメール語の氏名"),
    _c("email", "Email", "អ៊ីមែល", "メールアドレス", kind="email", aliases=("e-mail",)),
    _c("phone", "Phone", "លេខទូរស័ព្ទ", "電話番号", kind="phone", aliases=("telephone",)),
    _c("language", "Language", "ភាសា", "使用言語", kind="locale"),
    _c("province", "Province", "ខេត្ត", "州", kind="province"),
    _c("gender", "Gender", "ភេទ", "性別", kind="gender"),
    _c("birth_year", "Birth year", "ឆ្នាំកំណើត", "生まれ年", kind="year"),
    _c("education_level", "Education", "កម្រិតវប្បធម៌", "学歴", kind="education"),
    _c("education_field", "Field of study", "ជំនាញសិក្សា", "専攻"),
    _c("headline", "Wanted job", "ការងារចង់បាន", "希望職種"),
    _c("skills", "Skills", "ជំនាញ", "スキル", kind="skills"),
    _c("japanese", "Japanese level", "កម្រិតភាសាជប៉ុន", "日本語レベル", kind="japanese"),
)
COLUMNS = {"exhibitors": EXHIBITOR_COLUMNS, "roles": ROLE_COLUMNS, "candidates": CANDIDATE_COLUMNS}
KIND_LABELS = {
    "exhibitors": _l("Exhibitors, booths and recruiter contacts"),
    "roles": _l("Roles"),
    "candidates": _l("Pre-registered candidates"),
}


def fold(text: str) -> str:
    """Header and choice text compared without case, width, spaces or punctuation."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return re.sub(r"[\s_\-*:：.()（）\u200b]+", "", text)


def match_header(kind: str, header: list[str]) -> tuple[dict[int, str], list[str]]:
    """Which column each position holds, and the headers that match no column."""
    known = {}
    for column in COLUMNS[kind]:
        for text in (*column.headers.values(), column.name, *column.aliases):
            known[fold(text)] = column.name
    positions, unknown, taken = {}, [], set()
    for index, text in enumerate(header):
        name = known.get(fold(text))
        if name is None or name in taken:
            if text:
                unknown.append(text)
            continue
        positions[index] = name
        taken.add(name)
    return positions, unknown


def missing_required(kind: str, positions: dict[int, str]) -> list[str]:
    present = set(positions.values())
    return [c.name for c in COLUMNS[kind] if c.required and c.name not in present]


def header_text(kind: str, name: str, locale: str) -> str:
    column = next(c for c in COLUMNS[kind] if c.name == name)
    return column.headers.get(locale) or column.headers["en"]


def _label_map(codes, label_dict: dict) -> dict[str, str]:
    """Codes and their labels in every language, folded, to the code."""
    mapping = {fold(code): code for code in codes}
    for locale in ("en", "km", "ja"):
        with force_locale(locale):
            mapping.update({fold(str(label)): code for code, label in label_dict.items()})
    return mapping


LOCALE_LABELS = {
    "en": labels.LANGUAGE_LABELS["English"],
    "km": labels.LANGUAGE_LABELS["Khmer"],
    "ja": labels.LANGUAGE_LABELS["Japanese"],
}
_SKILL_SPLIT = re.compile(r"[,;、，；\n]+")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _locations() -> dict[str, str]:
    """A role's places as the form offers them, and a prefecture alone for "Japan - …"."""
    found = {fold(place): place for place in labels.LOCATIONS}
    found.update({fold(p): f"Japan - {p}" for p in labels.JAPAN_PREFECTURES})
    return found


def _japanese_levels() -> dict[str, str]:
    """Japanese levels as the profile form offers them: JLPT N5–N1 (with or without
    "JLPT"), JFT-Basic A2 (or just "JFT-Basic"), native."""
    found = {fold(level): level for level in levels.JAPANESE_SCALE}
    found.update({fold(f"JLPT {level}"): level for level in levels.JAPANESE_LEVELS})
    found.update({fold("JFT-Basic"): levels.JFT_BASIC, fold("JFT"): levels.JFT_BASIC})
    return found


# The columns whose cells must be one of a list: kind -> (codes, their labels). A cell may
# hold a code or its label in any of the three languages; the templates list them.
CHOICES = {
    "sector": (SECTORS, labels.SECTOR_LABELS),
    "program": (PROGRAMS, labels.PROGRAM_LABELS),
    "ssw_field": (role_fields.SSW_FIELD_OPTIONS, labels.SSW_FIELD_LABELS),
    "education": (EDUCATION_LEVELS, labels.EDUCATION_LABELS),
    "gender": (("female", "male", "other"), labels.GENDER_LABELS),
    "currency": (CURRENCIES, labels.CURRENCY_LABELS),
    "country": (("KH", "JP", "ZZ"), labels.COUNTRY_LABELS),
    "province": (labels.PROVINCES, {}),
    "location": (labels.LOCATIONS, {}),
    "locale": (("en", "km", "ja"), LOCALE_LABELS),
}
JAPANESE_CHOICES = levels.JAPANESE_SCALE  # what the "japanese" cells accept


def number_range(kind: str) -> tuple[int, int]:
    """The lowest and highest whole number a "count", "money" or "year" cell may hold."""
    headcount = role_fields.FIELDS["headcount"]
    return {
        "count": (headcount.low, headcount.high),
        "money": (0, role_fields.MAX_SALARY),
        "year": (1900, date.today().year),
    }[kind]


class Cleaner:
    """Turns cells into values; built once per import (the label maps are not free)."""

    def __init__(self):
        self.maps = {kind: _label_map(codes, names) for kind, (codes, names) in CHOICES.items()}
        self.maps["location"].update(_locations())
        self.maps["japanese"] = _japanese_levels()
        self.maps["locale"].update({fold("ខ្មែរ"): "km", fold("日本語"): "ja"})

    def clean(self, column: Column, text: str):
        if text.startswith("=") and len(text) > 1:
            raise RowError(_l("contains a formula; paste the values instead"))
        if len(text) > column.max_length:
            raise RowError(_l("is longer than %(num)d characters", num=column.max_length))
        if not text:
            return None
        kind = column.kind
        if kind in self.maps:
            value = self.maps[kind].get(fold(text))
            if value is None and kind == "country" and len(text) == 2 and text.isalpha():
                value = text.upper()
            if value is None and kind == "japanese":
                raise RowError(_l("write a JLPT level from N5 to N1, or JFT-Basic A2"))
            if value is None:
                raise RowError(_l("“%(value)s” is not one of the choices", value=text[:40]))
            return value
        if kind == "email":
            if not _EMAIL.match(text):
                raise RowError(_l("“%(value)s” is not an email address", value=text[:60]))
            return accounts.normalise_email(text)
        if kind == "phone":
            try:
                return accounts.normalise_phone(text)
            except accounts.AccountError:
                raise RowError(_l("“%(value)s” is not a phone number", value=text[:30])) from None
        if kind in ("count", "money", "year"):
            return self._number(kind, text)
        if kind == "skills":
            try:
                return rules.skills(column.name, [s for s in _SKILL_SPLIT.split(text) if s.strip()])
            except rules.InvalidValue as exc:
                raise RowError(str(exc)) from None
        if kind == "url" and not re.match(r"^https?://", text):
            raise RowError(_l("a website starts with https://"))
        return text

    @staticmethod
    def _number(kind: str, text: str) -> int:
        digits = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
        if digits.endswith(".0"):
            digits = digits[:-2]
        if not digits.isdigit():
            raise RowError(_l("“%(value)s” is not a whole number", value=text[:30]))
        value = int(digits)
        low, high = number_range(kind)
        if not low <= value <= high:
            raise RowError(_l("must be between %(low)d and %(high)d", low=low, high=high))
        return value


def clean_row(cleaner: Cleaner, kind: str, cells: dict[str, str]) -> tuple[dict, list[str]]:
    """Values by column name, and the reasons (column: why) the row cannot be used."""
    values, reasons = {}, []
    for column in COLUMNS[kind]:
        text = cells.get(column.name, "")
        try:
            values[column.name] = cleaner.clean(column, text)
        except RowError as exc:
            values[column.name] = None  # refused: the row is in error, its value unknown
            reasons.append(f"{header_text(kind, column.name, _current())}: {exc}")
            continue
        if column.required and values[column.name] is None:
            reasons.append(
                str(_l("%(column)s is empty", column=header_text(kind, column.name, _current())))
            )
    return values, reasons


def _current() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "en")


CHANGE_LABELS = {
    "exhibitor": _l("becomes an exhibitor at this event"),
    "contact": _l("new recruiter contact, who gets an invitation"),
    "registration": _l("registered for this event"),
}


def describe_change(kind: str, code: str) -> str:
    """A change the preview lists, in the organizer's words: a column's header or a phrase."""
    if code in CHANGE_LABELS:
        return str(CHANGE_LABELS[code])
    name = "japanese" if code == "languages" else code
    if any(c.name == name for c in COLUMNS[kind]):
        return header_text(kind, name, _current())
    return code


def shown_value(column: Column, value) -> str:
    """A cleaned value as the organizer reads it: choices by their label, places and
    levels in their language, lists joined as written (never a Python list)."""
    if value is None or value == "" or value == []:
        return ""
    if column.kind in ("province", "location"):
        return labels.place_label(value)
    if column.kind == "japanese":
        return labels.level_label(value)
    if column.kind in CHOICES:
        return str(CHOICES[column.kind][1].get(value, value))
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def preview_text(kind: str, values: dict) -> list[str]:
    """A row's values in column order, as the preview shows them (empty ones left out)."""
    shown = (shown_value(column, values.get(column.name)) for column in COLUMNS[kind])
    return [text for text in shown if text]
