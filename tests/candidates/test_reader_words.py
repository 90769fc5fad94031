"""Places, levels, language requirements and salaries read in the reader's language (#24)."""

import re
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from jobfair import labels, localize
from jobfair.extensions import db
from jobfair.models import CandidateProfile, Exhibitor
from tests.conftest import PASSWORD
from tests.support.latin_words import latin_words
from tests.test_walk_words import BROKEN_JAPANESE_DAY


def in_locale(app, locale, function, *args):
    with app.test_request_context(), force_locale(locale):
        return str(function(*args))


@pytest.mark.parametrize(
    "stored, ja, km, en",
    [
        ("Banteay Meanchey", "バンテアイミアンチェイ", "បន្ទាយមានជ័យ", "Banteay Meanchey"),
        ("Japan - Osaka", "日本・大阪府", "ជប៉ុន – អូសាកា", "Japan - Osaka"),
        ("Japan", "日本", "ជប៉ុន", "Japan"),
        ("Tokyo", "東京都", "តូក្យូ", "Tokyo"),
        ("Somewhere else", "Somewhere else", "Somewhere else", "Somewhere else"),
    ],
)
def test_one_label_reads_any_stored_place(app, stored, ja, km, en):
    assert in_locale(app, "ja", labels.place_label, stored) == ja
    assert in_locale(app, "km", labels.place_label, stored) == km
    assert in_locale(app, "en", labels.place_label, stored) == en


@pytest.mark.parametrize("locale", ["ja", "km"])
def test_every_province_and_prefecture_has_no_latin_letters(app, locale):
    places = [*labels.PROVINCES, *labels.LOCATIONS, "Japan"]
    with app.test_request_context(), force_locale(locale):
        shown = {place: labels.place_label(place) for place in places}
    assert len(places) == 25 + 25 + 47 + 1
    assert {place: text for place, text in shown.items() if latin_words(text)} == {}
    assert len(set(shown.values())) == len(shown)  # no two places read alike


@pytest.mark.parametrize(
    "locale, level, expected",
    [
        ("ja", "native", "ネイティブ"),
        ("km", "native", "ភាសាកំណើត"),
        ("ja", "N4", "N4"),
        ("km", "B1", "B1"),
    ],
)
def test_levels_read_in_the_readers_language(app, locale, level, expected):
    assert expected in in_locale(app, locale, labels.level_label, level)
    assert "native" not in in_locale(app, locale, labels.level_label, level)


def test_a_requirement_reads_wholly_in_japanese_or_khmer(app):
    need = {"language": "Japanese", "level": "N4", "must": True}
    assert in_locale(app, "ja", labels.requirement_label, need) == "日本語 JLPT N4（必須）"
    khmer = in_locale(app, "km", labels.requirement_label, need)
    assert khmer.startswith("ភាសាជប៉ុន") and khmer.endswith("(ចាំបាច់)")
    assert in_locale(app, "en", labels.requirement_label, need) == "Japanese JLPT N4 (required)"


@pytest.mark.parametrize(
    "locale, low, high, currency, expected",
    [
        ("ja", 180000, 230000, "JPY", "180,000円～230,000円"),
        ("km", 180000, 230000, "JPY", "180,000 យ៉េន ដល់ 230,000 យ៉េន"),
        ("en", 180000, 230000, "JPY", "¥180,000 – ¥230,000"),
        ("ja", 1200000, None, "KHR", "1,200,000リエル から"),
        ("km", None, 300, "USD", "រហូតដល់ $300"),
        ("en", 250.5, None, "USD", "$250.50"),
    ],
)
def test_salaries_read_as_people_write_money(app, locale, low, high, currency, expected):
    shown = in_locale(app, locale, localize.money_range, low, high, currency)
    assert expected in shown
    if locale != "en":
        assert latin_words(shown) == []


def test_a_japanese_reader_sees_the_role_page_in_japanese(client, fair):
    role = fair["welder"]
    role.location, role.salary_min, role.salary_max, role.currency = (
        "Japan - Osaka",
        180000,
        230000,
        "JPY",
    )
    db.session.commit()
    client.post("/language", data={"locale": "ja", "next": "/"})
    page = client.get(f"/events/{fair['event'].id}/jobs/{role.id}").get_data(as_text=True)
    assert "日本・大阪府" in page and "Japan - Osaka" not in page
    assert "180,000円～230,000円" in page and "JPY" not in page
    assert "日本語 JLPT N4（必須）" in page


