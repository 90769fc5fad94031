"""The compact ESCO resource: occupations, ISCO-08 groups and skill names.

`Taxonomy.default()` loads ``matching/data/esco.json.gz`` once per process. It maps a
free-text job title to its nearest ESCO occupation label by character n-gram TF-IDF,
so that noisy titles ("factory hand", "sr. software eng") land on an occupation and
its ISCO group, and maps skill synonyms to a canonical skill name.

This service uses the ESCO classification of the European Commission.
"""

import functools
import gzip
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .derivations import derive, derived_words
from .lexicon import read_pairs
from .text import OneDocument, normalise

RESOURCE = Path(__file__).parent / "data" / "esco.json.gz"


def _words_key(text: str) -> tuple:
    return tuple(sorted(text.split()))


@functools.cache
def same_skill() -> dict[str, str]:
    """Names that satisfy one another in a skill list, each to the one matching uses: the
    occupation to its activity ("carpenter" to "carpentry") and other names of an activity."""
    return {normalise(also): normalise(activity) for activity, also, _kind in read_pairs()}


@functools.cache
def activities() -> frozenset[str]:
    """The names matching uses for activities (`pairs.tsv`'s first column), normalised."""
    return frozenset(same_skill().values())


@dataclass(frozen=True, slots=True)
class Occupation:
    index: int
    label: str
    isco: str
    similarity: float


# Preferred labels win ties with alternative labels of other occupations; an alternative
# label holding its own occupation's preferred label ("arc welder" of "welder") wins ties
# with the same label of another occupation ("arc welder" of "electron beam welder").
PREFERRED_BOOST, CONTAINING_BOOST, ALTERNATIVE_BOOST = 1.0, 0.98, 0.97
# A one-word label that ends this many other occupations' names names a kind of job.
GENERIC_HEADS = 3
# A label keeps this share of its similarity when it holds none of the title's words (by
# their IDF), and all of it when it holds them all: "meat processing worker" is near in
# its words to "seafood processing worker" but lacks its rarest one. Chosen on the JobBERT
# tune split (MRR 0.358 -> 0.367; labels 0.373 -> 0.369) and the triples (within 15 %, 30 -> 35).
COVERAGE_FLOOR = 0.5


def _label_boost(position: int, own: str, text: str) -> float:
    """How much a label's similarity counts: by whether it is its occupation's preferred label
    `own`, an alternative one that holds it whole ("arc welder" holds "welder"), or another."""
    if position == 0:
        return PREFERRED_BOOST
    return CONTAINING_BOOST if f" {own} " in f" {text} " else ALTERNATIVE_BOOST


def _names(labels: list[str], owners: list[int], names: list[str]) -> dict[str, str]:
    """Each label of exactly one occupation -> that occupation's preferred label (`names`),
    where they differ; not a one-word label that ends several other occupations' names
    ("driver" is an alternative label of hearse driver only, but names bus and train
    drivers too)."""
    heads = Counter(words[-1] for name in names if len(words := name.split()) > 1)
    owners_of: dict[str, set] = {}
    for text, index in zip(labels, owners):
        owners_of.setdefault(text, set()).add(index)
    found = {}
    for text, indexes in owners_of.items():
        if len(indexes) > 1 or (" " not in text and heads[text] >= GENERIC_HEADS):
            continue
        name = names[next(iter(indexes))]
        if name != text:
            found[text] = name
    return found


