"""Archives read as streams: JSON Lines (plain, gzip, bz2, xz, zstd), Parquet, WARC(.gz); broken
records and truncated files reported and skipped, the rest kept. Archives are written by the tests."""
from __future__ import annotations

import bz2
import gzip
import json
import lzma
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tidings.model import RawArticle
from tidings.pipeline import Pipeline
from tidings.read import read_article
from tidings.read.embed import HashingEmbedder
from tidings.sources import SourceError, iter_sources
from tidings.sources.files import file_format, read_file
from tidings.store.sqlite import Store

MINI = Path(__file__).parent / "fixtures" / "mini"


def mini_articles() -> list[dict]:
    """The mini corpus as JSON objects: title, text, date (8 articles in 7 languages)."""
    items = []
    for path in sorted(MINI.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        date = lines.pop(0).split()[1] if lines[0].startswith("date ") else None
        items.append({"title": lines[0], "text": "\n".join(lines[1:]), "published": date,
                      "url": f"https://example.org/{path.stem}"})
    return items


def jsonl_bytes(items: list[dict]) -> bytes:
    return b"".join(json.dumps(item, ensure_ascii=False).encode() + b"\n" for item in items)


def split(items) -> tuple[list[RawArticle], list[SourceError]]:
    items = list(items)
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, SourceError)]


# -- JSON Lines ---------------------------------------------------------------------------
def write_compressed(path: Path, data: bytes) -> Path:
    import zstandard

    writers = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
               ".zst": zstandard.ZstdCompressor().compress, ".jsonl": lambda d: d}
    path.write_bytes(writers[path.suffix](data))
    return path


@pytest.mark.parametrize("name", ["news.jsonl", "news.jsonl.gz", "news.ndjson.bz2", "news.jsonl.xz", "news.jsonl.zst"])
def test_json_lines_in_every_compression_become_one_raw_article_per_line(tmp_path, name):
    items = mini_articles()
    path = write_compressed(tmp_path / name, jsonl_bytes(items))
    raws, errors = split(read_file(path))
    assert errors == []
    assert [r.locator for r in raws] == [f"{path}#{n}" for n in range(1, len(items) + 1)]
    assert [json.loads(r.content) for r in raws] == items  # the line's bytes are kept as they were
    assert read_article(raws[0]).title == items[0]["title"]


def test_a_truncated_gzip_keeps_the_lines_before_the_cut_and_says_where_it_broke(tmp_path):
    items = [dict(mini_articles()[i % 8], url=f"https://example.org/{i}") for i in range(400)]
    whole = gzip.compress(jsonl_bytes(items))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    raws, errors = split(read_file(path))
    assert 100 < len(raws) < 400
    assert [json.loads(r.content)["url"] for r in raws] == [f"https://example.org/{i}" for i in range(len(raws))]
    assert len(errors) == 1 and errors[0].locator == str(path)
    assert errors[0].reason.startswith(f"cannot read after line {len(raws)}")


def test_archives_are_streamed_not_held_to_the_file_size_limit(tmp_path, monkeypatch):
    from tidings.sources import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)  # far below the archive's size
    path = write_compressed(tmp_path / "big.jsonl.xz", jsonl_bytes(mini_articles() * 20))
    assert path.stat().st_size > 1000
    raws, errors = split(read_file(path))
    assert (len(raws), errors) == (160, [])


def test_archive_names_say_format_and_compression():
    assert [file_format(Path(n)) for n in ("a.jsonl", "b.2024.jsonl.gz", "c.ndjson.zst", "d.warc.gz", "e.warc",
                                           "f.parquet", "g.txt.gz", "h.gz")] == [
        "jsonl", "jsonl.gz", "jsonl.zst", "warc.gz", "warc", "parquet", None, None]


# -- Parquet ------------------------------------------------------------------------------
def write_parquet(path: Path, items: list[dict], row_group_size: int) -> Path:
    table = pa.table({
        "headline": [i["title"] for i in items],
        "body": [i["text"] for i in items],
        "link": [i["url"] for i in items],
        "crawl_date": [datetime.fromisoformat(i["published"]).replace(tzinfo=timezone.utc) if i["published"] else None
                       for i in items],
        "lang": ["xx"] * len(items),
        "html_dump": ["<html>" * 100] * len(items),  # a column the reader has no use for
    })
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


