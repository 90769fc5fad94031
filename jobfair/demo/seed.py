"""Build the deterministic demo job fair: `flask --app jobfair seed-demo`."""

import random
import secrets
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from ..extensions import db
from ..models import (
    Application,
    CandidateProfile,
    Event,
    Exhibitor,
    ExhibitorStatus,
    Organization,
    Registration,
    Role,
    RoleTranslation,
    StatusChange,
    User,
    UserRole,
)
from ..passwords import hash_password
from . import (
    catalog,
    cvs,
    floor,
    follow_ups,
    funnel,
    japan,
    offers,
    review,
    rirekisho,
    scorecards,
    staff,
    surveys,
)
from .booth import add_demo_leads

CONSENT_VERSION = "2026-01"
DEMO_DOMAIN = "demo.jobfair.example"


def database_is_empty() -> bool:
    return not any(
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (User, Organization, Event)
    )


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def seed_demo(*, password: str | None = None, candidates: int = 1000, seed: int = 2026) -> dict:
    """Fill the database with the demo fair and return the demo log-ins.

    Everything but the passwords is the same on every run with the same seed. The
    caller commits.
    """
    rng = random.Random(seed)
    password = password or secrets.token_urlsafe(9)
    demo_hash = hash_password(password)
    # Everyone else gets a password nobody knows: they exist to be ranked, not to log in.
    locked_hash = hash_password(secrets.token_urlsafe(32))

    today = date.today()
    event = Event(
        name="Cambodia–Japan Job Fair",
        venue="Cambodia-Japan Cooperation Center (CJCC), Royal University of Phnom Penh",
        city="Phnom Penh",
        description="Japanese and Cambodian employers meet candidates for jobs in Cambodia and in Japan.",
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=31),
        opens_at=time(8, 30),
        closes_at=time(16, 30),
        registration_open=True,
        published=True,
    )
    db.session.add(event)

    organizer = User(
        role=UserRole.ORGANIZER,
        display_name="Demo Organizer",
        email=f"organizer@{DEMO_DOMAIN}",
        password_hash=demo_hash,
    )
    db.session.add(organizer)

    organizations = []
    for country, rows in (("JP", catalog.JAPANESE_COMPANIES), ("KH", catalog.CAMBODIAN_COMPANIES)):
        for name, sector, description in rows:
            organizations.append(
                Organization(name=name, country=country, sector=sector, description=description)
            )
    db.session.add_all(organizations)

    recruiters = []
    for index, organization in enumerate(organizations, start=1):
        booth = f"{'AB'[index % 2]}{index:02d}"
        db.session.add(
            Exhibitor(
                event=event,
                organization=organization,
                status=ExhibitorStatus.APPROVED,
                booth_code=booth,
            )
        )
        recruiters.append(
            User(
                role=UserRole.EMPLOYER,
                organization=organization,
                display_name=f"Recruiter {index:02d}",
                email=f"recruiter{index:02d}@{DEMO_DOMAIN}",
                password_hash=demo_hash if index == 1 else locked_hash,
            )
        )
    db.session.add_all(recruiters)
    db.session.flush()

    # Roles draw from their own generator: changing them does not reshuffle the candidates.
    roles = _demo_roles(random.Random(f"{seed}-roles"), event, organizations, recruiters)
    db.session.add_all(roles)
    profiles = _demo_candidates(
        rng, random.Random(f"{seed}-khmer"), candidates, demo_hash, locked_hash
    )
    db.session.flush()

    for profile in profiles:
        if rng.random() < 0.96:
            db.session.add(Registration(event=event, candidate=profile, source="online"))
    db.session.flush()
    _demo_applications(rng, roles, profiles)
    cvs.attach_demo_cvs(profiles)
    add_demo_leads(event, seed)
    day_staff = staff.add_demo_staff(event, organizations[0], organizer, demo_hash, seed=seed)
    scorecards.add_demo_scorecards(recruiters[0], demo_hash, seed)
    offers.seed_demo_offers(seed, roles, profiles)
    floor.lay_out_hall(event)
    review.add_saved_views(organizations, recruiters, seed)
    sending = japan.seed_demo_japan(event, roles, profiles, organizer, demo_hash, seed)
    surveys.add_demo_surveys(event, organizer, seed)
    follow_ups.send_demo_follow_ups(event, organizer, profiles[0].user.email, seed)
    funnel.add_demo_funnel(event, organizations, profiles, seed)
    rirekisho.add_demo_rirekisho(seed)
    return {
        "password": password,
        "organizer": organizer.email,
        "recruiter": recruiters[0].email,
        "recruiter_company": organizations[0].name,
        "candidate": profiles[0].user.email,
        "event_id": event.id,
        **day_staff,
        **sending,
    }


