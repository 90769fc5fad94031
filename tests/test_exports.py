import csv
import io

import pytest
from openpyxl import load_workbook

from jobfair.exports import Sheet, csv_bytes, safe_cell, xlsx_bytes

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=HYPERLINK()", " =1", "＝1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_is_neutralised(text):
    assert safe_cell(text).startswith("'")


@pytest.mark.parametrize("value", ["Sok Dara", "សុខ ដារា", "日本語 N4", 42, 3.5])
def test_plain_values_pass_unchanged(value):
    assert safe_cell(value) == value


def test_csv_has_no_live_formula_and_keeps_khmer():
    sheet = Sheet("Shortlist", ["Name", "Note"], [["សុខ ដារា", '=HYPERLINK("x")'], ["A", 7]])
    text = csv_bytes(sheet).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["Name", "Note"], ["សុខ ដារា", '\'=HYPERLINK("x")'], ["A", "7"]]


def test_xlsx_stores_text_not_formulas_one_sheet_each():
    sheets = [
        Sheet("By province", ["Province", "Count"], [["=cmd|' /C calc'!A0", 3]]),
        Sheet("By province", ["Level", "Count"], [["N4", 2]]),
    ]
    workbook = load_workbook(io.BytesIO(xlsx_bytes(sheets)))
    assert workbook.sheetnames == ["By province", "By province (2)"]
    first = workbook["By province"]
    assert first["A2"].value == "'=cmd|' /C calc'!A0"
    assert first["A2"].data_type == "s"
    assert first["B2"].value == 3
