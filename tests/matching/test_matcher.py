"""The matcher ranks by meaning, follows language rules, explains, and updates in place."""

import doctest

import pytest

from matching import Matcher

CANDIDATES = [
    {
        "id": "welder",
        "headline": "Welder",
        "skills": ["welding", "reading technical drawings"],
        "experience": "MIG and TIG welding of steel frames for three years.",
        "education": "tvet_certificate",
        "languages": ["Khmer native", "Japanese N4"],
        "locations": ["Japan"],
        "programs": ["ssw"],
    },
    {
        "id": "welder_n5",
        "headline": "welding worker",
        "skills": ["welding"],
        "experience": "Gate and fence welding.",
        "education": "upper_secondary",
        "languages": ["Khmer native", "Japanese N5"],
    },
    {
        "id": "developer",
        "headline": "sr. software eng",
        "skills": ["Python", "SQL"],
        "experience": "Built web applications for a bank in Phnom Penh.",
        "education": "bachelor",
        "languages": ["Khmer native", "English B2"],
    },
    {
        "id": "cook",
        "headline": "kitchen helper",
        "skills": ["food preparation"],
        "experience": "Hotel kitchen in Siem Reap.",
        "education": "primary",
        "languages": ["Khmer native", "English A2"],
    },
    {
        "id": "sewer",
        "headline": "sewing machine operator",
        "skills": ["sewing"],
        "experience": "Garment factory, 5 years.",
        "education": "lower_secondary",
        "languages": ["Khmer native"],
    },
    {
        "id": "factory",
        "headline": "factory hand",
        "skills": ["packing"],
        "experience": "Packing line in an electronics factory.",
        "education": "lower_secondary",
        "languages": ["Khmer native"],
    },
]

WELDER_ROLE = {
    "id": "r-weld",
    "title": "Welder (Specified Skilled Worker)",
    "description": "Welding steel parts in our Aichi factory.",
    "required_skills": ["welding", "reading technical drawings"],
    "preferred_skills": ["forklift"],
    "education": "lower_secondary",
    "languages": [{"language": "Japanese", "level": "N4", "must": False}],
    "location": "Japan",
    "program": "ssw",
}


@pytest.fixture(scope="module")
def matcher():
    return Matcher().fit(CANDIDATES)


def ids(results):
    return [r.candidate_id for r in results]


def test_the_docstrings_run():
    import matching.bands
    import matching.doers
    import matching.lexicon
    import matching.scripts

    modules = (matching, matching.matcher, matching.levels)
    modules += (matching.bands, matching.doers, matching.lexicon, matching.scripts)
    for module in modules:
        assert doctest.testmod(module).failed == 0


def test_fit_returns_self_and_keeps_parameters():
    matcher = Matcher(title_weight=0.5, language_policy="filter")
    assert matcher.fit(CANDIDATES) is matcher
    assert matcher.title_weight == 0.5 and matcher.language_policy == "filter"
    assert len(matcher) == len(CANDIDATES)
    assert sorted(matcher.candidate_ids_) == sorted(c["id"] for c in CANDIDATES)


def test_welders_first_scores_in_order(matcher):
    results = matcher.rank(WELDER_ROLE, k=None)
    assert ids(results)[:2] == ["welder", "welder_n5"]
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)


def test_noisy_titles_land_near_their_occupation(matcher):
    developer = {"id": "r-dev", "title": "Software Developer", "required_skills": ["Python"]}
    assert ids(matcher.rank(developer, k=1)) == ["developer"]
    title_only = matcher.rank({"id": "r", "title": "software engineer"}, k=1)
    assert ids(title_only) == ["developer"]
    assert title_only[0].explanation.occupation["same_group"]
    kitchen = matcher.rank({"id": "r-k", "title": "kitchen porter"}, k=1)
    assert ids(kitchen) == ["cook"]


