"""The company: dashboard, profile and logo, the team of recruiters."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...auth import invitations
from ...database import paginate
from ...extensions import db
from ...fields import ButtonForm
from ...models import record_audit
from ...organizers import exhibitors
from .. import company, errors, lookups, roles
from ..blueprint import bp
from ..forms import CompanyForm


@bp.route("/")
def dashboard():
    organization = current_user.organization
    return render_template(
        "employers/dashboard.html",
        organization=organization,
        exhibitors=company.exhibitor_records(organization),
        roles=paginate(roles.company_roles(organization)),
        withdraw_form=ButtonForm(),
    )


@bp.route("/booths/<int:exhibitor_id>/withdraw", methods=["POST"])
def withdraw_from_fair(exhibitor_id):
    """The company leaves a fair: its roles, candidates' data and open applications go."""
    exhibitor = lookups.get_exhibitor_or_404(exhibitor_id, for_user=current_user, in_fair=True)
    if not ButtonForm().validate_on_submit() or request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm."), "error")
        return redirect(url_for("employers.dashboard"))
    withdrawn = exhibitors.withdraw(exhibitor, current_user)
    record_audit(current_user, "exhibitor_withdrawn", exhibitor, withdrawn=len(withdrawn))
    db.session.commit()
    flash(_("Your company no longer takes part in %(event)s.", event=exhibitor.event.name), "info")
    return redirect(url_for("employers.dashboard"))


@bp.route("/company", methods=["GET", "POST"])
def edit_company():
    organization = current_user.organization
    form = CompanyForm(obj=organization)
    if form.validate_on_submit():
        try:
            if form.logo.data:
                company.save_logo(organization, form.logo.data.read())
        except errors.RecruitingError as exc:
            db.session.rollback()
            form.logo.errors.append(str(exc))
        else:
            company.update_company(organization, **form.data)
            db.session.commit()
            flash(_("Company profile saved."), "success")
            return redirect(url_for("employers.dashboard"))
    return render_template("employers/edit_company.html", form=form, organization=organization)


@bp.route("/company/logo")
def show_logo():
    filename = current_user.organization.logo_filename
    if not filename:
        abort(404)
    path = company.logo_folder() / filename
    if not path.is_file():
        abort(404)
    # Read at once (logos are small) so no file handle outlives the request.
    mimetype = "image/png" if filename.endswith(".png") else "image/jpeg"
    return Response(path.read_bytes(), mimetype=mimetype)


@bp.route("/team")
def show_team():
    organization = current_user.organization
    return render_template(
        "employers/team.html",
        organization=organization,
        invitations=invitations.pending_invitations(organization),
        link=None,
    )


@bp.route("/team/invite", methods=["POST"])
def invite_colleague():
    organization = current_user.organization
    invitation, token = invitations.invite_colleague(organization, current_user)
    db.session.commit()
    # No email is sent from here: the recruiter passes the link on themselves.
    return render_template(
        "employers/team.html",
        organization=organization,
        invitations=invitations.pending_invitations(organization),
        link=url_for("auth.join_company", token=token, _external=True),
        expires_at=invitation.expires_at,
    )
