"""The Specified Skilled Worker (i) entry rule: whether a candidate may enter Japan for an
SSW role, and what is missing, in words a candidate and a recruiter both understand.

The rule (特定技能1号): the skill test of the role's field, and Japanese at JLPT N4 or
above or JFT-Basic A2; or Technical Intern Training (ii) completed in the same field,
which exempts from both tests. Japanese is read from the profile's language record the
way ranking reads it (`matching.levels`); the tests passed are `PassedTest` rows. Every
page, badge and API payload asks `entry_rule` and nothing else.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from matching import levels

from . import labels
from .extensions import db
from .models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    PassedTest,
    PassedTestKind,
    Role,
)

# The programmes whose hires go to Japan (and get a departure checklist).
JAPAN_PROGRAMS = ("ssw", "technical_intern", "engineer")

# JLPT N4 and JFT-Basic A2 share one rank on the Japanese scale (levels.py).
NEEDED_JAPANESE = levels.parse_language("Japanese N4")


@dataclass(frozen=True)
class EntryRule:
    """The rule for one candidate and one SSW field: met or not, and what is missing."""

    field: str
    met: bool
    via_titp: bool = False
    missing: tuple[str, ...] = ()  # "skill_test", "japanese"
    japanese_level: str = ""  # the candidate's Japanese, as stored ("N5", "JFT-Basic A2")
    passed: dict = field(default_factory=dict)

    def missing_text(self) -> str:
        """ "the nursing care skill test; Japanese N4 or JFT-Basic A2 (you have N5)"."""
        parts = []
        if "skill_test" in self.missing:
            parts.append(
                _(
                    "the %(field)s skill test",
                    field=str(labels.SSW_FIELD_LABELS[self.field]).lower(),
                )
            )
        if "japanese" in self.missing:
            if self.japanese_level:
                parts.append(
                    _(
                        "Japanese N4 or JFT-Basic A2 (you have %(level)s)",
                        level=self.japanese_level,
                    )
                )
            else:
                parts.append(_("Japanese N4 or JFT-Basic A2"))
        return "; ".join(parts)

    def summary(self) -> str:
        """One sentence for a page or a badge."""
        if self.met:
            return _("Meets the SSW entry rule")
        return _("Missing: %(what)s", what=self.missing_text())


def japanese_level(profile: CandidateProfile) -> tuple[str, int]:
    """The candidate's Japanese as stored and its rank (0 when none is given)."""
    for record in profile.languages or []:
        parsed = levels.parse_language(record)
        if parsed is not None and parsed.code == "ja":
            return levels.record_text({**record, "language": ""}).strip(), parsed.rank
    return "", 0


def passed_tests(profile: CandidateProfile) -> dict[tuple[str, str], PassedTest]:
    """The candidate's tests by (kind, field)."""
    rows = db.session.scalars(sa.select(PassedTest).where(PassedTest.candidate_id == profile.id))
    return {(row.kind, row.field): row for row in rows}


def entry_rule(
    profile: CandidateProfile, ssw_field: str, *, tests: dict | None = None
) -> EntryRule:
    """Whether `profile` meets the SSW (i) entry rule of `ssw_field`, and what is missing.
    `tests` (from `passed_tests`) saves a query when one candidate is asked about many
    roles."""
    tests = passed_tests(profile) if tests is None else tests
    level, rank = japanese_level(profile)
    if (PassedTestKind.TITP_STAGE_2, ssw_field) in tests:
        return EntryRule(ssw_field, True, via_titp=True, japanese_level=level, passed=tests)
    missing = []
    if (PassedTestKind.SSW_SKILL, ssw_field) not in tests:
        missing.append("skill_test")
    if rank < NEEDED_JAPANESE.rank:
        missing.append("japanese")
    return EntryRule(
        ssw_field, not missing, missing=tuple(missing), japanese_level=level, passed=tests
    )


def rule_for_role(profile: CandidateProfile, role: Role, **kwargs) -> EntryRule | None:
    """The entry rule of an SSW role that names its field; None for any other role."""
    if role.program != "ssw" or not role.ssw_field:
        return None
    return entry_rule(profile, role.ssw_field, **kwargs)


def rules_for_role(role: Role, profiles) -> dict[int, EntryRule]:
    """The entry rule of an SSW role for each of `profiles` (a shortlist page), by profile
    id, with one query for all their tests; empty for any other role."""
    if role.program != "ssw" or not role.ssw_field:
        return {}
    profiles = list(profiles)
    tests: dict[int, dict] = {p.id: {} for p in profiles}
    if profiles:
        rows = db.session.scalars(
            sa.select(PassedTest).where(PassedTest.candidate_id.in_(list(tests)))
        )
        for row in rows:
            tests[row.candidate_id][(row.kind, row.field)] = row
    return {p.id: entry_rule(p, role.ssw_field, tests=tests[p.id]) for p in profiles}


def bound_for_japan(application: Application) -> bool:
    """A hire of a role in a programme that goes to Japan: it has a departure checklist."""
    return (
        application.status == ApplicationStatus.HIRED and application.role.program in JAPAN_PROGRAMS
    )
