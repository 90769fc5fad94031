"""Scoring a role against every candidate: the role's vectors, the parts both sides have,
and skills weighted by how rare they are among the indexed candidates."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .holding import EXACT_SKILL_SHARE
from .index import BLOCKS, joined, soft_vector
from .profiles import skill_key, skills_document
from .text import as_list, normalise
from .titles import title_key

# A preferred skill counts this much of a required one.
PREFERRED_SKILL_WEIGHT = 0.5
# Roles whose queries a fitted matcher remembers (a national fair has ~30,000).
ROLE_CACHE_SIZE = 50_000
# A part that tells nothing about this pool still keeps this share of its weight.
PART_FACTOR_FLOOR = 0.1
# A part counted down below this share of its weight is named in the explanation.
QUIET_FACTOR = 0.5


@dataclass(slots=True)
class _Query:
    """A role as per-block sparse vectors (unweighted), block weights and skill weights."""

    blocks: list  # per block: (columns, values), unit length
    weights: np.ndarray  # per block, 0 where the role lacks the part
    skill_weights: dict  # canonical skill -> weight (summing to 1)
    occupation: object  # the role title's nearest occupation, or None
    required_weights: dict  # canonical required skill -> weight (summing to 1)
    skill_stems: dict  # canonical skill (required or preferred) -> its word stems (`skill_key`)
    factors: np.ndarray  # per block, how much the part tells for this pool (see `_part_factors`)
    missing_penalty: float  # the matcher's missing-skill penalty, times the skills' factor


@dataclass(slots=True)
class _RolePart:
    """What of a role's `_Query` stays the same while candidates come and go."""

    required: list
    preferred: list
    blocks: list  # as _Query.blocks, with None for the skills block
    skill_vectors: dict  # normalised skill name -> its n-gram (columns, values) as lists
    found: list  # the title's nearest occupations
    skills_words: tuple  # the skills' words in the text part's vocabulary (columns, values)
    skill_stems: dict  # as _Query.skill_stems: the same whatever the pool
    query: _Query | None = None
    generation: int = -1
    context: object = None  # the role's explaining context, once `recommend` needed it
    part_weights: dict | None = None  # the role's own base weights (`_weights`), if any


# What of a role record its query and explanations read: equal values, the same query.
ROLE_FIELDS = ("id", "title", "headline", "description", "required_skills", "preferred_skills",
               "education", "languages", "location", "program", "part_weights",
               "weights_source")  # fmt: skip


def _fingerprint(role: Mapping) -> tuple:
    """The role record's fields the matcher reads, hashable (lists as tuples, dicts as
    their repr: a record's dicts come from one JSON column, their keys in one order)."""
    return tuple(
        tuple(repr(v) if isinstance(v, dict) else v for v in value)
        if isinstance(value := role.get(name), list)
        else repr(value)
        if isinstance(value, dict)
        else value
        for name in ROLE_FIELDS
    )


