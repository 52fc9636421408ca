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


EVENTS_LANE = "events"
EVENT_DAYS_BEFORE, EVENT_DAYS_AFTER = 14, 60  # events recalled from long ago would squash the articles


def _event_days(events: list[dict[str, Any]], first: date, last: date) -> list[tuple[date, dict[str, Any]]]:
    found = []
    for event in events or []:
        if event.get("date_precision") != "day" or not event.get("date"):
            continue
        try:
            day = date.fromisoformat(event["date"].split("/")[0])
        except ValueError:
            continue
        if (first - day).days <= EVENT_DAYS_BEFORE and (day - last).days <= EVENT_DAYS_AFTER:
            found.append((day, event))
    return found


def timeline(articles: list[dict[str, Any]], languages: list[str], events: list[dict[str, Any]] | None = None,
             root: str = "") -> Markup:
    """One lane per language, one dot per day with articles (its area grows with the count); a lane
    of events on top (diamonds: green cooperation, red conflict; planned ones hollow)."""
    dated = [a for a in articles if a.get("published") and len(a["published"]) >= 10]
    if not dated:
        return Markup("")
    days = sorted({a["published"][:10] for a in dated})
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    on_days = _event_days(events or [], first, last)
    if on_days:
        first, last = min(first, *(d for d, _ in on_days)), max(last, *(d for d, _ in on_days))
        days = sorted(set(days) | {first.isoformat(), last.isoformat()})
    span = max((last - first).days, 1)
    lanes = ([EVENTS_LANE] if on_days else []) + [lang for lang in languages if any(a["language"] == lang for a in dated)]
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
        if lang == EVENTS_LANE:
            for day, event in on_days:
                x = left + (day - first).days / span * width
                tone = "coop" if event.get("goldstein", 0) > 0 else "conflict"
                planned = " tl-planned" if event.get("future") else ""
                label = f'{event["type"]} on {day.isoformat()}: {event["mention_count"]} report(s)'
                parts.append(f'<a href="{escape(root)}/events/{int(event["id"])}"><path class="tl-event tl-{tone}{planned}"'
                             f' d="M{x:.1f},{y - 6:.0f} l6,6 l-6,6 l-6,-6 z"><title>{escape(label)}</title></path></a>')
            continue
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
    label = (f"Timeline: {len(dated)} articles in {len(lanes) - bool(on_days)} languages"
             f"{f' and {len(on_days)} events' if on_days else ''} from {days[0]} to {days[-1]}")
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


def network(center: dict[str, Any], related: list[dict[str, Any]], root: str = "", size: int = 420) -> Markup:
    """An entity and those named in the same articles, on a circle around it; a line's width grows
    with the articles they share, and every node links to its entity page."""
    if not related:
        return Markup("")
    middle, radius = size / 2, size / 2 - 70
    top = max(r["articles"] for r in related) or 1
    edges, nodes = [], []
    for i, other in enumerate(related):
        angle = 2 * math.pi * i / len(related) - math.pi / 2
        x, y = middle + radius * math.cos(angle), middle + radius * math.sin(angle)
        width = 1 + 4 * other["articles"] / top
        edges.append(f'<line class="net-edge" x1="{middle:.0f}" y1="{middle:.0f}" x2="{x:.1f}" y2="{y:.1f}"'
                     f' stroke-width="{width:.1f}"/>')
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        dx = 9 if anchor == "start" else -9 if anchor == "end" else 0
        dy = 4 if anchor != "middle" else (16 if math.sin(angle) > 0 else -10)
        label = f'{other["name"]} ({other["type"]}): {other["articles"]} shared article{"s" if other["articles"] != 1 else ""}'
        nodes.append(f'<a href="{escape(root)}/entities/{int(other["id"])}"><title>{escape(label)}</title>'
                     f'<circle class="net-node net-{escape(other["type"]).lower()}" cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
                     f'<text class="net-label" x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">'
                     f'{escape(fit_label(other["name"][:28], x + dx, anchor, -60, size + 60))}</text></a>')
    centre = (f'<circle class="net-centre" cx="{middle:.0f}" cy="{middle:.0f}" r="10"/>'
              f'<text class="net-label net-centre-label" x="{middle:.0f}" y="{middle + 26:.0f}" text-anchor="middle">'
              f'{escape(center["name"][:30])}</text>')
    label = f"{center['name']} and the {len(related)} entities named in the same articles"
    return Markup(f'<svg class="network" viewBox="-60 0 {size + 120} {size}" role="img" aria-label="{escape(label)}">'
                  f'<title>{escape(label)}</title>{"".join(edges)}{centre}{"".join(nodes)}</svg>')


LABEL_EM = 6.8  # the width of an average Latin letter of .net-label (12px), in the graphs' user units


