"""The Matcher: fielded TF-IDF over titles, skills and experience, expanded with ESCO
occupations, with language, education and programme rules on top.

How a rank is computed
----------------------
Each profile has up to five parts: its title's character n-grams, the ESCO occupations
and ISCO groups the title resolves to (inferred from the experience when there is no
headline), its skills, and its free text. A role is scored against each part; parts
missing on either side drop out and the weights of the others are renormalised, so a
missing part does not cap the score. Skills score by character n-grams and by exact
(canonical) matches of the role's skills, each weighted by how rare the skill is among
the indexed profiles. A part counts by how much it tells for this role and this pool: a
skill list most candidates share counts little (`ScoringMixin._part_factors`), and the
explanation names the parts that decided and those counted down.

Titles and skill lists repeat across profiles, so each distinct title and skill list is
vectorised and scored once (see `matching.index`); only the free text is scored per row.
"""

import re
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np

from .corpus import CorpusMixin, distinct, title_terms
from .derivations import derive, derived_words
from .explain import Result
from .explaining import ExplainingMixin, explained_shares
from .holding import HoldingMixin
from .index import BLOCKS, Rows, fit_tfidf
from .profiles import skills_document
from .recommending import RecommendingMixin
from .rules import RulesMixin
from .scoring import ScoringMixin
from .taxonomy import Taxonomy
from .text import OneDocument


