"""Native review: export → edit → import on copies of the catalogs, vocabulary, ledger, README."""

import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from babel.support import Translations
from openpyxl import load_workbook

from jobfair.exports import safe_cell
from jobfair.translation_review import workbook
from jobfair.translation_review.items import Paths, all_items
from jobfair.translation_review.ledger import README_PREFIX

PLACEHOLDER = re.compile(r"%\(\w+\)s")

ROOT = Path(__file__).resolve().parents[1]
REAL = [
    ROOT / "jobfair" / "translations" / lang / "LC_MESSAGES" / "messages.po"
    for lang in ("km", "ja")
] + [ROOT / "matching" / "data" / "lexicon" / name for name in ("km.tsv", "ja_manual.tsv")]


@pytest.fixture
def checkout(tmp_path):
    """A copy of the files a review reads and writes; the real ones are never written."""
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "jobfair" / "translations", root / "jobfair" / "translations")
    (root / "matching" / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "matching" / "data" / "lexicon", root / "matching" / "data" / "lexicon")
    shutil.copy(ROOT / "README.md", root / "README.md")
    return root


@pytest.fixture
def review(runner, checkout):
    def run(*args):
        return runner.invoke(args=[*args, "--root", str(checkout)])

    return run


@pytest.fixture(scope="module")
def khmer_workbook():
    """The Khmer export of the unchanged files, made once (read only) for the bad-file tests."""
    return workbook.export_bytes(all_items(Paths(ROOT), ROOT, ("km",)), {})


def tree_digest(root: Path) -> dict:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.suffix != ".xlsx"
    }


def catalog(root: Path, lang: str):
    path = root / "jobfair" / "translations" / lang / "LC_MESSAGES" / "messages.po"
    return read_po(io.BytesIO(path.read_bytes()), locale=lang)


def rows_by(sheet, column: str, value: str) -> int:
    header = [c.value for c in sheet[1]]
    index = header.index(column)
    return next(r[0].row for r in sheet.iter_rows(min_row=2) if r[index].value == value)


def put(sheet, row: int, column: str, value) -> None:
    header = [c.value for c in sheet[1]]
    sheet.cell(row=row, column=header.index(column) + 1, value=value)


def get(sheet, row: int, column: str):
    header = [c.value for c in sheet[1]]
    return sheet.cell(row=row, column=header.index(column) + 1).value


def export(review, checkout, name="review.xlsx", *extra):
    path = checkout / name
    result = review("review-export", str(path), *extra)
    assert result.exit_code == 0, result.output
    return path, load_workbook(path)


def status_lines(review) -> str:
    result = review("review-status")
    assert result.exit_code == 0, result.output
    return result.output


def test_round_trip_applies_corrections_and_records_the_review(review, checkout):
    before_real = {p: p.read_bytes() for p in REAL}
    path, book = export(review, checkout)
    ui, words = book["UI strings"], book["Vocabulary"]
    km = rows_by(
        ui,
        "ID",
        next(
            r[0].value
            for r in ui.iter_rows(min_row=2)
            if r[1].value == "Khmer" and PLACEHOLDER.findall(r[2].value) == ["%(column)s"]
        ),
    )
    english = get(ui, km, "English")
    assert get(ui, km, "Where used") and get(ui, km, "Status") == "not reviewed"
    put(ui, km, "Corrected translation", "%(column)s មិនទាន់បំពេញ")
    put(ui, km, "Note", "clearer")
    ja_ok = next(r[0].row for r in ui.iter_rows(min_row=2) if r[1].value == "Japanese")
    put(ui, ja_ok, "Reviewed (yes/no)", "yes")
    plural = next(
        r[0].row for r in ui.iter_rows(min_row=2) if r[1].value == "Japanese" and r[3].value
    )
    plural_english = get(ui, plural, "English")
    fixed = get(ui, plural, "Translation") + "（確認済み）"
    put(ui, plural, "Corrected translation", fixed)
    word = rows_by(words, "Term", "横浜")
    put(words, word, "Corrected English", "Yokohama city")
    put(words, word, "Reviewed (yes/no)", "yes")
    book.save(path)

    result = review("review-import", str(path), "--reviewer", "Sokha")
    assert result.exit_code == 0, result.output
    assert "3 corrections applied, 4 rows marked reviewed" in result.output

    assert catalog(checkout, "km").get(english).string == "%(column)s មិនទាន់បំពេញ"
    mo = checkout / "jobfair" / "translations" / "km" / "LC_MESSAGES" / "messages.mo"
    with mo.open("rb") as handle:
        assert Translations(handle).gettext(english) == "%(column)s មិនទាន់បំពេញ"
    tsv = (checkout / "matching" / "data" / "lexicon" / "ja_manual.tsv").read_text("utf-8")
    assert "横浜\tYokohama city\tplace" in tsv and "横浜\tYokohama\tplace" not in tsv
    ledger = (checkout / "jobfair" / "translations" / "review-ledger.tsv").read_text("utf-8")
    assert ledger.count("\tyes\t") == 4 and "Sokha\tclearer" in ledger
    readme = (checkout / "README.md").read_text("utf-8")
    assert catalog(checkout, "ja").get(plural_english).string == (fixed,)
    assert f"{README_PREFIX} Khmer 1 of " in readme and "Japanese 2 of " in readme
    assert re.search(r"Japanese 2 of [\d,]+ UI strings and 1 of [\d,]+ vocabulary rows", readme)
    assert {p: p.read_bytes() for p in REAL} == before_real

    # The next export shows what was reviewed, with the note; importing it again changes nothing.
    again_path, again = export(review, checkout, "again.xlsx")
    row = rows_by(again["UI strings"], "English", english)
    assert get(again["UI strings"], row, "Status").startswith("reviewed (")
    assert get(again["UI strings"], row, "Reviewed (yes/no)") == "yes"
    assert get(again["UI strings"], row, "Note") == "clearer"
    before = tree_digest(checkout)
    assert review("review-import", str(again_path), "--reviewer", "Dara").exit_code == 0
    assert tree_digest(checkout) == before  # the ledger keeps the first reviewer and date


