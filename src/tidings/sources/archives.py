"""Archives as streams: JSON Lines (plain, gzip, bz2, xz, zstd), Parquet and WARC.

An archive of years of news does not fit in memory, so none is loaded whole: JSON Lines are read
line by line through the decompressor, Parquet row group by row group, WARC record by record.
Every article keeps its raw bytes (the JSON line, the Parquet row as JSON, the HTML page of a WARC
response). A broken record is reported with its position and skipped; a truncated or corrupt
compressed stream ends that file with an error, keeping everything read before it.
"""
from __future__ import annotations

import bz2
import datetime as dt
import gzip
import io
import json
import lzma
import zlib
from pathlib import Path
from typing import IO, Any, Iterator

from ..model import RawArticle
from .errors import SourceError

COMPRESSIONS = {".gz": "gz", ".bz2": "bz2", ".xz": "xz", ".zst": "zst"}
MAX_LINE_BYTES = 5 * 1024 * 1024
MAX_RECORD_BYTES = 20 * 1024 * 1024  # a WARC record bigger than this is no news page
# what a broken compressed stream raises (zstandard's error is added when it is installed)
STREAM_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error, lzma.LZMAError, ValueError)

# Parquet columns read by default: the names `parse_json` understands. `columns` maps more.
ARTICLE_FIELDS = ("title", "headline", "text", "body", "content", "maintext", "url", "link", "published",
                  "date", "date_publish", "source", "outlet", "sitename", "language", "lang", "author", "byline")


def open_stream(path: Path, compression: str | None) -> IO[bytes]:
    """A binary stream of the decompressed file (gzip files of several members read as one)."""
    if compression == "gz":
        return gzip.open(path, "rb")
    if compression == "bz2":
        return bz2.open(path, "rb")
    if compression == "xz":
        return lzma.open(path, "rb")
    if compression == "zst":
        try:
            import zstandard
        except ImportError as exc:
            raise OSError("reading .zst needs the 'zstandard' package: pip install 'tidings[archives]'") from exc
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True))
    return open(path, "rb")


def _stream_errors() -> tuple[type[BaseException], ...]:
    try:
        import zstandard
    except ImportError:
        return STREAM_ERRORS
    return STREAM_ERRORS + (zstandard.ZstdError,)


# -- JSON Lines -----------------------------------------------------------------------------
def jsonl_lines(path: Path, compression: str | None) -> Iterator[RawArticle | SourceError]:
    """One raw article per non-empty line; the line's bytes are its raw content."""
    empty = True
    number = 0
    try:
        with open_stream(path, compression) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                empty = False
                locator = f"{path}#{number}"
                if len(line) > MAX_LINE_BYTES:
                    yield SourceError(locator, f"JSON line too large ({len(line) / 2**20:.1f} MB)")
                    continue
                yield RawArticle(locator=locator, format="jsonl", content=line.rstrip(b"\r\n"),
                                 meta={"path": str(path), "line": number})
    except _stream_errors() as exc:
        where = f" after line {number}" if number else ""
        yield SourceError(str(path), f"cannot read{where}: {exc}")
        return
    if empty:
        yield SourceError(str(path), "empty file")


# -- Parquet --------------------------------------------------------------------------------
def parquet_rows(path: Path, columns: dict[str, str] | None = None) -> Iterator[RawArticle | SourceError]:
    """One raw article per row, read a row group at a time. `columns` maps article fields to the
    file's columns ({"text": "body_text", "published": "crawl_date"}); without it the columns
    named like article fields (title, text, url, date, source, language …) are read."""
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a broken file
        yield SourceError(str(path), f"cannot read Parquet: {exc}")
        return
    renames = _column_renames(parquet.schema_arrow.names, columns or {})
    if not any(field in ("text", "body", "content", "maintext") for field in renames.values()):
        yield SourceError(str(path), f"no text column (columns: {', '.join(parquet.schema_arrow.names)}); "
                                     f"map one with --columns text=NAME")
        return
    row = 0
    for group in range(parquet.num_row_groups):
        try:
            table = parquet.read_row_group(group, columns=list(renames))
        except Exception as exc:  # noqa: BLE001 - a corrupt row group: skip it, keep the others
            yield SourceError(f"{path}#group{group}", f"cannot read row group: {exc}")
            row += parquet.metadata.row_group(group).num_rows
            continue
        for record in table.to_pylist():
            row += 1
            item = {renames[name]: _json_value(value) for name, value in record.items() if value is not None}
            yield RawArticle(locator=f"{path}#{row}", format="jsonl",
                             content=json.dumps(item, ensure_ascii=False).encode("utf-8"),
                             meta={"path": str(path), "row": row})
        del table  # one row group in memory at a time


def _column_renames(names: list[str], columns: dict[str, str]) -> dict[str, str]:
    """file column -> article field: the mapped ones, then the columns already named like a field."""
    renames = {column: field for field, column in columns.items() if column in names}
    for name in names:
        if name in ARTICLE_FIELDS and name not in renames and name not in renames.values():
            renames[name] = name
    return renames


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


