"""Dates in query parameters (`since`, `until`): a day that exists, said plainly when it does not.

A pattern alone let `2025-13-45` through (the filter then compared strings and answered with
nothing, or with everything), and a mistyped date was answered with the pattern's regular
expression. `DateCheck` says "'yesterday' is not a date: use YYYY-MM-DD" instead.
"""
from __future__ import annotations

from pydantic import AfterValidator

from ..validate import check_date


def DateCheck(shape: str) -> AfterValidator:  # noqa: N802 - reads as a type in Annotated[...]
    return AfterValidator(lambda value: check_date(value, shape))
