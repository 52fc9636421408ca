"""The REST API and the web pages, against the mini corpus ingested by the real pipeline.

Ids are never hard-coded: stories and articles are found through the API by what they contain.
"""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tidings.api.app import SECURITY_HEADERS, create_app
from tidings.pipeline import Pipeline
from tidings.store import open_store

from tests.conftest import new_store_url

LOUVRE = ["en", "es", "fr"]
SUMMIT = ["de", "ru", "zh"]

ARABIC_TITLE = "افتتاح المتحف المصري الكبير في القاهرة"
ARABIC_ARTICLE = f"""date 2025-11-02
{ARABIC_TITLE}

افتتحت مصر يوم السبت المتحف المصري الكبير قرب أهرامات الجيزة بحضور عدد من قادة العالم. ويضم المتحف أكثر من مائة ألف قطعة أثرية.
وقال وزير السياحة والآثار إن المتحف سيستقبل ملايين الزوار كل عام.
"""
MARKUP_ARTICLE = """date 2025-11-03
Council votes <script>alert("x")</script> & approves the new harbour budget

The city council voted on Monday to approve the new harbour budget of <b>twelve million</b> euros after a long debate.
Councillors said the works on the old quay would start in the spring and last two years.
"""


@pytest.fixture(scope="module")
def client(mini_store) -> TestClient:
    return TestClient(create_app(store=mini_store))


@pytest.fixture(scope="module")
def extra_client(tmp_path_factory) -> TestClient:
    """A second store with an Arabic article and one whose title and text hold HTML markup."""
    folder = tmp_path_factory.mktemp("extra")
    (folder / "ar-museum.txt").write_text(ARABIC_ARTICLE, encoding="utf-8")
    (folder / "en-markup.txt").write_text(MARKUP_ARTICLE, encoding="utf-8")
    store = open_store(new_store_url(folder, "extra"))
    Pipeline(store).ingest([str(folder)])
    return TestClient(create_app(store=store))


def get_json(client: TestClient, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.text)
    return response.json()


def story_with(client: TestClient, languages: list[str]) -> dict:
    matches = [s for s in get_json(client, "/api/stories?limit=500") if s["languages"] == languages]
    assert len(matches) == 1, languages
    return matches[0]


def article_in(client: TestClient, language: str) -> dict:
    matches = get_json(client, f"/api/articles?language={language}")
    assert len(matches) == 1, language
    return matches[0]


# -- health, stats, OpenAPI ----------------------------------------------------------------
def test_healthz(client):
    body = get_json(client, "/healthz")
    assert body["status"] == "ok"
    assert body["schema_version"] >= 1
    assert body["articles"] == 7


def test_stats_counts_the_mini_corpus(client):
    stats = get_json(client, "/api/stats")
    assert stats["articles"] == 7 and stats["stories"] == 3 and stats["duplicates"] == 1
    assert set(stats["languages"]) == {"de", "en", "es", "fr", "ru", "vi", "zh"}


def test_openapi_lists_every_endpoint(client):
    spec = get_json(client, "/openapi.json")
    assert spec["info"]["title"] == "tidings"
    expected = {"/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/articles/{article_id}",
                "/api/search", "/api/stats", "/healthz"}
    assert expected <= set(spec["paths"])
    assert all(set(spec["paths"][p]) == {"get"} for p in expected)  # read-only
    assert spec["paths"]["/api/search"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]


def test_docs_page_is_local(client):
    response = client.get("/docs")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    for path in ("/api/stories", "/api/articles/{article_id}", "/api/search", "/healthz"):
        assert path in page
    sources = re.findall(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="([^"]*)"', page)
    assert sources, "the page should load its local stylesheet"
    assert not [s for s in sources if s.startswith(("http", "//"))]
    assert "cdn" not in page.lower()
    assert client.get("/redoc").status_code == 404


# -- stories -------------------------------------------------------------------------------
def test_stories_largest_first(client):
    stories = get_json(client, "/api/stories")
    assert [s["size"] for s in stories] == [3, 3, 1]
    assert sorted(s["languages"] for s in stories) == sorted([LOUVRE, SUMMIT, ["vi"]])
    for story in stories:
        assert set(story) >= {"id", "title", "title_language", "article_ids", "size", "languages",
                              "language_counts", "sources", "first_published", "last_published"}
        assert len(story["article_ids"]) == story["size"] == sum(story["language_counts"].values())


