"""Source comparison: numbers across languages, dates, alignment, conflicts, bad input, CLI, API."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest
from fastapi.testclient import TestClient

from tidings.api.app import create_app
from tidings.compare import compare_articles, compare_story
from tidings.compare.brief import brief_markdown
from tidings.compare.numbers import agree, comparable, find_quantities
from tidings.compare.verdicts import number_conflict
from tidings.pipeline import Pipeline
from tidings.model import STATEMENT_VECTORS_VERSION
from tidings.read.dates import find_dates
from tidings.read.sentences import split_sentences
from tidings.store.sqlite import Store

FERRY = {
    "en-ferry.txt": "date 2025-12-16\nsource: Harbour Herald\nFerry capsizes on Lake Varna\n\n"
                    "A passenger ferry capsized on Lake Varna on December 14-15, killing 12 people, police said.\n"
                    "The ferry was carrying 80 passengers when it overturned in a storm.\n"
                    "Rescue teams searched the lake through the night with divers and helicopters.\n",
    "de-faehre.txt": "date 2025-12-16\nsource: Seebote\nFähre auf dem Varna-See gekentert\n\n"
                     "Auf dem Varna-See ist am 14. und 15. Dezember eine Passagierfähre gekentert, 19 Menschen kamen "
                     "ums Leben, teilte die Polizei mit.\n"
                     "Die Fähre hatte 80 Passagiere an Bord, als sie im Sturm umschlug.\n"
                     "Der Bürgermeister kündigte drei Tage Trauer für die ganze Region an.\n",
    "fr-ferry.txt": "date 2025-12-16\nsource: Le Lac\nNaufrage d'un ferry sur le lac Varna\n\n"
                    "Un ferry a chaviré sur le lac Varna les 14 et 15 décembre, faisant 12 morts, selon la police.\n"
                    "Le ferry transportait 80 passagers lorsqu'il s'est retourné dans une tempête.\n",
}


@pytest.fixture(scope="module")
def ferry_store(tmp_path_factory) -> Store:
    folder = tmp_path_factory.mktemp("ferry")
    for name, text in FERRY.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = Store(f"sqlite:///{folder / 'ferry.db'}")
    Pipeline(store).ingest([str(folder)])
    return store


def _ids(store: Store) -> dict[str, int]:
    return {r["language"]: r["id"] for r in store.query("SELECT id, language FROM articles")}


@pytest.mark.parametrize("language, text, value, unit, approx", [
    ("de", "Israel ließ 1.968 Häftlinge frei", 1968, "", ""),
    ("en", "Israel released 1,968 Palestinians", 1968, "", ""),
    ("fr", "1 700 morts", 1700, "", ""),
    ("tr", "ölü sayısı 2 bin 719'a yükseldi", 2719, "", ""),
    ("vi", "đã tăng lên 2.056 người", 2056, "", ""),
    ("zh", "造成1644人遇难", 1644, "", ""),
    ("ar", "أفرجت إسرائيل عن ١٩٦٨ أسيرا", 1968, "", ""),
    ("de", "1,5 Milliarden Yuan", 1.5e9, "CNY", ""),
    ("zh", "提供15亿元人民币", 1.5e9, "CNY", ""),
    ("ru", "грант в 1,5 млрд юаней", 1.5e9, "CNY", ""),
    ("en", "a grant of 1.5 bn yuan", 1.5e9, "CNY", ""),
    ("es", "un plan de 14.100 millones de euros", 1.41e10, "EUR", ""),
    ("vi", "thặng dư 104,6 tỷ USD", 1.046e11, "USD", ""),
    ("de", "mindestens 265 Menschen", 265, "", "over"),
    ("vi", "hơn 3.900 người bị thương", 3900, "", "over"),
    ("de", "rund 30 Staats- und Regierungschefs", 30, "", "about"),
    ("fr", "une trentaine de dirigeants", 30, "", "about"),
    ("en", "two dozen Tomahawks", 24, "", ""),
    ("de", "zwei Tage", 2, "", ""),
    ("vi", "hai người", 2, "", ""),
    ("es", "el 49,42 % de los votos", 49.42, "%", ""),
    ("tr", "yüzde 20 gümrük vergisi", 20, "%", ""),
    ("zh", "7.9级强烈地震", 7.9, "magnitude", ""),
    ("ru", "переговоры шли 2 ч 45 мин", 165, "min", ""),
])
def test_numbers_are_normalised_across_languages(language, text, value, unit, approx):
    found = find_quantities(text, language)
    assert len(found) == 1, found
    assert found[0].value == pytest.approx(value)
    assert (found[0].unit, found[0].approx) == (unit, approx)


def test_vague_amounts_times_and_codes():
    tens = find_quantities("losses of tens of billions of dollars", "en")
    assert (tens[0].low, tens[0].high, tens[0].unit) == (1e10, 1e11, "USD")
    # clock times, flight numbers, model numbers and seats are not quantities
    assert find_quantities("Flight AI171, a Boeing 787-8, took off at 1.39 p.m.; seat 11A", "en") == []
    # "nearly 2,000" allows 1,968; "at least 265" allows 270; 260 does not fit "at least 265"
    nearly, exact = find_quantities("nearly 2,000 prisoners", "en")[0], find_quantities("1.968 Häftlinge", "de")[0]
    assert agree(nearly, exact)
    at_least, later, final = (find_quantities(t, lang)[0] for t, lang in
                              [("mindestens 265 Tote", "de"), ("270 ölü", "tr"), ("260 погибших", "ru")])
    assert agree(at_least, later) and not agree(at_least, final)
    # what is counted matters: 242 on board and 265 dead are different facts
    aboard = find_quantities("242 people on board", "en")[0]
    assert aboard.role == "aboard" and not comparable(aboard, at_least)


@pytest.mark.parametrize("language, text, expected", [
    # a role word belongs to the number of its own clause: 412 are the dead, 1,300 the injured
    ("vi", "Số người chết đã tăng lên 412, hơn 1.300 người bị thương", [(412, "dead"), (1300, "injured")]),
    # the subject of a toll names what a bare number counts, even past another role word (máy bay)
    ("vi", "Số người thiệt mạng trong vụ máy bay rơi ở tỉnh này đã tăng lên 31 người", [(31, "dead")]),
    ("tr", "Selde hayatını kaybedenlerin sayısı 57'ye çıktı, 12 ceset bulundu", [(57, "dead"), (12, "dead")]),
    ("ar", "قُتلوا 14 شخصا", [(14, "dead")]),
    # "X of Y": the part counts what the total counts; codes do not end a number's clause
    ("de", "Im ersten Wahlgang erhielt sie 301 der 500 Stimmen", [(301, "votes"), (500, "votes")]),
    ("en", "the jets dropped 9 GBU-31 bombs", [(9, "bombs")]),
    # ages, days and bombers are not what they look like
    ("en", "The 52-year-old pilot and 3 bombers", [(3, "aircraft")]),
    ("vi", "ông An, 47 tuổi, cho biết", []),
    ("zh", "委员会12日宣布，震源深度10千米", [(10, "")]),
])
def test_what_a_count_counts(language, text, expected):
    assert [(q.value, q.role) for q in find_quantities(text, language)] == expected


def test_parts_projections_and_touching_intervals():
    part = find_quantities("the passengers included 90 French nationals", "en")[0]
    assert (part.value, part.approx) == (90, "part")  # a part: there were at least 90 passengers
    assert agree(part, find_quantities("120 passengers", "en")[0])
    three, four = find_quantities("three countries", "en")[0], find_quantities("vier Länder", "de")[0]
    assert not agree(three, four)  # [2.5, 3.5) and [3.5, 4.5) do not overlap
    assert find_quantities("震源深度10千米", "zh")[0].unit == "km"


def test_conflicts_need_the_same_role_and_a_report(ferry_store):
    from tidings.compare.statements import load_statements

    base = next(s for s in load_statements(ferry_store, list(_ids(ferry_store).values())) if s.language == "fr")

    def said(text, language):
        return replace(base, text=text, language=language, quantities=find_quantities(text, language))

    toll = said("La junte a fait état de 1 700 morts et de plus de 300 disparus.", "fr")
    later = said("Depremde hayatını kaybedenlerin sayısı 2 bin 719'a yükseldi.", "tr")
    pair = number_conflict(toll, later)  # "more than 300 missing" says nothing about the dead
    assert pair is not None and {pair[0].value, pair[1].value} == {1700, 2719}
    forecast = said("The death toll could eventually exceed 10,000, the agency said.", "en")
    assert number_conflict(toll, forecast) is None  # a forecast contradicts no count


def test_same_dates_in_two_languages_are_one_value():
    values = []
    for text, language in [("Die Wahl findet am 14. und 15. Dezember statt.", "de"),
                           ("The vote is held on Dec 14-15.", "en"), ("Le vote a lieu les 14 et 15 décembre.", "fr")]:
        dates = find_dates(text, split_sentences(text, language), None)
        values.append({d.value.split("-", 1)[1] for d in dates})
    assert values[0] == values[1] == values[2] == {"12-14/2025-12-15"} or len({frozenset(v) for v in values}) == 1


def test_alignment_and_number_conflict_across_languages(ferry_store):
    ids = _ids(ferry_store)
    result = compare_articles(ferry_store, list(ids.values()))
    assert result["compared_articles"] == 3
    # the toll sentence of the three articles is one group, with a conflict 12 vs 19
    toll = next(g for g in result["groups"] if g["conflicts"])
    assert {s["article_id"] for s in toll["statements"]} >= {ids["en"], ids["de"]}
    assert all(s["sentence"] == 0 for s in toll["statements"])
    numbers = next(c for c in toll["conflicts"] if c["kind"] == "number")
    values = {v["value"]: {ref["language"] for ref in v["sources"]} for v in numbers["versions"]}
    assert any("19" in value and languages == {"de"} for value, languages in values.items())
    assert any("12" in value and "en" in languages for value, languages in values.items())
    # the 80 passengers agree: their group is shared and has no conflict
    passengers = next(g for g in result["groups"] if any("80" in s["text"] for s in g["statements"]))
    assert len(passengers["articles"]) >= 2 and passengers["conflicts"] == []
    # the same dates written three ways are one anchor
    assert {tuple(s["dates"]) for s in toll["statements"]} == {("2025-12-14/2025-12-15",)}
    # attribution: "police said", "teilte die Polizei mit", "selon la police"
    assert {a["source"] for a in toll["attributions"]} >= {"Harbour Herald", "Seebote"}
    # ... credited to the police, a kind of source without a name, in each language
    assert {a["by"].casefold() for a in toll["attributions"]} >= {"police", "polizei"}
    assert {a["role"] for a in toll["attributions"]} == {"investigators"}
    # the brief says who the sources credit
    assert "said by: Polizei (Seebote); police (Harbour Herald, Le Lac)" in brief_markdown(result)
    # a second comparison reads the statement vectors from the store
    again = compare_articles(ferry_store, list(ids.values()))
    assert again["vectors_computed"] == 0 and again["groups"] == result["groups"]


def test_number_conflict_needs_disagreeing_numbers_of_one_kind(ferry_store):
    from tidings.compare.statements import load_statements

    statements = {s.language: s for s in load_statements(ferry_store, list(_ids(ferry_store).values())) if s.index == 0}
    assert number_conflict(statements["en"], statements["fr"]) is None  # 12 and 12
    pair = number_conflict(statements["en"], statements["de"])
    assert pair is not None and {pair[0].value, pair[1].value} == {12, 19}


def test_one_article_empty_and_plain_input(ferry_store):
    one = compare_articles(ferry_store, [_ids(ferry_store)["en"]])
    assert one["compared_articles"] == 1 and one["conflicts"] == []
    assert one["groups"] and all(g["verdict"] == "one" for g in one["groups"])
    empty = compare_articles(ferry_store, [])
    assert empty["groups"] == [] and empty["counts"]["statements"] == 0
    assert compare_story(ferry_store, 10**9) is None
    assert "## Key facts" in brief_markdown(one)


def test_big_story_is_capped(ferry_store):
    ids = list(_ids(ferry_store).values())
    result = compare_articles(ferry_store, ids, max_articles=2, per_article=1)
    assert result["compared_articles"] == 2 and result["total_articles"] == 3
    assert result["counts"]["statements"] <= 2


def test_cli_compare_json_and_brief(ferry_store):
    env = dict(os.environ, TIDINGS_DB=f"sqlite:///{ferry_store.path}")
    story_id = ferry_store.query("SELECT story_id FROM articles GROUP BY story_id ORDER BY COUNT(*) DESC")[0][0]

    def run(*args):
        return subprocess.run([sys.executable, "-m", "tidings.cli", *args], env=env, capture_output=True, text=True,
                              check=True, timeout=300).stdout

    data = json.loads(run("compare", str(story_id), "--json"))
    assert {"story_id", "title", "articles", "groups", "conflicts", "counts", "compared_articles"} <= set(data)
    assert all({"id", "verdict", "articles", "sources", "languages", "statements", "conflicts"} <= set(g)
               for g in data["groups"])
    assert data["story_id"] == story_id
    table = run("compare", str(story_id))
    assert "verdict" in table
    assert run("brief", str(story_id), "--format", "html").startswith("<h1>")
    coverage = json.loads(run("coverage", "--json", "--min-size", "1"))
    assert {item["language"] for item in coverage["languages"]} >= {"en", "de", "fr"}


def test_api_pages_and_twins(ferry_store):
    client = TestClient(create_app(store=ferry_store))
    story_id = ferry_store.query("SELECT story_id FROM articles GROUP BY story_id ORDER BY COUNT(*) DESC")[0][0]
    api = client.get(f"/api/stories/{story_id}/compare").json()
    twin = client.get(f"/stories/{story_id}/compare.json").json()
    assert api["groups"] == twin["groups"] and api["story_id"] == story_id
    page = client.get(f"/stories/{story_id}/compare")
    assert page.status_code == 200 and "Statements by source" in page.text
    assert 'class="muted said-by">(police: said)' in page.text  # who said it, on the panel
    first = twin["groups"][0]["statements"][0]
    assert f'/articles/{first["article_id"]}?s={first["sentence"]}#s{first["sentence"]}' in page.text
    article = client.get(f'/articles/{first["article_id"]}?s={first["sentence"]}')
    assert f'<mark class="sentence" id="s{first["sentence"]}">' in article.text
    assert "Sources compared" in client.get(f"/stories/{story_id}").text
    assert client.get("/coverage").status_code == 200
    assert client.get("/coverage.json").json()["languages"]
    assert client.get(f"/api/stories/{story_id}/coverage").json()["languages"]
    brief = client.get(f"/api/stories/{story_id}/brief?format=md")
    assert brief.status_code == 200 and brief.text.startswith("# ")
    assert client.get("/api/stories/999999/compare").status_code == 404
    assert client.get(f"/api/stories/{story_id}/brief?format=pdf").status_code == 422


def _statement(article, index, language, vector, text="", quantities=()):
    from tidings.compare.statements import Statement

    vector = np.asarray(vector, dtype=np.float32)
    return Statement(article_id=article, index=index, text=text, start=0, end=len(text), language=language,
                     source=f"s{article}", published=None, quantities=list(quantities),
                     vector=vector / np.linalg.norm(vector))


def test_alignment_centres_languages_and_lets_a_sentence_state_two_facts():
    from tidings.compare.align import AlignParams, align

    # four facts (axes 0-3), two languages each written with a strong shared offset (axis 5 or 6),
    # as e5 gives every sentence of one language and one story a common component
    rng = np.random.default_rng(3)
    facts = np.eye(8)[:4]

    def said(fact_vector, language):
        offset = np.eye(8)[5 if language == "de" else 6] * 3.0
        return fact_vector + offset + rng.normal(0, 0.05, 8)

    statements = [_statement(1, i, "de", said(facts[i], "de")) for i in range(4)]
    statements += [_statement(2, i, "vi", said(facts[i], "vi")) for i in range(4)]
    # a third article (German) states facts 0 and 1 in one sentence, and fact 2 alone
    statements += [_statement(3, 0, "de", said(facts[0] + facts[1], "de")), _statement(3, 1, "de", said(facts[2], "de"))]
    # the two-fact sentence's mean score to the fact-0 group is ~0.41 here: a second threshold under it
    params = AlignParams(threshold=0.20, second_threshold=0.35)
    groups = [sorted((statements[i].article_id, statements[i].index) for i in g) for g in align(statements, params)]
    # raw cosines are all above 0.9 here (the language offset dominates); centred, the facts line up
    assert [(1, 0), (2, 0), (3, 0)] in groups and [(1, 2), (2, 2), (3, 1)] in groups
    assert [(1, 1), (2, 1), (3, 0)] in groups  # the two-fact sentence is in a second group
    assert [(1, 3), (2, 3)] in groups
    assert sum((3, 0) in g for g in groups) == 2 and sum((3, 1) in g for g in groups) == 1


def test_conflicts_are_found_across_groups_between_alike_statements():
    from tidings.compare import AlignParams, compare_statements

    dead_a = find_quantities("42 people died", "en")
    dead_b = find_quantities("57 Tote", "de")
    base = np.eye(8)
    statements = [_statement(1, 0, "en", base[0] + 0.5 * base[1], "42 people died in the floods", dead_a),
                  _statement(1, 1, "en", base[2], "Rescue teams searched the valley"),
                  _statement(2, 0, "de", base[0] + 0.5 * base[3], "57 Tote nach dem Hochwasser", dead_b),
                  _statement(2, 1, "de", base[2] + 0.1 * base[4], "Rettungskräfte suchten das Tal ab"),
                  _statement(3, 0, "fr", base[6], "Le maire a décrété trois jours de deuil")]
    rows = [{"id": a, "title": "", "language": "x", "source": f"s{a}", "published": None, "url": ""} for a in (1, 2, 3)]
    # a grouping threshold too strict to group the two tolls: the conflict is still looked for
    result = compare_statements(rows, statements, AlignParams(threshold=0.9, second_threshold=0.95))
    assert not any({s["article_id"] for s in g["statements"]} >= {1, 2} and g["statements"][0]["sentence"] == 0
                   for g in result["groups"])
    (conflict,) = result["conflicts"]
    assert (conflict["kind"], conflict["role"]) == ("number", "dead")
    assert {v["value"] for v in conflict["versions"]} == {"42", "57"}
    assert len(conflict["groups"]) == 2
    # statements alike only by chance (under conflict_score) are not compared
    strict = compare_statements(rows, statements, AlignParams(threshold=0.9, second_threshold=0.95, conflict_score=0.95))
    assert strict["conflicts"] == []


def test_statement_vectors_made_at_ingest_are_the_ones_compare_makes(ferry_store, tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_STATEMENT_VECTORS", "ingest")
    for name, text in FERRY.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'ingest.db'}")
    Pipeline(store).ingest([str(tmp_path)])
    stored = store.query("SELECT COUNT(*) FROM statement_vectors")[0][0]
    at_ingest = compare_articles(store, list(_ids(store).values()), write_cache=False)
    assert stored == at_ingest["counts"]["statements"] > 0 and at_ingest["vectors_computed"] == 0
    at_compare = compare_articles(ferry_store, list(_ids(ferry_store).values()))
    assert [[s["text"] for s in g["statements"]] for g in at_ingest["groups"]] == \
        [[s["text"] for s in g["statements"]] for g in at_compare["groups"]]


def test_statement_vectors_of_another_version_are_made_again(ferry_store, monkeypatch):
    ids = list(_ids(ferry_store).values())
    first = compare_articles(ferry_store, ids)
    assert compare_articles(ferry_store, ids)["vectors_computed"] == 0  # cached by the first comparison
    version = ferry_store.query("SELECT DISTINCT model FROM statement_vectors")[0][0]
    assert version.endswith("#" + STATEMENT_VECTORS_VERSION)
    monkeypatch.setattr("tidings.model.STATEMENT_VECTORS_VERSION", "clauses-next")
    again = compare_articles(ferry_store, ids)
    assert again["vectors_computed"] == first["counts"]["statements"] > 0  # rows of what they held before


def test_clauses_of_a_long_sentence():
    from tidings.compare.statements import clause_spans, embed_texts

    text = ("The storm flooded the old harbour district on Tuesday night, cutting power to 4,000 homes, "
            "and the mayor closed every school in the valley until further notice.")
    spans = clause_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "The storm flooded the old harbour district on Tuesday night,",
        "cutting power to 4,000 homes, and the mayor closed every school in the valley until further notice."]
    assert embed_texts(text) == [text] + [text[a:b] for a, b in spans]
    # short pieces are no clauses of their own; a sentence of one clause has none
    assert clause_spans("Rescuers, divers and pilots searched the lake all night long without a break.") == []
    assert clause_spans("The mayor – who was re-elected in May – declared three days of mourning.") == []
    assert clause_spans("Der Bürgermeister kündigte drei Tage Trauer an.") == []


def test_lines_that_do_not_end_as_sentences_are_no_statements():
    from tidings.compare.statements import chosen_sentences

    lines = ["Hochwasser im Tal: Schulen bleiben geschlossen",  # a crosshead
             "Más información: Así fue la noche de la tormenta en el valle",  # a related link
             "The storm cut power to 4,000 homes on Tuesday night.",
             "\u00abWe have never seen water this high\u00bb, the mayor told reporters in the town hall.",
             "\u00abNous n'avons jamais vu l'eau monter aussi vite.\u00bb"]
    text = "\n".join(lines)
    spans, at = [], 0
    for line in lines:
        spans.append((at, at + len(line)))
        at += len(line) + 1
    assert chosen_sentences(text, spans) == [2, 3, 4]


def _spans_of(lines: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text and sentence spans of lines that are one sentence each, or two where a line holds
    'sentence. credit' (the reader splits the credit off as a sentence of its own)."""
    text = "\n".join(lines)
    spans, at = [], 0
    for line in lines:
        cut = line.find(". ") + 1 if ". " in line else len(line)
        spans.append((at, at + cut))
        if cut < len(line):
            spans.append((at + cut + 1, at + len(line)))
        at += len(line) + 1
    return text, spans


