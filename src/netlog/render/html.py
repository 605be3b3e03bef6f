"""The ``netlog report`` page: HTML around inline SVG charts, nothing loaded
from anywhere.

It draws the report's view model (``netlog.report.model``, built once by
``network.report``) with the graph's layout (``netlog.report.layout``), and
says what it shows with the views' words (``netlog.render.views``) where
another command says the same: "3 conversations", "2 check-ins, 1 promise".
Every stored string (names, companies, tags) is made one line by the one
sanitiser (control and bidi characters become U+FFFD) and then HTML-escaped,
in text and in attributes alike, so a name holding markup shows as text.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from netlog.render.views import count, overdue_parts
from netlog.report.layout import YOU, positions
from netlog.sanitise import one_line

if TYPE_CHECKING:
    from netlog.insight.timeline import Overdue
    from netlog.report.model import Report

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
# Colour-blind-safe qualitative palette (Okabe-Ito), then grey for "other".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
OTHER = "#9aa0a6"
HEAT = ("#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127")
LABELLED_NODES = 30  # the strongest this many get their name written beside them

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;
max-width:1000px;color:#1f2328;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px}
p.note{color:#57606a;margin:2px 0 10px}
svg{display:block;max-width:100%;height:auto}
svg text{font:11px system-ui,sans-serif;fill:#57606a}
.legend span{display:inline-block;margin:0 12px 4px 0;white-space:nowrap}
.legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;
vertical-align:-1px}
.summary{display:flex;gap:28px;flex-wrap:wrap;margin:10px 0}
.summary strong{display:block;font-size:20px}
"""


def esc(text: object) -> str:
    """Stored text, safe in HTML text and in quoted attributes."""
    return html.escape(one_line(str(text)), quote=True)


def page(report: Report) -> str:
    """The whole page as text."""
    today = report.today.isoformat()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>netlog report {today}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Your network on {today}</h1>",
        _summary(report),
        "<h2>Conversations over the past year</h2>",
        '<p class="note">One square a day, darker for more conversations.</p>',
        heatmap_svg(report),
        "<h2>Your network</h2>",
        _network_note(report),
        _legend(report),
        graph_svg(report),
        "<h2>Give and take</h2>",
        '<p class="note">Favours you gave (right) and received (left), with the people '
        "you exchanged the most.</p>",
        give_take_svg(report),
        "<h2>Due items over time</h2>",
        '<p class="note">Overdue check-ins and promises each week, from the history '
        "(snoozes are not history, so they are not counted).</p>",
        overdue_svg(report.overdue),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(report: Report) -> str:
    owed = report.overdue[-1].total if report.overdue else 0
    cells = [
        (f"{report.people:,}", "people"),
        (f"{report.conversations:,}", "conversations this year"),
        (f"{report.days_talked:,}", "days you talked to someone"),
        (f"{owed:,}", "overdue today"),
    ]
    return (
        '<div class="summary">'
        + "".join(f"<div><strong>{v}</strong>{label}</div>" for v, label in cells)
        + "</div>"
    )


def _network_note(report: Report) -> str:
    shown = len(report.nodes)
    text = (
        f"You in the centre and {shown:,} people around you, larger and closer the stronger "
        "the tie, coloured by company (or tag). Dashed lines: who introduced you; solid: "
        "introductions you made."
    )
    if report.left_out:
        text += (
            f" The {shown:,} most connected are shown; {report.left_out:,} "
            f"{'person is' if report.left_out == 1 else 'people are'} left out."
        )
    return f'<p class="note" id="network-note">{esc(text)}</p>'


def _colour(report: Report, group: str) -> str:
    if group in report.groups:
        return PALETTE[report.groups.index(group) % len(PALETTE)]
    return OTHER


def _legend(report: Report) -> str:
    items = [
        f'<span><i style="background:{_colour(report, g)}"></i>{esc(g)}</span>'
        for g in report.groups
    ]
    items.append(f'<span><i style="background:{OTHER}"></i>other</span>')
    return '<p class="legend">' + "".join(items) + "</p>"


# ----- the heatmap: one cell a day, weeks as columns
CELL, GAP = 14, 2


def heatmap_svg(report: Report) -> str:
    days = report.heatmap
    if not days:
        return ""
    first = days[0].day
    origin = first - timedelta(days=first.weekday())  # the Monday of the first week
    top = max((d.conversations for d in days), default=0)
    weeks = (days[-1].day - origin).days // 7 + 1
    width, height = 30 + weeks * (CELL + GAP), 20 + 7 * (CELL + GAP)
    out = [
        f'<svg class="heatmap" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="conversations per day">'
    ]
    for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        out.append(f'<text x="0" y="{20 + row * (CELL + GAP) + 9}">{name}</text>')
    month = None
    for d in days:
        column = (d.day - origin).days // 7
        x, y = 30 + column * (CELL + GAP), 20 + d.day.weekday() * (CELL + GAP)
        if d.day.month != month and d.day.day <= 7:
            month = d.day.month
            out.append(f'<text x="{x}" y="12">{d.day.strftime("%b")}</text>')
        level = 0 if d.conversations == 0 else max(1, math.ceil(4 * d.conversations / top))
        tried = f", {d.attempts} unanswered" if d.attempts else ""
        out.append(
            f'<rect class="day" data-day="{d.day.isoformat()}" data-count="{d.conversations}" '
            f'x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2" fill="{HEAT[level]}">'
            f"<title>{d.day.isoformat()}: {count(d.conversations, 'conversation')}{tried}</title>"
            "</rect>"
        )
    out.append("</svg>")
    return "".join(out)


# ----- the network
SIZE = 900


