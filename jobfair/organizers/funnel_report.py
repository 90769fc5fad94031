"""The funders' report of a fair's hiring funnel: an A4 PDF and an XLSX, in English or
Japanese, built as a job from `funnel.compute` (the same numbers as the funnel page).

The job runs in the language the organizer chose (the job's `locale`): labels, the method
note and the charts' words are all written in it.
"""

import io

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import exports, localize
from ..extensions import db
from ..jobs.registry import handler
from ..jobs.run import JobFailed, JobRun
from ..models import Event
from ..models.audit import record_audit
from ..pdf import FairPDF
from . import funnel


def _charts():
    """The chart module, imported when a report is drawn: matplotlib takes about half a
    second to import, and every web worker would pay it at start for a job it never runs."""
    from . import funnel_charts

    return funnel_charts


FORMATS = {"pdf": "application/pdf", "xlsx": exports.XLSX_MIMETYPE}
LANGUAGES = {"en": _l("English"), "ja": _l("Japanese")}
INK, MUTED = 20, 110


def _percent(value) -> str:
    return "" if value is None else f"{value:.1f}%"


def _number(value) -> str:
    return "" if value is None else f"{value:,}"


def funnel_rows(line: funnel.Line) -> list[list]:
    """Step, count, drop, drop %, share of the first step, of whom not checked in."""
    return [
        [
            funnel.step_label(step),
            line.counts[n],
            line.drops[n],
            _percent(line.drop_percent(n)),
            _percent(line.share_of_first(n)),
            line.not_checked_in[n],
        ]
        for n, step in enumerate(funnel.STEPS)
        if n >= line.first
    ]


def funnel_header() -> list[str]:
    return [
        _("Step"), _("Candidates"), _("Drop"), _("Drop (%)"), _("Share of the first step"),
        _("Did not check in"),
    ]  # fmt: skip


def breakdown_header(name: str) -> list[str]:
    steps = [funnel.step_label(step) for step in funnel.STEPS]
    return [str(funnel.BREAKDOWN_TITLES[name]), *steps]


def breakdown_rows(name: str, lines: list) -> list[list]:
    return [[funnel.key_label(name, ln.key), *ln.counts] for ln in lines]


def method_rows(result: funnel.Funnel) -> list[list]:
    rows = [[funnel.step_label(s), str(funnel.STEP_MEANINGS[s])] for s in funnel.STEPS]
    rows += [
        [str(funnel.BREAKDOWN_TITLES[b]), str(funnel.BREAKDOWN_NOTES[b])] for b in funnel.BREAKDOWNS
    ]
    rows.append([_("Not checked in"), _not_checked_note()])
    if result.erased:
        rows.append([_("Erased"), _erased_note(result.erased)])
    return rows


def _not_checked_note() -> str:
    return _(
        "Checking in is never assumed: a candidate who applied online and went on without "
        "coming to the fair counts at every later step and not at “Checked in”; each step "
        "says how many of its candidates did not check in."
    )


def _erased_note(count: int) -> str:
    return _(
        "%(count)s registrations of people who since erased their data are not in the "
        "funnel (the event's statistics still count them).",
        count=count,
    )


def year_on_year(result: funnel.Funnel, *, limit: int = 2) -> list[funnel.Funnel]:
    """The fair and up to `limit` fairs before it, oldest first; empty when it is the first."""
    earlier = db.session.scalars(
        sa.select(Event)
        .where(Event.starts_on < result.event.starts_on)
        .order_by(Event.starts_on.desc(), Event.id.desc())
        .limit(limit)
    ).all()
    return [*funnel.compare(earlier, as_of=result.as_of), result] if earlier else []


def comparison_header(funnels: list) -> list[str]:
    return [_("Step"), *(f"{f.event.name} ({f.event.starts_on.isoformat()})" for f in funnels)]


def comparison_rows(funnels: list) -> list[list]:
    return [
        [funnel.step_label(step), *(f.total.counts[n] for f in funnels)]
        for n, step in enumerate(funnel.STEPS)
    ]


# --- XLSX ---------------------------------------------------------------------------------


