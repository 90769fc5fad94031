import pytest

from matching import levels


@pytest.mark.parametrize(
    "text, code, level, rank",
    [
        ("Japanese N3", "ja", "N3", 3),
        ("JLPT N2", "ja", "N2", 4),
        ("N5", "ja", "N5", 1),
        ("日本語 N4", "ja", "N4", 2),
        ("ភាសាជប៉ុន N4", "ja", "N4", 2),
        ("Japanese JFT-Basic A2", "ja", "JFT-Basic A2", 2),
        ("English B2", "en", "B2", 4),
        ("English (C1)", "en", "C1", 5),
        ("English intermediate", "en", "B1", 3),
        ("Khmer native", "km", "native", 10),
        ("Khmer mother tongue", "km", "native", 10),
        ({"language": "Japanese", "level": "N4", "must": True}, "ja", "N4", 2),
        ({"language": "en", "level": "A2"}, "en", "A2", 2),
    ],
)
def test_parse_language(text, code, level, rank):
    assert levels.parse_language(text) == levels.LanguageLevel(code, level, rank)


def test_jft_basic_counts_as_n4():
    jft = levels.parse_language("Japanese JFT-Basic A2")
    assert levels.compare(jft, levels.parse_language("Japanese N4")) == "met"
    assert levels.compare(jft, levels.parse_language("Japanese N3")) == "nearly"


@pytest.mark.parametrize(
    "have, need, status",
    [
        ("Japanese N3", "Japanese N4", "met"),
        ("Japanese N4", "Japanese N4", "met"),
        ("Japanese N5", "Japanese N4", "nearly"),
        ("Japanese N5", "Japanese N3", "not_met"),
        ("English A2", "English B1", "nearly"),
        ("English C2", "English B1", "met"),
        ("Khmer native", "Khmer C1", "met"),
        (None, "Japanese N5", "not_met"),
    ],
)
def test_compare(have, need, status):
    candidate = levels.parse_language(have) if have else None
    assert levels.compare(candidate, levels.parse_language(need)) == status


@pytest.mark.parametrize(
    "text, code",
    [
        ("high school", "upper_secondary"),
        ("Grade 12 (BacII)", "upper_secondary"),
        ("TVET certificate in welding", "tvet_certificate"),
        ("associate degree", "tvet_diploma"),
        ("Bachelor of IT", "bachelor"),
        ("大学", "bachelor"),
        ("大学院", "master"),
        ("lower_secondary", "lower_secondary"),
        ("something else", ""),
    ],
)
def test_parse_education(text, code):
    assert levels.parse_education(text) == code


def test_education_ranks_are_ordered():
    ranks = [levels.education_rank(code) for code in levels.EDUCATION_LEVELS]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


@pytest.mark.parametrize(
    "text, code",
    [
        ("Technical Intern Training", "technical_intern"),
        ("技能実習", "technical_intern"),
        ("Specified Skilled Worker", "ssw"),
        ("特定技能", "ssw"),
        ("local", "local"),
    ],
)
def test_parse_program(text, code):
    assert levels.parse_program(text) == code


def test_skill_suggestions_come_from_the_taxonomy():
    from matching.taxonomy import Taxonomy

    found = Taxonomy.default().suggest_skills("pyth")
    assert found and found[0].lower().startswith("python")
    assert Taxonomy.default().suggest_skills("x") == []
