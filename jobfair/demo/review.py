"""Saved shortlist views for the demo companies, named as their recruiters would name them."""

import random

from ..extensions import db
from ..models import Organization, SavedView, User

# (name, what the view keeps), in the language the company's recruiters write in.
VIEWS = {
    "JP": [
        ("面接前の候補者（表）", {"status": ["shortlisted", "invited"], "view": "table"}),
        ("本日来場・適合順", {"checked_in": "y", "section": "everyone", "view": "table"}),
    ],
    "KH": [
        ("បេក្ខជនក្នុងបញ្ជីជម្រើស", {"status": ["shortlisted"], "view": "table"}),
        ("Everyone who came today", {"attended": "y", "section": "everyone", "view": "table"}),
    ],
}
COLUMN_SETS = [
    ["rank", "name", "fit", "japanese", "education", "experience", "status"],
    ["rank", "name", "fit", "japanese", "languages", "skills", "location", "status", "applied"],
    ["rank", "name", "fit", "skills", "status"],
]


def add_saved_views(organizations: list[Organization], recruiters: list[User], seed) -> None:
    """Each company's recruiter saves one or two views of the shortlist; the caller commits."""
    rng = random.Random(f"{seed}-review")
    for organization, recruiter in zip(organizations, recruiters):
        views = VIEWS.get(organization.country, VIEWS["KH"])
        for name, params in views[: rng.choice([1, 2])]:
            db.session.add(
                SavedView(
                    organization=organization,
                    created_by=recruiter,
                    name=name,
                    params={**params, "col": rng.choice(COLUMN_SETS)},
                )
            )
