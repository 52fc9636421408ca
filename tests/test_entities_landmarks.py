"""Landmarks named by translation, and a country's chambers by their generic names (ent17)."""
from __future__ import annotations

from tidings.entities.resolve import KnownEntity, _article_country, _known_entities, _known_for, _of_country, \
    normalise_alias
from tidings.model import Mention
from tidings.read.names import find_mentions
from tidings.read.sentences import split_sentences

from tests.conftest import ingest_texts


def _read(text: str, language: str) -> dict[str, Mention]:
    return {m.text: m for m in find_mentions(text, split_sentences(text, language), language)}


def _entry(text: str, language: str, name: str) -> KnownEntity | None:
    return _known_for(text, _read(text, language)[name])


def test_landmarks_are_one_dictionary_entry_across_languages():
    table = _known_entities()
    for names in (("St Peter's Basilica", "Petersdom", "basilique Saint-Pierre", "basílica de San Pedro",
                   "كاتدرائية القديس بطرس", "Avliyo Pyotr bazilikasi", "圣彼得大教堂"),
                  ("St Peter's Square", "Petersplatz", "place Saint-Pierre", "plaza de San Pedro", "Avliyo Pyotr maydoni"),
                  ("Sistine Chapel", "chapelle Sixtine", "Capilla Sixtina", "Сикстинською капелою", "Sikstin kapellasi"),
                  ("Rose Garden", "Rosengarten", "玫瑰园", "Vườn Hồng"),
                  ("Yasukuni Shrine", "Yasukuni-Schrein", "靖国神社"),
                  ("New Delhi", "Нью-Дели", "نيودلهي", "新德里"),
                  ("Nara Prefecture", "奈良县", "Nara")):
        assert len({table[normalise_alias(n)].key for n in names}) == 1, names
    # the basilica and its square are two places
    assert table[normalise_alias("Petersdom")].key != table[normalise_alias("Petersplatz")].key


def test_landmarks_are_read_where_they_stand():
    text = "Crowds filled St Peter's Square before the Mass in St Peter's Basilica."
    assert _entry(text, "en", "St Peter's Square").name == "St Peter's Square"
    assert _entry(text, "en", "St Peter's Basilica").name == "St Peter's Basilica"
    text = "Білий дим над Сикстинською капелою з'явився ввечері."
    assert _entry(text, "uk", "Сикстинською капелою").name == "Sistine Chapel"
    text = "特朗普在白宫玫瑰园宣布征收关税。"
    assert _entry(text, "zh", "玫瑰园").name == "Rose Garden"
    # New Delhi is not Delhi, which the gazetteer gives its Latin name
    assert _entry("НЬЮ-ДЕЛИ, 12 июня. Переговоры прошли в Нью-Дели.", "ru", "НЬЮ-ДЕЛИ").name == "New Delhi"


POPE = {
    "a-en.txt": "date 2025-04-21\nsource: Example Post\nPope dies\n\nThe pope died on Monday. His body will lie in"
                " state in St Peter's Basilica, and the faithful gathered in St Peter's Square.",
    "b-de.txt": "date 2025-04-21\nsource: Beispielzeitung\nDer Papst ist tot\n\nDer Papst starb am Montag. Sein Leichnam"
                " wird im Petersdom aufgebahrt, auf dem Petersplatz beteten Gläubige.",
    "c-fr.txt": "date 2025-04-21\nsource: Exemple\nLe pape est mort\n\nLe pape est mort lundi. Son corps sera exposé"
                " dans la basilique Saint-Pierre, et les fidèles se sont réunis place Saint-Pierre.",
}


def test_a_landmark_is_one_entity_when_the_english_article_comes_first(tmp_path):
    """The saint rule joins places within a story, and found nothing when the English article came first
    (there was nothing yet to join); the dictionary joins them wherever they stand."""
    store = ingest_texts(tmp_path, "pope", POPE)
    entity = {r["text"]: r["entity_id"] for r in store.query("SELECT text, entity_id FROM mentions")}
    assert entity["St Peter's Basilica"] == entity["Petersdom"] == entity["basilique Saint-Pierre"]
    assert entity["St Peter's Square"] == entity["Petersplatz"] == entity["place Saint-Pierre"]
    assert entity["Petersdom"] != entity["Petersplatz"]


