"""Names in the headline become mentions marked as the title's (issue #3, read/titles.py): they
resolve to entities like the body's names, Title Case headlines' common words are no names, and the
title feeds no event, statement or story key."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tidings.api.app import create_app, distinct_mentions
from tidings.compare.statements import load_statements
from tidings.entities.captions import reading_view
from tidings.entities.queries import EntityExplorer
from tidings.model import Article, Mention
from tidings.query import Explorer
from tidings.read.names import find_mentions
from tidings.read.sentences import split_sentences
from tidings.read.titles import is_title_case, title_mentions
from tidings.stories.cluster import article_keys

from tests.conftest import ingest_texts


def _body_names(text: str, language: str) -> list[Mention]:
    return find_mentions(text, split_sentences(text, language), language)


@pytest.mark.parametrize("title, expected", [
    ("Air India Crash: Survivor Walks Out Of Hospital", True),
    ("Trump Meets Putin In Alaska Summit", True),
    ("Sole survivor of Air India crash leaves hospital", False),
    ("Merz trifft Macron in Paris", False),  # German nouns are capitalised, its verbs are not
    ("Токаев принял гостей из Берлина", False),
    ("特朗普与普京阿拉斯加会晤结束", False),  # no case
    ("Tokayev Speaks", False),  # one word after the first: too little to tell
])
def test_title_case_is_told_from_sentence_case(title, expected):
    assert is_title_case(title) is expected


def test_a_title_case_headline_keeps_only_vouched_names():
    body = ("Vishwash Kumar Ramesh, the only survivor of the Air India crash in Ahmedabad, walked out of hospital. "
            "Prime Minister Narendra Modi visited him on Friday.")
    found = _body_names(body, "en")
    named = {m.text for m in title_mentions("Air India Crash: Survivor Walks Out Of Hospital", "en", found)}
    assert named == {"Air India"}  # not "Crash", "Survivor Walks Out Of Hospital"
    named = {m.text for m in title_mentions("Modi Visits Lone Survivor In Ahmedabad", "en", found)}
    assert named == {"Modi", "Ahmedabad"}  # the body's surname; a place of the gazetteer
    assert not title_mentions("Breaking News: Markets Rally As Oil Prices Fall", "en", [])


def test_a_body_name_unknown_to_any_dictionary_vouches_for_a_title_case_name():
    body = "The Tallinn start-up Zentrixa said on Monday that investors had put in 40 million euros."
    found = _body_names(body, "en")
    assert "Zentrixa" in {m.text for m in found}
    assert {m.text for m in title_mentions("Zentrixa Raises Funds In New Round", "en", found)} == {"Zentrixa"}
    assert not title_mentions("Start-Up Raises Funds In New Round", "en", found)


def test_a_known_name_with_a_genitive_s_is_a_name_of_a_german_noun_headline():
    body = "Der Präsident Donald Trump kündigte am Mittwoch neue Zölle auf Einfuhren aus der EU an."
    found = title_mentions("Trumps Zollhammer: 20 Prozent Auf Waren Aus Der EU", "de", _body_names(body, "de"))
    assert {m.text for m in found} == {"Trumps", "EU"}


def test_a_capitalised_word_after_a_headline_colon_opens_a_clause():
    found = title_mentions("Louvre robbery: What was stolen from the Galerie d'Apollon?", "en", [])
    assert "What" not in {m.text for m in found} and "Galerie d'Apollon" in {m.text for m in found}


def test_a_sentence_case_headline_is_read_as_text():
    found = title_mentions("Demonstranten greifen Tokajew in Astana an", "de", [])
    assert {m.text for m in found} == {"Tokajew", "Astana"}
    for mention in found:
        assert (mention.part, mention.sentence, mention.caption) == ("title", -1, None)
        assert "Demonstranten greifen Tokajew in Astana an"[mention.start:mention.end] == mention.text
    assert {m.text for m in title_mentions("Токаев принял гостей из Берлина", "ru", [])} >= {"Токаев"}


def test_the_body_names_are_looked_for_in_the_headline():
    body = "Die Fluggesellschaft Air India bestätigte den Absturz in Ahmedabad."
    found = title_mentions("Nach dem Absturz: Air India zahlt Entschädigung", "de", _body_names(body, "de"))
    assert "Air India" in {m.text for m in found}


def test_the_resolver_sees_the_headline_after_the_captions():
    article = Article(title="Tokayev in Astana", text="Body about Astana.", metadata={"captions": ["A caption."]})
    article.mentions = [Mention(11, 17, "Astana", "LOC", 0), Mention(0, 7, "Tokayev", "PER", -1, part="title")]
    view = reading_view(article)
    assert [view.text[m.start:m.end] for m in view.mentions] == ["Astana", "Tokayev"]
    assert view.text.index("A caption.") < view.text.index("Tokayev in Astana")


# The person is named in the body of the English article only; the German, French and Russian
# articles name him only in their headline. The German headline says he was attacked: words that
# code an event in a body sentence.
TITLED = {
    "en.txt": "date 2025-06-17\nsource: Example Post\nGuests from Berlin visit Astana\n\nKazakhstan's president "
              "Kassym-Jomart Tokayev received guests from Berlin in Astana on Tuesday. Tokayev spoke about energy "
              "and trade.",
    "de.txt": "date 2025-06-17\nsource: Beispielzeitung\nDemonstranten greifen Tokajew in Astana an\n\nEine Delegation "
              "aus Berlin besuchte am Dienstag die kasachische Hauptstadt. Die Gespräche drehten sich um Energie und "
              "Handel. Die Delegation reist am Mittwoch weiter nach Almaty.",
    "fr.txt": "date 2025-06-17\nsource: Le Quotidien\nKassym-Jomart Tokaïev reçoit des invités de Berlin\n\nUne "
              "délégation de Berlin a visité mardi la capitale kazakhe. Les discussions ont porté sur l'énergie et "
              "le commerce. La délégation repart mercredi pour Almaty.",
    "ru.txt": "date 2025-06-17\nsource: Вести\nТокаев принял гостей из Берлина\n\nДелегация из Берлина во вторник "
              "посетила столицу Казахстана. Переговоры касались энергетики и торговли.",
    "en2.txt": "date 2025-06-18\nsource: Daily Example\nBerlin Delegation Visit: Energy Talks Open In Astana\n\nA "
               "delegation from Berlin opened talks on energy in Astana on Wednesday. The visit lasts three days.",
}


@pytest.fixture(scope="module")
def titled(tmp_path_factory):
    store = ingest_texts(tmp_path_factory.mktemp("titles"), "t", TITLED)
    yield store
    store.close_all()


def _article_id(store, title_start: str) -> int:
    rows = store.query("SELECT id, title FROM articles")
    return next(r["id"] for r in rows if r["title"].startswith(title_start))


def test_headline_names_in_three_languages_resolve_to_the_body_entity(titled):
    entities = EntityExplorer(titled)
    person = entities.entities(q="Tokayev")
    assert len(person) == 1 and person[0]["type"] == "PER"
    person_id = person[0]["id"]
    assert {"de", "fr", "ru", "en"} <= set(person[0]["languages"])
    for spelling in ("Tokajew", "Tokaïev", "Токаев"):
        assert [e["id"] for e in entities.entities(q=spelling)] == [person_id]
    for title_start, name in (("Demonstranten", "Tokajew"), ("Kassym-Jomart", "Kassym-Jomart Tokaïev"), ("Токаев", "Токаев")):
        article_id = _article_id(titled, title_start)
        rows = titled.query('SELECT text, part, sentence, start, "end" FROM mentions WHERE article_id = ? AND entity_id = ?',
                            (article_id, person_id))
        assert [(r["text"], r["part"], r["sentence"]) for r in rows] == [(name, "title", -1)]
        assert Explorer(titled).article(article_id)["title"][rows[0]["start"]:rows[0]["end"]] == name
    shown = {a["id"]: a for a in entities.entity(person_id)["articles"]}
    german = shown[_article_id(titled, "Demonstranten")]
    assert german["in_title"] and german["only_in_title"] and not german["only_in_captions"]
    english = shown[_article_id(titled, "Guests from")]
    assert not english["in_title"] and not english["only_in_title"]


def test_a_title_case_headline_in_the_store_has_no_common_word_names(titled):
    article_id = _article_id(titled, "Berlin Delegation")
    names = {r["text"] for r in titled.query("SELECT text FROM mentions WHERE article_id = ? AND part = 'title'",
                                             (article_id,))}
    assert names == {"Berlin", "Astana"}


def test_headline_names_code_no_event_no_statement_and_no_story_key(titled):
    german = _article_id(titled, "Demonstranten")
    person = EntityExplorer(titled).entities(q="Tokajew")[0]["id"]
    events = titled.query("SELECT type, trigger FROM event_mentions WHERE article_id = ?", (german,))
    assert all(e["type"] not in ("ASSAULT", "PROTEST") and "greif" not in e["trigger"] for e in events)
    assert not titled.query("SELECT id FROM event_mentions WHERE source_key = ? OR target_key = ?",
                            (f"E:{person}", f"E:{person}"))
    statements = load_statements(titled, [german])
    assert not any("Tokajew" in s.text for s in statements)
    article = Article(title="Tokajew in Astana", text="", mentions=[
        Mention(0, 7, "Tokajew", "PER", -1, key="N:tkv", part="title")])
    assert article_keys(article) == set()


def test_the_pages_say_a_name_is_in_the_headline(titled):
    client = TestClient(create_app(store=titled))
    german = _article_id(titled, "Demonstranten")
    mentions = client.get(f"/api/articles/{german}").json()["mentions"]
    assert ("Tokajew", "title") in {(m["text"], m["part"]) for m in mentions}
    names = {m["text"]: m for m in distinct_mentions(mentions)}
    assert names["Tokajew"]["only_in_title"] and not names["Tokajew"]["only_in_captions"]
    assert "in the headline" in client.get(f"/articles/{german}").text
    person = client.get("/api/entities", params={"q": "Tokajew"}).json()[0]["id"]
    assert "in the headline" in client.get(f"/entities/{person}").text
