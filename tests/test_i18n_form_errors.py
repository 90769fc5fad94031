"""Form errors are in the page's language too: WTForms' own messages and ours, on every
audience's forms, with no English left on a Khmer or Japanese page."""

import re

import pytest

from jobfair.extensions import db
from jobfair.models import Exhibitor, UserRole
from tests.conftest import PASSWORD

# Product names and codes that stay as they are in every language.
KEPT = {"PDF", "Word", "JPEG", "PNG", "JLPT", "CEFR", "docx"}
ERROR = re.compile(r'<p class="error"[^>]*>(.*?)</p>', re.S)

FORMS = {
    None: [
        ("/auth/signup", {"display_name": "", "phone": "12", "password": "x", "confirm": "y"}),
        ("/auth/login", {"identifier": "", "password": ""}),
        ("/auth/reset/", {"identifier": ""}),
        ("/auth/signup/employer", {"email": "not-an-email", "sector": "nonsense"}),
    ],
    UserRole.CANDIDATE: [
        ("/me/profile", {"full_name": "", "birth_year": "nineteen", "gender": "robot"}),
        ("/me/cv", {}),
        ("/me/delete", {"password": ""}),
    ],
    UserRole.EMPLOYER: [
        ("/employer/roles/new", {"title": "", "headcount": "many", "salary_min": "x"}),
        ("/employer/company", {"name": "", "website": "not a url"}),
    ],
    UserRole.ORGANIZER: [("/organizer/events/new", {"name": "", "starts_on": "tomorrow"})],
}


def english_words(text: str) -> list[str]:
    text = re.sub(r"\S+\.(com|org)\S*", " ", text)  # example addresses stay as typed
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in KEPT]


@pytest.mark.parametrize("locale", ["km", "ja"])
@pytest.mark.parametrize("role", list(FORMS), ids=lambda r: r or "visitor")
def test_form_errors_are_translated(app, create_user, create_event, locale, role):
    client = app.test_client()
    client.post("/language", data={"locale": locale})
    if role:
        user = create_user(role=role)
        if role == UserRole.EMPLOYER:  # roles are posted for an event the company exhibits at
            db.session.add(
                Exhibitor(event=create_event(), organization=user.organization, status="approved")
            )
            db.session.commit()
        client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    shown = 0
    for url, data in FORMS[role]:
        page = client.post(url, data=data).get_data(as_text=True)
        errors = [re.sub(r"<[^>]+>", " ", e) for e in ERROR.findall(page)]
        assert errors, f"{url} showed no error"
        shown += len(errors)
        assert [e for e in errors if english_words(e)] == [], url
    assert shown >= len(FORMS[role])


def test_the_check_catches_an_english_message():
    assert english_words("This field is required.") == ["This", "field", "required"]
    assert english_words("ឯកសារ PDF ឬ Word") == []
