"""Charts drawn on the server as inline SVG: sparklines, story timelines and world maps.

No JavaScript and no network: colours come from classes in static/style.css (the CSP forbids
inline styles), every chart has a text alternative, and the map outlines ship in
static/world-110m.json (built once by scripts/build_world_map.py from Natural Earth).
"""
from __future__ import annotations

import json
import math
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

STATIC = Path(__file__).parent / "static"


def _svg(width: float, height: float, label: str, body: str, css: str) -> Markup:
    return Markup(f'<svg class="{css}" viewBox="0 0 {width:g} {height:g}" role="img" aria-label="{escape(label)}"'
                  f' preserveAspectRatio="none" focusable="false"><title>{escape(label)}</title>{body}</svg>')


def sparkline(daily: list[dict[str, Any]], width: int = 120, height: int = 28) -> Markup:
    """Articles per day as a filled line; the last 60 days of the story at most."""
    days = daily[-60:]
    if not days:
        return Markup("")
    top = max(d["articles"] for d in days) or 1
    step = width / max(len(days) - 1, 1)
    points = [(i * step, height - 2 - (d["articles"] / top) * (height - 4)) for i, d in enumerate(days)]
    if len(points) == 1:
        points = [(0, points[0][1]), (width, points[0][1])]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    area = f"0,{height} {line} {width},{height}"
    label = (f"Articles per day, {days[0]['day']} to {days[-1]['day']}: "
             f"peak {top}, total {sum(d['articles'] for d in days)}")
    body = f'<polygon class="spark-area" points="{area}"/><polyline class="spark-line" points="{line}"/>'
    return _svg(width, height, label, body, "sparkline")


def timeline(articles: list[dict[str, Any]], languages: list[str]) -> Markup:
    """One lane per language, one dot per day with articles (its area grows with the count)."""
    dated = [a for a in articles if a.get("published") and len(a["published"]) >= 10]
    if not dated:
        return Markup("")
    days = sorted({a["published"][:10] for a in dated})
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    span = max((last - first).days, 1)
    lanes = [lang for lang in languages if any(a["language"] == lang for a in dated)]
    left, width, lane_h = 40, 600, 26
    height = lane_h * len(lanes) + 24
    counts: dict[tuple[str, str], int] = {}
    for a in dated:
        counts[(a["language"], a["published"][:10])] = counts.get((a["language"], a["published"][:10]), 0) + 1
    parts = []
    for row, lang in enumerate(lanes):
        y = row * lane_h + lane_h / 2
        parts.append(f'<text class="tl-label" x="0" y="{y + 4:.0f}">{escape(lang)}</text>'
                     f'<line class="tl-lane" x1="{left}" y1="{y:.0f}" x2="{left + width}" y2="{y:.0f}"/>')
        for (language, day), n in sorted(counts.items()):
            if language != lang:
                continue
            x = left + (date.fromisoformat(day) - first).days / span * width if span else left + width / 2
            parts.append(f'<circle class="tl-dot" cx="{x:.1f}" cy="{y:.0f}" r="{3 + 2.5 * math.sqrt(n - 1) + 1:.1f}">'
                         f'<title>{n} article{"s" if n > 1 else ""} in {escape(lang)} on {day}</title></circle>')
    axis_y = lane_h * len(lanes) + 16
    parts.append(f'<text class="tl-axis" x="{left}" y="{axis_y}">{days[0]}</text>')
    if len(days) > 1:
        parts.append(f'<text class="tl-axis" x="{left + width}" y="{axis_y}" text-anchor="end">{days[-1]}</text>')
    label = f"Timeline: {len(dated)} articles in {len(lanes)} languages from {days[0]} to {days[-1]}"
    return Markup(f'<svg class="timeline" viewBox="0 0 {left + width + 10} {height}" role="img"'
                  f' aria-label="{escape(label)}"><title>{escape(label)}</title>{"".join(parts)}</svg>')


@lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    return json.loads((STATIC / "world-110m.json").read_text(encoding="utf-8"))


def world_map(countries: list[dict[str, Any]], names: dict[str, str] | None = None) -> Markup:
    """Every country outline; those the story names are filled, darker the more articles name them."""
    shares = {c["code"]: c["articles"] for c in countries}
    top = max(shares.values(), default=1) or 1
    paths = []
    for country in world()["countries"]:
        code = country["id"]
        n = shares.get(code)
        css = f"country hit hit-{min(3, 1 + int(3 * n / top))}" if n else "country"
        title = f"{country['name']}: {n} article{'s' if n != 1 else ''}" if n else country["name"]
        paths.append(f'<path class="{css}" data-code="{code}" d="{country["d"]}"><title>{escape(title)}</title></path>')
    shown = [names.get(c, c) if names else c for c in shares]
    label = "Map of the countries named: " + (", ".join(shown) if shown else "none")
    view = world()["viewBox"]
    return Markup(f'<svg class="world-map" viewBox="{view}" role="img" aria-label="{escape(label)}">'
                  f'<title>{escape(label)}</title>{"".join(paths)}</svg>')
