"""The pages of the road to Japan: a candidate's tests passed (/me/tests), a hire's
departure checklist (its employer, the hire, the sending organisation's person), inviting
that person, and their start page and first link. Parse, call one workflow, redirect."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth import accounts
from ..auth.sessions import auth_limits, begin_new_session, home_for
from ..extensions import db
from ..fields import ButtonForm
from ..messages import notifications
from ..models import DEPARTURE_STEPS, PassedTest, UserRole
from . import agents, checklist, lookups, records
from .forms import (
    AgentPasswordForm,
    InviteAgentForm,
    JapaneseCertificateForm,
    PassedTestForm,
    TickForm,
)


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")


def my_tests():
    """The candidate's tests passed, with dates, and their hires bound for Japan."""
    profile = current_user.profile
    test_form, japanese_form = PassedTestForm(), JapaneseCertificateForm()
    japanese = records.japanese_record(profile)
    if japanese is not None and request.method == "GET":
        japanese_form.level.data = (
            "JFT-Basic A2" if japanese.get("test") == "JFT-Basic" else japanese.get("level")
        )
    return render_template(
        "japan/tests.html",
        tests=records.tests_of(profile),
        japanese=japanese,
        certified=records.certified_on(japanese),
        test_form=test_form,
        japanese_form=japanese_form,
        button=ButtonForm(),
        hires=checklist.hires_of_candidate(current_user),
    )


def add_test():
    form = PassedTestForm()
    if form.validate_on_submit():
        try:
            records.add_passed_test(
                current_user.profile,
                kind=form.kind.data,
                field=form.field.data,
                passed_on=form.passed_on.data,
                detail=form.detail.data,
            )
            db.session.commit()
        except records.RecordError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(_("Test saved."), "success")
    else:
        _flash_errors(form)
    return redirect(url_for("japan.my_tests"))


def set_japanese():
    form = JapaneseCertificateForm()
    if form.validate_on_submit():
        try:
            records.set_japanese_certificate(
                current_user.profile, level=form.level.data, certified_on=form.certified_on.data
            )
            db.session.commit()
        except records.RecordError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(_("Your Japanese level is saved."), "success")
    else:
        _flash_errors(form)
    return redirect(url_for("japan.my_tests"))


def remove_test(test_id):
    test = db.get_or_404(PassedTest, test_id)
    if test.candidate_id != current_user.profile.id:
        abort(404)
    if ButtonForm().validate_on_submit():
        records.remove_passed_test(test)
        db.session.commit()
        flash(_("Test removed."), "success")
    return redirect(url_for("japan.my_tests"))


def show_checklist(application_id):
    application, departure = lookups.get_hire_or_404(application_id, for_user=current_user)
    return render_template(
        "japan/checklist.html",
        application=application,
        departure=departure,
        steps=checklist.steps(departure),
        agency=agents.agency_of(departure) if departure and departure.agent_id else "",
        tick_form=TickForm(),
        invite_form=InviteAgentForm(),
        button=ButtonForm(),
        may_invite=current_user.role == UserRole.EMPLOYER,
    )


def tick_step(application_id):
    application, departure = lookups.get_hire_or_404(application_id, for_user=current_user)
    form = TickForm()
    if form.validate_on_submit():
        departure = departure or checklist.departure_of(application)
        try:
            step = checklist.tick(
                departure, form.step.data, done_on=form.done_on.data, actor=current_user
            )
        except checklist.ChecklistError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            if current_user.id != application.candidate.user_id:
                notifications.enqueue(
                    application.candidate.user, "departure_step_ticked", step=step
                )
            db.session.commit()
            flash(_("Step saved."), "success")
    else:
        _flash_errors(form)
    return redirect(url_for("japan.show_checklist", application_id=application.id))


def untick_step(application_id, step):
    application, departure = lookups.get_hire_or_404(application_id, for_user=current_user)
    if ButtonForm().validate_on_submit() and departure is not None:
        checklist.untick(departure, step, actor=current_user)
        db.session.commit()
        flash(_("Step reopened."), "success")
    return redirect(url_for("japan.show_checklist", application_id=application.id))


def invite_agent(application_id):
    """The employer invites the sending organisation's person for this hire."""
    application, departure = lookups.get_hire_or_404(application_id, for_user=current_user)
    form = InviteAgentForm()
    if form.validate_on_submit():
        departure = departure or checklist.departure_of(application)
        try:
            agents.invite(
                departure,
                current_user,
                name=form.name.data,
                agency=form.agency.data,
                email=form.email.data,
            )
        except accounts.AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
    else:
        _flash_errors(form)
    return redirect(url_for("japan.show_checklist", application_id=application.id))


def sending_dashboard():
    """The sending organisation's person: the hires they were invited to, and no more."""
    hires = [
        (departure, sum(1 for _step, done in checklist.steps(departure) if done))
        for departure in checklist.hires_of_agent(current_user)
    ]
    return render_template(
        "japan/sending_dashboard.html", hires=hires, steps_total=len(DEPARTURE_STEPS)
    )


@auth_limits
def join_sending(token):
    """The employer's single-use link: set a password (first time) and see the hire."""
    invitation = agents.invitation_for_token(token)
    if invitation is None:
        flash(_("That invitation has expired or was already used. Ask for a new one."), "error")
        return redirect(url_for("auth.login"))
    if not agents.needs_password(invitation):
        flash(_("You already have an account: log in to see the new hire."), "info")
        return redirect(url_for("auth.login"))
    form = AgentPasswordForm()
    if form.validate_on_submit():
        try:
            agent = agents.accept(invitation, password=form.password.data)
        except accounts.AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            begin_new_session(agent)
            flash(_("Welcome. Here are the hires you follow."), "success")
            return redirect(home_for(agent))
    return render_template("japan/join_sending.html", form=form, invitation=invitation)
