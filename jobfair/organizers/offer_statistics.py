"""Offers (内定) and hires of one event, per exhibitor, per role and per programme: the
organizers' dashboard and the statistics export read the same figures.

Two grouped queries (offers by role and status, hires by role); the roll-ups to companies
and programmes are sums of the role rows.
"""

from collections import Counter

import sqlalchemy as sa
from flask_babel import gettext as _

from .. import exports, labels
from ..extensions import db
from ..models import Application, ApplicationStatus, Event, Offer, Organization, Role

# The figures of a row, in the order the page and the export show them.
MEASURES = ("offers", "accepted", "declined", "pending", "withdrawn", "hired")


def _empty() -> Counter:
    return Counter(dict.fromkeys(MEASURES, 0))


def compute(event: Event) -> dict:
    """{"roles": [...], "exhibitors": [...], "programmes": [...]}: each a list of dicts with
    the row's name and its MEASURES, only rows with an offer or a hire; plus "totals"."""
    by_role: dict[int, Counter] = {}
    for role_id, status, count in db.session.execute(
        sa.select(Offer.role_id, Offer.status, sa.func.count(Offer.id))
        .join(Role, Role.id == Offer.role_id)
        .where(Role.event_id == event.id)
        .group_by(Offer.role_id, Offer.status)
    ):
        row = by_role.setdefault(role_id, _empty())
        row["offers"] += count
        row[status] += count
    for role_id, count in db.session.execute(
        sa.select(Application.role_id, sa.func.count(Application.id))
        .join(Role, Role.id == Application.role_id)
        .where(Role.event_id == event.id, Application.status == ApplicationStatus.HIRED)
        .group_by(Application.role_id)
    ):
        by_role.setdefault(role_id, _empty())["hired"] += count
    roles = db.session.execute(
        sa.select(Role.id, Role.title, Role.program, Organization.name)
        .join(Organization, Organization.id == Role.organization_id)
        .where(Role.id.in_(list(by_role)))
        .order_by(Organization.name, Role.title, Role.id)
    ).all()
    role_rows, companies, programmes, totals = [], {}, {}, _empty()
    for role_id, title, program, company in roles:
        counts = by_role[role_id]
        role_rows.append({"role": title, "organization": company, "program": program, **counts})
        companies.setdefault(company, _empty()).update(counts)
        programmes.setdefault(program, _empty()).update(counts)
        totals.update(counts)
    return {
        "roles": role_rows,
        "exhibitors": [{"organization": n, **c} for n, c in sorted(companies.items())],
        "programmes": [
            {"program": p, **programmes[p]} for p in labels.PROGRAM_LABELS if p in programmes
        ],
        "totals": dict(totals),
    }


def headers() -> list[str]:
    """The measures' column names, in the reader's language."""
    return [
        _("Offers made"), _("Accepted"), _("Declined"), _("Waiting for the answer"),
        _("Withdrawn"), _("Hired"),
    ]  # fmt: skip


def programme_label(code: str) -> str:
    return str(labels.PROGRAM_LABELS.get(code, code))


def counts(row: dict) -> list[int]:
    return [row[measure] for measure in MEASURES]


def sheets(figures: dict) -> list[exports.Sheet]:
    """The three tables as export sheets (cells pass the one writer, `exports`)."""
    return [
        exports.Sheet(
            _("Offers by exhibitor"),
            [_("Company"), *headers()],
            [[row["organization"], *counts(row)] for row in figures["exhibitors"]],
        ),
        exports.Sheet(
            _("Offers by role"),
            [_("Role"), _("Company"), _("Programme"), *headers()],
            [
                [row["role"], row["organization"], programme_label(row["program"]), *counts(row)]
                for row in figures["roles"]
            ],
        ),
        exports.Sheet(
            _("Offers by programme"),
            [_("Programme"), *headers()],
            [[programme_label(row["program"]), *counts(row)] for row in figures["programmes"]],
        ),
    ]