def test_a_photo_caption_is_no_statement():
    from tidings.compare.statements import chosen_sentences
    from tidings.read.clean import photo_credit

    lines = ["The storm cut power to 4,000 homes on Tuesday night.",  # 0
             "Firefighters pump water out of a flooded street in the old town. REUTERS",  # 1, 2
             "El alcalde visita la zona inundada del casco antiguo en el valle. EFE/Yonhap",  # 3, 4
             "Le maire devant la mairie inondée, mercredi 12 mars, à Valence. JEAN DUPONT / AFP",  # 5, 6
             "Rescuers carry a resident through the flooded market square. (AP Photo)",  # 7, 8
             "The mayor declared three days of mourning for the victims. He thanked the rescuers."]  # 9, 10
    text, spans = _spans_of(lines)
    # a line of one sentence and the photo's credit after it is a caption; two sentences of news are not
    assert chosen_sentences(text, spans) == [0, 9, 10]
    for credit in ("REUTERS", "EFE/Yonhap", "TAKASHI ONO / REUTERS", "(AP Photo)", "Getty Images", "| KYODO",
                   "Photo credit: Akorda", "（新华社发）", "图片来源：视觉中国", "DN"):
        assert photo_credit(credit), credit
    for heading in ("Why Leo XIV matters", 'Teherán advierte de consecuencias "eternas"', "He thanked the rescuers.",
                    "Il a finalement été élu dans l'après-midi."):
        assert not photo_credit(heading), heading


