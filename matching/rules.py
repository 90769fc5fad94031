"""Language and education rules: must-haves, penalties, and what would qualify a candidate."""

from collections import Counter
from collections.abc import Mapping

import numpy as np

from . import levels
from .explain import LanguageFit
from .profiles import ExplainedProfile, StoredProfile
from .text import as_list


class RulesMixin:
    """The part of `Matcher` that applies a role's language and education requirements."""

    def _requirements(self, role: Mapping, hard_filters: bool = True) -> list[tuple]:
        """(level required, must, "filter" or "penalty", factor if nearly, factor if not met)."""
        found = []
        for entry in role.get("languages") or []:
            parsed = levels.parse_language(entry)
            if parsed is None or parsed.rank == 0:
                continue
            must = bool(entry.get("must")) if isinstance(entry, Mapping) else False
            filters = must or self.language_policy == "filter"
            if filters and hard_filters:
                found.append((parsed, must, "filter", 0.0, 0.0))
            elif must:
                found.append(
                    (parsed, must, "penalty", 0.5 * self.nearly_penalty, self.must_penalty)
                )
            else:
                found.append((parsed, must, "penalty", self.nearly_penalty, self.not_met_penalty))
        return found

    def must_status(self, role: Mapping, candidate_ids=None) -> dict:
        """How each candidate stands against the role's must-have languages.

        Returns ``{candidate id: "met" | "nearly" | "not_met"}``: "met" when every must-have
        is met, "nearly" when those missed are each missed by one level only (N5 where N4
        is a must), "not_met" otherwise. JFT-Basic A2 counts as N4 throughout.
        """
        rows = (
            np.flatnonzero(self.alive_)
            if candidate_ids is None
            else np.array(
                sorted({self.row_of_[c] for c in candidate_ids if c in self.row_of_}),
                dtype=np.int64,
            )
        )
        worst = np.full(len(rows), 2, dtype=np.int8)  # 2 met, 1 nearly, 0 not met
        for required, must, *_rest in self._requirements(role, hard_filters=False):
            if not must:
                continue
            ranks = self.language_ranks_.get(required.code)
            have = ranks[rows] if ranks is not None else np.zeros(len(rows), dtype=np.int8)
            codes = {"met": 2, "nearly": 1, "not_met": 0}
            table = np.array([codes[s] for s in levels.rank_statuses(required.rank)], np.int8)
            np.minimum(worst, np.take(table, have), out=worst)
        names = ("not_met", "nearly", "met")
        return {self.ids_[row]: names[s] for row, s in zip(rows.tolist(), worst.tolist())}

    def _apply_rules(self, scores: np.ndarray, role: Mapping, hard_filters: bool = True) -> None:
        """Multiply every row's score by its language and education rule factors (0
        excludes a row), in place."""
        for required, _must, _applied, if_nearly, if_not_met in self._requirements(
            role, hard_filters
        ):
            ranks = self.language_ranks_.get(required.code)
            factors = {"met": 1.0, "nearly": if_nearly, "not_met": if_not_met}
            table = np.array(
                [factors[s] for s in levels.rank_statuses(required.rank)], dtype=np.float32
            )
            if ranks is None:
                scores *= table[0]
            else:
                scores *= np.take(table, ranks)
        minimum = levels.education_rank(role.get("education"))
        if minimum > 0:
            table = np.ones(128, dtype=np.float32)  # rank -1 (unknown) reads table[-1]
            table[:minimum] = self.education_penalty
            table[-1] = 1.0
            scores *= np.take(table, self.education_)

    def _rules_for(
        self, role: Mapping, profile: ExplainedProfile, hard_filters: bool = True, context=None
    ) -> tuple[float, list[LanguageFit], dict]:
        multiplier, fits, penalties = 1.0, [], {}
        requirements = (
            context.requirements if context is not None else self._requirements(role, hard_filters)
        )
        for required, must, applied, if_nearly, if_not_met in requirements:
            have = profile.languages.get(required.code)
            status = levels.compare(have, required)
            if status != "met":
                factor = if_nearly if status == "nearly" else if_not_met
                multiplier *= factor
                penalties[f"language_{required.code}"] = factor
            fits.append(
                LanguageFit(
                    language=required.code,
                    required=required.level,
                    candidate=have.level if have is not None and have.level else None,
                    status=status,
                    must=must,
                    applied_as=applied if status != "met" else "none",
                )
            )
        minimum = (
            context.minimum if context is not None else levels.education_rank(role.get("education"))
        )
        if minimum > 0 and 0 <= profile.education < minimum:
            multiplier *= self.education_penalty
            penalties["education"] = self.education_penalty
        return multiplier, fits, penalties

    def gaps(self, candidate: Mapping, roles: list[Mapping]) -> list[dict]:
        """What would qualify the candidate for more roles, most roles first.

        Returns dicts such as ``{"kind": "language", "language": "ja", "level": "N4",
        "roles": 3}`` (roles whose language requirements the candidate would then meet)
        and ``{"kind": "skill", "skill": "welding", "roles": 2}``.
        """
        profile = ExplainedProfile(StoredProfile(dict(candidate), None), self.taxonomy_)
        needed = []  # per role held back by one language only: the level it asks for
        skill_gains: Counter = Counter()
        for role in roles:
            unmet = [
                (req, must)
                for req, must, *_rest in self._requirements(role)
                if levels.status_for_rank(
                    profile.languages[req.code].rank if req.code in profile.languages else 0,
                    req.rank,
                )
                != "met"
            ]
            by_language = {req.code: req for req, _must in unmet}
            if len(by_language) == 1:
                req = next(iter(by_language.values()))
                top = max((r for r, _m in unmet if r.code == req.code), key=lambda r: r.rank)
                needed.append(top)
            if not unmet:
                for skill in as_list(role.get("required_skills")):
                    if not self._has_skill(profile, skill):
                        skill_gains[skill.strip().lower()] += 1
        # Reaching a level opens every role asking for that level or less.
        levels_asked = {(r.code, r.level, r.rank) for r in needed}
        found = [
            {
                "kind": "language",
                "language": code,
                "level": level,
                "roles": sum(1 for r in needed if r.code == code and r.rank <= rank),
            }
            for code, level, rank in levels_asked
        ]
        found += [{"kind": "skill", "skill": skill, "roles": n} for skill, n in skill_gains.items()]
        return sorted(
            found, key=lambda g: (-g["roles"], g["kind"], str(g.get("skill") or g.get("level")))
        )
