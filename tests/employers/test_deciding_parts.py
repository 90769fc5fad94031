"""The shortlist says which parts of a match decided a rank, and which parts count less
because they hardly tell this role's candidates apart, in the reader's language."""

from datetime import UTC, datetime

import pytest

from jobfair.extensions import db
from jobfair.models import Registration, UserRole

RARE = ["forklift", "sushi", "excel", "tig welding", "sewing", "bricklaying", "painting", "driving"]


def register(fair, create_user, n: int, *, everyone_has_the_skills: bool):
    """n candidates with one rare skill each; with `everyone_has_the_skills` they all also
    list the role's required skills, so those no longer tell them apart."""
    for i in range(n):
        skills = [RARE[i % len(RARE)]]
        if everyone_has_the_skills or i == 0:
            skills += ["welding", "reading technical drawings"]
        user = create_user(
            UserRole.CANDIDATE,
            profile={
                "full_name": f"Person {i:02d}",
                "headline": "Welder" if i % 2 else "Cook",
                "skills": skills,
                "languages": ["Khmer native", "Japanese N4"],
                "education_level": "upper_secondary",
                "consent_version": "2026-01",
                "consent_at": datetime.now(UTC),
            },
        )
        db.session.add(Registration(event=fair.event, candidate=user.profile))
    db.session.commit()


def shortlist(client, auth, fair, locale: str) -> str:
    fair.recruiter.locale = locale
    db.session.commit()
    auth.login(fair.recruiter.email)
    url = f"/employer/roles/{fair.role.id}/shortlist?section=everyone"
    return client.get(url).get_data(as_text=True)


@pytest.mark.parametrize(
    "locale, decided, quiet",
    [
        ("en", "decided mostly by:", "Counted less for this role because it hardly tells"),
        ("ja", "主な決め手：", "重みを下げています：スキル。"),
        ("km", "សម្រេចភាគច្រើនដោយ៖", "រាប់តិចសម្រាប់មុខតំណែងនេះ"),
    ],
)
def test_skills_everyone_lists_are_said_to_count_less(client, auth, fair, create_user, locale, decided, quiet):  # fmt: skip
    register(fair, create_user, 16, everyone_has_the_skills=True)
    page = shortlist(client, auth, fair, locale)
    assert decided in page
    assert quiet in page


def test_skills_that_tell_people_apart_are_not_said_to_count_less(client, auth, fair, create_user):
    register(fair, create_user, 16, everyone_has_the_skills=False)
    page = shortlist(client, auth, fair, "en")
    assert "decided mostly by:" in page
    assert "quiet-parts" not in page


@pytest.mark.parametrize(
    "language, listed",
    [("en", "occupation and skills"), ("ja", "職業、スキル"), ("km", "មុខរបរ និង\u200bជំនាញ")],
)
def test_the_parts_are_listed_as_the_reader_s_language_lists(app, language, listed):
    from jobfair import labels

    with app.test_request_context(headers={"Accept-Language": language}):
        assert labels.part_labels(["occupation", "skills"]) == listed
