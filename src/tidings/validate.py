"""Checks of what a user types, shared by the CLI and the API (no web or terminal imports here)."""
from __future__ import annotations

import re
from datetime import date

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
