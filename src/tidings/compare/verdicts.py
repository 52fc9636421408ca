"""Step 3: what each group of aligned statements says about the sources.

* reported by all / some / one of the compared articles (and by which outlets and languages);
* conflicts: aligned statements that disagree on a number (intervals that do not overlap:
  "mindestens 265" and "270'e çıktı" disagree, "1.968" and "nearly 2,000" agree), a date
  (day-precision dates that do not overlap) or a place (each names one place, and not the same);
* attribution: who each source credits (a quote, an agency, a social-media post).
"""
from __future__ import annotations

from typing import Any

from .numbers import Quantity, agree, comparable, is_projection
from .statements import Statement

VERDICT_ALL, VERDICT_SOME, VERDICT_ONE = "all", "some", "one"
# Place conflicts are off: the name recogniser's place mentions are too noisy ("Boden", "Platz" as
# places); on the gold stories every place conflict reported was wrong (bench/bench_compare.py).
PLACE_CONFLICTS = False


def verdict(articles: int, compared: int) -> str:
    if articles <= 1:
        return VERDICT_ONE
    return VERDICT_ALL if articles >= compared else VERDICT_SOME


def _closest(quantity: Quantity, others: list[Quantity]) -> Quantity | None:
    same = [q for q in others if comparable(quantity, q)]
    if not same:
        return None
    return min(same, key=lambda q: abs(q.value - quantity.value) / max(q.value, quantity.value))


def _same_kind(a: Quantity, b: Quantity) -> bool:
    return a.unit == b.unit and a.role == b.role


def number_conflict(a: Statement, b: Statement) -> tuple[Quantity, Quantity] | None:
    """The pair of numbers on which two statements disagree, if any: a number of one that agrees
    with no number of the same unit and role in the other, and whose closest comparable number
    does not agree with any of the first's either (a role mismatch is no agreement: "plus de 300
    disparus" says nothing about "2 bin 719" dead)."""
    if is_projection(a.text) or is_projection(b.text):
        return None  # "could exceed 10,000" is a forecast, not a figure that contradicts a count
    worst: tuple[float, Quantity, Quantity] | None = None
    for qa in a.quantities:
        if any(agree(qa, qb) for qb in b.quantities if _same_kind(qa, qb)):
            continue
        qb = _closest(qa, b.quantities)
        if qb is None or any(agree(qb, other) for other in a.quantities if _same_kind(qb, other)):
            continue
        gap = abs(qa.value - qb.value) / max(qa.value, qb.value)
        if worst is None or gap < worst[0]:
            worst = (gap, qa, qb)
    return (worst[1], worst[2]) if worst else None


def _dates_overlap(x: str, y: str) -> bool:
    x0, _, x1 = x.partition("/")
    y0, _, y1 = y.partition("/")
    return x0 <= (y1 or y0) and y0 <= (x1 or x0)


def date_conflict(a: Statement, b: Statement) -> tuple[str, str] | None:
    """Each names one day and they differ. Not when either is credited ("… said on 31 March"):
    that date is usually the announcement's, not the event's."""
    if a.attribution or b.attribution:
        return None
    if len(a.dates) == 1 and len(b.dates) == 1 and not _dates_overlap(a.dates[0], b.dates[0]):
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


def conflicts(group: list[Statement]) -> list[dict[str, Any]]:
    """Every disagreement inside one group, as versions with their sources."""
    found: dict[tuple, dict[str, Any]] = {}
    for i, a in enumerate(group):
        for b in group[i + 1:]:
            if a.article_id == b.article_id:
                continue
            numbers = number_conflict(a, b)
            if numbers:
                qa, qb = numbers
                _add(found, ("number", qa.unit), a, qa.text, b, qb.text, unit=qa.unit,
                     values=(qa.as_dict(), qb.as_dict()))
            days = date_conflict(a, b)
            if days:
                _add(found, ("date",), a, days[0], b, days[1])
            places = place_conflict(a, b) if PLACE_CONFLICTS else None
            if places:
                _add(found, ("place",), a, places[0], b, places[1])
    return list(found.values())


def _add(found: dict, key: tuple, a: Statement, value_a: str, b: Statement, value_b: str, **extra: Any) -> None:
    item = found.setdefault(key, {"kind": key[0], "versions": [], "pairs": [], **{k: v for k, v in extra.items()
                                                                                  if k != "values"}})
    item["pairs"].append({"a": _ref(a, value_a), "b": _ref(b, value_b)})
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
