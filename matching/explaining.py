"""Explanations: why a candidate ranks where they do for a role."""

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from . import levels
from .bands import band_for, occupations_compared, same_group, titles_compared
from .explain import Explanation
from .holding import held
from .index import BLOCKS
from .profiles import ExplainedProfile, skill_key
from .text import as_list, normalise
from .titles import title_key

# The parts an explanation says decided make up at least this share of the score.
DECIDING_SHARE = 2 / 3


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
    weights_source: str = "default"
    quiet_parts: tuple = ()  # parts that hardly separate this pool (see `ScoringMixin.quiet_parts`)
    required_keys: tuple = ()  # `skill_key` of each required skill
    preferred_keys: tuple = ()


def weights_source(role: Mapping) -> str:
    """Whose base weights ranked the role: "default" (the matcher's), or with the role's
    ``part_weights`` its ``weights_source`` ("learned" from decisions), else "role"."""
    if not role.get("part_weights"):
        return "default"
    return "learned" if role.get("weights_source") == "learned" else "role"


def deciding(contributions: dict) -> list[str]:
    """The parts that make up most (two thirds) of a score, largest first.

    >>> deciding({"title": 0.1, "occupation": 0.5, "group": 0.0, "skills": 0.3, "text": 0.1})
    ['occupation', 'skills']
    """
    found, total = [], 0.0
    for name, share in sorted(contributions.items(), key=lambda item: -item[1]):
        if share <= 0 or total >= DECIDING_SHARE:
            break
        found.append(name)
        total += share
    return found


def shares(parts: np.ndarray) -> list[dict]:
    """Each row's block parts as shares of its total, rounded: {block name: share}."""
    return [dict(zip(BLOCKS, row)) for row in _rounded(parts).tolist()]


def _rounded(parts: np.ndarray) -> np.ndarray:
    totals = parts.sum(axis=1, keepdims=True)
    totals[totals == 0] = 1.0
    return np.round(parts.astype(np.float64) / totals, 3)


