"""Logging: plain text or one JSON object per line, with secrets scrubbed either way.

    tidings --log-format json serve        # or TIDINGS_LOG_FORMAT=json

A JSON line holds `time` (UTC, ISO 8601), `level`, `logger`, `message`, the record's extra fields
(`logger.info("...", extra={"path": ...})`) and `exception` when there is one. Nothing in tidings
logs request headers, but as a second line of defence every formatted line passes through
`redact`, which blanks Authorization values, bearer tokens and token-like query parameters.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sys
from datetime import datetime, timezone

FORMATS = ("text", "json")
# the attributes every LogRecord has: anything else on a record came in through `extra`
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}
_SECRETS = [
    (re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?)(bearer\s+|basic\s+)?[^\s\"',;}&]+"), r"\1[redacted]"),
    (re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+"), "Bearer [redacted]"),
    (re.compile(r"(?i)\b((?:access_|api_)?token[\"']?\s*[:=]\s*[\"']?)[A-Za-z0-9._~+/=-]{8,}"), r"\1[redacted]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in data:
                data[key] = value
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return redact(json.dumps(data, ensure_ascii=False, default=str))


def log_format(choice: str | None = None) -> str:
    """--log-format, else TIDINGS_LOG_FORMAT, else text."""
    value = (choice or os.environ.get("TIDINGS_LOG_FORMAT") or "text").strip().lower()
    if value not in FORMATS:
        raise ValueError(f"log format must be one of {', '.join(FORMATS)}, not {value!r}")
    return value


def make_handler(fmt: str, stream=None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    return handler


def configure(level: int, fmt: str | None = None, stream=None) -> None:
    """Our one handler on the root logger, in the chosen format (replacing one an earlier call added;
    handlers others installed, such as a test runner's, stay)."""
    handler = make_handler(log_format(fmt), stream)
    handler._tidings = True  # type: ignore[attr-defined]
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_tidings", False)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
