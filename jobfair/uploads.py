"""Uploaded files: checked by content, stored outside static/ under random names.

A PDF must start with the PDF signature and parse; a DOCX must be a zip archive with a
Word document inside, within limits on member count and unpacked size (zip bombs), and
parse. Anything else is refused before it touches the disk.

A file belongs to the database's unit of work: it is written after its row was flushed
(so a row the database refuses never leaves a file), removed again if the transaction
rolls back, and the file it replaces is removed only once the commit succeeded.
`remove_orphans` (`flask clean-uploads`, and at server start) deletes files no row names.
"""

import io
import os
import secrets
import time
import zipfile

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session
from werkzeug.utils import secure_filename

MAX_CV_BYTES = 5 * 1024 * 1024
MAX_DOCX_MEMBERS = 500
MAX_DOCX_UNPACKED = 30 * 1024 * 1024
MAX_TEXT = 20_000
CONTROLS = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r")


class UploadError(Exception):
    """A file we will not keep; the message says why, for the person who sent it."""


def upload_root() -> str:
    """The folder holding cv/ and logos/ (UPLOAD_FOLDER, else instance/uploads)."""
    return current_app.config.get("UPLOAD_FOLDER") or os.path.join(
        current_app.instance_path, "uploads"
    )


def upload_folder() -> str:
    path = os.path.join(upload_root(), "cv")
    os.makedirs(path, mode=0o700, exist_ok=True)
    return path


def cv_file(name: str) -> str:
    # Names are ours (hex + extension); refuse anything else so no path can escape.
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError("bad stored file name")
    return os.path.join(upload_folder(), name)


def existing_cv_path(name: str | None) -> str | None:
    """The stored CV's path, or None when there is none (or its file has gone)."""
    if not name:
        return None
    path = cv_file(name)
    return path if os.path.exists(path) else None


def cv_download_name(original: str | None, path: str) -> str:
    """An ASCII file name for the header; the candidate's own name may be in any script."""
    extension = path.rsplit(".", 1)[-1]
    name = secure_filename(original or "") or f"cv.{extension}"
    return name if name.endswith(f".{extension}") else f"{name}.{extension}"


def read_cv(data: bytes) -> tuple[str, str]:
    """(kind, text) for an acceptable CV, or UploadError."""
    if not data:
        raise UploadError(_l("The file is empty."))
    if len(data) > MAX_CV_BYTES:
        raise UploadError(_l("The file is larger than 5 MB."))
    if data.startswith(b"%PDF-"):
        return "pdf", _pdf_text(data)
    if data.startswith(b"PK\x03\x04"):
        return "docx", _docx_text(data)
    raise UploadError(_l("Please upload a PDF or a Word (.docx) file."))


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        parts = []
        for page in reader.pages[:20]:
            parts.append(page.extract_text() or "")
            if sum(len(p) for p in parts) > MAX_TEXT:
                break
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise UploadError(
            _l("This PDF could not be read. Please save it again and retry.")
        ) from None
    # Some fonts' maps give a NUL before each character; PostgreSQL refuses NUL in text.
    text = " ".join(parts).translate(CONTROLS)
    return " ".join(text.split())[:MAX_TEXT]


def _docx_text(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except zipfile.BadZipFile:
        raise UploadError(_l("Please upload a PDF or a Word (.docx) file.")) from None
    if len(members) > MAX_DOCX_MEMBERS or sum(m.file_size for m in members) > MAX_DOCX_UNPACKED:
        raise UploadError(_l("This Word file is too large inside. Please save it as PDF."))
    if "word/document.xml" not in archive.namelist():
        raise UploadError(_l("Please upload a PDF or a Word (.docx) file."))
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx raises many kinds for broken files
        raise UploadError(
            _l("This Word file could not be read. Please save it again and retry.")
        ) from None
    text = " ".join(p.text for p in document.paragraphs)
    return " ".join(text.split())[:MAX_TEXT]


def new_cv_name(kind: str) -> str:
    return f"{secrets.token_hex(16)}.{kind}"


def store_cv(data: bytes, name: str) -> str:
    """Write the file under its new random name, in the session's unit of work."""
    path = cv_file(name)
    write_in_unit_of_work(path, data)
    return name


def delete_cv(name: str) -> None:
    """Remove a CV file once the current transaction commits."""
    try:
        delete_after_commit(cv_file(name))
    except ValueError:
        pass


# --- floor-plan images ------------------------------------------------------------------

MAX_FLOOR_IMAGE_BYTES = 5 * 1024 * 1024
MAX_FLOOR_IMAGE_PIXELS = 40_000_000
FLOOR_IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}


