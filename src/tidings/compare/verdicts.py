"""Step 3: what each group of aligned statements says about the sources.

* reported by all / some / one of the compared articles (and by which outlets and languages);
* conflicts: statements that disagree on a number (intervals that do not overlap:
  "1.968" and "nearly 2,000" agree; a bound on a figure that is not round stands for that figure,
  so "mindestens 265" and "270'e çıktı" disagree while "at least 200" and "241" agree), a date
  (day-precision dates that do not overlap, a week apart at most) or a place (each names one
  place, and not the same). As examples/gold/compare.md rules: a figure named as an exit poll,
  a projection or a forecast is no version of a count; the first round of a vote is not the
  runoff; tolls counted at different times (144 dead the first evening, 2,719 four days later)
  are one fact and conflict;
* attribution: who each source credits (a quote, an agency, a social-media post).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np

from .numbers import Quantity, agree, comparable, is_estimate, is_projection, vote_round
from .statements import Statement

VERDICT_ALL, VERDICT_SOME, VERDICT_ONE = "all", "some", "one"
# Place conflicts are off: the name recogniser's place mentions are too noisy ("Boden", "Platz" as
# places); on the gold stories every place conflict reported was wrong (bench/bench_compare.py).
PLACE_CONFLICTS = False
MAX_CONFLICT_PAIRS = 5_000
# Sources that disagree on the day of one event give days close together (a time zone, a wrong
# weekday, the day of the report); two days weeks apart in one group are two events of a chain
# ("the court removed Yoon on 4 April" and "martial law of 3 December"): no conflict.
MAX_DATE_GAP_DAYS = 7


def verdict(articles: int, compared: int) -> str:
    if articles <= 1:
        return VERDICT_ONE
    return VERDICT_ALL if articles >= compared else VERDICT_SOME


def _closest(quantity: Quantity, others: list[Quantity]) -> Quantity | None:
    same = [q for q in others if comparable(quantity, q)]
    if not same:
        return None
    return min(same, key=lambda q: abs(q.value - quantity.value) / max(q.value, quantity.value))


def loose_bound(value: float) -> bool:
    """A round figure given as a bound ("at least 200", "more than 3,900", "over 20"): one or two
    significant digits, then zeros. "At least 265", "au moins 31", "at least eight" are reported
    figures hedged, not loose bounds."""
    if value < 10 or value != int(value):
        return False
    digits = str(int(value))
    significant = digits.rstrip("0")
    return len(significant) <= 2 and len(significant) < len(digits)


def reported(q: Quantity) -> Quantity:
    """The quantity as a reader compares it with another report: a bound on a figure that is not
    round stands for that figure ("mindestens 265" and "270" are two tolls, "at least 26" and "at
    least 31" two numbers, examples/gold/compare.md "Conflicts"); a loose round bound ("at least
    200" against "241"), an approximation or a part of a total ("including 169") keeps its interval."""
    if q.approx in ("over", "under") and not loose_bound(q.value):
        return replace(q, low=q.value - 0.5, high=q.value + 0.5)
    return q


def _agree(a: Quantity, b: Quantity) -> bool:
    return agree(reported(a), reported(b))


def _same_kind(a: Quantity, b: Quantity) -> bool:
    return a.unit == b.unit and a.role == b.role


def number_conflict(a: Statement, b: Statement) -> tuple[Quantity, Quantity] | None:
    """The pair of numbers on which two statements disagree, if any: a number of one that agrees
    with no number of the same unit and role in the other, and whose closest comparable number
    does not agree with any of the first's either (a role mismatch is no agreement: "plus de 300
    disparus" says nothing about "2 bin 719" dead). A figure named as a poll, projection or forecast
    is compared with such figures only: "51.7 % according to the exit poll" is no count that "49.42 %"
    contradicts (examples/gold/compare.md, "Estimates and results"); nor is the first round of a vote
    the runoff ("237 votes in the first round", "125 votes in the runoff")."""
    if is_projection(a.text) or is_projection(b.text):
        return None  # "could exceed 10,000" is a forecast, not a figure that contradicts a count
    if is_estimate(a.text) != is_estimate(b.text):
        return None  # an exit poll's share and the official count are two facts (two polls may conflict)
    round_a = {id(q): vote_round(a.text, q.start) for q in a.quantities}
    round_b = {id(q): vote_round(b.text, q.start) for q in b.quantities}

    def one_vote(qa: Quantity, qb: Quantity) -> bool:  # not two rounds that each sentence names
        x, y = round_a[id(qa)], round_b[id(qb)]
        return not x or not y or x == y

    worst: tuple[float, Quantity, Quantity] | None = None
    for qa in a.quantities:
        if any(_agree(qa, qb) for qb in b.quantities if _same_kind(qa, qb)):
            continue
        qb = _closest(qa, [q for q in b.quantities if one_vote(qa, q)])
        if qb is None or any(_agree(qb, other) for other in a.quantities if _same_kind(qb, other)):
            continue
        gap = abs(qa.value - qb.value) / max(qa.value, qb.value)
        if worst is None or gap < worst[0]:
            worst = (gap, qa, qb)
    return (worst[1], worst[2]) if worst else None


def _dates_overlap(x: str, y: str) -> bool:
    x0, _, x1 = x.partition("/")
    y0, _, y1 = y.partition("/")
    return x0 <= (y1 or y0) and y0 <= (x1 or x0)


def _gap_days(x: str, y: str) -> int | None:
    """Days between two ISO values (intervals "a/b": between their nearest ends)."""
    try:
        xs = [date.fromisoformat(v) for v in x.split("/")]
        ys = [date.fromisoformat(v) for v in y.split("/")]
    except ValueError:
        return None
    return min(abs((u - v).days) for u in xs for v in ys)


def date_conflict(a: Statement, b: Statement) -> tuple[str, str] | None:
    """Each names one day and they differ, by a week at most (`MAX_DATE_GAP_DAYS`). Not when either
    is credited ("… said on 31 March"): that date is usually the announcement's, not the event's."""
    if a.attribution or b.attribution:
        return None
    if len(a.dates) == 1 and len(b.dates) == 1 and not _dates_overlap(a.dates[0], b.dates[0]):
        gap = _gap_days(a.dates[0], b.dates[0])
        if gap is not None and gap <= MAX_DATE_GAP_DAYS:
            return a.dates[0], b.dates[0]
    return None


def place_conflict(a: Statement, b: Statement) -> tuple[str, str] | None:
    """Each names exactly one place (a city or region, not a country: countries are context) and
    they differ."""
    pa = {p for p in a.places if not p.startswith("C:")}
    pb = {p for p in b.places if not p.startswith("C:")}
    if len(pa) == 1 and len(pb) == 1 and pa != pb and not (pa & b.places) and not (pb & a.places):
        return next(iter(pa)), next(iter(pb))
    return None


def _ref(statement: Statement, value: str) -> dict[str, Any]:
    return {"article_id": statement.article_id, "sentence": statement.index, "source": statement.source,
            "language": statement.language, "value": value}


def story_conflicts(statements: list[Statement], groups: list[list[int]], scores: np.ndarray,
                    min_score: float, max_pairs: int = MAX_CONFLICT_PAIRS) -> list[dict[str, Any]]:
    """Every disagreement of a story, as versions with their sources, and the statements involved
    (`members`, indices). Numbers are compared between any two statements of different articles
    that count the same thing (unit and role) and are alike (alignment score at least `min_score`,
    well under the grouping threshold) or share a group: a missed alignment is then no missed
    conflict. Dates and places are compared inside a group only (two dates of one story are
    mostly two events). At most `max_pairs` pairs are examined, the most alike first."""
    found: dict[tuple, dict[str, Any]] = {}
    together = np.zeros(scores.shape, dtype=bool)
    for k, group in enumerate(groups):
        together[np.ix_(group, group)] = True
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                x, y = statements[a], statements[b]
                days = date_conflict(x, y)
                if days:
                    _add(found, ("date", k), x, days[0], y, days[1], members=(a, b))
                places = place_conflict(x, y) if PLACE_CONFLICTS else None
                if places:
                    _add(found, ("place", k), x, places[0], y, places[1], members=(a, b))
    for a, b in _number_pairs(statements, scores, together, min_score, max_pairs):
        x, y = statements[a], statements[b]
        numbers = number_conflict(x, y)
        if numbers:
            qa, qb = numbers
            _add(found, ("number", qa.unit, qa.role), x, qa.text, y, qb.text, members=(a, b), unit=qa.unit,
                 role=qa.role)
    return list(found.values())


def _number_pairs(statements: list[Statement], scores: np.ndarray, together: np.ndarray,
                  min_score: float, max_pairs: int) -> list[tuple[int, int]]:
    """Pairs (a < b) of statements of different articles that state a number of the same unit and
    role, and are alike or grouped; the most alike first, at most `max_pairs`."""
    by_kind: dict[tuple[str, str], list[int]] = {}
    for i, statement in enumerate(statements):
        for kind in {(q.unit, q.role) for q in statement.quantities if q.unit or q.role}:
            by_kind.setdefault(kind, []).append(i)
    pairs: dict[tuple[int, int], float] = {}
    for members in by_kind.values():
        index = np.array(members)
        block = scores[np.ix_(index, index)]  # -inf within one article
        chosen = (block >= min_score) | (together[np.ix_(index, index)] & np.isfinite(block))
        for x, y in np.argwhere(np.triu(chosen, k=1)):
            pairs[(int(index[x]), int(index[y]))] = float(block[x, y])
    return sorted(pairs, key=lambda p: -pairs[p])[:max_pairs]


def _add(found: dict, key: tuple, a: Statement, value_a: str, b: Statement, value_b: str,
         members: tuple[int, int], **extra: Any) -> None:
    item = found.setdefault(key, {"kind": key[0], "versions": [], "pairs": [], "members": set(), **extra})
    item["pairs"].append({"a": _ref(a, value_a), "b": _ref(b, value_b)})
    item["members"].update(members)
    for statement, value in ((a, value_a), (b, value_b)):
        version = next((v for v in item["versions"] if v["value"] == value), None)
        if version is None:
            version = {"value": value, "sources": []}
            item["versions"].append(version)
        ref = {"article_id": statement.article_id, "sentence": statement.index, "source": statement.source,
               "language": statement.language}
        if ref not in version["sources"]:
            version["sources"].append(ref)


def attributions(group: list[Statement]) -> list[dict[str, Any]]:
    return [{**s.attribution, "article_id": s.article_id, "source": s.source} for s in group if s.attribution]
