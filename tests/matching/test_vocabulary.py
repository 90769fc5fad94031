"""The vocabulary knows what people write: compounds, phrases, words read by their
neighbours, and occupations that satisfy their activity (welder: welding)."""

import pytest

from matching import Matcher
from matching.doers import doer_pairs, vocabulary_doers
from matching.lexicon import DATA, Lexicon, _read
from matching.scripts import fold
from matching.taxonomy import Taxonomy
from matching.text import normalise


@pytest.mark.parametrize(
    ("written", "language", "shown"),
    [
        ("ウェブエンジニア（ジュニア）", "en", "web engineer (junior)"),
        ("衛生管理", "en", "hygiene management"),
        ("建設機械の運転", "en", "operate construction machinery"),
        ("図面の読み取り", "en", "read standard blueprints"),
        ("ផ្សារ TIG", "en", "welding TIG"),
        ("ផ្សារ TIG", "ja", "溶接 TIG"),
    ],
)
def test_the_issues_titles_read_well_with_the_default_vocabulary(written, language, shown):
    assert Lexicon.default().display(written, language) == shown


def test_a_khmer_word_reads_by_its_neighbours():
    lexicon = Lexicon(
        [("ផ្សារ", "market", "word"), ("ដែក", "metal", "word"), ("ត្រី", "fish", "word")],
        context=[("ផ្សារ", "welding", "skill", "tig|metal")],
    )
    assert normalise("ផ្សារ") == "market"
    assert lexicon.translate("ផ្សារ tig") == "welding tig"
    assert lexicon.translate("ផ្សារដែក") == "welding metal"  # by the neighbour's English
    assert lexicon.translate("ផ្សារត្រី") == "market fish"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("衛生管理", "hygiene management"),
        ("建設機械の運転", "operate construction machinery"),
        ("図面の読み取り", "អានប្លង់"),
        ("ផ្សារ TIG", "welding tig"),
        ("土木エンジニア", "civil engineer"),
    ],
)
def test_compounds_and_phrases_read_as_one_term(one, other):
    assert normalise(one) == normalise(other)


@pytest.mark.parametrize(
    ("required", "candidate"),
    [
        ("carpenter", {"skills": ["carpentry"]}),
        ("carpentry", {"headline": "Carpenter"}),
        ("welder", {"skills": ["welding"]}),
        ("caregiver", {"skills": ["elderly care"]}),
        ("elderly care", {"headline": "介護職員"}),
        ("food hygiene", {"skills": ["衛生管理"], "experience": "食品加工の工場で3年"}),
        ("図面の読み取り", {"skills": ["អានប្លង់"]}),
        ("operate construction machinery", {"skills": ["重機運転"]}),
        # ESCO's label, as skill suggestions offer it, and a CV's words for it.
        ("interact verbally in Japanese", {"skills": ["spoken Japanese"]}),
        ("interact verbally in English", {"skills": ["English conversation"]}),
    ],
)
def test_one_name_of_a_skill_satisfies_the_other(required, candidate):
    matcher = Matcher().fit([{"id": 1, **candidate}, {"id": 2, "skills": ["sewing"]}])
    best = matcher.rank({"title": "worker", "required_skills": [required]}, 1)[0]
    assert best.candidate_id == 1
    assert best.explanation.matched_required_skills == [required]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("I mix the dough, shape it and bake", "i mix the dough shape and bake"),
        ("worked in it support", "worked in information technology support"),
        ("IT technician", "information technology technician"),
        ("it", "information technology"),
    ],
)
def test_the_pronoun_it_is_not_information_technology(written, read):
    assert normalise(written) == read


def test_khmer_open_is_to_drive_or_operate_beside_a_vehicle_or_machine():
    assert normalise("បើកទ្វារ") == "open door"
    assert normalise("បើក ឡាន") == "driving car"
    assert normalise("បើក excavator").startswith("operate machinery")


def test_a_skill_label_s_filler_words_are_not_needed_as_evidence():
    # The vocabulary reads ផ្សារអគ្គិសនី as the label "apply arc welding techniques";
    # a CV that says "arc welding" has it.
    matcher = Matcher().fit([{"id": 1, "experience": "5 years of arc welding"}, {"id": 2}])
    best = matcher.rank({"title": "welder", "required_skills": ["ផ្សារអគ្គិសនី"]}, 1)[0]
    assert best.explanation.matched_required_skills == ["ផ្សារអគ្គិសនី"]


