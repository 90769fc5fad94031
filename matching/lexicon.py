"""Japanese and Khmer job vocabulary, read as the English ESCO terms it stands for.

Japanese and Khmer are written without spaces between words, so a text is read the way a
dictionary user would: at each position, the longest known term wins (`溶接工` before
`溶接`), unless it swallows the start of the next word and leaves letters unread. Known terms become their English term (`溶接工` → "welder", `ផ្សារដែក` →
"welding"), place names their English name, job-ad noise (`急募`, "urgent") disappears, and
unknown stretches stay as written so that character n-grams can still match them within
the same script.

>>> lexicon = Lexicon([("溶接工", "welder", "occupation"), ("溶接", "welding", "skill"),
...                    ("大阪", "osaka", "place"), ("急募", "urgent", "noise")])
>>> lexicon.translate(fold("急募・溶接工（大阪）"))
'welder ( osaka )'

`Lexicon.default()` reads the files in ``matching/data/lexicon/``: the project's hand-checked
Japanese and Khmer lists first, then terms derived from JMdict (EDRDG, CC BY-SA 4.0).
"""

import csv
import functools
import gzip
import io
import re
from collections.abc import Iterable
from pathlib import Path

from .scripts import (
    FOREIGN_LETTER,
    KHMER_LETTER,
    SMALL_VOWELS,
    fold,
    unread_joined,
    whole_katakana_words,
    written_in,
)
from .wording import compose, tidy

DATA = Path(__file__).parent / "data" / "lexicon"
# Hand-checked lists win over derived ones when both know a term.
FILES = ("km.tsv", "ja_manual.tsv", "ja_jmdict.tsv.gz")
HAND_CHECKED = {"km.tsv", "ja_manual.tsv"}
CONTEXT = "context.tsv"
PAIRS = "pairs.tsv"
# Title endings that name the person doing the activity before them (溶接 + 工: a welder),
# by their English in the vocabulary; not 見習い (apprentice), 助手 (assistant) or 長 (head).
DOER_SUFFIXES = frozenset(
    (
        "craftsman",
        "occupation",
        "person",
        "person in charge",
        "professional",
        "qualified professional",
        "staff",
        "staff member",
        "worker",
    )
)
# Khmer puts the person before the activity (អ្នក / ជាង / កម្មករ / បុគ្គលិក + ផ្សារដែក: a welder):
# Khmer words of these English meanings, right before an activity, name the one who does it.
DOER_PREFIXES = DOER_SUFFIXES | {"person", "technician"}
_CUE_SPLIT = re.compile(r"[\s,;/()\[\]【】、。]+")
KINDS = ("occupation", "skill", "word", "suffix", "place", "noise")
_HIRAGANA = range(0x3041, 0x3097)
# The kinds whose terms are shown to readers ("word": industries, products, materials).
DISPLAYED = ("occupation", "skill", "word")
COENG = "\u17d2"  # the Khmer sign that makes the next consonant a subscript
KHMER_MARK = re.compile("[\u17b4-\u17d3\u17dd]")


