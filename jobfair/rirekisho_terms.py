"""Japanese proposed for a rirekisho: names in katakana, schooling, jobs and licences.

Pure text work (no Flask, no database), so it is tested on its own: every line is only a
proposal the candidate corrects before anyone sees it.

Katakana from a romanised Khmer name follows the spelling, one syllable at a time: the
consonants between two vowels are split so the last one (or its digraph: kh, ch, ng …)
opens the next syllable, and the others close the previous one; a closing k, t, p or ch
after a short vowel doubles (ッ), a closing m is ム, n and ng are ン. Aspiration is not
written in Japanese (kh → k, th → t, ph → p, chh → ch). A doubled vowel is long (ー); a
final r is heard as a long vowel (Chhor → チョー), a final h is not heard. "Sokha Chan"
gives ソカ・チャン; ソカー is as right, and the candidate chooses.
"""

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

LEXICON = Path(__file__).resolve().parent.parent / "matching" / "data" / "lexicon" / "ja_manual.tsv"

# --- katakana from a romanised name ------------------------------------------------------

_ROWS = {
    "": "アイウエオ",
    "k": "カキクケコ",
    "g": "ガギグゲゴ",
    "s": "サシスセソ",
    "z": "ザジズゼゾ",
    "t": ("タ", "ティ", "トゥ", "テ", "ト"),
    "d": ("ダ", "ディ", "ドゥ", "デ", "ド"),
    "n": "ナニヌネノ",
    "h": "ハヒフヘホ",
    "b": "バビブベボ",
    "p": "パピプペポ",
    "m": "マミムメモ",
    "y": ("ヤ", "イ", "ユ", "イェ", "ヨ"),
    "r": "ラリルレロ",
    "l": "ラリルレロ",
    "w": ("ワ", "ウィ", "ウ", "ウェ", "ウォ"),
    "v": ("ヴァ", "ヴィ", "ヴ", "ヴェ", "ヴォ"),
    "f": ("ファ", "フィ", "フ", "フェ", "フォ"),
    "ch": ("チャ", "チ", "チュ", "チェ", "チョ"),
    "sh": ("シャ", "シ", "シュ", "シェ", "ショ"),
    "j": ("ジャ", "ジ", "ジュ", "ジェ", "ジョ"),
    "ny": ("ニャ", "ニ", "ニュ", "ニェ", "ニョ"),
    "ts": ("ツァ", "ツィ", "ツ", "ツェ", "ツォ"),
}
# A consonant with no vowel of its own (in a cluster like "sr", or closing a syllable).
_ALONE = {
    "k": "ク", "g": "グ", "s": "ス", "z": "ズ", "t": "ト", "d": "ド", "n": "ン", "h": "",
    "b": "ブ", "p": "プ", "m": "ム", "y": "イ", "r": "ル", "l": "ル", "w": "ウ", "v": "ヴ",
    "f": "フ",
    "ch": "チ", "sh": "シュ", "j": "ジ", "ny": "ニュ", "ts": "ツ", "ng": "ン",
}  # fmt: skip
# Spellings read as one consonant, longest first; aspiration is not written in Japanese.
_CONSONANTS = {
    "chh": "ch", "ch": "ch", "kh": "k", "th": "t", "ph": "p", "sh": "sh", "nh": "ny",
    "ny": "ny", "ng": "ng", "ts": "ts", "c": "k", "q": "k", "x": "s",
}  # fmt: skip
# Vowel spellings, longest first: (the vowel the consonant's row takes, what follows).
_VOWELS = {
    "oeu": ("u", ""), "aa": ("a", "ー"), "ii": ("i", "ー"), "ee": ("i", "ー"),
    "oo": ("u", "ー"), "uu": ("u", "ー"), "ou": ("u", "ー"), "eu": ("u", ""),
    "oe": ("o", "エ"), "ai": ("a", "イ"), "ay": ("a", "イ"), "ei": ("e", "イ"),
    "ey": ("e", "イ"), "ao": ("a", "オ"), "au": ("a", "ウ"), "aw": ("a", "ウ"),
    "ea": ("e", "ア"), "ia": ("i", "ア"), "ie": ("i", "エ"), "oa": ("o", "ア"),
    "ua": ("u", "ア"), "uo": ("u", "オ"), "oy": ("o", "イ"), "ui": ("u", "イ"),
    "a": ("a", ""), "i": ("i", ""), "u": ("u", ""), "e": ("e", ""), "o": ("o", ""),
}  # fmt: skip
_INDEX = {vowel: n for n, vowel in enumerate("aiueo")}
_STOPS = {"k", "t", "p", "ch"}