def test_a_dateline_or_a_follow_us_line_is_no_statement():
    from tidings.compare.statements import chosen_sentences

    lines = ["МОСКВА, 22 июн - РИА Новости.",
             "Вооруженные силы США в ночь на воскресенье атаковали три ядерных объекта в Иране.",
             "Puedes seguir a EL PAÍS Internacional en Facebook y X.",
             "Reuters could not independently verify the footage from the town."]
    text, spans = _spans_of(lines)
    assert chosen_sentences(text, spans) == [1, 3]


def test_a_caption_is_left_out_of_a_comparison(tmp_path):
    """The same scene's captions in two outlets look alike, but they report no fact: neither is a
    statement of its article."""
    from tidings.compare import compare_articles
    from tidings.pipeline import Pipeline
    from tidings.read.embed import HashingEmbedder

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Storm in the valley\n\nThe storm cut power to 4,000 homes in the valley on Tuesday night, the utility said.\n"
        "Firefighters pump water out of a flooded street in the old town. REUTERS\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Flooding after the storm\n\nMore than 4,000 households lost electricity when the river burst its banks.\n"
        "Firefighters pump water out of a flooded street in the old town. AFP\n", encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'caption.db'}")
    embedder = HashingEmbedder(384)
    Pipeline(store, embedder=embedder).ingest([str(folder)])
    ids = [r[0] for r in store.query("SELECT id FROM articles ORDER BY id")]
    result = compare_articles(store, ids, embedder=embedder)
    assert result["compared_articles"] == 2 and result["counts"]["statements"] == 2  # the news sentence of each
    texts = [s["text"] for g in result["groups"] for s in g["statements"]]
    assert texts and not any("Firefighters" in t for t in texts)