def _mention(text: str, key: str, start: int = 0) -> Mention:
    return Mention(start, start + len(text), text, "LOC", 0, key=key)


def test_the_article_country_is_the_one_named_most():
    assert _article_country([_mention("Japan", "C:JP"), _mention("USA", "C:US", 10), _mention("Japans", "C:JP", 20)]) == "JP"
    assert _article_country([_mention("USA", "C:US"), _mention("Japan", "C:JP", 10)]) == "US"  # a tie: the first named
    assert _article_country([_mention("Tokio", "N:tk")]) is None


def test_a_generic_chamber_is_the_chamber_of_the_articles_country():
    table = _known_entities()
    lower = table[normalise_alias("Unterhaus")]
    assert lower.country == "*"
    assert table[normalise_alias("众议院")] == table[normalise_alias("Chambre basse")] == lower
    assert _of_country(lower, "JP").key == "K:lower house:JP"
    assert _of_country(lower, "JP") != _of_country(lower, "GB")  # the Commons are another chamber
    assert _of_country(lower, None) is None  # no country: its spelling decides, as for any name
    # a country's own entry where the dictionary has one
    parliament = table[normalise_alias("Quốc hội")]
    assert _of_country(parliament, "JP").name == "Japanese Diet"
    assert _of_country(parliament, "KR").key == "K:national parliament:KR"
    text = "Takaichi erhielt am Dienstag im Unterhaus 237 Stimmen, im Oberhaus erst im zweiten Wahlgang."
    assert _read(text, "de")["Unterhaus"].type == "ORG" and _read(text, "de")["Oberhaus"].type == "ORG"


DIET = {
    "a-en.txt": "date 2025-10-21\nsource: Example Post\nJapan elects Takaichi\n\nJapan's parliament elected Sanae Takaichi"
                " on Tuesday. She won 237 votes in the House of Representatives, the lower chamber of Japan's Diet.",
    "b-de.txt": "date 2025-10-21\nsource: Beispielzeitung\nJapan wählt Takaichi\n\nJapan hat Sanae Takaichi am Dienstag"
                " gewählt. Im Unterhaus erhielt sie 237 Stimmen, wie Japans Regierung mitteilte.",
    "c-zh.txt": "date 2025-10-21\nsource: 示例报\n日本选出高市早苗\n\n日本国会21日选出高市早苗。在众议院的首轮投票中，高市获得237票。日本政府表示欢迎。",
    "d-en.txt": "date 2025-10-21\nsource: Example Post\nUS budget vote\n\nThe House of Representatives passed the United"
                " States budget on Tuesday, and the United States Senate will vote next week.",
}


def test_a_generic_chamber_name_joins_across_languages_by_the_articles_country(tmp_path):
    store = ingest_texts(tmp_path, "diet", DIET)
    rows = store.query("SELECT r.locator, m.text, m.entity_id FROM mentions m JOIN raw_articles r ON r.id = m.article_id")
    entity = {(r["locator"].rsplit("/", 1)[-1], r["text"]): r["entity_id"] for r in rows}
    japan = entity[("a-en.txt", "House of Representatives")]
    assert japan == entity[("b-de.txt", "Unterhaus")] == entity[("c-zh.txt", "众议院")]
    assert entity[("d-en.txt", "House of Representatives")] != japan  # the US chamber
    assert entity[("a-en.txt", "Diet")] == entity[("c-zh.txt", "日本国会")]


def test_a_country_beside_a_generic_name_says_whose_it_is():
    from tidings.entities.resolve import _country_beside

    def beside(text: str, language: str, name: str) -> str | None:
        found = find_mentions(text, split_sentences(text, language), language)
        return _country_beside(text, found, [m.text for m in found].index(name))

    text = "The United States and the United States again: Japan's House of Representatives voted."
    assert beside(text, "en", "House of Representatives") == "JP"  # not the article's United States
    assert beside("Takaichi won a vote in the House of Representatives on Tuesday.", "en", "House of Representatives") is None


