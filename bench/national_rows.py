"""The rows of the national fair (bench/national.py), drawn from the demo catalogue.

Each function returns plain dicts ready for a bulk insert, with ids given, values in the form
the model's validators would store them (language records, role language requirements).
"""

import base64
import random
from datetime import UTC, datetime, timedelta
from functools import cache

from jobfair.demo import catalog
from jobfair.demo.seed import CONSENT_VERSION, experience_sentence, weighted, written_in_khmer
from jobfair.labels import JAPAN_PREFECTURES, PROVINCES
from jobfair.models.candidates import SHORT_CODE_ALPHABET
from matching.levels import language_record

ROLES_PER_EXHIBITOR = 20
LOCALES = {"km": 60, "en": 30, "ja": 10}
# Made-up companies beside the catalogue's 45: a place, a trade, a kind of company.
TRADES = {
    "automotive": ("Auto Parts", "Motor Components"),
    "electronics": ("Electronics", "Circuit Works"),
    "manufacturing": ("Precision Industries", "Plastics", "Metal Works"),
    "garments": ("Garment", "Apparel", "Textile"),
    "it": ("Software", "Digital", "Data Systems"),
    "hospitality": ("Hotels", "Restaurant Group", "Resorts"),
    "services": ("Facility Services", "Retail", "Security"),
    "care": ("Care Services", "Nursing Homes"),
    "construction": ("Construction", "Builders", "Engineering"),
    "agriculture": ("Agro", "Foods", "Farms"),
    "logistics": ("Logistics", "Express", "Transport"),
}
KINDS = {"JP": ("Co., Ltd.", "K.K.", "Kogyo"), "KH": ("Co., Ltd.", "Group", "Cambodia")}


def user(user_id: int, email: str, role: str, display_name: str, password_hash: str) -> dict:
    return {
        "id": user_id,
        "email": email,
        "phone": None,
        "password_hash": password_hash,
        "role": role,
        "display_name": display_name,
        "locale": None,
        "organization_id": None,
        "session_version": 1,
        "created_at": datetime.now(UTC) - timedelta(days=60),
    }


def companies(rng: random.Random, count: int) -> list[tuple]:
    """The catalogue's companies first (Japanese and Cambodian in turn, so a small fair
    has both), then made-up ones with distinct names."""
    japanese = [(n, "JP", s, d) for n, s, d in catalog.JAPANESE_COMPANIES]
    cambodian = [(n, "KH", s, d) for n, s, d in catalog.CAMBODIAN_COMPANIES]
    rows = [row for pair in zip(japanese, cambodian) for row in pair]
    rows += japanese[len(cambodian) :] + cambodian[len(japanese) :]
    names = {row[0] for row in rows}
    while len(rows) < count:
        country = "JP" if rng.random() < 0.4 else "KH"
        sector = rng.choice(list(TRADES))
        place = rng.choice(JAPAN_PREFECTURES if country == "JP" else PROVINCES)
        name = f"{place} {rng.choice(TRADES[sector])} {rng.choice(KINDS[country])}"
        if name in names:
            continue
        names.add(name)
        where = "in Japan" if country == "JP" else "in Cambodia"
        rows.append((name, country, sector, f"{sector.capitalize()} employer {where}."))
    return rows[:count]


