"""What a CV says: its text read outside the request, and the skills, job titles and languages
found in it, offered to the candidate. Nothing reaches the profile without their click.

Reading photos (OCR) takes 10–25 s a page, longer than a request should wait on a phone, so
it is a job ("cv_reading", see jobfair/jobs): a worker reads the stored PDF page by page and
the CV page says "Reading page 2 of 4" until it is done. A worker that stops loses nothing:
the job goes to another worker, and the text is kept only if that CV is still the
candidate's. At most CV_READS_WAITING reads wait or run at once (every worker together):
past that a new photo upload is refused with a message to try again shortly, rather than
queueing hours of OCR.
"""

import logging
import re

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from matching.levels import language_record
from matching.lexicon import Lexicon
from matching.scripts import fold

from .. import jobs, photos, uploads
from ..extensions import db
from ..fields import COMMON_SKILLS, MAX_SKILL_LENGTH, MAX_SKILLS
from ..jobs import handler
from ..labels import LANGUAGE_LABELS
from ..models import CandidateProfile, Job, JobStatus
from ..models.base import utcnow

log = logging.getLogger(__name__)

KIND = "cv_reading"
MAX_SUGGESTIONS = 12
QUEUE_FULL = _l(
    "Many CVs are being read right now. Please send your photos again in a few minutes."
)
UNFINISHED = (JobStatus.QUEUED, JobStatus.RUNNING)

# "Japanese N4", "日本語能力試験 N3", "ភាសាជប៉ុន N5", "English B1", "英語 B2", "JFT-Basic A2".
_LANGUAGE_WORDS = (
    r"(?:japanese|jlpt|日本語(?:能力試験)?|ភាសាជប៉ុន|ជប៉ុន|english|英語|ភាសាអង់គ្លេស|អង់គ្លេស)"
)
_LANGUAGE = re.compile(_LANGUAGE_WORDS + r"[^0-9a-z\n]{0,20}?\b(n[1-5]|[abc][12])\b", re.I)
_LANGUAGE_AFTER = re.compile(r"\b(n[1-5])\s*\(?\s*(?:jlpt|japanese|日本語)", re.I)
_JFT = re.compile(r"jft[\s-]*basic", re.I)


def reading_job(profile: CandidateProfile) -> Job | None:
    """The job reading this CV's photos, if its text is still awaited (None for a CV whose
    text came with the file or was read already)."""
    if profile.cv_read_started_at is None:
        return None
    return db.session.scalar(
        sa.select(Job)
        .where(Job.owner_id == profile.user_id, Job.kind == KIND)
        .order_by(Job.id.desc())
        .limit(1)
    )


def is_reading(profile: CandidateProfile) -> bool:
    job = reading_job(profile)
    return job is not None and job.status in UNFINISHED


def start_reading(profile: CandidateProfile) -> Job:
    """Have the stored CV's photos read by a worker once the caller commits."""
    profile.cv_text = ""
    profile.cv_read_started_at = utcnow()
    params = {"profile_id": profile.id, "filename": profile.cv_filename}
    return jobs.start(KIND, owner=profile.user, params=params)


def queue_is_full() -> bool:
    waiting = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Job)
        .where(Job.kind == KIND, Job.status.in_(UNFINISHED))
    )
    return waiting >= current_app.config["CV_READS_WAITING"]


@handler(KIND, label=_l("Reading a CV"), max_attempts=3)
def read_photos(run) -> None:
    """Job "cv_reading": read a photographed CV page by page (the CV page shows which) and
    keep the text if that CV is still the candidate's. The runner commits with the job."""
    profile_id, filename = run.params["profile_id"], run.params["filename"]
    path = uploads.existing_cv_path(filename)
    if path is None:
        return  # replaced or removed since it was sent: nothing to read
    with open(path, "rb") as handle:
        pages = photos.pdf_pages(handle.read())
    texts = []
    run.progress(0, len(pages))
    for number, page in enumerate(pages, 1):
        texts.append(photos.read_text([page]))
        run.progress(number, len(pages))
    # The only write, after the last progress report (see jobs.run on SQLite).
    store_text(profile_id, filename, " ".join(texts))


def store_text(profile_id: int, filename: str, text: str) -> bool:
    """Keep the text read from a CV, unless the candidate replaced or removed it meanwhile.
    The caller commits."""
    profile = db.session.get(
        CandidateProfile, profile_id, populate_existing=True, with_for_update=True
    )
    if profile is None or profile.cv_filename != filename:
        return False
    profile.cv_text = text[:20_000]
    profile.cv_read_started_at = None
    profile.updated_at = utcnow()
    return True