def test_stories_filters(client):
    assert [s["languages"] for s in get_json(client, "/api/stories?language=vi")] == [["vi"]]
    assert [s["languages"] for s in get_json(client, "/api/stories?q=Louvre")] == [LOUVRE]
    assert [s["languages"] for s in get_json(client, "/api/stories?sort=recent")] == [LOUVRE, SUMMIT, ["vi"]]
    assert [s["languages"] for s in get_json(client, "/api/stories?since=2025-10-01")] == [LOUVRE]
    assert [s["languages"] for s in get_json(client, "/api/stories?until=2025-04-01")] == [["vi"]]
    assert get_json(client, "/api/stories?q=Louvre&language=de") == []
    # empty values, as HTML forms send them, mean "no filter"
    assert len(get_json(client, "/api/stories?language=&q=")) == 3


def test_stories_paging(client):
    everything = get_json(client, "/api/stories")
    assert get_json(client, "/api/stories?limit=1&offset=1") == everything[1:2]
    assert get_json(client, "/api/stories?offset=3") == []


def test_title_language_choice(client):
    louvre = story_with(client, LOUVRE)
    french = get_json(client, f"/api/stories/{louvre['id']}?title_language=fr")
    assert french["title_language"] == "fr"
    assert french["title"].startswith("Cambriolage au Louvre")
    spanish = [s for s in get_json(client, "/api/stories?title_language=es") if s["id"] == louvre["id"]][0]
    assert spanish["title"].startswith("Robo de joyas")
    # no German article: the most central article's title stays
    german = get_json(client, f"/api/stories/{louvre['id']}?title_language=de")
    assert german["title"] == louvre["title"] and german["title_language"] == louvre["title_language"] in LOUVRE


def test_story_detail(client):
    louvre = story_with(client, LOUVRE)
    story = get_json(client, f"/api/stories/{louvre['id']}")
    assert sorted(a["id"] for a in story["articles"]) == sorted(louvre["article_ids"])
    assert sorted(story["articles_by_language"]) == LOUVRE
    assert all(a["story_id"] == louvre["id"] for a in story["articles"])
    shared = [n for n in story["names"] if len(n["spellings"]) > 1]
    assert any("Louvre" in spellings for n in shared for spellings in n["spellings"].values())


def test_story_not_found(client):
    assert get_json(client, "/api/stories/999999", 404) == {"detail": "story 999999 not found"}


# -- articles ------------------------------------------------------------------------------
def test_articles_list_and_filters(client):
    articles = get_json(client, "/api/articles")
    assert len(articles) == 7
    assert set(articles[0]) == {"id", "title", "language", "published", "source", "story_id", "url", "byline"}
    published = [a["published"] for a in articles]
    assert published == sorted(published, reverse=True)  # newest first
    summit = story_with(client, SUMMIT)
    assert sorted(a["id"] for a in get_json(client, f"/api/articles?story_id={summit['id']}")) == sorted(summit["article_ids"])
    assert [a["language"] for a in get_json(client, "/api/articles?language=zh")] == ["zh"]
    assert get_json(client, "/api/articles?source=nobody") == []
    assert len(get_json(client, "/api/articles?limit=2&offset=6")) == 1


def test_article_detail(client):
    german = get_json(client, f"/api/articles/{article_in(client, 'de')['id']}")
    assert german["title"] == "Xi Jinping beim Zentralasien-Gipfel in Astana"
    assert german["metadata"]["photo_credits"] == ["Foto: dpa/Michael Kappeler"]
    assert german["metadata"]["credits"] == ["Quelle: dpa, Reuters"]
    assert "Foto:" not in german["text"]
    assert all(german["text"][s["start"]:s["end"]] == s["text"] for s in german["sentences"])
    assert {"Astana", "China"} <= {m["text"] for m in german["mentions"]}
    assert {"value": "2025-06-17", "precision": "day"}.items() <= german["dates"][0].items()
    assert german["raw"]["locator"].endswith("de-gipfel.txt")
    assert german["duplicates"] == []


def test_dropped_duplicate_is_recorded(client):
    english = get_json(client, f"/api/articles/{article_in(client, 'en')['id']}")
    assert len(english["duplicates"]) == 1
    assert re.search(r"en-louvre(-copy)?\.txt$", english["duplicates"][0]["locator"])


def test_article_not_found(client):
    assert get_json(client, "/api/articles/999999", 404) == {"detail": "article 999999 not found"}