def test_explanation_lists_skills_languages_and_shares(matcher):
    results = {r.candidate_id: r for r in matcher.rank(WELDER_ROLE, k=None)}
    top = results["welder"].explanation
    assert top.matched_required_skills == ["welding", "reading technical drawings"]
    assert top.missing_required_skills == []
    assert [(f.language, f.required, f.candidate, f.status) for f in top.languages] == [
        ("ja", "N4", "N4", "met")
    ]
    assert top.education["met"] and top.location_wanted and top.program_wanted
    assert sum(top.contributions.values()) == pytest.approx(1.0, abs=0.01)
    nearly = results["welder_n5"].explanation
    assert nearly.missing_required_skills == ["reading technical drawings"]
    assert nearly.languages[0].status == "nearly" and nearly.languages[0].applied_as == "penalty"
    assert nearly.penalties == {"language_ja": pytest.approx(0.8)}
    assert results["cook"].explanation.education == {
        "required": "lower_secondary",
        "candidate": "primary",
        "met": False,
    }
    data = results["cook"].explanation.to_dict()
    assert data["languages"][0]["status"] == "not_met"
    assert "missing welding" in results["cook"].explanation.summary()


def test_must_languages_filter_or_sink(matcher):
    must = {**WELDER_ROLE, "languages": [{"language": "Japanese", "level": "N4", "must": True}]}
    assert ids(matcher.rank(must, k=None)) == ["welder"]
    soft = matcher.rank(must, k=None, hard_filters=False)
    assert ids(soft)[0] == "welder" and len(soft) == len(CANDIDATES)
    assert soft[1].explanation.languages[0].applied_as == "penalty"


def test_filter_policy_applies_to_every_requirement():
    strict = Matcher(language_policy="filter").fit(CANDIDATES)
    assert ids(strict.rank(WELDER_ROLE, k=None)) == ["welder"]
    with pytest.raises(ValueError):
        Matcher(language_policy="sometimes").fit(CANDIDATES)


def test_candidate_ids_limit_and_k(matcher):
    assert ids(matcher.rank(WELDER_ROLE, k=None, candidate_ids=["cook", "sewer"])) in (
        ["cook", "sewer"],
        ["sewer", "cook"],
    )
    assert matcher.rank(WELDER_ROLE, candidate_ids=[]) == []
    assert len(matcher.rank(WELDER_ROLE, k=2)) == 2
    assert matcher.rank(WELDER_ROLE, k=2) == matcher.rank(WELDER_ROLE, k=None)[:2]


def test_unexplained_ranking_has_the_same_order_and_explains_a_page_later(matcher):
    full = matcher.rank(WELDER_ROLE, k=None, hard_filters=False)
    quick = matcher.rank(WELDER_ROLE, k=None, hard_filters=False, explain=False)
    assert [(r.candidate_id, r.score) for r in quick] == [(r.candidate_id, r.score) for r in full]
    assert all(r.explanation is None for r in quick)
    page = [r.candidate_id for r in quick[1:3]]
    explained = matcher.rank(WELDER_ROLE, k=None, candidate_ids=page, hard_filters=False)
    assert [r.candidate_id for r in explained] == page
    assert [r.explanation for r in explained] == [r.explanation for r in full[1:3]]


@pytest.mark.parametrize("hard_filters", [True, False])
def test_ranked_ids_are_the_ranking_s_ids_in_its_order(matcher, hard_filters):
    ranked = matcher.rank(WELDER_ROLE, k=None, hard_filters=hard_filters, explain=False)
    ids = [r.candidate_id for r in ranked]
    assert matcher.ranked_ids(WELDER_ROLE, hard_filters=hard_filters) == ids and len(ids) > 2
    some = ids[::2]
    within = matcher.ranked_ids(WELDER_ROLE, candidate_ids=some, hard_filters=hard_filters)
    assert within == [i for i in ids if i in some]
    assert matcher.ranked_ids(WELDER_ROLE, candidate_ids=[]) == []


def test_khmer_and_japanese_text_match_by_characters():
    people = [
        {"id": "km", "headline": "ជាងផ្សារដែក", "skills": ["ផ្សារដែក"]},
        {"id": "ja", "headline": "溶接工", "skills": ["溶接"]},
        {"id": "en", "headline": "cook", "skills": ["cooking"]},
    ]
    matcher = Matcher().fit(people)
    # Both welders are welders, whichever script the role and the profile use.
    for role in (
        {"id": 1, "title": "ជាងផ្សារ", "required_skills": ["ផ្សារដែក"]},
        {"id": 2, "title": "溶接", "required_skills": ["溶接"]},
    ):
        assert set(ids(matcher.rank(role, k=2))) == {"km", "ja"}
    # Words outside the vocabulary still match by character n-grams within their script.
    unknown = Matcher().fit(
        [
            {"id": "a", "headline": "កខគឃង ចឆជឈញ"},
            {"id": "b", "headline": "ដឋឌឍណ តថទធន"},
            {"id": "c", "headline": "鬱鬯鬲 鼈鼾齁"},
            {"id": "d", "headline": "龕龜龠 麤麌麒"},
        ]
    )
    assert ids(unknown.rank({"id": 3, "title": "កខគឃង"}, k=1)) == ["a"]
    assert ids(unknown.rank({"id": 4, "title": "鼈鼾齁"}, k=1)) == ["c"]


