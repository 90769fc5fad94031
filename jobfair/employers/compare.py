"""Candidates of one role side by side: one column each, one row per question a recruiter
asks (fit, skills, languages, education, experience, where they are in the pipeline).

The rows are built by `ROW_BUILDERS`, one function each, in the order shown; another
source of facts (the team's ratings, say) is one more builder in that list. Every cell
reads the ranking's own explanation of the candidate (`ranking.explained`), never a
second computation of its own, and names the candidate only as blind review allows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import access, labels, ranking
from ..localize import items as listed
from ..localize import term
from ..models import Application, CandidateProfile, Role
from ..ranking import Ranked
from . import scorecards, shortlists
from .errors import RecruitingError
from .review_table import experience_years

FEWEST, MOST = 2, 4


@dataclass(frozen=True)
class Compared:
    """One candidate's column: the ranking's entry, their application, what is revealed."""

    entry: Ranked
    application: Application | None
    revealed: bool

    @property
    def profile(self) -> CandidateProfile:
        return self.entry.profile

    @property
    def label(self) -> str:
        return shortlists.candidate_label(self.entry.profile, self.revealed)


@dataclass(frozen=True)
class Item:
    """One line in a cell; `kind` styles it ("ok", "missing", "nearly", or "")."""

    text: str
    kind: str = ""


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[list[Item]] = field(default_factory=list)


def check_count(ids: list[int]) -> list[int]:
    """The distinct ids asked for, if there are 2 to 4 of them."""
    wanted = list(dict.fromkeys(ids))
    if not FEWEST <= len(wanted) <= MOST:
        raise RecruitingError(
            _l("Tick %(fewest)d to %(most)d candidates to compare.", fewest=FEWEST, most=MOST)
        )
    return wanted


def columns(role: Role, profiles: list[CandidateProfile]) -> list[Compared]:
    """The candidates' columns, in the order given, explained by the ranking."""
    entries = ranking.explained(role, [p.id for p in profiles])
    pipeline = shortlists.applications_by_candidate(role)
    found = []
    for entry in entries:
        application = pipeline.get(entry.profile.id)
        found.append(Compared(entry, application, access.is_revealed(role, application)))
    return found


def fit_cell(role: Role, column: Compared) -> list[Item]:
    ex = column.entry.explanation
    items = [
        Item(str(labels.BAND_LABELS.get(ex.get("band"), ""))),
        Item(_("Score %(score)s", score=f"{column.entry.score:.2f}")),
    ]
    if ex.get("deciding_parts"):
        parts = labels.part_labels(ex["deciding_parts"])
        items.append(Item(_("decided mostly by: %(parts)s", parts=parts)))
    return items


def skills_cell(role: Role, column: Compared) -> list[Item]:
    ex = column.entry.explanation
    items = [Item("✓ " + term(s), "ok") for s in ex.get("matched_required_skills", [])]
    items += [Item("✗ " + term(s), "missing") for s in ex.get("missing_required_skills", [])]
    asked = {s.lower() for s in role.required_skills or []}
    more = [term(s) for s in column.profile.skills or [] if s.lower() not in asked]
    if more:
        items.append(Item(_("Also: %(skills)s", skills=listed(more))))
    return items


def languages_cell(role: Role, column: Compared) -> list[Item]:
    ex = column.entry.explanation
    items, asked = [], set()
    for fit in ex.get("languages", []):
        asked.add(fit.get("language"))
        level = fit.get("candidate")
        text = _(
            "%(language)s %(level)s (%(fit)s)",
            language=labels.LANGUAGE_LABELS.get(fit.get("language"), fit.get("language")),
            level=labels.LANGUAGE_LEVEL_LABELS.get(level, level) if level else _("none"),
            fit=labels.LANGUAGE_FIT_LABELS.get(fit.get("status"), fit.get("status")),
        )
        kind = {"met": "ok", "nearly": "nearly", "not_met": "missing"}.get(fit.get("status"), "")
        items.append(Item(text, kind))
    for record in column.profile.languages or []:
        if record.get("language") in asked:
            continue
        level = record.get("level")
        name = labels.LANGUAGE_LABELS.get(record.get("language"), record.get("language"))
        items.append(Item(f"{name} {labels.LANGUAGE_LEVEL_LABELS.get(level, level or '')}"))
    return items


def education_cell(role: Role, column: Compared) -> list[Item]:
    profile = column.profile
    ex = column.entry.explanation.get("education") or {}
    level = str(labels.EDUCATION_LABELS.get(profile.education_level, profile.education_level))
    kind = "" if not ex else ("ok" if ex.get("met") else "missing")
    items = [Item(level, kind)]
    if profile.education_field:
        items.append(Item(profile.education_field))
    return items


def experience_cell(role: Role, column: Compared) -> list[Item]:
    profile = column.profile
    years = experience_years(profile)
    items = [Item(_("%(years)d years", years=years))] if years is not None else []
    if profile.headline:
        items.append(Item(term(profile.headline)))
    items += [Item(job["title"]) for job in profile.past_jobs or [] if job.get("title")]
    return items


def status_cell(role: Role, column: Compared) -> list[Item]:
    application = column.application
    if application is None:
        return [Item(_("Not in the pipeline"))]
    status = str(labels.STATUS_LABELS.get(application.status, application.status))
    applied = _("applied") if application.applied_by_candidate else _("added by your team")
    return [Item(status), Item(applied)]


def ratings_cell(role: Role, column: Compared) -> list[Item]:
    """The team's interview ratings (`scorecards.summary`): the average of every rating, then
    each criterion's; nothing yet when nobody has filled a scorecard."""
    if column.application is None:
        return [Item(_("No scorecards yet"))]
    summary = scorecards.summary(column.application)
    if not summary.count:
        return [Item(_("No scorecards yet"))]
    items = [
        Item(
            _(
                "%(average)s of 4 (%(count)d interviewers)",
                average=format_decimal(summary.overall, "0.0"),
                count=summary.count,
            )
        )
    ]
    items += [
        Item(f"{label}: {format_decimal(average, '0.0')}")
        for label, average in summary.criteria
        if average is not None
    ]
    return items


CellBuilder = Callable[[Role, Compared], list[Item]]
# (row label, how one candidate's cell is built), in the order the page shows them.
ROW_BUILDERS: list[tuple[object, CellBuilder]] = [
    (_l("Fit"), fit_cell),
    (_l("Required skills"), skills_cell),
    (_l("Languages"), languages_cell),
    (_l("Education"), education_cell),
    (_l("Experience"), experience_cell),
    (_l("Pipeline status"), status_cell),
    (_l("Interview ratings"), ratings_cell),
]


def comparison_rows(role: Role, compared: list[Compared]) -> list[Row]:
    """Every row of the comparison, one cell per candidate."""
    return [
        Row(str(label), [build(role, column) for column in compared])
        for label, build in ROW_BUILDERS
    ]
