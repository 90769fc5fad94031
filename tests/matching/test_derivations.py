"""An occupation meets its activity (carpenter: carpentry, 溶接工: 溶接, ជាងឈើ: ការងារឈើ)
wherever words are compared, and words that only look alike stay apart."""

import pytest

from matching import Matcher
from matching.derivations import derive, families, same_family
from matching.taxonomy import Taxonomy
from matching.text import normalise


@pytest.mark.parametrize(
    ("person", "other", "role"),
    [
        # English: the role's description names the activity, the profiles the people.
        (
            {"headline": "Plumber", "experience": "Plumber for eight years."},
            {"headline": "House painter", "experience": "Painted houses for eight years."},
            {"title": "Site worker", "description": "Plumbing for houses."},
        ),
        (
            {"headline": "Carpenter", "experience": "Carpenter for eight years."},
            {"headline": "House painter", "experience": "Painted houses for eight years."},
            {"title": "Site worker", "description": "Carpentry for houses."},
        ),
        (
            {"headline": "Translator", "experience": "Translator at a trading company."},
            {"headline": "Sales clerk", "experience": "Sales at a trading company."},
            {"title": "Office staff", "description": "Translation of company documents."},
        ),
        # Japanese: 大工 reads "carpenter", 大工仕事 "carpentry"; 溶接工 "welder", 溶接 "welding".
        (
            {"headline": "大工", "experience": "大工 8年"},
            {"headline": "塗装工", "experience": "住宅の塗装 8年"},
            {"title": "現場スタッフ", "description": "住宅の大工仕事"},
        ),
        (
            {"headline": "溶接工", "experience": "溶接工 5年"},
            {"headline": "塗装工", "experience": "塗装 5年"},
            {"title": "工場スタッフ", "description": "工場の溶接"},
        ),
        # Khmer: ជាងឈើ reads "carpenter", ការងារឈើ "carpentry"; អ្នកបើកបរ "driver", បើកបរ
        # "drive vehicles".
        (
            {"headline": "ជាងឈើ", "experience": "ជាងឈើ ៨ ឆ្នាំ"},
            {"headline": "ជាងលាបថ្នាំ", "experience": "លាបថ្នាំផ្ទះ ៨ ឆ្នាំ"},
            {"title": "កម្មករ", "description": "ការងារឈើ ផ្ទះ"},
        ),
        (
            {"headline": "អ្នកបើកបរ", "experience": "អ្នកបើកបរ ៥ ឆ្នាំ"},
            {"headline": "អ្នកលក់", "experience": "លក់ឡាន ៥ ឆ្នាំ"},
            {"title": "កម្មករ", "description": "បើកបរ ឡាន"},
        ),
    ],
)
def test_a_person_ranks_first_for_a_role_that_names_their_activity(person, other, role):
    matcher = Matcher().fit([{"id": "person", **person}, {"id": "other", **other}])
    ranked = matcher.rank(role, None)
    assert [r.candidate_id for r in ranked][0] == "person"
    assert ranked[0].score > ranked[1].score


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("carpenter", "carpentry"),
        ("carpenters", "carpentry"),
        ("welder", "welding"),
        ("plumber", "plumbing"),
        ("translator", "translation"),
        ("accountant", "accounting"),
        ("programmer", "programming"),
        ("driver", "driving"),
        ("cleaner", "cleaning"),
        ("baker", "baking"),
        ("electrician", "electrical"),
        ("mechanic", "mechanics"),
        ("operator", "operation"),
        ("溶接工", "溶接"),
        ("大工", "大工工事"),
        ("調理師", "調理"),
        ("ជាងផ្សារ", "ផ្សារដែក"),
        ("ជាងឈើ", "ការងារឈើ"),
    ],
)
def test_an_occupation_and_its_activity_are_one_skill_in_any_language(one, other):
    taxonomy = Taxonomy.default()
    assert taxonomy.canonical_skill(one) == taxonomy.canonical_skill(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("general", "generation"),
        ("sale", "salt"),
        ("sales", "salt"),
        ("train", "training"),  # a train driver is not a trainer
        ("trainer", "training"),  # training in a CV is mostly training received
        ("physician", "physics"),
        ("model", "modelling"),
        ("speaker", "speaking"),
        ("writer", "writing"),  # reading and writing Japanese is not a writer's work
        ("market", "marketing"),  # ផ្សារ reads "market"
        ("technician", "technical"),
        ("account", "accountant"),
        ("building", "builder"),
        ("actor", "action"),
    ],
)
def test_words_that_only_look_alike_stay_apart(one, other):
    assert not same_family(one, other)
    assert Taxonomy.default().canonical_skill(one) != Taxonomy.default().canonical_skill(other)


