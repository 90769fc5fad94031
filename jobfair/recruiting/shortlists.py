"""The ranked shortlist, its filters and blind review."""

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import defer

from ..extensions import db
from ..models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    Event,
    Registration,
    Role,
)
from ..models.candidates import EDUCATION_LEVELS

# Once invited, a candidate is met in person: blind review ends there.
REVEALED_STATUSES = frozenset(
    {
        ApplicationStatus.INVITED,
        ApplicationStatus.INTERVIEWED,
        ApplicationStatus.OFFERED,
        ApplicationStatus.HIRED,
    }
)


try:  # The lead's module; until it lands, the stand-in below keeps the pages working.
    from ..ranking import shortlist as ranked_shortlist
except ImportError:
    ranked_shortlist = None


@dataclass
class Ranked:
    """One candidate in a role's shortlist, as `jobfair.ranking.shortlist` returns them."""

    profile: CandidateProfile
    registration: Registration
    score: float
    rank: int = 0
    explanation: dict = field(default_factory=dict)


JLPT = {"N5": 1, "N4": 2, "N3": 3, "N2": 4, "N1": 5, "JFT-BASIC A2": 2}
CEFR = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}
NATIVE = 10


def level_rank(level: str) -> int:
    level = (level or "").strip().upper()
    if level in ("NATIVE", "FLUENT"):
        return NATIVE
    return JLPT.get(level) or CEFR.get(level) or 0


def candidate_languages(profile: CandidateProfile) -> dict[str, str]:
    """{"japanese": "N4", ...} from strings such as "Japanese N4"."""
    found = {}
    for entry in profile.languages or []:
        language, _sep, level = str(entry).strip().partition(" ")
        found[language.lower()] = level.strip()
    return found


def _stand_in_explain(role: Role, profile: CandidateProfile) -> tuple[float, dict]:
    """A transparent score until the matcher lands: skills, languages, education, wishes."""
    skills = {s.lower() for s in profile.skills or []}
    required = list(role.required_skills or [])
    preferred = list(role.preferred_skills or [])
    matched = [s for s in required if s.lower() in skills]
    matched_preferred = [s for s in preferred if s.lower() in skills]
    spoken = candidate_languages(profile)
    languages, language_points, must_missed = [], 0.0, False
    for req in role.languages or []:
        have = spoken.get(str(req.get("language", "")).lower(), "")
        need, got = level_rank(req.get("level", "")), level_rank(have)
        status = (
            "met" if got >= need and got else "nearly" if got and got == need - 1 else "not_met"
        )
        language_points += {"met": 1.0, "nearly": 0.5, "not_met": 0.0}[status]
        must_missed |= bool(req.get("must")) and status == "not_met"
        languages.append(
            {
                "language": req.get("language"),
                "required": req.get("level"),
                "candidate": have or None,
                "status": status,
                "must": bool(req.get("must")),
            }
        )
    education_ok = meets_education(profile, role)
    parts = {
        "required_skills": 0.45 * (len(matched) / len(required) if required else 1.0),
        "preferred_skills": 0.15 * (len(matched_preferred) / len(preferred) if preferred else 1.0),
        "languages": 0.25 * (language_points / len(languages) if languages else 1.0),
        "education": 0.1 if education_ok else 0.0,
        "wishes": 0.05 * (wants_location(profile, role) + wants_program(profile, role)) / 2,
    }
    score = sum(parts.values()) * (0.5 if must_missed else 1.0)
    return round(score, 4), {
        "matched_required_skills": matched,
        "missing_required_skills": [s for s in required if s.lower() not in skills],
        "matched_preferred_skills": matched_preferred,
        "languages": languages,
        "education": {"required": role.min_education, "candidate": profile.education_level,
                      "met": education_ok},
        "occupation": profile.headline,
        "contributions": {k: round(v, 4) for k, v in parts.items()},
    }  # fmt: skip


def _stand_in_shortlist(role: Role) -> list[Ranked]:
    rows = db.session.execute(
        sa.select(Registration, CandidateProfile)
        .join(CandidateProfile, Registration.candidate_id == CandidateProfile.id)
        .where(Registration.event_id == role.event_id, CandidateProfile.consent_at.is_not(None))
        # The long texts are not scored here; leaving them out keeps the load light.
        .options(defer(CandidateProfile.cv_text), defer(CandidateProfile.experience))
    ).all()
    ranked = []
    for registration, profile in rows:
        score, explanation = _stand_in_explain(role, profile)
        ranked.append(Ranked(profile, registration, score, explanation=explanation))
    ranked.sort(key=lambda r: (-r.score, r.profile.id))
    for position, entry in enumerate(ranked, start=1):
        entry.rank = position
    return ranked


def shortlist(role: Role) -> list:
    """Every consenting candidate registered for the role's event, best first."""
    if ranked_shortlist is not None:
        return ranked_shortlist(role)
    return _stand_in_shortlist(role)


def meets_education(profile: CandidateProfile, role: Role) -> bool:
    levels = list(EDUCATION_LEVELS)
    return levels.index(profile.education_level) >= levels.index(role.min_education or "none")


def wants_location(profile: CandidateProfile, role: Role) -> bool:
    wishes = {w.lower() for w in profile.wanted_locations or []}
    location = (role.location or "").lower()
    return location in wishes or (location.startswith("japan") and "japan" in wishes)


def wants_program(profile: CandidateProfile, role: Role) -> bool:
    return role.program in (profile.programs or [])


def meets_languages(entry) -> bool:
    """Every language the role must have is met (the explanation says so)."""
    return all(
        item.get("status") == "met"
        for item in entry.explanation.get("languages", [])
        if item.get("must")
    )


def checked_in_today(entry, event: Event) -> bool:
    checked = entry.registration.checked_in_at
    if checked is None:
        return False
    zone = ZoneInfo(event.timezone)
    return checked.astimezone(zone).date() == datetime.now(zone).date()


SHORTLIST_FILTERS = ("checked_in", "languages", "location", "program", "education")


def filter_shortlist(role: Role, entries: list, active: set[str]) -> list:
    """Keep the entries that pass every chosen filter; ranks stay as the matcher gave them."""
    tests = {
        "checked_in": lambda e: checked_in_today(e, role.event),
        "languages": meets_languages,
        "location": lambda e: wants_location(e.profile, role),
        "program": lambda e: wants_program(e.profile, role),
        "education": lambda e: meets_education(e.profile, role),
    }
    chosen = [tests[name] for name in SHORTLIST_FILTERS if name in active]
    return [e for e in entries if all(test(e) for test in chosen)]


def applications_by_candidate(role: Role) -> dict[int, Application]:
    return {
        a.candidate_id: a
        for a in db.session.scalars(sa.select(Application).where(Application.role_id == role.id))
    }


def is_revealed(role: Role, application: Application | None) -> bool:
    """Under blind review a candidate's identity shows only once they are invited.

    A candidate who withdrew their consent stays in the pipeline by reference only.
    """
    if application is not None and not application.candidate.has_consent:
        return False
    if not role.blind_review:
        return True
    return application is not None and application.status in REVEALED_STATUSES


def candidate_label(profile: CandidateProfile, revealed: bool) -> str:
    if revealed:
        return profile.full_name
    return str(_l("Candidate %(ref)s", ref=candidate_ref(profile)))


def candidate_ref(profile: CandidateProfile) -> str:
    return f"C{profile.id:05d}"


def age(profile: CandidateProfile) -> int | None:
    return date.today().year - profile.birth_year if profile.birth_year else None
