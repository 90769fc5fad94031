"""The recruiter's spreadsheets: a role's shortlist and its pipeline (CSV and XLSX)."""

from flask_babel import gettext as _

from .. import exports
from ..labels import EDUCATION_LABELS, STATUS_LABELS
from ..models import Role
from . import applications, shortlists


def _contact(profile) -> tuple[str, str]:
    """Contact details only for candidates who agreed to share them."""
    if not profile.share_contact:
        return "", ""
    return profile.user.email or "", profile.user.phone or ""


def _identity(role, profile, application) -> str:
    return shortlists.candidate_label(profile, shortlists.is_revealed(role, application))


def shortlist_sheet(role: Role) -> exports.Sheet:
    by_candidate = shortlists.applications_by_candidate(role)
    header = [
        _("Rank"), _("Score"), _("Reference"), _("Candidate"), _("Status"), _("Matched skills"),
        _("Missing skills"), _("Languages"), _("Education"), _("Province"), _("Email"), _("Phone"),
    ]  # fmt: skip

    def rows():
        for entry in shortlists.shortlist(role):
            application = by_candidate.get(entry.profile.id)
            revealed = shortlists.is_revealed(role, application)
            email, phone = _contact(entry.profile) if revealed else ("", "")
            yield [
                entry.rank,
                round(entry.score, 3),
                shortlists.candidate_ref(entry.profile),
                _identity(role, entry.profile, application),
                str(STATUS_LABELS.get(application.status, "")) if application else "",
                entry.explanation.get("matched_required_skills", []),
                entry.explanation.get("missing_required_skills", []),
                [
                    f"{i.get('language')} {i.get('candidate') or '-'} ({i.get('status')})"
                    for i in entry.explanation.get("languages", [])
                ],
                str(EDUCATION_LABELS.get(entry.profile.education_level, "")),
                entry.profile.province,
                email,
                phone,
            ]

    return exports.Sheet(_("Shortlist"), header, rows())


def pipeline_sheet(role: Role) -> exports.Sheet:
    header = [_("Reference"), _("Candidate"), _("Status"), _("Since"), _("Email"), _("Phone")]

    def rows():
        for application in applications.pipeline(role):
            revealed = shortlists.is_revealed(role, application)
            email, phone = _contact(application.candidate) if revealed else ("", "")
            yield [
                shortlists.candidate_ref(application.candidate),
                _identity(role, application.candidate, application),
                str(STATUS_LABELS.get(application.status, application.status)),
                application.updated_at,
                email,
                phone,
            ]

    return exports.Sheet(_("Pipeline"), header, rows())
