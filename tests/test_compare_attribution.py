"""Attribution: who a statement is credited to, in the corpus's languages, and whether two
statements in different languages credit one speaker (compare/attribution.py)."""
from __future__ import annotations

from tidings.compare.attribution import attribution, same_speaker


def mention(text: str, name: str, kind: str = "PER", entity: int | None = None, country: str | None = None) -> dict:
    start = text.index(name)
    key = f"C:{country}" if country and kind == "LOC" else f"N:{name.lower()}"
    return {"start": start, "end": start + len(name), "text": name, "type": kind, "key": key,
            "entity_id": entity, "country": country}


def credited(text: str, language: str, *names: tuple, previous: dict | None = None) -> dict | None:
    return attribution(text, [mention(text, *n) for n in names], language, previous)


def test_cues_of_several_languages_name_the_speaker():
    cases = [
        ("Nach rund sieben Minuten sei alles vorbei gewesen, so Nuñez.", "de", ("Nuñez",), "Nuñez"),
        ("Der Minister sprach von einem schweren Angriff, sagte Scholz.", "de", ("Scholz",), "Scholz"),
        ("Le ministre Laurent Nuñez a précisé que le vol avait duré sept minutes.", "fr", ("Laurent Nuñez",),
         "Laurent Nuñez"),
        ("El ministro Abbas Araghchi acusó a Washington de violar la Carta de la ONU.", "es",
         ("Abbas Araghchi",), "Abbas Araghchi"),
        ("Ahmed Şerif Çaudri, beş Hint savaş uçağının düşürüldüğünü açıkladı.", "tr", ("Ahmed Şerif Çaudri",),
         "Ahmed Şerif Çaudri"),
        ("Удары нанесены по трем объектам, сообщил президент США Дональд Трамп.", "ru", ("Дональд Трамп",),
         "Дональд Трамп"),
        ("وأكدت وزيرة الثقافة رشيدة داتي أن أحداً لم يُصب بأذى.", "ar", ("رشيدة داتي",), "رشيدة داتي"),
        ("Ông Nguyễn Văn An cho biết đã có 20 người thiệt mạng.", "vi", ("Nguyễn Văn An",), "Nguyễn Văn An"),
    ]
    for text, language, names, speaker in cases:
        found = credited(text, language, names)
        assert found and found["by"] == speaker, (text, found)


def test_ministries_and_kinds_of_source_without_a_name():
    defence_en = credited("The Ministry of Defence said no military facility had been targeted.", "en")
    defence_ru = credited("Как заявили в Министерстве обороны Индии, целями стали девять объектов.", "ru")
    culture_de = credited("Die Täter drangen in die Galerie ein, wie das französische Kulturministerium mitteilte.",
                          "de")
    culture_ar = credited("وأوضحت وزارة الثقافة الفرنسية أن المسروقات تضم ثماني قطع.", "ar")
    assert defence_en["role"] == defence_ru["role"] == "ministry"
    assert defence_en["by"] == "Ministry of Defence"
    assert same_speaker(defence_en, defence_ru) is True
    assert same_speaker(culture_de, culture_ar) is True
    assert same_speaker(defence_en, culture_de) is False
    officials = credited("Officials say they were inside for only a few minutes.", "en")
    assert officials["role"] == "officials"
    army = credited("Selon l'armée pakistanaise, les frappes ont fait au moins 31 morts.", "fr")
    assert army["role"] == "military"


def test_what_follows_said_that_is_not_the_speaker():
    text = "The Ministry of Defence said that Operation Sindoor hit nine sites."
    found = credited(text, "en", ("Ministry of Defence", "ORG", 1), ("Operation Sindoor", "PER", 2))
    assert found["role"] == "ministry"


def test_a_dateline_agency_is_the_outlet_not_the_speaker():
    text = "WASHINGTON (AP) - The United States struck three sites, Pentagon officials said."
    found = credited(text, "en")
    assert found["role"] == "officials" and found["kind"] == "quote"
    tagged = credited("İSLAMABAD (AA) - Saldırılarda 26 sivilin hayatını kaybettiği bildirildi.", "tr", ("AA", "ORG", 7))
    assert tagged["by"] == ""  # the reader's ORG mention of the dateline's agency is no speaker either
    quoted = credited("The toll rose to 270, Reuters reported.", "en")
    assert quoted["role"] == "agency" and quoted["kind"] == "agency"