def test_a_changed_source_or_translation_is_unreviewed_again(review, checkout):
    path, book = export(review, checkout, "r.xlsx", "--language", "ja")
    ui, words = book["UI strings"], book["Vocabulary"]
    assert {r[1].value for r in ui.iter_rows(min_row=2)} == {"Japanese"}
    for row in (2, 3):
        put(ui, row, "Reviewed (yes/no)", "yes")
    put(words, 2, "Reviewed (yes/no)", "yes")
    first, second = get(ui, 2, "English"), get(ui, 3, "English")
    term = get(words, 2, "Term")
    book.save(path)
    assert review("review-import", str(path), "--reviewer", "Aiko").exit_code == 0
    assert "Japanese UI strings: 2 of " in status_lines(review)

    po = checkout / "jobfair" / "translations" / "ja" / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    # The English of the first changes (as `pybabel update` would bring), the second's translation is edited.
    text = text.replace(f'msgid "{first}"', f'msgid "{first} now"', 1)
    old = catalog(checkout, "ja").get(second).string
    text = text.replace(f'msgstr "{old}"', f'msgstr "{old}!"', 1)
    po.write_text(text, "utf-8")
    tsv = checkout / "matching" / "data" / "lexicon" / "ja_manual.tsv"
    tsv.write_text(tsv.read_text("utf-8").replace(f"{term}\t", f"{term}X\t", 1), "utf-8")

    output = status_lines(review)
    assert "Japanese UI strings: 0 of " in output and "1 changed since review" in output
    assert re.search(r"Japanese vocabulary rows: 0 of \d+ reviewed", output)
    _, later = export(review, checkout, "later.xlsx", "--language", "ja")
    row = rows_by(later["UI strings"], "English", second)
    assert get(later["UI strings"], row, "Status").startswith("changed since review")
    assert get(later["UI strings"], row, "Reviewed (yes/no)") is None

    # The next import forgets the rows of the English and the term that are gone; the edited
    # translation's row stays (changed since review).
    ledger = checkout / "jobfair" / "translations" / "review-ledger.tsv"
    assert len(ledger.read_text("utf-8").splitlines()) == 4
    result = review("review-import", str(path), "--reviewer", "Aiko")
    assert (
        "Skipped UI strings row 2" in result.output and "Skipped UI strings row 3" in result.output
    )
    assert "Skipped Vocabulary row 2" in result.output
    assert "2 ledger rows for text that no longer exists removed" in result.output
    assert len(ledger.read_text("utf-8").splitlines()) == 2


def test_rows_changed_since_the_export_are_skipped_and_named(review, checkout):
    path, book = export(review, checkout, "r.xlsx", "--language", "km")
    ui = book["UI strings"]
    english = get(ui, 2, "English")
    put(ui, 2, "Reviewed (yes/no)", "yes")
    put(ui, 3, "Reviewed (yes/no)", "yes")
    book.save(path)
    po = checkout / "jobfair" / "translations" / "km" / "LC_MESSAGES" / "messages.po"
    old = catalog(checkout, "km").get(english).string
    po.write_text(po.read_text("utf-8").replace(f'msgstr "{old}"', 'msgstr "ថ្មី"', 1), "utf-8")
    result = review("review-import", str(path), "--reviewer", "Sokha")
    assert result.exit_code == 0, result.output
    assert "Skipped UI strings row 2: the text changed since the export" in result.output
    assert "Khmer UI strings: 1 of " in result.output


