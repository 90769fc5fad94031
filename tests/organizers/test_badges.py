"""Badge sheets: rendered to images with pdftoppm and read back (QR codes decode, fonts
embedded); the PNGs are kept under test-artifacts/ for people to look at."""

import subprocess

import pytest
import sqlalchemy as sa
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from jobfair.extensions import db
from jobfair.models import Exhibitor, ExhibitorStatus, Job, Registration, UserRole
from jobfair.organizers import badges
from tests.conftest import ARTIFACTS, PASSWORD


@pytest.fixture
def people(create_user, create_event, create_organization):
    event = create_event(name="Cambodia–Japan Job Fair")
    company = create_organization(name="株式会社さくら工業")
    db.session.add(
        Exhibitor(
            event=event, organization=company, status=ExhibitorStatus.APPROVED, booth_code="A01"
        )
    )
    create_user(UserRole.EMPLOYER, display_name="田中 由美", organization=company)
    khmer = create_user(
        display_name="Sok Sreypov", profile={"full_name": "Sok Sreypov", "name_khmer": "សុខ ស្រីពៅ"}
    )
    japanese = create_user(display_name="佐藤 健", profile={"full_name": "佐藤 健"})
    walk_in = create_user(display_name="Chan Dara", profile={"full_name": "Chan Dara"})
    tickets = [
        Registration(event_id=event.id, candidate_id=khmer.profile.id),
        Registration(event_id=event.id, candidate_id=japanese.profile.id),
        Registration(event_id=event.id, candidate_id=walk_in.profile.id, source="walk_in"),
    ]
    db.session.add_all(tickets)
    db.session.commit()
    return event, tickets


def render(pdf: bytes, name: str) -> Image.Image:
    folder = ARTIFACTS / "badges"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-png",
            "-singlefile",
            str(folder / f"{name}.pdf"),
            str(folder / name),
        ],
        check=True,
    )
    return Image.open(folder / f"{name}.png")


@pytest.mark.parametrize("layout", list(badges.LAYOUTS))
def test_candidate_badges_carry_names_in_their_script_and_a_qr_code_that_decodes(
    app, people, layout
):
    event, tickets = people
    with app.test_request_context():
        pdf = badges.badge_pdf(event, badges.badges_for(event, "candidates"), layout)
    fonts = {
        font["/BaseFont"].split("+")[-1]
        for page in PdfReader(__import__("io").BytesIO(pdf)).pages
        for font in (f.get_object() for f in page["/Resources"]["/Font"].values())
    }
    assert {"KhmerOS", "NotoSansCJKJP"} <= fonts  # both embedded
    image = render(pdf, f"candidates-{layout}")
    decoded = sorted(result.text for result in zxingcpp.read_barcodes(image))
    assert decoded == sorted(t.ticket_token for t in tickets[:2])  # walk-ins are another sheet


def test_staff_and_walk_in_sheets(app, people):
    event, tickets = people
    with app.test_request_context():
        staff = badges.badges_for(event, "staff")
        walk_ins = badges.badges_for(event, "walk_ins")
    assert [(b.name, b.role, b.detail, b.qr) for b in staff] == [
        ("田中 由美", "株式会社さくら工業", "Booth A01", None)
    ]
    assert [(b.name, b.qr) for b in walk_ins] == [("Chan Dara", tickets[2].ticket_token)]
    with app.test_request_context():
        image = render(badges.badge_pdf(event, staff + walk_ins, "a4-8"), "staff-and-walk-ins")
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [tickets[2].ticket_token]


def test_badges_page_makes_the_pdf_as_a_job_for_organizers(app, people, create_user):
    event, tickets = people
    online = sum(1 for ticket in tickets if ticket.source == "online")
    organizer = create_user(UserRole.ORGANIZER)
    client = app.test_client()
    client.post("/auth/login", data={"identifier": organizer.email, "password": PASSWORD})
    url = f"/organizer/events/{event.id}/badges"
    assert client.get(url).status_code == 200
    started = client.post(url, data={"kind": "candidates", "layout": "a4-21"})
    job = db.session.scalars(sa.select(Job)).one()
    assert started.headers["Location"] == f"/jobs/{job.id}"
    # Counted badge by badge, and the summary says how many.
    assert (job.kind, job.status, job.owner_id, job.event_id) == (
        "badges",
        "done",
        organizer.id,
        event.id,
    )
    assert job.done == job.total == online == 2
    page = client.get(started.headers["Location"]).get_data(as_text=True)
    assert "Badge sheets: 2 of 2" in page and "2 badges" in page
    response = client.get(f"/jobs/{job.id}/file")
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert response.headers["Cache-Control"] == "no-store"
    assert f"badges-{event.id}-candidates.pdf" in response.headers["Content-Disposition"]
    response.close()
    # The badges page links to the organizer's recent badge jobs.
    assert f'href="/jobs/{job.id}"' in client.get(url).get_data(as_text=True)
    assert client.post(url, data={"kind": "everyone", "layout": "a4-8"}).status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Job.id))) == 1