def roles(rng: random.Random, ids: dict, event_id: int, companies: list[tuple]) -> list:
    """Twenty roles per company from its sector's templates, at its sites, some in Japanese."""
    now = datetime.now(UTC)
    in_japanese = {name for name, *_ in catalog.JAPANESE_COMPANIES[::2]}
    roles = []
    for index, (name, country, sector, _) in enumerate(companies):
        agency = name in catalog.SENDING_AGENCIES
        in_japan = country == "JP" or agency
        sites = catalog.COMPANY_SITES.get(name) or (
            rng.sample(JAPAN_PREFECTURES, 3) if in_japan else rng.sample(PROVINCES, 2)
        )
        for _ in range(ROLES_PER_EXHIBITOR):
            role_sector = rng.choice(list(catalog.ROLE_TEMPLATES)) if agency else sector
            template = rng.choice(catalog.ROLE_TEMPLATES[role_sector])
            title, description, required, preferred, japanese, education = template
            if in_japan:
                location = "Japan - " + rng.choice(sites)
                named = [p for key, p in catalog.PROGRAMS_IN_TITLES.items() if key in title]
                program = "engineer" if education == "bachelor" else None
                program = program or (
                    named[0] if named else rng.choice(("technical_intern", "ssw"))
                )
                currency, salary = "JPY", rng.randrange(170, 300) * 1000
            else:
                location = rng.choice(sites)
                program, currency = "local", "USD"
                salary = rng.randrange(200, 900 if education == "bachelor" else 420, 10)
            languages = (
                [] if in_japan else [{"language": "Khmer", "level": "native", "must": False}]
            )
            if japanese:
                must = japanese in ("N3", "N2") or rng.random() < 0.5
                languages.append({"language": "Japanese", "level": japanese, "must": must})
            if "English" in preferred or "English" in required:
                languages.append({"language": "English", "level": "B1", "must": False})
            required = [s for s in required if s != "English"]
            preferred = [s for s in preferred if s not in ("English", "Japanese")]
            if name in in_japanese and title in catalog.ROLE_TEMPLATES_JA:
                title, description, required, preferred = catalog.ROLE_TEMPLATES_JA[title]
            created = now - timedelta(days=rng.randint(1, 40), minutes=rng.randint(0, 1440))
            roles.append(
                {
                    "id": ids["roles"] + len(roles),
                    "company": index,
                    "event_id": event_id,
                    "organization_id": ids["organizations"] + index,
                    "title": title,
                    "description": description,
                    "sector": role_sector,
                    "location": location,
                    "program": program,
                    "headcount": rng.choice((1, 2, 3, 5, 10, 20, 50)),
                    "salary_min": salary,
                    "salary_max": int(salary * rng.choice((1, 1.2, 1.3, 1.5))),
                    "currency": currency,
                    "required_skills": list(required),
                    "preferred_skills": list(preferred),
                    "languages": languages,
                    "min_education": education,
                    "status": "open" if rng.random() < 0.97 else rng.choice(("draft", "closed")),
                    "blind_review": rng.random() < 0.1,
                    "created_at": created,
                    "updated_at": created,
                }
            )
    return roles


@cache
def _language(text: str) -> dict:
    return language_record(text)


def candidates(rng, khmer_rng, count: int, first_ids: tuple[int, int], domain: str):
    """Users and profiles drawn as the demo draws them (`seed._demo_candidates`)."""
    now = datetime.now(UTC)
    sectors = list(catalog.CANDIDATE_PROFILES)
    users, profiles = [], []
    for index in range(count):
        gender = rng.choice(("female", "male"))
        family, family_km = rng.choice(catalog.FAMILY_NAMES)
        given, given_km = rng.choice(catalog.GIVEN_NAMES[gender])
        sector = rng.choice(sectors)
        headline, skill_pool = catalog.CANDIDATE_PROFILES[sector]
        education = weighted(rng, catalog.EDUCATION_WEIGHTS)
        if sector == "it" and education in ("primary", "lower_secondary"):
            education = "bachelor"
        languages = [_language("Khmer native")]
        japanese = weighted(rng, catalog.JAPANESE_WEIGHTS)
        if japanese:
            languages.append(_language(f"Japanese {japanese}"))
        english = weighted(rng, catalog.ENGLISH_WEIGHTS)
        if english:
            languages.append(_language(f"English {english}"))
        wants_japan = japanese is not None or rng.random() < 0.2
        skills = rng.sample(skill_pool, rng.randint(2, min(4, len(skill_pool))))
        headline, headline_km = catalog.SKILL_HEADLINES.get(
            skills[0], (headline, catalog.CANDIDATE_PROFILES_KM[sector][0])
        )
        birth_year = rng.randint(1980, 2008)
        years = min(rng.choice((0, 0, 1, 1, 2, 3, 4, 6, 8)), max(0, 2026 - birth_year - 16))
        employer = rng.choice(catalog.PAST_EMPLOYERS[sector]) if years else None
        experience = experience_sentence(headline, years, employer)
        if khmer_rng.random() < 0.25:
            headline, skills, experience = written_in_khmer(
                khmer_rng, sector, headline_km, skills, years, employer
            )
        programs = ["technical_intern", "ssw"] + (
            ["engineer"] if education in ("bachelor", "master") else []
        )
        other_sectors = [s for s in sectors if s != sector]
        consent = rng.random() < 0.95
        joined = now - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 1440))
        user_id, profile_id = first_ids[0] + index, first_ids[1] + index
        users.append(
            {
                **user(user_id, f"candidate{index + 1:05d}@{domain}", "candidate", "", ""),
                "display_name": f"{given} {family}",
                "locale": weighted(rng, LOCALES),
                "created_at": joined,
            }
        )
        profiles.append(
            {
                "id": profile_id,
                "user_id": user_id,
                "full_name": f"{family} {given}",
                "name_khmer": f"{family_km} {given_km}",
                "gender": gender if rng.random() < 0.97 else None,
                "birth_year": birth_year,
                "province": weighted(rng, catalog.PROVINCE_WEIGHTS),
                "headline": headline,
                "education_level": education,
                "education_field": "Electrical"
                if education.startswith("tvet") and sector in ("electronics", "automotive")
                else "",
                "experience": experience,
                "past_jobs": [{"title": headline, "employer": employer, "years": years}]
                if years
                else [],
                "skills": skills,
                "languages": languages,
                "wanted_sectors": [sector]
                + ([rng.choice(other_sectors)] if rng.random() < 0.3 else []),
                "wanted_locations": (["Japan"] if wants_japan else [])
                + [rng.choice(("Phnom Penh", "Kandal", "Siem Reap", "Battambang"))],
                "programs": (rng.sample(programs, 2) if wants_japan else []) + ["local"],
                "cv_text": "",
                "consent_version": CONSENT_VERSION if consent else None,
                "consent_at": joined if consent else None,
                "share_contact": rng.random() < 0.7,
                "created_at": joined,
                "updated_at": joined,
            }
        )
    return users, profiles


