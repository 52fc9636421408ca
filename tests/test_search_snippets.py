"""Search results a reader can use: each hit's snippet shows why it matched (the query's words marked
in its text, or its sentence nearest in meaning), escaped for pages; bad queries get clear answers.

Stores are written for the tests with the model-free hashing embedder; nothing is hard-coded but
what the articles say.
"""
from __future__ import annotations

import pytest

from tidings import snippets
from tidings.query import Explorer
from tidings.read.embed import HashingEmbedder

from tests.conftest import ingest_texts

FILLER = " ".join(f"The council met on day {i} to discuss the usual agenda of roads and parks." for i in range(12))
HARBOUR = f"""date 2025-11-03
Council meeting in the city hall

{FILLER}
Deep in the report, the Brücke over the harbour was found to need repairs costing <b>twelve million</b> euros & more.
The mayor said work would begin in the spring.
"""
TRAIN = """date 2025-11-04
Rail strike ends after long talks

Unions and the rail company reached an agreement on Tuesday night after weeks of negotiations.
Trains in the north will run normally again from Thursday morning, the company said.
Passengers were advised to check the timetable before travelling.
"""


@pytest.fixture()
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_STATEMENT_VECTORS", "ingest")  # sentence vectors stored at ingest
    return ingest_texts(tmp_path, "snippets", {"en-harbour.txt": HARBOUR, "en-train.txt": TRAIN})


