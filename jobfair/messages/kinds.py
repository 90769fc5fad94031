"""What each kind of message says, rendered in the recipient's language.

Each function takes the recipient and the context `notifications.enqueue` was given and
returns a Draft; it runs inside `force_locale`, so `_()` speaks the recipient's language.
Times are shown in the event's time zone.
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import current_app, has_request_context, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from .. import access, calendars, localize
from ..labels import STATUS_LABELS
from ..models import Application, ApplicationNote, Exhibitor, Interview, Registration, User


@dataclass
class Draft:
    subject: str
    body: str
    short: str = ""  # for SMS and the help desk
    attachments: list = field(default_factory=list)


def link(endpoint: str, **values) -> str:
    """An absolute link; outside a request (the sender, the CLI) it starts with PUBLIC_URL."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config.get("PUBLIC_URL") or "http://127.0.0.1:8000"
    with current_app.test_request_context(base_url=base):
        return url_for(endpoint, _external=True, **values)


def _when(moment: datetime, zone: str) -> str:
    locale = str(get_locale())
    pattern = localize.datetime_pattern(locale)
    return format_datetime(moment, pattern, tzinfo=ZoneInfo(zone), locale=locale)


def posting_title(role) -> str:
    """The role's title in the recipient's language when it has been translated into it
    (a message renders in the recipient's language)."""
    return role.reading(str(get_locale())).title


def _interview_facts(interview: Interview, starts_at: datetime | None = None) -> dict:
    role = interview.application.role
    event = role.event
    booth = interview.slot.exhibitor.booth_code if interview.slot else None
    moment = starts_at or interview.starts_at
    return {
        "role": posting_title(role),
        "company": role.organization.name,
        "event": event.name,
        "booth": booth or "–",
        "time": _when(moment, event.timezone) if moment else "–",
    }


def interview_ics(interview: Interview, *, cancelled: bool = False) -> dict:
    """An iCalendar (RFC 5545) invitation for the interview, as a message attachment."""
    role, slot = interview.application.role, interview.slot
    start = interview.starts_at if slot is None else slot.starts_at
    end = slot.ends_at if slot is not None else start
    uid = uuid.uuid5(uuid.NAMESPACE_URL, f"jobfair-interview-{interview.id}")
    summary = _(
        "Interview: %(role)s at %(company)s",
        role=posting_title(role),
        company=role.organization.name,
    )
    method = "CANCEL" if cancelled else "REQUEST"
    event = calendars.calendar_event(
        uid=f"{uid}@jobfair",
        start=start.astimezone(UTC),
        end=end.astimezone(UTC),
        summary=summary,
        location=role.event.venue,
        status="CANCELLED" if cancelled else "CONFIRMED",
    )
    return {
        "filename": "interview.ics",
        "content_type": "text/calendar; method=" + method,
        "content": calendars.calendar_file([event], method=method).decode("utf-8"),
    }


def interview_invited(user: User, *, interview: Interview) -> Draft:
    facts = _interview_facts(interview)
    answer = link("candidates.dashboard")
    return Draft(
        subject=_("Interview invitation: %(role)s at %(company)s", **facts),
        body=_(
            "%(company)s invites you to an interview for %(role)s on %(time)s at booth "
            "%(booth)s, %(event)s.",
            **facts,
        )
        + "\n\n"
        + _("Accept or decline the invitation here: %(link)s", link=answer),
        short=_("Interview: %(company)s, %(time)s, booth %(booth)s.", **facts),
        attachments=[interview_ics(interview)],
    )


def interview_changed(user: User, *, interview: Interview) -> Draft:
    facts = _interview_facts(interview)
    return Draft(
        subject=_("New interview time: %(role)s at %(company)s", **facts),
        body=_(
            "Your interview for %(role)s at %(company)s is now on %(time)s at booth %(booth)s, "
            "%(event)s.",
            **facts,
        )
        + "\n\n"
        + _("Accept or decline the invitation here: %(link)s", link=link("candidates.dashboard")),
        short=_("New interview time: %(company)s, %(time)s, booth %(booth)s.", **facts),
        attachments=[interview_ics(interview)],
    )


def interview_cancelled(user: User, *, interview: Interview, starts_at: datetime) -> Draft:
    facts = _interview_facts(interview, starts_at)
    return Draft(
        subject=_("Interview cancelled: %(role)s at %(company)s", **facts),
        body=_("Your interview for %(role)s at %(company)s on %(time)s is cancelled.", **facts),
        short=_("Interview cancelled: %(company)s, %(time)s.", **facts),
    )


