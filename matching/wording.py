"""How a job title or skill reads to a person: the vocabulary's words, never its machinery.

Matching reads a folded text (hiragana for katakana, no marks: `scripts.fold`); a reader
sees the text as it was written, with each known term in the reader's language. Three
rules keep the seams out of sight:

- a run of Japanese or Khmer letters (no space or sign inside) is translated only when the
  vocabulary knows all of it, particles such as の between two known terms aside; otherwise
  it shows exactly as written, never half-translated ("衛生管理" does not read "health 管理");
- a word that ends one term and starts the next shows once ("civil engineering" followed
  by "engineer" reads "civil engineer");
- brackets left empty, by dropped job-ad noise or by the writer, go.

>>> from matching.lexicon import Lexicon
>>> lexicon = Lexicon([("溶接", "welding", "skill"), ("急募", "urgent", "noise")])
>>> compose(lexicon, "TIG溶接（急募）", "en")
'TIG welding'
>>> compose(lexicon, "ウェブ溶接", "en")
'ウェブ溶接'
"""

import re
import unicodedata

from .scripts import FOREIGN_LETTER, fold

# One written character with the marks and subscripts that belong to it.
_UNIT = re.compile(
    "[\u1780-\u17b3](?:\u17d2[\u1780-\u17b3]|[\u17b4-\u17d1\u17d3\u17dd\u200b-\u200d])*"
    "|.[\u0300-\u036f\u3099\u309a\uff9e\uff9f]*",
    re.S,
)
_FOREIGN_RUN = re.compile(f"(?:{FOREIGN_LETTER.pattern}|[\u17b4-\u17d3\u17dd\u3099\u309a])+")
# Japanese particles (folded: hiragana) that join two terms: 建設機械の運転, 図面を読む.
PARTICLES = frozenset("のをにとでやへ")
_EMPTY_BRACKETS = re.compile(r"\s*[(\[【「（［『〈《]\s*[)\]】」）］』〉》]")
_SPACE_INSIDE = re.compile(r"\s+([)\]】」）］』〉》、,.:;])|([(\[【「（［『〈《])\s+")
_REPEATED_MARK = re.compile(r"([・、])(?:\s*[・、])+")
# A list mark left with nothing on one side once a dropped word (特定技能, "urgent") is gone.
_DANGLING_MARK = re.compile(
    r"([(\[【「（［『〈《])\s*[・、,/]+\s*|\s*[・、,/]+\s*([)\]】」）］』〉》])|^\s*[・、,/]+\s*|\s*[・、,/]+\s*$"
)


def aligned_fold(text: str) -> tuple[str, list[int], list[int]]:
    """`fold(text)`, character by written character, with where each folded character came
    from: its written character's start and end offsets in `text`."""
    parts, starts, ends = [], [], []
    for unit in _UNIT.finditer(text):
        folded = fold(unit.group())
        parts.append(folded)
        starts += [unit.start()] * len(folded)
        ends += [unit.end()] * len(folded)
    return "".join(parts), starts, ends


def _pieces(lexicon, text: str):
    """(written, english, kind, foreign) per stretch of `text`: a known term, an unknown run
    of Japanese or Khmer letters, or anything else (spaces, signs, Latin letters)."""
    folded, starts, ends = aligned_fold(text)
    position = 0
    for surface, english, kind in lexicon.segments(folded):
        first, last = position, position + len(surface)
        position = last
        if english is not None:
            yield text[starts[first] : ends[last - 1]], english, kind, True
            continue
        cut = first
        for run in _FOREIGN_RUN.finditer(folded, first, last):
            if run.start() > cut:
                written = text[starts[cut] : ends[run.start() - 1]]
                yield unicodedata.normalize("NFKC", written), None, None, False
            yield text[starts[run.start()] : ends[run.end() - 1]], None, run.group(), True
            cut = run.end()
        if cut < last:
            yield (
                unicodedata.normalize("NFKC", text[starts[cut] : ends[last - 1]]),
                None,
                None,
                False,
            )


def _runs(pieces):
    """Pieces grouped into runs of letters written together, and the signs between them."""
    run: list = []
    for piece in pieces:
        if piece[3]:
            run.append(piece)
            continue
        if run:
            yield run
            run = []
        yield [piece]
    if run:
        yield run


def _known_throughout(run) -> bool:
    """Whether every letter of a run is a known term or a particle between two terms."""
    for index, (_written, english, folded, _foreign) in enumerate(run):
        if english is not None:
            continue
        between = 0 < index < len(run) - 1 and run[index + 1][1] is not None
        if not (folded in PARTICLES and between and run[index - 1][1] is not None):
            return False
    return True


def _join(words: list[str], word: str) -> None:
    """Append a translated term, showing a word shared by the two terms once."""
    if words and words[-1].isascii() and word.isascii() and words[-1].strip():
        before, after = words[-1].split(), word.split()
        if before[-1] == after[0] or (len(after[0]) >= 4 and before[-1].startswith(after[0])):
            words[-1] = " ".join(before[:-1])
            word = " ".join(after)
    words.append(word)


def compose(lexicon, text: str, language: str) -> str:
    """`text` for a reader of `language`: known terms in that language (or English), the
    reader's own script and unknown runs as written, no empty brackets or doubled words."""
    words: list[str] = []
    changed = False
    for run in _runs(_pieces(lexicon, text)):
        if not run[0][3]:
            words.append(run[0][0])
            continue
        written = "".join(piece[0] for piece in run)
        if _script(written) == language or not _known_throughout(run):
            words.append(written)
            continue
        changed = True
        for _written, english, kind, _foreign in run:
            if english is not None and kind != "noise":
                _join(words, lexicon.term_for(english, language) or english)
    if not changed:
        return tidy(text)
    shown = "".join(f" {w} " if w[:1].isalnum() else w for w in words if w)
    shown = _DANGLING_MARK.sub(r"\1\2", _REPEATED_MARK.sub(r"\1", shown))
    return tidy(shown.replace("、", ", ").replace("・", ", "))


def tidy(text: str) -> str:
    """One space between words, none inside brackets, no empty brackets."""
    text = " ".join(text.split())
    while True:
        emptied = _EMPTY_BRACKETS.sub("", text)
        if emptied == text:
            break
        text = emptied
    return _SPACE_INSIDE.sub(r"\1\2", text).strip()


def _script(text: str) -> str:
    return "km" if any("\u1780" <= c <= "\u19ff" for c in text) else "ja"
