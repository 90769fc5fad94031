"""The rule "no baseline beats the matcher" can fail and says where: the metrics count what
they say on hand-made rankings, a set where a baseline wins is reported as beaten and makes
`python -m matching.evaluate --check` exit 1, the JobBERT-shaped sets read their files as
documented (on tiny files written here), and the committed noisy_cv set loads and is scored.

Whether the matcher wins on the real sets today is not asserted here: the figures move
with the matcher (see the README's matching table)."""

import csv
import doctest

import pytest

from matching import evaluate, evaluate_baselines, evaluate_jobbert, evaluate_rule, evaluate_sets
from matching.evaluate_rule import MATCHER, EvalSet


def test_the_docstrings_run():
    for module in (evaluate_baselines, evaluate_rule):
        assert doctest.testmod(module).failed == 0


def test_metrics_on_known_rankings():
    # One relevant item at rank 2: MRR = MAP = 1/2, NDCG@10 = 1/log2(3).
    single = evaluate_rule.scores([["x", "gold", "y"]], [{"gold": 1}])
    assert single["MRR"] == pytest.approx(0.5)
    assert single["MAP"] == pytest.approx(0.5)
    assert single["NDCG@10"] == pytest.approx(1 / 1.5849625, rel=1e-6)
    assert single["R@10"] == 1.0
    # Graded: the grade-2 item second, the grade-1 item first; relevant = the top grade.
    graded = evaluate_rule.scores([["near", "same", "other"]], [{"same": 2, "near": 1}])
    dcg = 1 / 1 + 3 / 1.5849625
    ideal = 3 / 1 + 1 / 1.5849625
    assert graded["NDCG@10"] == pytest.approx(dcg / ideal, rel=1e-6)
    assert graded["MRR"] == pytest.approx(0.5)
    # MAP@depth: two relevant items, depth 1, the first found at rank 1.
    assert evaluate_rule.scores([["a", "b"]], [{"a": 1, "b": 1}], depth=1)["MAP"] == 1.0
    assert evaluate_rule.scores([["a", "b"]], [{"a": 1, "b": 1}])["MAP"] == 1.0
    assert evaluate_rule.scores([["z", "b"]], [{"a": 1, "b": 1}])["MAP"] == pytest.approx(0.25)


def tiny_set() -> EvalSet:
    profiles = [
        {"id": "p1", "headline": "welder", "skills": ["arc welding"]},
        {"id": "p2", "headline": "cook", "skills": ["cooking"]},
        {"id": "p3", "headline": "sewing machine operator", "skills": ["sewing"]},
    ]
    roles = [{"id": "r1", "title": "welder"}, {"id": "r2", "title": "cook"}]
    return EvalSet("tiny", "", profiles, roles, [{"p1": 1}, {"p2": 1}], main="MRR")


def backwards(evalset):
    """A 'matcher' that ranks the baselines' best last: it must lose."""
    found = evaluate_rule.baseline_rankings(evalset, "TF-IDF char 2-4")
    ids = [p["id"] for p in evalset.profiles]
    return [list(reversed(row)) + [i for i in ids if i not in row] for row in found]


def oracle(evalset):
    """A 'matcher' that knows the answers: nothing can beat it."""
    return [sorted(g, key=lambda item: -g[item]) for g in evalset.grades]


def rankers(matcher):
    found = dict(evaluate_rule.systems())
    found[MATCHER] = matcher
    return found


def test_a_set_where_a_baseline_wins_is_reported_as_beaten():
    evalset = tiny_set()
    results = evaluate_rule.run_set(evalset, rankers(backwards))
    assert results["TF-IDF char 2-4"]["MRR"] == 1.0
    assert results[MATCHER]["MRR"] < 1.0
    assert "TF-IDF char 2-4" in evaluate_rule.beaten_by(results, "MRR")
    lines, holds = evaluate_rule.verdict([(evalset, results)])
    assert not holds
    assert "tiny" in lines and "BEATEN" in lines
    assert "BM25" in evaluate_rule.table([(evalset, results)])

    results = evaluate_rule.run_set(evalset, rankers(oracle))
    lines, holds = evaluate_rule.verdict([(evalset, results)])
    assert holds and "BEATEN" not in lines


@pytest.mark.parametrize(("matcher", "status"), [(backwards, 1), (oracle, 0)])
def test_check_exits_1_when_a_baseline_wins(monkeypatch, capsys, matcher, status):
    monkeypatch.setattr(evaluate, "build", lambda *args: (tiny_set(), None))
    chosen = rankers(matcher)
    monkeypatch.setattr(evaluate_rule, "systems", lambda: chosen)
    assert evaluate.main(["--sets", "cv", "--check"]) == status
    assert evaluate.main(["--sets", "cv"]) == 0  # without --check it only reports
    assert "tiny" in capsys.readouterr().out


def test_sets_are_chosen_by_group_and_name():
    assert evaluate.chosen_sets("noisy_cv,labels") == ["labels", "noisy_cv"]
    assert set(evaluate.chosen_sets("rule")) == set(evaluate.RULE_SETS)
    assert "triples" in evaluate.chosen_sets("all")
    with pytest.raises(Exception, match="unknown set"):
        evaluate.chosen_sets("nope")