def test_update_and_remove_match_a_full_refit():
    base = CANDIDATES[:4]
    changed = {
        **CANDIDATES[3],
        "headline": "welder",
        "skills": ["welding"],
        "languages": ["Japanese N3"],
    }
    incremental = Matcher().fit(base).update([changed, CANDIDATES[4]]).remove(["developer"])
    refit = Matcher().fit(
        [c for c in base if c["id"] not in ("developer", "cook")] + [changed, CANDIDATES[4]]
    )
    assert sorted(incremental.candidate_ids_) == sorted(refit.candidate_ids_)
    assert ids(incremental.rank(WELDER_ROLE, k=None)) == ids(refit.rank(WELDER_ROLE, k=None))
    assert "developer" not in ids(
        incremental.rank({"id": 3, "title": "software developer"}, k=None)
    )


def test_many_updates_are_compacted_without_losing_anyone():
    matcher = Matcher().fit(CANDIDATES)
    for round_ in range(30):
        matcher.update(
            [{**c, "experience": f"{c.get('experience', '')} round {round_}"} for c in CANDIDATES]
        )
    assert len(matcher) == len(CANDIDATES)
    assert ids(matcher.rank(WELDER_ROLE, k=2)) == ["welder", "welder_n5"]


def test_recommend_roles_for_a_candidate(matcher):
    roles = [
        WELDER_ROLE,
        {"id": "r-cook", "title": "Cook", "required_skills": ["food preparation"]},
        {
            "id": "r-dev",
            "title": "Web developer",
            "required_skills": ["Python"],
            "languages": ["English B1"],
        },
    ]
    results = matcher.recommend(CANDIDATES[0], roles, k=2)
    assert [r.role_id for r in results][0] == "r-weld"
    assert len(results) == 2
    assert results[0].candidate_id == "welder"


def test_gaps_say_what_would_open_more_roles(matcher):
    roles = [
        {
            "id": i,
            "title": "Welder",
            "required_skills": ["welding"],
            "languages": [{"language": "Japanese", "level": "N4", "must": True}],
        }
        for i in range(3)
    ] + [{"id": 9, "title": "Welder", "required_skills": ["welding", "forklift"]}]
    gaps = matcher.gaps(CANDIDATES[1], roles)  # welder_n5
    assert gaps[0] == {"kind": "language", "language": "ja", "level": "N4", "roles": 3}
    assert {"kind": "skill", "skill": "forklift", "roles": 1} in gaps


def test_empty_corpus_and_empty_role():
    empty = Matcher().fit([])
    assert empty.rank(WELDER_ROLE) == [] and len(empty) == 0
    matcher = Matcher().fit(CANDIDATES)
    assert isinstance(matcher.rank({"id": "nothing"}), list)
    minimal = Matcher().fit([{"id": 1}, {"id": 2, "skills": "welding, cutting"}])
    assert ids(minimal.rank({"id": 3, "title": "welder", "required_skills": "welding"})) == [2]


def test_to_dict_is_complete_and_json_safe(matcher):
    import dataclasses
    import json

    explanation = matcher.rank(WELDER_ROLE, k=2)[1].explanation
    assert explanation.to_dict() == {**dataclasses.asdict(explanation), "band": explanation.band}
    json.dumps(explanation.to_dict())


def test_gaps_count_every_role_a_level_opens(matcher):
    roles = [
        {
            "id": i,
            "title": "Worker",
            "languages": [{"language": "Japanese", "level": level, "must": True}],
        }
        for i, level in enumerate(["N5", "N5", "N4", "N3"])
    ]
    gaps = {
        g["level"]: g["roles"] for g in matcher.gaps(CANDIDATES[4], roles)
    }  # sewer: no Japanese
    assert gaps == {"N5": 2, "N4": 3, "N3": 4}