def test_every_family_is_named_by_one_of_its_own_words():
    found = families()
    assert found["carpenter"] == found["carpentry"] == "carpentry"
    assert all(found.get(family) == family for family in set(found.values()))


def test_the_text_and_skills_parts_read_every_word_by_its_family():
    matcher = Matcher().fit([{"id": 1, "experience": "welders wanted", "skills": ["welder"]}])
    analyse = matcher.text_vectorizer_.build_analyzer()
    assert analyse(normalise("Welders wanted")) == analyse("welding wanted")
    skills = matcher.skills_vectorizer_.build_analyzer()
    assert skills("welder ; plumbers") == skills("welding ; plumbing")
    assert derive("welders and plumbers") == "welding and plumbing"
    # ជាងនំ reads "baker", ដុតនំ "bake goods": both have the family "bakery".
    assert "bakery" in derive(normalise("ជាងនំ")).split()
    assert "bakery" in derive(normalise("ដុតនំ")).split()


def test_a_title_naming_the_activity_finds_the_occupation():
    assert Taxonomy.default().occupation_for("plumbing").label == "plumber"


def test_a_required_activity_is_found_in_a_profile_that_names_the_occupation():
    # Neither pair is in the hand-written pairs.tsv, and their stems differ
    # (pharmacist / pharmacy): the derived families alone join them.
    matcher = Matcher().fit(
        [
            {"id": 1, "experience": "Eight years as a pharmacist", "skills": ["joiner"]},
            {"id": 2, "experience": "Eight years as a cook", "skills": ["cooking"]},
        ]
    )
    role = {"title": "worker", "required_skills": ["pharmacy", "joinery"]}
    best = matcher.rank(role, 1)[0]
    assert best.candidate_id == 1
    assert best.explanation.matched_required_skills == ["pharmacy", "joinery"]


def _build_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "build_derivations.py"
    spec = importlib.util.spec_from_file_location("build_derivations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_build_rules_join_only_words_esco_has_and_leave_the_exceptions_out():
    build = _build_script()
    heads = {"welder", "translator", "pharmacist", "electrician", "accountant", "cook", "trainer"}
    heads |= {"plumber"}
    words = "welding weld translation pharmacy electricity accounting cooking training salt sale"
    counts = {word: 5 for word in [*heads, *words.split()]} | {"plumbing": 1}
    found = build.families(heads, counts, verbs={"weld", "train"})
    by_word = {word: key for key, members in found.items() for word, _how in members}
    assert by_word["welder"] == by_word["welding"] == by_word["weld"] == by_word["welders"]
    assert by_word["translator"] == by_word["translation"]
    assert by_word["pharmacist"] == by_word["pharmacy"]
    assert by_word["electrician"] == by_word["electricity"]
    assert by_word["accountant"] == by_word["accounting"]
    assert by_word["cook"] == by_word["cooking"]
    assert not {"trainer", "training", "train", "salt", "sale"} & set(by_word)
    # A word ESCO uses once (a misspelling, most often) joins nothing.
    assert "plumber" not in by_word
