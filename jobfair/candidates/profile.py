"""A candidate's profile and consent: plain functions on models; the caller commits."""

import os
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .. import photos, uploads
from ..extensions import db
from ..fields import without_controls
from ..models import CandidateProfile, Job
from ..models.audit import record_audit
from ..models.base import utcnow
from . import cv_reading

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
    before = {r.get("language"): r for r in profile.languages or []}
    for name, value in fields.items():
        if name not in PROFILE_FIELDS:
            raise TypeError(f"not a profile field: {name}")
        setattr(profile, name, value)
    if "languages" in fields:
        profile.languages = _keeping_certificate_dates(profile.languages, before)
    profile.updated_at = utcnow()
    return profile


def _keeping_certificate_dates(records: list[dict], before: dict) -> list[dict]:
    """A level saved again unchanged keeps the day its certificate was issued (recorded on
    the tests page; the profile form has no place for it)."""
    kept = []
    for record in records:
        old = before.get(record.get("language")) or {}
        same = (old.get("test"), old.get("level")) == (record.get("test"), record.get("level"))
        if same and old.get("certified_on") and not record.get("certified_on"):
            record = {**record, "certified_on": old["certified_on"]}
        kept.append(record)
    return kept


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


def replace_cv(profile: CandidateProfile, files: list[tuple[bytes, str | None]]) -> "CvUpload":
    """Check and store a new CV: one PDF or Word file, or photos of its pages (one PDF).

    Raises `uploads.UploadError` (nothing stored) when the files are not an acceptable CV.
    A PDF's or Word file's text is read at once; photos' text is read afterwards, by a job
    started here (`cv_reading.start_reading`) and delivered once the caller commits.
    The row is flushed before the file is written, and the file follows the transaction:
    kept if the caller commits, removed on rollback; the old file goes after the commit.
    """
    if not files:
        raise uploads.UploadError(_l("Please choose a file."))
    first, first_name = files[0]
    pages = []
    kinds = {photos.is_photo(data) for data, _name in files}
    if len(files) > 1 and kinds != {True}:
        raise uploads.UploadError(_l("Send one PDF or Word file, or photos of the pages."))
    if kinds == {True}:
        if len(files) > photos.MAX_PHOTOS:
            raise uploads.UploadError(_l("Send at most 6 photos, one per page."))
        if cv_reading.queue_is_full():
            raise uploads.UploadError(cv_reading.QUEUE_FULL)
        pages = photos.read_photos([data for data, _name in files])
        data, kind, text = photos.pages_to_pdf(pages), "pdf", ""
        original = f"{os.path.splitext(first_name or 'cv')[0]}.pdf"
    else:
        kind, text = uploads.read_cv(first)
        data, original = first, first_name or f"cv.{kind}"
    old = profile.cv_filename
    name = uploads.new_cv_name(kind)
    profile.cv_filename = name
    profile.cv_original_name = (without_controls(original or "").strip() or f"cv.{kind}")[-200:]
    profile.cv_text = text
    profile.cv_read_started_at = None
    profile.updated_at = utcnow()
    db.session.flush()
    uploads.store_cv(data, name)
    if old:
        uploads.delete_cv(old)
    reading = cv_reading.start_reading(profile) if pages else None
    return CvUpload(old_filename=old, reading=reading)


@dataclass
class CvUpload:
    """What became of the upload: the file it replaced, and the job reading its photos."""

    old_filename: str | None
    reading: Job | None = None