def floor_image_kind(data: bytes) -> str | None:
    """png, jpeg or webp by the file's signature; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def read_floor_image(data: bytes) -> tuple[str, int, int]:
    """(kind, width, height) of an acceptable floor-plan image, or UploadError: a PNG, JPEG
    or WebP by its signature and by Pillow, at most 5 MB and 40 million pixels."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    if not data:
        raise UploadError(_l("The file is empty."))
    if len(data) > MAX_FLOOR_IMAGE_BYTES:
        raise UploadError(_l("The image is larger than 5 MB."))
    kind = floor_image_kind(data)
    if kind is None:
        raise UploadError(_l("Please upload the floor plan as a PNG, JPEG or WebP image."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                found, (width, height) = image.format, image.size
                image.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UploadError(_l("The image has too many pixels (at most 40 million).")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UploadError(_l("This image could not be read. Please save it again.")) from None
    if found.lower() != kind or width < 1 or height < 1:
        raise UploadError(_l("This image could not be read. Please save it again."))
    if width * height > MAX_FLOOR_IMAGE_PIXELS:
        raise UploadError(_l("The image has too many pixels (at most 40 million)."))
    return kind, width, height


def floor_file(name: str) -> str:
    """The stored floor-plan image's path (names are ours: hex and an extension)."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError("bad stored file name")
    folder = os.path.join(upload_root(), "floor")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    return os.path.join(folder, name)


def store_floor_image(data: bytes, kind: str) -> str:
    """Write the image under a new random name, in the session's unit of work; its name."""
    name = f"{secrets.token_hex(16)}.{kind}"
    write_in_unit_of_work(floor_file(name), data)
    return name


def delete_floor_image(name: str | None) -> None:
    """Remove a floor-plan image once the current transaction commits."""
    if name:
        delete_after_commit(floor_file(name))


# --- files in the database's unit of work ------------------------------------------------

_NEW, _OLD = "jobfair_new_files", "jobfair_old_files"


def write_in_unit_of_work(path: str, data: bytes) -> None:
    """Write a new file that is removed again unless the session's transaction commits."""
    from .extensions import db

    session = db.session()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    session.info.setdefault(_NEW, []).append(path)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def delete_after_commit(path: str) -> None:
    from .extensions import db

    db.session().info.setdefault(_OLD, []).append(path)


def _unlink_all(paths) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


@sa.event.listens_for(Session, "after_commit")
def _files_committed(session) -> None:
    session.info.pop(_NEW, None)
    _unlink_all(session.info.pop(_OLD, ()))


@sa.event.listens_for(Session, "after_transaction_end")
def _files_abandoned(session, transaction) -> None:
    # Still listed after the outermost transaction ended: it was not committed.
    if transaction.parent is None:
        _unlink_all(session.info.pop(_NEW, ()))
        session.info.pop(_OLD, None)


# --- orphans -----------------------------------------------------------------------------


def remove_orphans(*, older_than: float = 3600) -> list[str]:
    """Delete stored CVs, logos, floor plans and rirekisho photos that no row names, left
    older than `older_than` seconds.

    Files younger than that may belong to a request still in flight; they are kept.
    Returns the paths removed.
    """
    from .extensions import db
    from .models import CandidateProfile, FloorPlan, Organization, Rirekisho

    named = (
        set(db.session.scalars(sa.select(CandidateProfile.cv_filename)))
        | set(db.session.scalars(sa.select(Organization.logo_filename)))
        | set(db.session.scalars(sa.select(FloorPlan.image_filename)))
        | set(db.session.scalars(sa.select(Rirekisho.photo_filename)))
    )
    cutoff = time.time() - older_than
    removed = []
    for sub in ("cv", "logos", "floor", "rirekisho"):
        folder = os.path.join(upload_root(), sub)
        if not os.path.isdir(folder):
            continue
        for entry in os.scandir(folder):
            if entry.is_file() and entry.name not in named and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(entry.path)
    return removed