def test_a_pronoun_cue_takes_the_speaker_of_the_sentence_before():
    before = credited("Представитель армии Ахмед Шариф Чаудхри сообщил, что погибли восемь человек.", "ru",
                      ("Ахмед Шариф Чаудхри", "PER", 21))
    after = credited("По его словам, пакистанская сторона сбила несколько индийских самолетов.", "ru",
                     previous=before)
    assert after["by"] == "Ахмед Шариф Чаудхри" and after["key"] == before["key"]


def test_one_person_in_several_scripts_is_one_speaker():
    tr = credited("Çaudri, beş Hint savaş uçağını düşürdüklerini açıkladı.", "tr", ("Çaudri", "PER", 21))
    ru = credited("Генерал Ахмед Шариф Чаудхри сообщил, что погибли восемь человек.", "ru",
                  ("Ахмед Шариф Чаудхри", "PER", 40))
    fr = credited("La ministre Rachida Dati a précisé qu'aucun blessé n'était à déplorer.", "fr",
                  ("Rachida Dati", "PER", 35))
    assert same_speaker(tr, ru) is True  # two entity ids, one name
    assert same_speaker(tr, fr) is False
    assert same_speaker(tr, None) is None


def test_no_cue_no_attribution():
    assert credited("So viele Menschen kamen zum Louvre wie nie.", "de") is None  # "so" is a cue only before a name
    assert credited("Die Männer flüchteten auf Motorrollern.", "de") is None
    assert credited("Verletzt wurde niemand.", "de") is None


def test_the_aligner_speaker_term_lowers_pairs_of_different_speakers_only():
    import numpy as np

    from tidings.compare.align import AlignParams, pair_scores
    from tidings.compare.statements import Statement

    def statement(article: int, vector: list[float], att: dict | None) -> Statement:
        v = np.asarray(vector, dtype=np.float32)
        return Statement(article_id=article, index=0, text="x", start=0, end=1, language="en", source=f"s{article}",
                         published=None, attribution=att, vector=v / np.linalg.norm(v))

    iaea = {"by": "IAEA", "role": "organisation", "key": "E:1", "cue": "said", "kind": "quote"}
    officials = {"by": "Iranian officials", "role": "officials", "key": "S:officials", "cue": "said", "kind": "quote"}
    iaea_ru = {"by": "МАГАТЭ", "role": "organisation", "key": "E:1", "cue": "заявило", "kind": "quote"}
    statements = [statement(1, [1, 0.1, 0], iaea), statement(2, [1, 0, 0.1], officials),
                  statement(3, [1, 0.05, 0.05], iaea_ru), statement(4, [0.1, 1, 0], None)]
    plain = pair_scores(statements, AlignParams())
    ruled = pair_scores(statements, AlignParams(speaker_penalty=0.05))
    assert np.isclose(plain[0, 1] - ruled[0, 1], 0.05)  # the IAEA and Iranian officials: different speakers
    assert np.isclose(plain[0, 2], ruled[0, 2])  # the IAEA in two languages: one speaker, no penalty
    assert np.isclose(plain[0, 3], ruled[0, 3])  # no speaker on one side: cannot tell, no penalty


def test_an_agency_is_one_speaker_in_any_spelling():
    from tidings.compare.attribution import attribution, same_speaker

    tass = attribution("The talks will resume on Monday, TASS reported.", [], "en")
    tass_ru = attribution("Переговоры возобновятся в понедельник, сообщает ТАСС.", [], "ru")
    assert tass["role"] == tass_ru["role"] == "agency" and same_speaker(tass, tass_ru) is True
    ap = attribution("The talks will resume, the Associated Press reported.", [], "en")
    assert same_speaker(ap, attribution("The talks will resume, AP reported.", [], "en")) is True


def test_xinhua_in_running_chinese_is_the_speaker():
    # Chinese has no word boundary around "新华社": "据新华社报道" (according to Xinhua)
    from tidings.compare.attribution import attribution, same_speaker

    found = attribution("据新华社报道，峰会于周二举行。", [], "zh")
    assert (found["by"], found["role"]) == ("新华社", "agency")
    assert same_speaker(found, attribution("The summit was held on Tuesday, Xinhua reported.", [], "en")) is True