# --- dates: one shape per locale -------------------------------------------------------


@pytest.mark.parametrize(
    "locale, day, day_and_time",
    [
        ("ja", "2027年1月5日(火)", "2027年1月5日(火) 10:00"),
        ("km", "អង្គារ 5 មករា 2027", "អង្គារ 5 មករា 2027 10:00"),
    ],
)
def test_every_width_writes_a_day_one_way(app, locale, day, day_and_time):
    moment = datetime(2027, 1, 5, 3, 0, tzinfo=UTC)  # 10:00 in Phnom Penh
    with app.test_request_context(), force_locale(locale):
        for width in ("short", "medium", "long", "full", "day"):
            assert localize.format_date(date(2027, 1, 5), width) == day
            assert localize.format_date(moment, width) == day
            assert localize.format_datetime(moment, width) == day_and_time


def test_a_japanese_recruiters_interview_pages_write_days_one_way(client, fair):
    event, recruiter = fair["event"], fair["recruiter"]
    event.starts_on, event.ends_on = date(2027, 1, 5), date(2027, 1, 6)
    recruiter.locale = "ja"
    db.session.commit()
    exhibitor = db.session.scalar(
        sa.select(Exhibitor).where(Exhibitor.organization_id == recruiter.organization_id)
    )
    client.post("/auth/login", data={"identifier": recruiter.email, "password": PASSWORD})
    client.post("/language", data={"locale": "ja", "next": "/"})
    for url in (
        f"/employer/booths/{exhibitor.id}/slots",
        f"/employer/booths/{exhibitor.id}/schedule?day=2027-01-05",
        "/employer/",
    ):
        page = client.get(url).get_data(as_text=True)
        assert not BROKEN_JAPANESE_DAY.findall(page), url
    schedule = client.get(f"/employer/booths/{exhibitor.id}/schedule?day=2027-01-05")
    assert "2027年1月5日(火)" in schedule.get_data(as_text=True)


def test_other_languages_read_back_in_the_readers_language(client, fair):
    from .test_journey import PROFILE, sign_up

    sign_up(client)
    client.post("/me/profile", data={**PROFILE, "other_languages": "Chinese B1, Thai A2"})
    client.post("/language", data={"locale": "ja", "next": "/"})
    page = client.get("/me/profile").get_data(as_text=True)
    shown = re.search(r'name="other_languages"[^>]*value="([^"]*)"', page) or re.search(
        r'value="([^"]*)"[^>]*name="other_languages"', page
    )
    assert shown.group(1) == "中国語 B1, タイ語 A2"
    # Saved as shown, the profile keeps the same languages.
    client.post("/me/profile", data={**PROFILE, "other_languages": shown.group(1)})
    profile = db.session.scalar(sa.select(CandidateProfile))
    assert {r["language"]: r["level"] for r in profile.languages} == {
        "Khmer": "native",
        "Japanese": "N4",
        "English": "A2",
        "Chinese": "B1",
        "Thai": "A2",
    }


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("ja", "A、B、C"), ("en", "A, B, C"), ("km", "A, B និង C")],
)
def test_lists_read_as_each_language_writes_them(app, locale, expected):
    assert in_locale(app, locale, localize.items, ["A", "", None, "B", "C"]) == expected
    assert in_locale(app, locale, localize.items, []) == ""


def test_a_japanese_reader_sees_skills_listed_the_japanese_way(client, fair):
    """Skills on a Japanese page were joined with the English ", " (溶接, 研削)."""
    role = fair["welder"]
    role.preferred_skills = ["半自動溶接", "グラインダー作業"]
    db.session.commit()
    client.post("/language", data={"locale": "ja", "next": "/"})
    page = client.get(f"/events/{fair['event'].id}/jobs/{role.id}").get_data(as_text=True)
    assert "半自動溶接、グラインダー作業" in page
