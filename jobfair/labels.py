"""Translated labels for the codes stored in the database (sectors, programmes …)."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from matching import levels

SECTOR_LABELS = {
    "manufacturing": _l("Manufacturing"),
    "electronics": _l("Electronics"),
    "automotive": _l("Automotive parts"),
    "garments": _l("Garments and textiles"),
    "it": _l("IT and software"),
    "hospitality": _l("Hotels and restaurants"),
    "services": _l("Services"),
    "care": _l("Care work"),
    "construction": _l("Construction"),
    "agriculture": _l("Agriculture and food"),
    "logistics": _l("Logistics and transport"),
    "other": _l("Other"),
}

PROGRAM_LABELS = {
    "technical_intern": _l("Technical Intern Training (Japan)"),
    "ssw": _l("Specified Skilled Worker (Japan)"),
    "engineer": _l("Engineer / specialist visa (Japan)"),
    "local": _l("Job in Cambodia"),
}

EDUCATION_LABELS = {
    "none": _l("No formal schooling"),
    "primary": _l("Primary school"),
    "lower_secondary": _l("Lower secondary (grade 9)"),
    "upper_secondary": _l("Upper secondary (grade 12)"),
    "tvet_certificate": _l("TVET certificate"),
    "tvet_diploma": _l("TVET diploma / associate degree"),
    "bachelor": _l("Bachelor's degree"),
    "master": _l("Master's degree"),
    "doctorate": _l("Doctorate"),
}

GENDER_LABELS = {"female": _l("Female"), "male": _l("Male"), "other": _l("Other")}

STATUS_LABELS = {
    "new": _l("New"),
    "shortlisted": _l("Shortlisted"),
    "invited": _l("Invited"),
    "interviewed": _l("Interviewed"),
    "offered": _l("Offered"),
    "hired": _l("Hired"),
    "rejected": _l("Not selected"),
    "withdrawn": _l("Role withdrawn"),
}

# The 25 provinces of Cambodia, in the spelling the National Institute of Statistics uses.
PROVINCES = (
    "Banteay Meanchey", "Battambang", "Kampong Cham", "Kampong Chhnang", "Kampong Speu",
    "Kampong Thom", "Kampot", "Kandal", "Kep", "Koh Kong", "Kratie", "Mondulkiri",
    "Oddar Meanchey", "Pailin", "Phnom Penh", "Preah Sihanouk", "Preah Vihear", "Prey Veng",
    "Pursat", "Ratanakiri", "Siem Reap", "Stung Treng", "Svay Rieng", "Takeo", "Tboung Khmum",
)  # fmt: skip


COUNTRY_LABELS = {"KH": _l("Cambodia"), "JP": _l("Japan"), "ZZ": _l("Other")}


def choices(labels: dict) -> list[SelectChoice]:
    """Form choices from a code → label mapping, in its order."""
    return [SelectChoice(code, label) for code, label in labels.items()]


# --- employers: role form choices ---------------------------------------------------

# The 47 prefectures of Japan; roles store "Japan - <prefecture>" so "Japan" wishes match.
JAPAN_PREFECTURES = (
    "Hokkaido", "Aomori", "Iwate", "Miyagi", "Akita", "Yamagata", "Fukushima", "Ibaraki",
    "Tochigi", "Gunma", "Saitama", "Chiba", "Tokyo", "Kanagawa", "Niigata", "Toyama",
    "Ishikawa", "Fukui", "Yamanashi", "Nagano", "Gifu", "Shizuoka", "Aichi", "Mie", "Shiga",
    "Kyoto", "Osaka", "Hyogo", "Nara", "Wakayama", "Tottori", "Shimane", "Okayama",
    "Hiroshima", "Yamaguchi", "Tokushima", "Kagawa", "Ehime", "Kochi", "Fukuoka", "Saga",
    "Nagasaki", "Kumamoto", "Oita", "Miyazaki", "Kagoshima", "Okinawa",
)  # fmt: skip

LANGUAGE_LABELS = {
    "Japanese": _l("Japanese"),
    "English": _l("English"),
    "Khmer": _l("Khmer"),
    "Chinese": _l("Chinese"),
    "Korean": _l("Korean"),
    "Thai": _l("Thai"),
    "Vietnamese": _l("Vietnamese"),
}

# The scales are matching.levels' (JLPT and JFT-Basic for Japanese, CEFR for the other
# languages, and native speakers); here only how each level reads.
JLPT_LEVELS = tuple(levels.JAPANESE_LEVELS)
CEFR_LEVELS = tuple(levels.CEFR_LEVELS)
LANGUAGE_LEVEL_LABELS = {
    **{level: _l("JLPT %(level)s", level=level) for level in JLPT_LEVELS},
    levels.JFT_BASIC: levels.JFT_BASIC,
    **{level: _l("CEFR %(level)s", level=level) for level in CEFR_LEVELS},
    levels.NATIVE: _l("Native speaker"),
}

CURRENCY_LABELS = {"USD": _l("US dollars (USD)"), "KHR": _l("Riel (KHR)"), "JPY": _l("Yen (JPY)")}


# Where a role may be: a province of Cambodia, or "Japan - <prefecture>".
LOCATIONS = (*PROVINCES, *(f"Japan - {p}" for p in JAPAN_PREFECTURES))


def location_choices() -> list[SelectChoice]:
    """Cambodian provinces and Japanese prefectures, grouped by country."""
    cambodia, japan = str(_l("Cambodia")), str(_l("Japan"))
    return [SelectChoice(p, p, optgroup=cambodia) for p in PROVINCES] + [
        SelectChoice(f"Japan - {p}", p, optgroup=japan) for p in JAPAN_PREFECTURES
    ]


ROLE_STATUS_LABELS = {"draft": _l("Draft"), "open": _l("Open"), "closed": _l("Closed")}
EXHIBITOR_STATUS_LABELS = {
    "approved": _l("Approved"),
    "pending": _l("Waiting"),
    "invited": _l("Invited"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn (left the fair)"),
}
LANGUAGE_FIT_LABELS = {"met": _l("meets"), "nearly": _l("nearly"), "not_met": _l("below")}
# How a rank reads (matching.bands decides the band from the explanation).
SECTION_LABELS = {
    "qualified": _l("Meet every must-have"),
    "almost": _l("Almost: one level short"),
    "everyone": _l("Everyone"),
}
SECTION_HINTS = {
    "qualified": _l("Candidates who meet every must-have requirement of this role."),
    "almost": _l(
        "Candidates who miss a must-have by one level (for example N5 where N4 is a must). "
        "They are shown apart, not hidden."
    ),
    "everyone": _l("Every candidate who registered and agreed to be seen, best fit first."),
}
BAND_LABELS = {"strong": _l("Strong fit"), "good": _l("Good fit"), "partial": _l("Partial fit")}


def language_label(record: dict) -> str:
    """ "Japanese JLPT N4" in the reader's language, from a language record."""
    name = LANGUAGE_LABELS.get(record.get("language", ""), record.get("language", ""))
    level = record.get("level", "")
    if record.get("test") == "JFT-Basic":
        return _l("%(language)s JFT-Basic %(level)s", language=name, level=level)
    return _l(
        "%(language)s %(level)s", language=name, level=LANGUAGE_LEVEL_LABELS.get(level, level)
    )


