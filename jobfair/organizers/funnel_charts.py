"""The funnel's charts as PNG images (matplotlib, Agg), for the funders' PDF.

Labels come in the reader's language; Japanese is drawn with Noto Sans CJK (found through
`pdf.font_file`, the same font the PDF embeds) so it does not come out as boxes.
"""

import functools
import io

from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..pdf import font_file
from . import funnel

BLUE, GREY, GREEN = "#1f5f8b", "#9fb7c9", "#2e7d32"
PALETTE = ("#1f5f8b", "#4f8fba", "#9fb7c9", "#2e7d32", "#e0a030", "#b04a3a", "#7a5aa6")


@functools.cache
def _families() -> list[str]:
    """Noto Sans CJK JP (Latin and Japanese), then matplotlib's own DejaVu Sans."""
    path, _index = font_file("Noto Sans CJK JP")
    font_manager.fontManager.addfont(path)
    return [font_manager.FontProperties(fname=path).get_name(), "DejaVu Sans"]


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), dpi=150, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def _style(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)


def funnel_chart(line: funnel.Line, title: str) -> bytes:
    """Horizontal bars, one per step, with the count and the drop from the step before."""
    with rc_context({"font.family": _families()}):
        figure = _figure(7.0, 3.4)
        axes = figure.add_subplot()
        steps = list(range(line.first, len(funnel.STEPS)))
        names = [funnel.step_label(funnel.STEPS[s]) for s in steps]
        values = [line.counts[s] or 0 for s in steps]
        colours = [GREEN if funnel.STEPS[s] == "departed" else BLUE for s in steps]
        bars = axes.barh(names, values, color=colours)
        axes.invert_yaxis()
        top = max(values) or 1
        for bar, step, value in zip(bars, steps, values, strict=True):
            share = line.drop_percent(step)
            text = f"{value:,}" + (f"  (−{share:.0f}%)" if share is not None else "")
            axes.text(
                bar.get_width() + top * 0.01,
                bar.get_y() + bar.get_height() / 2,
                text,
                va="center",
                fontsize=8,
            )
        axes.set_xlim(0, top * 1.25)
        axes.set_title(title, fontsize=10)
        _style(axes)
        return _png(figure)


def breakdown_chart(lines: list, breakdown: str, title: str, *, limit: int = 10) -> bytes:
    """Grouped bars per group (the largest `limit`): each company step that has people."""
    with rc_context({"font.family": _families()}):
        shown = sorted(lines, key=lambda ln: -(ln.counts[ln.first] or 0))[:limit]
        first = min((ln.first for ln in shown), default=0)
        steps = [s for s in range(first, len(funnel.STEPS)) if any(ln.counts[s] for ln in shown)]
        figure = _figure(7.0, max(2.4, 0.42 * len(shown) + 1.2))
        axes = figure.add_subplot()
        height = 0.8 / max(1, len(steps))
        for n, step in enumerate(steps):
            positions = [i + n * height for i in range(len(shown))]
            values = [ln.counts[step] or 0 for ln in shown]
            axes.barh(
                positions,
                values,
                height=height,
                color=PALETTE[step % len(PALETTE)],
                label=funnel.step_label(funnel.STEPS[step]),
            )
        axes.set_yticks([i + 0.4 - height / 2 for i in range(len(shown))])
        axes.set_yticklabels([funnel.key_label(breakdown, ln.key) for ln in shown])
        axes.invert_yaxis()
        axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        axes.set_title(title, fontsize=10)
        _style(axes)
        return _png(figure)


def comparison_chart(funnels: list, title: str) -> bytes:
    """Each step's count for several fairs side by side (vertical grouped bars)."""
    with rc_context({"font.family": _families()}):
        figure = _figure(7.0, 3.2)
        axes = figure.add_subplot()
        width = 0.8 / max(1, len(funnels))
        for n, result in enumerate(funnels):
            positions = [s + n * width for s in range(len(funnel.STEPS))]
            axes.bar(
                positions,
                [c or 0 for c in result.total.counts],
                width=width,
                color=PALETTE[n % len(PALETTE)],
                label=result.event.name,
            )
        axes.set_xticks([s + 0.4 - width / 2 for s in range(len(funnel.STEPS))])
        axes.set_xticklabels([funnel.step_label(s) for s in funnel.STEPS], rotation=20, ha="right")
        axes.legend(fontsize=7, frameon=False)
        axes.set_title(title, fontsize=10)
        _style(axes)
        return _png(figure)
