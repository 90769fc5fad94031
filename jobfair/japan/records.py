"""A candidate's tests passed, with dates: SSW skill tests and Technical Intern Training (ii)
as `PassedTest` rows, JLPT / JFT-Basic as the profile's Japanese language record (with its
`certified_on`; one owner for a language level). Plain functions; the caller commits."""

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from matching import levels

from ..extensions import db
from ..models import CandidateProfile, PassedTest, PassedTestKind, record_audit
from ..models.base import people_today, utcnow


class RecordError(Exception):
    """A test the rules refuse; the message is shown to the candidate."""


def _check_date(passed_on: date) -> None:
    if passed_on > people_today():
        raise RecordError(_l("The date cannot be in the future."))


def add_passed_test(
    profile: CandidateProfile, *, kind: str, field: str, passed_on: date, detail: str = ""
) -> PassedTest:
    """Record a skill test or a completed TITP (ii) of a field; one per kind and field."""
    _check_date(passed_on)
    duplicate = db.session.scalar(
        sa.select(PassedTest.id).where(
            PassedTest.candidate_id == profile.id,
            PassedTest.kind == kind,
            PassedTest.field == field,
        )
    )
    if duplicate is not None:
        raise RecordError(
            _l("You already recorded this test for this field. Remove it first to change it.")
        )
    test = PassedTest(
        candidate_id=profile.id,
        kind=PassedTestKind(kind),
        field=field,
        passed_on=passed_on,
        detail=(detail or "").strip()[:200],
    )
    db.session.add(test)
    record_audit(profile.user, "passed_test_added", profile, kind=kind, field=field)
    return test


def remove_passed_test(test: PassedTest) -> None:
    db.session.delete(test)


def tests_of(profile: CandidateProfile) -> list[PassedTest]:
    return list(
        db.session.scalars(
            sa.select(PassedTest)
            .where(PassedTest.candidate_id == profile.id)
            .order_by(PassedTest.passed_on.desc(), PassedTest.id.desc())
        )
    )


def japanese_record(profile: CandidateProfile) -> dict | None:
    return next((r for r in profile.languages or [] if r.get("language") == "Japanese"), None)


def certified_on(record: dict | None) -> date | None:
    """The day a language record's certificate was issued, if the candidate gave it."""
    try:
        return date.fromisoformat(record["certified_on"]) if record else None
    except (KeyError, TypeError, ValueError):
        return None


def set_japanese_certificate(profile: CandidateProfile, *, level: str, certified_on: date) -> None:
    """Make `level` (N5–N1 or "JFT-Basic A2") the profile's Japanese, certified on that day:
    the same record the profile form and ranking read, replaced rather than added."""
    _check_date(certified_on)
    if level not in levels.JAPANESE_SCALE or level == levels.NATIVE:
        raise RecordError(_l("Choose one of the listed options."))
    others = [r for r in profile.languages or [] if r.get("language") != "Japanese"]
    record = levels.language_record({"language": "Japanese", "level": level})
    record["certified_on"] = certified_on.isoformat()
    profile.languages = [*others, record]
    profile.updated_at = utcnow()