def _tokens(word: str) -> list[tuple[str, str]]:
    """The word as ("c", consonant) and ("v", vowel spelling) tokens; a "y" not before a
    vowel is the vowel i (Rithy, Srey)."""
    tokens, i = [], 0
    while i < len(word):
        for length in (3, 2, 1):
            piece = word[i : i + length]
            if len(piece) < length:
                continue
            if piece in _VOWELS:
                if piece.endswith("y") and _vowel_at(word, i + length):
                    continue  # the y opens the next syllable (Kimyeng)
                tokens.append(("v", piece))
                break
            if piece == "y" and not _vowel_at(word, i + 1):
                tokens.append(("v", "i"))
                break
            if piece in ("ny", "nh") and not _vowel_at(word, i + 2):
                continue  # n closing the syllable, then a y vowel or an unheard h (Channy)
            if piece in _CONSONANTS:
                tokens.append(("c", _CONSONANTS[piece]))
                break
            if length == 1 and piece in _ALONE:
                tokens.append(("c", piece))
                break
        else:  # not a letter we read: skip it
            i += 1
            continue
        i += length
    # A doubled consonant closing a word is one (Sovann).
    while len(tokens) > 1 and tokens[-1] == tokens[-2] and tokens[-1][0] == "c":
        tokens.pop()
    return tokens


def _vowel_at(word: str, i: int) -> bool:
    return i < len(word) and word[i] in "aeiou"


def _word_katakana(word: str) -> str:
    tokens = _tokens(word)
    out = []
    for n, (kind, value) in enumerate(tokens):
        if kind == "v":
            row_vowel, tail = _VOWELS[value]
            consonant = tokens[n - 1][1] if n and tokens[n - 1][0] == "c" else ""
            row = _ROWS.get(consonant)
            if consonant == "ng":
                row = _ROWS["g"]
            out.append((row or _ROWS[""])[_INDEX[row_vowel]] + tail)
            continue
        following = tokens[n + 1][0] if n + 1 < len(tokens) else None
        if following == "v":
            continue  # it opens the next syllable
        previous = tokens[n - 1] if n else None
        last = following is None
        if previous is not None and previous[0] == "v":  # it closes a syllable
            out.append(_closing(value, previous[1], tokens[n + 1][1] if not last else None))
        else:
            out.append(_ALONE[value])
    return "".join(out).replace("ーー", "ー")


def _closing(consonant: str, vowel: str, following: str | None) -> str:
    """A consonant closing a syllable after `vowel`, before the `following` consonant."""
    long_vowel = _VOWELS[vowel][1] == "ー"
    if following is None and consonant == "r":
        return "" if long_vowel else "ー"  # Chhor
    if following is None and consonant in ("h", "v", "w"):
        return {"h": "", "v": "ウ", "w": "ウ"}[consonant]  # Sah, Pov
    if consonant == "m" and following in ("b", "p", "m"):
        return "ン"  # Sambath
    if consonant in ("m", "n", "ng", "ny"):
        return _ALONE[consonant]
    if not long_vowel and (consonant in _STOPS or consonant == following):
        return "ッ" + ("" if consonant == following else _ALONE[consonant])  # Sok, Phalla
    return _ALONE[consonant]


def katakana(name: str) -> str:
    """A katakana proposal for a romanised name, words joined by ・ ("" if not Latin).

    >>> katakana("Sokha Chan")
    'ソカ・チャン'
    """
    words = re.split(r"[\s\-]+", unicodedata.normalize("NFKC", name or "").strip().lower())
    if not words or not all(re.fullmatch(r"[a-z']+", w) for w in words):
        return ""
    return "・".join(filter(None, (_word_katakana(w.replace("'", "")) for w in words)))


# --- history lines -----------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One row of a rirekisho table: year and month (None when not known) and the text."""

    year: int | None
    month: int | None
    text: str

    def as_dict(self) -> dict:
        return {"year": self.year, "month": self.month, "text": self.text}


