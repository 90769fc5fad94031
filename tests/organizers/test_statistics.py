"""Every number on the dashboard and in the exports equals a direct count in the database."""

import csv
import html
import io
import re
from collections import Counter

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from openpyxl import load_workbook

from jobfair.extensions import db
from jobfair.labels import SECTOR_LABELS
from jobfair.models import (
    Application,
    AuditLog,
    CandidateProfile,
    Event,
    Interview,
    Job,
    Registration,
    Role,
)

# A chart row: the label, the bar, the number.
ROW = r'<th scope="row">{}</th>\s*<td class="bar-cell">.*?</td>\s*<td class="num">{}</td>'


def direct(statement) -> int:
    return db.session.scalar(statement)


@pytest.fixture
def event(demo):
    return db.session.scalar(sa.select(Event))


def count_of(model, *where):
    return direct(sa.select(sa.func.count()).select_from(model).where(*where))


def registered_profiles(event):
    return db.session.scalars(
        sa.select(CandidateProfile).join(Registration).where(Registration.event_id == event.id)
    ).all()


def export_via_job(client, event, choice: str) -> bytes:
    """Press the event page's export button; the job's page then offers the file."""
    started = client.post(f"/organizer/events/{event.id}/exports", data={"export": choice})
    job_page = started.headers["Location"]
    db.session.rollback()
    job = db.session.get(Job, int(job_page.rsplit("/", 1)[1]))
    assert (job.status, job.error, job.event_id) == ("done", "", event.id)
    response = client.get(f"{job_page}/file")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    data = response.data
    response.close()
    return data


def test_dashboard_totals_and_breakdowns_equal_direct_counts(organizer_client, event):
    page = organizer_client.get(f"/organizer/events/{event.id}").get_data(as_text=True)
    totals = {
        label: n for n, label in re.findall(r"<strong[^>]*>([\d,]+)</strong> ([a-z -]+)</p>", page)
    }
    registrations = count_of(Registration, Registration.event_id == event.id)
    assert registrations > 100
    assert totals["registered"] == f"{registrations:,}"
    checked = count_of(
        Registration, Registration.event_id == event.id, Registration.checked_in_at.is_not(None)
    )
    assert totals["checked in"] == f"{checked:,}"
    assert totals["roles"] == f"{count_of(Role, Role.event_id == event.id):,}"
    applications = direct(
        sa.select(sa.func.count())
        .select_from(Application)
        .join(Role)
        .where(Role.event_id == event.id)
    )
    assert totals["applications"] == f"{applications:,}"

    profiles = registered_profiles(event)
    provinces = Counter(p.province for p in profiles)
    for province, count in provinces.items():
        assert re.search(ROW.format(re.escape(province), f"{count:,}"), page)
    females = sum(1 for p in profiles if p.gender == "female")
    assert re.search(ROW.format("Female", f"{females:,}"), page)
    # A record may also carry the day its certificate was issued ("certified_on").
    jlpt_n4 = ("Japanese", "JLPT", "N4")
    n4 = sum(
        1
        for p in profiles
        if any((r["language"], r["test"], r["level"]) == jlpt_n4 for r in p.languages or [])
    )
    assert re.search(ROW.format("N4", f"{n4:,}"), page)


def test_exhibitor_rows_equal_direct_counts(organizer_client, event):
    page = organizer_client.get(f"/organizer/events/{event.id}").get_data(as_text=True)
    table = page[page.index('id="exhibitor-table"') :]
    rows = re.findall(
        r"<tr><td>([^<]+)</td><td>[^<]*</td>((?:\s*<td class=\"num\">\d+</td>){6})</tr>", table
    )
    assert len(rows) == 45
    from jobfair.models import Organization

    for name, numbers in rows[:10]:
        values = [int(n) for n in re.findall(r">(\d+)<", numbers)]
        org = db.session.scalar(
            sa.select(Organization).where(Organization.name == html.unescape(name))
        )
        roles = count_of(Role, Role.event_id == event.id, Role.organization_id == org.id)
        statuses = Counter(
            db.session.scalars(
                sa.select(Application.status)
                .join(Role)
                .where(Role.organization_id == org.id, Role.event_id == event.id)
            )
        )
        interviews = direct(
            sa.select(sa.func.count())
            .select_from(Interview)
            .join(Application)
            .join(Role)
            .where(Role.organization_id == org.id, Role.event_id == event.id)
        )
        assert values == [
            roles,
            sum(statuses.values()),
            sum(n for s, n in statuses.items() if s not in ("new", "rejected")),
            interviews,
            statuses["offered"] + statuses["hired"],
            statuses["hired"],
        ], name