def write_csv(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def data_dir(tmp_path):
    occupation = "http://data.europa.eu/esco/occupation/"
    write_csv(
        tmp_path / "esco" / "occupations_en.csv",
        ["conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description"],
        [
            (occupation + "w", "7212", "welder", "welding operator\nfabrication welder", "Welds."),
            (occupation + "c", "5120", "cook", "line cook", "Cooks."),
        ],
    )
    titles = [  # row number: odd rows are the test split
        ("Welder wanted", "w"), ("fabrication welder", "w"), ("Cook", "c"),
        ("line cook (night)", "c"), ("welder", "w"), ("Pastry cook", "c"), ("Chef", "gone"),
    ]  # fmt: skip
    write_csv(
        tmp_path / "jobbert" / "titles_dev.csv",
        ["", "vacancyTitle", "conceptUri"],
        [(n, title, occupation + uri) for n, (title, uri) in enumerate(titles)],
    )
    return tmp_path


def test_labels_set_reads_one_profile_per_label_counted_by_occupation(data_dir):
    evalset = evaluate_jobbert.labels_set(data_dir, "test", None)
    assert len(evalset.profiles) == 5  # 3 labels of the welder, 2 of the cook
    assert [r["title"] for r in evalset.roles] == [
        "fabrication welder",
        "line cook (night)",
        "Pastry cook",
    ]
    results = evaluate_rule.run_set(evalset)
    # "fabrication welder" is a welder's label: found first, its other labels not counted again.
    assert results["TF-IDF words"]["MRR"] > 0.5
    rankings = evaluate_rule.baseline_rankings(evalset, "TF-IDF char 2-4")
    counted = evaluate_rule._counted(evalset, rankings[0], evalset.roles[0])
    assert counted[0].endswith("/w") and len(counted) == len(set(counted))


def test_jobbert_set_reads_descriptions_and_the_chosen_split(data_dir):
    evalset = evaluate_jobbert.jobbert_set(data_dir, "tune", None)
    assert [p["experience"] for p in evalset.profiles] == ["Welds.", "Cooks."]
    # Even rows whose occupation ESCO knows ("Chef" is posted under an unknown one).
    assert [r["title"] for r in evalset.roles] == ["Welder wanted", "Cook", "welder"]
    assert [list(g) for g in evalset.grades][0][0].endswith("/w")


def test_labels_joined_set_keeps_one_profile_per_occupation(data_dir):
    evalset = evaluate_jobbert.labels_joined_set(data_dir, "test", 2)
    assert [p["headline"] for p in evalset.profiles] == ["welder", "cook"]
    assert "line cook" in evalset.profiles[1]["experience"]
    assert len(evalset.roles) == 2  # the limit


def test_similar_titles_set_never_finds_the_title_itself(data_dir):
    evalset = evaluate_jobbert.similar_titles_set(data_dir, "test", None)
    assert len(evalset.profiles) == 7  # distinct titles ("welder" once, lower-cased)
    for role, grades in zip(evalset.roles, evalset.grades, strict=True):
        assert role["id"] not in grades and grades
    results = evaluate_rule.run_set(evalset, rankers(evaluate_rule.matcher_rankings))
    assert set(results) == {MATCHER, "TF-IDF char 2-4", "TF-IDF words", "BM25"}
    rankings = evaluate_rule.baseline_rankings(evalset, "TF-IDF char 2-4")
    assert all(
        role["id"] not in evaluate_rule._counted(evalset, ranked, role)
        for ranked, role in zip(rankings, evalset.roles, strict=True)
    )


def test_title_sets_rank_with_the_title_resolution_beside_the_baselines(data_dir):
    evalset, chosen = evaluate_sets.title_set("km", data_dir / "esco", english=True)
    assert evalset.name == "km_titles_en" and len(evalset.roles) >= 170
    assert chosen[MATCHER] is not evaluate_rule.matcher_rankings
    assert list(chosen)[1:] == list(evaluate_baselines.BASELINES)
    welder = "http://data.europa.eu/esco/occupation/w"  # the only welder this ESCO knows
    assert any(p["id"] == welder for p in evalset.profiles)
    found = chosen[MATCHER](evalset)
    asked = [n for n, r in enumerate(evalset.roles) if r["title"].lower() == "welder"]
    assert asked and all(found[n][0] == welder for n in asked)


def test_the_committed_noisy_cv_set_loads_and_is_scored():
    evalset = evaluate_sets.noisy_cv_set()
    assert len(evalset.profiles) >= 100 and len(evalset.roles) >= 100
    assert all("headline" not in p for p in evalset.profiles)  # CV-shaped
    assert all(2 in g.values() for g in evalset.grades)  # every role has its own occupation
    assert any(1 in g.values() for g in evalset.grades)  # and some near ones
    results = evaluate_rule.run_set(evalset)
    assert set(results) == {MATCHER, "TF-IDF char 2-4", "TF-IDF words", "BM25"}
    for figures in results.values():
        assert 0.0 < figures["NDCG@10"] <= 1.0
    lines, _holds = evaluate_rule.verdict([(evalset, results)])
    assert "noisy_cv" in lines


def test_no_baseline_beats_the_matcher_on_the_committed_noisy_cv_set():
    """The rule on the set every machine has (the others need ../shared/data): CV-shaped
    profiles with generic and noisy skill lists, where a fixed skills weight lost."""
    evalset = evaluate_sets.noisy_cv_set()
    results = evaluate_rule.run_set(evalset)
    assert evaluate_rule.beaten_by(results, evalset.main) == []
