"""Names in photo captions become mentions marked as the caption's (issue #3, read/captions.py):
they resolve to entities like the body's names, and feed no event, statement or story grouping."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tidings.api.app import create_app, distinct_mentions
from tidings.compare.statements import load_statements
from tidings.entities.captions import reading_view
from tidings.entities.queries import EntityExplorer
from tidings.model import Article, Mention
from tidings.pipeline import Pipeline
from tidings.query import Explorer
from tidings.read.captions import caption_mentions
from tidings.read.clean import caption_words, strip_noise
from tidings.read.embed import HashingEmbedder
from tidings.store import open_store
from tidings.store.sqlite import Store

from tests.conftest import ON_POSTGRES, ingest_texts, new_store_url

FIXTURES = Path(__file__).parent / "fixtures" / "stores"


@pytest.mark.parametrize("line, words", [
    ("Vishwash Kumar Ramesh at the hospital in Ahmedabad. Photo: Reuters", "Vishwash Kumar Ramesh at the hospital in Ahmedabad"),
    ("Sanae Takaichi, le 21 octobre, à la Diète, à Tokyo. TAKASHI ONO / REUTERS", "Sanae Takaichi, le 21 octobre, à la Diète, à Tokyo."),
    ("Bildunterschrift: Olaf Scholz in Berlin", "Olaf Scholz in Berlin"),
    ("Joe Biden in Washington (AP Photo/Evan Vucci)", "Joe Biden in Washington"),
    ("图为游客在北京参观。（新华社记者 李贺 摄）", "图为游客在北京参观。"),
    ("Talks in Geneva (see below)", "Talks in Geneva (see below)"),  # a lower-case aside is no credit
])
def test_a_caption_is_read_without_its_marker_and_its_credit(line, words):
    start, end = caption_words(line)
    assert line[start:end].strip() == words


def test_a_photo_credit_line_that_describes_the_picture_is_a_caption():
    body = ("Спутниковые снимки показывают ущерб на объекте в Фордо после ударов.\n"
            "Фото: спутниковый снимок объекта в Фордо. Источник: Maxar Technologies\n"
            "Фото: Michael Kappeler / dpa / Global Look Press\n"
            "Эксперты МАГАТЭ пока не получили доступа к объекту.")
    text, removed = strip_noise(body)
    assert removed["captions"] == ["Фото: спутниковый снимок объекта в Фордо. Источник: Maxar Technologies"]
    assert removed["photo_credits"] == ["Фото: Michael Kappeler / dpa / Global Look Press"]
    assert text.startswith("Спутниковые снимки") and text.endswith("доступа к объекту.")
    names = {m.text for m in caption_mentions(removed, "ru")}
    assert "Фордо" in names and not any("Maxar" in n or "Kappeler" in n for n in names)


def test_caption_names_point_into_their_caption_and_skip_the_photographer():
    metadata = {"captions": ["Intro line without names.",
                             "Vishwash Kumar Ramesh at the hospital in Ahmedabad. TAKASHI ONO / REUTERS"],
                "photo_credits": ["Photo: Jane Miller"], "bylines": ["By John Smith"]}
    found = caption_mentions(metadata, "en")
    texts = {m.text for m in found}
    assert "Vishwash Kumar Ramesh" in texts and "Ahmedabad" in texts
    assert not any(word in text for text in texts for word in ("TAKASHI", "REUTERS", "Miller", "Smith"))
    for mention in found:
        assert (mention.part, mention.caption, mention.sentence) == ("caption", 1, -1)
        assert metadata["captions"][1][mention.start:mention.end] == mention.text


def test_figure_captions_that_only_credit_the_picture_are_not_read():
    # HTML <figcaption>s become captions as they are: some hold only the credit
    metadata = {"captions": ["Photo: Reuters", "REUTERS", "(AP Photo/Evan Vucci)", "Getty Images", "Kay Nietfeld / dpa",
                             "Olaf Scholz in Berlin", "Foto: Angela Merkel mit Emmanuel Macron in Paris. (Foto: dpa)"]}
    found = {(m.text, m.caption) for m in caption_mentions(metadata, "en")}
    assert ("Olaf Scholz", 5) in found and ("Berlin", 5) in found
    assert {index for _, index in found} == {5, 6}


def test_the_resolver_sees_captions_after_the_body():
    article = Article(title="t", text="Body about Astana.", metadata={"captions": ["A caption.", "Tokayev in Astana."]})
    article.mentions = [Mention(11, 17, "Astana", "LOC", 0),
                        Mention(0, 7, "Tokayev", "PER", -1, part="caption", caption=1)]
    view = reading_view(article)
    assert [view.text[m.start:m.end] for m in view.mentions] == ["Astana", "Tokayev"]
    assert (article.mentions[1].start, article.mentions[1].end) == (0, 7)  # the article's own are untouched


# The person is named in the body of the English article; the German and French articles
# show him only in a photo caption (an extractor ran it into the text, with its credit), and the
# German caption says he was attacked: words that code an event in a body sentence
CAPTIONED = {
    "en.txt": "date 2025-06-17\nsource: Example Post\nTokayev receives guests\n\nKazakhstan's president Kassym-Jomart "
              "Tokayev received guests from Berlin in Astana on Tuesday. Tokayev spoke about energy and trade.",
    "de.txt": "date 2025-06-17\nsource: Beispielzeitung\nGäste aus Berlin in Astana\n\nEine Delegation aus Berlin "
              "besuchte am Dienstag die kasachische Hauptstadt. Die Gespräche drehten sich um Energie und Handel.\n"
              "Demonstranten griffen Kassym-Schomart Tokajew in Astana an. Foto: Reuters\n"
              "Die Delegation reist am Mittwoch weiter nach Almaty.",
    "fr.txt": "date 2025-06-17\nsource: Le Quotidien\nDes invités de Berlin à Astana\n\nUne délégation de Berlin a "
              "visité mardi la capitale kazakhe. Les discussions ont porté sur l'énergie et le commerce.\n"
              "Kassym-Jomart Tokaïev à Astana, le 17 juin. Photo : AFP\n"
              "La délégation repart mercredi pour Almaty.",
}


@pytest.fixture(scope="module")
def captioned(tmp_path_factory):
    store = ingest_texts(tmp_path_factory.mktemp("captions"), "c", CAPTIONED)
    yield store
    store.close_all()


def _article_id(store, language: str) -> int:
    return store.query("SELECT id FROM articles WHERE language = ?", (language,))[0]["id"]


def test_caption_names_in_two_languages_resolve_to_the_body_entity(captioned):
    entities = EntityExplorer(captioned)
    found = entities.entities(q="Tokayev")
    assert len(found) == 1
    person = found[0]
    assert person["type"] == "PER" and {"de", "fr", "en"} <= set(person["languages"])
    assert [e["id"] for e in entities.entities(q="Tokajew")] == [person["id"]]
    assert [e["id"] for e in entities.entities(q="Tokaïev")] == [person["id"]]
    german, french = _article_id(captioned, "de"), _article_id(captioned, "fr")
    for article_id, caption in ((german, "Kassym-Schomart Tokajew"), (french, "Kassym-Jomart Tokaïev")):
        rows = captioned.query("SELECT text, part, caption, sentence, start, \"end\" FROM mentions"
                               " WHERE article_id = ? AND entity_id = ?", (article_id, person["id"]))
        assert [(r["text"], r["part"], r["caption"], r["sentence"]) for r in rows] == [(caption, "caption", 0, -1)]
        page = Explorer(captioned).article(article_id)
        assert page["metadata"]["captions"][0][rows[0]["start"]:rows[0]["end"]] == caption
        assert caption not in page["text"]
    detail = entities.entity(person["id"])
    shown = {a["id"]: a["only_in_captions"] for a in detail["articles"]}
    assert shown[german] is True and shown[french] is True
    assert shown[_article_id(captioned, "en")] is False


def test_caption_names_code_no_event_and_no_statement(captioned):
    german = _article_id(captioned, "de")
    person = EntityExplorer(captioned).entities(q="Tokajew")[0]["id"]
    # the body's sentences code their events (a visit, talks); the caption's attack codes none
    events = captioned.query("SELECT type, trigger FROM event_mentions WHERE article_id = ?", (german,))
    # (in a body sentence it codes a PROTEST and an ASSAULT on Tokajew)
    assert events and all(e["type"] not in ("ASSAULT", "PROTEST") and "griff" not in e["trigger"] for e in events)
    assert not captioned.query("SELECT id FROM event_mentions WHERE source_key = ? OR target_key = ?",
                               (f"E:{person}", f"E:{person}"))
    statements = load_statements(captioned, [german, _article_id(captioned, "fr")])
    assert statements and not any(f"E:{person}" in s.actors or str(person) in map(str, s.actors) for s in statements)
    assert not any("Tokajew" in s.text or "Tokaïev" in s.text for s in statements)


def test_the_article_page_lists_caption_names_apart(captioned):
    page = Explorer(captioned).article(_article_id(captioned, "fr"))
    body = [m for m in page["mentions"] if m["part"] == "body"]
    captions = [m for m in page["mentions"] if m["part"] == "caption"]
    others = [m for m in page["mentions"] if m["part"] not in ("body", "caption")]  # the headline's, credits' (enttitle15)
    assert captions and body and page["mentions"] == body + captions + others  # the body's names first
    assert {m["part"] for m in others} <= {"title", "credit"}
    for mention in body:
        assert page["text"][mention["start"]:mention["end"]] == mention["text"]
    names = {m["text"]: m for m in distinct_mentions(page["mentions"])}
    assert names["Kassym-Jomart Tokaïev"]["only_in_captions"] and not names["Berlin"]["only_in_captions"]


def test_the_api_and_pages_say_a_name_is_in_a_caption(captioned):
    client = TestClient(create_app(store=captioned))
    french = _article_id(captioned, "fr")
    mentions = client.get(f"/api/articles/{french}").json()["mentions"]
    assert {(m["text"], m["part"], m["caption"]) for m in mentions if m["part"] == "caption"} >= {
        ("Kassym-Jomart Tokaïev", "caption", 0)}
    assert "in a caption" in client.get(f"/articles/{french}").text
    person = client.get("/api/entities", params={"q": "Tokaïev"}).json()[0]["id"]
    assert "in a photo caption" in client.get(f"/entities/{person}").text
    # a search by the entity finds the stories of the articles that show him only in a photo
    stories = {s["id"] for s in client.get("/api/stories", params={"entity": person}).json()}
    assert {captioned.query("SELECT story_id FROM articles WHERE id = ?", (french,))[0][0]} <= stories


def test_a_store_of_schema_v10_migrates_its_mentions_to_the_body(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "v10-event-rebuilds.db", path)
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    assert before
    store = Store(f"sqlite:///{path}")
    assert store.query("SELECT COUNT(*) FROM mentions WHERE part = 'body' AND caption IS NULL")[0][0] == before
    report = Pipeline(store, embedder=HashingEmbedder()).ingest_raw([_raw_with_caption()])
    assert (report.added, report.failed) == (1, 0)
    rows = store.query("SELECT text FROM mentions WHERE part = 'caption'")
    assert "Olaf Scholz" in {r["text"] for r in rows}
    store.close_all()


@pytest.mark.skipif(not ON_POSTGRES, reason="needs a PostgreSQL server: set TIDINGS_TEST_DB")
def test_a_postgres_store_of_schema_v10_migrates_its_mentions_to_the_body(tmp_path):
    url = new_store_url(tmp_path, "v10")
    old = open_store(url)
    Pipeline(old, embedder=HashingEmbedder()).ingest_raw([_raw_with_caption()])
    with old.conn.raw.transaction():  # the mentions table as releases before 0011 made it
        old.conn.raw.execute("DELETE FROM mentions WHERE part <> 'body'")
        old.conn.raw.execute("ALTER TABLE mentions DROP COLUMN part")
        old.conn.raw.execute("ALTER TABLE mentions DROP COLUMN caption")
        old.conn.raw.execute("DELETE FROM schema_migrations WHERE version = 11")
    before = old.query("SELECT COUNT(*) FROM mentions")[0][0]
    old.close_all()

    store = open_store(url)
    assert store.schema_version() >= 11 and before
    assert store.query("SELECT COUNT(*) FROM mentions WHERE part = 'body' AND caption IS NULL")[0][0] == before
    store.close_all()


def _raw_with_caption():
    from tidings.model import RawArticle

    content = ('{"title": "Harbour council approves the quay budget", "text": "The harbour council of Bremen approved the '
               'budget for the new quay on Thursday after a long debate about costs.\\nOlaf Scholz at the harbour in '
               'Hamburg. Photo: dpa\\nWork on the quay starts in the spring.", "published": "2025-06-19"}')
    return RawArticle(locator="captioned#1", format="jsonl", content=content.encode())