def test_a_clause_aligns_where_its_long_sentence_does_not():
    from tidings.compare.align import AlignParams, align

    facts = np.eye(8)
    # three articles state fact 0 and fact 1 in short sentences; a fourth states facts 0, 1 and 2
    # in one long sentence whose whole vector is close to none of them, but whose clauses are
    statements = []
    for article, language in ((1, "de"), (2, "vi"), (3, "fr")):
        statements += [_statement(article, 0, language, facts[0] + 0.1 * facts[5 + article % 3], "a" * 30),
                       _statement(article, 1, language, facts[1] + 0.1 * facts[5 + article % 3], "b" * 30)]
    text = "x" * 60 + ", " + "y" * 60 + ", " + "z" * 60
    long = _statement(4, 0, "en", facts[0] + facts[1] + 1.6 * facts[2] + facts[3], text)
    statements += [_statement(4, 1, "en", facts[4], "w" * 30)]
    params = AlignParams(threshold=0.5, second_threshold=0.9)

    def grouped(long_statement):
        groups = align(statements + [long_statement], params)
        return sorted(sorted(statements[i].article_id if i < len(statements) else 4 for i in g)
                      for g in groups if len(g) > 1)

    assert grouped(long) == [[1, 2, 3], [1, 2, 3]]  # the whole sentence matches neither fact well
    clauses = [(0, 61), (63, 124), (126, 186)]
    split = replace(long, clauses=clauses, clause_vectors=np.vstack([facts[0], facts[1], facts[2]]).astype(np.float32))
    assert grouped(split) == [[1, 2, 3, 4], [1, 2, 3, 4]]  # each clause joins its fact's group


