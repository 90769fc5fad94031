"""Translated labels for the codes stored in the database (sectors, programmes …)."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

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
