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


def held(name: str, words: frozenset, listed, profile: ExplainedProfile) -> bool:
    """The rule: a skill (its canonical `name` and word stems, `skill_key`) is held when
    its name is `listed` or every one of its words is in the profile's evidence (read, and
    so computed, only when the name is not listed)."""
    return name in listed or (bool(words) and words <= profile.evidence)


def holds(query, skill: str, canonical: set, profile: ExplainedProfile) -> bool:
    """Whether a profile holds one of the query's skills as a ranking counts it
    (`HoldingMixin._written_only`): `held`, for a profile that lists some skills (one that
    lists none has no skills part, and nothing is held against it)."""
    return bool(canonical) and held(skill, query.skill_stems.get(skill), canonical, profile)


class HoldingMixin:
    """The part of `Matcher` that finds the rows holding a skill: by its name, or by its words."""

    def _lists_with(self, skill: str) -> np.ndarray:
        """The distinct skill lists (their keys) that list this canonical skill, remembered
        until skill lists are added."""
        keys = self._postings.get(skill)
        if keys is None:
            keys = self._postings[skill] = np.asarray(
                self.skill_postings_.get(skill, []), dtype=np.int64
            )
        return keys

    def _listing(self, keys: np.ndarray, skill: str) -> np.ndarray:
        """Whether each of these skill lists (keys) lists this canonical skill: a mask over
        the distinct lists, read per key (cheaper than `np.isin` for many rows)."""
        listing = np.zeros(len(self.skills_bits_), dtype=bool)
        listing[self._lists_with(skill)] = True
        return listing[keys]

    def _written_only(self, query, skills) -> Iterator[tuple[np.ndarray, str]]:
        """For each of these skills, the rows that hold it without listing it, with the
        skill: rows that list some skills and write every word of this one in their
        headline, experience or skills.

        Held is what the explanation's "has" and "lacks" and the band read
        (`ExplainingMixin._holds`, `Matcher.bands`): listed (its canonical name) or every
        word written. The score reads the same rule (`ScoringMixin._scores`), so it
        never counts a skill as lacking, or as absent, that the page shows as held: a welder
        who lists "pipe welding" and writes "TIG welding of pipes" holds "TIG welding", and
        the English, Khmer and Japanese versions of one person hold what one of them names
        differently from the role.
        """
        for skill in skills:
            words = query.skill_stems.get(skill)
            found = self._rows_writing(skill, words) if words else ()
            if len(found):
                yield found, skill

    def _rows_writing(self, skill: str, words: frozenset) -> np.ndarray:
        """The rows that list some skills, not this one, and write every one of its words
        (`_rows_holding`), remembered as long as those rows are."""
        key = (self._generation, len(self.stored_))
        found = self._holding.get((skill, words))
        if found is None or found[0] != key:
            rows = self._rows_holding(words)
            keys = self.skills_key_[rows]
            rows = rows[~self._listing(keys, skill) & (self.skills_bits_[keys] != 0)]
            found = self._holding[(skill, words)] = (key, rows)
        return found[1]

    def _written(self, query) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Per row, what it holds of the role's skills without listing them
        (`_written_only`): the weighted skills part the skill lists' exact share
        (`ScoringMixin._key_scores`) misses, and the share of the required skills held so
        (for the missing-skill penalty); (None, None) when no row holds one so."""
        found = list(self._written_only(query, query.skill_weights))
        if not found:
            return None, None
        rows = np.concatenate([rows for rows, _skill in found])
        n = len(self.skills_key_)

        def summed(weight_of: dict) -> np.ndarray:
            shares = [np.full(len(r), weight_of.get(s, 0.0), dtype=np.float32) for r, s in found]
            return np.bincount(rows, np.concatenate(shares), n).astype(np.float32)

        part = summed(query.skill_weights)
        part *= np.float32(EXACT_SKILL_SHARE * float(query.weights[3]))
        return part, summed(query.required_weights)

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
