"""The Matcher: fielded TF-IDF over titles, skills and experience, expanded with ESCO
occupations, with language, education and programme rules on top."""

import re
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from . import levels
from .explain import Explanation, LanguageFit, Result
from .profiles import ExplainedProfile, StoredProfile, skill_key
from .taxonomy import Taxonomy
from .text import OneDocument, as_list, normalise

BLOCKS = ("title", "occupation", "group", "skills", "text")


class Matcher:
    """Rank candidates for a role, and roles for a candidate, with explanations.

    Parameters
    ----------
    title_weight, occupation_weight, group_weight, skills_weight, text_weight : float
        Shares of the score given to the title's character n-grams, to the ESCO
        occupations the titles resolve to, to their ISCO-08 groups, to the skills and
        to the free text (experience, description). They are normalised to sum to 1.
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

    Attributes
    ----------
    candidate_ids_ : list
        Ids of the candidates currently ranked, in row order.

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

    # --- fitting -----------------------------------------------------------------------

    def fit(self, candidates: Iterable[Mapping]) -> "Matcher":
        """Learn the vocabularies from the candidates and index them; returns self."""
        if self.language_policy not in ("penalty", "filter"):
            raise ValueError("language_policy must be 'penalty' or 'filter'")
        records = [c if isinstance(c, dict) else dict(c) for c in candidates]
        self.taxonomy_ = Taxonomy.default()
        # In large corpora, terms found in most profiles ("er", "years") say little but
        # make every query touch most rows: leave them out. Small corpora keep everything.
        common = 0.3 if len(records) >= 1000 else 1.0
        self.title_vectorizer_ = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 4),
            sublinear_tf=True,
            dtype=np.float32,
            max_features=200_000,
            max_df=common,
        )
        self.skills_vectorizer_ = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 4),
            sublinear_tf=True,
            dtype=np.float32,
            max_features=200_000,
            max_df=common,
        )
        self.text_vectorizer_ = TfidfVectorizer(
            sublinear_tf=True,
            dtype=np.float32,
            max_features=300_000,
            max_df=common,
            token_pattern=r"(?u)\b\w+\b",
        )
        titles = [self._title_text(r) for r in records]
        skills = [self._skills_text(r) for r in records]
        texts = [self._candidate_text(r) for r in records]
        # Vocabularies need at least one non-empty document each (the extra row is dropped).
        fitted = [
            _l2(vectorizer.fit_transform(documents + [filler])[:-1])
            for vectorizer, documents, filler in (
                (self.title_vectorizer_, titles, "job"),
                (self.skills_vectorizer_, skills, "work"),
                (self.text_vectorizer_, texts, "work"),
            )
        ]
        self.one_document_ = {
            "title": OneDocument(self.title_vectorizer_),
            "skills": OneDocument(self.skills_vectorizer_),
            "text": OneDocument(self.text_vectorizer_),
        }
        self.n_occupations_ = len(self.taxonomy_.occupations)
        groups = sorted({isco[:3] for _label, isco in self.taxonomy_.occupations})
        self.group_index_ = {g: n for n, g in enumerate(groups)}
        self.ids_ = []
        self.row_of_ = {}
        self.stored_ = []
        self._profiles = {}
        self.alive_ = np.zeros(0, dtype=bool)
        self.language_ranks_ = {}
        self.education_ = np.zeros(0, dtype=np.int8)
        self.base_ = [sp.csc_matrix((0, w), dtype=np.float32) for w in self._block_widths()]
        self.delta_ = [sp.csr_matrix((0, w), dtype=np.float32) for w in self._block_widths()]
        self._append(records, titles, skills, texts, fitted=fitted)
        self._compact()
        return self

    @staticmethod
    def _title_text(record: Mapping) -> str:
        return normalise(record.get("headline") or record.get("title") or "")

    @staticmethod
    def _skills_text(record: Mapping) -> str:
        return " ; ".join(normalise(s) for s in as_list(record.get("skills")))

    @staticmethod
    def _candidate_text(record: Mapping) -> str:
        parts = [
            record.get("headline"),
            " ".join(as_list(record.get("skills"))),
            record.get("experience"),
            record.get("education"),
        ]
        return normalise(" ".join(str(p) for p in parts if p))

    def _occupation_blocks(self, titles: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix, list]:
        """Soft occupation and ISCO-group vectors for titles, from their nearest ESCO labels."""
        neighbours = self.taxonomy_.nearest(titles, k=self.occupations_per_title)
        occ_rows, occ_cols, occ_vals = [], [], []
        grp_rows, grp_cols, grp_vals = [], [], []
        best = []
        for row, found in enumerate(neighbours):
            best.append(found[0] if found else None)
            groups = Counter()
            for occupation in found:
                weight = occupation.similarity**2
                occ_rows.append(row)
                occ_cols.append(occupation.index)
                occ_vals.append(weight)
                groups[self.group_index_[occupation.isco[:3]]] += weight
            for group, weight in groups.items():
                grp_rows.append(row)
                grp_cols.append(group)
                grp_vals.append(weight)
        shape_o = (len(titles), self.n_occupations_)
        shape_g = (len(titles), len(self.group_index_))
        occupations = sp.csr_matrix(
            (occ_vals, (occ_rows, occ_cols)), shape=shape_o, dtype=np.float32
        )
        groups = sp.csr_matrix((grp_vals, (grp_rows, grp_cols)), shape=shape_g, dtype=np.float32)
        return _l2(occupations), _l2(groups), best

    def _vectors(self, titles, skills, texts) -> tuple[list[sp.csr_matrix], list]:
        """One row-normalised matrix per block (see BLOCKS), and each title's occupation."""
        occupations, groups, best = self._occupation_blocks(titles)
        blocks = [
            _l2(self.title_vectorizer_.transform(titles)),
            occupations,
            groups,
            _l2(self.skills_vectorizer_.transform(skills)),
            _l2(self.text_vectorizer_.transform(texts)),
        ]
        return blocks, best

    def _append(self, records, titles=None, skills=None, texts=None, fitted=None) -> None:
        if not records:
            return
        titles = titles or [self._title_text(r) for r in records]
        skills = skills or [self._skills_text(r) for r in records]
        texts = texts or [self._candidate_text(r) for r in records]
        if fitted is None:
            blocks, best = self._vectors(titles, skills, texts)
        else:
            occupations, groups, best = self._occupation_blocks(titles)
            blocks = [fitted[0], occupations, groups, fitted[1], fitted[2]]
        start = len(self.ids_)
        profiles = [StoredProfile(r, occ) for r, occ in zip(records, best)]
        for offset, record in enumerate(records):
            candidate_id = record.get("id")
            old = self.row_of_.get(candidate_id)
            if old is not None:
                self.alive_[old] = False
            self.row_of_[candidate_id] = start + offset
            self.ids_.append(candidate_id)
        self.stored_.extend(profiles)
        self.alive_ = np.concatenate([self.alive_, np.ones(len(records), dtype=bool)])
        self.education_ = np.concatenate(
            [self.education_, np.array([p.education for p in profiles], dtype=np.int8)]
        )
        codes = set(self.language_ranks_) | {c for p in profiles for c in p.languages}
        for code in codes:
            column = self.language_ranks_.get(code, np.zeros(start, dtype=np.int8))
            added = np.array(
                [p.languages[code].rank if code in p.languages else 0 for p in profiles],
                dtype=np.int8,
            )
            self.language_ranks_[code] = np.concatenate([column, added])
        self.delta_ = [
            new if old.shape[0] == 0 else sp.vstack([old, new], format="csr", dtype=np.float32)
            for old, new in zip(self.delta_, blocks)
        ]

    def _compact(self) -> None:
        """Drop replaced and removed rows and fold recent rows into the column-major index."""
        keep = np.flatnonzero(self.alive_)
        everyone = len(keep) == len(self.alive_)
        merged = []
        for b, (base, delta) in enumerate(zip(self.base_, self.delta_)):
            block = delta if base.shape[0] == 0 else sp.vstack([base.tocsr(), delta], format="csr")
            self.base_[b] = self.delta_[b] = None  # let the old copies go before the new one
            merged.append((block if everyone else block[keep]).tocsc())
        self.base_ = merged
        self.delta_ = [sp.csr_matrix((0, block.shape[1]), dtype=np.float32) for block in merged]
        self.ids_ = [self.ids_[i] for i in keep]
        self.stored_ = [self.stored_[i] for i in keep]
        self._profiles = {}
        self.row_of_ = {candidate_id: row for row, candidate_id in enumerate(self.ids_)}
        self.alive_ = np.ones(len(keep), dtype=bool)
        self.education_ = self.education_[keep]
        self.language_ranks_ = {c: ranks[keep] for c, ranks in self.language_ranks_.items()}

    def update(self, candidates: Iterable[Mapping]) -> "Matcher":
        """Add new candidates or replace existing ones (by id) without refitting.

        New candidates are vectorised with the vocabulary learned by `fit`; words
        it never saw do not count until the next `fit`.
        """
        records = [dict(c) for c in candidates]
        latest = {r.get("id"): r for r in records}
        self._append(list(latest.values()))
        if self.delta_[0].shape[0] > max(1000, 0.1 * self.base_[0].shape[0]):
            self._compact()
        return self

    def remove(self, ids: Iterable) -> "Matcher":
        """Stop ranking these candidates."""
        for candidate_id in ids:
            row = self.row_of_.pop(candidate_id, None)
            if row is not None:
                self.alive_[row] = False
        if (~self.alive_).sum() > 0.2 * max(1, len(self.alive_)):
            self._compact()
        return self

    @property
    def candidate_ids_(self) -> list:
        return [self.ids_[row] for row in np.flatnonzero(self.alive_)]

    def __len__(self) -> int:
        return int(self.alive_.sum())

    # --- queries ----------------------------------------------------------------------

    def _weights(self) -> np.ndarray:
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
        return weights / weights.sum()

    def _role_texts(self, role: Mapping) -> tuple[str, str, str]:
        required = as_list(role.get("required_skills"))
        preferred = as_list(role.get("preferred_skills"))
        title = normalise(role.get("title") or role.get("headline") or "")
        skills = " ; ".join(normalise(s) for s in required + required + preferred)
        text = normalise(
            " ".join(
                str(p)
                for p in [
                    role.get("title"),
                    " ".join(required * 2),
                    " ".join(preferred),
                    role.get("description"),
                ]
                if p
            )
        )
        return title, skills, text

    def _role_vectors(self, roles: list[Mapping]) -> tuple[list[sp.csr_matrix], list]:
        """Per-block query matrices, each scaled by its block's weight."""
        titles, skills, texts = zip(*(self._role_texts(r) for r in roles))
        blocks, best = self._vectors(list(titles), list(skills), list(texts))
        return [block * float(w) for block, w in zip(blocks, self._weights())], best

    def _query(self, role: Mapping) -> tuple[list[tuple[np.ndarray, np.ndarray]], object]:
        """One role as per-block (columns, weighted values), and its nearest occupation."""
        title, skills, text = self._role_texts(role)
        found = self.taxonomy_.nearest([title], k=self.occupations_per_title)[0] if title else []
        occupation = _soft_vector([(o.index, o.similarity**2) for o in found])
        groups: Counter = Counter()
        for o in found:
            groups[self.group_index_[o.isco[:3]]] += o.similarity**2
        blocks = [
            self.one_document_["title"](title),
            occupation,
            _soft_vector(list(groups.items())),
            self.one_document_["skills"](skills),
            self.one_document_["text"](text),
        ]
        weights = self._weights()
        query = [(columns, values * weights[b]) for b, (columns, values) in enumerate(blocks)]
        return query, (found[0] if found else None)

    def _block_widths(self) -> list[int]:
        return [
            len(self.title_vectorizer_.vocabulary_),
            self.n_occupations_,
            len(self.group_index_),
            len(self.skills_vectorizer_.vocabulary_),
            len(self.text_vectorizer_.vocabulary_),
        ]

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

    def _multipliers(self, role: Mapping, hard_filters: bool = True) -> np.ndarray:
        """Per-row multipliers from language and education rules; 0 excludes a row."""
        n = len(self.alive_)
        factor = np.ones(n, dtype=np.float32)
        for required, _must, _applied, if_nearly, if_not_met in self._requirements(
            role, hard_filters
        ):
            have = self.language_ranks_.get(required.code, np.zeros(n, dtype=np.int8))
            met = have >= required.rank
            nearly = (have > 0) & (have == required.rank - 1)
            factor[nearly] *= if_nearly
            factor[~met & ~nearly] *= if_not_met
        minimum = levels.education_rank(role.get("education"))
        if minimum > 0:
            below = (self.education_ >= 0) & (self.education_ < minimum)
            factor[below] *= self.education_penalty
        return factor

    def _block_scores(self, query: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        """Each block's weighted similarity for every row: shape (len(BLOCKS), rows)."""
        n = len(self.alive_)
        n_base = self.base_[0].shape[0]
        scores = np.zeros((len(BLOCKS), n), dtype=np.float32)
        for b, (base, delta, (columns, values)) in enumerate(zip(self.base_, self.delta_, query)):
            if not len(columns):
                continue
            scores[b, :n_base] = base[:, columns] @ values
            if delta.shape[0]:
                scores[b, n_base:] = delta[:, columns] @ values
        return scores

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
        if not len(self.alive_):
            return []
        query, best = self._query(role)
        parts = self._block_scores(query)
        scores = parts.sum(axis=0) * self._multipliers(role, hard_filters)
        eligible = self.alive_.copy()
        if candidate_ids is not None:
            allowed = np.zeros(len(self.alive_), dtype=bool)
            rows = [self.row_of_[c] for c in candidate_ids if c in self.row_of_]
            allowed[rows] = True
            eligible &= allowed
        eligible &= scores > 0
        rows = np.flatnonzero(eligible)
        if k is not None and k < len(rows):
            top = np.argpartition(-scores[rows], k - 1)[:k]
            rows = rows[top]
        order = rows[np.lexsort((rows, -scores[rows]))]
        return [
            Result(
                candidate_id=self.ids_[row],
                role_id=role.get("id"),
                score=float(min(1.0, scores[row])),
                explanation=(
                    self._explain(role, best, parts[:, row], row, hard_filters) if explain else None
                ),
            )
            for row in order
        ]

    def recommend(self, candidate: Mapping, roles: list[Mapping], k: int = 10) -> list[Result]:
        """The `k` roles that fit the candidate best, best first."""
        roles = list(roles)
        if not roles:
            return []
        record = dict(candidate)
        blocks, best = self._vectors(
            [self._title_text(record)], [self._skills_text(record)], [self._candidate_text(record)]
        )
        profile = ExplainedProfile(StoredProfile(record, best[0]), self.taxonomy_)
        queries, role_best = self._role_vectors(roles)
        parts = np.vstack(
            [np.asarray((q @ block.T).todense()).ravel() for q, block in zip(queries, blocks)]
        )
        results = []
        for index, role in enumerate(roles):
            multiplier, fits, penalties = self._rules_for(role, profile)
            score = float(min(1.0, parts[:, index].sum() * multiplier))
            if score <= 0:
                continue
            explanation = self._explanation(
                role, role_best[index], parts[:, index], profile, fits, penalties
            )
            results.append(Result(record.get("id"), role.get("id"), score, explanation))
        results.sort(key=lambda r: -r.score)
        return results[:k]

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

    # --- explanations -------------------------------------------------------------------

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

    def _rules_for(
        self, role: Mapping, profile: ExplainedProfile, hard_filters: bool = True
    ) -> tuple[float, list[LanguageFit], dict]:
        multiplier, fits, penalties = 1.0, [], {}
        for required, must, applied, if_nearly, if_not_met in self._requirements(
            role, hard_filters
        ):
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
        minimum = levels.education_rank(role.get("education"))
        if minimum > 0 and 0 <= profile.education < minimum:
            multiplier *= self.education_penalty
            penalties["education"] = self.education_penalty
        return multiplier, fits, penalties

    def _explain(self, role, role_occupation, parts: np.ndarray, row: int, hard_filters=True):
        profile = self._profile(row)
        _multiplier, fits, penalties = self._rules_for(role, profile, hard_filters)
        return self._explanation(role, role_occupation, parts, profile, fits, penalties)

    def _explanation(self, role, role_occupation, parts, profile, fits, penalties) -> Explanation:
        total = float(parts.sum()) or 1.0
        contributions = {name: round(float(parts[b]) / total, 3) for b, name in enumerate(BLOCKS)}
        required = as_list(role.get("required_skills"))
        preferred = as_list(role.get("preferred_skills"))
        occupation = {}
        if role_occupation is not None or profile.occupation is not None:
            mine, theirs = profile.occupation, role_occupation
            occupation = {
                "candidate": mine.label if mine else None,
                "role": theirs.label if theirs else None,
                "same_occupation": bool(mine and theirs and mine.index == theirs.index),
                "same_group": bool(mine and theirs and mine.isco[:3] == theirs.isco[:3]),
            }
        minimum = levels.education_rank(role.get("education"))
        education = {}
        if minimum > 0:
            education = {
                "required": levels.EDUCATION_LEVELS[minimum],
                "candidate": levels.EDUCATION_LEVELS[profile.education]
                if profile.education >= 0
                else None,
                "met": profile.education >= minimum,
            }
        location = normalise(role.get("location") or "")
        program = levels.parse_program(role.get("program") or "")
        return Explanation(
            matched_required_skills=[s for s in required if self._has_skill(profile, s)],
            missing_required_skills=[s for s in required if not self._has_skill(profile, s)],
            matched_preferred_skills=[s for s in preferred if self._has_skill(profile, s)],
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


def _soft_vector(pairs: list[tuple[int, float]]) -> tuple[np.ndarray, np.ndarray]:
    """(columns, values) of a unit-length vector with the given weights."""
    if not pairs:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    pairs = sorted(pairs)
    columns = np.array([c for c, _w in pairs], dtype=np.int32)
    values = np.array([w for _c, w in pairs], dtype=np.float32)
    norm = float(np.sqrt(values @ values))
    return columns, values / norm if norm else values


def _l2(matrix: sp.spmatrix) -> sp.csr_matrix:
    """Scale each row to unit length (rows of zeros stay zero)."""
    matrix = sp.csr_matrix(matrix, dtype=np.float32)
    if matrix.shape[0] == 0:
        return matrix
    return normalize(matrix, norm="l2", copy=False)


_WORD = re.compile(r"\w+")