def test_statistics_xlsx_has_a_sheet_per_breakdown_with_direct_counts(organizer_client, event):
    workbook = load_workbook(io.BytesIO(export_via_job(organizer_client, event, "statistics.xlsx")))
    assert {
        "Totals",
        "Province",
        "Gender",
        "Age group",
        "Education",
        "Japanese level",
        "English level",
        "Wanted sector",
        "Programme interest",
        "Exhibitors",
        "Matching coverage",
        "Registrations by day",
        "Check-ins by hour",
    } <= set(workbook.sheetnames)
    profiles = registered_profiles(event)
    province = {
        row[0]: row[1] for row in workbook["Province"].iter_rows(min_row=2, values_only=True)
    }
    assert province == dict(Counter(p.province for p in profiles))
    with force_locale("en"):
        sectors = Counter(
            str(SECTOR_LABELS[s]) for p in profiles for s in set(p.wanted_sectors or [])
        )
    sheet = {
        row[0]: row[1] for row in workbook["Wanted sector"].iter_rows(min_row=2, values_only=True)
    }
    assert sheet == dict(sectors)
    hours = sum(
        row[1] for row in workbook["Check-ins by hour"].iter_rows(min_row=2, values_only=True)
    )
    assert hours == count_of(
        Registration, Registration.event_id == event.id, Registration.checked_in_at.is_not(None)
    )


def test_statistics_csv_and_cli_agree(organizer_client, event, runner, tmp_path):
    text = organizer_client.get(f"/organizer/events/{event.id}/statistics.csv").data.decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Breakdown", "Key", "Count", "Details"]
    gender = {r[1]: int(r[2]) for r in rows if r[0] == "Gender"}
    profiles = registered_profiles(event)
    assert gender["Female"] == sum(1 for p in profiles if p.gender == "female")
    output = tmp_path / "stats.csv"
    result = runner.invoke(
        args=["export-stats", str(event.id), "--format", "csv", "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    cli_rows = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
    assert [r for r in cli_rows if r[0] == "Gender"] == [r for r in rows if r[0] == "Gender"]
    assert runner.invoke(args=["export-stats", "999", "--output", str(output)]).exit_code != 0


def test_cli_statistics_in_the_reports_language(event, runner, tmp_path):
    english, japanese = tmp_path / "en.csv", tmp_path / "ja.csv"
    for path, language in ((english, "en"), (japanese, "ja")):
        result = runner.invoke(
            args=["export-stats", str(event.id), "--format", "csv", "--output", str(path)]
            + ["--language", language]
        )
        assert result.exit_code == 0, result.output

    def rows(path):
        return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))

    english_rows, japanese_rows = rows(english), rows(japanese)
    assert japanese_rows[0] == ["内訳", "項目", "人数", "詳細"]
    gender = {r[1]: r[2] for r in english_rows if r[0] == "Gender"}
    assert {r[1]: r[2] for r in japanese_rows if r[0] == "性別"}["女性"] == gender["Female"]
    assert len(japanese_rows) == len(english_rows)  # the same figures, only the words differ
    refused = runner.invoke(
        args=["export-stats", str(event.id), "--output", str(english), "--language", "fr"]
    )
    assert refused.exit_code != 0


