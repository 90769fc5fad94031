"""Badge sheets to print: choose whose badges and which sheet, get a PDF."""

from flask import render_template, request
from werkzeug.datastructures import MultiDict

from ...exports import download
from .. import badges, lookups
from ..blueprint import bp
from ..forms import BadgeForm


@bp.route("/events/<int:event_id>/badges")
def badges_page(event_id):
    event = lookups.get_event_or_404(event_id)
    form = BadgeForm(formdata=MultiDict(request.args) if request.args else None)
    form.kind.choices = list(badges.KINDS.items())
    form.layout.choices = [(name, layout.label) for name, layout in badges.LAYOUTS.items()]
    if request.args and form.validate():
        pdf = badges.badge_pdf(event, badges.badges_for(event, form.kind.data), form.layout.data)
        return download(pdf, f"badges-{event.id}-{form.kind.data}.pdf", "application/pdf")
    status = 400 if request.args else 200
    return render_template("organizers/badges.html", event=event, form=form), status
