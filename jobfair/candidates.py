"""Candidates: profile, event registration, ticket, roles that fit, applications, their data."""

import json

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from . import ranking, registration, uploads
from .auth import role_required
from .candidate_forms import (
    COMMON_SKILLS,
    ButtonForm,
    ConsentForm,
    CvForm,
    DeleteForm,
    ProfileForm,
    RegisterForm,
)
from .extensions import db
from .labels import STATUS_LABELS
from .models import Event, Interview, Registration, Role, UserRole
from .models.audit import record_audit
from .qr import qr_svg

bp = Blueprint("candidates", __name__, url_prefix="/me")


@bp.before_request
@role_required(UserRole.CANDIDATE)
def require_role():
    """Every page here is for candidates only; the check lives in one place."""


def profile():
    return current_user.profile


def get_registration_or_404(registration_id: int) -> Registration:
    found = db.session.get(Registration, registration_id)
    if found is None or found.candidate_id != profile().id:
        abort(404)
    return found


def get_event_or_404(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None or not event.published:
        abort(404)
    return event


@bp.route("/")
def dashboard():
    me = profile()
    registered = {r.event_id: r for r in me.registrations}
    return render_template(
        "candidates/dashboard.html",
        profile=me,
        events=registration.open_events(),
        registered=registered,
        applications=registration.applications_of(me),
        interviews=registration.interviews_of(me),
        status_labels=STATUS_LABELS,
        form=ButtonForm(),
    )


@bp.route("/profile", methods=["GET", "POST"])
def edit_profile():
    me = profile()
    form = ProfileForm()
    if request.method == "GET":
        form.load(me)
    if form.validate_on_submit():
        registration.update_profile(
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
            skills=form.skill_list(),
            languages=form.languages(),
            wanted_sectors=list(form.wanted_sectors.data or []),
            wanted_locations=list(form.wanted_locations.data or []),
            programs=list(form.programs.data or []),
        )
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("candidates.dashboard"))
    return render_template("candidates/profile.html", form=form, skills=COMMON_SKILLS)


@bp.route("/events/<int:event_id>/register", methods=["GET", "POST"])
def register(event_id):
    event = get_event_or_404(event_id)
    me = profile()
    existing = registration.registration_for(me, event)
    form = RegisterForm()
    if existing is None and form.validate_on_submit():
        try:
            ticket = registration.register_for_event(me, event)
        except registration.CandidateError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            return redirect(url_for("candidates.dashboard"))
        registration.give_consent(me, share_contact=form.share_contact.data)
        db.session.commit()
        flash(_("You are registered. Show this ticket at the door."), "success")
        return redirect(url_for("candidates.ticket", registration_id=ticket.id))
    if existing is not None:
        return redirect(url_for("candidates.ticket", registration_id=existing.id))
    return render_template("candidates/register.html", event=event, form=form)


@bp.route("/tickets/<int:registration_id>")
def ticket(registration_id):
    found = get_registration_or_404(registration_id)
    code = found.short_code
    return render_template(
        "candidates/ticket.html",
        registration=found,
        qr=qr_svg(found.ticket_token, title=_("Ticket QR code")),
        short_code=f"{code[:4]}-{code[4:]}",
    )


@bp.route("/events/<int:event_id>/roles")
def roles_for_me(event_id):
    event = get_event_or_404(event_id)
    me = profile()
    if registration.registration_for(me, event) is None:
        return redirect(url_for("candidates.register", event_id=event.id))
    fits = ranking.recommend_roles(me, event, k=20)
    applied = {a.role_id for a in registration.applications_of(me)}
    return render_template(
        "candidates/roles.html",
        event=event,
        fits=fits,
        applied=applied,
        improvements=ranking.improvements(me, event),
        form=ButtonForm(),
    )


@bp.route("/roles/<int:role_id>/apply", methods=["POST"])
def apply(role_id):
    role = db.session.get(Role, role_id)
    if role is None or not role.event.published:
        abort(404)
    if ButtonForm().validate_on_submit():
        try:
            registration.apply_to_role(profile(), role)
        except registration.CandidateError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(
                _("The employer can now see your interest in “%(title)s”.", title=role.title),
                "success",
            )
    return redirect(url_for("candidates.roles_for_me", event_id=role.event_id))


