"""The triples evaluator counts what it says it counts: checked on tiny hand-made sets whose
answers are known, with a stand-in ranker and with the real Matcher."""

import json
import re

import pytest

from matching import evaluate_triples as et


def version(headline, skills, experience):
    return {"headline": headline, "skills": skills, "experience": experience}


def triple(id, fit, no_fit, en, km=None, ja=None):
    return {
        "kind": "triple",
        "id": id,
        "trade": "test",
        "languages": ["Khmer native"],
        "education": "lower_secondary",
        "fit": fit,
        "no_fit": no_fit,
        "en": en,
        "km": km or en,
        "ja": ja or en,
    }


def role(id, title, required):
    return {"kind": "role", "id": id, "lang": "en", "title": title, "required_skills": required}


def write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


WELDER = version("welder", ["arc welding"], "Welded steel frames for five years.")
COOK = version("cook", ["cooking"], "Cooked rice and soup in a restaurant kitchen.")


def fixed_ranker(table):
    """A ranker answering from `table`: {(role id, candidate id): (score, band)}."""

    def rank(role, ids):
        return {cid: table[role["id"], cid] for cid in ids if (role["id"], cid) in table}

    return rank


@pytest.fixture
def known(tmp_path):
    """A: scores within 15 % (exactly at the edge for R2), one band. B: far apart, the ja
    version not ranked at all (score 0), bands differ. Both: a no-fit role Q scored near 0."""
    path = write(
        tmp_path / "t.jsonl",
        [
            triple("A", ["R", "R2"], ["Q"], WELDER),
            triple("B", ["R"], ["Q"], WELDER),
            role("R", "Welder", ["arc welding"]),
            role("R2", "Welder", ["arc welding"]),
            role("Q", "Cook", ["cooking"]),
        ],
    )
    table = {
        ("R", "A/en"): (0.50, "good"),
        ("R", "A/km"): (0.45, "good"),
        ("R", "A/ja"): (0.43, "good"),
        ("R2", "A/en"): (1.00, "strong"),
        ("R2", "A/km"): (0.85, "strong"),
        ("R2", "A/ja"): (0.90, "strong"),
        ("R", "B/en"): (0.80, "strong"),
        ("R", "B/km"): (0.40, "good"),
        ("Q", "A/en"): (0.01, "partial"),
        ("Q", "A/km"): (0.02, "partial"),
        ("Q", "B/en"): (0.04, "partial"),
        ("Q", "B/km"): (0.60, "partial"),  # B/km fits the cook role better than R
    }
    return et.run(path, ranker=fixed_ranker(table))


def test_pairs_carry_scores_and_bands_of_every_language(known):
    pairs = {(p.triple, p.role): p for p in known}
    assert set(pairs) == {("A", "R"), ("A", "R2"), ("A", "Q"), ("B", "R"), ("B", "Q")}
    b = pairs["B", "R"]
    assert b.scores == {"en": 0.80, "km": 0.40, "ja": 0.0}
    assert b.bands == {"en": "strong", "km": "good", "ja": et.NO_MATCH_BAND}
    assert b.expected == "fit" and pairs["A", "Q"].expected == "no_fit"


def test_spread_same_band_and_within(known):
    pairs = {(p.triple, p.role): p for p in known}
    assert pairs["A", "R"].spread == pytest.approx(0.07 / 0.50)
    assert pairs["A", "R"].within and pairs["A", "R"].same_band
    assert pairs["A", "R2"].spread == pytest.approx(0.15)
    assert pairs["A", "R2"].within  # 15 % exactly is within
    assert pairs["B", "R"].spread == pytest.approx(1.0)
    assert not pairs["B", "R"].within and not pairs["B", "R"].same_band
    # All three below the no-match score: alike, whatever their ratio.
    assert pairs["A", "Q"].spread == 0.0 and pairs["A", "Q"].within
    assert pairs["B", "Q"].spread == pytest.approx(1.0)


def test_summary_counts(known):
    summary = et.summarise(known)
    assert summary["pairs"] == 5
    assert summary["same_band"] == 4  # all but B×R (B×Q: partial/partial/partial)
    assert summary["same_band"] == sum(p.same_band for p in known)
    assert summary["within_15"] == 3  # A×R, A×R2, A×Q
    assert summary["both"] == 3
    assert summary["max_spread"] == pytest.approx(1.0)
    assert summary["mean_score"]["ja"] == pytest.approx((0.43 + 0.90 + 0.0 + 0.0 + 0.0) / 5)
    fit = et.summarise([p for p in known if p.expected == "fit"])
    assert (fit["pairs"], fit["same_band"], fit["within_15"]) == (3, 2, 2)


def test_fit_above_no_fit_counts_versions(known):
    # A: en/km/ja all fit roles above Q. B: en 0.80 > 0.04; km 0.40 < 0.60; ja 0.0 = 0.0.
    assert et.fit_above_no_fit(known) == (4, 6)


def test_worst_lists_the_widest_spread_first(known):
    worst = et.worst(known, 2)
    # Both spread 1.0; B×R has the wider gap (0.80 against 0.60).
    assert [(p.triple, p.role) for p in worst] == [("B", "R"), ("B", "Q")]
    text = et.report(known, 2)
    assert "pairs    5" in text and "B x R " in text and "A x R2" not in text


def test_with_the_matcher_identical_versions_read_alike_and_a_different_one_does_not(tmp_path):
    path = write(
        tmp_path / "t.jsonl",
        [
            triple("same", ["W"], ["K"], WELDER),
            triple("odd", ["W"], [], WELDER, km=COOK),
            role("W", "Welder", ["arc welding"]),
            role("K", "Cook", ["cooking"]),
        ],
    )
    pairs = {(p.triple, p.role): p for p in et.run(path)}
    same = pairs["same", "W"]
    assert same.scores["en"] > 0.2
    assert same.spread == 0.0 and same.same_band and same.within
    odd = pairs["odd", "W"]
    assert odd.scores["km"] < odd.scores["en"] == pytest.approx(odd.scores["ja"])
    assert not odd.within
    assert et.worst(list(pairs.values()), 1)[0] is odd


def test_load_refuses_unknown_roles_and_missing_versions(tmp_path):
    bad_role = write(tmp_path / "a.jsonl", [triple("A", ["nope"], [], WELDER)])
    with pytest.raises(ValueError, match="unknown roles"):
        et.load(bad_role)
    record = triple("A", [], [], WELDER)
    del record["ja"]
    with pytest.raises(ValueError, match="no ja version"):
        et.load(write(tmp_path / "b.jsonl", [record]))


def test_the_committed_set_is_complete():
    triples, roles = et.load()
    assert len(triples) >= 45
    assert {r["lang"] for r in roles.values()} == {"en", "km", "ja"}
    khmer, japanese = re.compile("[\u1780-\u17ff]"), re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
    for t in triples:
        assert t["fit"] and t["no_fit"], t["id"]
        for language in et.LANGUAGES:
            assert t[language]["headline"] and t[language]["skills"], (t["id"], language)
        # Three writings, not one text copied: each in its own script.
        assert khmer.search(t["km"]["experience"]) and japanese.search(t["ja"]["experience"])
        assert not khmer.search(t["en"]["experience"] + t["ja"]["experience"])
        fit_trades = {roles[r]["trade"] for r in t["fit"]}
        assert not fit_trades & {roles[r]["trade"] for r in t["no_fit"]}, t["id"]
