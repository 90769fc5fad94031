"""Japanese, Khmer and English name the same jobs and skills: the matcher reads them alike."""

import pytest

from matching import Matcher
from matching.lexicon import Lexicon
from matching.scripts import fold
from matching.taxonomy import Taxonomy
from matching.text import normalise
from matching.titles import title_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ウェイター", "ウエイター"),  # small and large vowels
        ("ヘルパー", "へるぱー"),  # katakana and hiragana
        ("ﾌｫｰｸﾘﾌﾄ", "フォークリフト"),  # half and full width
        ("ＪＬＰＴ　Ｎ４", "jlpt n4"),
        ("០១២ ៣៤៥ ៦៧៨", "012 345 678"),  # Khmer digits
        ("ជាង\u200bផ្សារ", "ជាងផ្សារ"),  # a zero-width space inside a Khmer word
        ("ក\u17b6\u17d2\u179a", "ក\u17d2\u179a\u17b6"),  # vowel typed before the subscript
    ],
)
def test_spellings_that_mean_the_same_fold_to_one(one, other):
    assert fold(one) == fold(other)


def test_khmer_words_stay_whole_when_tokenised():
    # Vowel signs and subscripts are combining marks; splitting at them breaks every word.
    assert normalise("សុខុម ចាន់ធី") == fold("សុខុម ចាន់ធី")


def test_longest_known_term_wins_and_noise_goes():
    lexicon = Lexicon(
        [
            ("溶接", "welding", "skill"),
            ("溶接工", "welder", "occupation"),
            ("急募", "urgent", "noise"),
            ("大阪", "Osaka", "place"),
        ]
    )
    assert lexicon.translate(fold("急募溶接工大阪")) == "welder osaka"
    assert lexicon.translate(fold("溶接の大阪")) == "welding osaka"  # a lone particle goes
    assert lexicon.translate(fold("溶接経験")) == "welding 経験"  # the unknown rest stays
    assert lexicon.term_for("Welder", "ja") == "溶接工"


@pytest.mark.parametrize(
    ("title", "english"),
    [
        ("溶接工（JLPT N4）大阪", "Welder (JLPT N4) – Osaka"),
        ("介護職員", "care worker"),
        ("ជាងផ្សារដែក", "welder"),
        ("អ្នកបើកបរ", "driver"),
    ],
)
def test_a_title_in_japanese_or_khmer_finds_the_occupation_of_its_english(title, english):
    taxonomy = Taxonomy.default()
    found = taxonomy.occupation_for(title)
    assert found is not None
    assert found.isco[:3] == taxonomy.occupation_for(english).isco[:3]


def test_a_skill_typed_in_any_language_is_the_same_skill():
    taxonomy = Taxonomy.default()
    assert taxonomy.canonical_skill("溶接") == taxonomy.canonical_skill("welding")
    assert taxonomy.canonical_skill("ផ្សារដែក") == taxonomy.canonical_skill("welding")


def test_a_japanese_role_ranks_english_and_khmer_welders_first():
    candidates = [
        {"id": "en", "headline": "welder", "skills": ["welding"], "languages": ["Japanese N4"]},
        {"id": "km", "headline": "ជាងផ្សារដែក", "skills": ["ផ្សារដែក"], "languages": ["Japanese N4"]},
        {"id": "cook", "headline": "cook", "skills": ["cooking"], "languages": ["Japanese N4"]},
        {"id": "op", "headline": "machine operator", "skills": ["CNC operation"]},
        {"id": "care", "headline": "care worker", "skills": ["elderly care"]},
    ]
    role = {
        "id": "r",
        "title": "溶接工（JLPT N4）大阪",
        "required_skills": ["溶接"],
        "languages": [{"language": "Japanese", "level": "N4", "must": True}],
    }
    results = Matcher().fit(candidates).rank(role, k=5)
    assert [r.candidate_id for r in results[:2]] in (["en", "km"], ["km", "en"])
    for result in results[:2]:
        assert result.explanation.matched_required_skills == ["溶接"]
        assert result.score > 0.5
    care = {"id": "c", "title": "介護職員", "required_skills": ["介護"]}
    assert Matcher().fit(candidates).rank(care, k=1)[0].candidate_id == "care"


def test_a_khmer_term_is_not_found_inside_a_longer_word():
    lexicon = Lexicon([("កែប", "Kep", "place")])
    # "កែប្រែ" (to edit) begins with the letters of Kep, but its ប carries a subscript.
    assert lexicon.translate(fold("កែប្រែ")) == fold("កែប្រែ")
    assert lexicon.translate(fold("កែប")) == "kep"


def test_a_derived_loanword_is_not_read_inside_hiragana_grammar():
    # シティ "city" (JMdict) folds to してい: it must not be found in していました.
    lexicon = Lexicon.default()
    assert "city" not in lexicon.translate(fold("車の塗装をしていました")).split()
    assert lexicon.translate(fold("溶接の仕事をしていました")) == "welding をしていました"
    # Katakana words of three syllables or more still match, folded or not.
    assert lexicon.translate(fold("ウェイター")) == lexicon.translate(fold("うえいたー"))
    assert lexicon.translate(fold("セキュリティ")) == "security"
    assert lexicon.translate(fold("ソフトウェアエンジニア")) == "software engineer"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("サポートスタッフ", "support staff"),
        ("ITサポート", "information technology support"),
        ("システム", "system"),
        ("ヘルメット", "helmet"),
        ("ユニフォーム", "uniform"),
    ],
)
def test_a_common_katakana_word_reads_whole(written, read):
    # Not as a shorter word inside it: サポート read ポート ("port") with its サ dropped,
    # ユニフォーム "ゆに foam"; システム was not read at all (JMdict's loanwords, `word`).
    assert normalise(written) == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # An unknown katakana word stays unread rather than read as the words inside it.
        ("ファーストフード店", "ふあーすとふーど店"),  # not アース "earth" + と + フード "hood"
        ("インバウンド", "いんばうんど"),  # not イン + バウンド "bounce"
        # Two loanwords written together are still read apart, known or not.
        ("ソーイングスタッフ", "そーいんぐ staff"),
        ("プレスオペレーター", "punch press operator"),
        # Hiragana grammar beside a katakana word is not part of it.
        ("介護のサポート", "care support"),
    ],
)
def test_a_katakana_word_is_read_whole_or_not_at_all(written, read):
    assert normalise(written) == read


