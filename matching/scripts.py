"""Fold spellings that mean the same in Japanese and Khmer text, and digits of every script.

People type the same word in several ways: katakana or hiragana, small or large vowels
(ウェ, ウエ), full- or half-width; Khmer with invisible zero-width spaces, with a
subscript consonant (coeng) typed after the vowel sign instead of before it, or with
subscript ដ where others write subscript ត; numbers in
Khmer, Thai or full-width digits. `fold` maps each of these to one spelling, so the
vocabulary and the character n-grams see one word.

>>> fold("ウェイター") == fold("うえいたー")
True
>>> fold("០១២ ៣៤៥")
'012 345'
>>> fold("ក\u200bម្មករ") == fold("កម្មករ")
True
>>> fold("សន្ដិសុខ") == fold("សន្តិសុខ")
True
"""

import re
import unicodedata

# Katakana letters sit 0x60 above their hiragana.
_KATAKANA = range(0x30A1, 0x30F7)
_SMALL_KANA = dict(zip("ぁぃぅぇぉゎゕゖ", "あいうえおわかけ", strict=True))
# The small kana that `fold` makes large, in both scripts: each is part of the syllable before
# it as written (ティ is one syllable), but a letter of its own once folded (てい).
SMALL_VOWELS = frozenset(_SMALL_KANA) | frozenset(chr(ord(c) + 0x60) for c in _SMALL_KANA)
_DROPPED = "\u200b\u200c\u200d\u2060\ufeff\u00ad〜～"  # zero-width, soft hyphen, wave dashes
_SPACES = "・･\u3000"


def _kana_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {code: chr(code - 0x60) for code in _KATAKANA}
    for small, big in _SMALL_KANA.items():
        table[ord(small)] = big
        table[ord(small) + 0x60] = big  # the katakana small letter
    table.update({ord(c): None for c in _DROPPED})
    table.update({ord(c): " " for c in _SPACES})
    return table


class _Digits(dict):
    """str.translate table: any decimal digit (Khmer ០, Thai ๐, Devanagari ०, …) to ASCII."""

    def __missing__(self, code: int):
        char = chr(code)
        value = str(unicodedata.decimal(char)) if char.isdecimal() and code > 127 else code
        self[code] = value
        return value


_TABLE = _kana_table()
_DROPPED_CHAR = re.compile(f"[{_DROPPED}]")
_KATAKANA_WORD = re.compile(
    f"[{chr(_KATAKANA[0])}-{chr(_KATAKANA[-1])}][{chr(_KATAKANA[0])}-{chr(_KATAKANA[-1])}ー]*"
)
_DIGITS = _Digits()

# Khmer: a base character followed by its combining marks and subscript consonants.
_KHMER_CLUSTER = re.compile(
    "[\u1780-\u17b3]((?:\u17d2[\u1780-\u17b3]|[\u17b6-\u17d1\u17d3\u17dd])+)"
)
_COENG_PAIR = re.compile("\u17d2[\u1780-\u17b3]")
# The scripts the vocabulary covers: Khmer (and its symbols), kana and kanji.
KHMER_LETTER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
JAPANESE_LETTER = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
FOREIGN_LETTER = re.compile(f"{KHMER_LETTER.pattern}|{JAPANESE_LETTER.pattern}")


def ascii_digits(text: str) -> str:
    """Digits of every script as ASCII digits (other characters unchanged)."""
    return text.translate(_DIGITS)


def _order_khmer_cluster(match: re.Match) -> str:
    marks = match.group(1)
    pairs = _COENG_PAIR.findall(marks)
    if not pairs:
        return match.group(0)
    rest = _COENG_PAIR.sub("", marks)
    # Unicode's order: subscript consonants first, then register shifters, vowels and signs.
    shifters = "".join(c for c in rest if c in "\u17c9\u17ca")
    others = "".join(c for c in rest if c not in "\u17c9\u17ca")
    return match.group(0)[0] + "".join(pairs) + shifters + others


def fold(text: str) -> str:
    """NFKC, lower case, one kana script (small vowels as large ones), no zero-width marks,
    Khmer in canonical order, ASCII digits."""
    text = unicodedata.normalize("NFKC", text).lower()
    if not FOREIGN_LETTER.search(text) and text.isascii():
        return text
    text = ascii_digits(text).translate(_TABLE)
    if "\u17d2" in text:
        # Subscript ដ and subscript ត look the same and are written either way (សន្តិសុខ, សន្ដិសុខ).
        text = _KHMER_CLUSTER.sub(
            _order_khmer_cluster, text.replace("\u17d2\u178a", "\u17d2\u178f")
        )
    return text