def corrupt_header(book):
    put(book["UI strings"], 1, "English", "Source")


def lose_placeholder(book):
    sheet = book["UI strings"]
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if "%(" in (r[2].value or ""))
    put(sheet, row, "Corrected translation", "no placeholder left")


def lose_placeholder_and_its_source(book):
    sheet = book["UI strings"]
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if "%(" in (r[2].value or ""))
    put(sheet, row, "English", "no placeholder")  # the current English counts, not the file's
    put(sheet, row, "Corrected translation", "no placeholder left")


def say_maybe(book):
    put(book["Vocabulary"], 2, "Reviewed (yes/no)", "maybe")


def write_a_formula(book):
    put(book["Vocabulary"], 3, "Corrected term", '=HYPERLINK("http://x","y")')


def invent_an_id(book):
    put(book["UI strings"], 2, "ID", "not-an-id")
    put(book["UI strings"], 2, "Reviewed (yes/no)", "yes")


def repeat_a_row(book):
    sheet = book["UI strings"]
    for column in ("ID", "Check"):
        put(sheet, 3, column, get(sheet, 2, column))
    put(sheet, 2, "Reviewed (yes/no)", "yes")
    put(sheet, 3, "Reviewed (yes/no)", "yes")


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (corrupt_header, "the columns are not the exported ones"),
        (lose_placeholder, "must keep the placeholders"),
        (lose_placeholder_and_its_source, "must keep the placeholders"),
        (say_maybe, "Reviewed must be yes or no, not 'maybe'"),
        (write_a_formula, "holds a formula"),
        (invent_an_id, "'not-an-id' is not an ID"),
        (repeat_a_row, "is also in row 2"),
    ],
)
def test_a_bad_workbook_changes_nothing_and_says_why(
    review, checkout, khmer_workbook, spoil, message
):
    path = checkout / "review.xlsx"
    book = load_workbook(io.BytesIO(khmer_workbook))
    ui = book["UI strings"]
    put(ui, 4, "Corrected translation", get(ui, 4, "Translation") + "?")
    put(book["Vocabulary"], 4, "Reviewed (yes/no)", "yes")  # good rows beside the bad one
    spoil(book)
    book.save(path)
    before = tree_digest(checkout)
    result = review("review-import", str(path), "--reviewer", "Sokha")
    assert result.exit_code != 0
    assert "Nothing was changed" in result.output and message in result.output
    assert tree_digest(checkout) == before


def test_a_file_that_is_not_a_workbook_changes_nothing(review, checkout):
    bogus = checkout / "review.xlsx"
    bogus.write_text("ID,Language\n", "utf-8")
    before = tree_digest(checkout)
    result = review("review-import", str(bogus), "--reviewer", "Sokha")
    assert result.exit_code != 0 and "is not an Excel workbook (.xlsx)" in result.output
    assert tree_digest(checkout) == before


def test_text_that_looks_like_a_formula_is_exported_inert_and_read_back_as_written(
    review, checkout
):
    po = checkout / "jobfair" / "translations" / "ja" / "LC_MESSAGES" / "messages.po"
    english = catalog(checkout, "ja").get("%(column)s is empty").id
    old = catalog(checkout, "ja").get(english).string
    po.write_text(po.read_text("utf-8").replace(f'msgstr "{old}"', 'msgstr "=1+1 %(column)s"', 1))
    path, book = export(review, checkout, "r.xlsx", "--language", "ja")
    sheet = book["UI strings"]
    row = rows_by(sheet, "English", english)
    cell = sheet.cell(row=row, column=5)
    assert cell.value == "'=1+1 %(column)s" and cell.data_type == "s"
    assert workbook.plain(safe_cell("=1+1")) == "=1+1"
    assert workbook.plain("'plain") == "'plain"  # an apostrophe the text really has stays
    put(sheet, row, "Corrected translation", "'-%(column)s が空です")
    book.save(path)
    result = review("review-import", str(path), "--reviewer", "Aiko")
    assert result.exit_code == 0, result.output
    assert catalog(checkout, "ja").get(english).string == "-%(column)s が空です"


def test_the_readme_states_the_reviewed_counts(runner):
    """The README's line is the ledger's: reviewed counts change only through review-import."""
    readme = (ROOT / "README.md").read_text("utf-8")
    line = next(line for line in readme.splitlines() if line.startswith(README_PREFIX))
    result = runner.invoke(args=["review-status"])
    assert result.exit_code == 0, result.output
    said = [int(n.replace(",", "")) for n in line.split() if n.replace(",", "").isdigit()]
    counted = [
        int(text.split(": ")[1].split(" of ")[0])
        for text in result.output.splitlines()
        if " of " in text
    ]
    assert said[0::2] == counted  # Khmer UI, Khmer vocabulary, Japanese UI, Japanese vocabulary
