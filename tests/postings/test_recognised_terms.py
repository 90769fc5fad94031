"""Beside a candidate's Khmer or Japanese text, the recruiter sees the job terms recognised
in it, in the recruiter's own language."""

from jobfair import postings
from jobfair.extensions import db
from matching.lexicon import Lexicon

KHMER_HEADLINE = "ជាងផ្សារដែក"  # welder
KHMER_EXPERIENCE = "ខ្ញុំធ្វើការជាជាងផ្សារដែក ៣ឆ្នាំ"
JAPANESE_JOB = "溶接工"


def candidate_page(client, auth, fair, locale):
    fair.recruiter.locale = locale
    profile = fair.candidate.profile
    profile.headline, profile.experience = KHMER_HEADLINE, KHMER_EXPERIENCE
    profile.past_jobs = [{"title": JAPANESE_JOB, "employer": "Sakura", "years": 2}]
    db.session.commit()
    auth.login(fair.recruiter.email)
    url = f"/employer/roles/{fair.role.id}/candidates/{profile.id}"
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_an_english_recruiter_sees_the_terms_in_english(client, auth, fair):
    page = candidate_page(client, auth, fair, "en")
    assert page.count('class="recognised hint"') == 3  # headline, past job, experience
    assert "Recognised: welder" in page


def test_a_japanese_recruiter_sees_them_in_japanese_and_none_for_japanese_text(client, auth, fair):
    page = candidate_page(client, auth, fair, "ja")
    welder = Lexicon.default().term_for("welder", "ja")
    assert welder and welder in page.split('class="recognised hint"', 1)[1]
    assert page.count('class="recognised hint"') == 2  # not beside the Japanese past job


def test_recognised_terms_once_each_and_only_for_foreign_script(app):
    with app.test_request_context():
        terms = postings.recognised_terms(f"{KHMER_HEADLINE} {KHMER_HEADLINE}", "en")
        assert terms == ["welder"]
        assert postings.recognised_terms("welder with 3 years", "ja") == []
        assert postings.recognised_terms(KHMER_EXPERIENCE, "km") == []
        assert postings.recognised_terms("", "en") == []