def test_parquet_rows_are_read_row_group_by_row_group_with_mapped_columns(tmp_path, monkeypatch):
    items = mini_articles()
    path = write_parquet(tmp_path / "news.parquet", items, row_group_size=3)
    groups_read: list[int] = []
    original = pq.ParquetFile.read_row_group

    def spy(self, index, columns=None, **kwargs):
        groups_read.append(index)
        assert "html_dump" not in columns  # only the columns that become article fields
        return original(self, index, columns=columns, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "read_row_group", spy)
    stream = read_file(path, columns={"published": "crawl_date", "language": "lang"})
    first = next(stream)
    assert groups_read == [0]  # the first article comes before the rest of the file is read
    raws, errors = split([first, *stream])
    assert groups_read == [0, 1, 2] and errors == []
    assert [r.locator for r in raws] == [f"{path}#{n}" for n in range(1, 9)]
    row = json.loads(raws[0].content)
    assert row["headline"] == items[0]["title"] and row["link"] == items[0]["url"]
    assert row["published"].startswith(items[0]["published"]) and row["language"] == "xx"
    article = read_article(raws[0])
    assert (article.title, article.url, article.published) == (items[0]["title"], items[0]["url"], items[0]["published"])


def test_parquet_without_a_text_column_or_not_parquet_at_all_is_reported(tmp_path):
    pq.write_table(pa.table({"headline": ["a"], "summary": ["b"]}), tmp_path / "no-text.parquet")
    (tmp_path / "junk.parquet").write_bytes(b"PAR1 this is not parquet")
    errors = split(iter_sources([str(tmp_path)]))[1]
    reasons = {Path(e.locator).name: e.reason for e in errors}
    assert reasons["no-text.parquet"].startswith("no text column (columns: headline, summary)")
    assert reasons["junk.parquet"].startswith("cannot read Parquet")


# -- WARC ---------------------------------------------------------------------------------
PAGE = """<html lang="{lang}"><head><title>{title}</title></head><body><article><h1>{title}</h1>
{paragraphs}</article></body></html>"""


def html_page(item: dict, lang: str) -> bytes:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in item["text"].split("\n"))
    return PAGE.format(lang=lang, title=item["title"], paragraphs=paragraphs).encode("utf-8")


def warc_record(kind: str, uri: str, block: bytes, content_type: str = "application/http; msgtype=response") -> bytes:
    headers = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-06-17T08:30:00Z\r\n"
               f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)) % 10**12}>\r\nContent-Type: {content_type}\r\n"
               f"Content-Length: {len(block)}\r\n\r\n")
    return headers.encode() + block + b"\r\n\r\n"


def http_response(body: bytes, status: str = "200 OK", content_type: str = "text/html; charset=utf-8",
                  extra: str = "") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}\r\n".encode() + body


def cc_news_records() -> list[bytes]:
    """A small CC-NEWS-like WARC: metadata, requests, two HTML pages (one gzip-encoded and chunked),
    an image, a redirect, and one corrupt record between the pages."""
    items = mini_articles()
    german, english = items[0], items[2]
    chunked = gzip.compress(html_page(english, "en"))
    chunked = b"%x\r\n" % len(chunked) + chunked + b"\r\n0\r\n\r\n"
    return [
        warc_record("warcinfo", "", b"software: test\r\n", content_type="application/warc-fields"),
        warc_record("request", "https://de.example/gipfel", b"GET /gipfel HTTP/1.1\r\n\r\n",
                    content_type="application/http; msgtype=request"),
        warc_record("response", "https://de.example/gipfel", http_response(html_page(german, "de"))),
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: banana\r\n\r\n<html>lost</html>\r\n\r\n",  # corrupt
        warc_record("response", "https://img.example/a.jpg", http_response(b"\xff\xd8\xff" * 50, content_type="image/jpeg")),
        warc_record("response", "https://en.example/old", http_response(b"", status="301 Moved Permanently")),
        warc_record("response", "https://en.example/louvre", http_response(
            chunked, extra="Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n")),
    ]