def test_an_activity_with_a_person_s_ending_is_the_occupation():
    lexicon = Lexicon(
        [
            ("製パン", "baking", "skill"),
            ("スタッフ", "staff", "suffix"),
            ("見習い", "apprentice", "suffix"),
        ],
        doers=[("baking", "baker")],
    )
    assert lexicon.translate("製ぱんすたっふ") == "baker"
    assert lexicon.translate("製ぱん見習い") == "baking apprentice"  # not a doer's ending
    assert lexicon.display("製パンスタッフ", "en") == "baker"
    assert normalise("溶接スタッフ") == normalise("溶接工") == "welder"


def test_a_khmer_person_s_word_before_an_activity_is_the_occupation():
    lexicon = Lexicon(
        [
            ("រៀបចំបន្ទប់", "clean rooms", "skill"),
            ("ផ្សារដែក", "welding", "skill"),
            ("អ្នក", "person", "noise"),
            ("កម្មករ", "worker", "word"),
            ("ប្រធាន", "head", "word"),
        ],
        doers=[("clean rooms", "room attendant"), ("welding", "welder")],
    )
    assert lexicon.translate("អ្នករៀបចំបន្ទប់ សណ្ឋាគារ") == "room attendant សណ្ឋាគារ"
    assert lexicon.translate("កម្មករផ្សារដែក") == "welder"
    assert lexicon.translate("ប្រធានផ្សារដែក") == "head welding"  # a head is not the doer
    assert lexicon.translate("អ្នកចង់") == "ចង់"  # អ្នក ("you") alone is not a word to match
    assert lexicon.translate("ផ្សារដែក អ្នក") == "welding"  # a person's word after: nothing
    # The whole vocabulary reads it the same way.
    assert normalise("អ្នករៀបចំបន្ទប់") == "room attendant"


def test_esco_s_long_welding_names_are_the_short_ones_people_write():
    matcher = Matcher().fit(
        [
            {"id": 1, "skills": ["perform tungsten inert gas welding"]},
            {"id": 2, "experience": "arc welding of metal frames, cutting steel with gas"},
        ]
    )
    tig = matcher.rank({"title": "welder", "required_skills": ["TIG溶接"]}, None)
    assert [r.candidate_id for r in tig if not r.explanation.missing_required_skills] == [1]
    # The words of "gas metal arc welding" (MIG) in a text about arc welding and gas cutting
    # are not MIG welding.
    mig = matcher.rank({"title": "welder", "required_skills": ["MIG welding"]}, None)
    assert all(r.explanation.missing_required_skills for r in mig)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ផ្សារ TIG", "TIG welding"),
        ("TIG溶接", "welding tig"),
        # Found in another word order as another name of an activity (pairs.tsv: CO2
        # welding is MAG welding), and then read as that activity.
        ("ផ្សារ CO2", "CO2溶接"),
        ("welding co2", "MAG welding"),
    ],
)
def test_a_skill_named_in_another_word_order_is_the_same_skill(one, other):
    taxonomy = Taxonomy.default()
    assert taxonomy.canonical_skill(one) == taxonomy.canonical_skill(other)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("スプレー塗装", "spray painting"),
        ("下地処理", "surface preparation"),
        ("鉄筋の結束", "tie reinforcing steel"),
        ("足場の組み立て", "build scaffolding"),
        ("型枠", "formwork"),
        ("歩行介助", "assist with mobility"),
        ("縫製工場", "garment factory"),  # not 縫製工 (sewing machine operator) + 場
        # An unknown compound is read word by word.
        ("モルタルの下地", "mortar substrate"),
        # Running text: 担当 is the verb, 歩行 is walking (not a foot soldier).
        ("歩行の介助を担当していました", "assist with mobility していました"),
    ],
)
def test_japanese_work_activities_read_as_their_english(written, read):
    assert Lexicon.default().translate(fold(written)) == read


