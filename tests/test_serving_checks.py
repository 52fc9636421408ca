"""What an analyst runs into at the edges of the serving side: ids that name nothing, malformed
dates and options, exports that cannot be written, spellings not seen yet (written from a user's
session over the sample corpus; ids are found through the API, never hard-coded)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tidings.api.app import create_app


@pytest.fixture(scope="module")
def client(mini_store) -> TestClient:
    # one event loop for the module: without it every request runs in new threads, and on PostgreSQL
    # each new thread opens a connection of its own that stays open until the store is closed
    with TestClient(create_app(store=mini_store)) as client:
        yield client


def _missing(client: TestClient, kind: str) -> int:
    """An id one past the largest the store has: it names nothing."""
    listed = client.get(f"/api/{kind}", params={"limit": 500}).json()
    return max(item["id"] for item in listed) + 1


@pytest.mark.parametrize("path, kind, noun", [
    ("/api/stories/{}/entities", "stories", "story"),
    ("/api/stories/{}/events", "stories", "story"),
    ("/api/entities/{}/events", "entities", "entity"),
    ("/api/articles/{}/events", "articles", "article"),
])
def test_sub_resources_of_an_unknown_item_are_404(client, path, kind, noun):
    missing = _missing(client, kind)
    answer = client.get(path.format(missing))
    assert answer.status_code == 404
    assert answer.json()["detail"] == f"{noun} {missing} not found"
    # the same paths of an item that exists still answer with a list
    existing = client.get(f"/api/{kind}", params={"limit": 1}).json()[0]["id"]
    assert isinstance(client.get(path.format(existing)).json(), list)


@pytest.mark.parametrize("path", ["/api/stories", "/api/events", "/api/coverage", "/index.json", "/events.json",
                                  "/coverage.json"])
def test_dates_that_do_not_exist_are_refused_in_plain_words(client, path):
    for bad in ("2025-13-45", "2025-02-30", "yesterday"):
        answer = client.get(path, params={"since": bad})
        assert answer.status_code == 422, (path, bad)
        message = answer.json()["detail"][0]["msg"]
        assert repr(bad) in message and "not a date" in message and "^(" not in message
    assert client.get(path, params={"since": "2024-02-29", "until": ""}).status_code == 200  # a leap day


def test_partial_dates_and_times_still_filter(client):
    assert client.get("/api/events", params={"since": "2025", "until": "2025-12"}).status_code == 200
    assert client.get("/api/stories", params={"since": "2025-06-17T08:00:00Z"}).status_code == 200
    assert client.get("/api/coverage", params={"since": "2025-06"}).status_code == 422  # coverage takes days


def test_a_bad_date_on_a_page_says_which_and_why(client):
    page = client.get("/", params={"since": "2025-02-30"})
    assert page.status_code == 422
    assert "since" in page.text and "is not a date of the calendar" in page.text
    assert "Value error" not in page.text


# -- the command line: options checked before anything runs --------------------------------
@pytest.fixture()
def run_cli(tmp_path, monkeypatch):
    """`tidings ARGS` in this process over an empty store; returns (exit code, everything printed)."""
    from typer.testing import CliRunner

    from tidings.cli import app

    import tidings.cli

    monkeypatch.setenv("TIDINGS_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("COLUMNS", "200")  # one line per message in the error box
    opened = []  # a command's store lives as long as its process; here each is closed after the test

    def open_store(*args, **kwargs):
        opened.append(store := real_open_store(*args, **kwargs))
        return store

    real_open_store = tidings.cli.open_store
    monkeypatch.setattr(tidings.cli, "open_store", open_store)

    def run(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(app, list(args))
        return result.exit_code, " ".join(result.output.replace("│", " ").split())  # stdout and stderr

    yield run
    for store in opened:
        store.close_all()


@pytest.mark.parametrize("args, says", [
    (["stories", "--since", "yesterday"], "'yesterday' is not a date"),
    (["stories", "--until", "2025-02-30"], "'2025-02-30' is not a date of the calendar"),
    (["stories", "--sort", "bogus"], "'bogus' is not one of size, growth, recent"),
    (["events", "--since", "2025-13-45"], "'2025-13-45' is not a date of the calendar"),
    (["events", "--country", "KAZ"], "'KAZ' is not an ISO 3166 alpha-2 country code"),
    (["coverage", "--since", "bogus"], "'bogus' is not a date: use YYYY-MM-DD"),
    (["entities", "--type", "xyz"], "'xyz' is not one of PER, ORG, LOC, NAME"),
    (["alerts", "add", "kz", "--country", "Kazakhstan"], "'Kazakhstan' is not an ISO 3166 alpha-2 country code"),
])
def test_cli_refuses_what_would_silently_filter_nothing(run_cli, args, says):
    code, printed = run_cli(*args)
    assert code == 2 and says in printed, printed


def test_cli_accepts_the_forms_it_documents(run_cli):
    assert run_cli("stories", "--since", "2025-10", "--until", "2025-10-31", "--sort", "recent")[0] == 0
    assert run_cli("entities", "--type", "per", "--country", "kz")[0] == 0
    assert run_cli("events", "--since", "2025", "--country", "kz")[0] == 0


def test_cli_export_says_why_it_cannot_write(run_cli, tmp_path):
    code, printed = run_cli("export", "--format", "parquet")
    assert code == 2 and "add -o FILE.parquet" in printed, printed
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    for target, args in ((blocker / "out.csv", ["-f", "csv"]), (blocker / "backup.jsonl.gz", ["--all"])):
        code, printed = run_cli("export", *args, "-o", str(target))
        assert code == 1 and f"cannot write {target}" in printed and "Traceback" not in printed, printed


# -- entities found by a spelling no article used ----------------------------------------------
def test_a_dictionary_person_is_found_by_a_spelling_not_seen_yet(client):
    """The README's `tidings entities --q Tokajew`: a person the bundled dictionary names (keyed by its
    entry, not by the spelling key) is found by other transliterations and unaccented forms too."""
    found = client.get("/api/entities", params={"q": "Токаев"}).json()
    assert len(found) == 1 and found[0]["type"] == "PER"
    seen = set(found[0]["aliases"])
    for spelling in ("Tokaev", "Tokaïev", "Tokajev"):
        assert spelling not in seen
        assert [e["id"] for e in client.get("/api/entities", params={"q": spelling}).json()] == [found[0]["id"]], spelling
    assert client.get("/api/entities", params={"q": "Tokaev", "type": "LOC"}).json() == []
    assert client.get("/api/entities", params={"q": "Tekever"}).json() == []  # another name, not a spelling


# -- the entities and events pages reach past their first page -------------------------------
def _links(html: str, rel: str) -> list[str]:
    import re

    return [href.replace("&amp;", "&") for href in re.findall(rf'<a rel="{rel}" href="([^"]+)"', html)]


@pytest.mark.parametrize("listing, api", [("/entities", "/api/entities"), ("/events", "/api/events")])
def test_listing_pages_link_to_the_next_and_previous_page(client, listing, api):
    everything = client.get(api, params={"limit": 500}).json()
    assert len(everything) > 3
    first = client.get(listing, params={"limit": 2}).text
    [next_url] = _links(first, "next")
    assert not _links(first, "prev") and "limit=2" in next_url and "offset=2" in next_url
    second = client.get(next_url).text
    assert f'/{listing.strip("/")}/{everything[2]["id"]}"' in second  # the third row is on the second page
    assert _links(second, "prev") and "offset" not in _links(second, "prev")[0]
    last = client.get(listing, params={"limit": 2, "offset": len(everything) - 1}).text
    assert not _links(last, "next") and _links(last, "prev")


def test_the_pager_keeps_the_filters(client):
    people = client.get("/api/entities", params={"type": "LOC", "limit": 500}).json()
    assert len(people) > 2
    [next_url] = _links(client.get("/entities", params={"type": "LOC", "limit": 1}).text, "next")
    assert "type=LOC" in next_url


# -- HEAD ----------------------------------------------------------------------------------------
def test_head_is_answered_like_get_without_a_body(client):
    story = client.get("/api/stories", params={"limit": 1}).json()[0]["id"]
    for path in ("/", "/healthz", f"/stories/{story}", f"/api/stories/{story}", "/index.json", "/docs"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"], path
        assert head.headers["content-length"] == str(len(got.content)), path
        assert head.headers["x-content-type-options"] == "nosniff"
    assert client.head("/stories/999999999").status_code == 404
    assert client.head("/api/ingest").status_code == 405  # a write endpoint: not a GET either


# -- the site's navigation -----------------------------------------------------------------------
def test_coverage_is_in_the_navigation_and_pages_name_their_icon(client):
    import re

    for path in ("/", "/entities", "/events", "/search", "/coverage"):
        html = client.get(path).text
        nav = html[html.index('<nav class="site-nav"'):html.index("</nav>", html.index('<nav class="site-nav"'))]
        assert 'href="/coverage"' in nav, path
        [icon] = re.findall(r'<link rel="icon" href="([^"]+)"', html)
        answer = client.get(icon)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("image/svg+xml")
    coverage = client.get("/coverage").text
    assert re.search(r'href="/coverage" aria-current="page">Coverage</a>', coverage)


# -- the Python API offers what the CLI does -----------------------------------------------------
def test_python_api_entities_comparison_coverage_and_brief(mini_store):
    import tidings

    t = tidings.open(mini_store.url)
    person = t.entities(q="Tokajew")
    assert len(person) == 1 and t.entity(person[0]["id"])["aliases_by_language"]
    assert t.entities(type="LOC", country="KZ") and all(e["type"] == "LOC" for e in t.entities(type="LOC"))
    story = max(t.stories(), key=lambda s: s["size"])
    comparison = t.compare(story["id"], write_cache=False)  # the shared store stays as it was
    assert comparison["compared_articles"] == story["size"] and comparison["groups"]
    assert {item["language"] for item in t.coverage(story["id"])["languages"]} == set(story["languages"])
    assert "languages" in t.coverage(since="2025-01-01")
    markdown, html = t.brief(story["id"], write_cache=False), t.brief(story["id"], fmt="html", write_cache=False)
    assert markdown.startswith("# ") and "## Key facts" in markdown and html.startswith("<h1>")
    missing = max(s["id"] for s in t.stories()) + 1
    assert t.entity(10**9) is None and t.compare(missing) is None and t.brief(missing, write_cache=False) is None
    with pytest.raises(ValueError, match="md or html"):
        t.brief(story["id"], fmt="pdf")


def test_python_dash_m_tidings_runs_the_command_line():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "tidings", "stories", "--help"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "--since" in done.stdout, done.stderr


def test_cli_alias_import_and_export_say_what_is_wrong_with_the_file(run_cli, tmp_path):
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("name,alias\nFrançois Hollande,François\n".encode("latin-1"))
    broken = tmp_path / "broken.json"
    broken.write_text('[{"name": "x", ', encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    for args, says in ((["import", str(latin1)], f"{latin1} is not UTF-8 text"),
                       (["import", str(broken)], f"{broken} is not valid JSON"),
                       (["import", str(tmp_path / "absent.csv")], f"cannot read {tmp_path / 'absent.csv'}"),
                       (["export", str(blocker / "aliases.csv")], f"cannot write {blocker / 'aliases.csv'}")):
        code, printed = run_cli("entities", *args)
        assert code == 1 and says in printed and "Traceback" not in printed, printed
    headless = tmp_path / "headless.csv"
    headless.write_text("Tokayev;Tokajew\n", encoding="utf-8")
    code, printed = run_cli("entities", "import", str(headless))
    assert code == 0 and "0 aliases imported" in printed and "name and alias" in printed, printed


# -- exports say what the API says -----------------------------------------------------------------
def test_event_exports_name_actors_as_the_api_does(client, mini_store, tmp_path):
    """An actor resolved to an entity is exported under the entity's canonical name (as `/api/events`
    names it), with the words of the report beside it; GDELT's DATEADDED has its 14 digits."""
    import csv
    import json

    from tidings.export import export

    listed = {e["id"]: e for e in client.get("/api/events", params={"limit": 500}).json()}
    export(mini_store, tmp_path / "events.jsonl", fmt="jsonl", what="events")
    rows = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and {row["id"] for row in rows} == set(listed)
    renamed = 0
    for row in rows:
        for side in ("source", "target"):
            actor = listed[row["id"]][side]
            assert row[f"{side}_name"] == (actor["name"] if actor else None), (row["id"], side)
            assert row[f"{side}_text"] == (actor["text"] if actor else None), (row["id"], side)
            renamed += bool(actor and actor["entity_id"] and actor["name"] != actor["text"])
    assert renamed, "the corpus has reports that name an actor otherwise than its entity"
    export(mini_store, tmp_path / "events.tsv", fmt="gdelt", what="events")
    table = list(csv.DictReader((tmp_path / "events.tsv").open(encoding="utf-8"), delimiter="\t"))
    by_id = {int(r["GLOBALEVENTID"]): r for r in table}
    for row in rows:
        assert by_id[row["id"]]["Actor1Name"] == (row["source_name"] or "").upper()
        added = by_id[row["id"]]["DATEADDED"]
        assert added == "" or (len(added) == 14 and added.isdigit() and added.startswith(row["first_seen"][:10].replace("-", "")))


