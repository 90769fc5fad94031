"""Titles and skills read as written or in the vocabulary's words, never its machinery."""

import pytest

from matching.lexicon import Lexicon
from matching.wording import aligned_fold

SMALL = Lexicon(
    [
        ("エンジニア", "engineer", "occupation"),
        ("型枠大工", "formwork carpenter", "occupation"),
        ("土木", "civil engineering", "word"),
        ("建設", "construction", "word"),
        ("機械", "machine", "word"),
        ("運転", "driving", "skill"),
        ("衛生", "health", "skill"),
        ("溶接", "welding", "skill"),
        ("ផ្សារដែក", "welding", "skill"),
        ("急募", "urgent", "noise"),
    ]
)


@pytest.mark.parametrize(
    ("written", "language", "shown"),
    [
        # Unknown stretches as the writer typed them: katakana, not the folded hiragana.
        ("エンジニア（ジュニア）", "en", "engineer (ジュニア)"),
        ("ｴﾝｼﾞﾆｱ（ｼﾞｭﾆｱ）", "en", "engineer (ｼﾞｭﾆｱ)"),
        # No empty brackets, whether noise left them or the writer did.
        ("型枠大工（急募）", "en", "formwork carpenter"),
        ("型枠大工（）", "en", "formwork carpenter"),
        ("型枠大工（）", "ja", "型枠大工"),
        # No list mark left hanging where a dropped word stood; the others read as a list.
        ("型枠大工（急募・土木）", "en", "formwork carpenter (civil engineering)"),
        ("型枠大工（土木・急募）", "km", "formwork carpenter (civil engineering)"),
        ("溶接・急募・土木", "km", "ផ្សារដែក, civil engineering"),
        # A word shared by two terms shows once.
        ("土木エンジニア", "en", "civil engineer"),
        # No stray particle between two translated terms.
        ("建設機械の運転", "en", "construction machine driving"),
        # A compound the vocabulary knows only part of shows whole, as written.
        ("衛生管理", "en", "衛生管理"),
        ("ウェブエンジニア", "km", "ウェブエンジニア"),
        ("TIG溶接", "en", "TIG welding"),
        ("TIG溶接", "km", "TIG ផ្សារដែក"),
        ("TIG溶接", "ja", "TIG溶接"),
    ],
)
def test_display_never_shows_the_machinery(written, language, shown):
    assert SMALL.display(written, language) == shown


@pytest.mark.parametrize(
    "written",
    [
        "ｳｪﾙﾀﾞｰ（溶接）",
        "ជាង\u200bផ្សារ ដែក",
        "ក\u17b6\u17d2\u179a",
        "ＴＩＧ溶接・ＭＩＧ",
        "Straße 溶接",
    ],
)
def test_folded_characters_point_back_to_what_was_written(written):
    folded, starts, ends = aligned_fold(written)
    assert len(folded) == len(starts) == len(ends)
    assert all(0 <= s < e <= len(written) for s, e in zip(starts, ends))
    assert starts == sorted(starts)


def test_words_show_in_the_readers_language_after_jobs_and_activities():
    """An industry, product or material the vocabulary knows in the reader's language shows
    in it ("(automotive parts)" on a Khmer page read English inside Khmer); for one English
    meaning a job's or an activity's own term still comes first."""
    lexicon = Lexicon(
        [
            ("自動車部品", "automotive parts", "word"),
            ("គ្រឿងបន្លាស់រថយន្ត", "automotive parts", "word"),
            ("溶接工", "welder", "occupation"),
            ("ជាងផ្សារដែក", "welder", "occupation"),
            ("ផ្សារដែក", "welding", "word"),
            ("ការផ្សារ", "welding", "skill"),
        ]
    )
    assert lexicon.display("溶接工（自動車部品）", "km") == "ជាងផ្សារដែក (គ្រឿងបន្លាស់រថយន្ត)"
    assert lexicon.display("ជាងផ្សារដែក (គ្រឿងបន្លាស់រថយន្ត)", "ja") == "溶接工 (自動車部品)"
    assert lexicon.term_for("welding", "km") == "ការផ្សារ"