# --- weights that adapt to missing parts (C) ---------------------------------------------


def test_a_missing_part_does_not_cap_the_score():
    people = [
        {"id": "full", "headline": "welder", "skills": ["welding"], "experience": "Welding."},
        {"id": "no_skills", "headline": "welder", "experience": "Welding."},
        {"id": "cook", "headline": "cook", "skills": ["cooking"], "experience": "Kitchen."},
    ]
    matcher = Matcher().fit(people)
    role = {"id": "r", "title": "Welder", "required_skills": ["welding"]}
    scores = {r.candidate_id: r.score for r in matcher.rank(role, k=None)}
    # Without its skills part the profile would be capped at 1 - skills_weight = 0.7.
    assert scores["no_skills"] > 0.75
    assert scores["cook"] < scores["no_skills"]
    # A role with a title only (no skills, no description) is not capped either.
    title_only = matcher.rank({"id": "t", "title": "Welder"}, k=1)[0]
    assert title_only.score > 0.75
    assert sum(title_only.explanation.contributions.values()) == pytest.approx(1.0, abs=0.01)


def test_cv_shaped_profiles_get_occupations_from_their_experience():
    people = [
        {
            "id": "operator",
            "experience": "Worked as a machine operator at a garment factory for 3 years",
        },
        {"id": "cv_welder", "experience": "2016-2023: welder at a steel company. MIG welding."},
        {"id": "cook", "headline": "cook", "experience": "Hotel kitchen."},
        {"id": "vague", "experience": "I am hardworking and honest. I like to learn."},
    ]
    matcher = Matcher().fit(people)
    top = matcher.rank({"id": "r", "title": "Machine operator"}, k=1)[0]
    assert top.candidate_id == "operator"
    assert top.explanation.occupation["candidate"] is not None
    assert top.explanation.contributions["occupation"] > 0
    assert ids(matcher.rank({"id": "w", "title": "Welder"}, k=1)) == ["cv_welder"]
    # Text that names no job gets no occupation rather than a wrong one.
    vague = matcher.rank({"id": "v", "title": "learn"}, k=None, candidate_ids=["vague"])
    assert all(r.explanation.occupation.get("candidate") is None for r in vague)
    # Updates infer the same way.
    matcher.update([{"id": "late", "experience": "Worked as a cook in a restaurant."}])
    assert "late" in ids(matcher.rank({"id": "c", "title": "Cook"}, k=2))


# --- rare skills count more (D) ----------------------------------------------------------

COMMON = ["communication", "Microsoft Office", "teamwork", "customer service"]


def _crowd(n=40):
    """Most profiles share the common skills."""
    trades = ["warehouse worker", "cashier", "cleaner", "receptionist"]
    return [
        {
            "id": f"p{i}",
            "headline": trades[i % len(trades)],
            "skills": COMMON[: 2 + i % 3],
            "experience": "Worked in Phnom Penh.",
        }
        for i in range(n)
    ]


def _pair():
    same = {"headline": "warehouse worker", "experience": "Warehouse in Phnom Penh, 2 years."}
    has = {**same, "id": "has_rare", "skills": ["forklift operation", "communication"]}
    lacks = {**same, "id": "lacks_rare", "skills": COMMON}
    return has, lacks


def test_rare_skills_weigh_more_than_universal_ones():
    matcher = Matcher().fit(_crowd() + list(_pair()))
    rarity = matcher.skill_rarity(["forklift operation", "communication", "Microsoft Office"])
    # Keyed by canonical name ("communication" is ESCO's "communicating").
    forklift, communication, office = (
        rarity[matcher.taxonomy_.canonical_skill(s)]
        for s in ("forklift operation", "communication", "Microsoft Office")
    )
    assert forklift > 2 * communication
    assert communication == pytest.approx(office, rel=0.5)


