"""Roles for a candidate: every role scored and ordered cheaply, only those shown explained.

A signed-in candidate's job search orders a national fair's thousands of roles by fit but
shows 25. Each role's query is remembered on the matcher (`ScoringMixin._query`); the
candidate's vectors are scored against each role's without set intersections; the order's
tie-breakers and the band come from the few facts an explanation would hold, so the full
explanation is built only for the roles asked for (``explain_ids``).
"""

from collections import Counter
from collections.abc import Collection, Mapping

import numpy as np

from . import bands
from .explain import Result
from .holding import EXACT_SKILL_SHARE, holds
from .index import soft_vector
from .profiles import ExplainedProfile, StoredProfile, skills_document


def _positions(columns: np.ndarray, size: int) -> np.ndarray:
    """For each column of a vocabulary of `size`, its position in `columns` (-1 if absent)."""
    positions = np.full(size, -1, dtype=np.int32)
    positions[columns] = np.arange(len(columns), dtype=np.int32)
    return positions


def _dot(positions, values, columns, theirs) -> float:
    """`index.sparse_dot` of (positions' columns, values) and (columns, theirs): the same
    products, summed in the same (column) order, so the same float."""
    if not len(columns):
        return 0.0
    at = positions[columns]
    common = at >= 0
    if not common.any():
        return 0.0
    return float(values[at[common]] @ theirs[common])