def test_an_election_commission_is_the_one_of_the_articles_country():
    table = _known_entities()
    commission = table[normalise_alias("Ủy ban Bầu cử Quốc gia")]
    assert commission.country == "*"
    assert table[normalise_alias("National Election Commission")] == table[normalise_alias("中央选举管理委员会")] == commission
    assert _of_country(commission, "KR") != _of_country(commission, "RU")


def test_a_generic_chamber_name_with_its_country_read_as_one_name():
    from tidings.entities.resolve import _generic_with_country

    def entry(text: str, kind: str = "ORG") -> KnownEntity | None:
        return _generic_with_country(Mention(0, len(text), text, kind, 0, key="N:x"))

    assert entry("Hạ viện Nhật Bản").key == "K:lower house:JP"
    assert entry("Quốc hội Hàn Quốc").key == "K:national parliament:KR"
    assert entry("韩国国会").key == "K:national parliament:KR"
    assert entry("Japan's Diet").name == "Japanese Diet"
    assert entry("Hạ viện") is None and entry("Đại hội Nhật Bản") is None


def test_the_head_of_a_generic_name_names_it_alone_later():
    from tidings.entities.resolve import _generic_head

    assert _generic_head("National Assembly") == "Assembly"
    assert _generic_head("House of Representatives") == "House"
    assert _generic_head("Chambre basse") is None  # lower case: 'basse' alone is no name
    assert _generic_head("Unterhaus") is None  # one word
    assert _generic_head("Quốc hội") is None  # 'hội' alone is no name


KOREA = {
    "a-en.txt": "date 2025-06-04\nsource: Example Herald\nLee sworn in\n\nLee Jae-myung took the oath of office at the"
                " National Assembly in Seoul, South Korea, on Wednesday. In the Assembly's rotunda hall he pledged"
                " to unite South Korea.",
    "b-es.txt": "date 2025-06-04\nsource: Diario Ejemplo\nLee jura el cargo\n\nLee Jae-myung juró el cargo en la Asamblea"
                " Nacional de Corea del Sur en Seúl. Corea del Sur celebra.",
}


def test_a_generic_names_head_alone_is_the_same_body(tmp_path):
    store = ingest_texts(tmp_path, "korea", KOREA)
    entity = {r["text"]: r["entity_id"] for r in store.query("SELECT text, entity_id FROM mentions")}
    assert entity["Assembly"] == entity["National Assembly"]


def test_a_dictionary_place_the_rules_ran_into_the_larger_place_is_read_whole():
    found = _read("Des malfaiteurs se sont introduits dans la galerie d'Apollon du Louvre dimanche.", "fr")
    assert found["galerie d'Apollon"].type == "LOC" and "Louvre" in found
    assert "Apollon du Louvre" not in found  # no person
    found = _read("Las joyas robadas en la galería de Apolo del Museo del Louvre valen millones.", "es")
    assert "galería de Apolo" in found and found["Museo del Louvre"].type == "ORG"
    table = _known_entities()
    assert table[normalise_alias("galería de Apolo")] == table[normalise_alias("Galerie d'Apollon")]


def test_an_entry_listing_a_name_in_two_casings_reads_the_looser():
    # 'Capilla Sixtina' and 'capilla Sixtina' (the kind noun in lower case, as Spanish writes it)
    assert "capilla Sixtina" in _read("Los cardenales entraron en la capilla Sixtina el miércoles.", "es")


def test_a_generic_one_word_name_opening_a_sentence_is_not_read():
    assert "Diet" not in _read("Diet and sleep matter. The minister spoke.", "en")
    assert "Diet" in _read("She was elected by the Diet on Tuesday.", "en")  # its type is the dictionary's in resolution
    assert "Unterhaus" in _read("Im Unterhaus erhielt sie 237 Stimmen.", "de")
