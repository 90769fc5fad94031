"""CV files: checked by content, stored outside static/ under random names, text extracted.

A PDF must start with the PDF signature and parse; a DOCX must be a zip archive with a
Word document inside, within limits on member count and unpacked size (zip bombs), and
parse. Anything else is refused before it touches the disk.
"""

import io
import os
import secrets
import zipfile

from flask import current_app
from flask_babel import lazy_gettext as _l

MAX_CV_BYTES = 5 * 1024 * 1024
MAX_DOCX_MEMBERS = 500
MAX_DOCX_UNPACKED = 30 * 1024 * 1024
MAX_TEXT = 20_000


class UploadError(Exception):
    """A file we will not keep; the message says why, for the person who sent it."""


def upload_folder() -> str:
    folder = current_app.config.get("UPLOAD_FOLDER") or os.path.join(
        current_app.instance_path, "uploads"
    )
    path = os.path.join(folder, "cv")
    os.makedirs(path, mode=0o700, exist_ok=True)
    return path


def cv_file(name: str) -> str:
    # Names are ours (hex + extension); refuse anything else so no path can escape.
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError("bad stored file name")
    return os.path.join(upload_folder(), name)


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
    return " ".join(" ".join(parts).split())[:MAX_TEXT]


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


def store_cv(data: bytes, kind: str) -> str:
    """Write the file under a new random name; returns the name."""
    name = f"{secrets.token_hex(16)}.{kind}"
    descriptor = os.open(cv_file(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return name


def delete_cv(name: str) -> None:
    try:
        os.unlink(cv_file(name))
    except (FileNotFoundError, ValueError):
        pass
