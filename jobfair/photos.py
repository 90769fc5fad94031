"""CV photos from a phone: checked, turned upright, bounded, joined into one PDF, and read.

A photo must be a real JPEG or PNG (signature, then Pillow decodes it), under the pixel and
byte limits, and carry nothing that looks like a script in its metadata or anywhere in the
file. Pixels are counted from the header before anything is decoded (decompression bombs).
What is kept is re-encoded from the pixels alone, so no metadata (EXIF location, comments)
reaches recruiters.

Text is read with Tesseract (Debian's `tesseract-ocr` with the Khmer, Japanese and English
data). A dense page takes 10–25 s on a 2-core machine, so callers run `read_text` outside
the request (see `candidates.cv_reading`).
"""

import io
import logging
import os
import subprocess
import threading
import warnings

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from .uploads import UploadError

log = logging.getLogger(__name__)

MAX_PHOTOS = 6
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 25_000_000  # a 48-megapixel phone photo is refused; 12–24 MP ones pass
# All photos of one upload together, counted from their headers before any is decoded.
MAX_REQUEST_PIXELS = 60_000_000
# Uploads decoding photos at once in this process (beside the per-account rate limit); a
# further one waits this long for its turn, then is asked to try again.
DECODING_AT_ONCE = 2
DECODE_WAIT_SECONDS = 15
_decoding = threading.BoundedSemaphore(DECODING_AT_ONCE)
MAX_SIDE = 2000  # pixels on the long side, as stored and as read
PDF_RESOLUTION = 150
SIGNATURES = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}
# Things that have no business in a photo: markup or code hidden in metadata.
SUSPICIOUS = (b"<script", b"javascript:", b"<?php", b"<iframe", b"<html", b"<svg", b"onerror=")
OCR_LANGUAGES = "khm+jpn+eng"
NOT_A_CV = _l("Please upload photos as JPEG or PNG, or your CV as PDF or Word.")
TOO_MANY_PIXELS = _l(
    "This photo has too many pixels (at most 25 million). Please take it at a lower resolution."
)
TOO_MANY_PIXELS_IN_ALL = _l(
    "These photos have too many pixels together. Please take them at a lower resolution."
)
BUSY = _l("Many photos are being processed right now. Please try again in a minute.")
OCR_SECONDS_PER_PAGE = 120


def is_photo(data: bytes) -> bool:
    return any(data.startswith(signature) for signature in SIGNATURES)


def photo_size(data: bytes) -> tuple[int, int]:
    """Check a photo's bytes and header, decoding no pixel; its (width, height)."""
    if len(data) > MAX_PHOTO_BYTES:
        raise UploadError(_l("Each photo must be at most 10 MB."))
    expected = next((kind for sig, kind in SIGNATURES.items() if data.startswith(sig)), None)
    if expected is None:
        raise UploadError(NOT_A_CV)
    lowered = data.lower()
    if any(marker in lowered for marker in SUSPICIOUS):
        raise UploadError(
            _l("This photo carries hidden content (a script). Please take the photo again.")
        )
    with _opened(data) as image:  # Image.open reads the header only
        if image.format != expected:
            raise UploadError(_l("This file is not a real photo."))
        width, height = image.size
    if width * height > MAX_PIXELS:
        raise UploadError(TOO_MANY_PIXELS)
    return width, height


def read_photos(files: list[bytes]) -> list[Image.Image]:
    """The photos as upright RGB pages, or UploadError before any is decoded: each within
    MAX_PIXELS, all within MAX_REQUEST_PIXELS, and at most DECODING_AT_ONCE uploads of this
    process decoding at a time (a burst of large photos cannot take the worker's memory)."""
    sizes = [photo_size(data) for data in files]
    if sum(width * height for width, height in sizes) > MAX_REQUEST_PIXELS:
        raise UploadError(TOO_MANY_PIXELS_IN_ALL)
    if not _decoding.acquire(timeout=DECODE_WAIT_SECONDS):
        raise UploadError(BUSY)
    try:
        return [_decode(data) for data in files]
    finally:
        _decoding.release()


def read_photo(data: bytes) -> Image.Image:
    """One photo as an upright RGB image at most MAX_SIDE pixels long, or UploadError."""
    return read_photos([data])[0]


class _opened:
    """Image.open with Pillow's bomb warnings and errors as the refusal they are."""

    def __init__(self, data: bytes):
        try:
            with warnings.catch_warnings():
                # Pillow's own bomb check warns past 89 MP: treat it as the refusal it is.
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                self.image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise UploadError(TOO_MANY_PIXELS) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise UploadError(_l("This file is not a real photo.")) from None

    def __enter__(self) -> Image.Image:
        return self.image

    def __exit__(self, *exc):
        self.image.close()
        return False


def _decode(data: bytes) -> Image.Image:
    try:
        with _opened(data) as image:
            # A JPEG decodes straight at a reduced scale (no full-size bitmap first).
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))
            image.load()
            upright = ImageOps.exif_transpose(image)
            page = upright.convert("RGB")
    except UploadError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UploadError(_l("This file is not a real photo.")) from None
    page.thumbnail((MAX_SIDE, MAX_SIDE))
    return page


def pages_to_pdf(pages: list[Image.Image]) -> bytes:
    """One PDF, a page per photo, for recruiters to open like any other CV."""
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=PDF_RESOLUTION,
        quality=80,
    )
    return buffer.getvalue()


def pdf_pages(data: bytes) -> list[Image.Image]:
    """The photos back out of a PDF `pages_to_pdf` made (one image a page), for reading
    them later in another process; an image larger than MAX_SIDE is skipped undecoded."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(data)).pages[:MAX_PHOTOS]:
        for image in page.images:
            with _opened(image.data) as opened:
                if max(opened.size) > MAX_SIDE:
                    continue
                opened.load()
                pages.append(opened.convert("RGB"))
    return pages


def read_text(pages: list[Image.Image], *, languages: str = OCR_LANGUAGES) -> str:
    """The text Tesseract reads on the pages; a page it cannot read adds nothing."""
    texts = []
    for page in pages:
        buffer = io.BytesIO()
        page.convert("L").save(buffer, format="PNG")
        try:
            done = subprocess.run(
                # A CV is one column of lines of varied sizes (page segmentation mode 4).
                ["tesseract", "stdin", "stdout", "-l", languages, "--psm", "4"],
                input=buffer.getvalue(),
                capture_output=True,
                timeout=OCR_SECONDS_PER_PAGE,
                check=True,
                # One thread per page: the app's other requests keep the second core.
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
        except (OSError, subprocess.SubprocessError) as error:
            log.warning("OCR of a CV page failed: %s", error)
            continue
        texts.append(done.stdout.decode("utf-8", "replace"))
    return " ".join(" ".join(texts).split())
