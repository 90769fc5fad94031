"""The candidate's own pages: start page, profile, consent, CV, their data, deleting the account."""

import json

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, logout_user

from ... import access, photos, uploads
from ...database import paginate
from ...extensions import db, limiter
from ...fields import COMMON_SKILLS, ButtonForm
from ...i18n import clear_session_keeping_language
from ...labels import OFFER_STATUS_LABELS, STATUS_LABELS, language_label
from ...localize import term
from ...models.audit import record_audit
from .. import cv_reading, data_rights, offers, profile, registration
from ..blueprint import bp, current_profile
from ..forms import ConsentForm, CvForm, DeleteForm, ProfileForm, SuggestionsForm


@bp.route("/")
def dashboard():
    me = current_profile()
    registered = {r.event_id: r for r in me.registrations}
    applications = paginate(registration.my_applications(me))
    return render_template(
        "candidates/dashboard.html",
        profile=me,
        events=registration.open_events(),
        registered=registered,
        applications=applications,
        open_role_ids=access.open_role_ids(a.role_id for a in applications),
        interviews=registration.interviews_of(me),
        offers=offers.offers_of(me),
        offer_labels=OFFER_STATUS_LABELS,
        status_labels=STATUS_LABELS,
        form=ButtonForm(),
    )


@bp.route("/profile", methods=["GET", "POST"])
def edit_profile():
    me = current_profile()
    form = ProfileForm()
    if request.method == "GET":
        form.load(me)
    if form.validate_on_submit():
        profile.update_profile(
            me,
            full_name=form.full_name.data,
            name_khmer=form.name_khmer.data or "",
            province=form.province.data,
            gender=form.gender.data or None,
            birth_year=form.birth_year.data,
            headline=form.headline.data or "",
            education_level=form.education_level.data,
            education_field=form.education_field.data or "",
            experience=form.experience.data or "",
            past_jobs=form.past_job_list(),
            skills=form.skills.data,
            languages=form.languages(),
            wanted_sectors=list(form.wanted_sectors.data or []),
            wanted_locations=list(form.wanted_locations.data or []),
            programs=list(form.programs.data or []),
        )
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("candidates.dashboard"))
    return render_template("candidates/profile.html", form=form, skills=COMMON_SKILLS)


@bp.route("/consent", methods=["GET", "POST"])
def consent():
    me = current_profile()
    form = ConsentForm(share_contact=me.share_contact)
    if form.validate_on_submit():
        if request.form.get("action") == "withdraw":
            profile.withdraw_consent(me)
            flash(_("Exhibitors can no longer see your profile."), "info")
        else:
            profile.give_consent(me, share_contact=form.share_contact.data)
            flash(_("Exhibitors of your job fairs can see your profile."), "success")
        db.session.commit()
        return redirect(url_for("candidates.consent"))
    return render_template("candidates/consent.html", form=form, profile=me)


def _uploader_key() -> str:
    return f"cv-upload:{getattr(current_user, 'id', None) or request.remote_addr}"


@bp.route("/cv", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["CV_UPLOAD_RATE_LIMIT"], key_func=_uploader_key, methods=["POST"]
)
@limiter.limit(
    lambda: current_app.config["CV_UPLOAD_GLOBAL_RATE_LIMIT"],
    key_func=lambda: "cv-upload:everyone",
    methods=["POST"],
)
def upload_cv():
    me = current_profile()
    form = CvForm()
    if form.validate_on_submit():
        try:
            upload = profile.replace_cv(me, _read_files(form.cv.data))
        except uploads.UploadError as exc:
            db.session.rollback()
            form.cv.errors.append(str(exc))
        else:
            db.session.commit()
            if upload.reading:
                flash(_("Your photos are saved as one PDF. We are reading their text."), "success")
            else:
                flash(_("Your CV is saved. Its text helps employers find you."), "success")
            return redirect(url_for("candidates.upload_cv"))
    return render_template(
        "candidates/cv.html",
        form=form,
        profile=me,
        reading=cv_reading.reading_job(me),
        suggestions=_suggestions_form(me),
    )


@bp.route("/cv/suggestions", methods=["POST"])
def accept_suggestions():
    """Add the skills, titles and languages the candidate ticked among those found in the CV."""
    me = current_profile()
    form = _suggestions_form(me)
    if form.validate_on_submit():
        added = cv_reading.accept(
            me,
            skills=form.skills.data or [],
            titles=form.titles.data or [],
            languages=form.languages.data or [],
        )
        db.session.commit()
        flash(
            ngettext("%(num)d added to your profile.", "%(num)d added to your profile.", added),
            "success",
        )
    return redirect(url_for("candidates.upload_cv"))


def _read_files(storages) -> list[tuple[bytes, str]]:
    files = []
    for storage in storages[: photos.MAX_PHOTOS + 1]:
        files.append((storage.read(photos.MAX_PHOTO_BYTES + 1), storage.filename))
        storage.close()
    return files


def _suggestions_form(me) -> SuggestionsForm:
    found = cv_reading.suggestions(me)
    languages = [(cv_reading.language_key(r), r) for r in found["languages"]]
    return SuggestionsForm().offer({**found, "languages": languages}, term, language_label)


@bp.route("/data.json")
def download_data():
    data = data_rights.export_data(current_user)
    record_audit(current_user, "data_download", current_user)
    db.session.commit()
    response = Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="my-jobfair-data.json"'
    return response


@bp.route("/delete", methods=["GET", "POST"])
def delete_account():
    form = DeleteForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.password.data):
            form.password.errors.append(_("That password is not right."))
        else:
            user = current_user._get_current_object()
            clear_session_keeping_language(shown=True)
            logout_user()
            data_rights.erase_candidate(user)
            db.session.commit()
            flash(_("Your account and your data are deleted."), "info")
            return redirect(url_for("main.index"))
    return render_template("candidates/delete.html", form=form)
