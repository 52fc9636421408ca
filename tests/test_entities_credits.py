"""News agencies credited for an article or its photos become ORG mentions marked as the credit's
(issue #3 / #5, read/credits.py): agencies only, never the photographers or reporters the same lines
name; counted apart on entity pages, kept out of "appears with", and feeding no event or statement."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tidings.api.app import create_app
from tidings.entities.captions import reading_view
from tidings.entities.queries import EntityExplorer
from tidings.model import Article, Mention
from tidings.read.credits import credit_lines, credit_mentions

from tests.conftest import ingest_texts


def test_only_agencies_are_read_in_credit_lines():
    metadata = {"credits": ["Mit Informationen von dpa, Reuters und AFP", "Quelle: SZ, KNA"],
                "photo_credits": ["Фото: Michael Kappeler / dpa / Global Look Press", "Photo: Vatican Media",
                                  "صورة: رويترز"],
                "bylines": ["By Daniel Foster, Associated Press", "Von Anna Schmidt, Lukas Brandt"]}
    found = credit_mentions(metadata)
    lines = credit_lines(metadata)
    assert [(m.text, lines[m.caption]) for m in found] == [
        ("dpa", "Mit Informationen von dpa, Reuters und AFP"), ("Reuters", "Mit Informationen von dpa, Reuters und AFP"),
        ("AFP", "Mit Informationen von dpa, Reuters und AFP"), ("dpa", "Фото: Michael Kappeler / dpa / Global Look Press"),
        ("رويترز", "صورة: رويترز"), ("Associated Press", "By Daniel Foster, Associated Press")]
    for mention in found:
        assert (mention.type, mention.part, mention.sentence) == ("ORG", "credit", -1)
        assert lines[mention.caption][mention.start:mention.end] == mention.text
    # the same agency in two scripts has one key
    keys = {m.text: m.key for m in found}
    assert keys["رويترز"] == keys["Reuters"]


def test_a_caption_is_read_for_agencies_only_in_its_closing_credit():
    metadata = {"captions": ["Reuters journalists at the summit in Anchorage. Photo: AFP",
                             "Sanae Takaichi, le 21 octobre, à Tokyo. TAKASHI ONO / REUTERS"]}
    found = [(m.text, m.caption) for m in credit_mentions(metadata)]
    assert found == [("AFP", 0), ("REUTERS", 1)]  # not the caption's own 'Reuters journalists', not the photographer


@pytest.mark.parametrize("line", ["Ap Dung la mot nguoi", "ap", "Epa the cat", "we keep it a secret"])
def test_short_acronyms_count_only_as_written(line):
    assert not credit_mentions({"credits": [line]})


def test_the_resolver_sees_credit_lines_after_the_headline():
    article = Article(title="Talks in Astana", text="Body.", metadata={"credits": ["Quelle: dpa"]})
    article.mentions = [Mention(8, 11, "dpa", "ORG", -1, part="credit", caption=0)]
    view = reading_view(article)
    assert view.text[view.mentions[0].start:view.mentions[0].end] == "dpa"



def test_a_caption_is_in_the_resolvers_text_once_and_its_credit_points_into_it():
    caption = "Merz in Astana. Photo: Reuters"
    article = Article(title="Talks", text="Body.", metadata={"credits": ["Quelle: dpa"], "captions": [caption]})
    credits = credit_mentions(article.metadata)
    assert [(m.text, m.caption) for m in credits] == [("dpa", 0), ("Reuters", 1)]  # line 1: the caption
    article.mentions = [Mention(0, 4, "Merz", "PER", -1, part="caption", caption=0), *credits]
    view = reading_view(article)
    assert view.text.count(caption) == 1
    assert [view.text[m.start:m.end] for m in view.mentions] == ["Merz", "dpa", "Reuters"]

CREDITED = {
    "de.txt": "date 2025-06-17\nsource: Beispielzeitung\nMerz besucht Astana\n\nBundeskanzler Friedrich Merz hat am "
              "Dienstag Astana besucht. Er sprach mit Präsident Tokajew über Energie.\nQuelle: dpa, AFP",
    "en.txt": "date 2025-06-17\nsource: Example Post\nMerz visits Astana\n\nGerman chancellor Friedrich Merz visited "
              "Astana on Tuesday and spoke with president Tokayev about energy.\n"
              "Friedrich Merz arrives at the airport in Astana. Photo: Reuters\nThe visit ends on Wednesday.",
    "fr.txt": "date 2025-06-18\nsource: Le Quotidien\nLe Louvre rouvre ses portes\n\nLe musée du Louvre a rouvert mardi "
              "après le vol des bijoux. Les visiteurs se pressaient devant la pyramide.\nAvec AFP et Reuters",
    "ar.txt": "date 2025-06-18\nsource: الأهرام\nإعادة فتح متحف اللوفر\n\nأعاد متحف اللوفر في باريس فتح أبوابه يوم "
              "الثلاثاء بعد سرقة المجوهرات، وتوافد الزوار على الهرم الزجاجي.\nصورة: رويترز",
}


@pytest.fixture(scope="module")
def credited(tmp_path_factory):
    store = ingest_texts(tmp_path_factory.mktemp("credits"), "k", CREDITED)
    yield store
    store.close_all()


def test_an_agency_is_credited_in_articles_of_two_languages_and_appears_with_nobody(credited):
    entities = EntityExplorer(credited)
    afp = entities.entities(q="AFP")
    assert len(afp) == 1 and afp[0]["type"] == "ORG"
    detail = entities.entity(afp[0]["id"])
    assert detail["credited_in"] == 2 and all(a["credited"] for a in detail["articles"])
    assert detail["related"] == []  # an agency "appears with" nothing it is only credited next to
    reuters = entities.entities(q="Reuters")
    assert len(reuters) == 1 and entities.entity(reuters[0]["id"])["credited_in"] == 3  # 'رويترز' too
    assert [e["id"] for e in entities.entities(q="رويترز")] == [reuters[0]["id"]]
    merz = entities.entities(q="Merz")[0]["id"]
    assert not {"AFP", "Reuters", "dpa"} & {r["name"] for r in entities.entity(merz)["related"]}
    story = credited.query("SELECT story_id FROM articles WHERE language = 'de'")[0][0]
    assert not {"AFP", "dpa"} & {e["name"] for e in entities.story_entities(story)}


def test_a_story_page_names_no_credited_agency(credited):
    from tidings.query import Explorer

    story = credited.query("SELECT story_id FROM articles WHERE language = 'de'")[0][0]
    names = Explorer(credited).story(story)["names"]
    assert names and not {"AFP", "dpa"} & {n["name"] or n["key"] for n in names}
    assert not {"AFP", "dpa"} & {s for n in names for spellings in n["spellings"].values() for s in spellings}


def test_credited_agencies_code_no_event(credited):
    agencies = [e["id"] for q in ("AFP", "Reuters", "dpa") for e in EntityExplorer(credited).entities(q=q)]
    for agency in agencies:
        assert not credited.query("SELECT id FROM event_mentions WHERE source_key = ? OR target_key = ?",
                                  (f"E:{agency}", f"E:{agency}"))


def test_the_pages_say_an_agency_is_credited(credited):
    client = TestClient(create_app(store=credited))
    german = credited.query("SELECT id FROM articles WHERE language = 'de'")[0][0]
    mentions = client.get(f"/api/articles/{german}").json()["mentions"]
    assert {("dpa", "credit"), ("AFP", "credit")} <= {(m["text"], m["part"]) for m in mentions}
    assert "credited" in client.get(f"/articles/{german}").text
    afp = client.get("/api/entities", params={"q": "AFP"}).json()[0]["id"]
    assert "credited in 2 articles" in client.get(f"/entities/{afp}").text


def test_a_chinese_credit_names_its_agency_before_other_words():
    # Chinese writes no space after the agency: "新华社记者 李贺 摄" (Xinhua reporter Li He, photo)
    metadata = {"credits": ["路透社记者报道"], "photo_credits": ["新华社发"],
                "captions": ["图为长征三号乙运载火箭升空。（新华社记者 李贺 摄）"]}
    lines = credit_lines(metadata)
    found = [(m.text, lines[m.caption][m.start:m.end]) for m in credit_mentions(metadata)]
    assert found == [("路透社", "路透社"), ("新华社", "新华社"), ("新华社", "新华社")]