# -- search --------------------------------------------------------------------------------
def test_keyword_search(client):
    hits = get_json(client, "/api/search?q=Louvre&mode=keyword")
    assert sorted(h["language"] for h in hits) == LOUVRE
    assert all(h["matched_by"] == ["keyword"] and h["score"] > 0 for h in hits)
    assert [h["language"] for h in get_json(client, "/api/search?q=Louvre&mode=keyword&language=fr")] == ["fr"]
    assert len(get_json(client, "/api/search?q=Louvre&mode=keyword&limit=1")) == 1


def test_semantic_search_crosses_languages(client):
    hits = get_json(client, "/api/search?q=crown%20jewels%20stolen%20from%20a%20museum&mode=semantic&limit=3")
    assert sorted(h["language"] for h in hits) == LOUVRE
    assert all(h["matched_by"] == ["semantic"] for h in hits)


def test_hybrid_search(client):
    hits = get_json(client, "/api/search?q=Louvre")
    assert hits[0]["matched_by"] == ["keyword", "semantic"]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_hits_show_why_they_matched(client):
    hits = get_json(client, "/api/search?q=Louvre&mode=keyword")
    for hit in hits:  # each article names the museum in its text: the word is marked there
        assert hit["match"] == "words" and hit["snippet_kind"] == "words"
        assert [hit["snippet"][a:b].casefold() for a, b in hit["highlights"]][:1] == ["louvre"]
        assert "<mark>Louvre</mark>" in hit["snippet_html"] and "<mark>Louvre</mark>" in hit["title_html"]
        article = get_json(client, f"/api/articles/{hit['id']}")
        assert hit["snippet"].split(" …")[0].removeprefix("… ") in " ".join(article["text"].split())
    semantic = get_json(client, "/api/search?q=crown%20jewels%20stolen%20from%20a%20museum&mode=semantic&limit=3")
    assert {h["match"] for h in semantic} == {"meaning"} and all(h["snippet"] for h in semantic)


@pytest.mark.parametrize("query, says", [("%20%20", "q is empty"), ("!!!%20%C2%BB", "no letter or digit"),
                                          ("%00%01", "q is empty")])
def test_search_without_words_is_refused_clearly(client, query, says):
    response = client.get(f"/api/search?q={query}")
    assert response.status_code == 422 and says in response.json()["detail"]


def test_search_with_odd_characters_answers(client):
    for query in ("Louvre%00", "%F0%9F%92%8E%20Louvre", "%22Louvre%22%20*", "(Louvre)%20-", "Louvre%27%3B--"):
        hits = get_json(client, f"/api/search?q={query}&mode=keyword")
        assert {h["language"] for h in hits} == set(LOUVRE), query


def test_openapi_documents_the_snippet(client):
    schema = get_json(client, "/openapi.json")["components"]["schemas"]["SearchHit"]
    for field in ("snippet", "snippet_kind", "highlights", "snippet_html", "match", "score", "sentence"):
        assert schema["properties"][field]["description"], field


# -- bad input: 422, never 500 -----------------------------------------------------------
@pytest.mark.parametrize("url", [
    "/api/stories?limit=0", "/api/stories?limit=501", "/api/stories?offset=-1", "/api/stories?limit=abc",
    "/api/stories?sort=oldest", "/api/stories?since=yesterday", "/api/stories?language=%3Cscript%3E",
    "/api/stories/abc", "/api/stories/0", "/api/stories/99999999999999999999999",
    "/api/articles?limit=1000", "/api/articles?story_id=x", "/api/articles/-5",
    "/api/search", "/api/search?q=x&mode=fuzzy", "/api/search?q=x&limit=0", "/api/search?q=" + "x" * 501,
    "/index.json?page=0", "/stories/abc.json", "/search.json?mode=fuzzy",
])
def test_bad_parameters_give_422(client, url):
    response = client.get(url)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["detail"]


def test_bad_page_parameters_give_an_html_422(client):
    response = client.get("/?page=0")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "page" in response.text


def test_read_only(client):
    assert client.post("/api/stories", json={}).status_code == 405
    assert client.delete(f"/api/articles/{article_in(client, 'vi')['id']}").status_code == 405


# -- security headers ---------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/", "/api/stories", "/healthz", "/docs", "/static/style.css",
                                 "/api/stories/999999", "/nowhere", "/api/stories?limit=0"])
def test_security_headers_on_every_response(client, url):
    response = client.get(url)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value, (url, name)
    assert response.headers["content-security-policy"].startswith("default-src 'self'")


