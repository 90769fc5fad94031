"""Interpreters' work: the event's roles that miss a language, and translating one of them."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ... import postings
from ...database import paginate
from ...extensions import db
from ...models.audit import record_audit
from ...models.rules import InvalidRecord
from ...models.translations import POSTING_LANGUAGES
from .. import lookups
from ..blueprint import bp
from ..forms import TranslationForm

LANGUAGES = "any(" + ", ".join(POSTING_LANGUAGES) + ")"


@bp.route("/events/<int:event_id>/translations")
def needs_translation(event_id):
    event = lookups.get_event_or_404(event_id)
    language = request.args.get("language")
    language = language if language in POSTING_LANGUAGES else None
    roles = paginate(postings.needs_translation(event, language))
    return render_template(
        "organizers/translations.html",
        event=event,
        language=language,
        roles=roles,
        missing=[(role, role.missing_languages(language)) for role in roles],
    )


@bp.route(
    f"/events/<int:event_id>/roles/<int:role_id>/translate/<{LANGUAGES}:language>",
    methods=["GET", "POST"],
)
def translate_role(event_id, role_id, language):
    event = lookups.get_event_or_404(event_id)
    role = lookups.get_role_or_404(event, role_id)
    if language == role.original_language:
        abort(404)  # nothing to translate: the role is written in it
    current = role.translation(language)
    form = TranslationForm(obj=current)
    if form.validate_on_submit():
        try:
            postings.set_translation(
                role, language, form.title.data, form.description.data, current_user
            )
        except InvalidRecord as exc:
            db.session.rollback()
            for name, error in exc.errors.items():
                getattr(form, name).errors = [*getattr(form, name).errors, str(error)]
        else:
            record_audit(current_user, "role_translated", role, language=language)
            db.session.commit()
            flash(_("The translation is saved."), "success")
            return redirect(url_for("organizers.needs_translation", event_id=event.id))
    status = 400 if request.method == "POST" else 200
    page = render_template(
        "organizers/translate_role.html",
        event=event,
        role=role,
        language=language,
        current=current,
        form=form,
    )
    return page, status
