"""Translated labels for the codes stored in the database (sectors, programmes …)."""

from babel.lists import format_list
from flask_babel import get_locale
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

# The Specified Skilled Worker fields (models/japan.py SSW_FIELDS), as the rirekisho and the
# candidate's tests name them.
SSW_FIELD_LABELS = {
    "nursing_care": _l("Nursing care"),
    "building_cleaning": _l("Building cleaning"),
    "industrial_manufacturing": _l("Industrial products manufacturing"),
    "construction": _l("Construction"),
    "shipbuilding": _l("Shipbuilding and ship machinery"),
    "automobile_repair": _l("Automobile repair and maintenance"),
    "aviation": _l("Aviation"),
    "accommodation": _l("Accommodation"),
    "automobile_transport": _l("Automobile transportation"),
    "railway": _l("Railway"),
    "agriculture": _l("Agriculture"),
    "fishery": _l("Fishery and aquaculture"),
    "food_manufacturing": _l("Food and beverage manufacturing"),
    "food_service": _l("Food service"),
    "forestry": _l("Forestry"),
    "wood_industry": _l("Wood industry"),
}
PASSED_TEST_LABELS = {
    "ssw_skill": _l("Specified Skilled Worker skill test"),
    "titp_stage_2": _l("Technical Intern Training (ii) completed"),
}

