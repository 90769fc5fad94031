"""Roles for a candidate: remembered queries and explaining only the roles shown change
nothing in the order, scores, bands or explanations (compared with the plain path)."""

import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from matching import Matcher
from matching.explain import Result
from matching.holding import EXACT_SKILL_SHARE, holds
from matching.index import soft_vector, sparse_dot
from matching.profiles import ExplainedProfile, StoredProfile, skills_document

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_matching import synthetic_profiles, synthetic_roles  # noqa: E402


def plain_recommend(m: Matcher, candidate: dict, roles: list, *, every_role: bool = True):
    """`recommend` as it was: each role's query built afresh, every role explained and
    ordered by its explanation."""
    record = dict(candidate)
    (title,), (skills,), (text,), (evidence,) = m._parts([record])
    found = m.taxonomy_.nearest([title], k=m.occupations_per_title)[0] if title else []
    groups: Counter = Counter()
    for o in found:
        groups[m.group_index_[o.isco[:3]]] += o.similarity**2
    mine = [
        m.one_document_["title"](title),
        soft_vector([(o.index, o.similarity**2) for o in found]),
        soft_vector(list(groups.items())),
        m.one_document_["skills"](skills_document(skills)),
        m.one_document_["text"](text),
    ]
    bits = sum(bit for bit, (columns, _v) in zip((1, 2, 4, 8, 16), mine) if len(columns))
    canonical = {m.taxonomy_.canonical_skill(s) for s in skills}
    profile = ExplainedProfile(
        StoredProfile(record, found[0] if found else None, evidence), m.taxonomy_
    )
    results = []
    for role in roles:
        query = m._build_query(role)
        parts = np.array([sparse_dot(a, b) for a, b in zip(mine, query.blocks)], dtype=np.float32)
        parts[3] = (1 - EXACT_SKILL_SHARE) * parts[3] + EXACT_SKILL_SHARE * sum(
            w for s, w in query.skill_weights.items() if holds(query, s, canonical, profile)
        )
        parts *= query.weights
        multiplier, fits, penalties = m._rules_for(role, profile)
        if query.required_weights and canonical and query.missing_penalty:
            held = sum(
                w for s, w in query.required_weights.items() if holds(query, s, canonical, profile)
            )
            multiplier *= 1.0 - query.missing_penalty * max(0.0, 1.0 - held)
        score = float(min(1.0, parts.sum() * m._normalisers(query.weights)[bits] * multiplier))
        if score <= 0:
            if not every_role:
                continue
            score = 0.0
        context = m._context(role, query.occupation, quiet_parts=m.quiet_parts(query))
        explanation = m._explanation(context, parts, profile, fits, penalties)
        results.append(Result(record.get("id"), role.get("id"), score, explanation))
    results.sort(key=lambda r: (-r.score, *r.explanation.requirements_order()))
    return results


def varied_roles(n: int) -> list[dict]:
    """Synthetic roles, plus duplicates (ties), roles without title or skills, and
    must-have education and languages."""
    roles = synthetic_roles(n)
    roles += [{**role, "id": f"copy-{i}"} for i, role in enumerate(roles[:10])]
    roles += [
        {"id": "bare", "title": "", "description": "Anything"},
        {"id": "skills-only", "required_skills": ["welding", "forklift"]},
        {"id": "bachelor", "title": "Accountant", "education": "bachelor"},
        {
            "id": "english-must",
            "title": "Hotel receptionist",
            "languages": [{"language": "English", "level": "B2", "must": True}],
        },
    ]
    return roles


@pytest.fixture(scope="module")
def fair():
    profiles = synthetic_profiles(400)
    return profiles, Matcher().fit(profiles), varied_roles(150)


def same(new: list[Result], old: list[Result], explained) -> None:
    assert [r.role_id for r in new] == [r.role_id for r in old]
    assert [r.score for r in new] == [r.score for r in old]
    assert [r.band for r in new] == [r.explanation.band for r in old]
    for fresh, plain in zip(new, old):
        if explained is None or fresh.role_id in explained:
            assert fresh.explanation == plain.explanation
        else:
            assert fresh.explanation is None