@pytest.fixture()
def store_without_sentence_vectors(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_STATEMENT_VECTORS", "compare")
    return ingest_texts(tmp_path, "plain", {"en-harbour.txt": HARBOUR, "en-train.txt": TRAIN})


def marked(hit: dict) -> list[str]:
    return [hit["snippet"][a:b] for a, b in hit["highlights"]]


# -- the words a keyword hit was found by ------------------------------------------------------
def test_a_keyword_hit_shows_its_words_where_they_are_deep_in_the_text(store):
    hits = Explorer(store, embedder=HashingEmbedder()).search("brucke harbour", mode="keyword")
    assert [h["title"] for h in hits] == ["Council meeting in the city hall"]
    hit = hits[0]
    assert hit["match"] == "words" and hit["snippet_kind"] == "words"
    # diacritics and case folded as the index folds them; the article's own spelling is marked
    assert marked(hit) == ["Brücke", "harbour"]
    assert hit["snippet"].startswith("… ") and "repairs" in hit["snippet"]
    assert "day 0 " not in hit["snippet"]  # not the lead: the stretch holding the words
    assert len(hit["snippet"]) <= snippets.WIDTH + 10


def test_snippet_html_is_escaped_and_marked(store):
    hit = Explorer(store, embedder=HashingEmbedder()).search("twelve million", mode="keyword")[0]
    assert "<b>" not in hit["snippet_html"] and "&lt;b&gt;" in hit["snippet_html"]
    assert "&amp; more" in hit["snippet_html"]
    assert "<mark>twelve</mark> <mark>million</mark>" in hit["snippet_html"]


def test_the_title_marks_the_query_words(store):
    hit = Explorer(store, embedder=HashingEmbedder()).search("rail strike", mode="keyword")[0]
    assert hit["title_html"] == "<mark>Rail</mark> <mark>strike</mark> ends after long talks"
    assert hit["title_highlights"] == [[0, 4], [5, 11]]


# -- the sentence a hit by meaning was found by -------------------------------------------------
def test_a_hit_by_meaning_shows_its_nearest_sentence_from_stored_vectors(store):
    explorer = Explorer(store, embedder=HashingEmbedder())
    hits = explorer.search("timetable before travelling passengers advised", mode="semantic", limit=2)
    train = next(h for h in hits if h["title"].startswith("Rail"))
    assert train["match"] == "meaning" and train["snippet_kind"] == "sentence"
    assert train["snippet"].startswith("Passengers were advised to check the timetable")
    assert train["highlights"] == [[0, len("Passengers were advised to check the timetable before travelling.")]]
    sentences = store.query("SELECT idx, start, \"end\" FROM sentences WHERE article_id = ? ORDER BY idx",
                            (train["id"],))
    text = store.query("SELECT text FROM articles WHERE id = ?", (train["id"],))[0][0]
    index = train["sentence"]
    assert text[sentences[index][1]:sentences[index][2]].startswith("Passengers were advised")


def test_without_sentence_vectors_a_hit_by_meaning_shows_its_lead(store_without_sentence_vectors):
    explorer = Explorer(store_without_sentence_vectors, embedder=HashingEmbedder())
    hits = explorer.search("timetable before travelling passengers advised", mode="semantic", limit=2)
    train = next(h for h in hits if h["title"].startswith("Rail"))
    # no model call per hit: the query shares words with the text, so they are marked
    assert train["snippet_kind"] == "words" and "timetable" in marked(train)
    other = explorer.search("zzzq xxyv", mode="semantic", limit=2)
    assert {h["snippet_kind"] for h in other} == {"lead"}
    lead = next(h for h in other if h["title"].startswith("Rail"))
    assert lead["snippet"].startswith("Unions and the rail company") and lead["highlights"] == []


# -- the snippet module alone ----------------------------------------------------------------------
def test_cjk_and_phrases_match_as_the_index_does():
    text = "国家主席习近平16日抵达阿斯塔纳，出席峰会。"
    found = snippets.find_matches(text, snippets.query_pattern("阿斯塔纳"))
    assert [text[a:b] for a, b, _ in found] == ["阿斯塔纳"]
    text = "Jean Luc Picard met jean-luc and Jeanluc."
    found = snippets.find_matches(text, snippets.query_pattern("Jean-Luc"))
    assert [text[a:b] for a, b, _ in found] == ["Jean Luc", "jean-luc"]


def test_a_text_whose_folding_changes_lengths_is_marked_where_it_should_be():
    text = "Le cafe\u0301 de la gare. Die Straße und das Cafe\u0301."  # decomposed accents: folding shortens it
    found = snippets.find_matches(text, snippets.query_pattern("café"))
    assert [text[a:b] for a, b, _ in found] == ["cafe\u0301", "Cafe\u0301"]
    text = "Von İstanbul über die Straße nach ISTANBUL."  # 'İ' lowers to two characters, 'ß' casefolds to two
    found = snippets.find_matches(text, snippets.query_pattern("istanbul"))
    assert [text[a:b] for a, b, _ in found] == ["İstanbul", "ISTANBUL"]
    assert len(snippets.fold(text)) == len(text)
    for text in ("ΟΔΟΣ και οδός", "ΟΔΟΣ και οδος"):  # accented or not, a final sigma is a sigma
        found = snippets.find_matches(text, snippets.query_pattern("οδος"))
        assert [text[a:b] for a, b, _ in found] == ["ΟΔΟΣ", text[-4:]]


def test_html_escapes_everything_but_the_marks():
    assert snippets.html('<script>"x"</script>', [[1, 7]]) == "&lt;<mark>script</mark>&gt;&quot;x&quot;&lt;/script&gt;"


# -- bad queries -------------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["", "   ", "!!!", "— … «»", "\x00\x01", "___"])
def test_a_query_without_words_finds_nothing(store, query):
    assert Explorer(store, embedder=HashingEmbedder()).search(query) == []


def test_control_characters_are_dropped_not_searched(store):
    hits = Explorer(store, embedder=HashingEmbedder()).search("harbour\x00\x1f", mode="keyword")
    assert [h["title"] for h in hits] == ["Council meeting in the city hall"]


def test_a_too_long_query_is_refused_with_its_length(store):
    with pytest.raises(snippets.QueryError, match="501 characters long; at most 500"):
        Explorer(store, embedder=HashingEmbedder()).search("a" * 501)


def test_an_embedder_without_a_name_gives_snippets_without_sentences(store):
    """A query embedder that does not say which model it is cannot pick stored sentence vectors."""
    class Nameless:
        dim = HashingEmbedder().dim

        def embed_query(self, text):
            return HashingEmbedder().embed_query(text)

    hits = Explorer(store, embedder=Nameless()).search("timetable before travelling passengers", mode="semantic")
    assert hits and all(h["snippet"] and h["snippet_kind"] != "sentence" for h in hits)
