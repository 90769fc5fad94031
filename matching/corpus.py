"""The candidates as an index: each profile's parts, its distinct titles and skill lists.

Titles and skill lists repeat across profiles, so each distinct title and skill list is
vectorised once, with its nearest ESCO occupations; rows point to them. A profile without a
headline gets its title from the experience ("Worked as a machine operator at ...")."""

import re
from collections import Counter

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from .index import GROUP, OCCUPATION, SKILLS, TEXT, TITLE, l2_rows
from .profiles import StoredProfile, skills_document
from .text import normalise, skill_list
from .titles import title_candidates, title_key

# An occupation inferred from experience text (no headline) needs at least this similarity.
INFERRED_MIN_SIMILARITY = 0.3

# Roles' remembered queries are re-rated once the candidates added, changed or removed since
# they were rated reach this share of the pool (at least one: a small pool re-rates after
# every change, exactly as a refit would). A national fair's 3,000 roles take about half a
# second to re-rate, while one of 50,000 profiles moves a skill's rarity by far less than
# the share.
RATING_DRIFT = 0.005


def distinct(items: list) -> tuple[list, np.ndarray, np.ndarray]:
    """(distinct items in first-seen order, each item's position among them, counts)."""
    position: dict = {}
    rows = np.fromiter(
        (position.setdefault(item, len(position)) for item in items),
        dtype=np.int64,
        count=len(items),
    )
    counts = np.bincount(rows, minlength=len(position)).astype(np.float64)
    return list(position), rows, counts


_CHARS = CountVectorizer(analyzer="char_wb", ngram_range=(2, 4)).build_analyzer()
# Word endings read as the singular ("welders", "cutters", "secretaries", "classes"); words
# ending so in the singular ("bus", "analysis", "glass") keep theirs.
_KEEP_S = re.compile(r"(?:ss|us|is|ys|ous|ics)$")


def singular(word: str) -> str:
    """A plural English word in the singular, by its ending ("welders" -> "welder").

    >>> [singular(w) for w in ["welders", "secretaries", "glasses", "analysis", "bus", "cook"]]
    ['welder', 'secretary', 'glass', 'analysis', 'bus', 'cook']
    """
    if len(word) < 4 or not word.endswith("s") or _KEEP_S.search(word):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    return word[:-1]


def title_terms(title: str) -> list[str]:
    """What the title part compares: the title's character n-grams (2 to 4, within words)
    with its words in the singular, so that plurals meet ("Welders, Cutters and Brazers" /
    "welder") as well as misspellings and other word orders do.

    Words as terms of their own beside the n-grams were tried: they lowered the JobBERT
    figures (MRR 0.330 to 0.329) and put one more fit below a no-fit in the triples.

    >>> title_terms("cooks") == title_terms("cook")
    True
    """
    return _CHARS(" ".join(singular(w) for w in title.split()))