def _english_terms() -> dict[str, str]:
    """Known English skill and job-title names → "skill" or "title"."""
    known = {}
    for english, kind in Lexicon.default().terms_.values():
        if kind in ("skill", "occupation") and len(english) <= MAX_SKILL_LENGTH:
            known.setdefault(english, "skill" if kind == "skill" else "title")
    for skill in COMMON_SKILLS:
        known[skill.lower()] = "skill"
    return known


_KNOWN: dict[str, str] = {}
LANGUAGE_NAMES = {name.lower() for name in LANGUAGE_LABELS}


def found_in(text: str) -> dict[str, list]:
    """Skills, job titles (English names, shown in the reader's language) and language
    records a CV's text mentions, each once, in the order they appear."""
    global _KNOWN
    if not _KNOWN:
        _KNOWN = _english_terms()
    folded = fold(text or "")
    found = {"skills": [], "titles": [], "languages": []}
    for surface, english, kind in Lexicon.default().segments(folded):
        if english and kind in ("skill", "occupation"):
            _add(found["skills" if kind == "skill" else "titles"], english)
        elif english is None:
            _english_phrases(surface, found)
    for match in (*_LANGUAGE.finditer(text or ""), *_LANGUAGE_AFTER.finditer(text or "")):
        record = language_record(match.group(0))
        seen = {r["language"] for r in found["languages"]}
        if record and record.get("level") and record["language"] not in seen:
            found["languages"].append(record)
    if _JFT.search(text or ""):
        _add(found["languages"], {"language": "Japanese", "test": "JFT-Basic", "level": "A2"})
    return found


def _english_phrases(text: str, found: dict) -> None:
    """Known names of up to four words, longest first; a word counts in one name only."""
    words = [w.rstrip(".-") for w in re.findall(r"[a-z][a-z+#.\-]*", text.lower())]
    used = [False] * len(words)
    for size in (4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            if any(used[start : start + size]):
                continue
            phrase = " ".join(words[start : start + size])
            kind = _KNOWN.get(phrase)
            if kind and phrase not in LANGUAGE_NAMES and (size > 1 or len(phrase) > 3):
                _add(found["skills" if kind == "skill" else "titles"], phrase)
                used[start : start + size] = [True] * size


def _add(items: list, item) -> None:
    if item not in items:
        items.append(item)


def suggestions(profile: CandidateProfile) -> dict[str, list]:
    """What the CV mentions that the profile does not have yet."""
    if not profile.cv_text:
        return {"skills": [], "titles": [], "languages": []}
    found = found_in(profile.cv_text)
    have_skills = {s.lower() for s in profile.skills or []}
    have_titles = {
        profile.headline.lower(),
        *((j.get("title") or "").lower() for j in profile.past_jobs or []),
    }
    have_languages = {r["language"] for r in profile.languages or []}
    return {
        "skills": [s for s in found["skills"] if s not in have_skills][:MAX_SUGGESTIONS],
        "titles": [t for t in found["titles"] if t not in have_titles][:MAX_SUGGESTIONS],
        "languages": [r for r in found["languages"] if r["language"] not in have_languages][:4],
    }


def accept(profile: CandidateProfile, *, skills=(), titles=(), languages=()) -> int:
    """Add the suggestions the candidate ticked; anything not currently suggested is ignored.

    A title becomes the headline when there is none, else a past job. Returns how many were
    added. The caller commits.
    """
    offered = suggestions(profile)
    language_keys = {_language_key(r): r for r in offered["languages"]}
    new_skills = [s for s in offered["skills"] if s in set(skills)]
    new_titles = [t for t in offered["titles"] if t in set(titles)]
    new_languages = [language_keys[k] for k in languages if k in language_keys]
    room = MAX_SKILLS - len(profile.skills or [])
    new_skills = new_skills[: max(room, 0)]
    if new_skills:
        profile.skills = [*(profile.skills or []), *new_skills]
    for title in new_titles:
        if not profile.headline:
            profile.headline = title[:200]
        else:
            profile.past_jobs = [
                *(profile.past_jobs or []),
                {"title": title[:100], "employer": "", "years": None},
            ]
    if new_languages:
        profile.languages = [*(profile.languages or []), *new_languages]
    added = len(new_skills) + len(new_titles) + len(new_languages)
    if added:
        profile.updated_at = utcnow()
    return added


def _language_key(record: dict) -> str:
    return f"{record['language']}:{record.get('test', '')}:{record.get('level', '')}"


language_key = _language_key
