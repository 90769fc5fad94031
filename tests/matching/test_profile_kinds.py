"""Rows that share a title, a skill list and the parts they have are scored once per kind
(`CorpusMixin._kinds`): every row's score is still its own, through updates and removals,
the same as scoring that candidate alone (`recommend`)."""

import pytest

from matching import Matcher

PEOPLE = [
    {"id": 1, "headline": "welder", "skills": ["welding", "grinding"]},
    {"id": 2, "headline": "welder", "skills": ["welding", "grinding"], "experience": "steel"},
    {"id": 3, "headline": "welder", "skills": ["welding"], "languages": ["Japanese N3"]},
    {"id": 4, "headline": "welder"},
    {"id": 5, "skills": ["welding", "grinding"]},
    {
        "id": 6,
        "experience": "Worked as a welder at a shipyard, MIG welding.",
        "education": "bachelor",
    },
    {"id": 7, "headline": "cook", "skills": ["cooking"], "languages": ["Japanese N5"]},
    {"id": 8, "headline": "sewing machine operator", "skills": ["sewing"]},
    {"id": 9, "headline": "welders", "skills": ["welding", "TIG welding"]},
]
ROLES = [
    {"id": "a", "title": "Welder", "required_skills": ["welding", "TIG welding"]},
    {
        "id": "b",
        "title": "Welder",
        "required_skills": ["grinding"],
        "languages": [{"language": "Japanese", "level": "N4"}],
        "education": "bachelor",
    },
    {"id": "c", "title": "Cook", "description": "Japanese kitchen, steel knives"},
]


def alone(m: Matcher, people: list, role: dict) -> dict:
    return {p["id"]: m.recommend(p, [role], every_role=True)[0].score for p in people}


def ranked(m: Matcher, role: dict) -> dict:
    scores = {r.candidate_id: r.score for r in m.rank(role, k=None, hard_filters=False)}
    return {i: scores.get(i, 0.0) for i in m.candidate_ids_}


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r["id"])
def test_each_row_scores_as_it_would_alone(role):
    m = Matcher().fit(PEOPLE)
    assert ranked(m, role) == pytest.approx(alone(m, PEOPLE, role), abs=1e-5)
    changed = [{**PEOPLE[0], "skills": ["cooking"]}, {"id": 10, "headline": "welder"}]
    m.update(changed).remove([2, 7])
    people = [changed[0], *PEOPLE[2:6], PEOPLE[7], PEOPLE[8], changed[1]]
    assert ranked(m, role) == pytest.approx(alone(m, people, role), abs=1e-5)


def test_a_plural_title_reads_as_its_singular():
    m = Matcher().fit(PEOPLE)
    query = m._query({"id": "w", "title": "Welders"})
    scores = m.title_blocks_[0].score(*query.blocks[0])
    # Candidate 9 wrote "welders", candidate 4 "welder": one title to the title part.
    assert scores[m.title_key_of_["welder"]] == pytest.approx(1.0, abs=1e-5)
    assert scores[m.title_key_of_["welders"]] == pytest.approx(1.0, abs=1e-5)