class Taxonomy:
    """Occupation and skill look-ups over the derived ESCO resource."""

    def __init__(self, resource: dict):
        self.occupations = [(label, isco) for label, isco, _alts in resource["occupations"]]
        self.isco_groups = dict(resource["isco_groups"])
        labels, owners, boost = [], [], []
        for index, (label, _isco, alternatives) in enumerate(resource["occupations"]):
            own = normalise(label)
            for position, text in enumerate([label, *alternatives]):
                labels.append(normalise(text))
                owners.append(index)
                boost.append(_label_boost(position, own, labels[-1]))
        self._label_owner = np.asarray(owners, dtype=np.int32)
        self._named = _names(
            labels, owners, [normalise(label) for label, _isco in self.occupations]
        )
        # Words find most titles; character n-grams catch misspellings and compounds.
        # N-grams in more than 5% of labels ("er", " op") cost much and tell little.
        self._word_vectorizer = TfidfVectorizer(
            ngram_range=(1, 2),
            sublinear_tf=True,
            dtype=np.float32,
            tokenizer=derived_words,  # a "welding" title meets the label "welder"
            token_pattern=None,
        )
        self._char_vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True, dtype=np.float32, max_df=0.05
        )
        self._word_labels = self._word_vectorizer.fit_transform(labels).T.tocsr()
        self._char_labels = self._char_vectorizer.fit_transform(labels).T.tocsr()
        self._word_one = OneDocument(self._word_vectorizer)
        self._char_one = OneDocument(self._char_vectorizer)
        self._label_boost = np.asarray(boost, dtype=np.float32)
        self._skill_canonical = {}
        for label, alternatives in resource["skills"]:
            for text in [label, *alternatives]:
                self._skill_canonical.setdefault(normalise(text), label)

    @classmethod
    @functools.cache
    def default(cls) -> "Taxonomy":
        with gzip.open(RESOURCE, "rt", encoding="utf-8") as handle:
            return cls(json.load(handle))

    def label_scores(self, texts: list[str]) -> np.ndarray:
        """Similarity of each (normalised) text to every ESCO label, dense: words and
        character n-grams, times how much of the text's words the label holds
        (`COVERAGE_FLOOR`)."""
        if len(texts) == 1:
            scores = np.zeros(len(self._label_owner), dtype=np.float32)
            for one, labels in (
                (self._word_one, self._word_labels),
                (self._char_one, self._char_labels),
            ):
                columns, values = one(texts[0])
                if len(columns):
                    scores += 0.5 * (labels[columns].T @ values)
            scores = scores[np.newaxis, :]
        else:
            words = (self._word_vectorizer.transform(texts) @ self._word_labels).toarray()
            chars = (self._char_vectorizer.transform(texts) @ self._char_labels).toarray()
            scores = 0.5 * words + 0.5 * chars
        return scores * self._coverage(texts) * self._label_boost

    def _coverage(self, texts: list[str]) -> np.ndarray:
        """Per text and label, `COVERAGE_FLOOR` plus the rest times the share of the text's
        known words (weighted by IDF) the label holds; 1 for a text with no known word."""
        vocabulary, idf = self._word_vectorizer.vocabulary_, self._word_vectorizer.idf_
        starts, labels = self._word_labels.indptr, self._word_labels.indices
        factors = np.ones((len(texts), len(self._label_owner)), dtype=np.float32)
        for row, text in enumerate(texts):
            columns = {vocabulary[w] for w in derived_words(text) if w in vocabulary}
            if not columns:
                continue
            total = float(sum(idf[c] for c in columns))
            held = np.zeros(len(self._label_owner), dtype=np.float32)
            for column in columns:  # the labels holding the word: its row of `_word_labels`
                held[labels[starts[column] : starts[column + 1]]] += idf[column] / total
            factors[row] = COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * held
        return factors

    def nearest(self, titles: list[str], *, k: int = 5, chunk: int = 64) -> list[list[Occupation]]:
        """Up to `k` nearest distinct ESCO occupations of each title, best first."""
        found: list[list[Occupation]] = [[] for _ in titles]
        unique: dict[str, list[int]] = {}
        for position, title in enumerate(titles):
            # Numbers ("operator 2", "level 3") do not change the occupation.
            text = " ".join(w for w in normalise(title).split() if not w.isdigit())
            if text:
                unique.setdefault(text, []).append(position)
        texts = list(unique)
        for start in range(0, len(texts), chunk):
            block = texts[start : start + chunk]
            scores = self.label_scores(block)
            width = min(scores.shape[1], 8 * k)
            candidates = np.argpartition(-scores, width - 1, axis=1)[:, :width]
            for row, text in enumerate(block):
                labels = candidates[row][np.argsort(-scores[row, candidates[row]])]
                occupations, seen = [], set()
                for label in labels:
                    similarity = float(scores[row, label])
                    index = int(self._label_owner[label])
                    if similarity <= 0 or index in seen:
                        continue
                    seen.add(index)
                    name, isco = self.occupations[index]
                    occupations.append(Occupation(index, name, isco, min(1.0, similarity)))
                    if len(occupations) == k:
                        break
                for position in unique[text]:
                    found[position] = occupations
        return found

    def occupation_name(self, title: str) -> str:
        """A normalised title that is a label of one ESCO occupation only, as that occupation's
        preferred label ("motorbike mechanic" and "motorcycle mechanic" are both "vehicle
        technician", "web engineer" is "web developer"); any other title as it is."""
        return self._named.get(title, title)

    def occupation_for(self, title: str) -> Occupation | None:
        """The nearest ESCO occupation of a title, or None."""
        found = self.nearest([title], k=1)[0]
        return found[0] if found else None

    def isco_label(self, code: str) -> str:
        return self.isco_groups.get(code, "")

    @functools.cached_property
    def _skill_synonyms(self) -> list[tuple[str, str]]:
        """(synonym, ESCO name), sorted. A short synonym ("ms word") leads to its ESCO name;
        long ones are lists of products."""
        return sorted(
            (synonym, name)
            for synonym, name in self._skill_canonical.items()
            if len(synonym.split()) <= 4
        )

    def suggest_skills(self, typed: str, limit: int = 12) -> list[str]:
        """Skill names for an autocomplete: those starting with the text first, then containing it."""
        text = normalise(typed)
        if len(text) < 2:
            return []
        found: dict[str, None] = {}
        for test in (str.startswith, str.__contains__):
            for synonym, name in self._skill_synonyms:
                if test(synonym, text):
                    found.setdefault(name)
        return list(found)[:limit]

    def canonical_skill(self, skill: str) -> str:
        """The ESCO name for a skill synonym, or the skill as written (normalised)."""
        text = normalise(skill)
        text = same_skill().get(text) or self._same_by_family.get(derive(text), text)
        if text in activities():
            # The names matching uses (pairs.tsv) stay: ESCO's "paint" (of painting) is an
            # alternative label of "express yourself creatively".
            return text
        if text not in self._skill_canonical:
            # "plumber" is the ESCO skill "plumbing"; two names of one family meet.
            text = self._skill_by_family.get(derive(text), derive(text))
        if text not in self._skill_canonical and " " in text:
            # Khmer puts the kind after the activity (ផ្សារ TIG: "welding tig"): a short name
            # whose words are those of a known name, in another order, is that name.
            # The name found may be another name of an activity (`pairs.tsv`): read it as that.
            text = self._names_by_words.get(_words_key(text), text)
            text = same_skill().get(text, text)
        return normalise(self._skill_canonical.get(text, text))

    @functools.cached_property
    def _skill_by_family(self) -> dict[str, str]:
        """Known skill names by their words read as derivation families ("plumbing" by
        "plumbing", "skilled translation" by "skilled translation"), the first name kept."""
        found: dict[str, str] = {}
        for name in self._skill_canonical:
            found.setdefault(derive(name), name)
        for name in same_skill().values():
            found.setdefault(derive(name), name)
        return found

    @functools.cached_property
    def _same_by_family(self) -> dict[str, str]:
        """`same_skill` by derivation family ("electrical" as "electrician" is read)."""
        found: dict[str, str] = {}
        for also, activity in same_skill().items():
            found.setdefault(derive(also), activity)
        return found

    @functools.cached_property
    def _names_by_words(self) -> dict[tuple, str]:
        """Known skill names of two to four words, by their words in any order."""
        found: dict[tuple, str] = {}
        for name in (*same_skill().values(), *same_skill(), *self._skill_canonical):
            if 1 < len(name.split()) <= 4:
                found.setdefault(_words_key(name), name)
        return found