def report_sheets(result: funnel.Funnel, history: list = ()) -> list[exports.Sheet]:
    """The funnel, one sheet per breakdown, the years compared and the method, each with a
    native chart."""
    sheets = [
        exports.Sheet(
            _("Funnel"),
            funnel_header(),
            funnel_rows(result.total),
            chart=exports.Chart(_("Hiring funnel"), [2]),
        )
    ]
    for name in funnel.BREAKDOWNS:
        lines = result.breakdowns[name]
        first = funnel.FIRST_COMPANY_STEP if name == "exhibitor" else 0
        series = [2 + step for step in (first, funnel.STEPS.index("hired"))]
        sheets.append(
            exports.Sheet(
                str(funnel.BREAKDOWN_TITLES[name]),
                breakdown_header(name),
                breakdown_rows(name, lines),
                chart=exports.Chart(str(funnel.BREAKDOWN_TITLES[name]), series),
            )
        )
    if history:
        columns = list(range(2, len(history) + 2))
        sheets.append(
            exports.Sheet(
                _("Year on year"),
                comparison_header(history),
                comparison_rows(history),
                chart=exports.Chart(_("Year on year"), columns, horizontal=False),
            )
        )
    sheets.append(exports.Sheet(_("Method"), [_("Step"), _("What it counts")], method_rows(result)))
    return sheets


# --- PDF ----------------------------------------------------------------------------------


class FunnelReport(FairPDF):
    """The report's pages: a cover, the funnel, each breakdown, departures and the method."""

    def __init__(self, result: funnel.Funnel):
        super().__init__()
        self.result = result
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(_("Hiring funnel: %(event)s", event=result.event.name))

    def footer(self):
        self.set_y(-12)
        self.text_line(f"{self.result.event.name} · {self.page_no()}", 7, MUTED, align="C")

    def text_line(self, text: str, size: float, colour: int = INK, align: str = "L") -> None:
        self.use_font_for(text, size)
        self.set_text_color(colour)
        self.multi_cell(0, size * 0.5, text, align=align, new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str) -> None:
        self.ln(3)
        self.text_line(text, 14)
        self.ln(1)

    def chart(self, png: bytes) -> None:
        self.image(io.BytesIO(png), w=self.epw)
        self.ln(2)

    def table(self, header: list, rows: list, widths: list) -> None:
        """A plain table; numbers to the right; the header (wrapped) repeats on a new page."""
        size, height = 7.5, 5.2

        def head():
            top, x, bottom = self.get_y(), self.l_margin, self.get_y()
            for text, width in zip(header, widths, strict=True):
                self.use_font_for(text, 7)
                self.set_text_color(INK)
                self.set_xy(x, top)
                self.multi_cell(width, 3.4, text, align="L" if x == self.l_margin else "R")
                bottom, x = max(bottom, self.get_y()), x + width
            self.set_draw_color(120)
            self.line(self.l_margin, bottom + 0.6, self.l_margin + sum(widths), bottom + 0.6)
            self.set_xy(self.l_margin, bottom + 1.2)

        if self.will_page_break(height * 3):
            self.add_page()
        head()
        self.set_draw_color(210)
        for cells in rows:
            if self.will_page_break(height):
                self.add_page()
                head()
                self.set_draw_color(210)
            for n, (cell, width) in enumerate(zip(cells, widths, strict=True)):
                text = "" if cell is None else f"{cell:,}" if isinstance(cell, int) else str(cell)
                self.use_font_for(text, size)
                self.set_text_color(INK)
                align = "L" if n == 0 else "R"
                self.cell(width, height, text, border="B", align=align)
            self.ln(height)
        self.ln(3)

    def cover(self) -> None:
        event = self.result.event
        self.add_page()
        self.ln(40)
        self.text_line(_("Hiring funnel report"), 13, MUTED)
        self.ln(2)
        self.text_line(event.name, 24)
        self.ln(3)
        days = localize.format_date(event.starts_on, "long")
        if event.ends_on != event.starts_on:
            days = f"{days} – {localize.format_date(event.ends_on, 'long')}"
        self.text_line(days, 12)
        self.text_line(f"{event.venue}, {event.city}", 10, MUTED)
        self.ln(14)
        total = self.result.total
        for step in ("registered", "checked_in", "hired", "departed"):
            count = total.counts[funnel.STEPS.index(step)]
            self.text_line(f"{funnel.step_label(step)}: {_number(count)}", 13)
        self.ln(14)
        made = localize.format_date(self.result.as_of, "long")
        self.text_line(
            _("Figures as of %(date)s, from the platform's records.", date=made), 9, MUTED
        )

    def funnel_page(self) -> None:
        self.add_page()
        self.heading(_("The funnel"))
        self.chart(_charts().funnel_chart(self.result.total, _("Hiring funnel")))
        self.table(funnel_header(), funnel_rows(self.result.total), [52, 22, 18, 20, 30, 32])

    def breakdown(self, name: str) -> None:
        lines = self.result.breakdowns[name]
        title = str(funnel.BREAKDOWN_TITLES[name])
        self.add_page()
        self.heading(title)
        self.text_line(str(funnel.BREAKDOWN_NOTES[name]), 8, MUTED)
        self.ln(2)
        if lines:
            self.chart(_charts().breakdown_chart(lines, name, title))
        header = [title, *(funnel.step_label(s) for s in funnel.STEPS)]
        self.table(header, breakdown_rows(name, lines), [41] + [19] * len(funnel.STEPS))

    def departures(self) -> None:
        """Programmes and departures: hires and departures per programme and company."""
        self.add_page()
        self.heading(_("Programmes and departures"))
        hired, departed = funnel.STEPS.index("hired"), funnel.STEPS.index("departed")
        for name in ("programme", "exhibitor"):
            rows = [
                [funnel.key_label(name, ln.key), ln.counts[hired], ln.counts[departed]]
                for ln in self.result.breakdowns[name]
                if ln.counts[hired]
            ]
            header = [str(funnel.BREAKDOWN_TITLES[name]), funnel.step_label("hired"),
                      funnel.step_label("departed")]  # fmt: skip
            self.table(header, rows or [[_("No hires yet."), None, None]], [110, 32, 32])

    def years(self, history: list) -> None:
        """The fair beside the ones before it: the chart, then the counts."""
        self.add_page()
        self.heading(_("Year on year"))
        self.chart(_charts().comparison_chart(history, _("Year on year")))
        first = 174 - 36 * len(history)
        self.table(
            comparison_header(history), comparison_rows(history), [first] + [36] * len(history)
        )

    def method(self) -> None:
        self.add_page()
        self.heading(_("Method: what each step counts"))
        for title, text in method_rows(self.result):
            self.text_line(title, 10)
            self.text_line(text, 8.5, MUTED)
            self.ln(2)