class CorpusMixin:
    """The part of `Matcher` that adds, replaces and drops candidates."""

    def _norm(self, text) -> str:
        """`normalise`, remembered for the short texts (titles, skills) that repeat."""
        found = self._normalised.get(text)
        if found is None:
            if len(self._normalised) > 200_000:
                self._normalised.clear()
            found = self._normalised[text] = normalise(text)
        return found

    def _parts(self, records: list[dict]) -> tuple[list[str], list[tuple], list[str], list[str]]:
        """Each record's title (inferred from the experience when missing), distinct
        normalised skills, free text, and the text explanations look for skills in."""
        titles, skill_lists, texts, evidence, untitled = [], [], [], [], []
        for n, record in enumerate(records):
            headline = record.get("headline") or record.get("title") or ""
            title = self._norm(headline) if headline else ""
            skills = [self._norm(s) for s in skill_list(record.get("skills"))]
            named = skills_document(skills)  # the skills as the skills part reads them
            experience = normalise(record.get("experience")) if record.get("experience") else ""
            education = record.get("education")
            titles.append(title_key(title))
            # The title as compared (with the name of its occupation) is evidence of skills:
            # a "hotel receptionist" holds フロント業務 (hospitality establishment receptionist).
            evidence.append(" ".join(p for p in (titles[-1], experience[:1000], *skills) if p))
            skill_lists.append(tuple(sorted({s for s in skills if s})))
            texts.append(
                " ".join(p for p in (title, named, experience, self._norm(education)) if p)
                if education
                else " ".join(p for p in (title, named, experience) if p)
            )
            if not titles[-1] and record.get("experience"):
                untitled.append(n)
        if untitled:
            inferred = self._infer_titles([str(records[n]["experience"]) for n in untitled])
            for n, title in zip(untitled, inferred):
                titles[n] = title
        return titles, skill_lists, texts, evidence

    def _infer_titles(self, experiences: list[str]) -> list[str]:
        """A job title for each CV-shaped text, or "" when none resolves to an occupation.

        Candidates are phrases of the first lines: the words after "as (a|an)" and the
        head of each clause ("Machine operator at ...", "2016-2023: welder at ..."). A
        phrase counts when its last word ends an ESCO occupation label (operator, welder,
        cook...) or it is very near one; the nearest to an occupation wins.
        """
        if self._heads is None:
            self._heads = {
                normalise(label).split()[-1] for label, _isco in self.taxonomy_.occupations
            } - {""}
        options = [title_candidates(text) for text in experiences]
        unique = sorted({phrase for found in options for phrase, _bonus in found})
        nearest = dict(zip(unique, self.taxonomy_.nearest(unique, k=1)))
        titles = []
        for found in options:
            best, score = "", 0.0
            for phrase, bonus in found:
                match = nearest.get(phrase)
                if not match:
                    continue
                similarity = match[0].similarity
                is_job = phrase.split()[-1] in self._heads
                if not is_job and similarity < 0.9:
                    continue
                if similarity >= INFERRED_MIN_SIMILARITY and similarity + bonus > score:
                    best, score = phrase, similarity + bonus
            titles.append(best)
        return titles

    def _add_title_keys(self, texts: list[str], matrix: sp.csr_matrix | None = None) -> None:
        """Index new distinct titles: their n-grams, nearest occupations and groups."""
        if not texts:
            return
        if matrix is None:
            matrix = l2_rows(self.title_vectorizer_.transform(texts))
        neighbours = self.taxonomy_.nearest(texts, k=self.occupations_per_title)
        occ_rows, occ_cols, occ_vals = [], [], []
        grp_rows, grp_cols, grp_vals = [], [], []
        start = len(self.title_occupation_)
        for row, (text, found) in enumerate(zip(texts, neighbours)):
            self.title_key_of_[text] = start + row
            self.title_occupation_.append(found[0] if found else None)
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
        shape_o = (len(texts), self.n_occupations_)
        shape_g = (len(texts), len(self.group_index_))
        occupations = l2_rows(sp.csr_matrix((occ_vals, (occ_rows, occ_cols)), shape=shape_o))
        groups = l2_rows(sp.csr_matrix((grp_vals, (grp_rows, grp_cols)), shape=shape_g))
        bits = (
            (np.diff(matrix.indptr) > 0) * TITLE
            + (np.diff(occupations.indptr) > 0) * OCCUPATION
            + (np.diff(groups.indptr) > 0) * GROUP
        ).astype(np.uint8)
        self.title_bits_ = np.concatenate([self.title_bits_, bits])
        for block, rows in zip(self.title_blocks_, (matrix, occupations, groups)):
            block.append(rows)
            if block.tail.shape[0] > 1000:
                block.compact()

    def _add_skill_keys(self, skill_lists: list[tuple], matrix: sp.csr_matrix | None = None):
        """Index new distinct skill lists: their n-grams and canonical skills."""
        if not skill_lists:
            return
        if matrix is None:
            matrix = l2_rows(
                self.skills_vectorizer_.transform(list(map(skills_document, skill_lists)))
            )
        start = len(self.skills_canonical_)
        for row, skills in enumerate(skill_lists):
            key = start + row
            self.skills_key_of_[skills] = key
            canonical = frozenset(self.taxonomy_.canonical_skill(s) for s in skills)
            self.skills_canonical_.append(canonical)
            for skill in canonical:
                self.skill_postings_.setdefault(skill, []).append(key)
        bits = np.array([SKILLS if s else 0 for s in skill_lists], dtype=np.uint8)
        self.skills_bits_ = np.concatenate([self.skills_bits_, bits])
        self._postings = {}
        self.skills_block_.append(matrix)
        if self.skills_block_.tail.shape[0] > 1000:
            self.skills_block_.compact()

    def _count_skills(self, skill_keys: np.ndarray, sign: int) -> None:
        """Add (or, with sign=-1, take away) the skills of rows with these skill lists."""
        # Skill rarity (and the number of candidates) moved: roles' skill weights are stale,
        # and are re-rated once enough moved (RATING_DRIFT).
        self._generation += 1
        self._unrated += max(1, len(skill_keys))
        if self._unrated >= RATING_DRIFT * max(1, len(self.alive_)):
            self._rating_generation, self._unrated = self._generation, 0
        if not len(skill_keys):
            return
        keys, counts = np.unique(skill_keys, return_counts=True)
        for key, count in zip(keys.tolist(), counts.tolist()):
            for skill in self.skills_canonical_[key]:
                self.skill_counts_[skill] += sign * count

    def _append(
        self, records, title_keys=None, skills_keys=None, text_rows=None, evidence=None
    ) -> None:
        if not records:
            return
        if title_keys is None:
            titles, skill_lists, texts, evidence = self._parts(records)
            self._add_title_keys(sorted({t for t in titles if t not in self.title_key_of_}))
            self._add_skill_keys(sorted({s for s in skill_lists if s not in self.skills_key_of_}))
            title_keys = np.array([self.title_key_of_[t] for t in titles], dtype=np.int32)
            skills_keys = np.array([self.skills_key_of_[s] for s in skill_lists], dtype=np.int32)
            text_rows = l2_rows(self.text_vectorizer_.transform(texts))
        start = len(self.ids_)
        profiles = [
            StoredProfile(r, self.title_occupation_[key], text)
            for r, key, text in zip(records, title_keys.tolist(), evidence)
        ]
        replaced = []
        for offset, record in enumerate(records):
            candidate_id = record.get("id")
            old = self.row_of_.get(candidate_id)
            if old is not None and self.alive_[old]:
                self.alive_[old] = False
                replaced.append(old)
            self.row_of_[candidate_id] = start + offset
            self.ids_.append(candidate_id)
        self._count_skills(self.skills_key_[replaced], -1)
        self._count_skills(skills_keys, +1)
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
        self.title_key_ = np.concatenate([self.title_key_, title_keys])
        self.skills_key_ = np.concatenate([self.skills_key_, skills_keys])
        bits = (
            self.title_bits_[title_keys]
            | self.skills_bits_[skills_keys]
            | ((np.diff(text_rows.indptr) > 0) * TEXT).astype(np.uint8)
        )
        self.bits_ = np.concatenate([self.bits_, bits])
        self.kind_ = np.concatenate([self.kind_, self._kinds(title_keys, skills_keys, bits)])
        self.text_block_.append(text_rows)
        self._dead_rows = None

    def _kinds(self, title_keys: np.ndarray, skills_keys: np.ndarray, bits: np.ndarray):
        """The profile kind of each of these rows: its (title, skill list, parts present),
        numbered in the order first seen; rows of one kind score alike but for the text."""
        packed = (title_keys.astype(np.int64) << 40) | (skills_keys.astype(np.int64) << 8) | bits
        values, inverse = np.unique(packed, return_inverse=True)
        kinds = np.empty(len(values), dtype=np.int32)
        new = []
        for n, value in enumerate(values.tolist()):
            kind = self._kind_of.get(value)
            if kind is None:
                kind = self._kind_of[value] = len(self._kind_of)
                new.append(value)
            kinds[n] = kind
        if new:
            added = np.array(new, dtype=np.int64)
            self.kind_title_ = np.concatenate([self.kind_title_, (added >> 40).astype(np.int32)])
            self.kind_skills_ = np.concatenate(
                [self.kind_skills_, ((added >> 8) & 0xFFFFFFFF).astype(np.int32)]
            )
            self.kind_bits_ = np.concatenate([self.kind_bits_, (added & 0xFF).astype(np.uint8)])
        return kinds[inverse.reshape(-1)]

    def _compact(self) -> None:
        """Drop replaced and removed rows and fold recent rows into the column-major index."""
        keep = np.flatnonzero(self.alive_)
        everyone = len(keep) == len(self.alive_)
        self.text_block_.compact(None if everyone else keep)
        for block in [*self.title_blocks_, self.skills_block_]:
            block.compact()
        self.ids_ = [self.ids_[i] for i in keep]
        self.stored_ = [self.stored_[i] for i in keep]
        self._profiles = {}
        self._evidence_rows, self._evidence_covered = {}, 0
        self._holding = {}
        self.row_of_ = {candidate_id: row for row, candidate_id in enumerate(self.ids_)}
        self.alive_ = np.ones(len(keep), dtype=bool)
        self.education_ = self.education_[keep]
        self.language_ranks_ = {c: ranks[keep] for c, ranks in self.language_ranks_.items()}
        self.title_key_ = self.title_key_[keep]
        self.skills_key_ = self.skills_key_[keep]
        self.bits_ = self.bits_[keep]
        self.kind_ = self.kind_[keep]
        self._dead_rows = None
