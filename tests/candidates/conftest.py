import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from jobfair.extensions import db
from jobfair.models import Exhibitor, Role, UserRole


@pytest.fixture
def fair(create_event, create_organization, create_user):
    """An open fair with two roles: a welder in Japan needing N4, a cook in Siem Reap."""
    event = create_event()
    company = create_organization(name="Aichi Metal")
    hotel = create_organization(name="Angkor Hotel", country="KH", sector="hospitality")
    for org in (company, hotel):
        db.session.add(Exhibitor(event=event, organization=org, status="approved"))
    welder = Role(
        event=event,
        organization=company,
        title="Welder",
        sector="manufacturing",
        location="Japan - Aichi",
        program="ssw",
        required_skills=["welding"],
        languages=[{"language": "Japanese", "level": "N4", "must": True}],
        description="Welding car parts.",
    )
    cook = Role(
        event=event,
        organization=hotel,
        title="Cook",
        sector="hospitality",
        location="Siem Reap",
        program="local",
        required_skills=["cooking"],
        description="Khmer and western dishes.",
    )
    db.session.add_all([welder, cook])
    db.session.commit()
    recruiter = create_user(role=UserRole.EMPLOYER, organization=company, email="hr@aichi.jp")
    return {"event": event, "welder": welder, "cook": cook, "recruiter": recruiter}


def pdf_bytes(text: str = "Welder with three years of TIG welding") -> bytes:
    """A real one-page PDF with text, built by hand (no PDF library needed to write it)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def docx_bytes(text: str = "Cook in a hotel kitchen") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb_bytes() -> bytes:
    """A small zip that claims a huge unpacked size."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (40 * 1024 * 1024))
    return buffer.getvalue()


def later(hours: int) -> datetime:
    return datetime.now(UTC) + timedelta(hours=hours)


@pytest.fixture
def large_uploads():
    """Werkzeug's test client spools request bodies over 500 KB to a temporary file that it
    never closes; collect those here so the warning does not surface in a later test."""
    import gc
    import warnings

    yield
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


@pytest.fixture
def held_jobs(monkeypatch):
    """Started jobs wait in the queue, as with no worker free, until the test runs them
    (`jobfair.jobs.runner.execute(job_id)`); the list holds their ids."""
    from jobfair.jobs import queue

    held = []
    monkeypatch.setattr(queue.Queue, "enqueue", lambda self, job_id, delay=0: held.append(job_id))
    return held
