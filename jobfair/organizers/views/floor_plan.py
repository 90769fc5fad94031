"""The floor plan page: the hall's grid or image, each booth's place, areas, the printed map."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ... import floor_map
from ...extensions import db
from ...fields import ButtonForm
from ...models import FloorArea
from ...models.audit import record_audit
from ...uploads import UploadError
from .. import floor_plan, lookups
from ..blueprint import bp
from ..errors import OrganizerError
from ..floor_forms import AreaForm, BoothGridForm, BoothImageForm, FloorImageForm, GridForm

PAGE = "organizers.floor_plan_page"


def _image_url(event) -> str:
    return url_for("organizers.floor_plan_image", event_id=event.id)


def _booth_form(plan, exhibitor, place, data=None):
    """The form of one booth's place: a cell on a grid, a point on an image."""
    form_class = BoothGridForm if plan is None or plan.is_grid else BoothImageForm
    return form_class(formdata=data, obj=place, prefix=f"b{exhibitor.id}")


@bp.route("/events/<int:event_id>/floor-plan")
def floor_plan_page(event_id):
    event = lookups.get_event_or_404(event_id)
    plan = floor_map.plan_of(event)
    booths = floor_map.booth_list(event, in_fair_only=False)
    places = floor_plan.places_by_exhibitor(event)
    return render_template(
        "organizers/floor_plan.html",
        event=event,
        plan=plan,
        svg=floor_map.render(
            event,
            focused=request.args.get("booth"),
            image_url=_image_url(event),
            in_fair_only=False,
            numbered=True,
        ),
        rows=[(e, _booth_form(plan, e, places.get(e.id))) for e in booths],
        grid=GridForm(obj=plan),
        image=FloorImageForm(),
        area=AreaForm(),
        areas=floor_map.areas_of(event),
        button=ButtonForm(),
        area_labels=floor_map.AREA_LABELS,
        anchor=floor_map.anchor,
    )


@bp.route("/events/<int:event_id>/floor-plan/grid", methods=["POST"])
def save_floor_grid(event_id):
    event = lookups.get_event_or_404(event_id)
    form = GridForm()
    if form.validate_on_submit():
        _save(
            event,
            lambda: floor_plan.set_grid(
                event, columns=form.grid_columns.data, rows=form.grid_rows.data
            ),
        )
    else:
        _form_errors(form)
    return redirect(url_for(PAGE, event_id=event.id))


@bp.route("/events/<int:event_id>/floor-plan/image", methods=["POST"])
def upload_floor_image(event_id):
    event = lookups.get_event_or_404(event_id)
    form = FloorImageForm()
    if form.validate_on_submit():
        _save(event, lambda: floor_plan.set_image(event, form.image.data.read()))
    else:
        _form_errors(form)
    return redirect(url_for(PAGE, event_id=event.id))


@bp.route("/events/<int:event_id>/floor-plan/use-<any(grid, image):kind>", methods=["POST"])
def switch_floor_kind(event_id, kind):
    event = lookups.get_event_or_404(event_id)
    if ButtonForm().validate_on_submit():
        use = floor_plan.use_grid if kind == "grid" else floor_plan.use_image
        _save(event, lambda: use(event))
    return redirect(url_for(PAGE, event_id=event.id))


@bp.route("/events/<int:event_id>/floor-plan/image")
def floor_plan_image(event_id):
    return floor_map.image_response(lookups.get_event_or_404(event_id))


@bp.route("/events/<int:event_id>/floor-plan/booths/<int:exhibitor_id>", methods=["POST"])
def place_booth(event_id, exhibitor_id):
    event = lookups.get_event_or_404(event_id)
    exhibitor = lookups.get_exhibitor_or_404(event, exhibitor_id)
    plan = floor_plan.plan_for(event)
    form = _booth_form(plan, exhibitor, None, request.form)
    if form.validate_on_submit():
        _save(event, lambda: floor_plan.place_from_form(event, exhibitor, form.data))
    else:
        _form_errors(form)
    code = exhibitor.booth_code or ""
    return redirect(url_for(PAGE, event_id=event.id, booth=code, _anchor=f"place-{exhibitor.id}"))


@bp.route("/events/<int:event_id>/floor-plan/areas", methods=["POST"])
def add_floor_area(event_id):
    event = lookups.get_event_or_404(event_id)
    form = AreaForm()
    if form.validate_on_submit():
        fields = {name: form[name].data for name in ("grid_column", "grid_row")}
        _save(
            event,
            lambda: floor_plan.add_area(
                event,
                kind=form.kind.data,
                column=fields["grid_column"],
                row=fields["grid_row"],
                column_span=form.column_span.data,
                row_span=form.row_span.data,
            ),
        )
    else:
        _form_errors(form)
    return redirect(url_for(PAGE, event_id=event.id))


@bp.route("/events/<int:event_id>/floor-plan/areas/<int:area_id>/remove", methods=["POST"])
def remove_floor_area(event_id, area_id):
    event = lookups.get_event_or_404(event_id)
    area = db.session.get(FloorArea, area_id)
    if area is None or area.event_id != event.id:
        abort(404)
    if ButtonForm().validate_on_submit():
        _save(event, lambda: floor_plan.remove_area(area))
    return redirect(url_for(PAGE, event_id=event.id))


@bp.route("/events/<int:event_id>/floor-plan/print")
def print_floor_plan(event_id):
    """The whole map and the booth list (code → company) for A4 paper: the companies in
    the fair, as candidates see them."""
    event = lookups.get_event_or_404(event_id)
    return render_template(
        "floor/print.html",
        event=event,
        svg=floor_map.render(event, image_url=_image_url(event)),
        booths=floor_map.booth_list(event),
    )


def _save(event, change) -> None:
    """Run one layout change; commit it, or roll back and show why it was refused."""
    try:
        change()
    except (OrganizerError, UploadError) as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return
    record_audit(current_user, "floor_plan_changed", event)
    db.session.commit()
    flash(_("The floor plan is saved."), "success")


def _form_errors(form) -> None:
    for field in form:
        for error in field.errors:
            flash(f"{field.label.text}: {error}", "error")
