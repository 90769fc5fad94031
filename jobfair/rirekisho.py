"""The candidate's rirekisho: proposed from the profile, edited, confirmed, and who sees it.

Recruiters of a company the candidate applied to open it where the CV opens
(`access.can_download_cv`: in the fair, past blind review, with consent), and only once the
candidate confirmed it. Saving a change clears the confirmation (see
models/rirekisho.py). The photo is re-encoded from its pixels (photos.read_photo), cut to
the form's 3:4 and stored under a random name beside the CVs, in the unit of work.
"""

import io
import os
import secrets
from datetime import date

import sqlalchemy as sa
from flask import Response
from flask_babel import force_locale
from PIL import Image

from . import access, photos, rirekisho_terms, uploads
from .extensions import db
from .labels import PROVINCE_LABELS, SSW_FIELD_LABELS
from .models import CandidateProfile, PassedTest, Rirekisho, User
from .models.base import local_today, utcnow

PHOTO_SIZE = (450, 600)  # 3 × 4 cm at about 380 dpi
TABLES = ("education", "jobs", "licences")
FIELDS = (
    "name_kana", "name_romaji", "birth_date", "gender", "postal_code", "address",
    "address_kana", "phone", "email", "contact", *TABLES, "motivation", "wishes",
)  # fmt: skip
# The usual words for "I follow the company's rules" (本人希望記入欄 left open).
FOLLOW_RULES = "貴社の規定に従います。"


def rirekisho_of(profile: CandidateProfile) -> Rirekisho | None:
    return db.session.scalar(sa.select(Rirekisho).where(Rirekisho.candidate_id == profile.id))


def proposal(profile: CandidateProfile) -> dict:
    """Japanese for what the profile knows, for the candidate to correct before anyone
    sees it. Contact details only if the candidate lets companies see them."""
    tests = db.session.scalars(
        sa.select(PassedTest)
        .where(PassedTest.candidate_id == profile.id)
        .order_by(PassedTest.passed_on, PassedTest.id)
    )
    with force_locale("ja"):
        province = str(PROVINCE_LABELS.get(profile.province, profile.province or ""))
        tested = [
            rirekisho_terms.passed_test_line(
                t.kind, str(SSW_FIELD_LABELS.get(t.field, t.field)), t.passed_on
            )
            for t in tests
        ]
    user = profile.user
    licences = rirekisho_terms.language_licences(profile.languages) + tested
    return {
        "name_kana": rirekisho_terms.katakana(profile.full_name),
        "name_romaji": profile.full_name.upper(),
        "birth_date": None,
        "gender": "",
        "postal_code": "",
        "address": f"カンボジア {province}".strip(),
        "address_kana": "",
        "phone": (user.phone or "") if profile.share_contact else "",
        "email": (user.email or "") if profile.share_contact else "",
        "contact": "",
        "education": [
            line.as_dict()
            for line in rirekisho_terms.education_lines(
                profile.education_level, profile.education_field
            )
        ],
        "jobs": [line.as_dict() for line in rirekisho_terms.job_lines(profile.past_jobs)],
        "licences": [line.as_dict() for line in sorted(licences, key=_by_date)],
        "motivation": "",
        "wishes": FOLLOW_RULES,
    }


def _by_date(line) -> tuple:
    return (line.year or 9999, line.month or 0)


def start(profile: CandidateProfile) -> Rirekisho:
    """The candidate's rirekisho, made from the proposal the first time (not confirmed)."""
    found = rirekisho_of(profile)
    if found is None:
        found = Rirekisho(candidate=profile, **proposal(profile))
        db.session.add(found)
        db.session.flush()
    return found


def save(rirekisho: Rirekisho, values: dict) -> bool:
    """Store the candidate's edits; True if anything changed. A change clears the
    confirmation: recruiters see it again only once the candidate confirms."""
    changed = False
    for name in FIELDS:
        if name in values and getattr(rirekisho, name) != values[name]:
            setattr(rirekisho, name, values[name])
            changed = True
    if changed:
        rirekisho.confirmed_at = None
        rirekisho.updated_at = utcnow()
    return changed


def confirm(rirekisho: Rirekisho) -> None:
    rirekisho.confirmed_at = utcnow()


