"""The funnel's pages and the funders' report job: the same numbers as `funnel.compute`,
organizers only."""

import io
import re
from datetime import date

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from openpyxl import load_workbook
from pypdf import PdfReader

from jobfair.extensions import db
from jobfair.models import AuditLog, Job, Registration, UserRole
from jobfair.models.base import utcnow
from jobfair.organizers import funnel

from .test_funnel import fair  # noqa: F401  (the hand-built fair)

STEP_NAMES_JA = ("登録", "チェックイン", "面接", "内定", "採用", "出国")


@pytest.fixture
def organizer(client, create_user):
    user = create_user(role=UserRole.ORGANIZER)
    assert (
        client.post(
            "/auth/login", data={"identifier": user.email, "password": "correct horse battery"}
        ).status_code
        == 302
    )
    return user


def page_counts(html: str, table: str) -> dict:
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    return {
        step: int(count.replace(",", ""))
        for step, count in re.findall(
            r'data-step="(\w+)">.*?<td class="num" data-count>([\d,]+)</td>', body, re.S
        )
    }


def make_report(client, event, file_format: str, language: str) -> bytes:
    started = client.post(
        f"/organizer/events/{event.id}/funnel/report",
        data={"file_format": file_format, "language": language},
    )
    assert started.status_code == 302
    db.session.rollback()
    job = db.session.get(Job, int(started.headers["Location"].rsplit("/", 1)[1]))
    assert (job.kind, job.status, job.error) == ("funnel_report", "done", "")
    response = client.get(f"/jobs/{job.id}/file")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    data = response.data
    response.close()
    return data


def test_the_page_shows_the_funnel_computed_once(client, organizer, fair):  # noqa: F811
    response = client.get(f"/organizer/events/{fair.event.id}/funnel")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    expected = funnel.compute(fair.event).total.counts
    assert page_counts(response.get_data(as_text=True), "funnel") == dict(
        zip(funnel.STEPS, expected, strict=True)
    )


def test_switching_breakdowns(client, organizer, fair):  # noqa: F811
    url = f"/organizer/events/{fair.event.id}/funnel"
    gender = client.get(f"{url}?by=gender").get_data(as_text=True)
    assert 'data-breakdown="gender"' in gender and "Female" in gender
    exhibitors = client.get(f"{url}?by=exhibitor").get_data(as_text=True)
    table = exhibitors.split('id="breakdown"', 1)[1]
    assert "Company A (A1)" in table and "Company R" not in table
    assert client.get(f"{url}?by=salary").status_code == 404


def test_two_fairs_side_by_side(client, organizer, fair, create_event, create_user):  # noqa: F811
    later = create_event(name="The next fair")
    person = create_user(role=UserRole.CANDIDATE)
    db.session.add(Registration(event=later, candidate=person.profile, checked_in_at=utcnow()))
    db.session.commit()
    html = client.get(f"/organizer/funnel/compare?event={later.id}&event={fair.event.id}").get_data(
        as_text=True
    )
    table = html.split('id="comparison"', 1)[1]
    assert table.index(fair.event.name) < table.index("The next fair")  # oldest first
    registered = re.search(r'data-step="registered">(.*?)</tr>', table, re.S).group(1)
    assert re.findall(r"<strong>([\d,]+)</strong>", registered) == ["9", "1"]
    one = client.get(f"/organizer/funnel/compare?event={fair.event.id}").get_data(as_text=True)
    assert 'id="choose-more"' in one and 'id="comparison"' not in one
    assert client.get("/organizer/funnel/compare?event=987654&event=1").status_code == 404


def test_the_pdf_report_in_japanese_has_the_pages_numbers(app, client, organizer, fair):  # noqa: F811
    data = make_report(client, fair.event, "pdf", "ja")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 6
    # pypdf reads the shaped CJK runs with a NUL between characters: drop those.
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    assert fair.event.name in text
    for name in STEP_NAMES_JA:
        assert name in text, name
    total = funnel.compute(fair.event).total
    table = reader.pages[1].extract_text().replace("\x00", "")
    with app.test_request_context(), force_locale("ja"):
        labels = [funnel.step_label(step) for step in funnel.STEPS]
    for label, count in zip(labels, total.counts, strict=True):
        assert re.search(rf"^{re.escape(label)} {count}\b", table, re.M), (label, count)
    entry = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "funnel_report"))
    assert entry.details == {"format": "pdf", "language": "ja"}


