"""What the road-to-Japan messages say: the invitation to a sending organisation's person
for one hire, and a note to the hire when someone else ticks a step of their checklist."""

from flask_babel import gettext as _

from .. import labels, localize
from ..models import DepartureStep, SendingInvitation, User
from .kinds import Draft, link, posting_title


def sending_invited(user: User, *, invitation: SendingInvitation, token: str) -> Draft:
    """To a sending organisation's person: a company asks them to follow one hire's way to
    Japan. A first invitation carries the link to set a password; later ones, the start page."""
    application = invitation.departure.application
    role = application.role
    facts = {
        "company": role.organization.name,
        "candidate": application.candidate.full_name,
        "role": posting_title(role),
    }
    body = _(
        "%(company)s asks you to follow %(candidate)s (%(role)s) on their way to Japan: "
        "passport, worker card, contract, certificate of eligibility, visa, training and "
        "departure.",
        **facts,
    )
    if user.pending_signup_at is not None:
        body += "\n\n" + _(
            "Set your password and see the checklist here (the link works once, for 14 days): "
            "%(link)s",
            link=link("japan.join_sending", token=token),
        )
    else:
        body += "\n\n" + _(
            "The hire is on your list: %(link)s", link=link("japan.sending_dashboard")
        )
    return Draft(
        subject=_("Departure checklist: %(candidate)s at %(company)s", **facts),
        body=body,
        short=_("%(company)s asks you to follow %(candidate)s to Japan.", **facts),
    )


def departure_step_ticked(user: User, *, step: DepartureStep) -> Draft:
    """To the hire: a step of their checklist was ticked by their employer or agent."""
    departure = step.departure
    facts = {
        "step": labels.DEPARTURE_STEP_LABELS[step.step],
        "date": localize.format_date(step.done_on, "long"),
        "company": departure.application.role.organization.name,
    }
    return Draft(
        subject=_("Your way to Japan: %(step)s done", **facts),
        body=_("%(step)s: done on %(date)s.", **facts)
        + "\n\n"
        + _(
            "See your checklist: %(link)s",
            link=link("japan.show_checklist", application_id=departure.application_id),
        ),
        short=_("Your way to Japan: %(step)s done on %(date)s.", **facts),
    )


KINDS = {"sending_invited": sending_invited, "departure_step_ticked": departure_step_ticked}
