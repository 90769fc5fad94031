"""Language levels, education levels and programmes as ordinal rules.

Scales: JLPT N5 < N4 < N3 < N2 < N1 (JFT-Basic A2 counts as N4, the level it certifies
for Specified Skilled Worker eligibility); CEFR A1 < A2 < B1 < B2 < C1 < C2; a native
speaker is above every level. Ranks share one small integer scale per language so they
fit in numpy int8 arrays: 0 means "does not speak it / unknown".

>>> parse_language("Japanese N4")
LanguageLevel(code='ja', level='N4', rank=2)
>>> parse_language("日本語 JFT-Basic").level
'JFT-Basic A2'
>>> compare(parse_language("Japanese N5"), parse_language("Japanese N4"))
'nearly'
>>> parse_education("TVET certificate in welding")
'tvet_certificate'
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

JAPANESE_LEVELS = ["N5", "N4", "N3", "N2", "N1"]
JFT_BASIC = "JFT-Basic A2"
CEFR_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]
NATIVE = "native"
NATIVE_RANK = 10

_JLPT_RANK = {level: n for n, level in enumerate(JAPANESE_LEVELS, start=1)}
_CEFR_RANK = {level: n for n, level in enumerate(CEFR_LEVELS, start=1)}

# The levels a requirement or a profile may name for a language, lowest first: Japanese is
# measured by JLPT (and JFT-Basic A2, which counts as N4), every other language by CEFR; a
# native speaker is above every level of any language.
JAPANESE_SCALE = ("N5", JFT_BASIC, "N4", "N3", "N2", "N1", NATIVE)
CEFR_SCALE = (*CEFR_LEVELS, NATIVE)


def scale_for(language: str) -> tuple[str, ...]:
    """The levels a language is measured in, by its name or code ("Japanese", "ja").

    >>> scale_for("English")[:2]
    ('A1', 'A2')
    >>> "N3" in scale_for("日本語")
    True
    """
    return JAPANESE_SCALE if language_code(language) == "ja" else CEFR_SCALE


# Names and codes people write, in English, Khmer and Japanese, to ISO 639-1.
LANGUAGE_NAMES = {
    "ja": [
        "japanese",
        "nihongo",
        "日本語",
        "にほんご",
        "ជប៉ុន",
        "ភាសាជប៉ុន",
        "jp",
        "jpn",
        "jlpt",
        "jft",
    ],
    "en": ["english", "英語", "អង់គ្លេស", "ភាសាអង់គ្លេស", "eng"],
    "km": ["khmer", "cambodian", "クメール語", "カンボジア語", "ខ្មែរ", "ភាសាខ្មែរ", "khm"],
    "zh": ["chinese", "mandarin", "中国語", "中文", "ចិន", "ភាសាចិន", "zho", "hsk"],
    "ko": ["korean", "韓国語", "한국어", "កូរ៉េ", "ភាសាកូរ៉េ", "kor", "topik"],
    "th": ["thai", "タイ語", "ថៃ", "ភាសាថៃ", "tha"],
    "vi": ["vietnamese", "ベトナム語", "វៀតណាម", "ភាសាវៀតណាម", "vie"],
    "fr": ["french", "フランス語", "បារាំង", "ភាសាបារាំង", "fra"],
    "de": ["german", "ドイツ語", "អាល្លឺម៉ង់", "deu"],
    "lo": ["lao", "laotian", "ラオス語", "ឡាវ"],
    "ms": ["malay", "bahasa melayu", "マレー語", "ម៉ាឡេ"],
}
_NAME_TO_CODE = {name: code for code, names in LANGUAGE_NAMES.items() for name in names}
_NAME_TO_CODE.update({code: code for code in LANGUAGE_NAMES})

# Plain words for levels, mapped to CEFR (or, for Japanese, the JLPT level they suggest).
_WORD_LEVELS = {
    "beginner": "A1",
    "basic": "A2",
    "elementary": "A2",
    "pre-intermediate": "A2",
    "intermediate": "B1",
    "conversational": "B1",
    "good": "B2",
    "upper-intermediate": "B2",
    "advanced": "C1",
    "fluent": "C1",
    "business": "C1",
    "proficient": "C2",
    "初級": "A2",
    "中級": "B1",
    "上級": "C1",
    "ネイティブ": NATIVE,
    "母語": NATIVE,
    "native": NATIVE,
    "mother tongue": NATIVE,
    "first language": NATIVE,
    "ភាសាកំណើត": NATIVE,
}
_CEFR_TO_JLPT = {"A1": "N5", "A2": "N4", "B1": "N3", "B2": "N2", "C1": "N1", "C2": "N1"}


@dataclass(frozen=True, slots=True)
class LanguageLevel:
    """A language (ISO 639-1 code or the lower-cased name) at a level with its rank."""

    code: str
    level: str
    rank: int


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip().lower()


def language_code(name: str) -> str:
    """ISO 639-1 code for a language name or code in English, Khmer or Japanese."""
    text = _normalise(name)
    if text in _NAME_TO_CODE:
        return _NAME_TO_CODE[text]
    for known, code in _NAME_TO_CODE.items():
        if len(known) > 2 and known in text:
            return code
    return text


def _level_rank(code: str, level_text: str) -> tuple[str, int]:
    text = _normalise(level_text).replace("_", "-")
    if not text:
        return "", 0
    if "jft" in text:
        return JFT_BASIC, _JLPT_RANK["N4"]
    match = re.search(r"\bn\s*([1-5])\b", text)
    if match and code in ("ja", ""):
        level = f"N{match.group(1)}"
        return level, _JLPT_RANK[level]
    match = re.search(r"\b([abc])\s*([12])\b", text)
    if match:
        level = f"{match.group(1).upper()}{match.group(2)}"
        if code == "ja":
            level = _CEFR_TO_JLPT[level]
            return level, _JLPT_RANK[level]
        return level, _CEFR_RANK[level]
    for word in sorted(_WORD_LEVELS, key=len, reverse=True):
        if word in text:
            level = _WORD_LEVELS[word]
            if level == NATIVE:
                return NATIVE, NATIVE_RANK
            if code == "ja":
                level = _CEFR_TO_JLPT[level]
                return level, _JLPT_RANK[level]
            return level, _CEFR_RANK[level]
    return "", 0


def parse_language(value) -> LanguageLevel | None:
    """Parse "Japanese N3", "English B2", "Khmer native", "日本語 N4" or a mapping.

    A mapping may have ``language`` and ``level``. Returns None for empty input; a
    language without a recognisable level gets rank 0 (named, but level unknown).
    """
    if value is None:
        return None
    if isinstance(value, dict):
        name = str(value.get("language") or value.get("code") or "")
        level_text = f"{value.get('test') or ''} {value.get('level') or ''}"
    else:
        text = _normalise(value)
        if not text:
            return None
        if re.fullmatch(r"(jlpt\s*)?n\s*[1-5]", text) or text.startswith(("jlpt", "jft")):
            name, level_text = "ja", text
        else:
            parts = re.split(r"[\s:(),\-/]+", text, maxsplit=1)
            name = parts[0]
            level_text = parts[1] if len(parts) > 1 else ""
            if language_code(name) == name and len(parts) > 1:
                # "mother tongue khmer": the language is somewhere in the text.
                name = text
    code = language_code(name)
    if not code:
        return None
    level, rank = _level_rank(code, level_text)
    if not level and isinstance(value, str):
        level, rank = _level_rank(code, _normalise(value))
    return LanguageLevel(code=code, level=level, rank=rank)


# The English name each language is stored and shown under, by ISO 639-1 code.
LANGUAGE_ENGLISH_NAME = {code: names[0].title() for code, names in LANGUAGE_NAMES.items()}
# The tests a stored level can come from: JLPT N5–N1, JFT-Basic A2, CEFR A1–C2, native.
TESTS = ("JLPT", "JFT-Basic", "CEFR", NATIVE)


def language_record(value) -> dict | None:
    """The stored form of a language level, from text or a mapping.

    >>> language_record("Japanese N3")
    {'language': 'Japanese', 'test': 'JLPT', 'level': 'N3'}
    >>> language_record("日本語 JFT-Basic")
    {'language': 'Japanese', 'test': 'JFT-Basic', 'level': 'A2'}
    >>> language_record({"language": "Khmer", "test": "native", "level": "native"})["level"]
    'native'

    A mapping's ``certified_on`` (when the certificate was issued) is kept. A language
    named without a level gets empty ``test`` and ``level``; empty input gives None.
    """
    parsed = parse_language(value)
    if parsed is None:
        return None
    if parsed.level == JFT_BASIC:
        test, level = "JFT-Basic", "A2"
    elif parsed.level == NATIVE:
        test, level = NATIVE, NATIVE
    elif parsed.level in _JLPT_RANK and parsed.code == "ja":
        test, level = "JLPT", parsed.level
    elif parsed.level in _CEFR_RANK:
        test, level = "CEFR", parsed.level
    else:
        test, level = "", ""
    name = LANGUAGE_ENGLISH_NAME.get(parsed.code, parsed.code.title())
    record = {"language": name, "test": test, "level": level}
    if isinstance(value, dict) and value.get("certified_on"):
        record["certified_on"] = str(value["certified_on"])
    return record


def record_text(record: dict) -> str:
    """A stored level as people write it: "Japanese N3", "Japanese JFT-Basic A2", "Khmer native".

    >>> record_text({"language": "English", "test": "CEFR", "level": "B1"})
    'English B1'
    """
    level = record.get("level") or ""
    if record.get("test") == "JFT-Basic":
        level = JFT_BASIC
    return " ".join(part for part in (record.get("language") or "", level) if part)


def compare(candidate: LanguageLevel | None, required: LanguageLevel) -> str:
    """ "met", "nearly" (one step below) or "not_met"."""
    have = candidate.rank if candidate is not None else 0
    return status_for_rank(have, required.rank)


def nearly_rank(need: int) -> int:
    """The one rank that counts as "nearly" for a requirement of rank `need`: one level
    below it; 0 (nobody) when there is no level below.

    >>> nearly_rank(2), nearly_rank(1)
    (1, 0)
    """
    return need - 1 if need > 1 else 0


def status_for_rank(have: int, need: int) -> str:
    """ "met", "nearly" or "not_met" for a candidate's rank against a required rank: the
    only place the "nearly" rule is written (`rank_statuses` tabulates it for arrays)."""
    if have >= max(need, 1):
        return "met"
    if have > 0 and have == nearly_rank(need):
        return "nearly"
    return "not_met"


@functools.cache
def rank_statuses(need: int, size: int = 128) -> tuple[str, ...]:
    """`status_for_rank` for every rank below `size`, for vectorised lookups by rank."""
    return tuple(status_for_rank(have, need) for have in range(size))


# --- education ------------------------------------------------------------------------

EDUCATION_LEVELS = (
    "none",
    "primary",
    "lower_secondary",
    "upper_secondary",
    "tvet_certificate",
    "tvet_diploma",
    "bachelor",
    "master",
    "doctorate",
)
_EDUCATION_RANK = {level: n for n, level in enumerate(EDUCATION_LEVELS)}
# Checked in order: the first level whose words appear wins.
_EDUCATION_WORDS = [
    ("doctorate", ["phd", "doctor", "doctorate", "博士", "បណ្ឌិត"]),
    ("master", ["master", "msc", "mba", "修士", "大学院", "អនុបណ្ឌិត"]),
    (
        "tvet_diploma",
        ["associate", "higher diploma", "tvet diploma", "短大", "専門学校", "សញ្ញាបត្ររង"],
    ),
    ("bachelor", ["bachelor", "university", "degree", "bsc", "b.a", "学士", "大学", "បរិញ្ញាបត្រ"]),
    (
        "tvet_certificate",
        ["tvet", "vocational", "certificate", "technical school", "職業訓練", "វិជ្ជាជីវៈ"],
    ),
    (
        "upper_secondary",
        [
            "upper secondary",
            "high school",
            "grade 12",
            "bac ii",
            "bacii",
            "baccalaureate",
            "高校",
            "高等学校",
            "វិទ្យាល័យ",
            "ទី១២",
        ],
    ),
    ("tvet_diploma", ["diploma"]),
    (
        "lower_secondary",
        ["lower secondary", "middle school", "grade 9", "secondary", "中学", "អនុវិទ្យាល័យ", "ទី៩"],
    ),
    ("primary", ["primary", "elementary", "小学", "បឋមសិក្សា"]),
    ("none", ["none", "no school", "no formal"]),
]


def parse_education(value) -> str:
    """An education code from a code or free text; "" when unknown."""
    return _parse_education(value or "")


@functools.lru_cache(maxsize=4096)
def _parse_education(value: str) -> str:
    text = _normalise(value).replace("-", " ")
    if text.replace(" ", "_") in _EDUCATION_RANK:
        return text.replace(" ", "_")
    for level, words in _EDUCATION_WORDS:
        if any(word in text for word in words):
            return level
    return ""


def education_rank(value) -> int:
    """Ordinal rank of an education code or text; -1 when unknown."""
    level = parse_education(value)
    return _EDUCATION_RANK[level] if level else -1


# --- programmes -------------------------------------------------------------------------

PROGRAMS = ["technical_intern", "ssw", "engineer", "local"]
_PROGRAM_WORDS = [
    (
        "technical_intern",
        [
            "technical_intern",
            "technical intern",
            "titp",
            "intern training",
            "技能実習",
            "កម្មសិក្សាបច្ចេកទេស",
        ],
    ),
    ("ssw", ["ssw", "specified skilled", "特定技能", "ជំនាញជាក់លាក់"]),
    ("engineer", ["engineer", "specialist", "humanities", "技術・人文", "技人国", "direct hire"]),
    ("local", ["local", "cambodia", "in country", "国内", "ក្នុងស្រុក"]),
]


def parse_program(value) -> str:
    """A programme code from a code or free text; "" when unknown."""
    text = _normalise(value or "")
    for code, words in _PROGRAM_WORDS:
        if text == code or any(word in text for word in words):
            return code
    return ""