def _text_width(text: str) -> float:
    """About how wide `text` is drawn in a .net-label: East Asian letters take two Latin ones."""
    import unicodedata

    return LABEL_EM * sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def fit_label(text: str, x: float, anchor: str, left: float, right: float) -> str:
    """`text` cut (with '…') to what fits between the label's anchor at `x` and the edge of the
    drawing it runs towards (a node on the right drew 'Kassym-Jomart Tokay' off the picture); the
    whole name stays in the node's <title>."""
    room = right - x if anchor == "start" else x - left if anchor == "end" else 2 * min(x - left, right - x)
    if _text_width(text) <= room:
        return text
    while text and _text_width(text + "…") > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _actor_label(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "?"
    return str(actor.get("name") or actor.get("code") or "?")


def dyad_graph(dyads: list[dict[str, Any]], root: str = "", size: int = 420) -> Markup:
    """Who acted towards whom: actors on a circle, an arrow per pair from source to target, its width
    growing with the events, its colour by their mean Goldstein score (cooperation or conflict)."""
    if not dyads:
        return Markup("")
    actors: dict[Any, dict[str, Any]] = {}
    ends: list[tuple[Any, Any]] = []  # (source key, target key) per pair
    # an actor known only by its code and name ('Kazakhstan', KAZ) is the node of the entity of that
    # name and code where one takes part (the country's entity), not a second 'Kazakhstan'
    resolved = {(a.get("code"), _actor_label(a)): a["entity_id"] for pair in dyads for a in (pair["source"], pair["target"])
                if a and a.get("entity_id") and a.get("code")}
    for pair in dyads:
        keys_of_pair = []
        for side in ("source", "target"):
            actor = pair[side]
            key = ((actor or {}).get("entity_id") or resolved.get(((actor or {}).get("code"), _actor_label(actor)))
                   or (actor or {}).get("code") or _actor_label(actor))
            if key not in actors or (actor or {}).get("entity_id"):  # the node links to the entity's page
                actors[key] = actor or {}
            keys_of_pair.append(key)
        ends.append((keys_of_pair[0], keys_of_pair[1]))
    keys = list(actors)[:24]
    middle, radius = size / 2, size / 2 - 70
    place = {}
    for i, key in enumerate(keys):
        angle = 2 * math.pi * i / len(keys) - math.pi / 2
        place[key] = (middle + radius * math.cos(angle), middle + radius * math.sin(angle), angle)
    top = max(p["events"] for p in dyads) or 1
    edges, nodes = [], []
    for pair, (source_key, target_key) in zip(dyads, ends):
        if source_key not in place or target_key not in place or source_key == target_key:
            continue
        (x1, y1, _), (x2, y2, _) = place[source_key], place[target_key]
        tone = "coop" if pair["goldstein"] > 0 else "conflict"
        label = (f'{_actor_label(pair["source"])} → {_actor_label(pair["target"])}: {pair["events"]} event'
                 f'{"s" if pair["events"] != 1 else ""}, mean Goldstein {pair["goldstein"]:+.1f}')
        # stop the line short of the target node so the arrowhead stays visible
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1
        x2s, y2s = x2 - dx / length * 10, y2 - dy / length * 10
        edges.append(f'<g><title>{escape(label)}</title><line class="dyad-edge dyad-{tone}" x1="{x1:.1f}" y1="{y1:.1f}"'
                     f' x2="{x2s:.1f}" y2="{y2s:.1f}" stroke-width="{1 + 4 * pair["events"] / top:.1f}"'
                     f' marker-end="url(#arrow-{tone})"/></g>')
    for key in keys:
        x, y, angle = place[key]
        actor = actors[key]
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        dx = 9 if anchor == "start" else -9 if anchor == "end" else 0
        dy = 4 if anchor != "middle" else (16 if math.sin(angle) > 0 else -10)
        shown = fit_label(_actor_label(actor)[:28], x + dx, anchor, -60, size + 60)
        text = f'<text class="net-label" x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">{escape(shown)}</text>'
        circle = f'<circle class="net-node" cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
        if actor.get("entity_id"):
            nodes.append(f'<a href="{escape(root)}/entities/{int(actor["entity_id"])}"><title>{escape(_actor_label(actor))}</title>{circle}{text}</a>')
        else:
            nodes.append(f'<g><title>{escape(_actor_label(actor))}</title>{circle}{text}</g>')
    markers = "".join(
        f'<marker id="arrow-{tone}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto">'
        f'<path class="dyad-{tone}-head" d="M0,0 L10,5 L0,10 z"/></marker>' for tone in ("coop", "conflict"))
    label = f"{len(dyads)} pairs of actors and the events between them"
    return Markup(f'<svg class="network dyads" viewBox="-60 0 {size + 120} {size}" role="img" aria-label="{escape(label)}">'
                  f'<title>{escape(label)}</title><defs>{markers}</defs>{"".join(edges)}{"".join(nodes)}</svg>')