def test_the_same_exact_number_adds_to_the_score_and_a_year_does_not():
    from tidings.compare.align import AlignParams, pair_scores

    base = np.eye(8)
    a = _statement(1, 0, "en", base[0], "242 people were on board", find_quantities("242 people were on board", "en"))
    b = _statement(2, 0, "de", base[1], "242 Menschen an Bord", find_quantities("242 Menschen an Bord", "de"))
    c = _statement(3, 0, "fr", base[2], "243 personnes à bord", find_quantities("243 personnes à bord", "fr"))
    plain = AlignParams(number_weight=0, role_weight=0, exact_weight=0)
    with_exact = AlignParams(number_weight=0, role_weight=0, exact_weight=0.1)
    with np.errstate(invalid="ignore"):  # -inf - -inf within one article
        gain = pair_scores([a, b, c], with_exact) - pair_scores([a, b, c], plain)
    assert gain[0, 1] == pytest.approx(0.1) and gain[0, 2] == pytest.approx(0.0)
    from tidings.compare.numbers import Quantity

    year = Quantity(start=3, end=7, text="2011", value=2011, low=2011, high=2011)
    years = [_statement(i, 0, "en", base[i], "in 2011", [year]) for i in (1, 2)]
    with np.errstate(invalid="ignore"):
        assert (pair_scores(years, with_exact) - pair_scores(years, plain))[0, 1] == pytest.approx(0.0)