def explained_shares(parts: np.ndarray) -> list[tuple[dict, list]]:
    """`shares` and `deciding` of each row, the latter for all rows at once.

    >>> explained_shares(np.array([[1, 3, 0, 2, 0], [0, 0, 0, 0, 0]], dtype=np.float32))[0][1]
    ['occupation', 'skills']
    """
    rounded = _rounded(parts)
    order = np.argsort(-rounded, axis=1, kind="stable")
    ordered = np.take_along_axis(rounded, order, axis=1)
    before = np.cumsum(ordered, axis=1) - ordered
    chosen = (ordered > 0) & (before < DECIDING_SHARE)
    return [
        (dict(zip(BLOCKS, row)), [BLOCKS[b] for b, c in zip(names, marks) if c])
        for row, names, marks in zip(rounded.tolist(), order.tolist(), chosen.tolist())
    ]


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
        return held(canonical, stems, profile.skills, profile)

    def _context(
        self, role: Mapping, occupation, hard_filters: bool = True, quiet_parts: tuple = ()
    ) -> _RoleContext:
        required = as_list(role.get("required_skills"))
        preferred = as_list(role.get("preferred_skills"))
        return _RoleContext(
            role=role,
            occupation=occupation,
            required=required,
            preferred=preferred,
            requirements=self._requirements(role, hard_filters),
            minimum=levels.education_rank(role.get("education")),
            location=normalise(role.get("location") or ""),
            program=levels.parse_program(role.get("program") or ""),
            weights_source=weights_source(role),
            quiet_parts=quiet_parts,
            required_keys=tuple(skill_key(s) for s in required),
            preferred_keys=tuple(skill_key(s) for s in preferred),
        )

    @staticmethod
    def _holds(profile: ExplainedProfile, keys: tuple) -> list[bool]:
        """`_has_skill` of each skill, from the skills' `skill_key`s."""
        skills = profile.skills
        return [held(canonical, stems, skills, profile) for canonical, stems in keys]

    def _explain_row(self, context: _RoleContext, parts: tuple, row: int) -> Explanation:
        """`parts`: the row's (shares, deciding parts), as `explained_shares` lists them."""
        profile = self._profile(row)
        _multiplier, fits, penalties = self._rules_for(context.role, profile, context=context)
        return self._explanation(context, parts[0], profile, fits, penalties, parts[1])

    def _explanation(
        self, context, parts, profile, fits, penalties, deciding_parts=None
    ) -> Explanation:
        """`parts`: each block's share of the score (see `shares`), or its part of it;
        `deciding_parts` as `deciding` finds them from those shares (found when None)."""
        if not isinstance(parts, dict):
            parts = shares(np.asarray(parts, dtype=np.float32)[np.newaxis, :])[0]
        contributions = parts
        if deciding_parts is None:
            deciding_parts = deciding(contributions)
        occupation = {}
        if context.occupation is not None or profile.occupation is not None:
            occupation = occupations_compared(profile.occupation, context.occupation)
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
        has = self._holds(profile, context.required_keys)
        preferred = self._holds(profile, context.preferred_keys)
        return Explanation(
            matched_required_skills=[s for s, h in zip(context.required, has) if h],
            missing_required_skills=[s for s, h in zip(context.required, has) if not h],
            matched_preferred_skills=[s for s, h in zip(context.preferred, preferred) if h],
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
            weights_source=context.weights_source,
            deciding_parts=deciding_parts,
            quiet_parts=list(context.quiet_parts),
        )

    def _rows(self, candidate_ids=None) -> np.ndarray:
        """The rows of these candidates (every live row when None), in row order."""
        if candidate_ids is None:
            return np.flatnonzero(self.alive_)
        return np.array(
            sorted({self.row_of_[c] for c in candidate_ids if c in self.row_of_}), dtype=np.int64
        )

    def bands(self, role: Mapping, candidate_ids=None) -> dict:
        """Each candidate's band for the role, without explaining anyone.

        Parameters
        ----------
        role : mapping
            The role, as for `rank`.
        candidate_ids : iterable, optional
            The candidates to band (every indexed candidate when None).

        Returns
        -------
        dict
            ``{candidate id: "strong" | "good" | "partial"}``, the same band as the
            candidate's ``rank(...)`` explanation carries (see `matching.bands`), so a
            long list can be ordered by band and only the page shown explained.
        """
        rows = self._rows(candidate_ids)
        musts = np.ones(len(rows), dtype=bool)
        for required, must, *_rest in self._requirements(role, hard_filters=False):
            if must:
                ranks = self.language_ranks_.get(required.code)
                have = ranks[rows] if ranks is not None else np.zeros(len(rows), dtype=np.int8)
                musts &= have >= max(required.rank, 1)
        minimum = levels.education_rank(role.get("education"))
        if minimum > 0:
            musts &= self.education_[rows] >= minimum
        required = as_list(role.get("required_skills"))
        keys = self.skills_key_[rows]
        held = np.zeros((len(rows), len(required)), dtype=bool)
        for s, skill in enumerate(required):  # listed as a skill (canonical name)
            held[:, s] = self._listing(keys, skill_key(skill)[0])
        # Or found in the headline, experience and skills' words, as `_has_skill` reads.
        have = held.sum(axis=1)
        lacking = musts & (have < len(required))
        for s, skill in enumerate(required if lacking.any() else ()):
            words = skill_key(skill)[1]
            if words:
                found = np.isin(rows, self._rows_holding(words), assume_unique=True)
                have += lacking & ~held[:, s] & found
        groups, compared = self._title_matches(role)
        titles = self.title_key_[rows]
        # One band per distinct set of facts: a few calls of the one rule, not one per row.
        facts = ((musts * (len(required) + 1) + have) * 2 + groups[titles]) * 2 + compared[titles]
        kinds, which = np.unique(facts, return_inverse=True)
        named = []
        for fact in kinds.tolist():
            rest, c = divmod(fact, 2)
            rest, g = divmod(rest, 2)
            m, h = divmod(rest, len(required) + 1)
            named.append(
                band_for(
                    musts_met=bool(m),
                    have=h,
                    missing=len(required) - h,
                    same_group=bool(g),
                    titles_compared=bool(c),
                )
            )
        ids = self.ids_
        return {ids[row]: named[k] for row, k in zip(rows.tolist(), which.tolist())}

    def _title_matches(self, role: Mapping) -> tuple[np.ndarray, np.ndarray]:
        """Per distinct candidate title: same ISCO-08 group as the role's title, and whether
        both titles resolve to an occupation (as the explanation's `occupation` says)."""
        found = self._nearest(title_key(normalise(role.get("title") or role.get("headline") or "")))
        theirs = found[0] if found else None
        groups = np.zeros(len(self.title_occupation_), dtype=bool)
        compared = np.zeros(len(self.title_occupation_), dtype=bool)
        if theirs is None:
            return groups, compared
        for key, mine in enumerate(self.title_occupation_):
            if mine is not None:
                compared_here = occupations_compared(mine, theirs)
                groups[key] = same_group(compared_here)
                compared[key] = titles_compared(compared_here)
        return groups, compared
