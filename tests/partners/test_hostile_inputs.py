"""Costly or malformed input through the partner doors: a tiny workbook declaring a
million rows × 16,384 columns, control characters in imports and the API (and the XLSX
exports that must not break on them), JSON nested 100,000 deep."""

import io
import time
import zipfile

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from jobfair.exports import Sheet, xlsx_bytes
from jobfair.extensions import db
from jobfair.models import Application, CandidateProfile, Role
from jobfair.organizers import spreadsheets

from ..conftest import PASSWORD
from .conftest import bearer, csv_bytes
from .test_imports import preview_url, upload

SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<dimension ref="A1:XFD1048576"/>
<sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Full name</t></is></c>\
<c r="B1" t="inlineStr"><is><t>Email</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>Sok Dara</t></is></c>\
<c r="B2" t="inlineStr"><is><t>dara@school.example</t></is></c></row>
<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>
</sheetData>
</worksheet>"""

PARTS = {
    "[Content_Types].xml": """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>""",
    "_rels/.rels": """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="xl/workbook.xml" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>""",
    "xl/workbook.xml": """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""",
    "xl/_rels/workbook.xml.rels": """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="worksheets/sheet1.xml" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>
</Relationships>""",
    "xl/worksheets/sheet1.xml": SHEET,
}


def declared_huge_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_workbook_declaring_every_cell_is_refused_fast():
    data = declared_huge_workbook()
    assert len(data) < 5000
    began = time.monotonic()
    with pytest.raises(spreadsheets.SpreadsheetError):
        spreadsheets.read_table(data, "students.xlsx", max_rows=100)
    assert time.monotonic() - began < 5


def test_the_same_workbook_through_the_import_page(organizer_client, create_event):
    event = create_event()
    began = time.monotonic()
    page = upload(organizer_client, event, "candidates", declared_huge_workbook(), "s.xlsx")
    assert time.monotonic() - began < 10
    assert page.status_code == 200 and "rows" in page.get_data(as_text=True)


def test_control_characters_never_reach_the_database_or_break_an_export(
    app, world, organizer_client
):
    rows = [["Full name", "Email"], ["Sok\x0b\x01 Dara", "dara.sok@school.example"]]
    url = preview_url(upload(organizer_client, world.event, "candidates", csv_bytes(rows), "s.csv"))
    organizer_client.post(url)
    profile = db.session.scalar(
        sa.select(CandidateProfile).where(CandidateProfile.full_name.like("Sok%"))
    )
    assert profile.full_name == "Sok Dara"

    # Older rows (or any other way in) still cannot break the pipeline workbook.
    profile.full_name = "Sok\x0b\x01Dara"
    profile.consent_version, profile.consent_at = "1", world.application.created_at
    db.session.add(Application(role_id=world.other_role.id, candidate_id=profile.id))
    db.session.commit()
    client = app.test_client()
    client.post("/auth/login", data={"identifier": world.outsider.email, "password": PASSWORD})
    answer = client.get(f"/employer/roles/{world.other_role.id}/export/pipeline.xlsx")
    assert answer.status_code == 200
    cells = [c.value for row in load_workbook(io.BytesIO(answer.data)).active for c in row]
    assert "SokDara" in cells
    assert load_workbook(io.BytesIO(xlsx_bytes([Sheet("t", ["a"], [["\x01\x0b\x1f"]])])))


def test_the_api_refuses_control_characters_as_the_forms_do(client, world):
    body = {
        "event_id": world.event.id,
        "title": "Welder\x0b\x01",
        "sector": "manufacturing",
        "location": "Phnom Penh",
    }
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Role))
    answer = client.post("/api/v1/roles", json=body, headers=bearer(world.tokens["right"]))
    assert answer.status_code == 422, answer.get_json()
    assert "title" in answer.get_json()["error"]["details"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Role)) == before


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/roles"),
        ("PATCH", "/api/v1/roles/{role}"),
        ("POST", "/api/v1/applications/{application}/status"),
    ],
)
def test_deeply_nested_json_is_a_bad_request(client, world, method, path):
    url = path.format(role=world.role.id, application=world.application.id)
    answer = client.open(
        url,
        method=method,
        data="[" * 100_000,
        content_type="application/json",
        headers=bearer(world.tokens["right"]),
    )
    assert answer.status_code == 400


def test_skills_with_control_characters_are_refused_where_they_are_stored():
    from jobfair.fields import parse_skills
    from jobfair.models import rules

    typed = parse_skills("weld\x01ing, forklift")
    assert typed == ["weld\x01ing", "forklift"]  # nothing changed silently
    with pytest.raises(rules.InvalidValue):
        rules.skills("required_skills", typed)
