"""Generated CVs for some demo candidates, so the recruiter's CV view can be tried.

The PDFs are written by hand (one page, the standard Helvetica font, no library): they
carry the Latin spelling of each name, since a standard font has no Khmer or Japanese
glyphs. Text is extracted on upload as for any CV, so the search finds words in them.
"""

from ..candidates import profile as candidate_profile

EVERY = 4  # one candidate in four has a CV
FONT_SIZE, LEADING, TOP, LEFT, WIDTH = 11, 15, 800, 56, 88


def _pdf_text(text: str) -> str:
    """Text for a PDF string in the standard encoding: unknown characters become '?'."""
    latin = text.encode("latin-1", "replace").decode("latin-1")
    return latin.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _wrap(line: str) -> list[str]:
    words, lines, current = line.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > WIDTH:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + [current]


def cv_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF: a bold title and wrapped lines of text."""
    body = [f"BT /F2 16 Tf {LEFT} {TOP} Td ({_pdf_text(title)}) Tj ET"]
    y = TOP - 2 * LEADING
    for line in lines:
        for part in _wrap(line) if line else [""]:
            if y < 60:
                break
            body.append(f"BT /F1 {FONT_SIZE} Tf {LEFT} {y} Td ({_pdf_text(part)}) Tj ET")
            y -= LEADING
    stream = "\n".join(body).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def cv_lines(profile) -> list[str]:
    """What the candidate's CV says, from their profile, in English."""
    lines = [profile.headline, "", "Experience"]
    for job in profile.past_jobs or []:
        years = job.get("years")
        lines.append(f"- {job.get('title', '')}, {job.get('employer', '')}, {years} years")
    lines += [profile.experience, "", "Education"]
    education = profile.education_level.replace("_", " ").capitalize()
    lines.append(", ".join(filter(None, [education, profile.education_field])))
    lines += ["", "Skills", ", ".join(profile.skills or [])]
    lines += ["", "Languages"]
    lines += [
        " ".join(filter(None, [r.get("language"), r.get("test"), r.get("level")]))
        for r in profile.languages or []
    ]
    lines += ["", f"Province: {profile.province}"]
    return lines


def attach_demo_cvs(profiles) -> int:
    """Give every fourth candidate a generated PDF CV; returns how many."""
    count = 0
    for profile in profiles[::EVERY]:
        data = cv_pdf(profile.full_name, cv_lines(profile))
        candidate_profile.replace_cv(profile, [(data, f"CV {profile.full_name}.pdf")])
        count += 1
    return count
