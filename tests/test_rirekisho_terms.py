"""Japanese proposed for a rirekisho: katakana from romanised Khmer names, schools, jobs,
licences with their year and month, and 満 age."""

import re
from datetime import date

import pytest

from jobfair.rirekisho_terms import (
    age_on,
    education_lines,
    job_lines,
    job_title_ja,
    katakana,
    language_licences,
    passed_test_line,
)

NAMES = {
    "Sokha Chan": "ソカ・チャン",
    "Dara Sok": "ダラ・ソック",
    "Sreymom Chea": "スレイモム・チェア",
    "Vanna Kim": "ヴァンナ・キム",
    "Chhor Rithy": "チョー・リティ",
    "Sophal Nimol": "ソパル・ニモル",
    "Kosal Yim": "コサル・イム",
    "Sopheap Ouk": "ソペアップ・ウーク",
    "Phalla Chhun": "パッラ・チュン",
    "Sovann Touch": "ソヴァン・トゥーチ",
    "Channy Hun": "チャンニ・フン",
    "Makara Tep": "マカラ・テップ",
    "Piseth Long": "ピセット・ロン",
    "Sambath Pich": "サンバット・ピッチ",
    "Rachana Pov": "ラチャナ・ポウ",
    "Kimyeng Lim": "キムイェン・リム",
    "Ratha Phan": "ラタ・パン",
    "Bopha Meas": "ボパ・メアス",
    "Pisey Heng": "ピセイ・ヘン",
    "Leakhena Nuon": "レアケナ・ヌオン",
    "Ngoun Sokly": "グーン・ソックリ",
    "Mesa Sah": "メサ・サ",
}


@pytest.mark.parametrize("name, expected", NAMES.items())
def test_khmer_names_in_katakana(name, expected):
    assert katakana(name) == expected


MORE = [
    "Chan Dara", "Heng Sreyneang", "Keo Vuthy", "Ly Kimheng", "Mao Nary", "Pov Rachana",
    "Seng Theary", "Yang Narith", "Hor Bunthoeun", "Oeun Raksmey", "Chhay Borey",
    "Eng Sothea", "Ouch Dyna", "Tep Sokunthea", "Khim Sopheaktra", "Nhem Chanthou",
    "Prak Sovannarith", "Srun Vichet", "Thorn Lyhour", "Yin Sreypov", "John Smith",
]  # fmt: skip


@pytest.mark.parametrize("name", MORE)
def test_every_romanised_name_gives_katakana_only(name):
    """Any Latin name gives katakana words joined by ・, one word for each of the name's."""
    written = katakana(name)
    assert re.fullmatch(r"[\u30a0-\u30ff]+(・[\u30a0-\u30ff]+)*", written), written
    assert written.count("・") == len(name.split()) - 1
    assert not written.startswith("ッ") and "ッッ" not in written


def test_case_hyphens_and_full_width_letters_read_the_same():
    assert katakana("SOKHA  chan") == katakana("Sokha Chan") == katakana("Ｓｏｋｈａ Ｃｈａｎ")
    assert katakana("Sok-Dara") == "ソック・ダラ"


@pytest.mark.parametrize("name", ["សុខា ចាន់", "", "   ", "ソカ", "Dara 2"])
def test_names_not_in_latin_letters_get_no_proposal(name):
    assert katakana(name) == ""


@pytest.mark.parametrize(
    "level, field, expected",
    [
        ("upper_secondary", "", ["中学校 卒業", "高等学校 入学", "高等学校 卒業"]),
        ("tvet_certificate", "Welding", ["中学校 卒業", "職業訓練校（Welding） 入学",
                                         "職業訓練校（Welding） 修了"]),
        ("bachelor", "", ["中学校 卒業", "高等学校 卒業", "大学 入学", "大学 卒業"]),
        ("primary", "", ["小学校 入学", "小学校 卒業"]),
        ("none", "", []),
        ("unknown", "", []),
    ],
)  # fmt: skip
def test_education_levels_as_japanese_schools(level, field, expected):
    lines = education_lines(level, field)
    assert [line.text for line in lines] == expected
    assert all(line.year is None and line.month is None for line in lines)


def test_past_jobs_enter_and_leave_with_titles_from_the_glossary():
    assert job_title_ja("Accountant") == "会計士"  # matching/data/lexicon/ja_manual.tsv
    assert job_title_ja("welder") == "溶接工"  # in kanji, a trade's 工, not 溶接オペレーター
    assert job_title_ja("Drone pilot") == "Drone pilot"  # unknown: as written
    lines = job_lines(
        [
            {"title": "accountant", "employer": "Angkor Trading", "years": 2},
            {"title": "Drone pilot", "employer": "", "years": None},
            {"title": "", "employer": "", "years": 1},
            {"title": "អ្នកបើកត្រាក់ទ័រ", "employer": "Battambang Rice Mill", "years": 3},
        ]
    )
    assert [line.text for line in lines] == [
        "Angkor Trading 入社（会計士）",
        "Angkor Trading 退社",
        "Drone pilotとして勤務",
        "Battambang Rice Mill 入社",  # a title in Khmer script: no Japanese reader reads it
        "Battambang Rice Mill 退社",
    ]


def test_language_records_become_licences_with_their_dates():
    lines = language_licences(
        [
            {"language": "Khmer", "level": "native"},
            {"language": "Japanese", "test": "JLPT", "level": "N4", "certified_on": "2025-07-06"},
            {"language": "Japanese", "test": "JFT-Basic", "level": "A2"},
            {"language": "English", "test": "CEFR", "level": "B1"},
        ]
    )
    assert [(line.year, line.month, line.text) for line in lines] == [
        (2025, 7, "日本語能力試験 N4 合格"),
        (None, None, "国際交流基金日本語基礎テスト（A2）合格"),
    ]


def test_passed_tests_as_licences():
    assert passed_test_line("ssw_skill", "介護", date(2025, 3, 14)).as_dict() == {
        "year": 2025,
        "month": 3,
        "text": "特定技能評価試験（介護）合格",
    }
    assert (
        passed_test_line("titp_stage_2", "農業", date(2024, 11, 1)).text
        == "技能実習2号（農業）良好修了"
    )


def test_age_counts_whole_years_lived():
    born = date(2000, 5, 3)
    assert age_on(born, date(2026, 5, 2)) == 25
    assert age_on(born, date(2026, 5, 3)) == 26
    assert age_on(None, date(2026, 5, 3)) is None