def may_see(user: User, profile: CandidateProfile) -> Rirekisho | None:
    """The rirekisho this user may open: its owner always; a recruiter of a company the
    candidate applied to, where the CV opens (`access.can_download_cv`), once confirmed."""
    if not user.is_authenticated or not access.can_download_cv(user, profile):
        return None
    found = rirekisho_of(profile)
    if found is None:
        return None
    if user.profile is not None and user.profile.id == profile.id:
        return found
    applied = access.has_applied_to(user.organization_id, profile)
    return found if applied and found.is_confirmed else None


def age(rirekisho: Rirekisho, today: date | None = None) -> int | None:
    return rirekisho_terms.age_on(rirekisho.birth_date, today or local_today())


def pdf_of(rirekisho: Rirekisho) -> bytes:
    """The PDF, dated the day it was confirmed (today for a draft), 満 age on that day."""
    from . import rirekisho_pdf

    day = local_today(now=rirekisho.confirmed_at)
    return rirekisho_pdf.render(
        rirekisho, photo=existing_photo(rirekisho), age=age(rirekisho, day), day=day
    )


def pdf_response(found, *, inline: bool) -> Response:
    """The rirekisho's PDF, never cached (views for candidates and for recruiters)."""
    response = Response(pdf_of(found), mimetype="application/pdf")
    disposition = "inline" if inline else "attachment"
    filename = download_name(found)
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def download_name(rirekisho: Rirekisho) -> str:
    """rirekisho-<name in ASCII letters>.pdf: the header carries no other script."""
    letters = "".join(c if c.isascii() and c.isalnum() else " " for c in rirekisho.name_romaji)
    return f"rirekisho-{'-'.join(letters.lower().split()) or 'candidate'}.pdf"


# --- the photo ---------------------------------------------------------------------------


def photo_file(name: str) -> str:
    """The stored photo's path (names are ours: hex and .jpg)."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError("bad stored file name")
    folder = os.path.join(uploads.upload_root(), "rirekisho")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    return os.path.join(folder, name)


def existing_photo(rirekisho: Rirekisho) -> str | None:
    if not rirekisho.photo_filename:
        return None
    path = photo_file(rirekisho.photo_filename)
    return path if os.path.exists(path) else None


def set_photo(rirekisho: Rirekisho, data: bytes) -> None:
    """Check the photo (photos.read_photo: JPEG or PNG, limits, no scripts), cut it to 3:4
    from the middle, and keep only its pixels; UploadError says why not. Clears the
    confirmation like any other change."""
    image = photos.read_photo(data)
    kept = _three_by_four(image)
    buffer = io.BytesIO()
    kept.save(buffer, format="JPEG", quality=85)
    name = f"{secrets.token_hex(16)}.jpg"
    uploads.write_in_unit_of_work(photo_file(name), buffer.getvalue())
    remove_photo(rirekisho)
    rirekisho.photo_filename = name
    rirekisho.confirmed_at = None


def remove_photo(rirekisho: Rirekisho) -> None:
    """Forget the photo; its file goes once the transaction commits."""
    if rirekisho.photo_filename:
        uploads.delete_after_commit(photo_file(rirekisho.photo_filename))
        rirekisho.photo_filename = None
        rirekisho.confirmed_at = None


def _three_by_four(image: Image.Image) -> Image.Image:
    width, height = image.size
    if width * 4 > height * 3:  # too wide: keep the middle
        new_width = height * 3 // 4
        left = (width - new_width) // 2
        image = image.crop((left, 0, left + new_width, height))
    else:
        new_height = width * 4 // 3
        top = (height - new_height) // 2
        image = image.crop((0, top, width, top + new_height))
    return image.resize(PHOTO_SIZE, Image.Resampling.LANCZOS)


# --- the candidate's rights --------------------------------------------------------------


def values_of(rirekisho: Rirekisho) -> dict:
    """The stored values, as `proposal` gives them."""
    return {name: getattr(rirekisho, name) for name in FIELDS}


def exported(profile: CandidateProfile) -> dict | None:
    """The rirekisho in the candidate's data download."""
    found = rirekisho_of(profile)
    if found is None:
        return None
    data = values_of(found)
    data["birth_date"] = found.birth_date.isoformat() if found.birth_date else None
    data["has_photo"] = bool(found.photo_filename)
    data["confirmed_at"] = found.confirmed_at.isoformat() if found.confirmed_at else None
    return data


def erase(profile: CandidateProfile) -> None:
    """Delete the rirekisho and, once the erasure commits, its photo."""
    found = rirekisho_of(profile)
    if found is not None:
        remove_photo(found)
        db.session.delete(found)