def _token(rng: random.Random) -> str:
    return base64.urlsafe_b64encode(rng.randbytes(18)).decode()


def registrations(rng, event_id: int, first_id: int, profiles: list, organizer_id: int):
    """96 % register (online, a few walk in); on the fair's day about half came through a door."""
    now = datetime.now(UTC)
    rows, codes = [], set()
    for profile in profiles:
        if rng.random() >= 0.96:
            continue
        code = "".join(rng.choice(SHORT_CODE_ALPHABET) for _ in range(8))
        if code in codes:
            continue
        codes.add(code)
        walk_in = rng.random() < 0.05
        checked = walk_in or rng.random() < 0.45
        registered = profile["created_at"] + timedelta(minutes=rng.randint(1, 600))
        rows.append(
            {
                "id": first_id + len(rows),
                "event_id": event_id,
                "candidate_id": profile["id"],
                "ticket_token": _token(rng),
                "short_code": code,
                "source": "walk_in" if walk_in else "online",
                "registered_at": min(registered, now),
                "checked_in_at": now - timedelta(minutes=rng.randint(0, 480)) if checked else None,
                "checked_in_by_id": organizer_id if checked else None,
            }
        )
    return rows


def applications(rng, first_id: int, first_change: int, roles, profiles, registrations):
    """About one application for every two registered, consenting candidates, with history."""
    now = datetime.now(UTC)
    registered = {r["candidate_id"] for r in registrations}
    people = [p["id"] for p in profiles if p["consent_at"] and p["id"] in registered]
    open_roles = [r["id"] for r in roles if r["status"] == "open"]
    pairs = set()
    for _ in range(len(people) // 2):
        pairs.add((rng.choice(open_roles), rng.choice(people)))
    applications, changes = [], []
    statuses = {"new": 50, "shortlisted": 20, "invited": 12, "interviewed": 8, "rejected": 10}
    for role_id, candidate_id in sorted(pairs):
        status = weighted(rng, statuses)
        created = now - timedelta(days=rng.randint(0, 20), minutes=rng.randint(0, 1440))
        app_id = first_id + len(applications)
        applications.append(
            {
                "id": app_id,
                "role_id": role_id,
                "candidate_id": candidate_id,
                "status": status,
                "applied_by_candidate": status == "new" or rng.random() < 0.5,
                "created_at": created,
                "updated_at": created,
            }
        )
        path = ["new"] + ([] if status == "new" else [status])
        for before, after in zip([None, *path], path):
            changes.append(
                {
                    "id": first_change + len(changes),
                    "application_id": app_id,
                    "from_status": before,
                    "to_status": after,
                    "reason": "",
                    "created_at": created,
                }
            )
    return applications, changes
