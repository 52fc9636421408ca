"""Step 5: a brief of a story a journalist can paste into notes (Markdown or HTML).

Key facts (reported by several sources, with them), conflicts (each version with its sources),
unique details (one source only, checkable ones first). Statements stay in their own language.
A fact or detail some source credits to someone says who ("said by: the Ministry of Defence (The
Hindu); Ahmed Sharif Chaudhry (TASS)"): two sources may agree on the fact only as each one's
speaker put it.
"""
from __future__ import annotations

from html import escape
from typing import Any

MAX_FACTS, MAX_UNIQUE = 12, 12
# roles worth a word after the speaker's name ("Chaudhry, spokesperson"; "New Delhi, government");
# a kind of source already says what it is ("the Ministry of Defence", "officials", "police")
SHOWN_ROLES = ("spokesperson", "government", "agency")


def _sources(refs: list[dict[str, Any]]) -> str:
    seen = []
    for ref in refs:
        label = f"{ref['source']} ({ref['language']})"
        if label not in seen:
            seen.append(label)
    return ", ".join(seen)


def _said_by(statements: list[dict[str, Any]]) -> str:
    """Who the sources credit, each speaker once, with the sources that credit them."""
    speakers: dict[str, list[str]] = {}
    for statement in statements:
        att = statement.get("attribution") or {}
        if att.get("by"):
            role = att.get("role", "")
            label = att["by"] + (f", {role}" if role in SHOWN_ROLES else "")
            if statement["source"] not in speakers.setdefault(label, []):
                speakers[label].append(statement["source"])
    return "; ".join(f"{label} ({', '.join(sources)})" for label, sources in speakers.items())


def _said_suffix(statements: list[dict[str, Any]], quote=str) -> str:
    """"; said by: ..." after a fact or detail some source credits to someone, else nothing; `quote`
    escapes it for the page (html.escape)."""
    said = _said_by(statements)
    return f"; said by: {quote(said)}" if said else ""


def _sections(comparison: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    shared = [g for g in comparison["groups"] if g["verdict"] in ("all", "some")][:MAX_FACTS]
    unique = [g for g in comparison["groups"] if g["verdict"] == "one"]
    unique.sort(key=lambda g: -(bool(g["statements"][0]["quantities"]) + bool(g["statements"][0]["dates"])))
    return {"shared": shared, "unique": unique[:MAX_UNIQUE], "conflicts": comparison["conflicts"]}


def brief_markdown(comparison: dict[str, Any]) -> str:
    parts = _sections(comparison)
    title = comparison.get("title") or "Comparison"
    lines = [f"# {title}", "",
             f"{comparison['compared_articles']} articles compared in {len({a['language'] for a in comparison['articles']})}"
             f" languages: {', '.join(sorted({a['source'] or 'unknown' for a in comparison['articles']}))}.", ""]
    lines += ["## Key facts", ""]
    for group in parts["shared"]:
        first = group["statements"][0]
        lines.append(f"- {first['text']} — *{group['verdict']}*: {_sources(group['statements'])}"
                     + _said_suffix(group["statements"]))
    if not parts["shared"]:
        lines.append("- No statement is reported by more than one source.")
    lines += ["", "## Conflicts", ""]
    for conflict in parts["conflicts"]:
        versions = "; ".join(f"**{v['value']}** ({_sources(v['sources'])})" for v in conflict["versions"])
        lines.append(f"- {conflict['kind']}: {versions}")
    if not parts["conflicts"]:
        lines.append("- None found.")
    lines += ["", "## Unique details", ""]
    for group in parts["unique"]:
        first = group["statements"][0]
        lines.append(f"- {first['text']} — {first['source']} ({first['language']})" + _said_suffix([first]))
    if not parts["unique"]:
        lines.append("- None.")
    return "\n".join(lines) + "\n"


def brief_html(comparison: dict[str, Any]) -> str:
    parts = _sections(comparison)
    title = escape(comparison.get("title") or "Comparison")
    out = [f"<h1>{title}</h1>", "<h2>Key facts</h2>", "<ul>"]
    for group in parts["shared"]:
        first = group["statements"][0]
        out.append(f'<li><span lang="{escape(first["language"])}" dir="auto">{escape(first["text"])}</span> — '
                   f"<em>{group['verdict']}</em>: {escape(_sources(group['statements']))}"
                   + _said_suffix(group["statements"], escape) + "</li>")
    if not parts["shared"]:
        out.append("<li>No statement is reported by more than one source.</li>")
    out += ["</ul>", "<h2>Conflicts</h2>", "<ul>"]
    for conflict in parts["conflicts"]:
        versions = "; ".join(f"<strong>{escape(v['value'])}</strong> ({escape(_sources(v['sources']))})"
                             for v in conflict["versions"])
        out.append(f"<li>{escape(conflict['kind'])}: {versions}</li>")
    if not parts["conflicts"]:
        out.append("<li>None found.</li>")
    out += ["</ul>", "<h2>Unique details</h2>", "<ul>"]
    for group in parts["unique"]:
        first = group["statements"][0]
        out.append(f'<li><span lang="{escape(first["language"])}" dir="auto">{escape(first["text"])}</span> — '
                   f"{escape(first['source'])} ({escape(first['language'])})"
                   + _said_suffix([first], escape) + "</li>")
    if not parts["unique"]:
        out.append("<li>None.</li>")
    out.append("</ul>")
    return "\n".join(out) + "\n"
