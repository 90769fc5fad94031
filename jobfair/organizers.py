"""Organizers: events, exhibitors, booths, check-in, statistics and exports, accounts."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from . import events, exports, statistics
from .auth import role_required
from .extensions import db
from .labels import choices
from .models import AuditLog, Event, Exhibitor, Organization, Registration, User, UserRole
from .models.audit import record_audit
from .models.events import ExhibitorStatus
from .organizer_forms import (
    ButtonForm,
    CodeForm,
    ConfirmForm,
    EventForm,
    ExhibitorForm,
    InviteForm,
    WalkInForm,
)

bp = Blueprint("organizers", __name__, url_prefix="/organizer")
public_bp = Blueprint("public", __name__, url_prefix="/events")


@bp.before_request
@role_required(UserRole.ORGANIZER)
def require_role():
    """Every page here is for organizers only; the check lives in one place."""


def get_event_or_404(event_id: int) -> Event:
    return db.session.get(Event, event_id) or abort(404)


def get_exhibitor_or_404(event: Event, exhibitor_id: int) -> Exhibitor:
    exhibitor = db.session.get(Exhibitor, exhibitor_id)
    if exhibitor is None or exhibitor.event_id != event.id:
        abort(404)
    return exhibitor


@bp.route("/")
def dashboard():
    all_events = db.session.scalars(sa.select(Event).order_by(Event.starts_on.desc())).all()
    return render_template("organizers/dashboard.html", events=all_events)


@bp.route("/events/new", methods=["GET", "POST"])
@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
def edit_event(event_id=None):
    event = get_event_or_404(event_id) if event_id else None
    form = EventForm(obj=event)
    if form.validate_on_submit():
        fields = {
            name: getattr(form, name).data
            for name in (
                "name",
                "venue",
                "city",
                "description",
                "starts_on",
                "ends_on",
                "opens_at",
                "closes_at",
                "registration_open",
                "published",
            )
        }
        try:
            event = events.save_event(event, **fields)
        except events.EventError as exc:
            db.session.rollback()
            form.ends_on.errors.append(str(exc))
        else:
            record_audit(current_user, "event_saved", event)
            db.session.commit()
            flash(_("The event is saved."), "success")
            return redirect(url_for("organizers.show_event", event_id=event.id))
    return render_template("organizers/edit_event.html", form=form, event=event)


@bp.route("/events/<int:event_id>")
def show_event(event_id):
    event = get_event_or_404(event_id)
    stats = statistics.compute(event)
    return render_template(
        "organizers/event.html", event=event, stats=stats, titles=statistics.BREAKDOWN_TITLES
    )


@bp.route("/events/<int:event_id>/exhibitors", methods=["GET", "POST"])
def exhibitors(event_id):
    event = get_event_or_404(event_id)
    invite = InviteForm()
    present = {e.organization_id for e in event.exhibitors}
    invite.organization_id.choices = choices(
        {
            o.id: o.name
            for o in db.session.scalars(sa.select(Organization).order_by(Organization.name))
            if o.id not in present
        }
    )
    if invite.validate_on_submit():
        organization = db.session.get(Organization, invite.organization_id.data) or abort(404)
        events.invite_exhibitor(event, organization)
        record_audit(current_user, "exhibitor_invited", organization)
        db.session.commit()
        flash(_("%(name)s is now an exhibitor.", name=organization.name), "success")
        return redirect(url_for("organizers.exhibitors", event_id=event.id))
    rows = [
        (e, ExhibitorForm(obj=e, prefix=f"x{e.id}"))
        for e in sorted(event.exhibitors, key=lambda e: (e.booth_code or "~", e.organization.name))
    ]
    return render_template("organizers/exhibitors.html", event=event, rows=rows, invite=invite)


@bp.route("/events/<int:event_id>/exhibitors/<int:exhibitor_id>", methods=["POST"])
def update_exhibitor(event_id, exhibitor_id):
    event = get_event_or_404(event_id)
    exhibitor = get_exhibitor_or_404(event, exhibitor_id)
    form = ExhibitorForm(prefix=f"x{exhibitor.id}")
    if form.validate_on_submit():
        try:
            events.set_exhibitor(
                exhibitor,
                status=form.status.data,
                booth_code=form.booth_code.data,
                actor=current_user,
            )
            db.session.commit()
            flash(_("Saved: %(name)s.", name=exhibitor.organization.name), "success")
        except events.EventError as exc:
            db.session.rollback()
            flash(str(exc), "error")
    else:
        flash(_("Please check the status and booth."), "error")
    return redirect(url_for("organizers.exhibitors", event_id=event.id))


@bp.route("/events/<int:event_id>/check-in", methods=["GET", "POST"])
def check_in(event_id):
    event = get_event_or_404(event_id)
    form = CodeForm()
    found = None
    if form.validate_on_submit():
        found = events.find_ticket(event, form.code.data)
        if found is None:
            form.code.errors.append(_("No ticket with this code for this event."))
    return render_template(
        "organizers/check_in.html",
        event=event,
        form=form,
        found=found,
        confirm=ConfirmForm(registration_id=found.id if found else None),
    )


@bp.route("/events/<int:event_id>/check-in/confirm", methods=["POST"])
def confirm_check_in(event_id):
    event = get_event_or_404(event_id)
    form = ConfirmForm()
    if not form.validate_on_submit() or not form.registration_id.data.isdigit():
        abort(400)
    registration = db.session.get(Registration, int(form.registration_id.data))
    if registration is None or registration.event_id != event.id:
        abort(404)
    name = registration.candidate.full_name
    if events.check_in(registration, current_user):
        db.session.commit()
        flash(_("Welcome, %(name)s: checked in.", name=name), "success")
    else:
        db.session.rollback()
        flash(
            _(
                "%(name)s was already checked in at %(time)s. Nothing changed.",
                name=name,
                time=_local_time(registration.checked_in_at),
            ),
            "info",
        )
    return redirect(url_for("organizers.check_in", event_id=event.id))


def _local_time(moment) -> str:
    from flask_babel import format_time

    return format_time(moment, "short")


@bp.route("/events/<int:event_id>/walk-in", methods=["GET", "POST"])
def walk_in(event_id):
    event = get_event_or_404(event_id)
    form = WalkInForm()
    if form.validate_on_submit():
        try:
            registration = events.register_walk_in(
                event,
                current_user,
                name=form.name.data,
                phone=form.phone.data,
                email=form.email.data,
                province=form.province.data,
                gender=form.gender.data,
            )
        except (events.EventError, events.accounts.AccountError) as exc:
            db.session.rollback()
            form.phone.errors.append(str(exc))
        else:
            db.session.commit()
            code = registration.short_code
            flash(
                _(
                    "%(name)s is registered and checked in. Ticket code: %(code)s",
                    name=form.name.data,
                    code=f"{code[:4]}-{code[4:]}",
                ),
                "success",
            )
            return redirect(url_for("organizers.walk_in", event_id=event.id))
    return render_template("organizers/walk_in.html", event=event, form=form)


@bp.route("/events/<int:event_id>/statistics.<any(csv, xlsx):kind>")
def export_statistics(event_id, kind):
    event = get_event_or_404(event_id)
    sheets = statistics_sheets(statistics.compute(event))
    record_audit(current_user, "statistics_export", event, format=kind)
    db.session.commit()
    name = f"event-{event.id}-statistics"
    if kind == "xlsx":
        return exports.xlsx_response(sheets, f"{name}.xlsx")
    return exports.csv_response(long_sheet(sheets), f"{name}.csv")


@bp.route("/events/<int:event_id>/candidates-anonymised.<any(csv, xlsx):kind>")
def export_anonymised(event_id, kind):
    event = get_event_or_404(event_id)
    sheet = exports.Sheet(
        "Candidates (anonymised)", statistics.ANONYMISED_HEADER, statistics.anonymised_rows(event)
    )
    record_audit(current_user, "anonymised_export", event, format=kind)
    db.session.commit()
    name = f"event-{event.id}-candidates-anonymised"
    if kind == "xlsx":
        return exports.xlsx_response([sheet], f"{name}.xlsx")
    return exports.csv_response(sheet, f"{name}.csv")


def statistics_sheets(stats) -> list[exports.Sheet]:
    """One sheet per breakdown, plus totals, exhibitors and matching coverage."""
    sheets = [exports.Sheet("Totals", ["measure", "count"], list(stats.totals.items()))]
    for name, rows in stats.breakdowns.items():
        sheets.append(exports.Sheet(statistics.BREAKDOWN_TITLES[name], [name, "count"], rows))
    columns = [
        "organization",
        "country",
        "booth",
        "status",
        "roles",
        "applicants",
        "shortlisted",
        "interviews",
        "offers",
        "hires",
    ]
    sheets.append(
        exports.Sheet("Exhibitors", columns, [[e[c] for c in columns] for e in stats.exhibitors])
    )
    sheets.append(
        exports.Sheet(
            "Matching coverage",
            ["role", "organization", "qualified candidates"],
            [[c["role"], c["organization"], c["qualified"]] for c in stats.coverage],
        )
    )
    return sheets


def long_sheet(sheets: list[exports.Sheet]) -> exports.Sheet:
    """All breakdowns in one CSV: sheet, key, value (other columns joined)."""

    def rows():
        for sheet in sheets:
            for row in sheet.rows:
                row = list(row)
                yield [
                    sheet.title,
                    row[0],
                    row[-1] if len(row) > 1 else "",
                    "; ".join(f"{h}={v}" for h, v in zip(sheet.header[1:-1], row[1:-1])),
                ]

    return exports.Sheet("Statistics", ["breakdown", "key", "count", "details"], rows())


@bp.route("/users")
def users():
    query = request.args.get("q", "").strip()[:100]
    role = request.args.get("role", "")
    page = max(1, request.args.get("page", 1, type=int))
    statement = sa.select(User).order_by(User.created_at.desc())
    if query:
        like = f"%{query}%"
        statement = statement.where(
            sa.or_(User.email.ilike(like), User.phone.ilike(like), User.display_name.ilike(like))
        )
    if role in ("candidate", "employer", "organizer"):
        statement = statement.where(User.role == role)
    pagination = db.paginate(statement, page=page, per_page=50, error_out=False)
    return render_template(
        "organizers/users.html", pagination=pagination, q=query, role=role, form=ButtonForm()
    )


@bp.route("/users/<int:user_id>/<any(suspend, reinstate):action>", methods=["POST"])
def change_user(user_id, action):
    user = db.session.get(User, user_id) or abort(404)
    if ButtonForm().validate_on_submit():
        try:
            if action == "suspend":
                events.suspend_user(user, current_user)
                flash(
                    _("%(name)s is suspended; their sessions have ended.", name=user.display_name),
                    "info",
                )
            else:
                events.reinstate_user(user, current_user)
                flash(_("%(name)s can log in again.", name=user.display_name), "success")
            db.session.commit()
        except events.EventError as exc:
            db.session.rollback()
            flash(str(exc), "error")
    return redirect(url_for("organizers.users"))


@bp.route("/audit")
def audit_log():
    action = request.args.get("action", "").strip()[:50]
    page = max(1, request.args.get("page", 1, type=int))
    statement = sa.select(AuditLog).order_by(AuditLog.created_at.desc(), AuditLog.id.desc())
    if action:
        statement = statement.where(AuditLog.action == action)
    actions = db.session.scalars(
        sa.select(AuditLog.action).distinct().order_by(AuditLog.action)
    ).all()
    pagination = db.paginate(statement, page=page, per_page=50, error_out=False)
    return render_template(
        "organizers/audit.html", pagination=pagination, action=action, actions=actions
    )


@public_bp.route("/<int:event_id>")
def show_public_event(event_id):
    """The published exhibitor list with booths and open roles; no log-in needed."""
    from .models import Role
    from .models.recruiting import RoleStatus

    event = db.session.get(Event, event_id)
    if event is None or not event.published:
        abort(404)
    approved = [e for e in event.exhibitors if e.status == ExhibitorStatus.APPROVED]
    approved.sort(key=lambda e: (e.booth_code or "~", e.organization.name))
    roles = db.session.scalars(
        sa.select(Role)
        .where(Role.event_id == event.id, Role.status == RoleStatus.OPEN)
        .order_by(Role.title)
    ).all()
    by_org = {}
    for role in roles:
        by_org.setdefault(role.organization_id, []).append(role)
    return render_template(
        "organizers/public_event.html", event=event, exhibitors=approved, roles=by_org
    )
