"""Import templates show how to fill them: an example row, what each column takes, and the
values each column with choices accepts; the example itself is never imported."""

import io

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from jobfair import labels
from jobfair.extensions import db
from jobfair.models import CandidateProfile, Organization
from jobfair.models.role_fields import SECTORS
from jobfair.organizers.import_columns import COLUMNS, Cleaner, clean_row

from .test_imports import preview_url, upload


def template(client, event, kind, fmt="xlsx", locale="en"):
    client.post("/language", data={"locale": locale})
    response = client.get(f"/organizer/events/{event.id}/imports/template-{kind}.{fmt}")
    assert response.status_code == 200
    return response.data


@pytest.mark.parametrize("locale", ["en", "ja", "km"])
def test_the_workbook_has_an_example_notes_and_every_allowed_value(
    app, organizer_client, create_event, locale
):
    event = create_event()
    workbook = load_workbook(io.BytesIO(template(organizer_client, event, "roles", locale=locale)))
    data, how, allowed = workbook.worksheets
    rows = list(data.iter_rows(values_only=True))
    assert len(rows) == 2 and all(rows[1][:2])  # the header and one filled example
    assert len(list(how.iter_rows(min_row=2))) == len(COLUMNS["roles"])
    listed = {row[1] for row in allowed.iter_rows(min_row=2, values_only=True)}
    with app.test_request_context(), app.app_context():
        from flask_babel import force_locale

        with force_locale(locale):
            sectors = {str(labels.SECTOR_LABELS[s]) for s in SECTORS}
    assert sectors <= listed
    assert {"N5", "N1"} <= listed


@pytest.mark.parametrize("kind", ["exhibitors", "roles", "candidates"])
@pytest.mark.parametrize("locale", ["en", "ja", "km"])
def test_the_example_row_is_a_valid_row_in_every_language(
    app, organizer_client, create_event, kind, locale
):
    event = create_event()
    workbook = load_workbook(io.BytesIO(template(organizer_client, event, kind, locale=locale)))
    header, example = list(workbook.worksheets[0].iter_rows(values_only=True))
    from jobfair.organizers.import_columns import match_header

    positions, unknown = match_header(kind, list(header))
    assert unknown == []
    cells = {positions[i]: str(value) for i, value in enumerate(example)}
    with app.test_request_context():
        values, reasons = clean_row(Cleaner(), kind, cells)
    assert reasons == [] and all(values[c.name] is not None for c in COLUMNS[kind])


def test_a_template_sent_back_with_its_example_imports_only_the_real_rows(
    organizer_client, create_event
):
    event = create_event()
    for kind, first, key in (
        ("exhibitors", "Real Metal Co.", "real@metal.example"),
        ("candidates", "Chan Sophea", "sophea@school.example"),
    ):
        workbook = load_workbook(io.BytesIO(template(organizer_client, event, kind)))
        sheet = workbook.worksheets[0]
        header, example = list(sheet.iter_rows(values_only=True))
        row = list(example)
        row[0] = first
        row[
            [h.lower() for h in header].index("contact email" if kind == "exhibitors" else "email")
        ] = key
        if kind == "candidates":
            row[[h.lower() for h in header].index("phone")] = "012 999 888"
        sheet.append(row)
        out = io.BytesIO()
        workbook.save(out)
        url = preview_url(upload(organizer_client, event, kind, out.getvalue(), "filled.xlsx"))
        assert organizer_client.post(url).status_code == 302
    names = set(db.session.scalars(sa.select(Organization.name)))
    assert "Real Metal Co." in names and "Example Co., Ltd." not in names
    people = set(db.session.scalars(sa.select(CandidateProfile.full_name)))
    assert people == {"Chan Sophea"}


def test_the_csv_template_has_the_header_and_the_example(organizer_client, create_event):
    event = create_event()
    text = template(organizer_client, event, "candidates", fmt="csv").decode("utf-8-sig")
    lines = [line for line in text.splitlines() if line]
    assert len(lines) == 2 and "Example Sok Dara" in lines[1]
