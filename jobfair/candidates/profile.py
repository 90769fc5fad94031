"""A candidate's profile and consent: plain functions on models; the caller commits."""

import os

from .. import uploads
from ..extensions import db
from ..fields import without_controls
from ..models import (
    CandidateProfile,
)
from ..models.audit import record_audit
from ..models.base import utcnow

# Bumped whenever the consent text changes; each candidate's consent records the version.
CONSENT_VERSION = "2026-01"

PROFILE_FIELDS = (
    "full_name", "name_khmer", "gender", "birth_year", "province", "headline",
    "education_level", "education_field", "experience", "past_jobs", "skills", "languages",
    "wanted_sectors", "wanted_locations", "programs",
)  # fmt: skip


class CandidateError(Exception):
    """A request the rules do not allow; the message is shown to the candidate."""


def update_profile(profile: CandidateProfile, **fields) -> CandidateProfile:
    """Set the given profile fields; unknown names are a programming error."""
    for name, value in fields.items():
        if name not in PROFILE_FIELDS:
            raise TypeError(f"not a profile field: {name}")
        setattr(profile, name, value)
    profile.updated_at = utcnow()
    return profile


def give_consent(profile: CandidateProfile, *, share_contact: bool) -> None:
    profile.consent_version = CONSENT_VERSION
    profile.consent_at = utcnow()
    profile.share_contact = share_contact
    profile.updated_at = utcnow()


def withdraw_consent(profile: CandidateProfile) -> None:
    """Exhibitors stop seeing the profile at once; rankings drop it on their next look."""
    profile.consent_version = None
    profile.consent_at = None
    profile.share_contact = False
    profile.updated_at = utcnow()
    record_audit(profile.user, "consent_withdrawn", profile)


def cv_path(profile: CandidateProfile) -> str | None:
    if not profile.cv_filename:
        return None
    path = uploads.cv_file(profile.cv_filename)
    return path if os.path.exists(path) else None


def replace_cv(profile: CandidateProfile, data: bytes, original_name: str | None) -> str | None:
    """Check and store a new CV and its text; returns the old file's name.

    Raises `uploads.UploadError` (nothing stored) when the file is not an acceptable CV.
    The row is flushed before the file is written, and the file follows the transaction:
    kept if the caller commits, removed on rollback; the old file goes after the commit.
    """
    kind, text = uploads.read_cv(data)
    old = profile.cv_filename
    name = uploads.new_cv_name(kind)
    profile.cv_filename = name
    profile.cv_original_name = (without_controls(original_name or "").strip() or f"cv.{kind}")[
        -200:
    ]
    profile.cv_text = text
    profile.updated_at = utcnow()
    db.session.flush()
    uploads.store_cv(data, name)
    if old:
        uploads.delete_cv(old)
    return old