# The profile's education levels (matching.levels.EDUCATION_LEVELS) as the schools a
# Japanese reader knows, each with how it ends: graduating, or completing a course.
SCHOOLS = {
    "primary": ("小学校", "卒業"),
    "lower_secondary": ("中学校", "卒業"),
    "upper_secondary": ("高等学校", "卒業"),
    "tvet_certificate": ("職業訓練校", "修了"),
    "tvet_diploma": ("専門学校", "卒業"),
    "bachelor": ("大学", "卒業"),
    "master": ("大学院 修士課程", "修了"),
    "doctorate": ("大学院 博士課程", "修了"),
}
_BEFORE = {
    "upper_secondary": ["lower_secondary"],
    "tvet_certificate": ["lower_secondary"],
    "tvet_diploma": ["lower_secondary", "upper_secondary"],
    "bachelor": ["lower_secondary", "upper_secondary"],
    "master": ["upper_secondary", "bachelor"],
    "doctorate": ["upper_secondary", "bachelor", "master"],
}


def education_lines(level: str, field: str = "") -> list[Line]:
    """学歴 from the profile's highest level: the schools before it as graduations, then
    the last one entered and finished, its field in brackets; years for the candidate."""
    if level not in SCHOOLS:
        return []
    lines = []
    for earlier in _BEFORE.get(level, []):
        school, end = SCHOOLS[earlier]
        lines.append(Line(None, None, f"{school} {end}"))
    school, end = SCHOOLS[level]
    named = f"{school}（{field.strip()}）" if field.strip() else school
    lines += [Line(None, None, f"{named} 入学"), Line(None, None, f"{named} {end}")]
    return lines


@cache
def _occupations() -> dict[str, str]:
    """English job title -> a hand-written Japanese term for it (ja_manual.tsv), as a formal
    page writes it: in kanji before katakana loanwords, a trade's 工 first, then the
    shortest, the plain word (溶接工, 会計士) rather than a specialised one (公認会計士)."""
    found = {}
    with LEXICON.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) == 4 and not row[0].startswith("#") and row[2] == "occupation":
                english = row[1].strip().lower()
                if english not in found or _formal(row[0]) < _formal(found[english]):
                    found[english] = row[0]
    return found


def _formal(term: str) -> tuple:
    return (bool(re.search("[\u30a0-\u30ff]", term)), not term.endswith("工"), len(term))


def job_title_ja(title: str) -> str:
    """A job title in Japanese where the project's glossary knows it, else as written."""
    return _occupations().get((title or "").strip().lower(), (title or "").strip())


def job_lines(past_jobs: list[dict]) -> list[Line]:
    """職歴: each past job as 入社 and 退社 lines (the title in Japanese where known; one
    written in Khmer script is left out, no Japanese reader could read it); the profile has
    no dates, so the years are left for the candidate."""
    lines = []
    for job in past_jobs or []:
        employer = (job.get("employer") or "").strip()
        title = job_title_ja(job.get("title") or "")
        if KHMER.search(title):
            title = ""
        if employer:
            doing = f"（{title}）" if title else ""
            lines.append(Line(None, None, f"{employer} 入社{doing}"))
            lines.append(Line(None, None, f"{employer} 退社"))
        elif title:
            lines.append(Line(None, None, f"{title}として勤務"))
    return lines


# --- licences ----------------------------------------------------------------------------

KHMER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
JLPT = "日本語能力試験"
JFT_BASIC = "国際交流基金日本語基礎テスト"


def _year_month(value) -> tuple[int | None, int | None]:
    if isinstance(value, date):
        return value.year, value.month
    match = re.match(r"(\d{4})-(\d{1,2})", str(value or ""))
    return (int(match[1]), int(match[2])) if match else (None, None)


def language_licences(records: list[dict]) -> list[Line]:
    """免許・資格 from the profile's Japanese language records: JLPT and JFT-Basic passes."""
    lines = []
    for record in records or []:
        year, month = _year_month(record.get("certified_on"))
        level = record.get("level") or ""
        if record.get("test") == "JLPT" and re.fullmatch(r"N[1-5]", level):
            lines.append(Line(year, month, f"{JLPT} {level} 合格"))
        elif record.get("test") == "JFT-Basic":
            lines.append(Line(year, month, f"{JFT_BASIC}（{level or 'A2'}）合格"))
    return lines


def passed_test_line(kind: str, field_ja: str, passed_on) -> Line:
    """A passed SSW skill test or a completed Technical Intern Training (ii) as a licence
    line; the field's Japanese name comes from the caller (labels.SSW_FIELD_LABELS)."""
    year, month = _year_month(passed_on)
    if kind == "titp_stage_2":
        return Line(year, month, f"技能実習2号（{field_ja}）良好修了")
    return Line(year, month, f"特定技能評価試験（{field_ja}）合格")


def age_on(birth: date | None, day: date) -> int | None:
    """満 age: whole years lived on the day."""
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