class RecommendingMixin:
    """The part of `Matcher` that ranks roles for one candidate."""

    def recommend(
        self,
        candidate: Mapping,
        roles: list[Mapping],
        k: int = 10,
        *,
        every_role: bool = False,
        explain_ids: Collection | None = None,
    ) -> list[Result]:
        """The `k` roles that fit the candidate best, best first.

        A role the rules rank out (a ``must`` language not met, or nothing in common) is
        left out, unless ``every_role=True``: then it comes after the others, in the given
        order, with score 0 and an explanation like any other, so every role a candidate
        sees is explained by the same rules. Every result carries its band; with
        `explain_ids` only the roles with those ids carry an explanation (the others
        ``None``), in the same order with the same scores: a long list is ordered, the page
        shown explained.
        """
        roles = list(roles)
        if not roles:
            return []
        record = dict(candidate)
        (title,), (skills,), (text,), (evidence,) = self._parts([record])
        found = self.taxonomy_.nearest([title], k=self.occupations_per_title)[0] if title else []
        groups: Counter = Counter()
        for o in found:
            groups[self.group_index_[o.isco[:3]]] += o.similarity**2
        mine = [
            self.one_document_["title"](title),
            soft_vector([(o.index, o.similarity**2) for o in found]),
            soft_vector(list(groups.items())),
            self.one_document_["skills"](skills_document(skills)),
            self.one_document_["text"](text),
        ]
        bits = sum(bit for bit, (columns, _v) in zip((1, 2, 4, 8, 16), mine) if len(columns))
        sizes = (
            len(self.title_vectorizer_.vocabulary_),
            self.n_occupations_,
            len(self.group_index_),
            len(self.skills_vectorizer_.vocabulary_),
            len(self.text_vectorizer_.vocabulary_),
        )
        blocks = [
            (_positions(columns, size), values) if len(columns) else None
            for (columns, values), size in zip(mine, sizes)
        ]
        canonical = {self.taxonomy_.canonical_skill(s) for s in skills}
        stored = StoredProfile(record, found[0] if found else None, evidence)
        profile = ExplainedProfile(stored, self.taxonomy_)
        entries = [self._role_entry(role) for role in roles]
        queries = [entry.query for entry in entries]
        parts = self._block_parts(blocks, queries)
        exact = [
            sum(w for s, w in q.skill_weights.items() if holds(q, s, canonical, profile))
            for q in queries
        ]
        parts[:, 3] = (1 - EXACT_SKILL_SHARE) * parts[:, 3] + np.array(
            [EXACT_SKILL_SHARE * e for e in exact], dtype=np.float32
        )
        parts *= np.stack([q.weights for q in queries])
        normalisers = {}
        multipliers = np.empty(len(roles), dtype=np.float32)
        rules = []
        for n, (role, entry, query) in enumerate(zip(roles, entries, queries)):
            if entry.context is None:
                entry.context = self._context(
                    role, query.occupation, quiet_parts=self.quiet_parts(query)
                )
            multiplier, fits, penalties = self._rules_for(role, profile, context=entry.context)
            if query.required_weights and canonical and query.missing_penalty:
                held = sum(
                    w
                    for s, w in query.required_weights.items()
                    if holds(query, s, canonical, profile)
                )
                multiplier *= 1.0 - query.missing_penalty * max(0.0, 1.0 - held)
            multipliers[n] = multiplier
            rules.append((fits, penalties))
            weights = query.weights.tobytes()
            if weights not in normalisers:
                normalisers[weights] = self._normalisers(query.weights)[bits]
        scale = np.array([normalisers[q.weights.tobytes()] for q in queries], dtype=np.float32)
        scores = np.minimum(1.0, parts.sum(axis=1) * scale * multipliers).tolist()
        results, keys = [], []
        for n, (role, entry, score) in enumerate(zip(roles, entries, scores)):
            if score <= 0:
                if not every_role:
                    continue
                score = 0.0
            role_id = role.get("id")
            fits, penalties = rules[n]
            band, order = self._fit_facts(entry.context, profile, fits)
            explanation = None
            if explain_ids is None or role_id in explain_ids:
                explanation = self._explanation(entry.context, parts[n], profile, fits, penalties)
            results.append(Result(record.get("id"), role_id, score, explanation, band))
            keys.append((-score, *order))
        # Among equal scores (those ranked out all score 0) more requirements met first.
        ranked = sorted(range(len(results)), key=keys.__getitem__)
        return [results[n] for n in ranked[:k]]

    @staticmethod
    def _block_parts(blocks: list, queries: list) -> np.ndarray:
        """Each role's dot product with the candidate, per block (float32, roles x blocks);
        the exact products only for roles sharing a column with the candidate."""
        parts = np.zeros((len(queries), len(blocks)), dtype=np.float32)
        for b, block in enumerate(blocks):
            if block is None:
                continue
            columns = [q.blocks[b][0] for q in queries]
            ends = np.cumsum([len(c) for c in columns])
            if not len(ends) or not ends[-1]:
                continue
            hits = np.concatenate([[0], np.cumsum(block[0][np.concatenate(columns)] >= 0)])
            starts = np.concatenate([[0], ends[:-1]])
            done = {}  # roles sharing a vector (the same title) share its product
            for n in np.flatnonzero(hits[ends] > hits[starts]).tolist():
                theirs = queries[n].blocks[b]
                product = done.get(id(theirs[0]))
                if product is None:
                    product = done[id(theirs[0])] = _dot(*block, *theirs)
                parts[n, b] = product
        return parts

    def _fit_facts(self, context, profile: ExplainedProfile, fits: list) -> tuple[str, tuple]:
        """The band and `Explanation.requirements_order` of the explanation that
        `_explanation` would build, from the facts they read only."""
        have = sum(self._holds(profile, context.required_keys))
        missing = len(context.required) - have
        met = sum(1 for fit in fits if fit.status == "met")
        musts_met = all(fit.status == "met" for fit in fits if fit.must)
        if context.minimum > 0 and profile.education < context.minimum:
            musts_met = False
        occupation = bands.occupations_compared(profile.occupation, context.occupation)
        band = bands.band_for(
            musts_met=musts_met,
            have=have,
            missing=missing,
            same_group=bands.same_group(occupation),
            titles_compared=bands.titles_compared(occupation),
        )
        return band, (-(have + met), missing)