def test_the_xlsx_report_in_english_has_a_sheet_and_chart_per_breakdown(client, organizer, fair):  # noqa: F811
    data = make_report(client, fair.event, "xlsx", "en")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Funnel", "Province", "Gender", "Programme", "Exhibitor", "Method"]
    rows = list(book["Funnel"].iter_rows(min_row=2, values_only=True))
    total = funnel.compute(fair.event).total
    assert [r[1] for r in rows] == total.counts
    assert rows[0][0] == "Registered" and rows[-1][0] == "Departed for Japan"
    for name in ("Funnel", "Province", "Gender", "Programme", "Exhibitor"):
        assert len(book[name]._charts) == 1, name
    exhibitors = [r[0] for r in book["Exhibitor"].iter_rows(min_row=2, values_only=True)]
    assert exhibitors == ["Company A (A1)", "Company B (B1)"]


def test_a_report_asked_wrongly_starts_nothing(client, organizer, fair):  # noqa: F811
    response = client.post(
        f"/organizer/events/{fair.event.id}/funnel/report",
        data={"file_format": "docx", "language": "km"},
    )
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Job.id))) == 0


@pytest.mark.parametrize("role", [UserRole.CANDIDATE, UserRole.EMPLOYER, UserRole.DOOR])
def test_only_organizers_see_the_funnel_or_make_the_report(client, create_user, fair, role):  # noqa: F811
    user = create_user(role=role)
    client.post("/auth/login", data={"identifier": user.email, "password": "correct horse battery"})
    event_id = fair.event.id
    for url in (
        f"/organizer/events/{event_id}/funnel",
        f"/organizer/funnel/compare?event={event_id}&event={event_id}",
    ):
        assert client.get(url).status_code == 403
    started = client.post(
        f"/organizer/events/{event_id}/funnel/report", data={"file_format": "pdf", "language": "en"}
    )
    assert started.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(Job.id))) == 0


def test_anonymous_visitors_are_sent_to_log_in(client, fair):  # noqa: F811
    response = client.get(f"/organizer/events/{fair.event.id}/funnel")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_the_statistics_export_has_the_funnels_steps(client, organizer, fair):  # noqa: F811
    response = client.get(f"/organizer/events/{fair.event.id}/statistics.xlsx")
    book = load_workbook(io.BytesIO(response.data))
    response.close()
    rows = list(book["Hiring funnel"].iter_rows(values_only=True))
    assert rows[0][0] == "Step" and rows[0][-1] == "Candidates"
    assert [r[-1] for r in rows[1:]] == funnel.compute(fair.event).total.counts
    assert [r[0] for r in rows[1:]][-1] == "Departed for Japan"


def test_the_report_sets_the_fair_beside_the_ones_before_it(
    client,
    organizer,
    fair,  # noqa: F811
    create_event,
    create_user,
):
    earlier = create_event(
        name="The fair before", starts_on=date(2025, 11, 1), ends_on=date(2025, 11, 2)
    )
    for _ in range(2):
        person = create_user(role=UserRole.CANDIDATE)
        db.session.add(Registration(event=earlier, candidate=person.profile))
    create_event(name="A later fair")  # after this one: not in its report
    db.session.commit()
    book = load_workbook(io.BytesIO(make_report(client, fair.event, "xlsx", "en")))
    sheet = book["Year on year"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Step", "The fair before (2025-11-01)",
                       f"{fair.event.name} ({fair.event.starts_on.isoformat()})")  # fmt: skip
    assert rows[1] == ("Registered", 2, 9) and rows[2] == ("Checked in", 0, 7)
    assert len(sheet._charts) == 1
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        make_report(client, fair.event, "pdf", "en"))).pages)  # fmt: skip
    assert "Year on year" in text and "The fair before" in text
