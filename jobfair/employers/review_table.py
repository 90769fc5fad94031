"""The shortlist as a table for desktop review: its columns, and the saved views that
remember a recruiter's filters, columns and layout for the whole company.

A saved view stores what the shortlist's URL held. It is read back through `view_params`,
which keeps only the parameters and values the shortlist knows today, so a view saved long
ago (or a row written by hand) never brings an unknown column or filter onto a page.
"""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from ..extensions import db
from ..labels import LANGUAGE_LABELS, LANGUAGE_LEVEL_LABELS
from ..models import CandidateProfile, Organization, Role, SavedView, User, record_audit
from .errors import RecruitingError
from .shortlist_query import STATUSES, QueryError, ShortlistQuery
from .shortlists import SHORTLIST_FILTERS

# The columns a recruiter picks from, in the order the table shows them.
COLUMNS = {
    "rank": _l("Rank"),
    "name": _l("Candidate"),
    "fit": _l("Fit"),
    "japanese": _l("Japanese"),
    "languages": _l("Other languages"),
    "education": _l("Education"),
    "experience": _l("Experience (years)"),
    "skills": _l("Skills"),
    "location": _l("Province"),
    "status": _l("Pipeline status"),
    "applied": _l("Applied"),
}
DEFAULT_COLUMNS = ("rank", "name", "fit", "japanese", "education", "experience", "status")
MODES = ("cards", "table")
DEFAULT_MODE = "cards"  # phones first; a desktop recruiter switches once, it is remembered
# One value each; `status` and `col` may repeat.
SCALAR_PARAMS = (
    "section", "sort", "q", "province", "programme", "education_min", "attended", "rejected",
    *SHORTLIST_FILTERS,
)  # fmt: skip
MAX_VIEWS = 50
MAX_NAME = 80


def chosen_columns(values) -> list[str]:
    """The known columns among `values`, in the table's order (the defaults if none)."""
    wanted = set(values or ())
    found = [name for name in COLUMNS if name in wanted]
    return found or list(DEFAULT_COLUMNS)


def view_params(role: Role, stored) -> tuple[dict, bool]:
    """A saved view's parameters the shortlist accepts for `role`, and whether anything
    stored was left out (unknown, of the wrong type, or no longer a choice)."""
    if not isinstance(stored, dict):
        return {"view": DEFAULT_MODE, "col": list(DEFAULT_COLUMNS)}, True
    kept, dropped = {}, False
    for name, value in stored.items():
        if name in SCALAR_PARAMS and isinstance(value, str) and _accepted(role, name, value):
            kept[name] = value
        elif name == "status" and _strings(value):
            kept[name] = [v for v in value if v in STATUSES]
            dropped |= len(kept[name]) != len(value)
        elif name == "col" and _strings(value):
            kept[name] = [v for v in value if v in COLUMNS]
            dropped |= len(kept[name]) != len(value)
        elif name == "view" and value in MODES:
            kept[name] = value
        else:
            dropped = True
    return kept, dropped


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _accepted(role: Role, name: str, value: str) -> bool:
    try:
        ShortlistQuery.from_args(role, MultiDict({name: value}))
    except QueryError:
        return False
    return True


def views_of(organization: Organization) -> list[SavedView]:
    return list(
        db.session.scalars(
            sa.select(SavedView)
            .where(SavedView.organization_id == organization.id)
            .order_by(SavedView.name, SavedView.id)
        )
    )


def save_view(role: Role, user: User, name: str, params: dict) -> SavedView:
    """Save the shortlist's current parameters under `name` for the user's company; the
    caller commits. Only what `view_params` accepts is stored."""
    name = " ".join((name or "").split())[:MAX_NAME]
    if not name:
        raise RecruitingError(_l("Give the view a name."))
    organization = user.organization
    taken = db.session.scalar(
        sa.select(SavedView.id).where(
            SavedView.organization_id == organization.id, SavedView.name == name
        )
    )
    if taken:
        raise RecruitingError(_l("Your company has a view with this name; choose another."))
    if len(views_of(organization)) >= MAX_VIEWS:
        raise RecruitingError(_l("Your company has too many saved views; delete one first."))
    kept, _dropped = view_params(role, params)
    view = SavedView(organization=organization, created_by=user, name=name, params=kept)
    db.session.add(view)
    db.session.flush()
    record_audit(user, "save_view", role, view=view.id)
    return view


def delete_view(view: SavedView, user: User) -> None:
    record_audit(user, "delete_view", view, name=view.name)
    db.session.delete(view)


# --- what a cell shows --------------------------------------------------------------------


def japanese_level(profile: CandidateProfile) -> str:
    """The candidate's Japanese level as the reader names it ("JLPT N4"), or ""."""
    for record in profile.languages or []:
        if record.get("language") == "Japanese":
            level = record.get("level")
            return str(LANGUAGE_LEVEL_LABELS.get(level, level or ""))
    return ""


def other_languages(profile: CandidateProfile) -> list[str]:
    """Every language but Japanese, with its level: "Khmer (Native speaker)"."""
    found = []
    for record in profile.languages or []:
        language = record.get("language")
        if language == "Japanese":
            continue
        level = record.get("level")
        name = str(LANGUAGE_LABELS.get(language, language))
        found.append(f"{name} ({LANGUAGE_LEVEL_LABELS.get(level, level)})" if level else name)
    return found


def experience_years(profile: CandidateProfile) -> int | None:
    """The years of the past jobs the candidate listed; None when none gives years."""
    years = [
        job.get("years")
        for job in profile.past_jobs or []
        if isinstance(job.get("years"), int | float)
    ]
    return int(sum(years)) if years else None
