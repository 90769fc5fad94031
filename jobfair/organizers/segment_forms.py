"""The segment's fields as a form (audience, attendance, programme, province, Japanese level,
wanted sector, exhibitor), for every page that sends to one: follow-ups, surveys."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField
from wtforms.validators import ValidationError

from matching import levels

from .. import access, labels
from ..extensions import db
from ..models import Event, Exhibitor
from .segments import Segment

ANYONE = SelectChoice("", _l("Anyone"))
AUDIENCE_LABELS = {"candidates": _l("Candidates"), "employers": _l("Employers (recruiters)")}
ATTENDANCE_LABELS = {
    "registered": _l("Everyone registered"),
    "checked_in": _l("Checked in at the door"),
    "not_checked_in": _l("Registered but did not check in"),
}


def _with_anyone(mapping: dict) -> list:
    return [ANYONE, *labels.choices(mapping)]


class SegmentForm(FlaskForm):
    """Whom to write to; `segment(event)` turns the answers into a `Segment`."""

    audience = SelectField(_l("To"), choices=labels.choices(AUDIENCE_LABELS), default="candidates")
    attendance = SelectField(
        _l("Attendance (candidates)"),
        choices=labels.choices(ATTENDANCE_LABELS),
        default="registered",
    )
    programme = SelectField(_l("Programme"), default="")
    province = SelectField(_l("Province"), default="")
    japanese_at_least = SelectField(_l("Japanese at least"), default="")
    sector = SelectField(_l("Wants to work in"), default="")
    exhibitor = SelectField(
        _l("Exhibitor"),
        default="",
        description=_l("Candidates who applied to it or were met at its booth; its recruiters."),
    )

    def __init__(self, event: Event, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme.choices = _with_anyone(labels.PROGRAM_LABELS)
        self.province.choices = _with_anyone(labels.PROVINCE_LABELS)
        self.japanese_at_least.choices = [
            ANYONE,
            *(SelectChoice(level, labels.level_label(level)) for level in levels.JAPANESE_SCALE),
        ]
        self.sector.choices = _with_anyone(labels.SECTOR_LABELS)
        approved = db.session.scalars(
            sa.select(Exhibitor)
            .where(Exhibitor.event_id == event.id, access.exhibitor_is_in_fair())
            .order_by(Exhibitor.id)
        ).all()
        self.exhibitor.choices = [
            ANYONE,
            *(
                SelectChoice(str(exhibitor.id), exhibitor.organization.name)
                for exhibitor in approved
            ),
        ]

    def validate_exhibitor(self, field):
        if field.data and not field.data.isdigit():
            raise ValidationError(_l("Not a valid choice."))

    def segment(self, event: Event, audience: str | None = None) -> Segment:
        """The answers as a `Segment`; a page whose audience is already fixed (a survey for
        candidates or for recruiters) passes it, and the candidates' filters only count for
        candidates."""
        audience = audience or self.audience.data
        candidates = audience == "candidates"
        return Segment(
            event_id=event.id,
            audience=audience,
            attendance=self.attendance.data if candidates else "registered",
            programme=(self.programme.data or "") if candidates else "",
            province=(self.province.data or "") if candidates else "",
            japanese_at_least=(self.japanese_at_least.data or "") if candidates else "",
            sector=(self.sector.data or "") if candidates else "",
            exhibitor_id=int(self.exhibitor.data) if self.exhibitor.data else None,
        )

    def fill(self, segment: Segment) -> None:
        """Show a stored segment (editing a draft)."""
        self.audience.data = segment.audience
        self.attendance.data = segment.attendance
        self.programme.data = segment.programme
        self.province.data = segment.province
        self.japanese_at_least.data = segment.japanese_at_least
        self.sector.data = segment.sector
        self.exhibitor.data = str(segment.exhibitor_id) if segment.exhibitor_id else ""
