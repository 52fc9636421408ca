"""The one error type of the source stage."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SourceError:
    """An input that could not become a raw article: reported, skipped, never fatal."""

    locator: str
    reason: str