def graph_svg(report: Report) -> str:
    where = positions(report.nodes, report.edges)
    half, margin = SIZE / 2, 40

    def xy(node_id: int) -> tuple[float, float]:
        x, y = where[node_id]
        return half + x * (half - margin), half + y * (half - margin)

    out = [
        f'<svg class="graph" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}" '
        'role="img" aria-label="your network">'
    ]
    for edge in report.edges:
        (x1, y1), (x2, y2) = xy(edge.a), xy(edge.b)
        dash = ' stroke-dasharray="4 3"' if edge.kind == "introduced you" else ""
        colour = "#8c959f" if edge.kind == "introduced you" else "#0072B2"
        out.append(
            f'<line class="edge" data-kind="{edge.kind}" x1="{x1:.1f}" y1="{y1:.1f}" '
            f'x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-width="1.2"{dash}/>'
        )
    cx, cy = xy(YOU)
    out.append(f'<circle class="you" cx="{cx:.1f}" cy="{cy:.1f}" r="14" fill="#1f2328"/>')
    out.append(
        f'<text x="{cx:.1f}" y="{cy + 4:.1f}" text-anchor="middle" '
        'style="fill:#fff;font-weight:600">You</text>'
    )
    for n, node in enumerate(report.nodes):
        x, y = xy(node.id)
        radius = 4 + 12 * node.strength / 100
        group = "" if node.group == "other" else f" · {node.group}"
        out.append(
            f'<circle class="node" data-id="{node.id}" data-strength="{node.strength}" '
            f'cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{radius:.1f}" fill="{_colour(report, node.group)}" fill-opacity="0.85" '
            f'stroke="#fff" stroke-width="1"><title>{esc(node.name)} — strength '
            f"{node.strength}{esc(group)}</title></circle>"
        )
        if n < LABELLED_NODES:
            # right of the node, or left of it in the right third (never off the edge)
            left = x > SIZE * 2 / 3
            at = x - radius - 3 if left else x + radius + 3
            anchor = ' text-anchor="end"' if left else ""
            out.append(
                f'<text class="label" x="{at:.1f}" y="{y + 4:.1f}"{anchor}>{esc(node.name)}</text>'
            )
    out.append("</svg>")
    return "".join(out)


# ----- give and take
def give_take_svg(report: Report) -> str:
    rows = report.give_take
    if not rows:
        return '<p class="note">No favours recorded yet (log --gave, --got).</p>'
    top = max(max(r.gave, r.got) for r in rows) or 1
    row_h, name_w, bar_w = 20, 200, 300
    width, height = name_w + 2 * bar_w + 40, 24 + row_h * len(rows)
    centre = name_w + bar_w
    out = [
        f'<svg class="give-take" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="give and take per person">',
        f'<text x="{centre - 6}" y="12" text-anchor="end">received</text>',
        f'<text x="{centre + 6}" y="12">gave</text>',
        f'<line x1="{centre}" y1="16" x2="{centre}" y2="{height}" stroke="#d0d7de"/>',
    ]
    for n, r in enumerate(rows):
        y = 20 + n * row_h
        got_w, gave_w = bar_w * r.got / top, bar_w * r.gave / top
        out.append(
            f'<g class="person"><title>{esc(r.name)}: gave {r.gave}, received {r.got}</title>'
            f'<text x="{name_w - 8}" y="{y + 13}" text-anchor="end">{esc(r.name)}</text>'
            f'<rect x="{centre - got_w:.1f}" y="{y + 3}" width="{got_w:.1f}" height="{row_h - 6}" '
            'fill="#E69F00"/>'
            f'<rect x="{centre}" y="{y + 3}" width="{gave_w:.1f}" height="{row_h - 6}" '
            'fill="#009E73"/></g>'
        )
    out.append("</svg>")
    return "".join(out)


# ----- due items over time
def overdue_svg(series: Iterable[Overdue]) -> str:
    points = list(series)
    if not points:
        return ""
    width, height, left, bottom = 900, 220, 40, 24
    top = max(p.total for p in points) or 1
    step = (width - left - 10) / max(len(points) - 1, 1)

    def line(values: list[int]) -> str:
        return " ".join(
            f"{left + n * step:.1f},{height - bottom - (height - bottom - 10) * v / top:.1f}"
            for n, v in enumerate(values)
        )

    first, last = points[0].day, points[-1].day
    return (
        f'<svg class="overdue" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'role="img" aria-label="overdue items over time">'
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" '
        'stroke="#d0d7de"/>'
        f'<text x="{left - 6}" y="14" text-anchor="end">{top}</text>'
        f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end">0</text>'
        f'<text x="{left}" y="{height - 6}">{_day(first)}</text>'
        f'<text x="{width - 10}" y="{height - 6}" text-anchor="end">{_day(last)}</text>'
        f'<polyline points="{line([p.total for p in points])}" fill="none" stroke="#D55E00" '
        'stroke-width="2"><title>overdue, all</title></polyline>'
        f'<polyline points="{line([p.promises for p in points])}" fill="none" stroke="#0072B2" '
        'stroke-width="1.5" stroke-dasharray="5 3"><title>overdue promises</title></polyline>'
        + "".join(
            f'<circle class="week" cx="{left + n * step:.1f}" '
            f'cy="{height - bottom - (height - bottom - 10) * p.total / top:.1f}" r="2.5" '
            f'fill="#D55E00"><title>{p.day.isoformat()}: {p.total} overdue '
            f"({overdue_parts(p)})</title></circle>"
            for n, p in enumerate(points)
        )
        + f'<text x="{width - 10}" y="14" text-anchor="end">'
        "— all overdue   - - promises</text></svg>"
    )


def _day(day: date) -> str:
    return day.isoformat()
