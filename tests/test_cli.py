"""The command line, as a user runs it (a subprocess on a real store)."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from tests.conftest import MINI, new_store_url


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    env = dict(os.environ, TIDINGS_DB=new_store_url(tmp_path_factory.mktemp("cli"), "cli"))

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tidings.cli", *args], env=env, capture_output=True,
                              text=True, check=check, timeout=300)

    report = json.loads(run("ingest", str(MINI), "--json").stdout)
    assert (report["added"], report["duplicates"], report["failed"]) == (7, 1, 0)
    return run


def test_listing_commands_print_json_arrays(cli):
    stories = json.loads(cli("stories", "--json").stdout)
    assert [s["size"] for s in stories] == [3, 3, 1]
    assert all({"id", "title", "article_ids", "languages"} <= set(s) for s in stories)
    articles = json.loads(cli("articles", "--json").stdout)
    assert len(articles) == 7
    assert all({"id", "title", "language", "published", "source", "story_id"} <= set(a) for a in articles)
    by_story = json.loads(cli("articles", "--story", str(stories[0]["id"]), "--json").stdout)
    assert {a["id"] for a in by_story} == set(stories[0]["article_ids"])


def test_story_and_article_commands(cli):
    stories = json.loads(cli("stories", "--json", "--lang", "ru").stdout)
    summit = next(s for s in stories if "ru" in s["languages"])
    assert summit["title"].startswith("Си Цзиньпин")
    story = json.loads(cli("story", str(summit["id"]), "--json").stdout)
    assert set(story["articles_by_language"]) == {"de", "ru", "zh"}
    de_id = story["articles_by_language"]["de"][0]["id"]
    article = json.loads(cli("article", str(de_id), "--json").stdout)
    assert article["metadata"]["credits"] == ["Quelle: dpa, Reuters"]
    assert "Foto:" not in article["text"]
    assert cli("story", "999999", check=False).returncode == 1


def test_search_keyword_and_cross_lingual(cli):
    keyword = json.loads(cli("search", "Louvre", "--mode", "keyword", "--json").stdout)
    assert {a["language"] for a in keyword} == {"en", "fr", "es"}
    chinese = json.loads(cli("search", "阿斯塔纳", "--mode", "keyword", "--json").stdout)
    assert [a["language"] for a in chinese] == ["zh"]
    semantic = json.loads(cli("search", "jewels stolen from a Paris museum", "--mode", "semantic", "--limit", "3", "--json").stdout)
    assert {a["language"] for a in semantic} == {"en", "fr", "es"}


def test_search_prints_why_each_hit_matched(cli):
    hits = json.loads(cli("search", "Louvre", "--mode", "keyword", "--json").stdout)
    assert all(h["snippet_kind"] == "words" and h["highlights"] and h["match"] == "words" for h in hits)
    listing = " ".join(cli("search", "Louvre", "--mode", "keyword").stdout.split())
    for hit in hits:  # the title and the snippet of each hit, below its outlet, date and story
        assert hit["title"] in listing and " ".join(hit["snippet"].split()) in listing
        assert f"story {hit['story_id']} match: words" in listing


@pytest.mark.parametrize("query, says", [("", "the query is empty"), (" ?! ", "no letter or digit"),
                                          ("x" * 501, "501 characters long")])
def test_search_refuses_what_cannot_be_searched(cli, query, says):
    done = cli("search", query, check=False)
    assert done.returncode == 2 and says in " ".join(done.stderr.split())


def test_exports(cli, tmp_path):
    lines = cli("export", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 7 and all(json.loads(line)["text"] for line in lines)
    rows = list(csv.DictReader(io.StringIO(cli("export", "-f", "csv", "--what", "stories").stdout)))
    assert sorted(int(r["size"]) for r in rows) == [1, 3, 3]
    target = tmp_path / "a.parquet"
    cli("export", "-f", "parquet", "-o", str(target))
    table = pq.read_table(target)
    assert table.num_rows == 7 and "captions" in table.column_names
    bad = cli("export", "-f", "xml", check=False)
    assert bad.returncode != 0


def test_rerun_is_idempotent_and_errors_are_listed(cli, tmp_path):
    again = json.loads(cli("ingest", str(MINI), "--json").stdout)
    assert again["added"] == 0 and again["already"] == 8
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"title": 1,\n', encoding="utf-8")
    assert cli("ingest", str(broken), "--json", check=False).returncode == 1  # its only input failed
    errors = json.loads(cli("errors", "--json").stdout)
    assert any(e["locator"].endswith("broken.jsonl#1") for e in errors)


def test_ingest_exits_1_only_when_every_input_failed(cli, tmp_path):
    missing = str(tmp_path / "no-such-folder")
    failed = cli("ingest", missing, "--json", check=False)
    assert failed.returncode == 1 and json.loads(failed.stdout)["failed"] == 1
    said = cli("ingest", missing, check=False)
    assert said.returncode == 1 and "skipped" in said.stdout + said.stderr and "1 failed" in said.stdout + said.stderr
    good = tmp_path / "kenya.txt"
    good.write_text("Kenya and Uganda sign a new border deal\n\nNairobi, 3 March 2025. The presidents of Kenya and "
                    "Uganda signed an agreement on the border on Monday, officials said.\n", encoding="utf-8")
    mixed = cli("ingest", str(good), missing, "--json", check=False)
    report = json.loads(mixed.stdout)
    assert mixed.returncode == 0 and (report["added"], report["failed"]) == (1, 1)
