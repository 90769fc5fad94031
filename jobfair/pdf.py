"""PDF pages that print Khmer and Japanese as written: fpdf2 with the installed fonts.

fpdf2 embeds the fonts (subsetted) and shapes text with HarfBuzz, so Khmer subscripts and
vowels and Japanese names come out right. Fonts are found with fontconfig: "Khmer OS"
(Debian's fonts-khmeros) for Khmer and Latin, "Noto Sans CJK JP" (fonts-noto-cjk) for
Japanese, each the other's fallback. Badges, the rirekisho and the organizers' report are
all `FairPDF`s.
"""

import functools
import re
import subprocess

from fpdf import FPDF

KHMER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


@functools.cache
def font_file(family: str) -> tuple[str, int]:
    """(path, index in a collection) of an installed font, through fontconfig."""
    found = subprocess.run(
        ["fc-match", "-f", "%{file}\n%{index}", family], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    return found[0], int(found[1] or 0)


class FairPDF(FPDF):
    """An A4 portrait FPDF with the "khmer" and "cjk" fonts registered and shaping on."""

    def __init__(self, orientation: str = "P"):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        khmer, _index = font_file("Khmer OS")
        cjk, index = font_file("Noto Sans CJK JP")
        self.add_font("khmer", fname=khmer)
        self.add_font("cjk", fname=cjk, collection_font_number=index)
        self.set_text_shaping(True)

    def use_font_for(self, text: str, size: float) -> None:
        """Khmer OS for Khmer and Latin, Noto CJK for Japanese; each falls back on the other."""
        main, other = ("cjk", "khmer") if CJK.search(text) else ("khmer", "cjk")
        self.set_font(main, size=size)
        self.set_fallback_fonts([other])