def test_a_label_counts_by_how_much_of_the_title_it_holds():
    # Each of these titles is near, in words and letters, to a label that lacks one of its
    # rarer words ("lacquer spray painter", "container crane driver", "tent installer");
    # the label that holds them all wins (`COVERAGE_FLOOR`).
    titles = ["vehicle spray painter", "lorry crane driver", "floor covering installer"]
    found = [best[0].label for best in Taxonomy.default().nearest(titles, k=1)]
    assert found == [
        "transport equipment painter",
        "mobile crane operator",
        "resilient floor layer",
    ]


@pytest.mark.parametrize(
    ("title", "occupation"),
    [("Arc welder", "welder"), ("Maintenance electrician", "electrician")],
)
def test_a_label_several_occupations_share_names_the_one_it_holds(title, occupation):
    # ESCO gives "arc welder" to both welder and electron beam welder, "maintenance
    # electrician" to four occupations: the one whose own name is in the label wins the tie.
    taxonomy = Taxonomy.default()
    found = taxonomy.nearest([title], k=2)[0]
    assert found[0].label == occupation
    assert found[1].similarity < found[0].similarity


def test_one_activity_named_in_three_languages_scores_alike():
    # "bricklaying", រៀបឥដ្ឋ ("lay bricks") and れんが積み name one ESCO activity; the skills
    # part compares the names the activity goes by, not the words each language happens
    # to use, so the three people score the same for a role asking for it.
    people = [
        {"id": "en", "skills": ["bricklaying"]},
        {"id": "km", "skills": ["រៀបឥដ្ឋ"]},
        {"id": "ja", "skills": ["れんが積み"]},
        {"id": "other", "skills": ["sewing"]},
    ]
    matcher = Matcher().fit(people)
    scores = {
        r.candidate_id: r.score for r in matcher.rank({"required_skills": ["lay bricks"]}, None)
    }
    assert scores["en"] == pytest.approx(scores["km"]) == pytest.approx(scores["ja"])
    assert scores["en"] > scores.get("other", 0.0)


def test_one_job_named_in_three_languages_is_one_title():
    # "Motorbike mechanic" and "motorcycle mechanic" (the reading of バイク整備士 and
    # ជាងជួសជុលម៉ូតូ) are labels of one ESCO occupation: the title part reads both with
    # its name, whichever way a role names the job.
    people = [
        {"id": "en", "headline": "Motorbike mechanic"},
        {"id": "km", "headline": "ជាងជួសជុលម៉ូតូ"},
        {"id": "ja", "headline": "バイク整備士"},
        {"id": "other", "headline": "Cook"},
    ]
    matcher = Matcher().fit(people)
    rows = matcher._rows(["en", "km", "ja", "other"])
    keys = [matcher.title_occupation_[k].label for k in matcher.title_key_[rows].tolist()]
    assert keys[0] == keys[1] == keys[2] == "vehicle technician" != keys[3]
    for title in ("Motorcycle mechanic", "motorbike mechanic"):
        scores = {r.candidate_id: r.score for r in matcher.rank({"title": title}, None)}
        # Without the name the two titles share one word of two, and the other language
        # scored 0.67 of the same; with it, three of four.
        assert min(scores["en"], scores["km"]) > 0.7 * max(scores["en"], scores["km"])
        assert scores["km"] == pytest.approx(scores["ja"])
        assert scores.get("other", 0.0) < 0.3 * scores["km"]


@pytest.mark.parametrize(
    ("title", "key"),
    [
        # An alternative label of one occupation, and its name.
        ("motorbike mechanic", "motorbike mechanic vehicle technician"),
        ("welder", "welder"),  # a preferred label
        ("courier", "courier"),  # a label of two occupations
        ("driver", "driver"),  # ends bus driver, train driver...: a kind of job
        ("sous chef de partie", "sous chef de partie"),  # no label
    ],
)
def test_a_title_that_names_one_occupation_is_read_as_it(title, key):
    assert title_key(title) == key


def test_a_skill_that_names_the_job_is_held_by_those_with_that_job():
    # フロント業務 "front desk work" reads as the occupation hospitality establishment
    # receptionist; "Hotel receptionist" is that occupation's label, so its name is
    # evidence of it.
    matcher = Matcher().fit(
        [
            {"id": 1, "headline": "Hotel receptionist", "skills": ["customer service"]},
            {"id": 2, "headline": "Cook", "skills": ["cooking"]},
        ]
    )
    found = {
        r.candidate_id: r.explanation
        for r in matcher.rank(
            {"title": "ホテルフロント", "required_skills": ["フロント業務"]}, None
        )
    }
    assert found[1].matched_required_skills == ["フロント業務"]
    assert 2 not in found or found[2].missing_required_skills == ["フロント業務"]