# --- downloads: statistics, exports and previews -----------------------------------

YES_NO_LABELS = {True: _l("yes"), False: _l("no")}
AGE_GROUP_LABELS = {
    "under 18": _l("Under 18"),
    "18-24": _l("18 to 24"),
    "25-29": _l("25 to 29"),
    "30-34": _l("30 to 34"),
    "35-44": _l("35 to 44"),
    "45+": _l("45 and over"),
    "unknown": _l("Not given"),
}
REGISTRATION_SOURCE_LABELS = {"online": _l("Online"), "walk_in": _l("Walk-in")}
STATISTICS_TOTAL_LABELS = {
    "registrations": _l("Registrations"),
    "erased_registrations": _l("Registrations of people who erased their data"),
    "checked_in": _l("Checked in"),
    "erased_checkins": _l("Check-ins of people who erased their data"),
    "walk_ins": _l("Walk-ins"),
    "consenting": _l("Agreed to be seen by employers"),
    "exhibitors": _l("Exhibitors (approved)"),
    "roles": _l("Roles"),
    "applications": _l("Applications"),
    "exhibitors_not_approved": _l("Exhibitors not counted"),
}


def level_label(level: str | None) -> str:
    """A language level as the statistics show it: "JLPT N4", "Native speaker", "None"."""
    if not level or level == "none":
        return str(_l("None"))
    return str(LANGUAGE_LEVEL_LABELS.get(level, level))


def code_list(codes, labels: dict) -> list[str]:
    """Stored codes (sectors, programmes …) as their labels, each once, in label order."""
    return sorted({str(labels.get(code, code)) for code in codes or []})