def katakana_runs(text: str) -> list[tuple[int, int]]:
    """Where the katakana words of `text` are in ``fold(text)`` (start, end): folding
    writes them in hiragana, like the grammar around them.

    >>> text = "ITサポートを担当"
    >>> [fold(text)[a:b] for a, b in katakana_runs(text)]
    ['さぽーと']
    """
    text = unicodedata.normalize("NFKC", text).lower()
    if not _DROPPED_CHAR.search(text):  # folding keeps every position
        return [match.span() for match in _KATAKANA_WORD.finditer(text)]
    runs: list[tuple[int, int]] = []
    position, start = 0, None
    for char in text:
        width = len(char.translate(_TABLE))  # what `fold` makes of it: 0 for a dropped mark
        katakana = ord(char) in _KATAKANA or (char == "ー" and start is not None)
        if katakana and start is None:
            start = position
        elif not katakana and width and start is not None:
            runs.append((start, position))
            start = None
        position += width
    if start is not None:
        runs.append((start, position))
    return runs


# A katakana word's stretch left unread beside a known word is a word of its own (ソーイング
# in ソーイングスタッフ) from this many letters; shorter, the known word was misread inside
# a longer one (サ + ポート).
WORD_LETTERS = 3


def whole_katakana_words(pieces: list, source: str) -> list:
    """The pieces (surface, english, kind) of the reading of ``fold(source)``, with each
    katakana word of `source` (`katakana_runs`) read whole or not at all where reading it
    in parts leaves a stretch shorter than `WORD_LETTERS` unread: a word the vocabulary
    does not know is not read as a shorter word inside it (サポート as ポート "port",
    ファーストフード as アース "earth" + と + フード "hood"). A known term that reaches
    beyond the word (プレス加工) leaves it as read."""
    runs = katakana_runs(source) if source else []
    if not runs:
        return pieces
    cuts = {n for run in runs for n in run}
    split, position = [], 0
    for surface, english, kind in pieces:  # an unread stretch is cut where a word starts or ends
        if english is None:
            inner = sorted(n - position for n in cuts if position < n < position + len(surface))
            for a, b in zip([0, *inner], [*inner, len(surface)]):
                split.append((surface[a:b], None, None))
        else:
            split.append((surface, english, kind))
        position += len(surface)
    pieces = split
    starts = [0]
    for surface, _english, _kind in pieces:
        starts.append(starts[-1] + len(surface))
    result = list(pieces)
    for begin, end in reversed(runs):
        inside = [k for k in range(len(pieces)) if begin <= starts[k] and starts[k + 1] <= end]
        whole = (
            inside
            and starts[inside[0]] == begin
            and starts[inside[-1] + 1] == end
            and any(pieces[k][1] is None and len(pieces[k][0]) < WORD_LETTERS for k in inside)
            and any(pieces[k][1] is not None for k in inside)
        )
        if whole:
            text = "".join(pieces[k][0] for k in inside)
            result[inside[0] : inside[-1] + 1] = [(text, None, None)]
    return unread_joined(result)


def unread_joined(pieces: list) -> list:
    """A reading's pieces (surface, english, kind), unread stretches side by side as one."""
    merged: list = []
    for piece in pieces:
        if merged and piece[1] is None and merged[-1][1] is None:
            merged[-1] = (merged[-1][0] + piece[0], None, None)
        else:
            merged.append(piece)
    return merged


def has_foreign_script(text: str) -> bool:
    """Whether the text has Japanese or Khmer letters (the scripts the vocabulary covers)."""
    return FOREIGN_LETTER.search(text) is not None


def written_in(text: str) -> str:
    """ "km" or "ja" when Khmer or Japanese letters outnumber the other script's, else "en".

    The one place that tells the scripts apart: a posting's language, the script of a
    vocabulary word, the script an autocomplete answers in.

    >>> written_in("ជាងផ្សារ TIG"), written_in("溶接工 (TIG)"), written_in("Welder")
    ('km', 'ja', 'en')
    """
    khmer = len(KHMER_LETTER.findall(text))
    japanese = len(JAPANESE_LETTER.findall(text))
    if not khmer and not japanese:
        return "en"
    return "km" if khmer > japanese else "ja"
