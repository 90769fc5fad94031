"""Who does what, read off the vocabulary itself: an occupation term that is an activity term
with a person's word (溶接 + 工, 自動車整備 + 士, ជាង + ផ្សារដែក) pairs the occupation's English
with the activity's ("welder" does "welding", "vehicle technician" does "vehicle
maintenance").

`pairs.tsv` names such pairs by hand, both ways round (a welder is evidence of welding, and
welding of a welder); these are read one way only: being a vehicle technician is evidence
of vehicle maintenance, but doing design does not make an architect.

>>> sorted(doer_pairs([("溶接", "welding", "skill"), ("工", "worker", "suffix"),
...                    ("溶接工", "welder", "occupation")]))
[('welding', 'welder')]
"""

import functools
from collections.abc import Iterable

from .lexicon import DATA, DOER_PREFIXES, DOER_SUFFIXES, HAND_CHECKED, _read
from .scripts import fold

# Khmer and Japanese lists are read alike: a person's word after the activity (Japanese
# endings, kind suffix) or before it (Khmer words such as ជាង, អ្នក, កម្មករ).
_PERSON_KINDS = ("word", "suffix", "noise")


def doer_pairs(rows: Iterable[tuple[str, str, str]]) -> set[tuple[str, str]]:
    """(activity, occupation) in English, for each occupation term of `rows` (term, english,
    kind) that is an activity term of `rows` and a person's word."""
    rows = [(fold(term), english.lower(), kind) for term, english, kind in rows]
    activities = {term: english for term, english, kind in rows if kind == "skill"}
    after = {t for t, e, k in rows if k == "suffix" and e in DOER_SUFFIXES}
    before = {t for t, e, k in rows if k in _PERSON_KINDS and e in DOER_PREFIXES}
    found = set()
    for term, occupation, kind in rows:
        if kind != "occupation":
            continue
        for ending in after:
            if term.endswith(ending) and term[: -len(ending)] in activities:
                found.add((activities[term[: -len(ending)]], occupation))
        for person in before:
            if term.startswith(person) and term[len(person) :] in activities:
                found.add((activities[term[len(person) :]], occupation))
    return found


@functools.cache
def vocabulary_doers() -> tuple[tuple[str, str], ...]:
    """`doer_pairs` of the hand-checked Khmer and Japanese lists, sorted."""
    return tuple(
        sorted(set().union(*(doer_pairs(_read(DATA / name)) for name in sorted(HAND_CHECKED))))
    )