# -- WARC -----------------------------------------------------------------------------------
def warc_pages(path: Path, compression: str | None) -> Iterator[RawArticle | SourceError]:
    """HTML pages of the response records (e.g. Common Crawl's CC-NEWS), each with its target URI
    and crawl date. Other records (requests, metadata, images, redirects) are passed over."""
    number = 0
    try:
        with open_stream(path, compression) as handle:
            for number, record in enumerate(_warc_records(handle), start=1):
                locator = f"{path}#{number}"
                if isinstance(record, str):  # why this record could not be read
                    yield SourceError(locator, record)
                    continue
                headers, block = record
                page = _html_page(headers, block, locator, str(path))
                if page is not None:
                    yield page
    except _stream_errors() as exc:
        yield SourceError(str(path), f"cannot read after record {number}: {exc}")


def _warc_records(handle: IO[bytes]) -> Iterator[tuple[dict[str, str], bytes] | str]:
    """(headers, block) per record, or a reason when a record is broken; after a broken record
    the reader skips ahead to the next line that starts a record ('WARC/1.x')."""
    line = _next_nonblank(handle)
    while line:
        if not line.startswith(b"WARC/"):
            yield f"corrupt WARC record: expected a 'WARC/' version line, found {line[:40]!r}"
            line = _resync(handle)
            continue
        headers = _warc_headers(handle)
        try:
            length = int(headers.get("content-length", ""))
        except ValueError:
            yield "corrupt WARC record: no valid Content-Length"
            line = _resync(handle)
            continue
        if length > MAX_RECORD_BYTES:
            _skip(handle, length)
            yield f"WARC record too large ({length / 2**20:.1f} MB)"
        else:
            block = handle.read(length)
            if len(block) < length:
                yield f"truncated WARC record ({len(block)} of {length} bytes)"
                return
            yield headers, block
        line = _next_nonblank(handle)


def _warc_headers(handle: IO[bytes]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in iter(lambda: handle.readline(65536), b""):
        if not line.strip():
            break
        name, _, value = line.decode("utf-8", "replace").partition(":")
        headers[name.strip().lower()] = value.strip()
    return headers


def _next_nonblank(handle: IO[bytes]) -> bytes:
    for line in iter(lambda: handle.readline(65536), b""):
        if line.strip():
            return line
    return b""


def _resync(handle: IO[bytes]) -> bytes:
    for line in iter(lambda: handle.readline(65536), b""):
        if line.startswith(b"WARC/1."):
            return line
    return b""


def _skip(handle: IO[bytes], length: int) -> None:
    while length > 0:
        chunk = handle.read(min(length, 1 << 20))
        if not chunk:
            return
        length -= len(chunk)


def _html_page(headers: dict[str, str], block: bytes, locator: str, path: str) -> RawArticle | SourceError | None:
    if headers.get("warc-type") != "response" or "application/http" not in headers.get("content-type", ""):
        return None
    head, separator, body = block.partition(b"\r\n\r\n")
    if not separator:
        head, separator, body = block.partition(b"\n\n")
    status_line, *header_lines = head.decode("latin-1").splitlines() or [""]
    status = status_line.split()
    if len(status) < 2 or not status[0].startswith("HTTP/"):
        return SourceError(locator, "corrupt WARC response: no HTTP status line")
    http = {n.strip().lower(): v.strip() for n, _, v in (h.partition(":") for h in header_lines)}
    if not status[1].startswith("2") or "html" not in http.get("content-type", "text/html").lower():
        return None  # a redirect, an error page, an image: not an article
    try:
        body = _decoded_body(body, http)
    except (ValueError, zlib.error) as exc:
        return SourceError(locator, f"cannot decode the HTTP body: {exc}")
    if not body.strip():
        return None
    meta = {"path": path, "url": headers.get("warc-target-uri"), "published": headers.get("warc-date"),
            "warc_record_id": headers.get("warc-record-id")}
    return RawArticle(locator=locator, format="html", content=body, meta={k: v for k, v in meta.items() if v})


def _decoded_body(body: bytes, http: dict[str, str]) -> bytes:
    """Undo chunked transfer and gzip/deflate content encoding (Common Crawl has already undone
    both and renamed the headers, other crawlers may not have)."""
    if "chunked" in http.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    encoding = http.get("content-encoding", "").lower()
    if encoding in ("gzip", "x-gzip"):
        body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        body = zlib.decompress(body)
    return body


def _dechunk(body: bytes) -> bytes:
    out, position = bytearray(), 0
    while True:
        end = body.find(b"\r\n", position)
        if end < 0:
            raise ValueError("broken chunked encoding")
        size = int(body[position:end].split(b";")[0] or b"0", 16)
        if size == 0:
            return bytes(out)
        out += body[end + 2:end + 2 + size]
        position = end + 2 + size + 2