class Lexicon:
    """Foreign-script terms to English, looked up by longest match.

    Parameters
    ----------
    entries : iterable of (term, english, kind) or (term, english, kind, checked)
        The first entry for a term wins. ``kind`` "noise" drops the term from the text.
        Hand-checked entries (``checked`` true, the default) are preferred for display.
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, str, str]],
        context: Iterable[tuple[str, str, str, str]] = (),
        doers: Iterable[tuple[str, str]] = (),
    ):
        self.terms_: dict[str, tuple[str, str]] = {}
        self.english_: dict[tuple[str, str], str] = {}  # (english, script) -> first term
        longest: dict[str, int] = {}
        rank: dict[tuple[str, str], tuple] = {}
        for term, english, kind, *checked in entries:
            key = fold(term).strip()
            english = " ".join(english.lower().split())
            if not key or key in self.terms_:
                continue
            self.terms_[key] = (english, kind)
            longest[key[0]] = max(longest.get(key[0], 0), len(key))
            if kind in DISPLAYED:
                # A job's or an activity's own term first; a word's only where none is known.
                order = (kind == "word", 0 if (checked or [True])[0] else 1, *_display_order(term))
                slot = (english, written_in(term))
                if slot not in rank or order < rank[slot]:
                    rank[slot] = order
                    self.english_[slot] = term.strip()
        self.longest_ = longest
        # A term whose meaning depends on its neighbours: ផ្សារ is "market", but "welding"
        # beside TIG or metal. Cues are English words (any script's term counts through its
        # English) or written words, within two stretches either side.
        # The person who does an activity ("welding": "welder"), for an activity + suffix.
        self.doers_: dict[str, str] = {}
        for activity, occupation in doers:
            self.doers_.setdefault(" ".join(activity.lower().split()), occupation.lower())
        self.context_: dict[str, list[tuple[frozenset, str, str]]] = {}
        for term, english, kind, cues in context:
            words = frozenset(fold(cue).strip() for cue in cues.split("|") if cue.strip())
            self.context_.setdefault(fold(term).strip(), []).append(
                (words, " ".join(english.lower().split()), kind)
            )

    @classmethod
    @functools.cache
    def default(cls) -> "Lexicon":
        return cls(
            (
                (*entry, name in HAND_CHECKED)
                for name in FILES
                if (DATA / name).exists()
                for entry in _read(DATA / name)
                if name in HAND_CHECKED or _safe_derived(*entry)
            ),
            context=_read_context(DATA / CONTEXT),
            doers=[(a, also) for a, also, kind in read_pairs() if kind == "occupation"],
        )

    def segments(self, text: str, source: str = "") -> list[tuple[str, str | None, str | None]]:
        """(surface, english, kind) per stretch of a folded text; english is None when unknown.
        At each position the longest known term wins; where that leaves letters unread, the
        reading that leaves the fewest letters unread (then has the fewest terms) wins
        instead: greedy 機械工 + 場 ("machinist" and an unread 場) becomes 機械 + 工場
        ("machine factory"), ជាងម៉ាស៊ីន + ហ្វ្រេស becomes ជាង + ម៉ាស៊ីនហ្វ្រេស (milling machine);
        and the katakana words of `source`, the text before folding, read whole or not at all.
        """
        found = self._longest(text)
        if any(english is None and FOREIGN_LETTER.search(s) for s, english, _ in found):
            found = whole_katakana_words(self._reread(text, found), source)
        found = self._in_context(found) if self.context_ else found
        return self._with_doers(found) if self.doers_ else found

    def _reread(self, text: str, found: list) -> list:
        """`found` with each unread stretch read again together with the term before it
        (`_fewest_unread`), where that leaves fewer letters unread. No known term starts
        inside an unread stretch (`_longest` tried each position), so only a term starting
        before it can read its letters: the one before, cut shorter."""
        starts = [0]
        for surface, _english, _kind in found:
            starts.append(starts[-1] + len(surface))
        result: list = []
        for k, (surface, english, _kind) in enumerate(found):
            boundary = starts[k]
            if (
                k
                and english is None
                and FOREIGN_LETTER.search(surface)
                # a term from the piece before that reaches into this one
                and any(
                    self._first(text, j, boundary - j + 1) for j in range(starts[k - 1], boundary)
                )
            ):
                again = self._fewest_unread(text[starts[k - 1] : starts[k + 1]])
                if _unread(again) < len(surface):  # the term before had no letter unread
                    result[-1:] = again
                    continue
            result.append(found[k])
        return unread_joined(result)

    def _first(self, text: str, i: int, shortest: int = 1, most: int = 0):
        """The longest known term starting at position i, of `shortest` to `most` characters
        (any length up to the longest term when `most` is 0), or None: none inside a Khmer
        cluster, none that ends before its own vowel sign or subscript."""
        char = text[i]
        if not FOREIGN_LETTER.match(char) or (i and text[i - 1] == COENG):
            return None
        n, terms = len(text), self.terms_
        most = min(most or self.longest_.get(char, 0), n - i)
        for end in range(i + most, i + shortest - 1, -1):
            entry = terms.get(text[i:end])
            if entry is not None and not (end < n and KHMER_MARK.match(text[end])):
                return (text[i:end], *entry)
        return None

    def _matches(self, text: str, i: int) -> Iterable[tuple[str, str, str]]:
        """Every known term starting at position i, longest first (`_first`)."""
        match = self._first(text, i)
        while match is not None:
            yield match
            match = self._first(text, i, most=len(match[0]) - 1) if len(match[0]) > 1 else None

    def _longest(self, text: str) -> list:
        """Longest match first, left to right."""
        found, unknown, i = [], [], 0
        while i < len(text):
            # Most characters start no term (Latin letters, digits, spaces): no look there.
            match = self._first(text, i) if text[i] in self.longest_ else None
            if match is None:
                unknown.append(text[i])
                i += 1
                continue
            if unknown:
                found.append(("".join(unknown), None, None))
                unknown = []
            found.append(match)
            i += len(match[0])
        if unknown:
            found.append(("".join(unknown), None, None))
        return found

    def _fewest_unread(self, text: str) -> list:
        """The reading with the fewest characters left unread, then the fewest terms."""
        n = len(text)
        best: list = [(0, 0)] + [None] * n  # (unread, terms) of the best reading of text[:i]
        back: list = [None] * (n + 1)
        for i in range(n):
            unread, terms = best[i]
            if best[i + 1] is None or (unread + 1, terms) < best[i + 1]:
                best[i + 1], back[i + 1] = (unread + 1, terms), (i, None)
            for match in self._matches(text, i):
                end = i + len(match[0])
                if best[end] is None or (unread, terms + 1) < best[end]:
                    best[end], back[end] = (unread, terms + 1), (i, match)
        found: list = []
        end = n
        while end:
            start, match = back[end]
            if match is not None:
                found.append(match)
            elif found and found[-1][1] is None:
                found[-1] = (text[start] + found[-1][0], None, None)
            else:
                found.append((text[start], None, None))
            end = start
        return found[::-1]

    def _with_doers(self, found: list) -> list:
        """An activity with a person's ending (製パン + スタッフ: baker) or, in Khmer, a person's
        word before it (អ្នក + រៀបចំបន្ទប់) as the occupation of whoever does that activity."""
        merged: list = []
        for surface, english, kind in found:
            before = merged[-1] if merged else None
            if (
                kind == "suffix"
                and english in DOER_SUFFIXES
                and before is not None
                and before[2] == "skill"
                and before[1] in self.doers_
            ):
                merged[-1] = (before[0] + surface, self.doers_[before[1]], "occupation")
            elif (
                kind == "skill"
                and english in self.doers_
                and before is not None
                and before[2] in ("word", "suffix", "noise")
                and before[1] in DOER_PREFIXES
                and KHMER_LETTER.match(before[0])
            ):
                merged[-1] = (before[0] + surface, self.doers_[english], "occupation")
            else:
                merged.append((surface, english, kind))
        return merged

    def _in_context(self, found: list) -> list:
        """Terms read by their neighbours where the context list says so."""
        for index, (surface, english, _kind) in enumerate(found):
            rules = self.context_.get(surface) if english is not None else None
            if not rules:
                continue
            near: set[str] = set()
            for other, meaning, _ in (
                found[max(0, index - 2) : index] + found[index + 1 : index + 3]
            ):
                near.update(_CUE_SPLIT.split(other))
                near.update((meaning or "").split())
                if meaning:
                    near.add(meaning)
            for cues, meaning, kind in rules:
                if cues & near:
                    found[index] = (surface, meaning, kind)
                    break
        return found

    def translate(self, text: str, source: str = "") -> str:
        """A folded text with its known Japanese and Khmer terms in English (`segments`).

        Unknown foreign stretches stay, except a lone hiragana (a particle such as の).
        """
        if not FOREIGN_LETTER.search(text):
            return text
        words = []
        for surface, english, kind in self.segments(text, source):
            if english is None:
                if not (len(surface.strip()) == 1 and ord(surface.strip()) in _HIRAGANA):
                    words.append(surface.strip())
            elif kind != "noise":
                words.append(english)
        return " ".join(w for w in words if w)

    def display(self, text: str, language: str) -> str:
        """A job title or skill as a reader of `language` ("en", "ja" or "km") knows it.

        Known Japanese and Khmer terms show in the reader's language ("溶接" reads "welding"
        on an English page and "ផ្សារដែក" on a Khmer one), term by term in a longer title
        ("溶接工（造船）" reads "ជាងផ្សារដែក (shipbuilding)"); words the vocabulary does not
        know stay as written, and text in the reader's own script stays as it is.

        >>> lexicon = Lexicon([("溶接工", "welder", "occupation"), ("ជាងផ្សារ", "welder", "occupation"),
        ...                    ("大阪", "Osaka", "place"), ("急募", "urgent", "noise")])
        >>> lexicon.display("急募 溶接工（大阪）", "km")
        'ជាងផ្សារ (osaka)'
        >>> lexicon.display("Welder", "ja")
        '溶接工'
        """
        folded = fold(text).strip()
        if not FOREIGN_LETTER.search(folded):
            return self.term_for(" ".join(folded.split()), language) or tidy(text)
        if language != "en" and written_in(text) == language:
            return tidy(text)
        whole = self.segments(folded)
        if len(whole) == 1 and whole[0][1] is not None and whole[0][2] != "noise":
            english = whole[0][1]
            return self.term_for(english, language) or english
        return compose(self, text, language)

    def term_for(self, english: str, language: str) -> str | None:
        """The Japanese ("ja") or Khmer ("km") word for an English occupation or skill, if known."""
        return self.english_.get((" ".join(english.lower().split()), language))


def _unread(found: list) -> int:
    """How many characters a reading leaves unknown."""
    return sum(len(surface) for surface, english, _kind in found if english is None)


def _safe_derived(term: str, _english: str, kind: str) -> bool:
    """Whether a dictionary-derived term is safe to look for inside unspaced text.

    Text is read folded, katakana as hiragana and small vowels as large ones, so a kana word
    can turn up inside the hiragana that carries the grammar: シティ "city" folds to してい
    (車の塗装をしていました), いたこ is in していたこと, かけ and あい are everywhere. A
    kana-only derived word is looked for only when it has katakana (a loanword: grammar is
    written in hiragana) of at least three syllables as written, a small vowel counting with
    the kana before it (シティ is two, as short as かけ). Other kana words, and one-character
    general words (found inside compounds), are left to the hand-checked lists.
    """
    if all("\u3040" <= c <= "\u30ff" for c in term):
        katakana = any("\u30a1" <= c <= "\u30fa" for c in term)
        if not katakana or sum(c not in SMALL_VOWELS for c in term) < 3:
            return False
    return kind != "word" or len(term) >= 2


def _display_order(term: str) -> tuple:
    """Which of several words for one English term to show: Japanese with kanji first (介護職員
    before ケアスタッフ), then the shorter; Khmer in the list's own order."""
    kanji = any("\u4e00" <= c <= "\u9fff" for c in term)
    return (0 if kanji else 1, len(term)) if written_in(term) == "ja" else (0, 0)


def read_pairs() -> list[tuple[str, str, str]]:
    """(activity, also, kind) rows of pairs.tsv: an occupation ("welder") or another name of an
    activity ("welding"), English."""
    rows = (DATA / PAIRS).read_text("utf-8").splitlines()
    return [
        (parts[0], parts[1], parts[2] if len(parts) > 2 else "name")
        for parts in (row.split("\t") for row in rows if row and not row.startswith("#"))
        if len(parts) >= 2
    ]


def _read_context(path: Path) -> list[tuple[str, str, str, str]]:
    """(term, english, kind, cues) rows of the context list, if there is one."""
    if not path.exists():
        return []
    rows = csv.reader(io.StringIO(path.read_text("utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [
        (row[0], row[1], row[2], row[3])
        for row in rows
        if len(row) >= 4 and not row[0].startswith("#") and row[2] in KINDS
    ]


def _read(path: Path) -> Iterable[tuple[str, str, str]]:
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    rows = csv.reader(io.StringIO(raw.decode("utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in rows:
        if len(row) >= 3 and not row[0].startswith("#") and row[2] in KINDS:
            yield row[0], row[1], row[2]
