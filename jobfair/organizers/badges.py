"""Printable badge sheets (PDF): exhibitor staff, pre-registered candidates, walk-ins.

Khmer and Japanese names print as they are written (jobfair/pdf.py). Candidates' badges
carry their ticket's QR code (the token, as on the ticket), drawn as vector squares.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass

import qrcode
import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from .. import access
from ..extensions import db
from ..jobs.registry import handler
from ..jobs.run import JobFailed, JobRun
from ..models import CandidateProfile, Event, Exhibitor, Registration, User
from ..pdf import FairPDF


@dataclass(frozen=True)
class Layout:
    label: str
    columns: int
    rows: int
    width: float  # mm
    height: float
    left: float
    top: float
    gap_x: float = 0
    gap_y: float = 0


LAYOUTS = {
    "a4-8": Layout(_l("A4, 8 badges of 90 × 60 mm"), 2, 4, 90, 60, 15, 28.5, 0, 0),
    "a4-10": Layout(_l("A4 labels, 10 of 86 × 55 mm (Avery L7418 size)"), 2, 5, 86, 55, 19, 11),
    "a4-21": Layout(
        _l("A4 labels, 21 of 63.5 × 38.1 mm (Avery L7160 size)"), 3, 7, 63.5, 38.1, 7.2, 15.15, 2.5
    ),
}
KINDS = {
    "staff": _l("Exhibitor staff"),
    "candidates": _l("Pre-registered candidates"),
    "walk_ins": _l("Walk-ins"),
}


@dataclass
class Badge:
    name: str
    second_name: str  # the Khmer name, when given
    role: str  # the organisation, or "Candidate" / "Walk-in"
    detail: str = ""  # e.g. the booth
    qr: str | None = None


def badges_for(event: Event, kind: str) -> list[Badge]:
    if kind == "staff":
        rows = db.session.execute(
            sa.select(User, Exhibitor)
            .join(Exhibitor, Exhibitor.organization_id == User.organization_id)
            .where(
                Exhibitor.event_id == event.id,
                access.exhibitor_is_in_fair(),
                User.suspended_at.is_(None),
            )
            .order_by(Exhibitor.booth_code, User.display_name)
        ).all()
        return [
            Badge(
                user.display_name,
                "",
                exhibitor.organization.name,
                _("Booth %(booth)s", booth=exhibitor.booth_code) if exhibitor.booth_code else "",
            )
            for user, exhibitor in rows
        ]
    source = "walk_in" if kind == "walk_ins" else "online"
    role = _("Walk-in") if kind == "walk_ins" else _("Candidate")
    rows = db.session.execute(
        sa.select(
            CandidateProfile.full_name, CandidateProfile.name_khmer, Registration.ticket_token
        )
        .join(Registration, Registration.candidate_id == CandidateProfile.id)
        .where(Registration.event_id == event.id, Registration.source == source)
        .order_by(CandidateProfile.full_name)
    ).all()
    return [Badge(name, khmer or "", role, qr=token) for name, khmer, token in rows]


class BadgeSheet(FairPDF):
    def __init__(self):
        super().__init__()
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self._fits = {}

    def fitted(self, text: str, x: float, y: float, width: float, size: float) -> float:
        """Text shrunk until it fits the width; a long name takes two lines. Returns the height."""
        key = (text, width, size)
        if key not in self._fits:  # the event's name and the roles repeat on every badge
            smallest = max(6, size * 0.6)
            self.use_font_for(text, size)
            while size > smallest and self.get_string_width(text) > width:
                size -= 0.5
                self.use_font_for(text, size)
            self._fits[key] = (size, self.get_string_width(text) <= width)
        size, one_line = self._fits[key]
        self.use_font_for(text, size)
        self.set_xy(x, y)
        line = size * 0.45
        if one_line:
            self.cell(width, line, text)
            return line
        self.multi_cell(width, line, text, align="L", max_line_height=line)
        return self.get_y() - y

    def qr(self, data: str, x: float, y: float, side: float) -> None:
        # A fixed mask: choosing the best of eight costs most of the time and is not
        # needed for reading a short token off a printed badge.
        code = qrcode.QRCode(
            error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=2
        )
        code.add_data(data)
        code.make(fit=True)
        matrix = code.get_matrix()
        cell = side / len(matrix)
        self.set_fill_color(0)
        for row, line in enumerate(matrix):
            start = None
            for col, dark in enumerate([*line, False]):
                if dark and start is None:
                    start = col
                elif not dark and start is not None:
                    # Runs of dark modules as one rectangle; slightly overlapping rows avoid
                    # hairline gaps in some viewers.
                    self.rect(
                        x + start * cell, y + row * cell, (col - start) * cell, cell * 1.02, "F"
                    )
                    start = None

    def badge(self, badge: Badge, event_name: str, x: float, y: float, layout: Layout) -> None:
        w, h = layout.width, layout.height
        pad = max(2.5, h * 0.06)
        self.set_draw_color(180)
        self.rect(x, y, w, h)
        qr_side = min(h * 0.55, w * 0.38) if badge.qr else 0
        text_w = w - 2 * pad - (qr_side + pad if qr_side else 0)
        self.set_text_color(90)
        self.fitted(event_name, x + pad, y + pad, w - 2 * pad, max(6, h * 0.12))
        self.set_text_color(0)
        line = y + h * 0.28
        line += self.fitted(badge.name, x + pad, line, text_w, h * 0.3) + h * 0.03
        if badge.second_name:
            line += self.fitted(badge.second_name, x + pad, line, text_w, h * 0.22) + h * 0.04
        line += self.fitted(badge.role, x + pad, line, text_w, max(7, h * 0.16)) + h * 0.03
        if badge.detail:
            self.fitted(badge.detail, x + pad, line, text_w, max(7, h * 0.14))
        if qr_side:
            self.qr(badge.qr, x + w - pad - qr_side, y + h - pad - qr_side, qr_side)


def badge_pdf(
    event: Event,
    badges: list[Badge],
    layout_name: str,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The sheets as a PDF; `progress(done, total)` is told after each badge."""
    layout = LAYOUTS[layout_name]
    pdf = BadgeSheet()
    pdf.set_title(_("Badges: %(event)s", event=event.name))
    per_page = layout.columns * layout.rows
    if not badges:
        pdf.add_page()
    for n, badge in enumerate(badges):
        if n % per_page == 0:
            pdf.add_page()
        column, row = (n % per_page) % layout.columns, (n % per_page) // layout.columns
        pdf.badge(
            badge,
            event.name,
            layout.left + column * (layout.width + layout.gap_x),
            layout.top + row * (layout.height + layout.gap_y),
            layout,
        )
        if progress is not None:
            progress(n + 1, len(badges))
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()


@handler("badges", label=_l("Badge sheets"), max_attempts=3)
def build_badges(run: JobRun) -> None:
    """A job: one event's badge sheets as a PDF, its progress counted in badges."""
    event = db.session.get(Event, run.job.event_id) if run.job.event_id else None
    kind, layout = run.params.get("kind"), run.params.get("layout")
    if event is None or kind not in KINDS or layout not in LAYOUTS:
        raise JobFailed(_("These badges cannot be made: the event or the chosen sheet is gone."))
    people = badges_for(event, kind)
    run.progress(0, len(people))
    pdf = badge_pdf(event, people, layout, progress=run.progress)
    run.keep_file(pdf, f"badges-{event.id}-{kind}.pdf", "application/pdf")
    run.summary = ngettext("%(num)d badge", "%(num)d badges", len(people))