class Matcher(
    CorpusMixin, ScoringMixin, HoldingMixin, RulesMixin, ExplainingMixin, RecommendingMixin
):
    """Rank candidates for a role, and roles for a candidate, with explanations.

    Parameters
    ----------
    title_weight, occupation_weight, group_weight, skills_weight, text_weight : float
        Shares of the score given to the title's character n-grams, to the ESCO
        occupations the titles resolve to, to their ISCO-08 groups, to the skills and
        to the free text (experience, description). They are normalised to sum to 1
        over the parts that both the role and the candidate have, after the skills'
        weight is scaled by how well the role's skills separate the indexed candidates.
    language_policy : {"penalty", "filter"}
        What a language requirement without an explicit ``must`` does: lower the
        score ("penalty") or exclude candidates who do not meet it ("filter").
        Requirements with ``must=True`` always filter.
    nearly_penalty, not_met_penalty, education_penalty : float
        Score multipliers for a language requirement nearly met (one level below)
        or not met, and for education below the role's minimum.
    must_penalty : float
        Multiplier for a ``must`` requirement not met when ranking with
        ``hard_filters=False`` (a must requirement nearly met gets half of
        ``nearly_penalty``).
    occupations_per_title : int
        How many nearest ESCO occupations a title is expanded to.
    missing_skill_penalty : float
        A candidate who lists skills but lacks the role's required ones has the score
        multiplied by ``1 - missing_skill_penalty * share``, where share is the rarity-
        weighted share of the required skills missing: lacking a rare required skill
        costs more than lacking a universal one, and cannot be made up by extra skills.
        The penalty is scaled like the skills' weight (skills most candidates list, such
        as "communication", cost little when missing).

    Attributes
    ----------
    candidate_ids_ : list
        Ids of the candidates currently ranked, in row order.
    skill_counts_ : Counter
        How many indexed candidates list each (canonical) skill; a role's skills are
        weighted by their rarity, ``log((1 + n) / (1 + count)) + 1``.

    Examples
    --------
    >>> m = Matcher().fit([
    ...     {"id": 1, "headline": "welder", "skills": ["welding"], "languages": ["Japanese N4"]},
    ...     {"id": 2, "headline": "cook", "skills": ["cooking"], "languages": ["English B1"]},
    ... ])
    >>> role = {"id": "r1", "title": "Welder", "required_skills": ["welding"],
    ...         "languages": [{"language": "Japanese", "level": "N4", "must": True}]}
    >>> [r.candidate_id for r in m.rank(role, k=5)]
    [1]
    >>> m.rank(role)[0].explanation.matched_required_skills
    ['welding']
    """

    def __init__(
        self,
        *,
        title_weight: float = 0.2,
        occupation_weight: float = 0.25,
        group_weight: float = 0.1,
        skills_weight: float = 0.3,
        text_weight: float = 0.15,
        language_policy: str = "penalty",
        nearly_penalty: float = 0.8,
        not_met_penalty: float = 0.45,
        must_penalty: float = 0.1,
        education_penalty: float = 0.85,
        occupations_per_title: int = 5,
        missing_skill_penalty: float = 0.5,
    ):
        self.title_weight = title_weight
        self.occupation_weight = occupation_weight
        self.group_weight = group_weight
        self.skills_weight = skills_weight
        self.text_weight = text_weight
        self.language_policy = language_policy
        self.nearly_penalty = nearly_penalty
        self.not_met_penalty = not_met_penalty
        self.must_penalty = must_penalty
        self.education_penalty = education_penalty
        self.occupations_per_title = occupations_per_title
        self.missing_skill_penalty = missing_skill_penalty

    # --- fitting -----------------------------------------------------------------------

    def fit(self, candidates: Iterable[Mapping]) -> "Matcher":
        """Learn the vocabularies from the candidates and index them; returns self."""
        if self.language_policy not in ("penalty", "filter"):
            raise ValueError("language_policy must be 'penalty' or 'filter'")
        records = [c if isinstance(c, dict) else dict(c) for c in candidates]
        self.taxonomy_ = Taxonomy.default()
        self._normalised = {}
        self._heads = None
        titles, skill_lists, texts, evidence = self._parts(records)
        # In large corpora, terms found in most profiles ("er", "years") say little but
        # make every query touch most rows: leave them out. Small corpora keep everything.
        common = 0.3 if len(records) >= 1000 else 1.0
        title_docs, title_rows, title_counts = distinct(titles)
        skill_docs, skill_rows, skill_counts = distinct(skill_lists)
        text_docs, text_rows, text_counts = distinct(texts)
        self.title_vectorizer_, title_matrix = fit_tfidf(
            title_docs,
            title_counts,
            max_df=common,
            analyzer=title_terms,
            max_features=200_000,
        )
        self.skills_vectorizer_, skills_matrix = fit_tfidf(
            [skills_document(s) for s in skill_docs],
            skill_counts,
            max_df=common,
            analyzer="char_wb",
            ngram_range=(3, 4),
            max_features=200_000,
            preprocessor=derive,
        )
        self.text_vectorizer_, text_matrix = fit_tfidf(
            text_docs,
            text_counts,
            max_df=common,
            max_features=300_000,
            # Words (\w+), "carpenter" and "carpentry" as one (see `matching.derivations`).
            tokenizer=derived_words,
            token_pattern=None,
        )
        self.one_document_ = {
            "title": OneDocument(self.title_vectorizer_),
            "skills": OneDocument(self.skills_vectorizer_),
            "text": OneDocument(self.text_vectorizer_),
        }
        self.n_occupations_ = len(self.taxonomy_.occupations)
        groups = sorted({isco[:3] for _label, isco in self.taxonomy_.occupations})
        self.group_index_ = {g: n for n, g in enumerate(groups)}
        # Distinct titles and skill lists ("keys"), each with its vectors.
        self.title_key_of_ = {}
        self.title_blocks_ = [
            Rows(len(self.title_vectorizer_.vocabulary_)),
            Rows(self.n_occupations_),
            Rows(len(self.group_index_)),
        ]
        self.title_occupation_ = []
        self.title_bits_ = np.zeros(0, dtype=np.uint8)
        self.skills_key_of_ = {}
        self.skills_block_ = Rows(len(self.skills_vectorizer_.vocabulary_))
        self.skills_canonical_ = []
        self.skill_postings_ = {}
        self.skills_bits_ = np.zeros(0, dtype=np.uint8)
        self.skill_counts_ = Counter()
        self._postings = {}
        self._title_nearest = {}
        self._role_parts = {}  # role record -> its query (see `_query`)
        self._title_vectors = {}  # role title -> its title blocks
        self._generation = 0
        self._rating_generation, self._unrated = 0, 0  # see corpus.RATING_DRIFT
        self._alive_count = None
        self._typical = (-1, 0.0)  # (generation, the pool's typical skill: `_typical_skill`)
        self._add_title_keys(title_docs, title_matrix)
        self._add_skill_keys(skill_docs, skills_matrix)
        # Rows: one per candidate.
        self.ids_ = []
        self.row_of_ = {}
        self.stored_ = []
        self._profiles = {}
        self._evidence_rows, self._evidence_covered = {}, 0  # see `_index_evidence`
        self._holding = {}  # see `_rows_holding`
        self.alive_ = np.zeros(0, dtype=bool)
        self.language_ranks_ = {}
        self.education_ = np.zeros(0, dtype=np.int8)
        self.title_key_ = np.zeros(0, dtype=np.int32)
        self.skills_key_ = np.zeros(0, dtype=np.int32)
        self.bits_ = np.zeros(0, dtype=np.uint8)
        self.kind_ = np.zeros(0, dtype=np.int32)  # each row's profile kind (see `_kinds`)
        self._kind_of = {}
        self.kind_title_ = np.zeros(0, dtype=np.int32)
        self.kind_skills_ = np.zeros(0, dtype=np.int32)
        self.kind_bits_ = np.zeros(0, dtype=np.uint8)
        self.text_block_ = Rows(len(self.text_vectorizer_.vocabulary_))
        self._append(
            records,
            np.array([self.title_key_of_[t] for t in title_docs], dtype=np.int32)[title_rows],
            np.array([self.skills_key_of_[s] for s in skill_docs], dtype=np.int32)[skill_rows],
            text_matrix[text_rows],
            evidence,
        )
        self._compact()
        self._normalised = {}
        return self

    def update(self, candidates: Iterable[Mapping]) -> "Matcher":
        """Add new candidates or replace existing ones (by id) without refitting.

        New candidates are vectorised with the vocabulary learned by `fit`; words
        it never saw do not count until the next `fit`. Skill rarity is kept current.
        """
        records = [dict(c) for c in candidates]
        latest = {r.get("id"): r for r in records}
        self._append(list(latest.values()))
        if self.text_block_.tail.shape[0] > max(1000, 0.1 * len(self.text_block_)):
            self._compact()
        return self

    def remove(self, ids: Iterable) -> "Matcher":
        """Stop ranking these candidates."""
        rows = []
        for candidate_id in ids:
            row = self.row_of_.pop(candidate_id, None)
            if row is not None and self.alive_[row]:
                self.alive_[row] = False
                rows.append(row)
        self._dead_rows = None
        self._count_skills(self.skills_key_[rows], -1)
        if (~self.alive_).sum() > 0.2 * max(1, len(self.alive_)):
            self._compact()
        return self

    @property
    def candidate_ids_(self) -> list:
        return [self.ids_[row] for row in np.flatnonzero(self.alive_)]

    def __len__(self) -> int:
        """Candidates ranked; counted once per change of the corpus (`_generation`), since
        rating a fair's roles asks it for every skill."""
        counted = self._alive_count
        if counted is None or counted[0] != self._generation:
            counted = self._alive_count = (self._generation, int(self.alive_.sum()))
        return counted[1]

    # --- queries ----------------------------------------------------------------------

    def rank(
        self,
        role: Mapping,
        k: int | None = 50,
        *,
        candidate_ids=None,
        hard_filters: bool = True,
        explain: bool = True,
    ) -> list[Result]:
        """The best `k` candidates for the role (all when k is None), best first.

        `candidate_ids` limits the ranking to those candidates. With ``hard_filters=False``
        requirements that would exclude candidates (``must`` languages) only lower their
        score strongly (``must_penalty``), so people can still look below the line. With
        ``explain=False`` results carry no explanation: the order of a long list is cheap,
        and the rows a person will read can be explained afterwards (rank again with
        `candidate_ids`; scores, and so the order, are the same).
        """
        ordered = self._ordered_rows(role, k, candidate_ids, hard_filters)
        if ordered is None:
            return []
        rows, scores, (query, title_parts, skills, text, written) = ordered
        if not explain:
            return [
                Result(self.ids_[row], role.get("id"), min(1.0, score), None)
                for row, score in zip(rows.tolist(), scores.tolist())
            ]
        # Each block's part of the score of the rows shown, for their explanations.
        parts = np.zeros((len(rows), len(BLOCKS)), dtype=np.float32)
        title_keys = self.title_key_[rows]
        for b, part in enumerate(title_parts):
            if part is not None:
                parts[:, b] = part[title_keys]
        if skills is not None:
            parts[:, 3] = skills[self.skills_key_[rows]]
            if written is not None:
                parts[:, 3] += written[rows]
        parts[:, 4] = text[rows]
        context = self._context(role, query.occupation, hard_filters, self.quiet_parts(query))
        return [
            Result(
                candidate_id=self.ids_[row],
                role_id=role.get("id"),
                score=min(1.0, score),
                explanation=self._explain_row(context, row_parts, row),
            )
            for row, score, row_parts in zip(
                rows.tolist(), scores.tolist(), explained_shares(parts)
            )
        ]

    def ranked_ids(self, role: Mapping, *, candidate_ids=None, hard_filters: bool = True) -> list:
        """The ids ``rank(role, k=None, ...)`` lists, in its order, without a `Result` each
        (what a long list needs to be sorted and paged).

        >>> m = Matcher().fit([{"id": 1, "skills": ["sewing"]}, {"id": 2, "skills": ["welding"]}])
        >>> m.ranked_ids({"title": "Welder", "required_skills": ["welding"]})
        [2, 1]
        """
        ordered = self._ordered_rows(role, None, candidate_ids, hard_filters)
        return [] if ordered is None else [self.ids_[row] for row in ordered[0].tolist()]

    def _ordered_rows(self, role: Mapping, k, candidate_ids, hard_filters: bool):
        """(rows, scores, score parts) best first, as `rank` lists them; None when empty."""
        if not len(self.alive_) or not len(self):
            return None
        query = self._query(role)
        total, title_parts, skills, text, written = self._scores(query, role, hard_filters)
        if candidate_ids is not None:
            rows = self._rows(candidate_ids)
            scores = total[rows]
        else:
            if self._dead_rows is None:
                self._dead_rows = np.flatnonzero(~self.alive_)
            if len(self._dead_rows):
                total[self._dead_rows] = 0
            rows, scores = None, total
        if k is not None and k < len(scores):
            top = np.argpartition(-scores, k - 1)[:k]
            rows = top if rows is None else rows[top]
            scores = scores[top]
        elif rows is None:
            rows = np.arange(len(scores))
        positive = scores > 0
        rows, scores = rows[positive], scores[positive]
        order = np.lexsort((rows, -scores))
        rows, scores = rows[order], scores[order]
        return rows, scores, (query, title_parts, skills, text, written)

    # --- explanations -------------------------------------------------------------------


_WORD = re.compile(r"\w+")
