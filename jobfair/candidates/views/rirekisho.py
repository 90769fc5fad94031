"""The candidate's rirekisho: the proposal beside their profile, edits, photo, PDF, confirming."""

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ... import rirekisho, uploads
from ...extensions import db, limiter
from ...fields import ButtonForm
from ...labels import EDUCATION_LABELS, language_label
from ..blueprint import bp, current_profile
from ..rirekisho_forms import RirekishoForm, RirekishoPhotoForm


@bp.route("/rirekisho", methods=["GET", "POST"])
def edit_rirekisho():
    me = current_profile()
    found = rirekisho.rirekisho_of(me)
    form = RirekishoForm()
    if form.validate_on_submit():
        found = rirekisho.start(me)
        changed = rirekisho.save(found, form.values())
        if request.form.get("action") == "confirm":
            rirekisho.confirm(found)
            flash(
                _("Your rirekisho is confirmed. Companies you applied to can open it."), "success"
            )
        elif changed and found.confirmed_at is None:
            flash(_("Saved. Companies see it only after you confirm it again."), "info")
        db.session.commit()
        return redirect(url_for("candidates.edit_rirekisho"))
    if request.method == "GET":
        # ?from=profile: the proposal again (after a profile change); saved only on Save.
        again = found is None or request.args.get("from") == "profile"
        form.load(rirekisho.proposal(me) if again else rirekisho.values_of(found))
    return render_template(
        "candidates/rirekisho.html",
        form=form,
        photo_form=RirekishoPhotoForm(),
        button=ButtonForm(),
        rirekisho=found,
        profile=me,
        education=EDUCATION_LABELS.get(me.education_level, ""),
        languages=[language_label(r) for r in me.languages or []],
    )


def _uploader_key() -> str:
    return f"rirekisho-photo:{getattr(current_user, 'id', None) or request.remote_addr}"


@bp.route("/rirekisho/photo", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["CV_UPLOAD_RATE_LIMIT"], key_func=_uploader_key, methods=["POST"]
)
def rirekisho_photo():
    """GET: the candidate's own photo; POST: a new one (checked like CV photos)."""
    me = current_profile()
    if request.method == "GET":
        found = rirekisho.rirekisho_of(me)
        path = rirekisho.existing_photo(found) if found else None
        if path is None:
            abort(404)
        with open(path, "rb") as handle:
            return Response(handle.read(), mimetype="image/jpeg")
    form = RirekishoPhotoForm()
    if form.validate_on_submit():
        try:
            rirekisho.set_photo(rirekisho.start(me), form.photo.data.read())
        except uploads.UploadError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Your photo is saved. Please confirm your rirekisho again."), "success")
    else:
        flash(" ".join(str(e) for e in form.photo.errors) or _("Please choose a file."), "error")
    return redirect(url_for("candidates.edit_rirekisho"))


@bp.route("/rirekisho/photo/remove", methods=["POST"])
def remove_rirekisho_photo():
    found = rirekisho.rirekisho_of(current_profile())
    if ButtonForm().validate_on_submit() and found is not None:
        rirekisho.remove_photo(found)
        db.session.commit()
    return redirect(url_for("candidates.edit_rirekisho"))


@bp.route("/rirekisho.pdf")
def preview_rirekisho():
    """The PDF as companies will read it (a draft until confirmed)."""
    found = rirekisho.rirekisho_of(current_profile())
    if found is None:
        abort(404)
    return rirekisho.pdf_response(found, inline=True)