def test_a_long_term_does_not_swallow_the_start_of_the_next_one():
    """Longest match first, unless it leaves letters unread: 機械工 ("machinist") swallowed
    the 工 of 工場 ("factory"), and គ្រឿងបន្លាស់ម៉ាស៊ីន ("machine parts") the start of
    ម៉ាស៊ីនត្រជាក់ ("air conditioner")."""
    small = Lexicon(
        [
            ("機械工", "machinist", "occupation"),
            ("機械", "machine", "word"),
            ("工場", "factory", "word"),
            ("溶接工", "welder", "occupation"),
            ("溶接", "welding", "skill"),
            ("工", "worker", "suffix"),
            ("គ្រឿងបន្លាស់ម៉ាស៊ីន", "machine parts", "word"),
            ("គ្រឿងបន្លាស់", "spare parts", "word"),
            ("ម៉ាស៊ីនត្រជាក់", "air conditioner", "word"),
        ]
    )
    assert small.translate(fold("機械工場で")) == "machine factory"  # a lone particle drops
    assert small.translate(fold("機械工です")) == "machinist です"
    # Nothing left unread: the longest term still wins (溶接工, not 溶接 + 工).
    assert small.translate(fold("溶接工")) == "welder"
    assert small.translate(fold("គ្រឿងបន្លាស់ម៉ាស៊ីនត្រជាក់")) == "spare parts air conditioner"
    assert small.translate(fold("គ្រឿងបន្លាស់ម៉ាស៊ីន")) == "machine parts"
    # The platform's own vocabulary reads the factory too.
    assert "factory" in normalise("プノンペンの機械工場で5年間")


def test_a_khmer_activity_and_its_noun_read_as_one_skill():
    # ការ makes a noun of a verb: ការដាំបន្លែ "vegetable growing" and ដាំបន្លែ "grow
    # vegetables" are one activity, whichever a person writes (by one English label, or two
    # that pairs.tsv joins, so that both stay shown in Khmer).
    rows = {term: (english, kind) for term, english, kind in _read(DATA / "km.tsv")}
    taxonomy = Taxonomy.default()
    differ = [
        (term, english, rows[term[3:]][0])
        for term, (english, kind) in rows.items()
        if term.startswith("ការ")
        and term[3:] in rows
        and kind == rows[term[3:]][1] == "skill"
        and taxonomy.canonical_skill(english) != taxonomy.canonical_skill(rows[term[3:]][0])
    ]
    assert differ == []


def test_the_vocabulary_s_doers_do_their_activity():
    rows = [
        ("溶接", "welding", "skill"),
        ("工", "worker", "suffix"),
        ("見習い", "apprentice", "suffix"),  # not the one who does it
        ("溶接工", "welder", "occupation"),
        ("溶接見習い", "welding apprentice", "occupation"),
        ("ផ្សារដែក", "welding", "skill"),
        ("ជាង", "technician", "word"),
        ("ជាងផ្សារដែក", "welder", "occupation"),
    ]
    assert doer_pairs(rows) == {("welding", "welder")}
    assert ("vehicle maintenance", "vehicle technician") in vocabulary_doers()  # 自動車整備士


def test_a_doer_s_title_is_evidence_of_the_activity_one_way():
    # 自動車整備士 is the vehicle technician who does 自動車整備 (vehicle maintenance); "car
    # mechanic" is a label of vehicle technician. Listing the activity does not make the
    # occupation.
    matcher = Matcher().fit(
        [
            {"id": "mechanic", "headline": "Car mechanic", "skills": ["engine repair"]},
            {"id": "skill only", "skills": ["vehicle maintenance"]},
        ]
    )
    found = {
        r.candidate_id: r.explanation
        for r in matcher.rank(
            {"title": "自動車整備士", "required_skills": ["自動車整備", "vehicle technician"]}, None
        )
    }
    assert found["mechanic"].matched_required_skills == ["自動車整備", "vehicle technician"]
    assert found["skill only"].matched_required_skills == ["自動車整備"]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # pairs.tsv names the activity; ESCO's "paint" is a label of "express yourself
        # creatively" and "assembly" one of the programming language.
        ("塗装", "painting"),
        ("paint surfaces", "painting"),
        ("painting", "painting"),
        ("組み立て", "assembly"),
        ("assembler", "assembly"),
    ],
)
def test_an_activity_matching_names_is_not_read_again_through_esco(written, read):
    assert Taxonomy.default().canonical_skill(written) == read
