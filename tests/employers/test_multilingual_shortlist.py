"""A Japanese firm posts in Japanese; candidates wrote in English, Khmer or Japanese: the
shortlist still puts the qualified welders first, whatever language each one used."""

import re
from datetime import UTC, datetime

import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import Registration, Role, UserRole

# (name, headline, skills, Japanese level): welders in three languages and other trades.
PEOPLE = [
    ("Sok Welder N4", "Welder", ["welding", "grinding"], "N4"),
    ("Dara Welder N3", "welder", ["MIG welding", "welding"], "N3"),
    ("Vanna Khmer Welder", "ជាងផ្សារដែក", ["ផ្សារដែក"], "N4"),
    ("Kenji Style Welder", "溶接工", ["溶接", "研削"], "N2"),
    ("Rith Welder JFT", "Welder", ["welding"], "JFT-Basic A2"),
    ("Mony Welder N5", "Welder", ["welding"], "N5"),
    ("Chea Welder none", "Welder", ["welding"], None),
    ("Bopha Operator", "Machine operator", ["machine operation", "CNC operation"], "N4"),
    ("Srey Operator", "Machine operator", ["machine operation", "quality inspection"], "N3"),
    ("Lina Cook", "Cook", ["cooking", "food hygiene"], "N4"),
    ("Nary Carer", "Care worker", ["elderly care"], "N3"),
    ("Piseth Driver", "Truck driver", ["driving", "forklift"], "N4"),
    ("Sophea Sewing", "Sewing machine operator", ["sewing"], "N4"),
]
WELDERS_WITH_N4 = {"Sok Welder N4", "Dara Welder N3", "Vanna Khmer Welder", "Kenji Style Welder",
                   "Rith Welder JFT"}  # fmt: skip


def test_a_role_posted_in_japanese_shortlists_the_qualified_welders(
    client, auth, fair, create_user
):
    for name, headline, skills, japanese in PEOPLE:
        languages = ["Khmer native"] + ([f"Japanese {japanese}"] if japanese else [])
        user = create_user(
            UserRole.CANDIDATE,
            profile={
                "full_name": name,
                "headline": headline,
                "skills": skills,
                "languages": languages,
                "education_level": "upper_secondary",
                "consent_version": "2026-01",
                "consent_at": datetime.now(UTC),
            },
        )
        db.session.add(Registration(event=fair.event, candidate=user.profile))
    db.session.commit()
    auth.login(fair.recruiter.email)
    response = client.post(
        "/employer/roles/new",
        data={
            "event_id": str(fair.event.id),
            "title": "溶接工（JLPT N4）大阪",
            "description": "自動車部品の溶接作業。",
            "sector": "automotive",
            "location": "Japan - Osaka",
            "program": "ssw",
            "ssw_field": "industrial_manufacturing",
            "headcount": "3",
            "currency": "JPY",
            "required_skills": "溶接",
            "languages-0-language": "Japanese",
            "languages-0-level": "N4",
            "languages-0-must": "y",
            "min_education": "none",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    role = db.session.scalar(sa.select(Role).where(Role.title == "溶接工（JLPT N4）大阪"))
    page = client.get(f"/employer/roles/{role.id}/shortlist").get_data(as_text=True)
    names = re.findall(r'<strong class="name">(?:<a [^>]*>)?([^<]+)<', page)
    welders = WELDERS_WITH_N4 | {"Chan Dara"}  # the fixture's own welder (skills only, N4)
    assert len(names) >= 5 and set(names[:5]) <= welders, names
    assert "Vanna Khmer Welder" in names[:5]
    # The Japanese skill reads as the candidates' own, in any language.
    first = page.index("Vanna Khmer Welder")
    assert "✓ welding" in page[first : page.index("</li>", first)]
    # One level short of the must-have: shown apart, not among the qualified.
    assert "Mony Welder N5" not in names and "Chea Welder none" not in names
    almost = client.get(f"/employer/roles/{role.id}/shortlist?section=almost")
    assert "Mony Welder N5" in almost.get_data(as_text=True)
