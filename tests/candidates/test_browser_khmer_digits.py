"""Khmer digits typed into number fields on a phone are read as numbers, not dropped."""

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import CandidateProfile

from ..conftest import finish_link

pytestmark = pytest.mark.browser


def test_year_of_birth_and_years_in_a_job_typed_in_khmer_digits(live_server, phone_page):
    page, base = phone_page, live_server.url
    page.goto(base + "/auth/signup")
    page.fill("#display_name", "Sok Dara")
    page.fill("#phone", "012 345 678")
    page.fill("#password", "a long pass phrase")
    page.fill("#confirm", "a long pass phrase")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(base + "/auth/login")
    page.goto(base + finish_link())  # the link sign-up sent, as found in the mail
    page.locator("#finish-signup").click()
    page.wait_for_url(base + "/me/")
    page.goto(base + "/me/profile")
    page.select_option("#province", "Takeo")
    page.fill("#birth_year", "១៩៩៨")
    page.fill("#past_jobs-0-title", "Welder")
    page.fill("#past_jobs-0-years", "៣")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(base + "/me/")
    db.session.expire_all()
    profile = db.session.scalar(sa.select(CandidateProfile))
    assert profile.birth_year == 1998
    assert profile.past_jobs[0]["years"] == 3