@pytest.mark.parametrize("every_role", [True, False])
def test_recommend_matches_the_plain_path_for_many_candidates(fair, every_role):
    profiles, matcher, roles = fair
    for candidate in [*profiles[:25], {"id": "nobody"}, {"id": "x", "headline": "welder"}]:
        old = plain_recommend(matcher, candidate, roles, every_role=every_role)
        page = {r.role_id for r in old[5:30]}
        for _twice in range(2):  # the second time from the remembered queries
            same(
                matcher.recommend(candidate, roles, k=len(roles), every_role=every_role), old, None
            )
            explained = matcher.recommend(
                candidate, roles, k=len(roles), every_role=every_role, explain_ids=page
            )
            same(explained, old, page)


def test_remembered_queries_follow_updates_and_removals():
    profiles = synthetic_profiles(300)
    roles = varied_roles(60)
    matcher = Matcher().fit(profiles)
    candidate = profiles[3]
    before = matcher.recommend(candidate, roles, k=len(roles), every_role=True)  # remembered
    # Welding becomes common: its rarity, and so the roles' skill weights, move.
    matcher.update([{**p, "skills": [*p["skills"], "welding"]} for p in profiles[100:250]])
    matcher.remove([p["id"] for p in profiles[:40]])
    old = plain_recommend(matcher, candidate, roles)
    assert [r.score for r in old] != [r.score for r in before]
    same(matcher.recommend(candidate, roles, k=len(roles), every_role=True), old, None)


def test_a_changed_role_is_a_new_query(fair):
    profiles, matcher, roles = fair
    role = {"id": "r", "title": "Welder", "required_skills": ["welding"]}
    before = matcher.recommend(profiles[0], [role])
    changed = {**role, "title": "Cook", "required_skills": ["food preparation"]}
    after = matcher.recommend(profiles[0], [changed], every_role=True)
    same(after, plain_recommend(matcher, profiles[0], [changed]), None)
    assert before[0].score != after[0].score


def test_refit_starts_with_no_remembered_queries(fair):
    profiles, _matcher, roles = fair
    matcher = Matcher().fit(profiles)
    matcher.recommend(profiles[0], roles[:5])
    assert len(matcher._role_parts) == 5
    matcher.fit(profiles[:50])
    assert matcher._role_parts == {}


def test_unusual_role_values_are_remembered_too(fair):
    profiles, matcher, _roles = fair
    role = {"id": "odd", "title": "Welder", "required_skills": "welding, cutting",
            "languages": [["Japanese", "N4"]], "tags": {"a"}}  # fmt: skip
    old = plain_recommend(matcher, profiles[0], [role])
    same(matcher.recommend(profiles[0], [role], every_role=True), old, None)
    same(matcher.recommend(profiles[0], [role], every_role=True), old, None)


def test_a_large_pool_re_rates_its_roles_once_enough_moved():
    """One changed profile of many moves a skill's rarity by next to nothing: the roles'
    remembered queries wait until `RATING_DRIFT` of the pool moved, then follow it; a small
    pool re-rates after every change (the test above)."""
    profiles = synthetic_profiles(1000)
    roles = varied_roles(20)
    matcher = Matcher().fit(profiles)
    candidate = profiles[3]
    matcher.recommend(candidate, roles, k=len(roles), every_role=True)  # remembered
    rated = matcher._rating_generation
    matcher.update([{**profiles[10], "skills": ["welding"]}])
    assert matcher._rating_generation == rated  # one of 1,000: not yet
    matcher.update([{**p, "skills": [*p["skills"], "welding"]} for p in profiles[100:110]])
    assert matcher._rating_generation != rated
    same(
        matcher.recommend(candidate, roles, k=len(roles), every_role=True),
        plain_recommend(matcher, candidate, roles),
        None,
    )
