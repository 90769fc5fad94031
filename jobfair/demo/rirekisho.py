"""Confirmed rirekisho for demo candidates who applied to Japanese companies, with drawn
placeholder photos (a silhouette: no real face), so recruiters can open one like a CV."""

import io
import random
import re
from datetime import date

import sqlalchemy as sa
from PIL import Image, ImageDraw

from .. import rirekisho
from ..extensions import db
from ..models import Application, CandidateProfile, Organization, Role
from ..rirekisho_terms import job_title_ja

HOW_MANY = 12
JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
BACKGROUNDS = ((206, 222, 240), (222, 230, 236), (214, 232, 226), (236, 228, 214))
# Motivation as a JLPT N4 learner writes it: short sentences, the kanji of N5–N4, spaces
# where a learner leaves them.
OPENINGS = (
    "わたしは 日本の 会社で 働きたいです。",
    "日本で {title}の 仕事を したいと 思っています。",
    "{company}の 仕事に きょうみが あります。",
)
MIDDLES = (
    "カンボジアで {years}年 {title}として 働きました。",
    "学校で {field}を 勉強しました。",
    "毎日 一時間 日本語を 勉強しています。",
)
STRENGTHS = (
    "まじめで、時間を 守ります。",
    "体が じょうぶで、休んだことが ありません。",
    "チームで 働くのが 好きです。",
    "新しいことを 学ぶのが 好きです。",
)
ENDINGS = (
    "日本の ぎじゅつを 学んで、カンボジアの 家族を たすけたいです。",
    "いっしょうけんめい がんばります。よろしく おねがいします。",
    "しょうらいは カンボジアで 日本の 会社と いっしょに 働きたいです。",
)


def add_demo_rirekisho(seed: int) -> int:
    """Rirekisho for up to HOW_MANY consenting candidates with an application to a Japanese
    company; returns how many were made."""
    rng = random.Random(f"{seed}-rirekisho")
    rows = db.session.execute(
        sa.select(CandidateProfile, Organization.name)
        .join(Application, Application.candidate_id == CandidateProfile.id)
        .join(Role, Role.id == Application.role_id)
        .join(Organization, Organization.id == Role.organization_id)
        .where(Organization.country == "JP", CandidateProfile.consent_at.is_not(None))
        .order_by(CandidateProfile.id, Application.id)
    ).all()
    companies = {}
    for profile, company in rows:
        companies.setdefault(profile, company)
    made = 0
    for profile, company in list(companies.items())[:HOW_MANY]:
        found = rirekisho.start(profile)
        _fill(found, profile, company, rng)
        rirekisho.set_photo(found, placeholder_photo(rng))
        rirekisho.confirm(found)
        made += 1
    db.session.flush()
    return made


def _fill(found, profile, company: str, rng: random.Random) -> None:
    born_year = profile.birth_year or rng.randint(1996, 2004)
    found.birth_date = date(born_year, rng.randint(1, 12), rng.randint(1, 28))
    found.postal_code = f"12{rng.randint(0, 9)}{rng.randint(0, 9)}0{rng.randint(1, 9)}"
    found.address = f"{found.address} 第{rng.randint(1, 9)}区 {rng.randint(10, 300)}番"
    found.education = _dated_schools(found.education, born_year)
    found.jobs = _dated_jobs(found.jobs, profile.past_jobs or [], rng)
    found.licences = [
        {**line, "year": line["year"] or rng.choice((2024, 2025)),
         "month": line["month"] or rng.choice((7, 12))}  # JLPT is held in July and December
        for line in found.licences
    ]  # fmt: skip
    title = job_title_ja(profile.headline or "")
    if not JAPANESE.search(title):
        title = "工員"  # the title has no Japanese name: "a factory worker"
    years = next((j.get("years") for j in profile.past_jobs or [] if j.get("years")), 1)
    field = profile.education_field
    words = {"title": title, "company": company, "years": years, "field": field}
    middles = [m for m in MIDDLES if field or "{field}" not in m]
    parts = [rng.choice(OPENINGS), rng.choice(middles), *rng.sample(STRENGTHS, 2)]
    found.motivation = "".join(p.format(**words) for p in [*parts, rng.choice(ENDINGS)])


def _dated_schools(lines: list[dict], born: int) -> list[dict]:
    """School years by age in Cambodia: grade 9 ends at about 15, grade 12 at 18; a school
    year starts in November and ends in August."""
    schools = {  # school: (age on leaving, years it takes); 大学院 before 大学
        "中学校": (15, 3), "高等学校": (18, 3), "職業訓練校": (20, 2), "専門学校": (20, 2),
        "大学院": (24, 2), "大学": (22, 4),
    }  # fmt: skip
    dated = []
    for line in lines:
        text = line["text"]
        school = next((s for s in schools if text.startswith(s)), None)
        leaving, years = schools.get(school, (18, 3))
        if text.endswith("入学"):
            year, month = born + leaving - years, 11
        else:
            year, month = born + leaving, 8
        dated.append({"year": year, "month": month, "text": text})
    return dated


def _dated_jobs(lines: list[dict], past_jobs: list[dict], rng: random.Random) -> list[dict]:
    """Each job's years end one after the other up to this year."""
    today = date.today()
    end = today.year - rng.randint(0, 1)
    spans = [max(int(j.get("years") or 1), 1) for j in past_jobs if j.get("employer")]
    if len(lines) != 2 * len(spans):  # a job without an employer: left for the candidate
        return lines
    dated, pairs = [], list(zip(lines[::2], lines[1::2], strict=False))
    for (entered, left), years in zip(reversed(pairs), reversed(spans), strict=False):
        start = end - years
        dated[:0] = [
            {**entered, "year": start, "month": rng.randint(1, 12)},
            {
                **left,
                "year": end,
                "month": rng.randint(1, today.month if end == today.year else 12),
            },
        ]
        end = start
    return dated


def placeholder_photo(rng: random.Random) -> bytes:
    """A 3:4 PNG of a plain silhouette on a light background (no one's face)."""
    width, height = 300, 400
    image = Image.new("RGB", (width, height), rng.choice(BACKGROUNDS))
    draw = ImageDraw.Draw(image)
    shade = rng.choice(((88, 96, 110), (70, 78, 92), (100, 104, 112)))
    draw.ellipse((95, 70, 205, 200), fill=shade)  # head
    draw.rectangle((135, 190, 165, 235), fill=shade)  # neck
    draw.ellipse((40, 220, 260, 470), fill=shade)  # shoulders
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
