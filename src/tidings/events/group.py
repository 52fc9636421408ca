"""One event, many mentions: the mentions of a story's articles that report the same event are grouped.

Two mentions report the same event when they have the same type (after PLOVER's intent rules),
the same negation, compatible actors and compatible dates. Meetings, agreements, cooperation and
fighting compare participants without direction (any entity or country in common). Actors are compatible when either is
unknown, when they resolve to the same entity, or when they belong to the same country and one of
them is the country itself ("Russia" and "Putin" acting for it); dates when either comes from the
article only, or when they overlap within a day. Mentions are taken in a fixed order (the most
complete first, then by id), so the same input always gives the same events, and each event keeps
the id of its first mention: ids stay stable as more articles arrive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class MentionRow:
    id: int
    article_id: int
    type: str
    negated: bool
    source: dict | None
    target: dict | None
    date: str | None
    date_from_text: bool
    confidence: float
    language: str = ""
    published: str | None = None


@dataclass
class Group:
    members: list[MentionRow] = field(default_factory=list)

    @property
    def id(self) -> int:
        return min(m.id for m in self.members)


def group_mentions(rows: list[MentionRow]) -> list[Group]:
    ordered = sorted(rows, key=lambda r: (-_completeness(r), r.id))
    groups: list[Group] = []
    for row in ordered:
        home = next((g for g in groups if all(_same_event(row, other) for other in g.members)), None)
        if home is None:
            groups.append(Group([row]))
        else:
            home.members.append(row)
    return sorted(groups, key=lambda g: g.id)


def _completeness(row: MentionRow) -> int:
    return (row.source is not None) + (row.target is not None) + row.date_from_text


# meetings, agreements, joint action and fighting have participants rather than a direction: one
# report says "Trump met Sisi", another "Sisi and the emir of Qatar met Trump"
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE", "FIGHT"}


def _same_event(a: MentionRow, b: MentionRow) -> bool:
    if a.type != b.type or a.negated != b.negated or not _same_time(a, b):
        return False
    if a.type in SYMMETRIC:
        return _shared_participant(a, b)
    return _same_actor(a.source, b.source) and _same_actor(a.target, b.target)


def _participants(row: MentionRow) -> set:
    found = set()
    for actor in (row.source, row.target):
        if actor:
            if actor.get("entity_id"):
                found.add(("E", actor["entity_id"]))
            if actor.get("code") and not actor.get("inferred"):
                found.add(("C", actor["code"]))
    return found


def _shared_participant(a: MentionRow, b: MentionRow) -> bool:
    """Participants overlap (an entity or a country in common), or one report names none."""
    first, second = _participants(a), _participants(b)
    return not first or not second or bool(first & second)


def _same_actor(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return True
    entity_a, entity_b = a.get("entity_id"), b.get("entity_id")
    if entity_a and entity_a == entity_b:
        return True
    # a country inferred from context is a guess: it may not keep apart reports that agree otherwise
    code_a = None if a.get("inferred") else a.get("code")
    code_b = None if b.get("inferred") else b.get("code")
    if code_a and code_b:
        if code_a != code_b:
            return False
        # same country: the same actor unless both are distinct named people or bodies
        return not (entity_a and entity_b and not (a.get("is_country") or b.get("is_country")))
    # different named entities are different actors; a bare "police" may be anyone's
    return not (entity_a and entity_b)


def _folded(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _same_time(a: MentionRow, b: MentionRow) -> bool:
    if not (a.date_from_text and b.date_from_text) or not a.date or not b.date:
        return True
    first_a, last_a = _bounds(a.date)
    first_b, last_b = _bounds(b.date)
    if None in (first_a, first_b):
        return a.date[:7] == b.date[:7]
    return (first_a - last_b).days <= 1 and (first_b - last_a).days <= 1


def _bounds(value: str) -> tuple[date | None, date | None]:
    """'2025-12-14/2025-12-15' -> both days; a month or year has no day bounds (None)."""
    parts = value.split("/")
    try:
        return date.fromisoformat(parts[0]), date.fromisoformat(parts[-1])
    except ValueError:
        return None, None