# -- JSON twins ----------------------------------------------------------------------------
def test_front_page_twin(client):
    twin = get_json(client, "/index.json")
    assert twin["stories"] == get_json(client, "/api/stories?limit=20")
    assert twin["stats"] == get_json(client, "/api/stats")
    assert twin["page"] == 1 and twin["has_next"] is False
    filtered = get_json(client, "/index.json?sort=recent&lang=fr&language=es")
    assert filtered["filters"] == {"sort": "recent", "language": "es", "lang": "fr", "q": None,
                                   "country": None, "source": None, "since": None, "until": None, "entity": None,
                                   "event": None}
    assert filtered["stories"] == get_json(client, "/api/stories?sort=recent&title_language=fr&language=es")
    assert get_json(client, "/index.json?q=Louvre")["stories"] == get_json(client, "/api/stories?q=Louvre")
    assert get_json(client, "/index.json?page=2")["stories"] == []


def test_story_and_article_twins(client):
    louvre = story_with(client, LOUVRE)
    assert get_json(client, f"/stories/{louvre['id']}.json") == get_json(client, f"/api/stories/{louvre['id']}")
    assert (get_json(client, f"/stories/{louvre['id']}.json?lang=es")
            == get_json(client, f"/api/stories/{louvre['id']}?title_language=es"))
    for article_id in louvre["article_ids"]:
        assert get_json(client, f"/articles/{article_id}.json") == get_json(client, f"/api/articles/{article_id}")
    assert get_json(client, "/stories/999999.json", 404) == {"detail": "story 999999 not found"}
    assert get_json(client, "/articles/999999.json", 404) == {"detail": "article 999999 not found"}


def test_search_twin(client):
    twin = get_json(client, "/search.json?q=Louvre&mode=keyword")
    assert twin["q"] == "Louvre" and twin["mode"] == "keyword"
    assert twin["results"] == get_json(client, "/api/search?q=Louvre&mode=keyword")
    assert get_json(client, "/search.json")["results"] == []


def test_pages_link_their_twin(client):
    louvre = story_with(client, LOUVRE)
    assert 'href="/index.json?sort=recent"' in client.get("/?sort=recent").text
    assert f'href="/stories/{louvre["id"]}.json"' in client.get(f"/stories/{louvre['id']}").text