def application_status(user: User, *, application: Application) -> Draft:
    role = application.role
    facts = {
        "role": posting_title(role),
        "company": role.organization.name,
        "status": str(STATUS_LABELS.get(application.status, application.status)),
    }
    return Draft(
        subject=_("Your application for %(role)s: %(status)s", **facts),
        body=_("Your application for %(role)s at %(company)s is now: %(status)s.", **facts)
        + "\n\n"
        + _("See your applications: %(link)s", link=link("candidates.dashboard")),
    )


def new_applicants(user: User, *, counts: list) -> Draft:
    """A recruiter's digest; counts are (role title, number of new applicants)."""
    total = sum(n for _title, n in counts)
    lines = "\n".join(f"- {title}: {n}" for title, n in counts)
    return Draft(
        subject=ngettext(
            "%(num)d new applicant for your roles", "%(num)d new applicants for your roles", total
        ),
        body=lines + "\n\n" + _("Review them here: %(link)s", link=link("employers.dashboard")),
    )


def password_reset(user: User, *, link: str) -> Draft:
    return Draft(
        subject=_("Reset your password"),
        body=_("Open this link within an hour to choose a new password: %(link)s", link=link),
        short=_("Reset your password: %(link)s", link=link),
    )


def ticket(user: User, *, registration: Registration) -> Draft:
    event = registration.event
    code = f"{registration.short_code[:4]}-{registration.short_code[4:]}"
    where = link("candidates.ticket", registration_id=registration.id)
    return Draft(
        subject=_("Your ticket for %(event)s", event=event.name),
        body=_(
            "You are registered for %(event)s (%(venue)s). Your ticket code is %(code)s; "
            "show the QR code of your ticket at the door: %(link)s",
            event=event.name,
            venue=event.venue,
            code=code,
            link=where,
        ),
        short=_("Ticket for %(event)s: code %(code)s.", event=event.name, code=code),
    )


def recruiter_invited(user: User, *, organization, event, link: str) -> Draft:
    facts = {"company": organization.name, "event": event.name, "link": link}
    return Draft(
        subject=_("You are invited to recruit for %(company)s at %(event)s", **facts),
        body=_(
            "The organizers of %(event)s added you as a recruiter for %(company)s. Choose your "
            "password with this link to post roles and review candidates: %(link)s",
            **facts,
        ),
        short=_("Recruit for %(company)s at %(event)s: %(link)s", **facts),
    )


def candidate_claim(user: User, *, event, link: str) -> Draft:
    facts = {"event": event.name, "link": link}
    return Draft(
        subject=_("You are registered for %(event)s", **facts),
        body=_(
            "Your school or organisation registered you for %(event)s. Open this link to choose "
            "a password, complete your profile and decide whether exhibitors may see it: "
            "%(link)s",
            **facts,
        ),
        short=_("Registered for %(event)s. Complete your profile: %(link)s", **facts),
    )


def signup_attempt(user: User) -> Draft:
    """Someone tried to sign up with this account's email or phone (sign-up says nothing)."""
    return Draft(
        subject=_("Someone tried to sign up with your email or phone"),
        body=_(
            "Someone tried to open a new account on the job fair platform with your email "
            "or phone number. You already have an account: log in with it, or ask for a "
            "new password on the log-in page if you forgot it. If this was not you, you "
            "need not do anything."
        ),
    )


def exhibitor_status(user: User, *, exhibitor: Exhibitor, by_company: bool = False) -> Draft:
    """To a company's recruiters: the organizer approved, rejected or withdrew it, or one of
    them withdrew it from the fair (`by_company`)."""
    facts = {"company": exhibitor.organization.name, "event": exhibitor.event.name}
    where = link("employers.dashboard")
    if exhibitor.status == "approved":
        return Draft(
            subject=_("%(company)s is approved for %(event)s", **facts),
            body=_(
                "The organizer approved %(company)s as an exhibitor at %(event)s. You can now "
                "post roles and review the fair's candidates: %(link)s",
                link=where,
                **facts,
            ),
        )
    if exhibitor.status == "rejected":
        return Draft(
            subject=_("%(company)s was not approved for %(event)s", **facts),
            body=_(
                "The organizer did not approve %(company)s as an exhibitor at %(event)s. Its "
                "roles are not shown to candidates and its recruiters cannot see candidates' "
                "data. Contact the organizer if you think this is a mistake.",
                **facts,
            ),
        )
    if by_company:
        return Draft(
            subject=_("%(company)s no longer takes part in %(event)s", **facts),
            body=_(
                "%(company)s withdrew from %(event)s. Its roles were withdrawn, its open "
                "applications were closed and the candidates were told; its recruiters can no "
                "longer see candidates' data.",
                **facts,
            ),
        )
    return Draft(
        subject=_("%(company)s no longer takes part in %(event)s", **facts),
        body=_(
            "The organizer withdrew %(company)s from %(event)s. Its roles were withdrawn, its "
            "open applications were closed and the candidates were told; its recruiters can no "
            "longer see candidates' data. Contact the organizer if you think this is a mistake.",
            **facts,
        ),
    )


