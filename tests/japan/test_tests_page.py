"""A candidate records tests passed with dates: SSW skill tests and TITP (ii) as passed
tests, JLPT / JFT-Basic as the profile's one Japanese record; no future dates, one per
field and kind."""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import PassedTest
from jobfair.models import base as model_base


def add(client, **fields):
    data = {"kind": "ssw_skill", "field": "nursing_care", "passed_on": "2026-06-14", **fields}
    return client.post("/me/tests/add", data=data, follow_redirects=True)


def test_a_candidate_records_a_skill_test_once_per_field(client, auth, fair):
    auth.login(fair.candidate.email)
    assert client.get("/me/tests").status_code == 200
    add(client, detail="介護技能評価試験")
    test = db.session.scalar(sa.select(PassedTest))
    assert (test.candidate_id, test.kind, test.field, test.passed_on, test.detail) == (
        fair.candidate.profile.id, "ssw_skill", "nursing_care", date(2026, 6, 14), "介護技能評価試験",
    )  # fmt: skip
    page = add(client).get_data(as_text=True)
    assert "You already recorded this test for this field." in page
    assert db.session.scalar(sa.select(sa.func.count(PassedTest.id))) == 1


def test_future_dates_and_unknown_fields_are_refused(client, auth, fair):
    auth.login(fair.candidate.email)
    tomorrow = (model_base.people_today() + timedelta(days=1)).isoformat()
    assert "The date cannot be in the future." in add(client, passed_on=tomorrow).get_data(
        as_text=True
    )
    add(client, field="space_travel")
    add(client, kind="jlpt")
    assert db.session.scalar(sa.select(sa.func.count(PassedTest.id))) == 0


def test_japanese_is_the_profile_record_with_its_date(client, auth, fair):
    auth.login(fair.candidate.email)
    client.post("/me/tests/japanese", data={"level": "JFT-Basic A2", "certified_on": "2026-05-02"})
    db.session.expire_all()
    japanese = [r for r in fair.candidate.profile.languages if r["language"] == "Japanese"]
    assert japanese == [
        {"language": "Japanese", "test": "JFT-Basic", "level": "A2", "certified_on": "2026-05-02"}
    ]
    assert {"language": "Khmer", "test": "native", "level": "native"} in (
        fair.candidate.profile.languages
    )


def test_removing_is_the_candidates_own(client, auth, fair, create_user):
    auth.login(fair.candidate.email)
    add(client)
    test = db.session.scalar(sa.select(PassedTest))
    auth.logout()
    auth.login(create_user().email)
    assert client.post(f"/me/tests/{test.id}/remove").status_code == 404
    auth.logout()
    auth.login(fair.candidate.email)
    client.post(f"/me/tests/{test.id}/remove")
    assert db.session.scalar(sa.select(PassedTest)) is None


def test_the_job_page_says_whether_the_candidate_meets_the_rule(client, auth, fair, hire):
    auth.login(fair.candidate.email)
    url = f"/events/{fair.event.id}/jobs/{fair.role.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Missing: the nursing care skill test" in page
    add(client)
    page = client.get(url).get_data(as_text=True)
    assert "You meet the entry rule." in page


def test_saving_the_profile_keeps_the_certificate_date(fair):
    from jobfair.candidates.profile import update_profile

    profile = fair.candidate.profile
    profile.languages = [
        "Khmer native",
        {"language": "Japanese", "level": "N4", "certified_on": "2025-07-06"},
    ]
    update_profile(profile, languages=["Khmer native", {"language": "Japanese", "level": "N4"}])
    assert profile.languages[1]["certified_on"] == "2025-07-06"
    update_profile(profile, languages=["Khmer native", {"language": "Japanese", "level": "N3"}])
    assert "certified_on" not in profile.languages[1]


def test_the_recruiters_shortlist_shows_the_badge(client, auth, fair, hire):
    auth.login(fair.recruiter.email)
    page = client.get(f"/employer/roles/{fair.role.id}/shortlist").get_data(as_text=True)
    assert "Missing: the nursing care skill test" in page
    page = client.get(f"/employer/applications/{hire.id}").get_data(as_text=True)
    assert "Missing: the nursing care skill test" in page
    assert f"/hires/{hire.id}/checklist" in page


def test_the_candidates_data_copy_has_their_tests_and_steps(client, auth, fair, hire):
    auth.login(fair.candidate.email)
    add(client)
    client.post(
        f"/hires/{hire.id}/checklist/tick", data={"step": "passport", "done_on": "2026-01-10"}
    )
    data = client.get("/me/data.json").get_json()
    assert data["tests_passed"] == [
        {"kind": "ssw_skill", "field": "nursing_care", "passed_on": "2026-06-14", "detail": ""}
    ]
    assert data["departure_steps"] == [
        {"company": "Sakura Kogyo", "step": "passport", "done_on": "2026-01-10"}
    ]


def test_today_in_japan_is_not_the_future_while_it_is_yesterday_in_utc(
    client, auth, fair, monkeypatch
):
    """At 08:30 in Tokyo (23:30 UTC the day before) a test passed this morning in Japan is
    dated today, not ahead: the platform's "today" is the latest date its people have."""
    late_utc = datetime(2026, 12, 7, 23, 30, tzinfo=UTC)
    assert model_base.people_today(late_utc) == date(2026, 12, 8)
    assert model_base.people_today(datetime(2026, 12, 7, 10, 0, tzinfo=UTC)) == date(2026, 12, 7)
    monkeypatch.setattr(model_base, "utcnow", lambda: late_utc)
    auth.login(fair.candidate.email)
    assert "The date cannot be in the future." in add(client, passed_on="2026-12-09").get_data(
        as_text=True
    )
    add(client, passed_on="2026-12-08")
    assert db.session.scalar(sa.select(PassedTest.passed_on)) == date(2026, 12, 8)