# -- HTML pages ----------------------------------------------------------------------------
def html(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_front_page(client):
    page = html(client, "/")
    for story in get_json(client, "/api/stories"):
        assert story["title"] in page
        assert f'href="/stories/{story["id"]}"' in page
    assert re.search(r"<strong>7</strong>\s*articles", page)
    assert re.search(r"<strong>3</strong>\s*stories", page)
    assert re.search(r"<strong>7</strong>\s*languages", page)
    assert 'href="/?language=vi"' in page  # the language filter


def test_front_page_filters(client):
    louvre, summit = story_with(client, LOUVRE), story_with(client, SUMMIT)
    french = html(client, "/?lang=fr")
    assert "Cambriolage au Louvre" in french and f'href="/stories/{louvre["id"]}?lang=fr"' in french
    assert summit["title"] in french  # no French article: its central title stays
    only_vi = html(client, "/?language=vi")
    assert "Hà Nội FC" in only_vi and summit["title"] not in only_vi
    searched = html(client, "/?q=Louvre")
    assert louvre["title"] in searched and summit["title"] not in searched
    recent = html(client, "/?sort=recent")
    assert recent.index(louvre["title"]) < recent.index(summit["title"]) < recent.index("Hà Nội FC")
    assert "No stories match" in html(client, "/?page=2")


def test_story_page(client):
    louvre = story_with(client, LOUVRE)
    page = html(client, f"/stories/{louvre['id']}")
    story = get_json(client, f"/api/stories/{louvre['id']}")
    for article in story["articles"]:
        assert f'href="/articles/{article["id"]}" lang="{article["language"]}" dir="auto">{article["title"]}' in page
    assert "2025-10-19 – 2025-10-20" in page
    top = story["names"][0]
    # a resolved name links to its entity page, an unresolved one shows its key
    assert (f'/entities/{top["entity_id"]}"' in page) if top["entity_id"] else (top["key"] in page)
    assert "Cambriolage au Louvre" in html(client, f"/stories/{louvre['id']}?lang=fr").split("</h1>")[0]
    assert "not found" in html(client, "/stories/999999", 404)


def test_article_page(client):
    german = get_json(client, f"/api/articles/{article_in(client, 'de')['id']}")
    page = html(client, f"/articles/{german['id']}")
    assert f'<h1 class="headline" lang="de" dir="auto">{german["title"]}</h1>' in page
    assert "<p>Der chinesische Staatschef Xi Jinping" in page
    assert "Foto: dpa/Michael Kappeler" in page and "Photo credits" in page
    assert "Quelle: dpa, Reuters" in page
    assert "Kassym-Schomart Tokajew" in page
    assert 'datetime="2025-06-17">2025-06-17</time>' in page and "(day)" in page
    assert f'href="/stories/{german["story_id"]}"' in page
    english = get_json(client, f"/api/articles/{article_in(client, 'en')['id']}")
    page = html(client, f"/articles/{english['id']}")
    assert english["byline"] in page
    assert english["duplicates"][0]["locator"] in page
    assert "not found" in html(client, "/articles/999999", 404)


def test_search_page(client):
    page = html(client, "/search?q=Louvre&mode=keyword")
    for hit in get_json(client, "/api/search?q=Louvre&mode=keyword"):
        assert f'href="/articles/{hit["id"]}"' in page
        assert f'href="/stories/{hit["story_id"]}"' in page
    assert '<option value="keyword" selected>' in page
    assert "3 results" in page
    assert "Nothing found" in html(client, "/search?q=zzzqqqxxx&mode=keyword")


def test_search_page_shows_snippets_not_scores(client):
    page = html(client, "/search?q=Louvre&mode=keyword")
    hits = get_json(client, "/api/search?q=Louvre&mode=keyword")
    for hit in hits:
        assert hit["snippet_html"] in page
    assert page.count("<mark>Louvre</mark>") >= 2 * len(hits)  # in each title and each snippet
    assert "score" not in page and not re.search(r"\b0\.0\d{3}\b", page)
    assert "your words" in page
    twin = get_json(client, "/search.json?q=Louvre&mode=keyword")
    assert [h["snippet"] for h in twin["results"]] == [h["snippet"] for h in hits] and twin["notice"] is None
    refused = html(client, "/search?q=%C2%BB%C2%AB%21")
    assert "no letter or digit" in refused and "result" not in refused.split("</form>")[1]
    assert get_json(client, "/search.json?q=%21%21")["notice"].startswith("Nothing searched")
    # a query over the limit: the page says so and keeps the query to shorten (an error page lost it)
    long = client.get("/search", params={"q": "Louvre " * 100})
    assert long.status_code == 200 and "699 characters long; at most 500" in long.text
    assert 'value="Louvre Louvre' in long.text and "result" not in long.text.split("</form>")[1]
    assert client.get("/search", params={"q": "x" * 20_000}).status_code == 422  # still bounded


def test_static_assets(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    assert "http" not in css.text and "@import" not in css.text
    assert client.get("/static/app.js").status_code == 200


# -- right-to-left and escaping -----------------------------------------------------------
def test_arabic_title_gets_dir_auto(extra_client):
    arabic = get_json(extra_client, "/api/articles?language=ar")[0]
    assert arabic["title"] == ARABIC_TITLE
    for url in ("/", f"/stories/{arabic['story_id']}", f"/articles/{arabic['id']}"):
        page = html(extra_client, url)
        assert re.search(rf'<[^>]+lang="ar" dir="auto"[^>]*>{ARABIC_TITLE}<', page), url
    body = html(extra_client, f"/articles/{arabic['id']}")
    assert '<div class="body" lang="ar" dir="auto">' in body


def test_article_content_is_escaped(extra_client):
    article = [a for a in get_json(extra_client, "/api/articles?language=en") if "Council" in a["title"]][0]
    assert "<script>" in article["title"]  # stored as written ...
    for url in ("/", f"/articles/{article['id']}", f"/stories/{article['story_id']}", "/search?q=harbour&mode=keyword"):
        page = html(extra_client, url)
        assert "<script>alert" not in page and "<b>twelve" not in page, url  # ... shown as text
    page = html(extra_client, f"/articles/{article['id']}")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; approves" in page
    assert "&lt;b&gt;twelve million&lt;/b&gt;" in page
    found = html(extra_client, "/search?q=twelve%20million&mode=keyword")
    assert "&lt;b&gt;<mark>twelve</mark> <mark>million</mark>&lt;/b&gt;" in found and "<b>" not in found


# -- web UI (issue 7): countries, names, coverage per day, growth, maps ------------------
def test_story_summaries_carry_countries_names_and_coverage(client):
    summit = get_json(client, f"/api/stories/{story_with(client, SUMMIT)['id']}")
    assert {"KZ", "CN"} <= {c["code"] for c in summit["countries"]}
    assert all(c["articles"] >= 1 for c in summit["countries"])
    assert summit["key_names"] and all(n["key"].startswith("N:") and n["text"] for n in summit["key_names"])
    assert summit["daily"] == [{"day": "2025-06-17", "articles": 3}]
    louvre = story_with(client, LOUVRE)
    assert [d["day"] for d in louvre["daily"]] == ["2025-10-19", "2025-10-20"]
    assert sum(d["articles"] for d in louvre["daily"]) == louvre["size"]


def test_country_source_and_growth(client):
    assert [s["languages"] for s in get_json(client, "/api/stories?country=KZ")] == [SUMMIT]
    assert get_json(client, "/api/stories?country=kz") == get_json(client, "/api/stories?country=KZ")
    assert get_json(client, "/api/stories?source=nobody") == []
    assert get_json(client, "/api/stories?country=XYZ", 422)
    growing = get_json(client, "/api/stories?sort=growth&until=2025-06-18")
    assert growing[0]["languages"] == SUMMIT and growing[0]["growth"] == 3
    assert [s["growth"] for s in get_json(client, "/api/stories?sort=growth")][:1] == [3]  # the Louvre, up to its last day


def test_front_page_has_sparklines_filters_and_periods(client):
    page = html(client, "/")
    assert page.count('<svg class="sparkline"') == 3
    assert '<select name="country">' in page and '<option value="KZ">Kazakhstan' in page
    assert 'href="/?since=2025-10-14&amp;until=2025-10-20"' in page  # "last 7 days" up to the newest article
    twin = get_json(client, "/index.json?country=KZ&since=2025-06-01&until=2025-06-30")
    assert [s["languages"] for s in twin["stories"]] == [SUMMIT]
    assert twin["filters"]["country"] == "KZ" and twin["countries"][0]["name"]


def test_front_page_search_box_crosses_languages(client):
    twin = get_json(client, "/index.json?q=crown%20jewels%20stolen%20from%20a%20museum")
    assert {"es", "fr"} <= {hit["language"] for hit in twin["search_hits"]}
    page = html(client, "/?q=Louvre")
    assert "Closest articles in any language" in page
    # each hit says why it matched, as on the search page: its snippet with the query's word marked
    box = page.split('class="search-hits"', 1)[1].split("</section>", 1)[0]
    assert box.count('<p class="snippet') == box.count("<li>") >= 1 and "<mark>Louvre</mark>" in box


def test_story_page_draws_timeline_and_map(client):
    summit = story_with(client, SUMMIT)
    page = html(client, f"/stories/{summit['id']}")
    assert '<svg class="timeline"' in page and page.count('class="tl-dot"') == 3
    assert re.search(r'<path class="country hit hit-\d" data-code="KZ"', page)
    assert not re.search(r'<path class="country hit[^"]*" data-code="FR"', page)
    assert "http" not in page.split('<svg class="world-map"')[1].split("</svg>")[0]


def test_ui_indexes_migration(mini_store):
    assert mini_store.schema_version() >= 4
    names = {r[0] for r in mini_store.query(
        "SELECT indexname FROM pg_indexes" if mini_store.dialect == "postgresql"
        else "SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"articles_story_published", "mentions_key_article", "articles_language_story"} <= names


def test_world_map_asset_is_small_and_complete():
    from tidings.api.charts import STATIC, world

    assert (STATIC / "world-110m.json").stat().st_size < 100_000
    codes = {c["id"] for c in world()["countries"]}
    assert len(codes) > 170 and {"FR", "KZ", "CN", "EG", "VN", "US", "XK"} <= codes
    assert "Natural Earth" in world()["source"]


def test_app_made_inside_a_running_event_loop_serves_and_logs_no_warm_up(mini_store, caplog):
    """create_app routes a request of its own at start (so the first visitor does not wait for
    FastAPI's lazy set-up): that must work where an event loop already runs, and leave no access-log
    line behind."""
    import asyncio
    import logging
    from concurrent.futures import ThreadPoolExecutor

    async def make():
        return create_app(store=mini_store)

    with caplog.at_level(logging.INFO, logger="tidings.access"), ThreadPoolExecutor(1) as thread:
        # a thread of its own: this test process may already run a loop (Playwright's, in e2e tests)
        app = thread.submit(asyncio.run, make()).result()
    assert not [r for r in caplog.records if r.name == "tidings.access"]
    response = TestClient(app).get("/")
    assert response.status_code == 200 and "<html" in response.text