def test_clause_vectors_are_cached_with_their_sentence(tmp_path):
    from tidings.compare.statements import attach_vectors, load_statements
    from tidings.read.embed import HashingEmbedder

    folder = tmp_path / "storm"
    folder.mkdir()
    (folder / "en.txt").write_text(
        "Storm floods the harbour\n\nThe storm flooded the old harbour district on Tuesday night, cutting power "
        "to 4,000 homes, and the mayor closed every school in the valley until further notice.\n"
        "Rescue teams searched the flooded streets through the night.\n", encoding="utf-8")
    embedder = HashingEmbedder(64)
    store = Store(f"sqlite:///{tmp_path / 'storm.db'}")
    Pipeline(store, embedder=embedder).ingest([str(folder)])
    ids = [r[0] for r in store.query("SELECT id FROM articles")]
    first = load_statements(store, ids)
    assert [len(s.clauses) for s in first] == [2, 0]
    assert attach_vectors(store, first, embedder) == 2
    again = load_statements(store, ids)
    assert attach_vectors(store, again, embedder) == 0  # sentence and clause vectors come from the cache
    assert again[0].clause_vectors.shape == (2, 64) and again[1].clause_vectors is None
    assert np.allclose(again[0].clause_vectors, first[0].clause_vectors) and np.allclose(again[0].vector, first[0].vector)


def test_a_shared_resolved_entity_adds_to_the_score_and_an_unresolved_name_does_not():
    from tidings.compare.align import AlignParams, pair_scores

    base = np.eye(8)
    statements = [_statement(1, 0, "ko", base[0], "Lee Jae-myung took the oath of office in Seoul"),
                  _statement(2, 0, "ru", base[1], "Ли Чжэ Мён принёс присягу в Сеуле"),
                  _statement(3, 0, "vi", base[2], "Ông Lee tuyên thệ nhậm chức tổng thống"),
                  _statement(4, 0, "de", base[3], "Der neue Präsident legte den Amtseid ab")]
    statements[0].actors = {"E:7", "E:9"}
    statements[1].actors = {"E:7"}  # the same person, resolved across scripts
    statements[2].actors = {"P:l"}  # a name the entity stage did not resolve
    statements[3].actors = {"E:9", "E:7"}  # two shared entities count once
    plain = AlignParams(number_weight=0, role_weight=0, exact_weight=0, entity_weight=0, kind_penalty=0)
    with_entities = replace(plain, entity_weight=0.08)
    with np.errstate(invalid="ignore"):
        gain = pair_scores(statements, with_entities) - pair_scores(statements, plain)
    assert gain[0, 1] == pytest.approx(0.08) and gain[0, 3] == pytest.approx(0.08)
    assert gain[0, 2] == pytest.approx(0.0) and gain[1, 2] == pytest.approx(0.0)


