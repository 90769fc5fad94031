"""Imports with a preview: messy and hostile files, nothing written before confirmation."""

import io
import re
import zipfile

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import (
    AuditLog,
    CandidateProfile,
    Exhibitor,
    Message,
    Organization,
    Registration,
    Role,
    User,
)
from jobfair.organizers import imports
from jobfair.organizers.errors import OrganizerError

from .conftest import csv_bytes, xlsx

EXHIBITORS = [
    ["Company", "Country", "Sector", "Booth", "Contact name", "Contact email"],
    ["Sakura Metal", "JP", "manufacturing", "a1", "Aiko Tanaka", "aiko@sakura.example"],
    [
        "Angkor Garments",
        "Cambodia",
        "Garments and textiles",
        "B2",
        "Dara Sok",
        "dara@angkor.example",
    ],
]
CANDIDATES_KM = [
    ["ឈ្មោះពេញ", "អ៊ីមែល", "លេខទូរស័ព្ទ", "ខេត្ត", "ឆ្នាំកំណើត", "កម្រិតភាសាជប៉ុន", "ជំនាញ"],
    ["Sok Dara", "dara.sok@school.example", "", "Takeo", 2003, "N4", "welding; forklift"],
    ["Chan Sophea", "", "012 345 678", "Kampot", "2004", "n5", "sewing"],
]


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def upload(client, event, kind, data, name):
    return client.post(
        f"/organizer/events/{event.id}/imports",
        data={"kind": kind, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def preview_url(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"]


def test_exhibitors_preview_then_confirm_then_reimport_is_a_no_op(organizer_client, create_event):
    event = create_event()
    url = preview_url(upload(organizer_client, event, "exhibitors", xlsx(EXHIBITORS), "ex.xlsx"))
    page = organizer_client.get(url).get_data(as_text=True)
    assert page.count("tag-new") >= 3 and "Sakura Metal" in page
    assert count(Organization) == 0 and count(User) == 1  # nothing written by the preview

    assert organizer_client.post(url).status_code == 302
    exhibitors = db.session.scalars(sa.select(Exhibitor).order_by(Exhibitor.booth_code)).all()
    assert [e.booth_code for e in exhibitors] == ["A1", "B2"]
    assert {o.country for o in db.session.scalars(sa.select(Organization))} == {"JP", "KH"}
    recruiter = db.session.scalar(sa.select(User).where(User.email == "aiko@sakura.example"))
    assert recruiter.organization.name == "Sakura Metal"
    assert not recruiter.check_password("")  # no usable password until they choose one
    invitation = db.session.scalar(sa.select(Message).where(Message.user_id == recruiter.id))
    assert invitation.kind == "recruiter_invited"
    link = re.search(r"http://\S+/auth/reset/(\S+)", invitation.body).group(0)
    assert organizer_client.get(link).status_code == 200  # the link opens the set-password page
    audit = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "import_exhibitors"))
    assert audit.details["new"] == 2 and len(audit.details["file_sha256"]) == 64

    before = (count(Organization), count(Exhibitor), count(User), count(Message), count(AuditLog))
    url = preview_url(upload(organizer_client, event, "exhibitors", xlsx(EXHIBITORS), "ex.xlsx"))
    page = organizer_client.get(url).get_data(as_text=True)
    assert "Nothing to import" in page
    organizer_client.post(url)
    after = (count(Organization), count(Exhibitor), count(User), count(Message), count(AuditLog))
    assert after == before


def test_candidates_with_a_khmer_header_get_claim_links_and_no_consent(
    organizer_client, create_event
):
    event = create_event()
    url = preview_url(upload(organizer_client, event, "candidates", xlsx(CANDIDATES_KM), "s.xlsx"))
    organizer_client.post(url)
    profiles = db.session.scalars(sa.select(CandidateProfile).order_by(CandidateProfile.id)).all()
    assert [p.full_name for p in profiles] == ["Sok Dara", "Chan Sophea"]
    assert profiles[0].skills == ["welding", "forklift"] and profiles[0].birth_year == 2003
    assert profiles[1].user.phone == "+85512345678"
    assert profiles[1].languages[0]["level"] == "N5"
    assert all(p.consent_at is None for p in profiles)  # their own consent, later
    assert count(Registration) == 2
    kinds = db.session.scalars(sa.select(Message.kind)).all()
    assert sorted(kinds) == ["candidate_claim", "candidate_claim"]


def test_japanese_header_and_csv_roles_need_the_exhibitor(organizer_client, create_event):
    event = create_event()
    preview_url(upload(organizer_client, event, "exhibitors", xlsx(EXHIBITORS), "ex.xlsx"))
    organizer_client.post(
        preview_url(upload(organizer_client, event, "exhibitors", xlsx(EXHIBITORS), "e.xlsx"))
    )
    roles = [
        ["会社名", "職種", "募集人数", "給与下限", "給与上限", "日本語レベル", "必須スキル"],
        ["Sakura Metal", "溶接工", "3", "300", "500", "N4", "welding、MIG welding"],
        ["Nobody Inc", "Cook", "1", "", "", "", ""],
        ["Sakura Metal", "Painter", "many", "900", "100", "N9", ""],
    ]
    url = preview_url(upload(organizer_client, event, "roles", csv_bytes(roles), "roles.csv"))
    page = organizer_client.get(url).get_data(as_text=True)
    assert "not an exhibitor" in page and "not a whole number" in page
    assert "JLPT level" in page
    organizer_client.post(url)
    role = db.session.scalar(sa.select(Role))
    assert count(Role) == 1 and role.title == "溶接工" and role.headcount == 3
    assert role.languages == [{"language": "Japanese", "level": "N4", "must": True}]
    assert role.required_skills == ["welding", "MIG welding"]


def test_formulas_duplicates_merged_cells_and_wrong_types_are_row_errors(
    app, organizer, create_event
):
    event = create_event()
    rows = [
        ["Full name", "Email", "Birth year", "Gender"],
        ['=HYPERLINK("http://evil")', "a@example.org", 2000, "female"],
        ["Dara", "dara@example.org", "two thousand", "female"],
        ["Dara", "dara@example.org", 2001, "male"],
        ["Dara again", "dara@example.org", 2001, "male"],
        [None, "merged@example.org", 2002, "robot"],
    ]
    data = xlsx(rows, merge="A5:A6")
    with app.test_request_context():
        token = imports.store_upload("candidates", event, organizer, data, "x.xlsx")
        upload = imports.load_upload(token, event, organizer, [token])
        plans = imports.preview(upload, event)
    reasons = {plan.line: " ".join(plan.reasons) for plan in plans}
    assert "formula" in reasons[2]
    assert "whole number" in reasons[3]
    assert plans[2].status == "new"
    assert "same as row 4" in reasons[5]
    assert "empty" in reasons[6] and "choices" in reasons[6]
    assert count(CandidateProfile) == 0


def test_a_fifty_thousand_row_file_is_refused_with_a_bound(app, organizer, create_event):
    event = create_event()
    rows = "Full name,Email\n" + "".join(f"P{n},p{n}@example.org\n" for n in range(50_000))
    with app.test_request_context(), pytest.raises(OrganizerError, match="more than 10000 rows"):
        imports.store_upload("candidates", event, organizer, rows.encode(), "big.csv")


def test_a_zip_bomb_is_refused_without_inflating_it(organizer_client, create_event):
    event = create_event()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * (300 * 1024 * 1024) + b">")
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    page = upload(organizer_client, event, "candidates", data, "bomb.xlsx").get_data(as_text=True)
    assert "unreasonable size" in page