class ScoringMixin:
    """The part of `Matcher` that turns a role into per-block scores for every row."""

    def _weights(self, part_weights: Mapping | None = None) -> np.ndarray:
        """The base weights of the parts (`BLOCKS` order), summing to 1: the constructor's,
        or for the parts a role's ``part_weights`` names, the role's (e.g. learned from a
        company's decisions, `matching.learning`)."""
        weights = np.array(
            [
                self.title_weight,
                self.occupation_weight,
                self.group_weight,
                self.skills_weight,
                self.text_weight,
            ],
            dtype=np.float32,
        )
        for name, value in (part_weights or {}).items():
            if name in BLOCKS and value is not None and float(value) >= 0:
                weights[BLOCKS.index(name)] = float(value)
        total = weights.sum()
        return weights / total if total > 0 else self._weights()

    def skill_rarity(self, skills: list[str]) -> dict:
        """Each skill's canonical name and rarity weight among the indexed candidates.

        Parameters
        ----------
        skills : list of str
            Skill names as a role lists them.

        Returns
        -------
        dict
            ``{canonical name: log((1 + n) / (1 + count)) + 1}``, where n is the number of
            indexed candidates and count how many of them list the skill.
        """
        n = len(self)
        return {
            canonical: float(np.log((1 + n) / (1 + max(0, self.skill_counts_[canonical]))) + 1)
            for canonical in (skill_key(s)[0] for s in skills)
            if canonical
        }

    def _role_skills(self, part: "_RolePart") -> tuple[tuple, dict]:
        """The role's skills as one n-gram vector and as canonical skills, both weighted by
        rarity (required skills count fully, preferred ones `PREFERRED_SKILL_WEIGHT`)."""
        weights: dict[str, float] = {}
        texts: dict[str, float] = {}
        for skills, share in ((part.required, 1.0), (part.preferred, PREFERRED_SKILL_WEIGHT)):
            rarity = self.skill_rarity(skills)
            for skill in skills:
                canonical = skill_key(skill)[0]
                if not canonical:
                    continue
                weight = share * rarity[canonical]
                weights[canonical] = max(weights.get(canonical, 0.0), weight)
                text = normalise(skill)
                texts[text] = max(texts.get(text, 0.0), weight)
        total = sum(weights.values())
        weights = {skill: w / total for skill, w in weights.items()} if total else {}
        vector: dict[int, float] = {}
        for text, weight in texts.items():
            columns, values = part.skill_vectors[text]
            for column, value in zip(columns, values):
                vector[column] = vector.get(column, 0.0) + weight * value
        return soft_vector(list(vector.items())), weights

    def _query(self, role: Mapping) -> _Query:
        """One role as per-block (columns, values), block weights and skill weights,
        remembered on the fitted matcher.

        A page of roles is ranked for one candidate after another, so each role's vectors
        are kept, keyed by the role record's content (a changed role is a new key). The
        skill weights depend on how many indexed candidates list each skill, so that part
        is rebuilt once the pool moved by `corpus.RATING_DRIFT` (`_rating_generation`).
        The cache is bounded; dict reads and writes are atomic, so concurrent readers at
        worst build a query twice.
        """
        return self._role_entry(role).query

    def _role_entry(self, role: Mapping) -> "_RolePart":
        """The role's remembered part, its query current (see `_query`)."""
        key = _fingerprint(role)
        try:
            part = self._role_parts.get(key)
        except TypeError:  # an unhashable value (a set, nested lists): the whole record
            key = repr(sorted(role.items(), key=lambda item: str(item[0])))
            part = self._role_parts.get(key)
        if part is None:
            if len(self._role_parts) >= ROLE_CACHE_SIZE:
                self._role_parts.clear()
            part = self._role_parts[key] = self._role_part(role)
        if part.query is None or part.generation != self._rating_generation:
            part.query, part.generation = self._rated_query(part), self._rating_generation
            part.context = None  # it names the query's quiet parts
        return part

    def _build_query(self, role: Mapping) -> _Query:
        """`_query` without the cache (benchmarks and tests compare against it)."""
        return self._rated_query(self._role_part(role))

    def _role_part(self, role: Mapping) -> "_RolePart":
        """What of a role's query does not depend on the indexed candidates' skill counts."""
        required = as_list(role.get("required_skills"))
        preferred = as_list(role.get("preferred_skills"))
        title = title_key(normalise(role.get("title") or role.get("headline") or ""))
        # The free text read apart from the skills, so that skills which tell little about
        # this pool count little in the text part too (see `_rated_query`).
        text = normalise(
            " ".join(str(p) for p in [role.get("title"), role.get("description")] if p)
        )
        skills_text = skills_document([normalise(s) for s in [*required, *required, *preferred]])
        # Roles repeat titles: they share one set of title vectors (so `recommend` scores
        # each set once per candidate).
        shared = self._title_vectors.get(title)
        if shared is None:
            if len(self._title_vectors) >= ROLE_CACHE_SIZE:
                self._title_vectors.clear()
            found = self._nearest(title)
            groups: Counter = Counter()
            for o in found:
                groups[self.group_index_[o.isco[:3]]] += o.similarity**2
            shared = self._title_vectors[title] = (
                found,
                self.one_document_["title"](title),
                soft_vector([(o.index, o.similarity**2) for o in found]),
                soft_vector(list(groups.items())),
            )
        found = shared[0]
        skill_vectors = {}
        for skill in required + preferred:
            if skill_key(skill)[0]:
                text_of_skill = normalise(skill)
                if text_of_skill not in skill_vectors:
                    columns, values = self.one_document_["skills"](skills_document([text_of_skill]))
                    skill_vectors[text_of_skill] = (columns.tolist(), values.tolist())
        blocks = [*shared[1:], None, self.one_document_["text"](text)]
        own = role.get("part_weights")
        own = dict(own) if isinstance(own, Mapping) and own else None
        skills_words = self.one_document_["text"](skills_text)
        skill_stems = dict(k for k in map(skill_key, required + preferred) if k[0])
        return _RolePart(
            required,
            preferred,
            blocks,
            skill_vectors,
            found,
            skills_words,
            skill_stems,
            part_weights=own,
        )

    @staticmethod
    def quiet_parts(query: _Query) -> tuple:
        """The role's parts counted down to less than `QUIET_FACTOR` of their weight because
        they hardly separate this pool (see `_part_factors`)."""
        return tuple(
            name
            for name, weight, factor in zip(BLOCKS, query.weights, query.factors)
            if weight > 0 and factor < QUIET_FACTOR
        )

    def _told(self, count: int) -> float:
        """How much listing a skill that `count` of the n candidates list separates them:
        ``log((1 + n) / (1 + count)) / log(1 + n)``, 1 for a skill nobody lists."""
        n = len(self)
        return float(np.log((1 + n) / (1 + max(0, count))) / np.log1p(n))

    def _typical_skill(self) -> float:
        """`_told` of the skill a candidate of this pool typically lists (the mean over
        every listed skill), remembered until the candidates change."""
        if self._typical[0] != self._generation:
            counts = np.fromiter(self.skill_counts_.values(), dtype=np.float64)
            counts = counts[counts > 0]
            n = len(self)
            told = np.log((1 + n) / (1 + counts)) / np.log1p(n) if n else counts
            listed = counts.sum()
            self._typical = (self._generation, float(counts @ told / listed) if listed else 0.0)
        return self._typical[1]

    def _rated_query(self, part: "_RolePart") -> _Query:
        """The query from a role's part, with skills weighted by their current rarity."""
        skills_vector, skill_weights = self._role_skills(part)
        blocks = list(part.blocks)
        blocks[3] = skills_vector
        weights = self._weights(part.part_weights)
        factors = self._part_factors(part, skill_weights)
        weights *= factors
        blocks[4] = joined(blocks[4], part.skills_words, float(factors[3]))
        for b, (columns, _values) in enumerate(blocks):
            if not len(columns) and not (b == BLOCKS.index("skills") and skill_weights):
                weights[b] = 0.0
        rarity = self.skill_rarity(part.required)
        total = sum(rarity.values())
        required_weights = {s: w / total for s, w in rarity.items()} if total else {}
        found = part.found
        return _Query(
            blocks,
            weights,
            skill_weights,
            found[0] if found else None,
            required_weights,
            part.skill_stems,
            factors,
            self.missing_skill_penalty * float(factors[BLOCKS.index("skills")]),
        )

    def _part_factors(self, part: "_RolePart", skill_weights: dict) -> np.ndarray:
        """How much each part can tell for this role and this pool, in [floor, 1] (1 for
        the parts these pool statistics say nothing about), applied to the base weights.

        - skills: how well the role's skills separate the indexed candidates (the
          rarity-weighted mean of `_told`), against the skill a candidate of this pool
          typically lists, ``min(1, told / typical) ** 3``: skills most candidates list
          ("communication", "Excel") hardly separate the pool and count little (in the
          skills part, in the text part's words and in the missing-skill penalty); a list
          as specific as the pool's usual skills keeps its whole weight. Relative to the
          pool, so a fair where everyone lists few, common skills is not emptied of skills.

        The title, occupation, group and text parts keep 1: scaling the occupation parts by
        how near the role's title is to its occupation lowered the ESCO-label figures
        (MRR 0.332 to 0.325), so they follow the base weights.
        """
        factors = np.ones(len(BLOCKS), dtype=np.float32)
        n = len(self)
        if skill_weights and n > 1:
            told = sum(w * self._told(self.skill_counts_[s]) for s, w in skill_weights.items())
            typical = self._typical_skill()
            if typical > 0:
                factors[BLOCKS.index("skills")] = min(1.0, told / typical) ** 3
        return np.clip(factors, PART_FACTOR_FLOOR, 1.0)

    def _nearest(self, title: str) -> list:
        """The title's nearest occupations, remembered: the same roles are ranked again
        and again (pages of a shortlist, explanations of a page)."""
        if not title:
            return []
        found = self._title_nearest.get(title)
        if found is None:
            if len(self._title_nearest) > 4096:
                self._title_nearest.clear()
            found = self.taxonomy_.nearest([title], k=self.occupations_per_title)[0]
            self._title_nearest[title] = found
        return found

    def _normalisers(self, weights: np.ndarray) -> np.ndarray:
        """1 / (sum of the weights of the parts both sides have), per presence bit mask."""
        masks = np.arange(1 << len(BLOCKS))
        present = (masks[:, None] >> np.arange(len(BLOCKS))) & 1
        total = present @ weights.astype(np.float64)
        return np.where(total > 0, 1.0 / np.maximum(total, 1e-12), 0.0).astype(np.float32)

    def _coverage(self, skill_weights: dict) -> np.ndarray:
        """Per distinct skill list: the rarity-weighted share of the role's skills it has."""
        coverage = np.zeros(len(self.skills_canonical_), dtype=np.float32)
        for skill, weight in skill_weights.items():
            coverage[self._lists_with(skill)] += weight
        return coverage

    def _key_scores(self, query: _Query) -> tuple[list, np.ndarray | None]:
        """Weighted scores of the distinct titles (per title block) and skill lists."""
        weights = query.weights
        title_parts = [
            weights[b] * block.score(*query.blocks[b]) if weights[b] else None
            for b, block in enumerate(self.title_blocks_)
        ]
        skills = None
        if weights[3]:
            skills = (1 - EXACT_SKILL_SHARE) * self.skills_block_.score(*query.blocks[3])
            if query.skill_weights:
                skills += EXACT_SKILL_SHARE * self._coverage(query.skill_weights)
            skills *= weights[3]
        return title_parts, skills

    def _scores(self, query: _Query, role: Mapping, hard_filters: bool):
        """Every row's score, renormalised over the parts both sides have and with the
        rules applied, and the parts (per title block, skill list and row) explanations read.

        Rows that share a title, a skill list and the parts they have ("profile kinds",
        see `CorpusMixin._kinds`) share everything but the free text and the rules, so that
        much is computed once per kind and read for every row in one or two passes.
        """
        title_parts, skills = self._key_scores(query)
        text = (
            query.weights[4] * self.text_block_.score(*query.blocks[4])
            if query.weights[4]
            else np.zeros(len(self.alive_), dtype=np.float32)
        )
        shared = np.zeros(len(self.kind_bits_), dtype=np.float32)
        present = [p for p in title_parts if p is not None]
        if present:
            title_total = present[0] if len(present) == 1 else sum(present)
            if title_total.any():
                shared += np.take(title_total, self.kind_title_)
        if skills is not None and skills.any():
            shared += np.take(skills, self.kind_skills_)
        scale = np.take(self._normalisers(query.weights), self.kind_bits_)
        shared *= scale
        kept_scale, kept_shared, lacking = scale, shared, None
        if query.required_weights and query.missing_penalty:
            lacking = 1.0 - self._coverage(query.required_weights)
            lacking[self.skills_bits_ == 0] = 0.0  # no skills listed: nothing to hold against
            factor = np.take(1.0 - query.missing_penalty * lacking, self.kind_skills_)
            kept_scale, kept_shared = scale * factor, shared * factor
        if len(kept_scale) and (kept_scale == kept_scale[0]).all():
            total = text * kept_scale[0]
        else:
            total = text * np.take(kept_scale, self.kind_)
        total += np.take(kept_shared, self.kind_)
        # The few rows that hold a skill by writing it, not listing it (`holding`): their
        # skills part and missing-skill penalty read it as held.
        written, held = self._written(query)
        if written is not None:
            touched = np.flatnonzero(held if skills is None else written)
            kinds = self.kind_[touched]
            own = text[touched] if skills is None else text[touched] + written[touched]
            total[touched] = own * scale[kinds] + shared[kinds]
            if lacking is not None:
                short = np.maximum(lacking[self.skills_key_[touched]] - held[touched], 0.0)
                total[touched] *= 1.0 - query.missing_penalty * short
        if skills is None:
            written = None  # no skills part to add it to
        self._apply_rules(total, role, hard_filters)
        return total, title_parts, skills, text, written
