"""Search keys: one text per profile or role that a word in any script finds.

A recruiter types 溶接, a candidate ផ្សារដែក, another "welding": each must find the same
people and jobs, whatever script they were written in. So a record's searched fields are
stored once more as a *search key*: the folded text (`scripts.fold`: one kana script,
NFKC, lower case; matching only, never shown), the English term of every word the
vocabulary knows, and that term's Japanese and Khmer words. A typed word then only has to
appear in the key, through one of its *alternatives* (the folded word, and its English
term when the vocabulary knows it).

>>> from matching.lexicon import Lexicon
>>> lexicon = Lexicon([("溶接", "welding", "skill"), ("ផ្សារដែក", "welding", "skill")])
>>> key = search_key(["Welding", "大阪"], lexicon=lexicon)
>>> all(word in key for word in ("welding", "溶接", "ផ្សារដែក", "大阪"))
True
>>> sorted(alternatives("ヨウセツ", lexicon=lexicon))
['ようせつ']
>>> sorted(alternatives("溶接", lexicon=lexicon))
['welding', '溶接']
"""

import functools
import re
from collections.abc import Iterable

from .lexicon import Lexicon
from .scripts import fold, has_foreign_script, written_in

# English phrases of up to this many words are looked up in the vocabulary ("arc welding").
LONGEST_PHRASE = 4
SCRIPTS = ("ja", "km")
_WORD = re.compile(r"[a-z0-9+#]+(?:[-'][a-z0-9]+)*")


def search_key(texts: Iterable[str], *, lexicon: Lexicon | None = None) -> str:
    """The search key of a record's texts (titles, skills, free text; never a person's
    name): folded texts, then the English and Japanese/Khmer words of every known term,
    one part per line, each part once."""
    lexicon = lexicon or Lexicon.default()
    parts: dict[str, None] = {}
    english: dict[str, None] = {}
    for text in texts:
        whole = fold(text or "")
        folded = " ".join(whole.split())
        if not folded:
            continue
        parts.setdefault(folded)
        for term in _known_english(folded, lexicon, whole, text):
            english.setdefault(term)
    for term in english:
        parts.setdefault(term)
        for script in SCRIPTS:
            if word := lexicon.term_for(term, script):
                parts.setdefault(fold(word))
    return "\n".join(parts)


def alternatives(word: str, *, lexicon: Lexicon | None = None) -> set[str]:
    """What a typed word may appear as in a search key: itself folded and, when the
    vocabulary knows it, its English reading ("ផ្សារដែក" → "welding")."""
    lexicon = lexicon or Lexicon.default()
    folded = " ".join(fold(word).split())
    found = {folded} if folded else set()
    if has_foreign_script(folded):
        english = lexicon.translate(folded)
        if english and not has_foreign_script(english):
            found.add(english)
    return found


def _known_english(folded: str, lexicon: Lexicon, whole: str, text: str) -> list[str]:
    """The English terms of the known words in a folded text (`whole` is ``fold(text)``,
    `folded` the same with its spaces collapsed): Japanese and Khmer terms read as matching
    reads them (`Lexicon.segments`), English phrases that name a term it knows."""
    found = []
    if has_foreign_script(folded):
        found += [
            english
            for _surface, english, kind in lexicon.segments(whole, text)
            if english is not None and kind != "noise"
        ]
    words = _WORD.findall(folded)
    for size in range(min(LONGEST_PHRASE, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if _is_term(phrase, lexicon):
                found.append(phrase)
    return found


def _is_term(phrase: str, lexicon: Lexicon) -> bool:
    return any(lexicon.term_for(phrase, script) for script in SCRIPTS)


def suggestions(typed: str, *, limit: int = 12, lexicon: Lexicon | None = None) -> list[str]:
    """Skill names for an autocomplete when the typer writes Japanese or Khmer: the
    vocabulary's word in the typer's script for each known skill the text begins (then
    contains), followed by those skills' English names. Khmer ផ្សារ offers ផ្សារដែក
    ("welding") before anything that merely contains the letters (ទីផ្សារ, "marketing")."""
    lexicon = lexicon or Lexicon.default()
    script = "km" if written_in(typed) == "km" else "ja"
    folded = " ".join(fold(typed).split())
    if not folded:
        return []
    english = [term for term in _skills_matching(folded, lexicon) if term]
    shown: dict[str, None] = {}
    for term in english:
        if word := lexicon.term_for(term, script):
            shown.setdefault(word)
    for term in english:
        shown.setdefault(term)
    return list(shown)[:limit]


def _skills_matching(folded: str, lexicon: Lexicon) -> list[str]:
    """English names of the known skills whose words begin with the text, then contain it;
    shorter words first (the word itself before its compounds), and among words as short the
    vocabulary's own order (its lists put a trade's common words first)."""
    starting, containing = [], []
    for position, (key, english, _kind) in enumerate(_skill_words(lexicon)):
        if key.startswith(folded):
            starting.append((len(key), position, english))
        elif folded in key:
            containing.append((len(key), position, english))
    return [english for _length, _position, english in sorted(starting) + sorted(containing)]


@functools.cache
def _skill_words(lexicon: Lexicon) -> list[tuple[str, str, str]]:
    return [
        (key, english, kind)
        for key, (english, kind) in lexicon.terms_.items()
        if kind == "skill" and has_foreign_script(key)
    ]