def _demo_roles(rng, event, organizations, recruiters):
    """Each company posts roles that fit it; every other Japanese company posts in Japanese."""
    templates = {
        template[0]: (sector, template)
        for sector, rows in catalog.ROLE_TEMPLATES.items()
        for template in rows
    }
    in_japanese = {name for name, _, _ in catalog.JAPANESE_COMPANIES[::2]}
    roles = []
    for organization, recruiter in zip(organizations, recruiters):
        fitting = [templates[title] for title in catalog.COMPANY_ROLES[organization.name]]
        agency = organization.name in catalog.SENDING_AGENCIES
        in_japan = organization.country == "JP" or agency
        default_sites = catalog.JAPAN_PREFECTURES if in_japan else ("Phnom Penh",)
        sites = catalog.COMPANY_SITES.get(organization.name, default_sites)
        count = 3 if organization.country == "JP" else rng.choice((2, 2, 3))
        for sector, template in rng.sample(fitting, min(count, len(fitting))):
            title, description, required, preferred, japanese, education = template
            if in_japan:
                location = "Japan - " + rng.choice(sites)
                named = [p for key, p in catalog.PROGRAMS_IN_TITLES.items() if key in title]
                if education == "bachelor":
                    program = "engineer"
                elif named:
                    program = named[0]
                else:
                    program = rng.choice(("technical_intern", "ssw"))
                currency, salary = "JPY", rng.randrange(180, 260) * 1000
            else:
                location = rng.choice(sites)
                program, currency = "local", "USD"
                salary = rng.randrange(220, 900 if education == "bachelor" else 400, 10)
            languages = (
                [{"language": "Khmer", "level": "native", "must": False}] if not in_japan else []
            )
            if japanese:
                languages.append(
                    {
                        "language": "Japanese",
                        "level": japanese,
                        "must": japanese in ("N3", "N2") or rng.random() < 0.5,
                    }
                )
            if "English" in preferred or "English" in required:
                languages.append({"language": "English", "level": "B1", "must": False})
            required = [s for s in required if s != "English"]
            preferred = [s for s in preferred if s not in ("English", "Japanese")]
            # The posting's other language, where the catalogue has both: the recruiter's own.
            english = (title, description)
            japanese_text = catalog.ROLE_TEMPLATES_JA.get(title, (None, None))[:2]
            original = "en"
            if organization.name in in_japanese:
                title, description, required, preferred = catalog.ROLE_TEMPLATES_JA[title]
                original = "ja"
            language, (other_title, other_text) = {
                "en": ("ja", japanese_text),
                "ja": ("en", english),
            }[original]
            translations = []
            if other_title:
                translations.append(
                    RoleTranslation(
                        language=language,
                        title=other_title,
                        description=other_text,
                        translated_by_id=recruiter.id,
                    )
                )
            roles.append(
                Role(
                    original_language=original,
                    translations=translations,
                    event=event,
                    organization=organization,
                    title=title,
                    description=description,
                    sector=sector if agency else organization.sector,
                    location=location,
                    program=program,
                    headcount=rng.choice((1, 2, 3, 5, 10, 20)),
                    salary_min=salary,
                    salary_max=int(salary * 1.3),
                    currency=currency,
                    required_skills=required,
                    preferred_skills=preferred,
                    languages=languages,
                    min_education=education,
                    created_by_id=recruiter.id,
                )
            )
    return roles


