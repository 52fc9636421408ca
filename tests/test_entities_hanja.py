"""Korean people written in Chinese characters join their Hangul, Latin and Cyrillic spellings."""
from __future__ import annotations

import pytest

from tidings.entities.hanja import korean_readings_of, korean_shape, korean_similarity
from tidings.entities.resolve import _reading_score

KO = frozenset({"ko"})
JA = frozenset({"ja"})

from tests.conftest import ingest_texts
from tests.test_entities import _NamesEmbedder


def test_korean_reading_of_a_name_in_chinese_characters():
    assert korean_readings_of("金文洙") == [("김", "문수")]  # the surname's reading, not 금
    assert korean_readings_of("李在明") == [("이", "재명")]  # the initial sound law: 리 -> 이
    assert korean_readings_of("尹锡悦") == [("윤", "석열")]  # a simplified character, through its traditional form
    assert korean_readings_of("卢武铉") == [("노", "무현")]
    assert korean_readings_of("南宫玉") == [("남궁", "옥")]


def test_only_korean_shaped_names_are_read():
    assert korean_shape("金·文洙") == ("金", "文洙")
    assert korean_shape("习近平") is None  # no Korean surname
    assert korean_shape("高市早苗") is None  # four characters after a one-character surname
    assert korean_shape("特朗普") is None
    assert korean_shape("金") is None
    assert korean_readings_of("Kim") == []


def test_korean_similarity_across_scripts():
    assert korean_similarity("金文洙", "Kim Moon-soo") == pytest.approx(1.0)
    assert korean_similarity("金文洙", "김문수") == 1.0
    assert korean_similarity("金文洙", "Ким Мун Су") == pytest.approx(1.0)
    assert korean_similarity("尹锡悦", "Yoon Suk Yeol") >= 0.9
    assert korean_similarity("金文洙", "Kim") == 0.0  # a surname alone is decided in its article
    assert korean_similarity("金文洙", "Kim Jong-un") < 0.85


def test_a_chinese_person_is_not_read_as_korean():
    """The Korean reading counts only where it explains the other spelling better than Mandarin does."""
    assert _reading_score("王毅", "Wang Yi", KO) == 0.0
    assert _reading_score("李强", "Li Qiang", KO) == 0.0
    assert _reading_score("金文洙", "Kim Moon-soo", KO) >= 0.85
    assert _reading_score("Kim Moon-soo", "金文洙", KO) >= 0.85  # either way round
    assert _reading_score("李在明", "Lee Jae-myung", KO) >= 0.85


EN = ("date 2025-06-04\nsource: Example Post\nElection in South Korea\n\nLee Jae-myung won the presidential "
      "election in South Korea on Tuesday. His rival Kim Moon-soo of the People Power Party conceded.")
ZH = ("date 2025-06-04\nsource: 示例报\n韩国大选结果公布\n\n据韩国中央选举管理委员会公布的计票结果，李在明得票率为49.42%，"
      "国民力量党候选人金文洙得票率为41.15%。中国外交部长王毅表示祝贺。")


@pytest.mark.parametrize("order", [("a-en.txt", "b-zh.txt"), ("a-zh.txt", "b-en.txt")])
def test_a_korean_in_chinese_characters_joins_the_latin_spelling_of_the_story(tmp_path, order):
    """'金文洙' in a Chinese article is the 'Kim Moon-soo' of the English one, whichever is read first;
    the Chinese foreign minister '王毅' joins no Korean."""
    texts = {order[0]: EN if "en" in order[0] else ZH, order[1]: EN if "en" in order[1] else ZH}
    store = ingest_texts(tmp_path, "hanja", texts, _NamesEmbedder({}))
    assert len({r["story_id"] for r in store.query("SELECT story_id FROM articles")}) == 1
    entity = {r["text"]: r["entity_id"] for r in store.query("SELECT text, entity_id FROM mentions")}
    assert entity["金文洙"] == entity["Kim Moon-soo"]
    assert entity["李在明"] == entity["Lee Jae-myung"]
    assert entity["王毅"] not in (entity["Kim Moon-soo"], entity["Lee Jae-myung"])
    store.close_all()


def test_no_korean_reading_outside_a_story_about_korea(tmp_path):
    """Without Korea named in the article or its story, a name in Chinese characters is read as Chinese."""
    en = EN.replace(" in South Korea", "").replace("South Korea", "the country")
    zh = ZH.replace("韩国", "")
    store = ingest_texts(tmp_path, "hanja-none", {"a-en.txt": en, "b-zh.txt": zh}, _NamesEmbedder({}))
    entity = {r["text"]: r["entity_id"] for r in store.query("SELECT text, entity_id FROM mentions")}
    if "金文洙" in entity and "Kim Moon-soo" in entity:
        assert entity["金文洙"] != entity["Kim Moon-soo"]
    store.close_all()


def test_japanese_reading_of_a_name_in_chinese_characters():
    from tidings.entities.hanja import japanese_readings_of, japanese_similarity, kana_latin

    assert kana_latin("シンジロウ") == "shinjirou" and kana_latin("マッチャ") == "matcha"
    # the simplified '进' is read through its Japanese form '進'
    assert japanese_readings_of("小泉进次郎") == [("koizumi", "shinjirou")]
    assert japanese_readings_of("高市早苗") == [("takaichi", "sanae")]
    assert japanese_similarity("小泉进次郎", "Shinjiro Koizumi") == pytest.approx(1.0)
    assert japanese_similarity("高市早苗", "タカイチ サナエ") == pytest.approx(1.0)
    assert japanese_similarity("木原稔", "Minoru Kihara") == pytest.approx(1.0)
    assert japanese_similarity("小泉进次郎", "Koizumi") == 0.0  # a surname alone is decided in its article
    assert _reading_score("小泉进次郎", "Shinjiro Koizumi", JA) >= 0.85
    assert _reading_score("小泉进次郎", "Shinjiro Koizumi", KO) == 0.0  # a story about Korea reads Korean only
    assert _reading_score("王毅", "Wang Yi", JA) == 0.0


EN_JA = ("date 2025-10-21\nsource: Example Post\nJapan's new cabinet\n\nSanae Takaichi became prime minister of "
         "Japan on Tuesday. Shinjiro Koizumi was named defence minister.")
ZH_JA = ("date 2025-10-21\nsource: 示例报\n日本新内阁成立\n\n日本新任首相宣布内阁名单，前农林水产大臣小泉进次郎出任防卫大臣。"
         "中国外交部长王毅表示关注。")


def test_a_japanese_in_chinese_characters_joins_the_latin_spelling_of_the_story(tmp_path):
    store = ingest_texts(tmp_path, "kanji", {"a-en.txt": EN_JA, "b-zh.txt": ZH_JA}, _NamesEmbedder({}))
    assert len({r["story_id"] for r in store.query("SELECT story_id FROM articles")}) == 1
    entity = {r["text"]: r["entity_id"] for r in store.query("SELECT text, entity_id FROM mentions")}
    assert entity["小泉进次郎"] == entity["Shinjiro Koizumi"]
    assert entity["王毅"] not in (entity["Shinjiro Koizumi"], entity["Sanae Takaichi"])
    store.close_all()
