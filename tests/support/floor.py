"""A small fair for the floor map tests: three companies with booths, roles, another event."""

from jobfair.extensions import db
from jobfair.models import Exhibitor, Role


def make_hall(create_event, create_organization) -> dict:
    """Three approved exhibitors with booths A01-A03 and a role each, a withdrawn one with
    booth A09, and another event's exhibitor."""
    event = create_event(name="Hall Fair")
    other_event = create_event(name="Other Fair")
    names = ("Mekong Apparel Co., Ltd.", "ក្រុមហ៊ុន អង្គរ", "三河オート部品", "Gone Ltd.")
    companies = [create_organization(name=name) for name in names]
    exhibitors = [
        Exhibitor(event=event, organization=company, status="approved", booth_code=f"A0{n}")
        for n, company in enumerate(companies[:3], start=1)
    ]
    withdrawn = Exhibitor(
        event=event, organization=companies[3], status="withdrawn", booth_code="A09"
    )
    stranger = Exhibitor(
        event=other_event, organization=companies[0], status="approved", booth_code="Z01"
    )
    roles = [
        Role(
            event=event,
            organization=company,
            title=title,
            sector="manufacturing",
            location="Phnom Penh",
            program="local",
            required_skills=["sewing"],
            description="Work at the factory.",
        )
        for company, title in zip(companies[:3], ("Sewer", "Welder", "Driver"), strict=True)
    ]
    db.session.add_all([*exhibitors, withdrawn, stranger, *roles])
    db.session.commit()
    return {
        "event": event,
        "other_event": other_event,
        "exhibitors": exhibitors,
        "withdrawn": withdrawn,
        "stranger": stranger,
        "roles": roles,
    }


def png_bytes(width: int = 400, height: int = 300) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()