def report_pdf(result: funnel.Funnel, history: list = ()) -> bytes:
    pdf = FunnelReport(result)
    pdf.cover()
    pdf.funnel_page()
    for name in funnel.BREAKDOWNS:
        pdf.breakdown(name)
    pdf.departures()
    if history:
        pdf.years(history)
    pdf.method()
    out = io.BytesIO()
    pdf.output(out)
    return out.getvalue()


@handler("funnel_report", label=_l("Hiring funnel report"), max_attempts=3)
def build_report(run: JobRun) -> None:
    """A job: the funders' report of one fair, as a PDF or an XLSX, in the chosen language."""
    event = db.session.get(Event, run.job.event_id) if run.job.event_id else None
    kind = run.params.get("format")
    if event is None or kind not in FORMATS:
        raise JobFailed(_("This report cannot be made: the event is gone."))
    run.progress(0, 2)
    result = funnel.compute(event)
    history = year_on_year(result)
    run.progress(1, 2)
    if kind == "pdf":
        data = report_pdf(result, history)
    else:
        data = exports.xlsx_bytes(report_sheets(result, history))
    run.progress(2, 2)
    language = run.params.get("locale", "en")
    run.keep_file(data, f"event-{event.id}-funnel-{language}.{kind}", FORMATS[kind])
    record_audit(run.job.owner, "funnel_report", event, format=kind, language=language)
