"""Tesseract reads Khmer, Japanese and English from images rendered with the installed fonts,
as it would read the photo of a printed CV."""

import pytest
from PIL import Image, ImageDraw, ImageFont

from jobfair import photos

FONTS = {
    "km": "/usr/share/fonts/truetype/khmeros/KhmerOS.ttf",
    "ja": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "en": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
}


def rendered(lines: list[str], font: str) -> Image.Image:
    face = ImageFont.truetype(font, 44)
    image = Image.new("RGB", (1400, 120 + 90 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((50, 50 + 90 * n), line, font=face, fill="black")
    return image


@pytest.mark.parametrize(
    "language, lines, words",
    [
        ("en", ["Welder, three years", "Forklift licence"], ["Welder", "three", "Forklift"]),
        ("ja", ["溶接工 三年", "フォークリフト 日本語"], ["溶接", "フォークリフト", "日本語"]),
        ("km", ["ជាងផ្សារ", "ការផ្សារដែក"], ["ជាងផ្សារ", "ផ្សារដែក"]),
    ],
)
def test_words_are_recognised_in_each_script(language, lines, words):
    text = photos.read_text([rendered(lines, FONTS[language])])
    squeezed = text.replace(" ", "")
    for word in words:
        assert word.replace(" ", "") in squeezed, (word, text)


def test_a_cv_in_three_languages_yields_suggestions():
    from jobfair.candidates.cv_reading import found_in

    page = rendered(["Welder", "ផ្សារដែក"], FONTS["km"])
    found = found_in(photos.read_text([page]))
    assert "welder" in found["titles"] and "welding" in found["skills"]


def test_a_page_tesseract_cannot_read_adds_nothing(monkeypatch):
    monkeypatch.setattr(photos, "OCR_SECONDS_PER_PAGE", 0.001)
    assert photos.read_text([rendered(["Welder"] * 20, FONTS["en"])]) == ""