def test_statements_counting_different_things_are_penalised():
    from tidings.compare.align import AlignParams, pair_scores

    base = np.eye(8)
    texts = [("en", "Myanmar's military government said 732 people had been injured"),
             ("fr", "La junte a fait état de 1 700 morts dans tout le pays"),
             ("de", "Nach Angaben der Junta kamen 1.644 Menschen ums Leben"),
             ("es", "Los equipos de rescate trabajaron toda la noche entre los escombros")]
    statements = [_statement(i + 1, 0, language, base[i], text, find_quantities(text, language))
                  for i, (language, text) in enumerate(texts)]
    assert [q.role for q in statements[0].quantities] == ["injured"]
    assert [q.role for q in statements[1].quantities] == ["dead"] == [q.role for q in statements[2].quantities]
    plain = AlignParams(number_weight=0, role_weight=0, exact_weight=0, entity_weight=0, kind_penalty=0)
    with np.errstate(invalid="ignore"):
        change = pair_scores(statements, replace(plain, kind_penalty=0.2)) - pair_scores(statements, plain)
    assert change[0, 1] == pytest.approx(-0.2) and change[0, 2] == pytest.approx(-0.2)  # injured vs dead
    assert change[1, 2] == pytest.approx(0.0)  # both count the dead: a conflict to find, not a penalty
    assert change[0, 3] == pytest.approx(0.0) and change[1, 3] == pytest.approx(0.0)  # one side counts nothing


def test_a_sentence_stating_three_facts_joins_three_groups():
    from tidings.compare.align import AlignParams, align

    facts = np.eye(12)
    statements = []
    for article, language in ((1, "de"), (2, "vi"), (3, "fr")):  # five facts each, one sentence a fact
        statements += [_statement(article, i, language, facts[i] + 0.05 * facts[8 + article]) for i in range(5)]
    # the fourth article states facts 0, 1 and 2 in one sentence (centred, it scores ~0.37 with each)
    long = len(statements)
    statements += [_statement(4, 0, "en", facts[0] + facts[1] + facts[2]),
                   _statement(4, 1, "en", facts[3]), _statement(4, 2, "en", facts[4])]
    params = AlignParams(threshold=0.35, second_threshold=0.3, further_threshold=9.0)  # the further step off

    def groups_of_the_long_sentence(extra, **change):
        groups = align(statements, replace(params, second_groups=extra, **change))
        return sorted(sorted({statements[i].index for i in g if i != long}) for g in groups if long in g)

    assert groups_of_the_long_sentence(0) == [[0]]  # its own group only
    assert groups_of_the_long_sentence(1) == [[0], [1]]  # and one more
    assert groups_of_the_long_sentence(2) == [[0], [1], [2]]  # every fact it states
    # the further step (on by default) does the same without the second groups
    assert groups_of_the_long_sentence(0, further_threshold=0.3) == [[0], [1], [2]]
    assert groups_of_the_long_sentence(0, further_threshold=0.3, further_min_others=4) == [[0]]  # 3 other articles


def test_a_title_and_a_body_sentence_restating_a_fact_both_join_its_group():
    from tidings.compare.align import AlignParams, align

    facts = np.eye(12)
    statements = []
    for article, language in ((1, "de"), (2, "vi"), (3, "fr")):  # the toll and two other facts, once each
        statements += [_statement(article, i, language, facts[i] + 0.05 * facts[8 + article]) for i in range(3)]
    # the English article gives the toll in its title and again in its body, in other words
    title, body = len(statements), len(statements) + 2
    statements += [_statement(4, 0, "en", facts[0] + 0.2 * facts[5]), _statement(4, 1, "en", facts[1]),
                   _statement(4, 2, "en", facts[0] + 0.3 * facts[6]), _statement(4, 3, "en", facts[2])]

    def toll_group(params):
        return next(sorted(g) for g in align(statements, params) if 0 in g)

    # one statement per article: the body sentence is left out of the toll's group
    assert sum(i in toll_group(AlignParams(further_threshold=9.0)) for i in (title, body)) == 1
    # the further step lets the second sentence of the article join: it matches the other articles' toll
    assert toll_group(AlignParams()) == [0, 3, 6, title, body]
    # a sentence of another fact does not join, nor a sentence that matches the group loosely
    assert toll_group(AlignParams(further_threshold=0.99)) != [0, 3, 6, title, body]


def _said(text, language, article=1, dates=()):
    from tidings.compare.statements import Statement

    return Statement(article_id=article, index=0, text=text, start=0, end=len(text), language=language,
                     source=f"s{article}", published=None, quantities=find_quantities(text, language),
                     dates=list(dates))


@pytest.mark.parametrize("poll, language", [
    ("According to the exit poll, Lee won 51.7% of the vote.", "en"),
    ("По данным опроса, за Ли проголосовали 51,7% избирателей.", "ru"),
    ("Laut der Prognose kam Lee auf 51,7 Prozent der Stimmen.", "de"),
    ("Según el sondeo a pie de urna, Lee obtuvo el 51,7 % de los votos.", "es"),
    ("出口民调显示，李在明得票率为51.7%。", "zh"),
])
def test_an_exit_poll_does_not_contradict_the_official_count(poll, language):
    from tidings.compare.numbers import is_estimate

    count = _said("The election commission said Lee received 49.42% of the vote.", "en", article=2)
    estimate = _said(poll, language)
    assert is_estimate(estimate.text) and not is_estimate(count.text)
    assert number_conflict(estimate, count) is None and number_conflict(count, estimate) is None
    # two polls with different figures are one fact (the poll's share) and do conflict
    other_poll = _said("An exit poll gave Lee 49.2% of the vote.", "en", article=3)
    assert number_conflict(estimate, other_poll) is not None
    # and two counts still do
    assert number_conflict(count, _said("Lee won 48.1% of the vote, the commission said.", "en", article=3))
    # voters going to the polls is no poll
    assert not is_estimate("South Koreans went to the polls on Tuesday.")


