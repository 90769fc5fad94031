"""What the offer messages say (内定): the offer with its terms and its withdrawal, to the
candidate; the candidate's answer, to the recruiter. Rendered like every kind (`kinds`), in
the recipient's language, money and dates through `localize`."""

from flask_babel import gettext as _

from .. import localize
from ..models import Offer, User
from .kinds import Draft, link, posting_title


def _offer_facts(offer: Offer) -> dict:
    role = offer.role
    return {
        "role": posting_title(role),
        "company": role.organization.name,
        "salary": localize.money(offer.salary, offer.currency),
        "start": localize.format_date(offer.starts_on, "long"),
        "by": localize.format_date(offer.expires_on, "long") if offer.expires_on else "",
    }


def offer_made(user: User, *, offer: Offer) -> Draft:
    """To a candidate: a company offers them the role (内定), with its terms."""
    facts = _offer_facts(offer)
    body = _(
        "%(company)s offers you the job %(role)s: a monthly salary of %(salary)s, "
        "starting on %(start)s.",
        **facts,
    )
    if facts["by"]:
        body += " " + _("Please answer by %(by)s.", **facts)
    if offer.note:
        body += "\n\n" + offer.note
    body += "\n\n" + _(
        "Read the offer and accept or decline it here: %(link)s",
        link=link("candidates.show_offer", offer_id=offer.id),
    )
    return Draft(
        subject=_("Job offer: %(role)s at %(company)s", **facts),
        body=body,
        short=_("Job offer from %(company)s: %(role)s, %(salary)s a month.", **facts),
    )


def offer_withdrawn(user: User, *, offer: Offer) -> Draft:
    facts = _offer_facts(offer)
    return Draft(
        subject=_("Offer withdrawn: %(role)s at %(company)s", **facts),
        body=_("%(company)s withdrew its offer for %(role)s.", **facts)
        + "\n\n"
        + _("See your applications: %(link)s", link=link("candidates.dashboard")),
        short=_("%(company)s withdrew its offer for %(role)s.", **facts),
    )


def offer_answered(user: User, *, offer: Offer) -> Draft:
    """To the recruiter who made the offer: the candidate accepted or declined it."""
    application = offer.application
    facts = {
        "role": posting_title(offer.role),
        "candidate": application.candidate.full_name,
    }
    where = link("employers.show_application", application_id=application.id)
    if offer.status == "accepted":
        subject = _("Offer accepted: %(candidate)s, %(role)s", **facts)
        body = _(
            "%(candidate)s accepted your offer for %(role)s. Mark them hired when they join.",
            **facts,
        )
    else:
        subject = _("Offer declined: %(candidate)s, %(role)s", **facts)
        body = _("%(candidate)s declined your offer for %(role)s.", **facts)
    return Draft(
        subject=subject, body=body + "\n\n" + _("Open the application: %(link)s", link=where)
    )


KINDS = {
    "offer_made": offer_made,
    "offer_withdrawn": offer_withdrawn,
    "offer_answered": offer_answered,
}
