"""Who may reach a hire's departure checklist by URL: the employer's recruiters (of that
company only), the hire themselves and the sending organisation's person invited for it.
Anyone else, and any application that is not a hire bound for Japan, gets 404."""

from flask import abort

from ..extensions import db
from ..japan_entry import bound_for_japan
from ..models import Application, Departure, User, UserRole


def may_see_hire(user: User, application: Application, departure: Departure | None) -> bool:
    """The access rule, on models (the views and the unit tests ask the same function)."""
    if user.role == UserRole.EMPLOYER:
        return user.organization_id == application.role.organization_id
    if user.role == UserRole.CANDIDATE:
        return user.profile is not None and user.profile.id == application.candidate_id
    if user.role == UserRole.SENDING:
        return departure is not None and departure.agent_id == user.id
    return False


def get_hire_or_404(application_id: int, *, for_user: User) -> tuple[Application, Departure | None]:
    """A hire bound for Japan that `for_user` may see, with its departure (None until the
    first step is ticked or an agent invited: `checklist.departure_of` makes it)."""
    application = db.session.get(Application, application_id)
    if application is None or not bound_for_japan(application):
        abort(404)
    departure = db.session.scalar(
        db.select(Departure).where(Departure.application_id == application.id)
    )
    if not may_see_hire(for_user, application, departure):
        abort(404)
    return application, departure