def test_a_hedged_figure_conflicts_with_another_figure_and_a_loose_round_bound_does_not():
    from tidings.compare.verdicts import loose_bound

    at_least = _said("Nach Angaben der Polizei kamen mindestens 265 Menschen ums Leben.", "de")
    assert number_conflict(at_least, _said("The death toll rose to 270, officials said.", "en", article=2))
    assert number_conflict(_said("Les frappes ont fait au moins 31 morts.", "fr"),
                           _said("At least eight people were killed in the strikes.", "en", article=2))
    assert number_conflict(at_least, _said("At least 265 people died.", "en", article=2)) is None  # one figure
    round_bound = _said("At least 200 people were killed in the crash.", "en")
    assert number_conflict(round_bound, _said("241 people on board were killed.", "en", article=2)) is None
    assert number_conflict(_said("More than 3,900 people were injured.", "en"),
                           _said("3.400 người bị thương.", "vi", article=2)) is not None  # under the bound
    assert [loose_bound(v) for v in (200, 20, 3900, 265, 31, 8, 144, 1000)] == [True, True, True, False, False,
                                                                                 False, False, True]
    # a part of a total ("included 169 Indians") stays a lower bound of the total: 230 passengers agree
    part = _said("The passengers included 169 Indian nationals and 53 Britons.", "en")
    assert part.quantities[0].approx == "part"
    assert number_conflict(part, _said("There were 230 passengers and 12 crew on board.", "en", article=2)) is None


def test_dates_weeks_apart_in_one_group_are_two_events_not_a_conflict():
    from tidings.compare.verdicts import date_conflict

    ruling = _said("The court removed Yoon on 4 April.", "en", dates=["2025-04-04"])
    decree = _said("Yoon had declared martial law on 3 December 2024.", "en", article=2, dates=["2024-12-03"])
    assert date_conflict(ruling, decree) is None
    next_day = _said("The court removed Yoon on 5 April.", "en", article=2, dates=["2025-04-05"])
    assert date_conflict(ruling, next_day) == ("2025-04-04", "2025-04-05")


def test_the_first_round_and_the_runoff_are_two_votes():
    from tidings.compare.numbers import vote_round

    first = _said("Im Unterhaus erhielt sie im ersten Wahlgang 237 der 465 Stimmen, im Oberhaus setzte sie sich in "
                  "einer Stichwahl durch.", "de")
    assert vote_round(first.text, first.text.index("237")) == "first"
    runoff = _said("The upper house required a runoff, in which she secured 125 votes.", "en", article=2)
    assert number_conflict(first, runoff) is None and number_conflict(runoff, first) is None
    other = _said("In the first round she won 231 votes in the lower house.", "en", article=3)
    assert number_conflict(first, other) is not None  # one round, two figures
    assert number_conflict(runoff, _said("She won 125 votes.", "en", article=3)) is None


def test_a_first_toll_and_a_later_one_are_compared_though_far_apart():
    early = _said("The earthquake killed at least 144 people on Friday.", "en")
    later = _said("Depremde hayatını kaybedenlerin sayısı 2 bin 719'a yükseldi.", "tr", article=2)
    assert number_conflict(early, later) is not None  # tolls counted at different times conflict
    # other counts keep the factor of 4: 10 and 80 passengers are not two versions of one figure
    assert number_conflict(_said("The ferry carried 10 passengers.", "en"),
                           _said("The ferry carried 80 passengers.", "en", article=2)) is None


def test_a_round_word_is_not_read_inside_another_word():
    # review17: "тур" and "tur" are the start of "турецкий" (Turkish) and "turist": no round of a vote
    from tidings.compare.numbers import vote_round

    for text in ("Первый турецкий самолет приземлился, на борту 120 человек.", "İlk turistler geldi, 120 kişi.",
                 "Перший турист прибув."):
        assert vote_round(text, 0) == "", text
    for text, name in (("в первом туре она набрала 237 голосов", "first"), ("ilk turda 237 oy aldı", "first"),
                       ("во втором туре", "second"), ("ikinci turunda", "second"), ("у першому турі", "first")):
        assert vote_round(text, 0) == name, text


def test_polls_that_open_or_close_are_no_estimate():
    # review17: "Polls closed at 8 pm" names the polling stations, not an opinion poll
    from tidings.compare.numbers import is_estimate

    assert not is_estimate("Polls closed at 8 pm and turnout was 62%.")
    assert not is_estimate("Polls opened at 7 am.")
    assert is_estimate("Polls showed her at 51%.") and is_estimate("According to the exit poll, 51.7%.")


def test_the_second_groups_step_is_off_by_default_and_computes_nothing():
    # review17: second_threshold 9.0 ("off: > 2") returned a rebuilt list after a full matrix product;
    # off now returns the groups as they came, as the further step does when it is off
    from tidings.compare.align import AlignParams, _second_facts

    scores = np.array([[-np.inf, 0.9, 0.5], [0.9, -np.inf, 0.5], [0.5, 0.5, -np.inf]])
    groups = [[0, 1], [2]]
    off = AlignParams().second_threshold
    assert off > 2.0 and _second_facts(scores, np.array([1, 2, 3]), groups, off, 2) is groups
    assert _second_facts(scores, np.array([1, 2, 3]), groups, 0.4, 2) == [[0, 1, 2], [2]]
