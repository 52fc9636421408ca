"""Dates in query parameters (`since`, `until`): a day that exists, said plainly when it does not.

A pattern alone let `2025-13-45` through (the filter then compared strings and answered with
nothing, or with everything), and a mistyped date was answered with the pattern's regular
expression. `DateCheck` says "'yesterday' is not a date: use YYYY-MM-DD" instead.
"""
from __future__ import annotations

import re
from datetime import date

from pydantic import AfterValidator

_SHAPES = {
    "day": (re.compile(r"\d{4}-\d{2}-\d{2}"), "YYYY-MM-DD"),
    "partial": (re.compile(r"\d{4}(-\d{2}(-\d{2})?)?"), "YYYY, YYYY-MM or YYYY-MM-DD"),
    "datetime": (re.compile(r"\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?"), "YYYY-MM-DD"),
}


def check_date(value: str | None, shape: str = "partial") -> str | None:
    """`value` unchanged if it is empty (no filter) or a real date of that shape; else ValueError."""
    if not value or not value.strip():
        return value
    pattern, wanted = _SHAPES[shape]
    text = value.strip()
    if not pattern.fullmatch(text):
        raise ValueError(f"{value!r} is not a date: use {wanted}")
    parts = text[:10].split("-")
    try:
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        raise ValueError(f"{value!r} is not a date of the calendar (month 01-12, a day the month has)") from None
    return value


def DateCheck(shape: str) -> AfterValidator:  # noqa: N802 - reads as a type in Annotated[...]
    return AfterValidator(lambda value: check_date(value, shape))