def _demo_candidates(rng, khmer_rng, count, demo_hash, locked_hash):
    """Candidates; about a quarter write headline, skills and experience in Khmer.

    Who writes in Khmer is drawn from `khmer_rng`, so every other field is the same either way.
    """
    sectors = list(catalog.CANDIDATE_PROFILES)
    profiles = []
    for index in range(count):
        gender = rng.choice(("female", "male"))
        family, family_km = rng.choice(catalog.FAMILY_NAMES)
        given, given_km = rng.choice(catalog.GIVEN_NAMES[gender])
        sector = rng.choice(sectors)
        headline, skill_pool = catalog.CANDIDATE_PROFILES[sector]
        education = weighted(rng, catalog.EDUCATION_WEIGHTS)
        if sector == "it" and education in ("primary", "lower_secondary"):
            education = "bachelor"
        languages = ["Khmer native"]
        japanese = weighted(rng, catalog.JAPANESE_WEIGHTS)
        if japanese:
            languages.append(f"Japanese {japanese}")
        english = weighted(rng, catalog.ENGLISH_WEIGHTS)
        if english:
            languages.append(f"English {english}")
        wants_japan = japanese is not None or rng.random() < 0.2
        years = rng.choice((0, 0, 1, 1, 2, 3, 4, 6))
        skills = rng.sample(skill_pool, rng.randint(2, min(4, len(skill_pool))))
        # The headline names the trade of the main skill (a welder, a cook) where it has one.
        headline, headline_km = catalog.SKILL_HEADLINES.get(
            skills[0], (headline, catalog.CANDIDATE_PROFILES_KM[sector][0])
        )
        birth_year = rng.randint(1988, 2007)
        province = weighted(rng, catalog.PROVINCE_WEIGHTS)
        years = min(years, max(0, 2026 - birth_year - 16))  # nobody worked before 16
        employer = rng.choice(catalog.PAST_EMPLOYERS[sector]) if years else None
        experience = experience_sentence(headline, years, employer)
        if khmer_rng.random() < 0.25:
            headline, skills, experience = written_in_khmer(
                khmer_rng, sector, headline_km, skills, years, employer
            )
        user = User(
            role=UserRole.CANDIDATE,
            display_name=f"{given} {family}",
            email=f"candidate{index + 1:04d}@{DEMO_DOMAIN}",
            password_hash=demo_hash if index == 0 else locked_hash,
        )
        other_sectors = [s for s in sectors if s != sector]
        programs = ["technical_intern", "ssw"] + (
            ["engineer"] if education in ("bachelor", "master") else []
        )
        profile = CandidateProfile(
            user=user,
            full_name=f"{family} {given}",
            name_khmer=f"{family_km} {given_km}",
            gender=gender,
            birth_year=birth_year,
            province=province,
            headline=headline,
            education_level=education,
            education_field="Electrical"
            if education.startswith("tvet") and sector in ("electronics", "automotive")
            else "",
            experience=experience,
            past_jobs=[{"title": headline, "employer": employer, "years": years}] if years else [],
            skills=skills,
            languages=languages,
            wanted_sectors=[sector] + ([rng.choice(other_sectors)] if rng.random() < 0.3 else []),
            wanted_locations=(["Japan"] if wants_japan else [])
            + [rng.choice(("Phnom Penh", "Kandal", "Siem Reap"))],
            programs=(rng.sample(programs, 2) if wants_japan else []) + ["local"],
            consent_version=CONSENT_VERSION if rng.random() < 0.95 else None,
            consent_at=datetime.now(UTC) - timedelta(days=rng.randint(1, 20)),
            share_contact=rng.random() < 0.7,
        )
        if profile.consent_version is None:
            profile.consent_at = None
        db.session.add(profile)
        profiles.append(profile)
    return profiles


def experience_sentence(headline: str, years: int, employer: str | None) -> str:
    if not years:
        return "Looking for my first job."
    if not headline[:2].isupper():  # "Welder" -> "welder", but "IT support" stays
        headline = headline[0].lower() + headline[1:]
    article = "" if headline.endswith("staff") else "an " if headline[0] in "aeiouAEIOU" else "a "
    end = "" if employer.endswith(".") else "."  # "… Co., Ltd." ends the sentence already
    return f"{years} year{'s' if years > 1 else ''} as {article}{headline} at {employer}{end}"


KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")


def written_in_khmer(rng, sector, headline, skills, years, employer):
    """Headline, skills and experience as a Khmer speaker writes them."""
    names = catalog.CANDIDATE_PROFILES_KM[sector][1]
    written = [names[skill] for skill in skills]
    translated = [i for i, skill in enumerate(skills) if names[skill] != skill]
    if translated and rng.random() < 0.3:  # some keep a skill in English, as people do
        i = rng.choice(translated)
        written[i] = skills[i]
    experience = (
        catalog.EXPERIENCE_KM.format(
            headline=headline, years=str(years).translate(KHMER_DIGITS), employer=employer
        )
        if years
        else catalog.FIRST_JOB_KM
    )
    return headline, written, experience


def _demo_applications(rng, roles, profiles):
    consenting = [p for p in profiles if p.has_consent and p.registrations]
    for role in rng.sample(roles, 30):
        for profile in rng.sample(consenting, 6):
            status = rng.choice(("new", "new", "shortlisted", "invited"))
            application = Application(
                role=role, candidate=profile, status=status, applied_by_candidate=status == "new"
            )
            db.session.add(application)
            db.session.add(StatusChange(application=application, to_status="new"))
            if status != "new":
                db.session.add(
                    StatusChange(application=application, from_status="new", to_status=status)
                )
