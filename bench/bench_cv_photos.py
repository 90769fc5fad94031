"""How long a candidate waits when sending photos of a CV, and how long reading them takes.

A phone photo of a dense A4 page (12 MP JPEG, 40 lines) is uploaded through the Flask test
client; the request checks, turns and shrinks the photos and writes one PDF, then returns
while a job worker reads the text (timed here as the job does). Baseline in the same run:
uploading a one-page text PDF. Target: the photo request well under gunicorn's 30 s timeout (a few
seconds at most), whatever the OCR takes.

    .venv/bin/python bench/bench_cv_photos.py [--pages 2] [--requests 3]
"""

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from jobfair import create_app, photos  # noqa: E402
from jobfair.auth import accounts  # noqa: E402
from jobfair.extensions import db  # noqa: E402
from tests.candidates.conftest import pdf_bytes  # noqa: E402

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def phone_photo() -> bytes:
    image = Image.new("RGB", (3000, 4000), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 60)
    for n in range(40):
        draw.text(
            (150, 150 + n * 90),
            "Welder, three years of TIG welding in Phnom Penh",
            font=font,
            fill="black",
        )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def timed_upload(client, files) -> float:
    start = time.perf_counter()
    response = client.post(
        "/me/cv",
        data={"cv": [(io.BytesIO(data), name) for data, name in files]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2)
    parser.add_argument("--requests", type=int, default=3)
    args = parser.parse_args()
    photo = phone_photo()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
                "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
                "UPLOAD_FOLDER": f"{folder}/uploads",
                # Reads are queued here and timed below (no worker consumes this queue).
                "JOBS_QUEUE": f"sqlite:///{folder}/queue.db",
            }
        )
        with app.app_context():
            db.create_all()
            accounts.create_user(
                role="candidate",
                display_name="Bench",
                password="bench pass phrase",
                email="b@x.org",
            )
            db.session.commit()
            client = app.test_client()
            client.post(
                "/auth/login", data={"identifier": "b@x.org", "password": "bench pass phrase"}
            )
            pdf = [timed_upload(client, [(pdf_bytes(), "cv.pdf")]) for _ in range(args.requests)]
            files = [(photo, f"page{n}.jpg") for n in range(args.pages)]
            shots = [timed_upload(client, files) for _ in range(args.requests)]
            from jobfair import uploads
            from jobfair.models import CandidateProfile

            profile = db.session.scalar(db.select(CandidateProfile))
            with open(uploads.existing_cv_path(profile.cv_filename), "rb") as handle:
                stored = handle.read()
            start = time.perf_counter()
            text = photos.read_text(photos.pdf_pages(stored))  # as the "cv_reading" job does
            ocr = time.perf_counter() - start
    print(f"photo: {len(photo) / 1e6:.1f} MB JPEG, 3000×4000 px; {args.pages} pages per upload")
    print(
        f"upload a text PDF (baseline), median of {args.requests}: {statistics.median(pdf) * 1000:.0f} ms"
    )
    print(
        f"upload {args.pages} photos → one PDF, median of {args.requests}: {statistics.median(shots) * 1000:.0f} ms"
    )
    print(
        f"OCR by the job ({photos.OCR_LANGUAGES}), {args.pages} pages: {ocr:.1f} s "
        f"({ocr / args.pages:.1f} s per page, {len(text.split())} words read)"
    )


if __name__ == "__main__":
    main()
