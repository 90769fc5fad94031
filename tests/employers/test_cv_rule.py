"""One rule for a company's look at a CV (`access.cv_opens`, `access.can_download_cv`): the
recruiter's candidate page and the CV's own address open the same CVs, and nothing else."""

import os

import pytest

from jobfair import access, uploads
from jobfair.employers import review
from jobfair.extensions import db
from jobfair.models import Application, ApplicationStatus, ExhibitorStatus


@pytest.fixture
def with_cv(app, fair):
    """The candidate has a PDF CV on disk."""
    name = "c" * 32 + ".pdf"
    os.makedirs(uploads.upload_folder(), exist_ok=True)
    with open(uploads.cv_file(name), "wb") as handle:
        handle.write(b"%PDF-1.4\n%%EOF\n")
    fair.candidate.profile.cv_filename = name
    fair.candidate.profile.cv_original_name = "dara.pdf"
    db.session.commit()
    return fair


def opens(client, fair) -> dict:
    """What the recruiter's two ways to a CV answer: the role's candidate page, the CV URL."""
    profile_id = fair.candidate.profile.id
    page = client.get(f"/employer/roles/{fair.role.id}/candidates/{profile_id}/cv/download")
    direct = client.get(f"/cv/{profile_id}")
    return {"page": page.status_code, "direct": direct.status_code}


def test_both_ways_open_the_cv_of_a_registered_candidate_who_consented(client, auth, with_cv):
    """The consent reads "the exhibitors of this job fair may see my profile and CV": no
    application is needed. Before, the role page opened it and the CV URL said 404."""
    auth.login(with_cv.recruiter.email)
    assert opens(client, with_cv) == {"page": 200, "direct": 200}


def test_blind_review_closes_both_until_the_invitation(client, auth, with_cv):
    with_cv.role.blind_review = True
    db.session.commit()
    auth.login(with_cv.recruiter.email)
    assert opens(client, with_cv) == {"page": 404, "direct": 404}
    application = Application(role=with_cv.role, candidate=with_cv.candidate.profile)
    application.status = ApplicationStatus.INVITED
    db.session.add(application)
    db.session.commit()
    assert opens(client, with_cv) == {"page": 200, "direct": 200}


def test_a_company_not_in_the_fair_opens_neither(client, auth, with_cv):
    with_cv.exhibitor.status = ExhibitorStatus.REJECTED
    db.session.commit()
    auth.login(with_cv.recruiter.email)
    result = opens(client, with_cv)
    assert result["page"] in (403, 404) and result["direct"] == 404


def test_withdrawn_consent_closes_both(client, auth, with_cv):
    with_cv.candidate.profile.consent_at = None
    db.session.commit()
    auth.login(with_cv.recruiter.email)
    assert opens(client, with_cv) == {"page": 404, "direct": 404}


def test_the_page_and_the_rule_agree(app, with_cv):
    """The candidate page's CV link is the same rule, asked role by role."""
    with app.test_request_context():
        view = review.review(with_cv.role, with_cv.candidate.profile)
        assert view.cv_kind == "pdf"
        assert access.can_download_cv(with_cv.recruiter, with_cv.candidate.profile)
        with_cv.role.blind_review = True
        view = review.review(with_cv.role, with_cv.candidate.profile)
        assert view.cv_kind is None
        assert not access.can_download_cv(with_cv.recruiter, with_cv.candidate.profile)
