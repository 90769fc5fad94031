"""What the Matcher keeps of each candidate, and reads of it when explaining a rank."""

import functools
from collections.abc import Mapping

from . import levels
from .taxonomy import Taxonomy
from .text import as_list, normalise

SUFFIXES = ("ings", "ing", "ers", "er", "ors", "or", "ions", "ion", "ed", "es", "s")


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in text.split())


@functools.lru_cache(maxsize=4096)
def parse_language_text(text: str):
    return levels.parse_language(text)


@functools.lru_cache(maxsize=1024)
def education_rank_of(text: str) -> int:
    return levels.education_rank(text)


@functools.lru_cache(maxsize=8192)
def skill_key(skill: str) -> tuple[str, frozenset]:
    """A required skill's canonical ESCO name and word stems, computed once per skill."""
    canonical = Taxonomy.default().canonical_skill(skill)
    return canonical, stems(canonical)


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
    """The little of each candidate kept for explanations, until one is needed."""

    __slots__ = ("skills", "text", "languages", "education", "occupation", "locations", "programs")

    def __init__(self, record: Mapping, occupation):
        self.skills = tuple(as_list(record.get("skills")))
        self.text = " ".join(
            [str(record.get("headline") or ""), str(record.get("experience") or "")[:1000]]
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
        "evidence",
        "languages",
        "education",
        "occupation",
        "locations",
        "programs",
    )

    def __init__(self, stored: StoredProfile, taxonomy: Taxonomy):
        self.skills = frozenset(taxonomy.canonical_skill(s) for s in stored.skills)
        self.evidence = stems(normalise(stored.text + " " + " ".join(stored.skills)))
        self.languages = stored.languages
        self.education = stored.education
        self.occupation = stored.occupation
        self.locations = tuple(normalise(x) for x in stored.locations)
        self.programs = tuple(p for p in (levels.parse_program(x) for x in stored.programs) if p)