def test_openapi_documents_the_404_of_every_route_of_one_item(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path, operations in paths.items():
        get = operations.get("get")
        if get and "{" in path:
            assert "404" in get["responses"], path


def test_mention_exports_quote_the_sentence_and_name_the_outlet(client, mini_store, tmp_path):
    import pyarrow.parquet as pq

    from tidings.export import export

    export(mini_store, tmp_path / "mentions.parquet", fmt="parquet", what="mentions")
    rows = pq.read_table(tmp_path / "mentions.parquet").to_pylist()
    assert rows
    quoted = {m["id"]: m for e in client.get("/api/events", params={"limit": 500}).json() for m in e["mentions"]}
    for row in rows:
        mention = quoted[row["id"]]
        assert row["sentence_text"] == mention["sentence"] and row["sentence_text"].strip()
        assert row["outlet"] == mention["outlet"]
        assert row["sentence_text"][row["trigger_start"] - row["sentence_start"]:
                                    row["trigger_end"] - row["sentence_start"]] == row["trigger"]


def test_cli_says_when_the_store_is_empty_and_only_then(run_cli, mini_store, monkeypatch):
    for args in (["stories"], ["articles"], ["search", "Louvre", "--mode", "keyword"]):
        code, printed = run_cli(*args)
        assert code == 0 and "holds no article yet" in printed and "check --db" in printed, printed
    monkeypatch.setenv("TIDINGS_DB", mini_store.url)
    for args in (["stories"], ["stories", "--language", "xx"], ["search", "zzzzqqq", "--mode", "keyword"]):
        code, printed = run_cli(*args)
        assert code == 0 and "holds no article yet" not in printed, printed


def test_story_exports_list_the_outlets(tmp_path):
    import csv

    import pyarrow.parquet as pq

    from tests.conftest import ingest_texts
    from tidings.export import export
    from tidings.query import Explorer

    store = ingest_texts(tmp_path, "outlets", {
        "a.txt": "date 2025-06-17\nsource: Example Post\nHarbour budget approved\n\nThe city council approved the "
                 "harbour budget on Monday after a long debate.",
        "b.txt": "date 2025-06-18\nsource: Beispielzeitung\nNeue Brücke eröffnet\n\nIn Bremen wurde am Dienstag "
                 "eine neue Brücke über die Weser eröffnet."})
    listed = {s["id"]: s for s in Explorer(store).stories(limit=500)}
    export(store, tmp_path / "stories.parquet", fmt="parquet", what="stories")
    rows = pq.read_table(tmp_path / "stories.parquet").to_pylist()
    assert {row["id"] for row in rows} == set(listed)
    for row in rows:
        assert row["sources"] == sorted(listed[row["id"]]["sources"])
    assert sorted(o for row in rows for o in row["sources"]) == ["Beispielzeitung", "Example Post"]
    export(store, tmp_path / "stories.csv", fmt="csv", what="stories")
    for row in csv.DictReader((tmp_path / "stories.csv").open(encoding="utf-8")):
        assert row["sources"].split("|") == sorted(listed[int(row["id"])]["sources"])
    store.close_all()


def test_cli_import_says_why_a_file_is_not_a_dump(run_cli, tmp_path):
    import base64
    import gzip
    import json
    import os

    header = json.dumps({"format": "tidings-dump/1"}) + "\n"
    record = json.dumps({"kind": "raw", "locator": "x.txt", "format": "txt",
                         "content": base64.b64encode(os.urandom(30000)).decode()}) + "\n"
    whole = gzip.compress((header + record).encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[:len(whole) // 2])
    garbage = tmp_path / "garbage.jsonl.gz"
    garbage.write_bytes(gzip.compress(b"not json\n"))
    plain = tmp_path / "notes.txt"
    plain.write_text("# my notes\n", encoding="utf-8")
    for path, says in ((cut, "is cut short"), (garbage, "a line is not JSON"), (plain, "not a gzip file")):
        code, printed = run_cli("import", str(path))
        assert code == 1 and says in printed and "Aborted" not in printed, printed


# -- a period given as a year or a month --------------------------------------------------------
def test_until_a_month_or_a_year_takes_in_all_of_it(client):
    stories = client.get("/api/stories", params={"limit": 500}).json()
    dated = [s for s in stories if s["first_published"]]
    assert dated
    for story in dated:
        month, year = story["first_published"][:7], story["first_published"][:4]
        for until in (month, year):
            for sort in ("size", "growth", "recent"):
                answer = client.get("/api/stories", params={"until": until, "sort": sort, "limit": 500})
                assert answer.status_code == 200, (until, sort, answer.text[:200])
                assert story["id"] in {s["id"] for s in answer.json()}, (until, sort)
        assert client.get("/", params={"until": month}).status_code == 200
        assert client.get("/index.json", params={"until": year, "sort": "growth"}).status_code == 200


def test_cli_search_shows_outlet_and_date(run_cli, tmp_path, monkeypatch):
    from tests.conftest import ingest_texts

    store = ingest_texts(tmp_path, "search", {
        "a.txt": "date 2025-06-17\nsource: Example Post\nHarbour budget approved\n\nThe city council approved the "
                 "harbour budget on Monday after a long debate."})
    monkeypatch.setenv("TIDINGS_DB", store.url)
    store.close_all()  # the command opens its own
    code, printed = run_cli("search", "harbour", "--mode", "keyword")
    assert code == 0 and "Example Post" in printed and "2025-06-17" in printed, printed


# -- language codes in either case ----------------------------------------------------------------
def test_language_codes_are_read_in_either_case(client, run_cli, mini_store, monkeypatch):
    for path, params in (("/api/stories", {"language": "{}"}), ("/api/articles", {"language": "{}"}),
                         ("/api/search", {"q": "Louvre", "mode": "keyword", "language": "{}"}),
                         ("/index.json", {"language": "{}"})):
        lower = client.get(path, params={k: v.format("fr") for k, v in params.items()}).json()
        upper = client.get(path, params={k: v.format("FR") for k, v in params.items()}).json()
        assert lower and upper == lower, path
    story = next(s for s in client.get("/api/stories").json() if "fr" in s["languages"] and len(s["languages"]) > 1)
    titled = client.get(f"/api/stories/{story['id']}", params={"title_language": "FR"}).json()
    assert titled["title_language"] == "fr"
    monkeypatch.setenv("TIDINGS_DB", mini_store.url)
    import json

    for command in (["stories"], ["articles"]):
        assert run_cli(*command, "--language", "FR", "--json")[1] == run_cli(*command, "--language", "fr", "--json")[1]
    assert json.loads(run_cli("stories", "--language", "FR", "--json")[1])


# -- graph labels stay inside the picture -------------------------------------------------------------
def test_graph_labels_are_cut_to_fit_and_keep_the_whole_name_in_the_title():
    import re

    from tidings.api.charts import dyad_graph, network

    def _text_width(text: str) -> float:  # 12px Latin letters are drawn at least 6.4 units wide
        return 6.4 * len(text)

    def actor(entity_id, name):
        return {"entity_id": entity_id, "name": name, "code": None}

    long_name = "Kassym-Jomart Tokayev of Kazakhstan"
    # four actors: on top, on the right (where labels run towards the right edge), below, on the left
    dyads = [{"source": actor(1, "Xi Jinping"), "target": actor(2, long_name), "events": 2, "goldstein": 3.0},
             {"source": actor(3, "Shavkat Mirziyoyev"), "target": actor(4, long_name + " again"), "events": 1,
              "goldstein": -2.0}]
    svg = str(dyad_graph(dyads))
    left, _, width, _ = map(float, re.search(r'viewBox="([-\d. ]+)"', svg).group(1).split())
    labels = re.findall(r'<text class="net-label" x="([\d.-]+)" y="[\d.-]+" text-anchor="(\w+)">([^<]*)</text>', svg)
    assert len(labels) == 4
    for x, anchor, text in labels:
        x, text_width = float(x), _text_width(text)
        start = x if anchor == "start" else x - text_width if anchor == "end" else x - text_width / 2
        assert left <= start and start + text_width <= left + width, (text, anchor)
    shown = {text for _, _, text in labels}
    assert "Xi Jinping" in shown and any(t.endswith("…") and long_name.startswith(t[:-1]) for t in shown)
    assert f"<title>{long_name}</title>" in svg
    related = [{"id": i, "name": name, "type": "PER", "articles": 1}
               for i, name in enumerate(["Xi Jinping", long_name, "Shavkat Mirziyoyev", long_name + " again"], 1)]
    drawn = str(network({"name": "Astana"}, related))
    for x, anchor, text in re.findall(r'<text class="net-label" x="([\d.-]+)" y="[\d.-]+" text-anchor="(\w+)">([^<]*)</text>',
                                      drawn):
        if anchor == "start":
            assert float(x) + _text_width(text) <= left + width, text


def test_a_country_known_by_its_code_is_one_node_with_its_entity():
    import re

    from tidings.api.charts import dyad_graph

    kazakhstan = {"entity_id": 7, "name": "Kazakhstan", "code": "KAZ"}
    tokayev = {"entity_id": 8, "name": "Kassym-Jomart Tokayev", "code": "KAZ"}
    dyads = [{"source": tokayev, "target": kazakhstan, "events": 2, "goldstein": 2.0},
             {"source": {"entity_id": 9, "name": "Xi Jinping", "code": "CHN"},
              "target": {"entity_id": None, "name": "Kazakhstan", "code": "KAZ"}, "events": 1, "goldstein": 3.0}]
    svg = str(dyad_graph(list(reversed(dyads))))  # the code-only report first
    labels = re.findall(r'<text class="net-label"[^>]*>([^<]*)</text>', svg)
    assert labels.count("Kazakhstan") == 1 and len(labels) == 3  # Tokayev (KAZ too) keeps his own node
    assert re.search(r'<a href="/entities/7"><title>Kazakhstan</title>', svg)  # and it links to the entity
