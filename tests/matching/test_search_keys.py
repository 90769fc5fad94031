"""Search keys and suggestions: one word in any script, the same records found."""

from matching.lexicon import Lexicon
from matching.search_keys import alternatives, search_key, suggestions

LEXICON = Lexicon(
    [
        ("溶接工", "welder", "occupation"),
        ("溶接", "welding", "skill"),
        ("アーク溶接", "arc welding", "skill"),
        ("ជាងផ្សារដែក", "welder", "occupation"),
        ("ផ្សារដែក", "welding", "skill"),
        ("ទីផ្សារ", "marketing", "skill"),
        ("ផ្សារ", "market", "word"),
        ("大阪", "osaka", "place"),
    ]
)


def found(typed: str, texts: list[str]) -> bool:
    key = search_key(texts, lexicon=LEXICON)
    return any(alias in key for alias in alternatives(typed, lexicon=LEXICON))


def test_one_word_in_any_script_finds_a_record_written_in_any_other():
    records = [["Welding"], ["溶接"], ["ផ្សារដែក"], ["Experienced welder", "arc welding"]]
    for typed in ("溶接", "ផ្សារដែក", "welding", "weld"):
        assert all(found(typed, texts) for texts in records), typed
    assert not found("溶接", ["Cook", "cooking"])


def test_the_key_folds_kana_and_width_but_keeps_unknown_words():
    key = search_key(["ﾌｫｰｸﾘﾌﾄ", "ＣＡＤ"], lexicon=LEXICON)
    assert "ふおーくりふと" in key.split("\n") and "cad" in key.split("\n")
    assert alternatives("フォークリフト", lexicon=LEXICON) == {"ふおーくりふと"}


def test_the_key_reads_katakana_words_as_matching_does():
    # ポート ("port") inside the unknown サポート is not a term of the record: searching
    # "port" does not find a support worker (`scripts.whole_katakana_words`).
    small = Lexicon([("ポート", "port", "word"), ("スタッフ", "staff", "suffix")])
    assert not {"port", "ぽーと"} & set(search_key(["サポートスタッフ"], lexicon=small).split("\n"))
    assert "port" in search_key(["ポートスタッフ"], lexicon=small).split("\n")


def test_each_part_of_the_key_appears_once():
    parts = search_key(["溶接", "溶接", "welding"], lexicon=LEXICON).split("\n")
    assert len(parts) == len(set(parts)) and {"溶接", "welding", "ផ្សារដែក"} <= set(parts)


def test_suggestions_offer_the_typers_script_first_and_welding_before_marketing():
    khmer = suggestions("ផ្សារ", lexicon=LEXICON)
    assert khmer[0] == "ផ្សារដែក"
    assert khmer.index("welding") < khmer.index("marketing")
    assert khmer.index("ទីផ្សារ") < khmer.index("welding")  # every Khmer word, then English
    japanese = suggestions("溶接", lexicon=LEXICON)
    assert japanese[:2] == ["溶接", "アーク溶接"] and japanese[2:] == ["welding", "arc welding"]
    assert suggestions("", lexicon=LEXICON) == []
