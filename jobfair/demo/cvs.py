"""Generated CVs for some demo candidates, so the recruiter's CV view can be tried.

fpdf2 writes them with the installed fonts embedded and text shaped by HarfBuzz, as the
badges are (organizers/badges.py finds the fonts): a Khmer name prints as it is written,
and Japanese where a CV has it. Loading and subsetting the fonts takes about a second,
so the CVs are drawn as the pages of one document and pypdf parts them into one file
each, every file with the fonts' shared subset. Text is extracted on upload as for any
CV, so the search finds words in them.
"""

import io
import textwrap

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from ..candidates import profile as candidate_profile
from ..pdf import CJK, font_file

EVERY = 4  # one candidate in four has a CV
TITLE_SIZE, FONT_SIZE, LEADING = 16, 11, 6
WRAP = 85  # characters of 11-point text across the page


def cv_pdfs(cvs: list[tuple[str, list[str]]]) -> list[bytes]:
    """One one-page A4 PDF for each (title, lines): text in any of the fair's scripts."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 20, 20)
    pdf.add_font("khmer", fname=font_file("Khmer OS")[0])
    if any(CJK.search(text) for title, lines in cvs for text in (title, *lines)):
        cjk, index = font_file("Noto Sans CJK JP")  # a second to load: only when needed
        pdf.add_font("cjk", fname=cjk, collection_font_number=index)
        pdf.set_fallback_fonts(["cjk"])

    def write(text: str, size: float, height: float) -> None:
        # Shaping is needed for Khmer, not for Latin text. fpdf2's own line breaking measures
        # every character (seconds for the demo's CVs): lines are wrapped by length instead.
        pdf.set_text_shaping(not text.isascii())
        pdf.set_font("khmer", size=size)
        for part in textwrap.wrap(text, WRAP) or [" "]:
            if pdf.get_y() > pdf.h - 25:
                return  # one page: what does not fit is left out
            pdf.cell(0, height, part, new_x="LMARGIN", new_y="NEXT")

    for title, lines in cvs:
        pdf.add_page()
        write(title, TITLE_SIZE, TITLE_SIZE * 0.5)
        pdf.ln(LEADING)
        for line in lines:
            write(line, FONT_SIZE, LEADING)
    files = []
    for page in PdfReader(io.BytesIO(bytes(pdf.output()))).pages:
        writer, out = PdfWriter(), io.BytesIO()
        writer.add_page(page)
        writer.write(out)
        files.append(out.getvalue())
    return files


def cv_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF: a title and wrapped lines of text."""
    return cv_pdfs([(title, lines)])[0]


def cv_lines(profile) -> list[str]:
    """What the candidate's CV says, from their profile: in English, with the name in Khmer
    and, for those who passed JLPT N3 or better, a line in Japanese."""
    lines = [profile.name_khmer or "", profile.headline, "", "Experience"]
    for job in profile.past_jobs or []:
        years = job.get("years")
        lines.append(f"- {job.get('title', '')}, {job.get('employer', '')}, {years} years")
    lines += [profile.experience, "", "Education"]
    education = profile.education_level.replace("_", " ").capitalize()
    lines.append(", ".join(filter(None, [education, profile.education_field])))
    lines += ["", "Skills", ", ".join(profile.skills or [])]
    lines += ["", "Languages"]
    lines += [
        " ".join(dict.fromkeys(filter(None, [r.get("language"), r.get("test"), r.get("level")])))
        for r in profile.languages or []
    ]
    japanese = [
        r["level"]
        for r in profile.languages or []
        if r.get("language") == "Japanese" and r.get("level") in ("N1", "N2", "N3")
    ]
    if japanese:
        lines.append(f"日本語能力試験 {japanese[0]} 合格")
    lines += ["", f"Province: {profile.province}"]
    return lines


def attach_demo_cvs(profiles) -> int:
    """Give every fourth candidate a generated PDF CV; returns how many."""
    chosen = profiles[::EVERY]
    files = cv_pdfs([(profile.full_name, cv_lines(profile)) for profile in chosen])
    for profile, data in zip(chosen, files, strict=True):
        candidate_profile.replace_cv(profile, [(data, f"CV {profile.full_name}.pdf")])
    return len(chosen)
