"""Explanations: why a candidate ranks where they do for a role."""

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from . import levels
from .explain import Explanation
from .index import BLOCKS
from .profiles import ExplainedProfile, skill_key
from .text import as_list, normalise


@dataclass(slots=True)
class _RoleContext:
    """What explaining any candidate for one role needs, computed once per rank."""

    role: Mapping
    occupation: object
    required: list
    preferred: list
    requirements: list
    minimum: int
    location: str
    program: str


def shares(parts: np.ndarray) -> list[dict]:
    """Each row's block parts as shares of its total, rounded: {block name: share}."""
    totals = parts.sum(axis=1, keepdims=True)
    totals[totals == 0] = 1.0
    shares = np.round(parts.astype(np.float64) / totals, 3).tolist()
    return [dict(zip(BLOCKS, row)) for row in shares]


class ExplainingMixin:
    """The part of `Matcher` that explains a rank in structured codes and data."""

    def _profile(self, row: int) -> ExplainedProfile:
        profile = self._profiles.get(row)
        if profile is None:
            if len(self._profiles) > 50_000:
                self._profiles.clear()
            profile = self._profiles[row] = ExplainedProfile(self.stored_[row], self.taxonomy_)
        return profile

    def _has_skill(self, profile: ExplainedProfile, skill: str) -> bool:
        canonical, stems = skill_key(skill)
        if canonical in profile.skills:
            return True
        return bool(stems) and stems <= profile.evidence

    def _context(self, role: Mapping, occupation, hard_filters: bool = True) -> _RoleContext:
        return _RoleContext(
            role=role,
            occupation=occupation,
            required=as_list(role.get("required_skills")),
            preferred=as_list(role.get("preferred_skills")),
            requirements=self._requirements(role, hard_filters),
            minimum=levels.education_rank(role.get("education")),
            location=normalise(role.get("location") or ""),
            program=levels.parse_program(role.get("program") or ""),
        )

    def _explain_row(self, context: _RoleContext, parts: np.ndarray, row: int) -> Explanation:
        profile = self._profile(row)
        _multiplier, fits, penalties = self._rules_for(context.role, profile, context=context)
        return self._explanation(context, parts, profile, fits, penalties)

    def _explanation(self, context, parts, profile, fits, penalties) -> Explanation:
        """`parts`: each block's share of the score (see `shares`), or its part of it."""
        if not isinstance(parts, dict):
            parts = shares(np.asarray(parts, dtype=np.float32)[np.newaxis, :])[0]
        contributions = parts
        occupation = {}
        if context.occupation is not None or profile.occupation is not None:
            mine, theirs = profile.occupation, context.occupation
            occupation = {
                "candidate": mine.label if mine else None,
                "role": theirs.label if theirs else None,
                "same_occupation": bool(mine and theirs and mine.index == theirs.index),
                "same_group": bool(mine and theirs and mine.isco[:3] == theirs.isco[:3]),
            }
        minimum = context.minimum
        education = {}
        if minimum > 0:
            education = {
                "required": levels.EDUCATION_LEVELS[minimum],
                "candidate": levels.EDUCATION_LEVELS[profile.education]
                if profile.education >= 0
                else None,
                "met": profile.education >= minimum,
            }
        location, program = context.location, context.program
        has = [self._has_skill(profile, s) for s in context.required]
        return Explanation(
            matched_required_skills=[s for s, h in zip(context.required, has) if h],
            missing_required_skills=[s for s, h in zip(context.required, has) if not h],
            matched_preferred_skills=[s for s in context.preferred if self._has_skill(profile, s)],
            languages=fits,
            occupation=occupation,
            education=education,
            location_wanted=(
                any(loc and (loc in location or location in loc) for loc in profile.locations)
                if location and profile.locations
                else None
            ),
            program_wanted=(program in profile.programs) if program and profile.programs else None,
            contributions=contributions,
            penalties=penalties,
        )
