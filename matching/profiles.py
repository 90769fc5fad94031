"""What the Matcher keeps of each candidate, and reads of it when explaining a rank."""

import functools
from collections.abc import Mapping

from . import levels
from .derivations import derive
from .doers import vocabulary_doers
from .lexicon import read_pairs
from .taxonomy import Taxonomy
from .text import as_list, normalise, skill_list

# Endings read off a word (once it is singular), longest first: "welders", "welding" -> "weld".
SUFFIXES = ("ing", "er", "or", "ion", "ed")
# Plurals that drop "es" (after a hiss); other words ending in "ss", "us", "is" are not plurals.
HISSING_PLURALS = ("sses", "shes", "ches", "xes")


def singular(word: str) -> str:
    """The singular of an English plural, read by its spelling: "vehicles" -> "vehicle",
    "batteries" -> "battery", "switches" -> "switch"; "process", "status", "analysis" stay.
    Words of four letters or fewer stay as written ("gas", "uses")."""
    if len(word) <= 4 or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith(HISSING_PLURALS):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem that shows a word in a profile: its singular, less one ending of
    `SUFFIXES`, so that "vehicle" and "vehicles", "process" and "processes" and
    "processing", "operator" and "operation" read alike."""
    word = singular(word)
    for suffix in SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def stems(text: str) -> frozenset[str]:
    """Word stems of a normalised text, each word read as its derivation family first."""
    return frozenset(stem(w) for w in derive(text).split())


@functools.cache
def _activity_stems() -> dict[str, tuple[tuple[frozenset, frozenset], ...]]:
    """(stems of a name, stems of the activity it satisfies): `pairs.tsv` both ways round, and
    the occupations the vocabulary names as doers of an activity (`doers`) one way; by one
    stem of the name (a text holds the name only if it holds that stem)."""
    # Occupations, and other names of up to three words: the words of a longer name ("gas metal
    # arc welding") each turn up in texts about something else.
    pairs = [
        (named, stems(normalise(activity)))
        for activity, also, kind in read_pairs()
        for named in [stems(normalise(also))]
        if kind == "occupation" or len(named - LABEL_FILLER) <= 3
    ]
    doers = [(stems(normalise(o)), stems(normalise(a))) for a, o in vocabulary_doers()]
    by_stem: dict[str, list] = {}
    for named, more in pairs + [(b, a) for a, b in pairs] + doers:
        if named:
            by_stem.setdefault(min(named), []).append((named, more))
    return {stem: tuple(found) for stem, found in by_stem.items()}


def with_activities(found: frozenset[str]) -> frozenset[str]:
    """Word stems of a text plus those of the activities its occupations do and back
    ("carpenter" is evidence of "carpentry", "welding" of "welder")."""
    by_stem = _activity_stems()
    extra = [more for stem in found for named, more in by_stem.get(stem, ()) if named <= found]
    return found.union(*extra) if extra else found


@functools.lru_cache(maxsize=4096)
def parse_language_text(text: str):
    return levels.parse_language(text)


@functools.lru_cache(maxsize=1024)
def education_rank_of(text: str) -> int:
    return levels.education_rank(text)


@functools.lru_cache(maxsize=65536)
def canonical_skill(skill: str) -> str:
    """The ESCO name for a skill synonym (normalised), remembered."""
    return Taxonomy.default().canonical_skill(skill)


def skills_document(skills) -> str:
    """A list of (normalised) skills as the skills part reads it: each by its canonical name,
    so that the names one activity goes by in English, Khmer and Japanese ("bricklaying",
    រៀបឥដ្ឋ "lay bricks", れんが積み) are one text."""
    return " ; ".join(canonical_skill(s) for s in skills)


# Words of ESCO skill labels that people do not write about their own work: a CV says "arc
# welding", the label "apply arc welding techniques". They are not needed as evidence.
LABEL_FILLER = stems(
    "apply use perform carry out ensure techniques technique standard procedures methods"
    " principles based articles to of the and for in with a an on"
)


@functools.lru_cache(maxsize=8192)
def skill_key(skill: str) -> tuple[str, frozenset]:
    """A required skill's canonical ESCO name and the word stems that show it in a profile,
    computed once per skill."""
    canonical = Taxonomy.default().canonical_skill(skill)
    return canonical, (stems(canonical) - LABEL_FILLER) or stems(canonical)


@functools.lru_cache(maxsize=8192)
def normalised(text: str) -> str:
    """`normalise`, remembered for short texts that repeat (locations)."""
    return normalise(text)


@functools.lru_cache(maxsize=1024)
def program_of(text: str) -> str:
    return levels.parse_program(text)


def languages_of(entries) -> dict:
    """Best level per language code."""
    found = {}
    for entry in entries or []:
        parsed = (
            parse_language_text(entry) if isinstance(entry, str) else levels.parse_language(entry)
        )
        if parsed is not None:
            best = found.get(parsed.code)
            if best is None or parsed.rank > best.rank:
                found[parsed.code] = parsed
    return found


class StoredProfile:
    """The little of each candidate kept for explanations, until one is needed.

    `text` is the headline and the start of the experience; `normalised` says whether
    it was stored already normalised (with the skills), as the Matcher does, so that
    explaining does not normalise it again.
    """

    __slots__ = (
        "skills",
        "text",
        "languages",
        "education",
        "occupation",
        "locations",
        "programs",
        "normalised",
    )

    def __init__(self, record: Mapping, occupation, text: str | None = None):
        self.skills = tuple(skill_list(record.get("skills")))
        self.normalised = text is not None
        self.text = (
            text
            if text is not None
            else " ".join(
                [str(record.get("headline") or ""), str(record.get("experience") or "")[:1000]]
            )
        )
        self.languages = languages_of(record.get("languages"))
        self.education = education_rank_of(str(record.get("education") or ""))
        self.occupation = occupation
        self.locations = tuple(as_list(record.get("locations")))
        self.programs = tuple(as_list(record.get("programs")))


class ExplainedProfile:
    """What an explanation reads of one candidate."""

    __slots__ = (
        "skills",
        "_evidence",
        "_text",
        "languages",
        "education",
        "occupation",
        "locations",
        "programs",
    )

    def __init__(self, stored: StoredProfile, taxonomy: Taxonomy):
        if taxonomy is Taxonomy.default():
            self.skills = frozenset(canonical_skill(s) for s in stored.skills)
        else:
            self.skills = frozenset(taxonomy.canonical_skill(s) for s in stored.skills)
        self._evidence = None
        self._text = stored if not stored.normalised else stored.text
        self.languages = stored.languages
        self.education = stored.education
        self.occupation = stored.occupation
        self.locations = tuple(normalised(x) for x in stored.locations)
        self.programs = tuple(p for p in (program_of(x) for x in stored.programs) if p)

    @property
    def evidence(self) -> frozenset[str]:
        """Word stems of the headline, experience and skills (computed when first read)."""
        if self._evidence is None:
            text = self._text
            if isinstance(text, StoredProfile):
                text = normalise(text.text + " " + " ".join(text.skills))
            self._evidence = with_activities(stems(text))
            self._text = None
        return self._evidence
