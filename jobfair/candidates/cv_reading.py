"""What a CV says: its text read outside the request, and the skills, job titles and languages
found in it, offered to the candidate. Nothing reaches the profile without their click.

Reading photos (OCR) takes seconds to tens of seconds per page, longer than a request should
wait on a phone, so it runs in one background thread per process; the CV page shows that the
text is being read until it is done. The queue is bounded (MAX_QUEUED uploads per process,
the one being read included): past it a new photo upload is refused with a message to try
again shortly, rather than queueing hours of OCR. A read that never finished (the process
was stopped) is given up after READ_GIVE_UP, and `forget_unfinished` (run when the server
starts) clears every "reading" mark at once, so no profile says "reading" for ever.
(The durable job queue is a later issue: a restart loses the queued reads, not the CVs.)
"""

import logging
import re
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask
from flask_babel import lazy_gettext as _l

from matching.levels import language_record
from matching.lexicon import Lexicon
from matching.scripts import fold

from .. import photos
from ..extensions import db
from ..fields import COMMON_SKILLS, MAX_SKILL_LENGTH, MAX_SKILLS
from ..labels import LANGUAGE_LABELS
from ..models import CandidateProfile
from ..models.base import utcnow

log = logging.getLogger(__name__)

READ_GIVE_UP = timedelta(minutes=10)
MAX_SUGGESTIONS = 12
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cv-ocr")
# Six dense pages take a few minutes to read: four uploads waiting is already a long wait.
MAX_QUEUED = 4
QUEUE_FULL = _l(
    "Many CVs are being read right now. Please send your photos again in a few minutes."
)
_queued = 0
_queue_lock = threading.Lock()

# "Japanese N4", "日本語能力試験 N3", "ភាសាជប៉ុន N5", "English B1", "英語 B2", "JFT-Basic A2".
_LANGUAGE_WORDS = (
    r"(?:japanese|jlpt|日本語(?:能力試験)?|ភាសាជប៉ុន|ជប៉ុន|english|英語|ភាសាអង់គ្លេស|អង់គ្លេស)"
)
_LANGUAGE = re.compile(_LANGUAGE_WORDS + r"[^0-9a-z\n]{0,20}?\b(n[1-5]|[abc][12])\b", re.I)
_LANGUAGE_AFTER = re.compile(r"\b(n[1-5])\s*\(?\s*(?:jlpt|japanese|日本語)", re.I)
_JFT = re.compile(r"jft[\s-]*basic", re.I)


def is_reading(profile: CandidateProfile) -> bool:
    started = profile.cv_read_started_at
    return started is not None and utcnow() - started < READ_GIVE_UP


def start_reading(profile: CandidateProfile) -> None:
    """Mark the CV's text as being read (the caller commits before `read_in_background`)."""
    profile.cv_text = ""
    profile.cv_read_started_at = utcnow()


def queue_is_full() -> bool:
    return _queued >= MAX_QUEUED


def read_in_background(app: Flask, profile_id: int, filename: str, pages) -> Future:
    """Read the photos' text in the background and store it if that CV is still the one."""
    global _queued
    with _queue_lock:
        _queued += 1
    return _executor.submit(_read_and_store, app, profile_id, filename, pages)


def _done_reading() -> None:
    global _queued
    with _queue_lock:
        _queued = max(_queued - 1, 0)


def forget_unfinished() -> int:
    """Clear every "reading" mark (at start-up: no read of an earlier process will finish);
    returns how many profiles had one. The caller commits."""
    result = db.session.execute(
        sa.update(CandidateProfile)
        .where(CandidateProfile.cv_read_started_at.is_not(None))
        .values(cv_read_started_at=None)
    )
    return result.rowcount


def _read_and_store(app: Flask, profile_id: int, filename: str, pages) -> None:
    try:
        _read_and_store_now(app, profile_id, filename, pages)
    finally:
        _done_reading()


def _read_and_store_now(app: Flask, profile_id: int, filename: str, pages) -> None:
    try:
        text = photos.read_text(pages)
    except Exception:  # noqa: BLE001 - a failed read must still end the "reading" state
        log.exception("reading CV photos failed")
        text = ""
    with app.app_context():
        try:
            store_text(profile_id, filename, text)
        finally:
            db.session.remove()


def store_text(profile_id: int, filename: str, text: str) -> bool:
    """Keep the text read from a CV, unless the candidate replaced or removed it meanwhile."""
    profile = db.session.get(CandidateProfile, profile_id)
    if profile is None or profile.cv_filename != filename:
        return False
    profile.cv_text = text[:20_000]
    profile.cv_read_started_at = None
    profile.updated_at = utcnow()
    db.session.commit()
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
