"""One candidate as a recruiter reviews them for a role: profile, fit, history, CV.

What is shown follows the candidate's consent and the role's blind review: under blind
review the name, gender, age, contact details and the CV file (which names the person)
stay hidden until the candidate is invited, as on the shortlist.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .. import access, ranking, uploads
from ..models import Application, CandidateProfile, Interview, Role, User, record_audit
from ..ranking import Ranked
from . import applications, interviews


@dataclass(frozen=True)
class Review:
    role: Role
    profile: CandidateProfile
    application: Application | None
    entry: Ranked | None
    revealed: bool
    interview: Interview | None

    @property
    def cv_kind(self) -> str | None:
        """ "pdf" or "docx" when the recruiter may open the CV, else None."""
        if not self.profile.cv_filename:
            return None
        if not access.cv_opens(self.role, self.profile, self.application):
            return None
        return self.profile.cv_filename.rsplit(".", 1)[-1]

    @property
    def cv_hidden_by_blind_review(self) -> bool:
        return bool(self.profile.cv_filename) and not self.revealed


def review(role: Role, profile: CandidateProfile) -> Review:
    """Everything the candidate page shows, in a few queries."""
    application = applications.applications_of(role, [profile.id]).get(profile.id)
    entries = ranking.shortlist(role, candidate_ids=[profile.id])
    return Review(
        role=role,
        profile=profile,
        application=application,
        entry=entries[0] if entries else None,
        revealed=access.is_revealed(role, application),
        interview=interviews.interview_for(application) if application else None,
    )


def cv_file_for(view: Review, actor: User, *, inline: bool) -> tuple[str, str]:
    """(path, kind) of the CV the recruiter may open; the opening is audited."""
    kind = view.cv_kind
    path = uploads.existing_cv_path(view.profile.cv_filename) if kind else None
    if path is None:
        raise LookupError(_l("No CV to show."))
    record_audit(
        actor,
        "cv_view" if inline else "cv_download",
        view.profile,
        role_id=view.role.id,
        format=kind,
    )
    return path, kind
