"""What the survey messages say: the invitation to answer an organizer's survey and its
reminder, each with the person's own link (it works on a phone, with or without logging in).
Rendered like every kind (`kinds`), in the recipient's language; the survey's title in that
language when the organizer wrote it, else in the language they wrote."""

from flask_babel import get_locale
from flask_babel import gettext as _

from ..models import User
from ..models.surveys import SurveyInvitation
from .kinds import Draft, link


def _facts(invitation: SurveyInvitation) -> dict:
    survey = invitation.survey
    return {
        "survey": survey.title_in(str(get_locale())),
        "event": survey.event.name,
        "link": link("survey.answer", survey_id=survey.id, token=invitation.token()),
        "count": len(survey.questions),
    }


def survey_invited(user: User, *, invitation: SurveyInvitation) -> Draft:
    facts = _facts(invitation)
    return Draft(
        subject=_("A short survey about %(event)s: %(survey)s", **facts),
        body=_(
            "The organizers of %(event)s would like to hear what you thought. The survey "
            "has %(count)s questions and takes a few minutes. Answer here: %(link)s",
            **facts,
        )
        + "\n\n"
        + _("The link is yours alone: please do not share it."),
        short=_("Survey about %(event)s, a few minutes: %(link)s", **facts),
    )


def survey_reminder(user: User, *, invitation: SurveyInvitation) -> Draft:
    facts = _facts(invitation)
    return Draft(
        subject=_("Reminder: a short survey about %(event)s", **facts),
        body=_(
            "You have not answered the survey %(survey)s about %(event)s yet. "
            "It takes a few minutes: %(link)s",
            **facts,
        ),
        short=_("Reminder: survey about %(event)s: %(link)s", **facts),
    )


KINDS = {
    "survey_invited": survey_invited,
    "survey_reminder": survey_reminder,
}