def role_withdrawn(user: User, *, application: Application, interview: Interview | None) -> Draft:
    """To a candidate: the company left the fair, so the role and the application are closed."""
    role = application.role
    facts = {
        "role": posting_title(role),
        "company": role.organization.name,
        "event": role.event.name,
    }
    body = _(
        "%(company)s no longer takes part in %(event)s, so the role %(role)s was withdrawn "
        "and your application is closed.",
        **facts,
    )
    attachments = []
    if interview is not None:
        body += " " + _("Your interview with %(company)s is cancelled.", **facts)
        if interview.starts_at is not None:
            attachments.append(interview_ics(interview, cancelled=True))
    body += "\n\n" + _(
        "See the other jobs at the fair: %(link)s",
        link=link("jobs.search_jobs", event_id=role.event_id),
    )
    return Draft(
        subject=_("This role was withdrawn: %(role)s at %(company)s", **facts),
        body=body,
        short=_("%(company)s left %(event)s: the role %(role)s was withdrawn.", **facts),
        attachments=attachments,
    )


def signup_finish(user: User, *, link: str) -> Draft:
    """The link that finishes a new account (sign-up answers the same for everyone)."""
    return Draft(
        subject=_("Finish opening your account"),
        body=_(
            "Open this link within a week to finish opening your account on the job fair "
            "platform: %(link)s",
            link=link,
        )
        + "\n\n"
        + _("If you did not sign up, you need not do anything."),
        short=_("Finish opening your account: %(link)s", link=link),
    )


def note_mention(user: User, *, note: ApplicationNote) -> Draft:
    """To a recruiter: a colleague mentioned them in a team note on a candidate."""
    application = note.application
    role = application.role
    profile = application.candidate
    facts = {
        "author": note.author.display_name if note.author else "–",
        # Under blind review the name stays hidden here too, until the invitation.
        "candidate": profile.full_name
        if access.is_revealed(role, application)
        else _("Candidate %(ref)s", ref=f"C{profile.id:05d}"),
        "role": posting_title(role),
    }
    excerpt = note.body if len(note.body) <= 300 else note.body[:299] + "…"
    where = link("employers.show_application", application_id=application.id, _anchor="notes")
    return Draft(
        subject=_("%(author)s mentioned you: %(candidate)s, %(role)s", **facts),
        body=_("%(author)s mentioned you in a note on %(candidate)s for %(role)s:", **facts)
        + "\n\n"
        + excerpt
        + "\n\n"
        + _("Read the team's notes here: %(link)s", link=where),
        short=_("%(author)s mentioned you in a note on %(candidate)s.", **facts),
    )


KINDS = {
    "signup_attempt": signup_attempt,
    "signup_finish": signup_finish,
    "interview_invited": interview_invited,
    "interview_changed": interview_changed,
    "interview_cancelled": interview_cancelled,
    "application_status": application_status,
    "new_applicants": new_applicants,
    "password_reset": password_reset,
    "ticket": ticket,
    "recruiter_invited": recruiter_invited,
    "candidate_claim": candidate_claim,
    "exhibitor_status": exhibitor_status,
    "role_withdrawn": role_withdrawn,
    "note_mention": note_mention,
}
# Kinds worth handing over at the help desk when nothing else can deliver them; the rest
# (status changes, digests) wait in the in-app inbox.
DESK_KINDS = {
    "interview_invited", "interview_changed", "interview_cancelled", "password_reset", "ticket",
    "recruiter_invited", "candidate_claim", "role_withdrawn", "signup_finish",
    "offer_made", "offer_withdrawn",  # messages.offer_kinds
}  # fmt: skip
# Links that take over an account: an organizer's or recruiter's never goes to the help
# desk's list (see sender.choose); candidates' do, as they often have no e-mail.
STAFF_PRIVATE_KINDS = {"password_reset", "signup_finish"}