# The departure checklist's steps (models.japan.DEPARTURE_STEPS), as the hire's people say them.
DEPARTURE_STEP_LABELS = {
    "passport": _l("Passport"),
    "ocwc": _l("Overseas Cambodian Worker Card (OCWC)"),
    "contract": _l("Employment contract signed"),
    "coe": _l("Certificate of eligibility (在留資格認定証明書)"),
    "visa": _l("Visa"),
    "training": _l("Pre-departure training"),
    "departure": _l("Departure date"),
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
OFFER_STATUS_LABELS = {
    "pending": _l("Waiting for the answer"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "withdrawn": _l("Withdrawn"),
}

# The 25 provinces of Cambodia, in the spelling the National Institute of Statistics uses
# (the stored value), each read in the reader's language.
PROVINCE_LABELS = {
    "Banteay Meanchey": _l("Banteay Meanchey"), "Battambang": _l("Battambang"),
    "Kampong Cham": _l("Kampong Cham"), "Kampong Chhnang": _l("Kampong Chhnang"),
    "Kampong Speu": _l("Kampong Speu"), "Kampong Thom": _l("Kampong Thom"),
    "Kampot": _l("Kampot"), "Kandal": _l("Kandal"),
    "Kep": _l("Kep"), "Koh Kong": _l("Koh Kong"),
    "Kratie": _l("Kratie"), "Mondulkiri": _l("Mondulkiri"),
    "Oddar Meanchey": _l("Oddar Meanchey"), "Pailin": _l("Pailin"),
    "Phnom Penh": _l("Phnom Penh"), "Preah Sihanouk": _l("Preah Sihanouk"),
    "Preah Vihear": _l("Preah Vihear"), "Prey Veng": _l("Prey Veng"),
    "Pursat": _l("Pursat"), "Ratanakiri": _l("Ratanakiri"),
    "Siem Reap": _l("Siem Reap"), "Stung Treng": _l("Stung Treng"),
    "Svay Rieng": _l("Svay Rieng"), "Takeo": _l("Takeo"),
    "Tboung Khmum": _l("Tboung Khmum"),
}  # fmt: skip
PROVINCES = tuple(PROVINCE_LABELS)


COUNTRY_LABELS = {"KH": _l("Cambodia"), "JP": _l("Japan"), "ZZ": _l("Other")}


def choices(labels: dict) -> list[SelectChoice]:
    """Form choices from a code → label mapping, in its order."""
    return [SelectChoice(code, label) for code, label in labels.items()]


# --- employers: role form choices ---------------------------------------------------

# The 47 prefectures of Japan; roles store "Japan - <prefecture>" so "Japan" wishes match.
PREFECTURE_LABELS = {
    "Hokkaido": _l("Hokkaido"), "Aomori": _l("Aomori"),
    "Iwate": _l("Iwate"), "Miyagi": _l("Miyagi"),
    "Akita": _l("Akita"), "Yamagata": _l("Yamagata"),
    "Fukushima": _l("Fukushima"), "Ibaraki": _l("Ibaraki"),
    "Tochigi": _l("Tochigi"), "Gunma": _l("Gunma"),
    "Saitama": _l("Saitama"), "Chiba": _l("Chiba"),
    "Tokyo": _l("Tokyo"), "Kanagawa": _l("Kanagawa"),
    "Niigata": _l("Niigata"), "Toyama": _l("Toyama"),
    "Ishikawa": _l("Ishikawa"), "Fukui": _l("Fukui"),
    "Yamanashi": _l("Yamanashi"), "Nagano": _l("Nagano"),
    "Gifu": _l("Gifu"), "Shizuoka": _l("Shizuoka"),
    "Aichi": _l("Aichi"), "Mie": _l("Mie"),
    "Shiga": _l("Shiga"), "Kyoto": _l("Kyoto"),
    "Osaka": _l("Osaka"), "Hyogo": _l("Hyogo"),
    "Nara": _l("Nara"), "Wakayama": _l("Wakayama"),
    "Tottori": _l("Tottori"), "Shimane": _l("Shimane"),
    "Okayama": _l("Okayama"), "Hiroshima": _l("Hiroshima"),
    "Yamaguchi": _l("Yamaguchi"), "Tokushima": _l("Tokushima"),
    "Kagawa": _l("Kagawa"), "Ehime": _l("Ehime"),
    "Kochi": _l("Kochi"), "Fukuoka": _l("Fukuoka"),
    "Saga": _l("Saga"), "Nagasaki": _l("Nagasaki"),
    "Kumamoto": _l("Kumamoto"), "Oita": _l("Oita"),
    "Miyazaki": _l("Miyazaki"), "Kagoshima": _l("Kagoshima"),
    "Okinawa": _l("Okinawa"),
}  # fmt: skip
JAPAN_PREFECTURES = tuple(PREFECTURE_LABELS)

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

# Statistics' age groups ("18-24" reads the same everywhere).
AGE_GROUP_LABELS = {"under 18": _l("under 18")}


# A level that is a word, not a code ("N4", "B1" and "A2" read the same in every language).
LEVEL_WORD_LABELS = {levels.NATIVE: LANGUAGE_LEVEL_LABELS[levels.NATIVE]}


def level_label(level: str | None) -> str:
    """One level of a language scale as the reader says it: "native", or the code ("N4")."""
    return str(LEVEL_WORD_LABELS.get(level, level)) if level else ""


CURRENCY_LABELS = {"USD": _l("US dollars (USD)"), "KHR": _l("Riel (KHR)"), "JPY": _l("Yen (JPY)")}


# Where a role may be: a province of Cambodia, or "Japan - <prefecture>".
LOCATIONS = (*PROVINCES, *(f"Japan - {p}" for p in JAPAN_PREFECTURES))


JAPAN_PREFIX = "Japan - "


def place_label(value: str | None) -> str:
    """Any stored place in the reader's language: a province, "Japan", "Japan - Osaka".

    A place the platform does not know (an old import's free text) shows as stored.
    """
    value = (value or "").strip()
    if value == "Japan":
        return str(COUNTRY_LABELS["JP"])
    if value.startswith(JAPAN_PREFIX):
        prefecture = value.removeprefix(JAPAN_PREFIX).strip()
        if prefecture in PREFECTURE_LABELS:
            return str(_l("Japan - %(prefecture)s", prefecture=PREFECTURE_LABELS[prefecture]))
    return str(PROVINCE_LABELS.get(value) or PREFECTURE_LABELS.get(value) or value)


def location_choices() -> list[SelectChoice]:
    """Cambodian provinces and Japanese prefectures, grouped by country."""
    cambodia, japan = str(_l("Cambodia")), str(_l("Japan"))
    return [
        SelectChoice(p, str(label), optgroup=cambodia) for p, label in PROVINCE_LABELS.items()
    ] + [
        SelectChoice(f"{JAPAN_PREFIX}{p}", str(label), optgroup=japan)
        for p, label in PREFECTURE_LABELS.items()
    ]


# The kind of account a user has (User.role).
ACCOUNT_KIND_LABELS = {
    "candidate": _l("Candidate"),
    "employer": _l("Recruiter"),
    "organizer": _l("Organizer"),
    "door": _l("Door staff"),
    "booth": _l("Booth staff"),
    "sending": _l("Sending organisation"),
}
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
# The parts of a match (matching.index.BLOCKS), as an explanation names them.
PART_LABELS = {
    "title": _l("job title"),
    "occupation": _l("occupation"),
    "group": _l("occupation group"),
    "skills": _l("skills"),
    "text": _l("experience and description"),
}


def part_labels(parts) -> str:
    """ "job title and skills", 職種名、スキル: the parts of a match as the reader's
    language lists them (CLDR list patterns)."""
    names = [str(PART_LABELS.get(part, part)) for part in parts or ()]
    return format_list(names, locale=str(get_locale() or "en")) if names else ""


def language_label(record: dict) -> str:
    """ "Japanese JLPT N4" in the reader's language, from a language record."""
    name = LANGUAGE_LABELS.get(record.get("language", ""), record.get("language", ""))
    level = record.get("level", "")
    if record.get("test") == "JFT-Basic":
        return _l("%(language)s JFT-Basic %(level)s", language=name, level=level)
    return _l(
        "%(language)s %(level)s", language=name, level=LANGUAGE_LEVEL_LABELS.get(level, level)
    )


def requirement_label(record: dict) -> str:
    """A role's language requirement, "Japanese JLPT N4 (required)", in the reader's language."""
    text = language_label(record)
    return str(_l("%(language)s (required)", language=text)) if record.get("must") else str(text)


# postings
POSTING_LANGUAGE_LABELS = {"en": _l("English"), "km": _l("Khmer"), "ja": _l("Japanese")}
# A whole phrase per language: Khmer and Japanese do not put the language where English does.
TRANSLATED_FROM = {
    "en": _l("Translated from English"),
    "km": _l("Translated from Khmer"),
    "ja": _l("Translated from Japanese"),
}
ORIGINAL_IN = {
    "en": _l("Original, in English"),
    "km": _l("Original, in Khmer"),
    "ja": _l("Original, in Japanese"),
}

# --- downloads: statistics, exports and previews -----------------------------------

YES_NO_LABELS = {True: _l("yes"), False: _l("no")}
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


def statistics_level(level: str | None) -> str:
    """A language level as the statistics show it: "N4", "Native speaker", "None"."""
    if not level or level == "none":
        return str(_l("None"))
    return level_label(level)


def code_list(codes, labels: dict) -> list[str]:
    """Stored codes (sectors, programmes …) as their labels, each once, in label order."""
    return sorted({str(labels.get(code, code)) for code in codes or []})
