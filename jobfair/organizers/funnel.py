"""The hiring funnel of a fair: registered → checked in → met or applied → interviewed →
offered → hired → departed, in total and per province, gender, programme and exhibitor.

One owner of what each step means (`STEP_MEANINGS`, printed as the report's method note);
the page, the comparison, the PDF and the XLSX all read `compute`. The database groups the
candidates by how far they went (one row per group, never one per person); the few groups
are folded into steps here.

What reaches a step, for the registered candidates of the fair:
- registered: a registration for the fair; checked in: its check-in time is set;
- the company steps count only exhibitors in the fair (approved, `access.in_fair`), and
  each implies the ones before it (a hire was offered, interviewed and met or applied);
- checked in is attendance, never implied: someone who applied online and was hired
  without coming to the fair counts at every company step and not at "checked in"; each
  step says how many of its candidates did not check in, and the drop at "met or applied"
  counts those who checked in and went no further.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from .. import access, labels
from ..extensions import db
from ..models import (
    Application,
    BoothLead,
    CandidateProfile,
    Departure,
    Event,
    Exhibitor,
    Offer,
    Organization,
    Registration,
    Role,
    StatusChange,
)
from ..models.base import people_today
from ..models.role_fields import PROGRAMS

STEPS = ("registered", "checked_in", "engaged", "interviewed", "offered", "hired", "departed")
FIRST_COMPANY_STEP = STEPS.index("engaged")
STEP_LABELS = {
    "registered": _l("Registered"),
    "checked_in": _l("Checked in"),
    "engaged": _l("Met at a booth or applied"),
    "interviewed": _l("Interviewed"),
    "offered": _l("Offered"),
    "hired": _l("Hired"),
    "departed": _l("Departed for Japan"),
}
STEP_MEANINGS = {
    "registered": _l("Candidates with a registration for the fair (online or walk-in)."),
    "checked_in": _l(
        "Registered candidates whose ticket was checked in at the door. Walk-ins are "
        "checked in when they register."
    ),
    "engaged": _l(
        "Met an approved exhibitor at its booth (the booth scanned their ticket), applied to "
        "one of its roles, or were invited by it. A company that only put someone on its "
        "shortlist, without contact, does not count."
    ),
    "interviewed": _l(
        "The company recorded the interview: the application reached the Interviewed step "
        "(a candidate not selected after the interview still counts), or an offer was made. "
        "A booked interview slot alone does not count."
    ),
    "offered": _l(
        "The company made an offer with its terms, whatever the answer (accepted, declined, "
        "waiting, or withdrawn later)."
    ),
    "hired": _l("The application is marked Hired (after the candidate accepted the offer)."),
    "departed": _l(
        "A hire whose departure date for Japan is recorded and has passed on the day of the report."
    ),
}
BREAKDOWNS = ("province", "gender", "programme", "exhibitor")
BREAKDOWN_TITLES = {
    "province": _l("Province"),
    "gender": _l("Gender"),
    "programme": _l("Programme"),
    "exhibitor": _l("Exhibitor"),
}
BREAKDOWN_NOTES = {
    "province": _l("Each candidate counts once, in the province of their profile."),
    "gender": _l("Each candidate counts once, under the gender of their profile."),
    "programme": _l(
        "Registered and checked in: under each programme the candidate wants (someone may "
        "want several). From “met or applied” on: under the programme of the role (a booth "
        "meeting with no role named counts as “No role named”)."
    ),
    "exhibitor": _l(
        "From “met or applied” on, at each approved exhibitor; a candidate who went to "
        "several companies counts at each."
    ),
}
NO_ROLE = "no_role"
# How far an application went in the pipeline (its steps in order).
PIPELINE_RANK = {
    "new": 0, "shortlisted": 1, "invited": 2, "interviewed": 3, "offered": 4, "hired": 5,
}  # fmt: skip
ENDED = ("rejected", "withdrawn")


@dataclass
class Line:
    """One funnel: a count per step (None before `first`), the drop from the step before
    (those there who went no further), and how many at each step did not check in."""

    key: str
    counts: list
    drops: list
    not_checked_in: list
    first: int = 0

    def drop_percent(self, step: int) -> float | None:
        before = self.counts[step - 1] if step > 0 else None
        drop = self.drops[step]
        return None if drop is None or not before else 100.0 * drop / before

    def share_of_first(self, step: int) -> float | None:
        base = self.counts[self.first]
        count = self.counts[step]
        return None if count is None or not base else 100.0 * count / base


@dataclass
class Funnel:
    event: Event
    as_of: date
    total: Line
    breakdowns: dict = field(default_factory=dict)  # name -> list of Line
    erased: int = 0  # registrations of people who erased their data: not in the funnel


def step_label(step: str) -> str:
    return str(STEP_LABELS[step])


def key_label(breakdown: str, key: str) -> str:
    """A group's name in the reader's language (exhibitors keep their own names)."""
    if key == "unknown":
        return str(_l("Not given"))
    if breakdown == "province":
        return labels.place_label(key)
    if breakdown == "gender":
        return str(labels.GENDER_LABELS.get(key, key))
    if breakdown == "programme":
        return str(_l("No role named")) if key == NO_ROLE else str(labels.PROGRAM_LABELS.get(key))
    return key


# --- the facts: how far each candidate went with each company ---------------------------


def _rank_of(column):
    return sa.case(*((column == status, rank) for status, rank in PIPELINE_RANK.items()))


def _company_facts(event_id: int, as_of: date):
    """(candidate, organization, programme, step index) rows from the approved exhibitors'
    applications and booth meetings; applications that reach no step are left out."""
    history = (
        sa.select(
            StatusChange.application_id, sa.func.max(_rank_of(StatusChange.to_status)).label("top")
        )
        .join(Application, Application.id == StatusChange.application_id)
        .join(Role, Role.id == Application.role_id)
        .where(Role.event_id == event_id)
        .group_by(StatusChange.application_id)
        .subquery()
    )
    # Ended applications count at the furthest step their history shows; open ones at their
    # status now (so a step undone does not count).
    reached = sa.case(
        (Application.status.in_(ENDED), sa.func.coalesce(history.c.top, 0)),
        else_=sa.func.coalesce(_rank_of(Application.status), 0),
    )
    offered = sa.select(Offer.id).where(Offer.application_id == Application.id).exists()
    hired = Application.status == "hired"
    departed = sa.and_(Departure.departed_on.is_not(None), Departure.departed_on <= as_of)
    step = sa.case(
        (sa.and_(hired, departed), STEPS.index("departed")),
        (hired, STEPS.index("hired")),
        (sa.or_(offered, reached >= PIPELINE_RANK["offered"]), STEPS.index("offered")),
        (reached >= PIPELINE_RANK["interviewed"], STEPS.index("interviewed")),
        (
            sa.or_(reached >= PIPELINE_RANK["invited"], Application.applied_by_candidate),
            FIRST_COMPANY_STEP,
        ),
        else_=None,
    )
    applications = (
        sa.select(
            Application.candidate_id.label("candidate_id"),
            Role.organization_id.label("organization_id"),
            Role.program.label("program"),
            step.label("step"),
        )
        .join(Role, Role.id == Application.role_id)
        .outerjoin(history, history.c.application_id == Application.id)
        .outerjoin(Departure, Departure.application_id == Application.id)
        .where(Role.event_id == event_id, access.in_fair(Role.event_id, Role.organization_id))
    )
    leads = (
        sa.select(
            BoothLead.candidate_id,
            BoothLead.organization_id,
            sa.func.coalesce(Role.program, NO_ROLE),
            sa.literal(FIRST_COMPANY_STEP),
        )
        .outerjoin(Role, Role.id == BoothLead.role_id)
        .where(
            BoothLead.event_id == event_id,
            access.in_fair(BoothLead.event_id, BoothLead.organization_id),
        )
    )
    facts = sa.union_all(applications, leads).subquery()
    return facts


def _registered(event_id: int):
    return (
        sa.select()
        .select_from(Registration)
        .join(CandidateProfile, CandidateProfile.id == Registration.candidate_id)
        .where(Registration.event_id == event_id)
    )


CHECKED = Registration.checked_in_at.is_not(None)


def _by_person(event_id: int, facts, column) -> list[tuple]:
    """(group, checked in, furthest step, candidates) for every registered candidate."""
    furthest = (
        sa.select(facts.c.candidate_id, sa.func.max(facts.c.step).label("top"))
        .where(facts.c.step.is_not(None))
        .group_by(facts.c.candidate_id)
        .subquery()
    )
    return db.session.execute(
        _registered(event_id)
        .outerjoin(furthest, furthest.c.candidate_id == Registration.candidate_id)
        .add_columns(column, CHECKED, furthest.c.top, sa.func.count())
        .group_by(column, CHECKED, furthest.c.top)
    ).all()


def _by_company_group(event_id: int, facts, column) -> list[tuple]:
    """(group, checked in, furthest step, candidates) per company or programme group."""
    per = (
        sa.select(column.label("grp"), facts.c.candidate_id, sa.func.max(facts.c.step).label("top"))
        .where(facts.c.step.is_not(None))
        .group_by(column, facts.c.candidate_id)
        .subquery()
    )
    of_event = sa.and_(
        Registration.candidate_id == per.c.candidate_id, Registration.event_id == event_id
    )
    return db.session.execute(
        sa.select(per.c.grp, CHECKED, per.c.top, sa.func.count())
        .select_from(per)
        .join(Registration, of_event)
        .group_by(per.c.grp, CHECKED, per.c.top)
    ).all()


# --- folding groups into steps ------------------------------------------------------------


def _at(step: int, checked: bool, top) -> bool:
    if step == 0:
        return True
    if step == 1:
        return bool(checked)
    return top is not None and top >= step


def line(key: str, groups, *, first: int = 0) -> Line:
    """A Line from (checked in, furthest step, count) groups; steps before `first` are None."""
    counts, drops, outside = [], [], []
    for step in range(len(STEPS)):
        if step < first:
            for values in (counts, drops, outside):
                values.append(None)
            continue
        counts.append(sum(n for checked, top, n in groups if _at(step, checked, top)))
        outside.append(
            sum(n for checked, top, n in groups if _at(step, checked, top) and not checked)
            if step >= FIRST_COMPANY_STEP
            else None
        )
        if step == first:
            drops.append(None)
        else:
            drops.append(
                sum(
                    n
                    for checked, top, n in groups
                    if _at(step - 1, checked, top) and not _at(step, checked, top)
                )
            )
    return Line(key, counts, drops, outside, first)


def _lines(rows, order=None, *, first: int = 0) -> list[Line]:
    grouped = defaultdict(list)
    for key, checked, top, n in rows:
        grouped[key if key not in (None, "") else "unknown"].append((checked, top, n))
    keys = list(grouped)
    if order is not None:
        keys = [k for k in order if k in grouped] + sorted(k for k in keys if k not in order)
    lines = [line(k, grouped[k], first=first) for k in keys]
    if order is None:  # most registered (or met) first; ties by name
        lines.sort(key=lambda ln: (-(ln.counts[first] or 0), ln.key))
    return lines


def compute(event: Event, *, as_of: date | None = None) -> Funnel:
    """The event's funnel in total and by every breakdown."""
    as_of = as_of or people_today()
    facts = _company_facts(event.id, as_of)
    people = _by_person(event.id, facts, CandidateProfile.province)
    total = line("total", [(c, t, n) for _k, c, t, n in people])
    funnel = Funnel(event=event, as_of=as_of, total=total, erased=event.erased_registrations)
    funnel.breakdowns["province"] = _lines(people)
    funnel.breakdowns["gender"] = _lines(
        _by_person(event.id, facts, CandidateProfile.gender), ("female", "male", "other")
    )
    funnel.breakdowns["programme"] = _programmes(event, facts)
    funnel.breakdowns["exhibitor"] = _exhibitors(event, facts)
    return funnel


