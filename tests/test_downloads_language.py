"""Every download a Khmer or Japanese reader gets speaks their language.

The walk fetches each spreadsheet of the demo fair (statistics, the anonymised list, a
role's shortlist and pipeline) in km and ja and fails on any Latin word that is neither a
name people gave (companies, people, roles, the fair) nor a word listed in
tests/support/latin_words.py.
"""

import csv
import io
import re

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from jobfair.extensions import db
from jobfair.models import Application, CandidateProfile, Event, Exhibitor, Organization, Role, User
from tests.support.latin_words import unexpected_words

PASSWORD = "demo pass phrase"
ROW_KEY = re.compile(r"\b[0-9a-f]{12}\b")


@pytest.fixture
def demo(app):
    from jobfair.demo import seed_demo

    return seed_demo(password=PASSWORD, candidates=80)


def given_names() -> set[str]:
    """What people typed: names of companies, people, roles and the fair, booth codes."""
    columns = (
        Organization.name,
        CandidateProfile.full_name,
        User.display_name,
        Role.title,
        Event.name,
        Event.venue,
        Exhibitor.booth_code,
    )
    names = set()
    for column in columns:
        names.update(v for v in db.session.scalars(sa.select(column)) if v)
    names.update(f"C{i:05d}" for i in db.session.scalars(sa.select(CandidateProfile.id)))
    names.update(e for e in db.session.scalars(sa.select(User.email)) if e)
    return names


def cells(data: bytes, kind: str) -> str:
    """Every cell and sheet title of a CSV or XLSX file, as one text."""
    if kind == "csv":
        return "\n".join(" | ".join(r) for r in csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    text = []
    for sheet in workbook.worksheets:
        text.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            text.append(" | ".join(str(v) for v in row if v is not None))
    return "\n".join(text)


def signed_in(app, email: str, locale: str):
    client = app.test_client()
    with client.session_transaction() as session:
        session["locale"] = locale
    response = client.post("/auth/login", data={"identifier": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Cache-Control"] == "no-store", url
    data = response.data
    response.close()  # a job's file is streamed from disk
    return data


@pytest.mark.parametrize("locale", ["km", "ja"])
def test_every_download_speaks_the_readers_language(app, demo, locale):
    names = given_names()
    event_id = demo["event_id"]
    organizer = signed_in(app, demo["organizer"], locale)
    recruiter = signed_in(app, demo["recruiter"], locale)
    role = db.session.scalar(
        sa.select(Role)
        .join(Organization)
        .join(Application)
        .where(Organization.name == demo["recruiter_company"])
        .group_by(Role.id)
        .order_by(sa.func.count(Application.id).desc(), Role.id)
    )
    urls = [
        (organizer, f"/organizer/events/{event_id}/statistics.{kind}") for kind in ("csv", "xlsx")
    ]
    urls += [
        (organizer, f"/organizer/events/{event_id}/candidates-anonymised.{kind}")
        for kind in ("csv", "xlsx")
    ]
    urls += [
        (recruiter, f"/employer/roles/{role.id}/export/{sheet}.{kind}?section=everyone")
        for sheet in ("shortlist", "pipeline")
        for kind in ("csv", "xlsx")
    ]
    # The same exports made as jobs (a national fair's way): the job speaks its starter's language.
    for choice in ("statistics.xlsx", "anonymised.csv"):
        started = organizer.post(f"/organizer/events/{event_id}/exports", data={"export": choice})
        urls.append((organizer, started.headers["Location"] + "/file#" + choice))
    found = {}
    for client, url in urls:
        kind = url.split("?")[0].rsplit(".", 1)[1]
        text = cells(download(client, url.split("#")[0]), kind)
        text = ROW_KEY.sub(" ", text)  # the anonymised list's random keys
        assert text.count("\n") > 1, url  # rows, not only a header
        words = unexpected_words(text, names)
        if words:
            found[url] = sorted(set(words))
    assert not found, "\n".join(f"{url}: {words}" for url, words in found.items())
