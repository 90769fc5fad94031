"""A candidate's rights over their data: a copy of everything held, and erasure."""

from datetime import datetime

import sqlalchemy as sa

from .. import rirekisho, uploads
from ..extensions import db
from ..models import (
    Application,
    ApplicationNote,
    BoothLead,
    Departure,
    Interview,
    PassedTest,
    Scorecard,
    User,
)
from ..models.audit import record_audit
from ..models.surveys import SurveyInvitation, answers_held
from .profile import PROFILE_FIELDS
from .registration import applications_of, interviews_of


def export_data(user: User) -> dict:
    """Everything the platform holds about a candidate, as JSON-ready data."""
    profile = user.profile

    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "account": {
            "email": user.email,
            "phone": user.phone,
            "name": user.display_name,
            "language": user.locale,
            "created_at": when(user.created_at),
            "last_login_at": when(user.last_login_at),
        },
        "profile": {
            **{name: getattr(profile, name) for name in PROFILE_FIELDS},
            "cv_file": profile.cv_original_name,
            "cv_text": profile.cv_text,
            "consent_version": profile.consent_version,
            "consent_at": when(profile.consent_at),
            "share_contact": profile.share_contact,
        },
        "registrations": [
            {
                "event": r.event.name,
                "registered_at": when(r.registered_at),
                "checked_in_at": when(r.checked_in_at),
                "source": r.source,
            }
            for r in profile.registrations
        ],
        "applications": [
            {
                "role": a.role.title,
                "company": a.role.organization.name,
                "status": a.status,
                "applied_at": when(a.created_at),
            }
            for a in applications_of(profile)
        ],
        "interviews": [
            {"role": i.application.role.title, "starts_at": when(i.starts_at), "status": i.status}
            for i in interviews_of(profile)
        ],
        # Who met them at a booth; like applications' notes, the company's own notes stay its.
        "booth_scans": [
            {
                "company": lead.organization.name,
                "event": lead.event.name,
                "met_at": when(lead.met_at),
                "withdrawn_at": when(lead.withdrawn_at),
            }
            for lead in db.session.scalars(
                sa.select(BoothLead).where(BoothLead.candidate_id == profile.id)
            )
        ],
        "evaluations_held_by_companies": evaluations_held(profile),
        "rirekisho": rirekisho.exported(profile),
        "offers": [
            {
                "role": o.role.title,
                "company": o.role.organization.name,
                "salary": o.salary,
                "currency": o.currency,
                "starts_on": o.starts_on.isoformat(),
                "note": o.note,
                "status": o.status,
                "offered_at": when(o.decided_at),
                "answered_at": when(o.responded_at),
            }
            for a in applications_of(profile)
            for o in a.offers
        ],
        "tests_passed": [
            {
                "kind": t.kind,
                "field": t.field,
                "passed_on": t.passed_on.isoformat(),
                "detail": t.detail,
            }
            for t in db.session.scalars(
                sa.select(PassedTest).where(PassedTest.candidate_id == profile.id)
            )
        ],
        "departure_steps": [
            {
                "company": d.application.role.organization.name,
                "step": s.step,
                "done_on": s.done_on.isoformat(),
            }
            for d in db.session.scalars(
                sa.select(Departure)
                .join(Application, Application.id == Departure.application_id)
                .where(Application.candidate_id == profile.id)
            )
            for s in d.steps
        ],
        # Organizers' surveys: the questions as they were asked, the answers as written.
        "survey_answers": answers_held(user, user.locale or "en"),
    }


def evaluations_held(profile) -> list[dict]:
    """Which company holds interview scorecards and team notes about the candidate, and how
    many: never their contents (see docs/candidates.md, "Your data").

    They are personal data (a right of access covers them), but they are each company's
    deliberation about its hiring, with colleagues' names and opinions in them; the company
    answers a request for them, weighing the rights of its interviewers (GDPR Art. 15(4)).
    """
    counts = {}
    for model in (Scorecard, ApplicationNote):
        rows = db.session.execute(
            sa.select(model.application_id, sa.func.count(model.id))
            .join(Application, Application.id == model.application_id)
            .where(Application.candidate_id == profile.id)
            .group_by(model.application_id)
        )
        for application_id, number in rows:
            counts.setdefault(application_id, {})[model] = number
    held = []
    for application in applications_of(profile):
        if application.id in counts:
            held.append(
                {
                    "company": application.role.organization.name,
                    "role": application.role.title,
                    "interview_scorecards": counts[application.id].get(Scorecard, 0),
                    "team_notes": counts[application.id].get(ApplicationNote, 0),
                }
            )
    return held


def erase_candidate(user: User, *, actor: User | None = None, reason: str = "request") -> None:
    """Erase a candidate's personal data: account, profile, CV, rirekisho and its photo,
    applications, interviews, companies' booth scans, survey answers.

    Each event keeps anonymous counts of the registrations and check-ins erased, so
    its statistics stay whole. The audit log records the erasure without personal data.
    """
    profile = user.profile
    if profile is not None:
        for registration in profile.registrations:
            event = registration.event
            event.erased_registrations += 1
            if registration.checked_in_at is not None:
                event.erased_checkins += 1
        if profile.cv_filename:
            uploads.delete_cv(profile.cv_filename)  # once the erasure commits
        rirekisho.erase(profile)  # and its photo, once the erasure commits
        record_audit(actor or user, "candidate_erased", None, reason=reason, user_id=user.id)
        db.session.execute(sa.delete(Interview).where(Interview.candidate_id == profile.id))
        db.session.execute(sa.delete(Application).where(Application.candidate_id == profile.id))
        db.session.execute(sa.delete(BoothLead).where(BoothLead.candidate_id == profile.id))
        db.session.delete(profile)
        db.session.flush()
    # Survey answers are personal data: they go with the person (the counts with them).
    db.session.execute(sa.delete(SurveyInvitation).where(SurveyInvitation.user_id == user.id))
    db.session.delete(user)
    db.session.flush()
