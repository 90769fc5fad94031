"""What follow-up messages say: an organizer's follow-up in the reader's language (or the
fallback, said so) with its opt-out link, its test copy to the organizer, and a candidate's
confirmation that a company got their interest. Rendered like every kind (`kinds`)."""

from flask_babel import get_locale
from flask_babel import gettext as _

from ..labels import POSTING_LANGUAGE_LABELS
from ..models import Application, FollowUp, User
from .kinds import Draft, link, posting_title
from .opt_out import opt_out_link


def _footer(user: User, follow_up: FollowUp) -> str:
    return _(
        "You get this message from the organizers of %(event)s. To stop follow-ups and "
        "surveys from the organizers, open: %(link)s",
        event=follow_up.event.name,
        link=opt_out_link(user),
    )


def follow_up(user: User, *, follow_up: FollowUp) -> Draft:
    """An organizer's follow-up: the text in the reader's language, else the fallback."""
    language = follow_up.language_for(str(get_locale()))
    text = follow_up.text(language)
    body = text["body"]
    if language != str(get_locale()):
        note = _(
            "The organizers did not write this message in your language; here it is in "
            "%(language)s.",
            language=POSTING_LANGUAGE_LABELS[language],
        )
        body = note + "\n\n" + body
    return Draft(
        subject=text["subject"],
        body=body + "\n\n—\n" + _footer(user, follow_up),
        short=text["subject"][:300]
        + "\n"
        + _("Stop follow-ups: %(link)s", link=opt_out_link(user)),
    )


def follow_up_test(user: User, *, follow_up: FollowUp) -> Draft:
    """The organizer's own test copy: every language written, marked as a test."""
    first = follow_up.text(follow_up.fallback or "en")
    parts = [
        _(
            "This is a test: only you got it. Each recipient gets one of these texts, in their language."
        )
    ]
    for language in follow_up.languages:
        text = follow_up.text(language)
        parts.append(
            f"— {POSTING_LANGUAGE_LABELS[language]} —\n{text['subject']}\n\n{text['body']}"
        )
    parts.append("—\n" + _footer(user, follow_up))
    return Draft(
        subject=_("[Test] %(subject)s", subject=first["subject"]),
        body="\n\n".join(parts),
    )


def interest_confirmed(user: User, *, application: Application) -> Draft:
    """To a candidate who showed interest in a role: the company has it."""
    role = application.role
    facts = {"role": posting_title(role), "company": role.organization.name}
    return Draft(
        subject=_("Your interest in %(role)s at %(company)s", **facts),
        body=_(
            "%(company)s got your interest in %(role)s and can see your profile. "
            "If they invite you to an interview, you will hear it here.",
            **facts,
        )
        + "\n\n"
        + _("See your applications: %(link)s", link=link("candidates.dashboard")),
        short=_("%(company)s got your interest in %(role)s.", **facts),
    )


KINDS = {
    "follow_up": follow_up,
    "follow_up_test": follow_up_test,
    "interest_confirmed": interest_confirmed,
}
