"""The rirekisho as two A4 pages in the layout of the MHLW's 2021 履歴書様式例.

Page 1: the date of writing, name with ふりがな, date of birth with 満 age, the optional
性別 box, the 3×4 cm photo, address and contacts, then 学歴・職歴 by year and month
(headed 学歴 and 職歴, closed by 以上). Page 2: the rest of the history, 免許・資格,
志望の動機、特技、好きな学科、アピールポイントなど, and 本人希望記入欄. Text is shaped
(Khmer names, Japanese) by FairPDF.
"""

from datetime import date

from .models import Rirekisho
from .pdf import FairPDF

LEFT, RIGHT = 15.0, 195.0
WIDTH = RIGHT - LEFT
BOTTOM = 282.0
ROW = 8.0
YEAR_W, MONTH_W = 20.0, 12.0
PHOTO = (163.0, 14.0, 30.0, 40.0)
CONTINUED_ROWS = 6
GENDER_NOTE = "※「性別」欄：記載は任意です。未記載とすることも可能です。"


class RirekishoPDF(FairPDF):
    """One candidate's rirekisho; `render()` gives the PDF's bytes."""

    def __init__(self, rirekisho: Rirekisho, *, photo: str | None, age: int | None, day: date):
        super().__init__()
        self.r = rirekisho
        self.photo = photo
        self.age = age
        self.day = day
        self.set_auto_page_break(False)
        self.set_line_width(0.3)
        self.set_title("履歴書")

    # --- small helpers ---------------------------------------------------------------

    def text_at(self, x, y, w, h, text, size=10, align="L"):
        """One line of text in a box, shrunk to fit its width."""
        text = str(text or "")
        self.use_font_for(text, size)
        while size > 5 and self.get_string_width(text) > w - 2:
            size -= 0.5
            self.use_font_for(text, size)
        self.set_xy(x, y)
        self.cell(w, h, text, align=align)

    def paragraph(self, x, y, w, h, text, size=9.5):
        """Wrapped text in a box, smaller until it fits its height."""
        text = str(text or "")
        while True:
            self.use_font_for(text, size)
            lines = self.multi_cell(w - 3, size * 0.5, text, dry_run=True, output="LINES")
            if len(lines) * size * 0.5 <= h - 2 or size <= 6:
                break
            size -= 0.5
        self.set_xy(x + 1.5, y + 1)
        self.multi_cell(w - 3, size * 0.5, text, max_line_height=size * 0.5)

    def label(self, x, y, text, size=7.5):
        self.text_at(x + 1, y + 0.5, WIDTH - 2, 4, text, size=size)

    # --- the pages -------------------------------------------------------------------

    def render(self) -> bytes:
        rows = self.history_rows()
        self.add_page()
        first = self.first_page(rows)
        self.add_page()
        self.second_page(rows[first:])
        return bytes(self.output())

    def history_rows(self) -> list[tuple[str, str, str, str]]:
        """(year, month, text, align) rows: 学歴 heading, schools, 職歴, jobs, 以上."""
        rows = [("", "", "学歴", "C")]
        rows += [_row(line) for line in self.r.education or []]
        rows.append(("", "", "職歴", "C"))
        rows += [_row(line) for line in self.r.jobs or []] or [("", "", "なし", "L")]
        rows.append(("", "", "以上", "R"))
        return rows

    def first_page(self, rows) -> int:
        """Draw page 1; how many history rows it holds."""
        self.use_font_for("履歴書", 20)
        self.set_xy(LEFT, 14)
        self.cell(60, 10, "履 歴 書")
        written = f"{self.day.year}年 {self.day.month}月 {self.day.day}日現在"
        self.text_at(80, 16, 80, 8, written, size=9.5, align="R")
        self.photo_box()
        top, width = 26.0, PHOTO[0] - 3 - LEFT
        self.rect(LEFT, top, width, 6)
        self.label(LEFT, top, "ふりがな")
        self.text_at(LEFT + 16, top, width - 16, 6, self.r.name_kana, size=10)
        self.rect(LEFT, top + 6, width, 18)
        self.label(LEFT, top + 6, "氏　名")
        self.text_at(LEFT + 16, top + 8, width - 16, 9, self.r.name_romaji, size=16)
        khmer = self.r.candidate.name_khmer if self.r.candidate else ""
        if khmer:
            self.text_at(LEFT + 16, top + 16.5, width - 16, 7, khmer, size=10)
        born = self.r.birth_date
        line = (
            f"{born.year}年 {born.month}月 {born.day}日生　（満 {self.age} 歳）"
            if born
            else "　　年　　月　　日生　（満　　歳）"
        )
        self.rect(LEFT, top + 24, width - 30, 9)
        self.label(LEFT, top + 24, "生年月日")
        self.text_at(LEFT + 16, top + 25.5, width - 46, 7, line, size=10)
        self.rect(LEFT + width - 30, top + 24, 30, 9)
        self.label(LEFT + width - 30, top + 24, "※性別")
        self.text_at(LEFT + width - 30, top + 27, 30, 6, self.r.gender, size=9, align="C")
        y = self.address_block(top + 36)
        self.text_at(LEFT, BOTTOM - 3, WIDTH, 5, GENDER_NOTE, size=7)
        return self.history_table(y + 3, rows, BOTTOM - 5)

    def photo_box(self):
        x, y, w, h = PHOTO
        if self.photo:
            self.image(self.photo, x=x, y=y, w=w, h=h)
            return
        self.set_dash_pattern(dash=1, gap=1)
        self.rect(x, y, w, h)
        self.set_dash_pattern()
        self.text_at(x, y + 12, w, 5, "写真をはる位置", size=7, align="C")
        self.text_at(x, y + 20, w, 4, "縦 36〜40mm", size=6, align="C")
        self.text_at(x, y + 24, w, 4, "横 24〜30mm", size=6, align="C")

    def address_block(self, top: float) -> float:
        phone_w = 48.0
        main = WIDTH - phone_w
        self.rect(LEFT, top, main, 6)
        self.label(LEFT, top, "ふりがな")
        self.text_at(LEFT + 16, top, main - 16, 6, self.r.address_kana, size=9)
        self.rect(LEFT, top + 6, main, 16)
        self.label(LEFT, top + 6, f"現住所　〒{self.r.postal_code}")
        self.paragraph(LEFT, top + 11, main, 11, self.r.address, size=10)
        self.rect(LEFT + main, top, phone_w, 11)
        self.label(LEFT + main, top, "電話")
        self.text_at(LEFT + main, top + 4.5, phone_w, 6, self.r.phone, size=9)
        self.rect(LEFT + main, top + 11, phone_w, 11)
        self.label(LEFT + main, top + 11, "E-mail")
        self.text_at(LEFT + main, top + 15.5, phone_w, 6, self.r.email, size=8)
        self.rect(LEFT, top + 22, WIDTH, 14)
        self.label(LEFT, top + 22, "連絡先（現住所以外に連絡を希望する場合のみ記入）")
        self.paragraph(LEFT, top + 26, WIDTH, 10, self.r.contact, size=9.5)
        return top + 36

    def table_head(self, y: float, title: str) -> float:
        self.rect(LEFT, y, YEAR_W, 7)
        self.rect(LEFT + YEAR_W, y, MONTH_W, 7)
        self.rect(LEFT + YEAR_W + MONTH_W, y, WIDTH - YEAR_W - MONTH_W, 7)
        self.text_at(LEFT, y, YEAR_W, 7, "年", size=9, align="C")
        self.text_at(LEFT + YEAR_W, y, MONTH_W, 7, "月", size=9, align="C")
        self.text_at(LEFT + YEAR_W + MONTH_W, y, WIDTH - 32, 7, title, size=9, align="C")
        return y + 7

    def history_table(self, y, rows, bottom, *, at_least=0, title=None) -> int:
        """Rows of a 年/月/text table from y down to bottom; how many rows were written."""
        y = self.table_head(y, title or "学歴・職歴（各別にまとめて書く）")
        room = int((bottom - y) // ROW)
        count = max(room, at_least)
        for n in range(count):
            year, month, text, align = rows[n] if n < len(rows) else ("", "", "", "L")
            self.rect(LEFT, y, YEAR_W, ROW)
            self.rect(LEFT + YEAR_W, y, MONTH_W, ROW)
            self.rect(LEFT + YEAR_W + MONTH_W, y, WIDTH - YEAR_W - MONTH_W, ROW)
            self.text_at(LEFT, y, YEAR_W, ROW, year, size=9.5, align="C")
            self.text_at(LEFT + YEAR_W, y, MONTH_W, ROW, month, size=9.5, align="C")
            text_w = WIDTH - YEAR_W - MONTH_W - 6
            self.text_at(LEFT + YEAR_W + MONTH_W + 3, y, text_w, ROW, text, size=9.5, align=align)
            y += ROW
        self.y_after_table = y
        return min(count, len(rows))

    def second_page(self, rest) -> None:
        self.history_table(
            12, rest, 12 + 7 + ROW * max(CONTINUED_ROWS, len(rest)), at_least=len(rest)
        )
        licences = [_row(line) for line in self.r.licences or []]
        y = self.y_after_table + 4
        room = max(6, len(licences))
        self.history_table(y, licences, y + 7 + ROW * room, title="免許・資格")
        y = self.y_after_table + 4
        left_for_text = BOTTOM - y - 6
        motivation_h = left_for_text * 0.6
        self.rect(LEFT, y, WIDTH, motivation_h)
        self.label(LEFT, y, "志望の動機、特技、好きな学科、アピールポイントなど", size=8)
        self.paragraph(LEFT, y + 5, WIDTH, motivation_h - 5, self.r.motivation)
        y += motivation_h + 3
        wishes_h = BOTTOM - y - 4
        self.rect(LEFT, y, WIDTH, wishes_h)
        self.label(
            LEFT,
            y,
            "本人希望記入欄（特に給料・職種・勤務時間・勤務地・その他についての希望などがあれば記入）",
            size=7.5,
        )
        self.paragraph(LEFT, y + 5, WIDTH, wishes_h - 5, self.r.wishes)


def _row(line: dict) -> tuple[str, str, str, str]:
    year, month = line.get("year"), line.get("month")
    return (str(year) if year else "", str(month) if month else "", line.get("text") or "", "L")


def render(rirekisho: Rirekisho, *, photo: str | None, age: int | None, day: date) -> bytes:
    """The rirekisho's two A4 pages as PDF bytes."""
    return RirekishoPDF(rirekisho, photo=photo, age=age, day=day).render()