def _programmes(event: Event, facts) -> list[Line]:
    """Wanted programmes up to check-in (JSON lists, grouped by their text), then roles'."""
    wanted = defaultdict(list)
    text = sa.cast(CandidateProfile.programs, sa.Text)
    for programs, is_checked, n in db.session.execute(
        _registered(event.id).add_columns(text, CHECKED, sa.func.count()).group_by(text, CHECKED)
    ):
        value = json.loads(programs) if isinstance(programs, str) and programs else programs
        for program in set(value if isinstance(value, list) else []):
            wanted[program].append((is_checked, None, n))
    roles = defaultdict(list)
    for key, is_checked, top, n in _by_company_group(event.id, facts, facts.c.program):
        roles[key].append((is_checked, top, n))
    keys = [k for k in (*PROGRAMS, NO_ROLE) if k in wanted or k in roles]
    found = []
    for key in keys:
        cut = FIRST_COMPANY_STEP
        # Nobody wants "no role": that line starts at the company steps.
        before = line(key, wanted[key], first=cut if key == NO_ROLE else 0)
        after = line(key, roles[key], first=cut)
        found.append(
            Line(
                key,
                before.counts[:cut] + after.counts[cut:],
                before.drops[:cut] + after.drops[cut:],
                before.not_checked_in[:cut] + after.not_checked_in[cut:],
                before.first,
            )
        )
    return found


def _exhibitors(event: Event, facts) -> list[Line]:
    """Every approved exhibitor, by booth, with its company steps (zeros included)."""
    rows = _by_company_group(event.id, facts, facts.c.organization_id)
    grouped = defaultdict(list)
    for organization_id, checked, top, n in rows:
        grouped[organization_id].append((checked, top, n))
    found = []
    for organization_id, name, booth in db.session.execute(
        sa.select(Organization.id, Organization.name, Exhibitor.booth_code)
        .join(Exhibitor, Exhibitor.organization_id == Organization.id)
        .where(Exhibitor.event_id == event.id, access.exhibitor_is_in_fair())
        .order_by(Exhibitor.booth_code.is_(None), Exhibitor.booth_code, Organization.name)
    ):
        key = f"{name} ({booth})" if booth else name
        found.append(line(key, grouped[organization_id], first=FIRST_COMPANY_STEP))
    return found


def compare(events: list[Event], *, as_of: date | None = None) -> list[Funnel]:
    """Several fairs' funnels, oldest first, for side-by-side columns."""
    ordered = sorted(events, key=lambda e: (e.starts_on, e.id))
    return [compute(event, as_of=as_of) for event in ordered]
