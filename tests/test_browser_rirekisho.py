"""A rirekisho walked in Chromium: a candidate on a phone, in Japanese, checks the proposal,
fixes the katakana, fills the years, uploads a photo and confirms; a Japanese recruiter on
a desktop opens it from the candidate's page and downloads the PDF, which is read (pypdf)
and rendered to PNG to look at; the candidate's page also in Khmer."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect
from pypdf import PdfReader

from jobfair.extensions import db
from jobfair.models import Application, ApplicationStatus
from tests.conftest import ARTIFACTS, PASSWORD, PHONE
from tests.employers.conftest import fair  # noqa: F401 (the small fair's fixture)
from tests.support.axe import serious_violations
from tests.support.browser import log_in

pytestmark = pytest.mark.browser
WIDE = {"viewport": {"width": 1366, "height": 900}}


def fits(page, width: int) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways ({scroll}px)"


@pytest.fixture
def applied(fair):  # noqa: F811
    """Sokha Chan (Khmer name written too, JLPT N4 passed in July 2025) applied to the
    Japanese company's welder role."""
    profile = fair.candidate.profile
    profile.full_name = "Sokha Chan"
    profile.name_khmer = "សុខា ចាន់"
    profile.languages = [
        {"language": "Khmer", "level": "native"},
        {"language": "Japanese", "test": "JLPT", "level": "N4", "certified_on": "2025-07-06"},
    ]
    profile.past_jobs = [{"title": "Welder", "employer": "Angkor Steel", "years": 2}]
    fair.candidate.locale = "ja"
    fair.recruiter.locale = "ja"
    db.session.add(
        Application(
            role=fair.role,
            candidate=profile,
            status=ApplicationStatus.SHORTLISTED,
            applied_by_candidate=True,
        )
    )
    db.session.commit()
    return fair


def face_photo(path: Path) -> Path:
    image = Image.new("RGB", (900, 1200), (214, 226, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((300, 220, 600, 560), fill=(80, 88, 100))
    draw.ellipse((150, 600, 750, 1400), fill=(80, 88, 100))
    image.save(path, format="JPEG")
    return path


def test_candidate_confirms_and_a_japanese_recruiter_downloads_the_pdf(
    live_server, browser, screenshot, applied, tmp_path
):
    held = applied
    base = live_server.url
    phone_context = browser.new_context(**PHONE)
    phone = phone_context.new_page()
    log_in(phone, base, held.candidate.email, "ja", PASSWORD)
    phone.goto(f"{base}/me/")
    phone.get_by_role("link", name="日本式の履歴書（厚生労働省様式）").click()
    phone.wait_for_url("**/me/rirekisho")
    assert phone.input_value("#name_kana") == "ソカ・チャン"  # the proposal
    assert phone.input_value("#education-2-text") == "高等学校 卒業"
    assert phone.input_value("#licences-0-text") == "日本語能力試験 N4 合格"
    assert phone.input_value("#licences-0-year") == "2025"
    expect(phone.locator("#rirekisho-status").first).to_contain_text(
        "これは提案です", use_inner_text=True
    )
    fits(phone, 390)
    screenshot(phone, "rirekisho-candidate-proposal-ja")

    phone.fill("#name_kana", "Sokha")  # refused: not katakana
    phone.get_by_role("button", name="保存して確認する").click()
    expect(phone.locator("#name_kana-error").first).to_contain_text(
        "カタカナだけ", use_inner_text=True
    )
    phone.fill("#name_kana", "ソカー・チャン")  # the candidate's own reading
    phone.fill("#birth_date", "2001-04-20")
    for row, (year, month) in enumerate([(2016, 8), (2016, 11), (2019, 8)]):
        phone.fill(f"#education-{row}-year", str(year))
        phone.fill(f"#education-{row}-month", str(month))
    phone.fill("#education-2-text", "プレアシソワット高等学校 卒業")
    for row, (year, month) in enumerate([(2020, 1), (2022, 3)]):
        phone.fill(f"#jobs-{row}-year", str(year))
        phone.fill(f"#jobs-{row}-month", str(month))
    phone.fill("#motivation", "日本で 溶接の 仕事を したいです。まじめで、時間を 守ります。")
    phone.get_by_role("button", name="保存", exact=True).click()
    expect(phone.locator(".flashes").first).to_contain_text("保存しました", use_inner_text=True)
    phone.set_input_files("#photo", str(face_photo(tmp_path / "me.jpg")))
    phone.get_by_role("button", name="写真をアップロードする").click()
    expect(phone.locator(".flashes").first).to_contain_text(
        "写真を保存しました", use_inner_text=True
    )
    # The photo is a separate request: wait until the browser has decoded it (a broken image never
    # gets a width, so this fails after the timeout rather than passing).
    phone.wait_for_function(
        "() => { const img = document.querySelector('img.rirekisho-photo');"
        " return img !== null && img.complete && img.naturalWidth > 0; }",
        timeout=10_000,
    )
    phone.get_by_role("button", name="保存して確認する").click()
    expect(phone.locator("#rirekisho-status").first).to_contain_text(
        "確認済み", use_inner_text=True
    )
    fits(phone, 390)
    assert serious_violations(phone) == []
    screenshot(phone, "rirekisho-candidate-confirmed-ja")
    phone_context.close()

    khmer_context = browser.new_context(**PHONE)
    khmer = khmer_context.new_page()
    log_in(khmer, base, held.candidate.email, "km", PASSWORD)
    khmer.goto(f"{base}/me/rirekisho")
    expect(khmer.locator("#rirekisho-status").first).to_contain_text(
        "បានបញ្ជាក់រួច", use_inner_text=True
    )
    assert khmer.input_value("#name_kana") == "ソカー・チャン"
    fits(khmer, 390)
    screenshot(khmer, "rirekisho-candidate-km")
    khmer_context.close()

    desk_context = browser.new_context(**WIDE, accept_downloads=True)
    desk = desk_context.new_page()
    log_in(desk, base, held.recruiter.email, "ja", PASSWORD)
    desk.goto(f"{base}/employer/roles/{held.role.id}/candidates/{held.candidate.profile.id}")
    link = desk.get_by_role("link", name="厚生労働省様式の履歴書をダウンロード（PDF）")
    screenshot(desk, "rirekisho-recruiter-candidate-ja")
    with desk.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "rirekisho-sokha-chan.pdf"
    pdf = tmp_path / download.suggested_filename
    download.save_as(pdf)
    desk_context.close()

    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert len(reader.pages) == 2
    text = " ".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    for words in ("ソカー・チャン", "SOKHA CHAN", "2001年 4月 20日生", "学歴", "職歴", "以上",
                  "プレアシソワット高等学校 卒業", "Angkor Steel 入社", "日本語能力試験 N4 合格",
                  "溶接の", "貴社の規定に従います"):  # fmt: skip
        assert words in text, words
    assert reader.pages[0].images  # the photo

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed: the PDF was read but not rendered")
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    backend = "postgres" if "postgres" in str(db.engine.url) else "sqlite"
    stem = folder / f"rirekisho-pdf-{backend}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), str(stem)], check=True
    )
    assert Path(f"{stem}-1.png").exists()
