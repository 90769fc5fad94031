"""The recruiter's spreadsheets: a role's shortlist and its pipeline (CSV and XLSX).

The shortlist sheet has exactly the rows the screen lists over all its pages, with the
filters and search named in the file, the fit as the screen shows it (band and score to
two decimals) and times in the event's time zone.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import get_timezone, get_timezone_location
from flask_babel import get_locale
from flask_babel import gettext as _

from .. import access, exports, labels
from ..extensions import db
from ..labels import BAND_LABELS, EDUCATION_LABELS, SECTION_LABELS, STATUS_LABELS
from ..localize import term
from ..models import Role
from . import applications, shortlists
from .forms import ShortlistFilterForm


def shown_score(score: float) -> float:
    """The score as the explanation shows it (two decimals)."""
    return round(score, 2)


def local_time(value: datetime | None, timezone: str) -> str:
    return value.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M") if value else ""


def zone_name(timezone: str) -> str:
    """The event's time zone as the reader names it: "日本時間", not "Asia/Tokyo"."""
    return get_timezone_location(get_timezone(timezone), locale=str(get_locale()))


def language_fit(item: dict) -> str:
    """One language of the fit, "Japanese JLPT N3 (meets)", in the reader's language."""
    level = item.get("candidate")
    return _(
        "%(language)s %(level)s (%(fit)s)",
        language=labels.LANGUAGE_LABELS.get(item.get("language"), item.get("language")),
        level=labels.LANGUAGE_LEVEL_LABELS.get(level, level) if level else _("none"),
        fit=labels.LANGUAGE_FIT_LABELS.get(item.get("status"), item.get("status")),
    )


def _contact(profile) -> tuple[str, str]:
    """Contact details only for candidates who agreed to share them."""
    if not profile.share_contact:
        return "", ""
    return profile.user.email or "", profile.user.phone or ""


def _identity(role, profile, application) -> str:
    return shortlists.candidate_label(profile, access.is_revealed(role, application))


def _choice_label(field, value) -> str:
    return next((str(c.label) for c in field.choices if c.value == value), str(value))


def describe(query, search_form, rows: int) -> list[list[str]]:
    """What the export was made of, as label/value pairs, in the recruiter's language."""
    pairs = [[_("Rows"), rows]]
    pairs.append([_("Shortlist section"), str(SECTION_LABELS[query.section])])
    if query.search.text:
        pairs.append([str(search_form.q.label.text), query.search.text])
    for name, value in (
        ("province", query.search.province),
        ("programme", query.search.program),
        ("education_min", query.search.education),
    ):
        if value:
            field = search_form[name]
            pairs.append([str(field.label.text), _choice_label(field, value)])
    if query.search.attended:
        pairs.append([str(search_form.attended.label.text), _("yes")])
    for field in ShortlistFilterForm():
        if field.name in query.filters:
            pairs.append([_("Filter"), str(field.label.text)])
    for status in sorted(query.statuses):
        named = _("Not in the pipeline") if status == "none" else STATUS_LABELS[status]
        pairs.append([_("Pipeline status"), str(named)])
    if query.rejected:
        pairs.append([_("Also show not selected and withdrawn"), _("yes")])
    pairs.append([str(search_form.sort.label.text), _choice_label(search_form.sort, query.sort)])
    return [[str(label), value] for label, value in pairs]


def shortlist_sheet(query, search_form) -> tuple[exports.Sheet, exports.Sheet]:
    """The shortlist as filtered and searched on screen, and a sheet naming the filters."""
    role = query.role
    entries = query.rows()
    by_candidate = shortlists.applications_by_candidate(role)
    zone = role.event.timezone
    header = [
        _("Rank"), _("Fit"), _("Score"), _("Reference"), _("Candidate"), _("Status"),
        _("Matched skills"), _("Missing skills"), _("Languages"), _("Education"),
        _("Province"), _("Checked in (%(zone)s)", zone=zone_name(zone)), _("Email"), _("Phone"),
    ]  # fmt: skip
    rows = []
    for entry in entries:
        application = by_candidate.get(entry.profile.id)
        revealed = access.is_revealed(role, application)
        email, phone = _contact(entry.profile) if revealed else ("", "")
        rows.append(
            [
                entry.rank,
                str(BAND_LABELS.get(entry.explanation.get("band"), "")),
                shown_score(entry.score),
                shortlists.candidate_ref(entry.profile),
                _identity(role, entry.profile, application),
                str(STATUS_LABELS.get(application.status, "")) if application else "",
                [term(s) for s in entry.explanation.get("matched_required_skills", [])],
                [term(s) for s in entry.explanation.get("missing_required_skills", [])],
                [language_fit(i) for i in entry.explanation.get("languages", [])],
                str(EDUCATION_LABELS.get(entry.profile.education_level, "")),
                labels.place_label(entry.profile.province),
                local_time(entry.registration.checked_in_at, zone),
                email,
                phone,
            ]
        )
    about = exports.Sheet(
        _("Filters"), [_("Shown"), _("Value")], describe(query, search_form, len(rows))
    )
    return exports.Sheet(_("Shortlist"), header, rows), about


def pipeline_sheet(role: Role) -> exports.Sheet:
    zone = role.event.timezone
    header = [
        _("Reference"), _("Candidate"), _("Status"), _("Since (%(zone)s)", zone=zone_name(zone)),
        _("Email"), _("Phone"),
    ]  # fmt: skip
    rows = []
    for application in db.session.scalars(applications.pipeline(role)):
        revealed = access.is_revealed(role, application)
        email, phone = _contact(application.candidate) if revealed else ("", "")
        rows.append(
            [
                shortlists.candidate_ref(application.candidate),
                _identity(role, application.candidate, application),
                str(STATUS_LABELS.get(application.status, application.status)),
                local_time(application.updated_at, zone),
                email,
                phone,
            ]
        )
    return exports.Sheet(_("Pipeline"), header, rows)
