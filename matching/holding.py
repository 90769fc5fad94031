"""Which of a role's skills each candidate holds: listed (its canonical name), or every word
of it written in the headline, experience or skills. One rule, read by the score (the
skills part and the missing-skill penalty), the explanation's "has" and "lacks"
(`ExplainingMixin._holds`) and the band (`Matcher.bands`), in both directions (`holds` for
`recommend`)."""

from array import array
from collections.abc import Iterator

import numpy as np

from .profiles import ExplainedProfile

# Share of the skills part given to exact (canonical) matches of the role's skills; the
# rest goes to the character n-gram similarity of the skill names.
EXACT_SKILL_SHARE = 0.5


def held(name: str, words: frozenset, listed, evidence: frozenset) -> bool:
    """The rule: a skill (its canonical `name` and word stems, `skill_key`) is held when
    its name is `listed` or every one of its words is in the `evidence`."""
    return name in listed or (bool(words) and words <= evidence)


def holds(query, skill: str, canonical: set, evidence: frozenset) -> bool:
    """Whether a profile holds one of the query's skills as a ranking counts it
    (`HoldingMixin._written_only`): `held`, for a profile that lists some skills (one that
    lists none has no skills part, and nothing is held against it)."""
    return bool(canonical) and held(skill, query.skill_words.get(skill), canonical, evidence)


NOWHERE = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))


def at(sparse: tuple[np.ndarray, np.ndarray], rows: np.ndarray) -> np.ndarray:
    """The values of a (rows ascending, values) pair at these rows, 0 where it has none."""
    have, values = sparse
    out = np.zeros(len(rows), dtype=np.float32)
    if len(have) and len(rows):
        position = np.minimum(np.searchsorted(have, rows), len(have) - 1)
        hit = have[position] == rows
        out[hit] = values[position[hit]]
    return out


class HoldingMixin:
    """The part of `Matcher` that finds the rows holding a skill by its words."""

    def _written_only(self, query, weights: dict) -> Iterator[tuple[np.ndarray, float]]:
        """For each of these skills, the rows that hold it without listing it, with its
        weight: rows that list some skills and write every word of this one in their
        headline, experience or skills.

        Held is what the explanation's "has" and "lacks" and the band read
        (`ExplainingMixin._holds`, `Matcher.bands`): listed (its canonical name) or every
        word written. The score reads the same rule (`ScoringMixin._scores`), so it
        never counts a skill as lacking, or as absent, that the page shows as held: a welder
        who lists "pipe welding" and writes "TIG welding of pipes" holds "TIG welding", and
        the English, Khmer and Japanese versions of one person hold what one of them names
        differently from the role.
        """
        for skill, weight in weights.items():
            words = query.skill_words.get(skill)
            found = self._rows_holding(words) if words else ()
            if not len(found):
                continue
            keys = self.skills_key_[found]
            listed = np.zeros(len(self.skills_canonical_), dtype=bool)
            listed[self.skill_postings_.get(skill, [])] = True
            found = found[~listed[keys] & (self.skills_bits_[keys] != 0)]
            if len(found):
                yield found, weight

    def _written_sums(self, query, weights: dict) -> tuple[np.ndarray, np.ndarray]:
        """(rows ascending, the summed weights of these skills each holds without listing
        them): the few rows `_written_only` corrects, not a value for every row."""
        found = list(self._written_only(query, weights))
        if not found:
            return NOWHERE
        rows = np.concatenate([rows for rows, _weight in found])
        weights_of = np.concatenate([np.full(len(r), w, dtype=np.float32) for r, w in found])
        unique, inverse = np.unique(rows, return_inverse=True)
        return unique, np.bincount(inverse, weights=weights_of).astype(np.float32)

    def _written_skills(self, query) -> tuple[np.ndarray, np.ndarray]:
        """(rows, the weighted skills part of the role's skills they hold without listing
        them): what the skill lists' exact share (`ScoringMixin._key_scores`) misses."""
        rows, sums = self._written_sums(query, query.skill_weights)
        return rows, sums * np.float32(EXACT_SKILL_SHARE * float(query.weights[3]))

    def _rows_with_words(self, words: frozenset) -> np.ndarray:
        """The rows (live or not, ascending) whose evidence holds every one of these words."""
        rows = None
        for word in sorted(words):
            mine = self._rows_with_word(word)
            rows = mine if rows is None else np.intersect1d(rows, mine, assume_unique=True)
        return rows if rows is not None else np.zeros(0, dtype=np.int64)

    def _rows_holding(self, words: frozenset) -> np.ndarray:
        """`_rows_with_words`, remembered until the candidates change: every ranking of a
        role with skills reads it (`_written_only`), and shortlists rank
        the same roles again and again."""
        key = (self._generation, len(self.stored_))
        found = self._holding.get(words)
        if found is None or found[0] != key:
            if len(self._holding) >= 4096:
                self._holding.clear()
            found = self._holding[words] = (key, self._rows_with_words(words))
        return found[1]

    def _rows_with_word(self, word: str) -> np.ndarray:
        """The rows whose evidence holds the word (ascending), from `_index_evidence`."""
        self._index_evidence()
        rows = self._evidence_rows.get(word)
        # A copy: a view would pin the list's buffer, and the list grows as rows arrive.
        return np.frombuffer(rows, dtype=np.int64).copy() if rows else np.zeros(0, dtype=np.int64)

    def _index_evidence(self) -> None:
        """Each evidence word's rows, extended by the rows added since the last look: rows
        are only ever appended (a changed profile is a new row), and compaction, which
        numbers rows anew, starts the lists again. Built once, a national fair's bands read
        a list per skill word instead of every candidate's evidence."""
        total = len(self.stored_)
        if self._evidence_covered >= total:
            return
        postings = self._evidence_rows
        for row in range(self._evidence_covered, total):
            known = self._profiles.get(row)
            if known is None:  # read once here; not kept, as explanations keep theirs
                known = ExplainedProfile(self.stored_[row], self.taxonomy_)
            for word in known.evidence:
                rows = postings.get(word)
                if rows is None:
                    rows = postings[word] = array("q")
                rows.append(row)
        self._evidence_covered = total
