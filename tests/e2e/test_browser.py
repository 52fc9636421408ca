"""The web UI in a real browser: pages, search, filters, links, keyboard, phone width, maps, RTL."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from .pixels import read_png

ARABIC_TITLE = "سرقة مجوهرات التاج الفرنسي من متحف اللوفر في باريس"


def api(base_url: str, path: str):
    response = httpx.get(base_url + path, timeout=30)
    response.raise_for_status()
    return response.json()


def louvre_story(base_url: str) -> dict:
    return next(s for s in api(base_url, "/api/stories?limit=100") if "fr" in s["languages"])


def only_local_requests(page, base_url: str) -> None:
    foreign = [url for url in page.requested if not url.startswith((base_url, "data:", "about:"))]
    assert not foreign, foreign


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def red_pixels(png: bytes) -> int:
    """Pixels of the highlight colours (reddish: strong red, weak green and blue)."""
    _, _, pixels = read_png(png)
    return sum(1 for r, g, b in pixels if r > 140 and g < 170 and b < 150 and r - g > 60)


def test_front_page_shows_ranked_stories_with_sparklines(page, base_url, screenshots):
    page.goto(base_url + "/")
    assert page.title().startswith("Stories")
    cards = page.locator(".story-card")
    stories = api(base_url, "/api/stories?limit=20")
    assert cards.count() == len(stories) >= 3
    sizes = [s["size"] for s in stories]
    assert sizes == sorted(sizes, reverse=True)
    for index in range(cards.count()):
        line = cards.nth(index).locator("svg.sparkline polyline.spark-line")
        assert line.count() == 1
        assert len(line.get_attribute("points").split()) >= 2
    louvre = page.locator(f'.story-card[data-story="{louvre_story(base_url)["id"]}"]')
    assert "France" in louvre.locator(".countries").inner_text()
    page.screenshot(path=str(screenshots / "front.png"), full_page=True)
    shot = page.locator("svg.sparkline").first.screenshot()
    assert red_pixels(shot) > 20, "the sparkline should be drawn"
    assert page.locator('link[rel="alternate"][type="application/json"]').get_attribute("href") == "/index.json"
    only_local_requests(page, base_url)


def test_search_box_finds_across_languages_and_filters_are_bookmarkable(page, base_url):
    page.goto(base_url + "/")
    box = page.get_by_label("Search, in any language")
    box.fill("Louvre")
    box.press("Enter")
    page.wait_for_url(re.compile(r"q=Louvre"))
    assert query_of(page.url) == {"q": ["Louvre"]}  # empty fields are left out of the URL
    louvre = louvre_story(base_url)
    assert [int(x) for x in page.locator(".story-card").evaluate_all("cs => cs.map(c => c.dataset.story)")] == [louvre["id"]]
    hit_languages = set(page.locator(".search-hits .badge").all_inner_texts())
    assert {"en", "es", "fr", "ar"} <= {code.lower() for code in hit_languages}, hit_languages

    page.locator("select[name=language]").select_option("ar")  # filters apply as soon as they change
    page.wait_for_url(re.compile(r"language=ar"))
    assert query_of(page.url) == {"q": ["Louvre"], "language": ["ar"]}
    bookmarked = page.url
    page.goto(base_url + "/")
    page.goto(bookmarked)
    assert page.locator("select[name=language]").input_value() == "ar"
    assert page.get_by_label("Search, in any language").input_value() == "Louvre"
    assert page.locator(".story-card").count() == 1

    page.goto(base_url + "/?country=KZ")
    titles = page.locator(".story-card .headline").all_inner_texts()
    assert titles and all("Louvre" not in t for t in titles)
    page.goto(base_url + "/?sort=growth&until=2025-10-20")
    assert page.locator(".story-card").first.get_attribute("data-story") == str(louvre["id"])
    assert "+" in page.locator(".story-card .growth").first.inner_text()
    page.get_by_role("link", name=re.compile("Last 7 days")).click()
    assert "since=" in page.url and page.locator(".story-card").count() >= 1


def test_story_page_timeline_map_and_article_round_trip(page, base_url, screenshots):
    louvre = louvre_story(base_url)
    page.goto(f"{base_url}/")
    page.locator(f'.story-card[data-story="{louvre["id"]}"] .headline a').click()
    page.wait_for_url(f"{base_url}/stories/{louvre['id']}")
    assert page.locator("svg.timeline circle.tl-dot").count() >= 3
    highlighted = page.locator("svg.world-map path.hit")
    codes = set(highlighted.evaluate_all("ps => ps.map(p => p.dataset.code)"))
    assert "FR" in codes
    assert page.locator("svg.world-map path").count() > 150  # the whole world is drawn
    for code in ("en", "es", "fr", "ar"):
        assert page.locator(f".lang-group a.article-link[lang='{code}']").count() >= 1
    world = page.locator("svg.world-map")
    world.scroll_into_view_if_needed()
    shot = world.screenshot(path=str(screenshots / "story-map.png"))
    assert red_pixels(shot) > 30, "France should be filled on the map"
    page.screenshot(path=str(screenshots / "story.png"), full_page=True)

    page.locator(".lang-group a.article-link[lang='ar']").click()
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    headline = page.locator("h1.headline")
    assert headline.inner_text() == ARABIC_TITLE
    assert headline.evaluate("h => getComputedStyle(h).direction") == "rtl"
    assert page.locator(".body").evaluate("b => getComputedStyle(b).direction") == "rtl"
    page.go_back()
    page.wait_for_url(f"{base_url}/stories/{louvre['id']}")
    assert page.locator("svg.world-map path.hit").count() >= 1
    only_local_requests(page, base_url)


def test_keyboard_navigation(page, base_url):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("j")
    first = api(base_url, "/api/stories?limit=1")[0]
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"/stories/{first['id']}"
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/stories/{first['id']}")
    # every control of the filter form is reachable with Tab
    page.goto(base_url + "/")
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.name || ''"))
    assert {"q", "language", "country", "source", "since", "until", "lang", "sort"} <= reached


@pytest.mark.parametrize("path", ["/", "/story", "/article", "/search?q=Louvre"])
def test_phone_width_has_no_horizontal_scroll(browser_context, base_url, screenshots, path):
    louvre = louvre_story(base_url)
    url = {"/story": f"/stories/{louvre['id']}", "/article": f"/articles/{louvre['central_article_id']}"}.get(path, path)
    tab = browser_context.new_page()
    try:
        tab.set_viewport_size({"width": 375, "height": 740})
        tab.goto(base_url + url)
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{url} is {overflow}px wider than a phone"
        name = path.strip("/").split("?")[0] or "front"
        tab.screenshot(path=str(screenshots / f"phone-{name}.png"), full_page=True)
        if path == "/story":
            assert tab.locator("svg.world-map").bounding_box()["width"] <= 375
    finally:
        tab.close()


def test_arabic_is_right_to_left_on_every_page(page, base_url):
    arabic = api(base_url, "/api/articles?language=ar")[0]
    for url in ("/?lang=ar", f"/stories/{arabic['story_id']}?lang=ar", f"/articles/{arabic['id']}"):
        page.goto(base_url + url)
        element = page.locator(f'[lang="ar"]:text-is("{ARABIC_TITLE}")').first
        assert element.evaluate("e => e.matches(':dir(rtl)')"), url


def test_json_twins_match_the_pages(page, base_url):
    louvre = louvre_story(base_url)
    for url in ("/?country=FR", f"/stories/{louvre['id']}", "/search?q=Louvre"):
        page.goto(base_url + url)
        twin = page.locator('link[rel="alternate"][type="application/json"]').get_attribute("href")
        body = api(base_url, twin)
        assert body, url
    story = api(base_url, f"/stories/{louvre['id']}.json")
    assert {"FR"} <= {c["code"] for c in story["countries"]} and story["daily"]


def green_pixels(png: bytes) -> int:
    _, _, pixels = read_png(png)
    return sum(1 for r, g, b in pixels if g > 110 and r < 110 and b < 120 and g - r > 40)


def test_events_list_event_page_and_story_dyads(page, base_url, screenshots):
    page.goto(f"{base_url}/events?type=CONSULT")
    rows = page.locator(".events-table tbody tr")
    assert rows.count() >= 2
    page.locator(".events-table tbody tr a[href*='/events/']").first.click()
    page.wait_for_url(re.compile(r"/events/\d+$"))
    assert page.locator("h1").inner_text().startswith("CONSULT")
    assert page.locator(".event-sentence mark").count() >= 1  # the trigger is marked in its sentence
    page.locator(".event-mentions a[href*='/articles/']").first.click()
    page.wait_for_url(re.compile(r"/articles/\d+\?s=\d+#s\d+$"))
    assert page.locator(".body mark.sentence").count() == 1  # the sentence the event came from
    page.go_back()
    page.locator("nav.crumbs a[href*='/stories/']").click()
    page.wait_for_url(re.compile(r"/stories/\d+$"))
    assert page.locator("#events-title").count() == 1
    assert page.locator("svg.timeline path.tl-event").count() >= 1  # events on the story's timeline
    assert page.locator(".events-table tbody tr").count() >= 2
    graph = page.locator("svg.dyads")
    assert graph.locator("line.dyad-edge").count() >= 1
    graph.scroll_into_view_if_needed()
    shot = graph.screenshot(path=str(screenshots / "story-dyads.png"))
    assert green_pixels(shot) > 20, "a cooperative dyad should be drawn in green"
    only_local_requests(page, base_url)


def test_story_to_entity_network_and_back_then_sources_compared(page, base_url, screenshots):
    louvre = louvre_story(base_url)
    page.goto(f"{base_url}/stories/{louvre['id']}")
    link = page.locator(".names a[href*='/entities/']").first  # the name reported in most languages
    name = link.inner_text().strip()
    link.click()
    page.wait_for_url(re.compile(r"/entities/\d+$"))
    assert page.locator("h1").inner_text().strip() == name
    assert page.locator("dl.aliases dt").count() >= 2, "spellings in two or more languages"
    assert page.locator("svg.timeline").count() == 1
    network = page.locator("svg.network")
    assert network.locator("line.net-edge").count() >= 1 and network.locator("a").count() >= 1
    network.scroll_into_view_if_needed()
    network.screenshot(path=str(screenshots / "entity-network.png"))
    page.locator(f"a[href='/stories/{louvre['id']}']").first.click()  # the entity's stories lead back
    page.wait_for_url(f"{base_url}/stories/{louvre['id']}")

    page.locator(f"a[href='/stories/{louvre['id']}/compare']").click()
    page.wait_for_url(f"{base_url}/stories/{louvre['id']}/compare", timeout=120_000)
    table = page.locator("table.compare-table")
    assert table.locator("thead th[scope='col']").count() == 1 + louvre["size"]  # "reported by", then a column per source
    cell = table.locator("tbody td a[href*='/articles/']").first
    cell_text = cell.inner_text().strip()
    cell.click()
    page.wait_for_url(re.compile(r"/articles/\d+\?s=\d+#s\d+$"))
    assert page.locator(".body mark.sentence").inner_text().strip() == cell_text  # the statement's own sentence
    page.goto(f"{base_url}/stories/{louvre['id']}")
    page.locator("a[href='/coverage']").first.click()  # which languages' press covers what
    page.wait_for_url(f"{base_url}/coverage")
    assert page.locator("section.lang-group").count() >= 4
    only_local_requests(page, base_url)