def test_anonymised_export_has_no_names_contacts_or_ids(organizer_client, event):
    text = export_via_job(organizer_client, event, "anonymised.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) - 1 == count_of(Registration, Registration.event_id == event.id)
    body = text.lower()
    for profile in registered_profiles(event)[:30]:
        assert profile.full_name.lower() not in body
        assert profile.user.email.lower() not in body
    keys = [r[0] for r in rows[1:]]
    assert len(set(keys)) == len(keys)
    again = organizer_client.get(
        f"/organizer/events/{event.id}/candidates-anonymised.csv"
    ).data.decode("utf-8-sig")
    assert not set(keys) & {r[0] for r in list(csv.reader(io.StringIO(again)))[1:]}
    assert count_of(AuditLog, AuditLog.action == "anonymised_export") == 2
    workbook = load_workbook(io.BytesIO(export_via_job(organizer_client, event, "anonymised.xlsx")))
    assert workbook.active.max_row - 1 == len(keys)
    assert count_of(AuditLog, AuditLog.action == "anonymised_export") == 3


def test_a_large_events_exports_are_made_as_jobs_only(app, organizer_client, event):
    """Past EXPORT_DIRECT_MAX_REGISTRATIONS the download links send organizers to the buttons."""
    registrations = count_of(Registration, Registration.event_id == event.id)
    app.config["EXPORT_DIRECT_MAX_REGISTRATIONS"] = registrations - 1
    for path in ("statistics.xlsx", "statistics.csv", "candidates-anonymised.csv"):
        response = organizer_client.get(f"/organizer/events/{event.id}/{path}")
        assert response.headers["Location"] == f"/organizer/events/{event.id}", path
    assert count_of(AuditLog, AuditLog.action.like("%_export")) == 0
    data = export_via_job(organizer_client, event, "statistics.csv").decode("utf-8-sig")
    assert data.startswith("Breakdown,Key,Count,Details")
    job = db.session.scalars(sa.select(Job)).one()
    assert (job.kind, job.done, job.total) == ("statistics_export", 2, 2)
    entries = db.session.scalars(sa.select(AuditLog).where(AuditLog.action == "statistics_export"))
    assert [(e.target_id, e.details) for e in entries] == [
        (event.id, {"format": "csv", "via": "job"})
    ]
    page = organizer_client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Statistics: 2 of 2" in page
    # The event page lists the organizer's recent exports, each linking to its job.
    event_page = organizer_client.get(f"/organizer/events/{event.id}").get_data(as_text=True)
    assert f'<a href="/jobs/{job.id}">Statistics: 2 of 2</a>' in event_page
    assert (
        organizer_client.post(
            f"/organizer/events/{event.id}/exports", data={"export": "everything.pdf"}
        ).status_code
        == 400
    )


def expected_coverage(event) -> dict[tuple[str, str], int]:
    """(role, organization) -> registered candidates meeting its musts, counted in Python."""
    profiles = registered_profiles(event)
    from matching.levels import parse_language

    def japanese(p):
        ranks = [x.rank for x in map(parse_language, p.languages or []) if x and x.code == "ja"]
        return max(ranks, default=0)

    order = [
        "none",
        "primary",
        "lower_secondary",
        "upper_secondary",
        "tvet_certificate",
        "tvet_diploma",
        "bachelor",
        "master",
        "doctorate",
    ]
    found = {}
    for role in db.session.scalars(
        sa.select(Role).where(Role.event_id == event.id, Role.status == "open")
    ):
        needs = [parse_language(r) for r in role.languages if r.get("must")]
        found[(role.title, role.organization.name)] = sum(
            1
            for p in profiles
            if order.index(p.education_level) >= order.index(role.min_education)
            and all(r.code == "ja" and japanese(p) >= r.rank for r in needs)
        )
    return found


def test_coverage_lists_roles_short_of_qualified_candidates(organizer_client, event):
    page = organizer_client.get(f"/organizer/events/{event.id}").get_data(as_text=True)
    coverage = html.unescape(page[page.index('id="coverage"') :])
    for (title, company), qualified in expected_coverage(event).items():
        listed = f"{title} · {company}: {qualified}<" in coverage
        assert listed == (qualified < 5), title


def test_the_coverage_sheet_lists_every_open_role_with_its_qualified_candidates(
    organizer_client, event
):
    response = organizer_client.get(f"/organizer/events/{event.id}/statistics.xlsx")
    sheet = load_workbook(io.BytesIO(response.data))["Matching coverage"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Role", "Company", "Qualified candidates", "Short of candidates")
    expected = expected_coverage(event)
    assert expected, "the fixture has open roles"
    assert {(r[0], r[1]): r[2] for r in rows[1:]} == expected
    assert all(r[3] == ("yes" if r[2] < 5 else "no") for r in rows[1:])