@pytest.mark.parametrize(
    "role",
    [
        {"id": "only", "title": "Warehouse worker", "required_skills": ["forklift operation"]},
        {
            "id": "with_common_preferred",
            "title": "Warehouse worker",
            "required_skills": ["forklift operation"],
            "preferred_skills": COMMON,
        },
        {
            "id": "with_common_required",
            "title": "Warehouse worker",
            "required_skills": ["forklift operation", "communication", "Microsoft Office"],
            "description": "Teamwork and customer service in a busy warehouse.",
        },
    ],
    ids=lambda role: role["id"],
)
def test_lacking_the_rare_required_skill_never_outranks_having_it(role):
    for crowd in ([], _crowd()):
        matcher = Matcher().fit(crowd + list(_pair()))
        order = ids(matcher.rank(role, k=None))
        assert order.index("has_rare") < order.index("lacks_rare")
        explained = {r.candidate_id: r.explanation for r in matcher.rank(role, k=None)}
        assert "forklift operation" in explained["has_rare"].matched_required_skills
        assert "forklift operation" in explained["lacks_rare"].missing_required_skills


def test_skill_rarity_is_kept_current_on_update_and_remove():
    matcher = Matcher().fit(_crowd())
    rare_before = matcher.skill_rarity(["forklift operation"])["forklift operation"]
    drivers = [
        {"id": f"d{i}", "headline": "forklift driver", "skills": ["forklift operation"]}
        for i in range(30)
    ]
    matcher.update(drivers)
    assert matcher.skill_counts_["forklift operation"] == 30
    assert matcher.skill_rarity(["forklift operation"])["forklift operation"] < rare_before
    matcher.remove([d["id"] for d in drivers])
    assert matcher.skill_counts_["forklift operation"] == 0
    # Replacing a profile counts its skills once.
    matcher.update([{**_crowd()[0], "skills": ["forklift operation"]}])
    matcher.update([{**_crowd()[0], "skills": ["forklift operation"]}])
    assert matcher.skill_counts_["forklift operation"] == 1


def test_a_job_named_two_ways_with_a_slash_is_read_as_either():
    """A CV without a headline that opens "Babysitter/nanny ..." names a nanny: the
    occupation is read from each name, so a role for an au pair finds them first (read as
    one word, "babysitter/nanny" named no occupation and they were not found at all)."""
    matcher = Matcher().fit(
        [
            {"id": "nanny", "experience": "Babysitter/nanny for a family in Phnom Penh, 4 years."},
            {"id": "nurse", "experience": "Nurse at a provincial hospital for 5 years."},
            {"id": "teacher", "experience": "Kindergarten teacher at a private school, 3 years."},
            {"id": "cook", "experience": "Cook/kitchen helper at a hotel in Siem Reap."},
        ]
    )
    assert [r.candidate_id for r in matcher.rank({"title": "Au pair"}, k=1)] == ["nanny"]
    assert [r.candidate_id for r in matcher.rank({"title": "Commis chef"}, k=1)] == ["cook"]


def test_a_cv_is_read_for_its_later_job_in_each_language():
    """Without a headline, the job a CV names after "then" (Khmer បន្ទាប់មក "then") is the
    person's job now, and Khmer ជា / Japanese として "as" mark the job as English "as"
    does: each of these reads as a bricklayer, not as the construction worker they were
    first, and the Japanese care worker is read from the words before として, not from the
    place named before them."""
    people = [
        {
            "id": "en",
            "experience": "Construction worker for 2 years, then bricklayer for 5 years.",
        },
        {"id": "km", "experience": "ធ្វើជាកម្មករសំណង់ ២ឆ្នាំ បន្ទាប់មកជាជាងឥដ្ឋ ៥ឆ្នាំ នៅភ្នំពេញ។"},
        {"id": "ja", "experience": "介護施設で介護職員として3年勤務しました。"},
        {
            "id": "helper",
            "experience": "Dishwasher for a year, then kitchen assistant preparing vegetables.",
        },
        {"id": "worker", "experience": "Construction worker on building sites for 6 years."},
    ]
    matcher = Matcher().fit(people)

    def read_as(candidate_id: str, title: str) -> str:
        (result,) = matcher.rank({"title": title}, k=None, candidate_ids=[candidate_id])
        return result.explanation.occupation["candidate"]

    assert read_as("en", "Bricklayer") == "bricklayer"
    assert read_as("km", "Bricklayer") == "bricklayer"
    assert read_as("worker", "Bricklayer") != "bricklayer"
    assert "care worker" in read_as("ja", "Care worker")
    # "preparing vegetables" is not part of the job's name: its first two words are.
    assert read_as("helper", "Kitchen assistant") == "kitchen assistant"
    top_two = [r.candidate_id for r in matcher.rank({"title": "Bricklayer"}, k=2)]
    assert sorted(top_two) == ["en", "km"]
