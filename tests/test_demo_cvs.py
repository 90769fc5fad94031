"""The demo's generated CVs print every script the fair writes in: Khmer names and Japanese
lines are embedded fonts and shaped text, not question marks."""

import subprocess

from PIL import Image

from jobfair import uploads
from jobfair.demo.cvs import cv_pdf, cv_pdfs
from tests.conftest import ARTIFACTS

NAME_KM = "ផាន់ កញ្ញា"
JAPANESE = "日本語能力試験 N3 合格"


def test_a_cv_keeps_khmer_and_japanese_text():
    data = cv_pdf("Phan Kanha", [NAME_KM, "Welder", "Languages", JAPANESE])
    kind, text = uploads.read_cv(data)
    assert kind == "pdf"
    assert "?" not in text
    assert NAME_KM in text
    assert "日本語" in text.replace(" ", "")


def test_the_cv_embeds_the_fonts_and_renders(tmp_path):
    folder = ARTIFACTS / "demo-cvs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "khmer-japanese.pdf"
    path.write_bytes(cv_pdf("Phan Kanha", [NAME_KM, JAPANESE]))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert "KhmerOS" in fonts.stdout and "NotoSansCJK" in fonts.stdout
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", "-singlefile", str(path), str(folder / "khmer-japanese")],
        check=True,
    )
    page = Image.open(folder / "khmer-japanese.png").convert("L")
    # Three lines of ink near the top of the page: the name, the Khmer name, the Japanese.
    inked_rows = [
        y
        for y in range(page.height // 3)
        if page.crop((0, y, page.width, y + 1)).getextrema()[0] < 128
    ]
    bands = sum(1 for a, b in zip(inked_rows, inked_rows[1:]) if b - a > 1) + bool(inked_rows)
    assert bands >= 3


def test_many_cvs_come_out_as_one_file_each():
    files = cv_pdfs([(f"Candidate {n}", [NAME_KM, f"Line {n}"]) for n in range(3)])
    assert len(files) == 3
    for n, data in enumerate(files):
        assert f"Candidate {n}" in uploads.read_cv(data)[1]


def test_a_cv_names_each_language_once_and_adds_japanese_for_n3_and_above():
    from types import SimpleNamespace

    from jobfair.demo.cvs import cv_lines

    profile = SimpleNamespace(
        name_khmer=NAME_KM, headline="Welder", past_jobs=[], experience="", skills=["welding"],
        education_level="upper_secondary", education_field=None, province="Kandal",
        languages=[
            {"language": "Khmer", "test": "native", "level": "native"},
            {"language": "Japanese", "test": "JLPT", "level": "N3"},
        ],
    )  # fmt: skip
    lines = cv_lines(profile)
    assert lines[0] == NAME_KM
    assert "Khmer native" in lines and "Japanese JLPT N3" in lines
    assert "日本語能力試験 N3 合格" in lines