def test_missing_columns_and_unreadable_files_are_explained(organizer_client, create_event):
    event = create_event()
    page = upload(organizer_client, event, "roles", csv_bytes([["Title"], ["Cook"]]), "r.csv")
    assert "missing" in page.get_data(as_text=True)
    page = upload(organizer_client, event, "roles", "Company\n".encode("utf-16"), "r.csv")
    assert "UTF-8" in page.get_data(as_text=True)
    page = upload(organizer_client, event, "roles", b"PK\x03\x04garbage", "r.xlsx")
    assert "not a readable Excel" in page.get_data(as_text=True)


def test_a_preview_belongs_to_its_session_and_organizer(
    app, organizer_client, create_event, create_user
):
    from jobfair.models import UserRole

    from ..conftest import PASSWORD

    event = create_event()
    url = preview_url(upload(organizer_client, event, "exhibitors", xlsx(EXHIBITORS), "ex.xlsx"))
    other = create_user(role=UserRole.ORGANIZER)
    client = app.test_client()
    client.post("/auth/login", data={"identifier": other.email, "password": PASSWORD})
    assert client.post(url).status_code == 302
    assert count(Organization) == 0


def test_templates_download_with_headers_in_the_users_language(organizer_client, create_event):
    event = create_event()
    organizer_client.post("/language", data={"locale": "ja"})
    response = organizer_client.get(f"/organizer/events/{event.id}/imports/template-candidates.csv")
    assert response.status_code == 200
    assert "氏名" in response.get_data(as_text=True)


def test_imported_candidates_are_not_ranked_before_their_own_consent(
    organizer_client, create_event, create_organization
):
    from jobfair import ranking
    from jobfair.models.base import utcnow

    event = create_event()
    organization = create_organization()
    role = Role(
        event_id=event.id,
        organization_id=organization.id,
        title="Welder",
        sector="manufacturing",
        location="Phnom Penh",
        required_skills=["welding"],
    )
    db.session.add(role)
    db.session.commit()
    organizer_client.post(
        preview_url(upload(organizer_client, event, "candidates", xlsx(CANDIDATES_KM), "s.xlsx"))
    )
    assert ranking.shortlist(role) == []
    profile = db.session.scalar(
        sa.select(CandidateProfile).where(CandidateProfile.full_name == "Sok Dara")
    )
    profile.consent_at, profile.consent_version = utcnow(), "1"
    db.session.commit()
    assert [r.profile.id for r in ranking.shortlist(role)] == [profile.id]


def test_the_preview_shows_values_in_the_organizers_language_not_as_code(
    organizer_client, create_event
):
    """Lists joined as written, choices and places by their label: never ['a', 'b'] or
    technical_intern, female, JP."""
    event = create_event()
    with organizer_client.session_transaction() as session:
        session["locale"] = "ja"
    rows = [
        ["Full name", "Email", "Province", "Gender", "Education", "Japanese level", "Skills"],
        ["Sok Dara", "dara@school.example", "Takeo", "female", "lower_secondary", "N4",
         "welding; TIG welding"],
    ]  # fmt: skip
    url = preview_url(upload(organizer_client, event, "candidates", xlsx(rows), "c.xlsx"))
    page = organizer_client.get(url).get_data(as_text=True)
    cell = re.search(r"<td>(Sok Dara[^<]*)</td>", page).group(1)
    assert "[" not in cell and "welding, TIG welding" in cell
    for code in ("female", "lower_secondary", "Takeo"):
        assert code not in cell
    assert "女性" in cell and "N4" in cell and "タケオ" in cell
