"""Organizers' offers and hires per exhibitor, role and programme: the page and the export
equal direct counts, and the export neutralises a formula in a company's or role's name."""

import io
from datetime import timedelta

import sqlalchemy as sa
from openpyxl import load_workbook

from jobfair.employers import applications, offers
from jobfair.extensions import db
from jobfair.models import Application, Offer, Role
from jobfair.organizers import offer_statistics
from tests.conftest import PASSWORD


def offered(fair, role, profile, recruiter, *, answer=None, hire=False, withdraw=False):
    """A candidate taken to an offer for `role`, answered, hired or withdrawn as asked."""
    application = Application(role=role, candidate=profile, status="interviewed")
    db.session.add(application)
    db.session.flush()
    offer = offers.make_offer(
        application,
        recruiter,
        salary=350 if role.currency == "USD" else 230000,
        currency=role.currency,
        starts_on=fair.event.starts_on + timedelta(days=60),
    )
    if withdraw:
        offers.withdraw_offer(offer, recruiter)
    if answer:
        offer.status = answer
    if hire:
        applications.change_status(application, "hired", recruiter)
    return offer


def build(fair, seed_candidates):
    people = [u.profile for u in seed_candidates(fair.event, n=6)]
    fair.other_company.name = '=HYPERLINK("http://evil.example","x")'
    local = Role(
        event=fair.event, organization=fair.company, title="+Line leader", sector="automotive",
        location="Phnom Penh", program="local", currency="USD",
    )  # fmt: skip
    db.session.add(local)
    fair.role.currency = "JPY"
    offered(fair, fair.role, people[0], fair.recruiter, answer="accepted", hire=True)
    offered(fair, fair.role, people[1], fair.recruiter, answer="accepted")
    offered(fair, fair.role, people[2], fair.recruiter)  # pending
    offered(fair, local, people[3], fair.recruiter, answer="declined")
    offered(fair, local, people[4], fair.recruiter, withdraw=True)
    offered(fair, fair.other_role, people[5], fair.other_recruiter, answer="accepted", hire=True)
    db.session.commit()


def direct(*where) -> int:
    return db.session.scalar(sa.select(sa.func.count(Offer.id)).join(Offer.role).where(*where))


def test_the_figures_equal_direct_counts(fair, seed_candidates):
    build(fair, seed_candidates)
    figures = offer_statistics.compute(fair.event)
    by_company = {row["organization"]: row for row in figures["exhibitors"]}
    sakura = by_company["Sakura Kogyo"]
    of_sakura = Role.organization_id == fair.company.id
    assert sakura["offers"] == direct(of_sakura) == 5
    for status in ("accepted", "declined", "pending", "withdrawn"):
        assert sakura[status] == direct(of_sakura, Offer.status == status), status
    assert sakura["hired"] == 1
    by_programme = {row["program"]: row for row in figures["programmes"]}
    assert (by_programme["ssw"]["offers"], by_programme["ssw"]["hired"]) == (3, 1)
    assert by_programme["local"]["offers"] == 3  # the Cambodian role and the other company's
    assert by_programme["local"]["hired"] == 1
    assert figures["totals"]["offers"] == direct() == 6
    assert sum(row["offers"] for row in figures["roles"]) == 6


def test_the_page_and_the_export_show_them_neutralised(app, fair, seed_candidates):
    build(fair, seed_candidates)
    client = app.test_client()
    client.post("/auth/login", data={"identifier": fair.organizer.email, "password": PASSWORD})
    page = client.get(f"/organizer/events/{fair.event.id}").get_data(as_text=True)
    assert 'id="offers-by-exhibitor"' in page and 'id="offers-by-programme"' in page
    response = client.get(f"/organizer/events/{fair.event.id}/statistics.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    rows = list(workbook["Offers by exhibitor"].iter_rows(values_only=True))
    assert rows[0] == (
        "Company", "Offers made", "Accepted", "Declined", "Waiting for the answer",
        "Withdrawn", "Hired",
    )  # fmt: skip
    named = {row[0]: row[1:] for row in rows[1:]}
    assert named["Sakura Kogyo"] == (5, 2, 1, 1, 1, 1)
    assert named['\'=HYPERLINK("http://evil.example","x")'] == (1, 1, 0, 0, 0, 1)
    roles = {row[0]: row for row in workbook["Offers by role"].iter_rows(values_only=True)}
    assert "'+Line leader" in roles and roles["'+Line leader"][2] == "Job in Cambodia"
    sheet = workbook["Offers by programme"]
    programmes = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    assert programmes["Specified Skilled Worker (Japan)"] == 3
    text = client.get(f"/organizer/events/{fair.event.id}/statistics.csv").data.decode("utf-8-sig")
    assert "Offers by role" in text and ",=HYPERLINK" not in text and ",+Line" not in text
