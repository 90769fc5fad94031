"""The company: its events and booths, its profile and logo."""

import uuid
from pathlib import Path

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import contains_eager

from .. import access, uploads
from ..extensions import db
from ..models import (
    Event,
    Exhibitor,
    Organization,
)
from .errors import RecruitingError

LOGO_MAX_BYTES = 1024 * 1024


def exhibitor_records(organization: Organization) -> list[Exhibitor]:
    """Every event the company takes part in, newest first, with status and booth."""
    return list(
        db.session.scalars(
            sa.select(Exhibitor)
            .join(Event)
            .where(Exhibitor.organization_id == organization.id)
            .options(contains_eager(Exhibitor.event))
            .order_by(Event.starts_on.desc())
        )
    )


def approved_events(organization: Organization) -> list[Event]:
    """Events the company may post roles for: where its exhibitor entry is approved."""
    return [e.event for e in exhibitor_records(organization) if access.is_in_fair(e)]


def update_company(organization: Organization, **fields) -> Organization:
    for name in ("name", "country", "sector", "description", "website"):
        if name in fields:
            setattr(organization, name, fields[name])
    return organization


def logo_kind(data: bytes) -> str | None:
    """'png' or 'jpg' judged by the bytes themselves, never by the file name."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return "png"
    if data.startswith(b"\xff\xd8\xff") and data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return "jpg"
    return None


def logo_folder() -> Path:
    folder = Path(uploads.upload_root()) / "logos"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_logo(organization: Organization, data: bytes) -> str:
    """Store a PNG or JPEG logo under instance/ with a random name; drop the old one.

    The file follows the transaction (see `uploads`): the caller's commit keeps it and
    removes the old logo, a rollback removes it.
    """
    if len(data) > LOGO_MAX_BYTES:
        raise RecruitingError(_l("The logo is too large: at most 1 MB."))
    kind = logo_kind(data)
    if kind is None:
        raise RecruitingError(_l("The logo must be a PNG or JPEG image."))
    folder = logo_folder()
    filename = f"{uuid.uuid4().hex}.{kind}"
    old = organization.logo_filename
    organization.logo_filename = filename
    db.session.flush()
    uploads.write_in_unit_of_work(str(folder / filename), data)
    if old and "/" not in old:
        uploads.delete_after_commit(str(folder / old))
    return filename