def test_warc_html_responses_become_raw_html_articles_and_a_corrupt_record_is_skipped(tmp_path):
    records = cc_news_records()
    path = tmp_path / "CC-NEWS-20250617.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in records))  # one gzip member per record, as crawlers write
    raws, errors = split(read_file(path))
    assert [r.meta["url"] for r in raws] == ["https://de.example/gipfel", "https://en.example/louvre"]
    assert all(r.format == "html" and r.meta["published"] == "2025-06-17T08:30:00Z" for r in raws)
    assert raws[1].content == html_page(mini_articles()[2], "en")  # de-chunked, un-gzipped: the page itself
    assert len(errors) == 1 and errors[0].reason.startswith("corrupt WARC record: no valid Content-Length")
    article = read_article(raws[0])
    assert article.url == "https://de.example/gipfel" and "Tokajew" in article.text
    assert article.published == "2025-06-17"  # the crawl date stands in for a page without one


def test_a_truncated_warc_gz_keeps_the_records_before_the_cut(tmp_path):
    records = cc_news_records()
    members = [gzip.compress(r) for r in records]
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(b"".join(members[:3]) + members[6][: len(members[6]) // 2])
    raws, errors = split(read_file(path))
    assert [r.meta["url"] for r in raws] == ["https://de.example/gipfel"]
    assert len(errors) == 1 and errors[0].reason.startswith("cannot read after record 3")


def test_an_uncompressed_warc_with_garbage_between_records_resyncs(tmp_path):
    records = cc_news_records()
    path = tmp_path / "plain.warc"
    path.write_bytes(records[2] + b"garbage that is no record\r\nmore garbage\r\n" + records[6])
    raws, errors = split(read_file(path))
    assert [r.meta["url"] for r in raws] == ["https://de.example/gipfel", "https://en.example/louvre"]
    assert [e.reason[:27] for e in errors] == ["corrupt WARC record: expect"]


# -- end to end ---------------------------------------------------------------------------
def test_a_folder_of_archives_is_ingested_with_broken_parts_reported(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    items = mini_articles()
    lines = jsonl_bytes(items[3:6]).splitlines(keepends=True)
    lines.insert(1, b'{"title": "broken", "text": \n')  # a corrupt record
    (folder / "a.jsonl.bz2").write_bytes(bz2.compress(b"".join(lines)))
    whole = gzip.compress(jsonl_bytes([dict(items[6], url=f"https://example.org/vi/{i}", title=f"{i}")
                                       for i in range(3)] * 40))
    (folder / "b.jsonl.gz").write_bytes(whole[: len(whole) // 2])  # truncated
    (folder / "c.warc.gz").write_bytes(b"".join(gzip.compress(r) for r in cc_news_records()))
    write_parquet(folder / "d.parquet", items[7:8], row_group_size=1)
    store = Store(f"sqlite:///{tmp_path / 'archive.db'}")
    report = Pipeline(store, embedder=HashingEmbedder()).ingest(
        [str(folder)], columns={"published": "crawl_date"})
    reasons = sorted(reason.split(":")[0] for _, reason in report.errors)
    assert len(reasons) == 3 and reasons[0].startswith("cannot read")  # the truncated gzip
    assert reasons[1:] == ["corrupt WARC record", "malformed JSON line"]
    urls = {r[0] for r in store.query("SELECT url FROM articles")}
    assert {"https://de.example/gipfel", "https://en.example/louvre", items[7]["url"]} <= urls
    assert {items[3]["url"], items[4]["url"], items[5]["url"]} <= urls
    assert report.added + report.duplicates == report.seen - 1  # everything but the malformed line
    stored = {r[0] for r in store.query("SELECT locator FROM ingest_errors")}
    assert any(locator.endswith("b.jsonl.gz") for locator in stored)  # `tidings errors` lists them