@bp.route("/interviews/<int:interview_id>/<any(accept, decline):answer>", methods=["POST"])
def answer_interview(interview_id, answer):
    interview = db.session.get(Interview, interview_id)
    if interview is None or interview.candidate_id != profile().id:
        abort(404)
    if ButtonForm().validate_on_submit():
        try:
            registration.respond_to_interview(profile(), interview, accept=answer == "accept")
            db.session.commit()
        except registration.CandidateError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        except sa.exc.IntegrityError:
            db.session.rollback()
            flash(_("You already have an interview at that time."), "error")
        else:
            flash(_("Thank you, the employer will see your answer."), "success")
    return redirect(url_for("candidates.dashboard"))


@bp.route("/consent", methods=["GET", "POST"])
def consent():
    me = profile()
    form = ConsentForm(share_contact=me.share_contact)
    if form.validate_on_submit():
        if request.form.get("action") == "withdraw":
            registration.withdraw_consent(me)
            flash(_("Exhibitors can no longer see your profile."), "info")
        else:
            registration.give_consent(me, share_contact=form.share_contact.data)
            flash(_("Exhibitors of your job fairs can see your profile."), "success")
        db.session.commit()
        return redirect(url_for("candidates.consent"))
    return render_template("candidates/consent.html", form=form, profile=me)


@bp.route("/cv", methods=["GET", "POST"])
def upload_cv():
    me = profile()
    form = CvForm()
    if form.validate_on_submit():
        data = form.cv.data.read(uploads.MAX_CV_BYTES + 1)
        form.cv.data.close()
        try:
            kind, text = uploads.read_cv(data)
        except uploads.UploadError as exc:
            form.cv.errors.append(str(exc))
        else:
            old = me.cv_filename
            me.cv_filename = uploads.store_cv(data, kind)
            me.cv_original_name = (form.cv.data.filename or f"cv.{kind}")[-200:]
            me.cv_text = text
            me.updated_at = registration.utcnow()
            db.session.commit()
            if old:
                uploads.delete_cv(old)
            flash(_("Your CV is saved. Its text helps employers find you."), "success")
            return redirect(url_for("candidates.dashboard"))
    return render_template("candidates/cv.html", form=form, profile=me)


@bp.route("/data.json")
def download_data():
    data = registration.export_data(current_user)
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
            logout_user()
            registration.erase_candidate(user)
            db.session.commit()
            flash(_("Your account and your data are deleted."), "info")
            return redirect(url_for("main.index"))
    return render_template("candidates/delete.html", form=form)


cv_bp = Blueprint("cv", __name__, url_prefix="/cv")


@cv_bp.route("/<int:profile_id>")
def download_cv(profile_id):
    """The CV, for its owner and for employers the candidate applied to or was shortlisted by."""
    from .models import CandidateProfile

    found = db.session.get(CandidateProfile, profile_id)
    if not current_user.is_authenticated:
        abort(404)
    if found is None or not can_download_cv(current_user, found):
        abort(404)
    path = registration.cv_path(found)
    if path is None:
        abort(404)
    if current_user.role != UserRole.CANDIDATE:
        record_audit(current_user, "cv_download", found)
        db.session.commit()
    with open(path, "rb") as handle:  # at most 5 MB
        data = handle.read()
    kind = (
        "application/pdf"
        if path.endswith(".pdf")
        else ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    )
    response = Response(data, mimetype=kind)
    filename = secure_download_name(found.cv_original_name, path)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def secure_download_name(original: str | None, path: str) -> str:
    """An ASCII file name for the header; the candidate's own name may be in any script."""
    from werkzeug.utils import secure_filename

    extension = path.rsplit(".", 1)[-1]
    name = secure_filename(original or "") or f"cv.{extension}"
    return name if name.endswith(f".{extension}") else f"{name}.{extension}"


def can_download_cv(user, profile_) -> bool:
    from .models import Application

    if user.role == UserRole.CANDIDATE:
        return user.profile is not None and user.profile.id == profile_.id
    if user.role == UserRole.EMPLOYER and profile_.has_consent:
        return (
            db.session.scalar(
                sa.select(sa.func.count())
                .select_from(Application)
                .join(Role, Role.id == Application.role_id)
                .where(
                    Application.candidate_id == profile_.id,
                    Role.organization_id == user.organization_id,
                )
            )
            > 0
        )
    return False
