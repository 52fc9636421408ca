"""Reading components, each on text written for the test."""
from __future__ import annotations

from datetime import date

import pytest

from tidings.model import RawArticle
from tidings.read import ReadError, read_article
from tidings.read.clean import classify_line, strip_noise
from tidings.read.dates import find_dates, parse_published
from tidings.read.language import detect_language
from tidings.read.names import find_mentions, lookup_country, name_key
from tidings.read.parse import decode
from tidings.read.sentences import split_sentences


@pytest.mark.parametrize("text, expected", [
    ("Der Bundestag hat am Dienstag über den Haushalt abgestimmt, die Opposition protestierte.", "de"),
    ("Thủ tướng đã có cuộc gặp với các nhà đầu tư nước ngoài tại Hà Nội vào sáng nay.", "vi"),
    ("Президент подписал указ о назначении нового министра обороны страны.", "ru"),
    ("Cumhurbaşkanı bugün Ankara'da düzenlenen törende konuştu ve yeni projeleri açıkladı.", "tr"),
    ("国家主席今天在北京会见了来访的外国领导人，双方讨论了合作问题。", "zh"),
    ("Мемлекет басшысы Астанада шетелдік инвесторлармен кездесіп, әріптестік мәселелерін талқылады.", "kk"),
])
def test_language_detection(text, expected):
    assert detect_language(text)[0] == expected


def test_uzbek_cyrillic_is_not_russian():
    text = "Ўзбекистон Президенти Шавкат Мирзиёев бугун Тошкентда хорижий инвесторлар билан учрашди ва ҳамкорлик масалаларини муҳокама қилди."
    assert detect_language(text)[0] == "uz"


@pytest.mark.parametrize("text", [
    # names-heavy Uzbek Latin with a plain apostrophe for oʻ / gʻ: fastText's lite model says tr, sq, jbo
    "Turkiya Prezidenti Rajab Toyyib Erdog'an Istanbulda forum ishtirokchilariga murojaat qildi. "
    "U iqtisodiy hamkorlik haqida gapirdi.",
    "Yaponiya bosh vaziri Tokio shahrida matbuot anjumani o'tkazdi va saylov haqida gapirdi.",
    "Madridda bo'lib o'tgan uchrashuvda Ispaniya bosh vaziri Italiya prezidenti bilan muzokara olib bordi.",
    "Futbol boʻyicha Oʻzbekiston terma jamoasi jahon chempionatiga yoʻllanma oldi.",
])
def test_uzbek_latin_is_not_turkish(text):
    assert detect_language(text)[0] == "uz"


@pytest.mark.parametrize("text", [
    "Cumhurbaşkanı bugün Ankara'da düzenlenen törende konuştu ve yeni projeleri açıkladı.",
    "Kosovo'da seçim sonuçları açıklandı ve muhalefet partisi kazandı.",
    "Papa Leo, Vatikan'da kardinallerle bir araya geldi. Toplantıda Kilise'nin geleceği ele alındı.",
    "Robert Prevost, Chicago'da doğdu ve uzun yıllar Peru'da misyoner olarak görev yaptı.",
    "Tokyo'da bulunan Japon Başbakanı, Togo'ya yapılacak ziyaretin ertelendiğini söyledi.",
    # Turkish typed without its letters stays Turkish: no Uzbek word in it
    "Cumhurbaskani bugun Ankara'da gazetecilere aciklama yapti ve secim tarihini duyurdu.",
    "Istanbul'da yapilan zirvede liderler Gazze icin ateskes cagrisi yapti, ancak anlasma saglanamadi.",
])
def test_turkish_stays_turkish(text):
    assert detect_language(text)[0] == "tr"


def test_noise_lines_are_removed_and_kept_by_kind():
    body = "\n".join([
        "Der Kanzler traf am Montag den Präsidenten.",
        "Der Kanzler bei der Ankunft am Flughafen",
        "Foto: dpa/Michael Kappeler",
        "Die Gespräche dauerten drei Stunden.",
        "Von Anna Schmidt, Berlin",
        "Quelle: dpa, Reuters",
        "Lesen Sie auch: Was der Gipfel bringt",
        "© Deutsche Welle 2025",
    ])
    text, removed = strip_noise(body)
    assert text == "Der Kanzler traf am Montag den Präsidenten.\nDie Gespräche dauerten drei Stunden."
    assert removed["photo_credits"] == ["Foto: dpa/Michael Kappeler"]
    assert removed["captions"] == ["Der Kanzler bei der Ankunft am Flughafen"]
    assert removed["bylines"] == ["Von Anna Schmidt, Berlin"]
    assert removed["credits"] == ["Quelle: dpa, Reuters"]
    assert removed["links"] == ["Lesen Sie auch: Was der Gipfel bringt"]
    assert removed["copyright"] == ["© Deutsche Welle 2025"]


@pytest.mark.parametrize("line, kind", [
    ("Ảnh: TTXVN", "photo_credit"), ("Nguồn: VnExpress", "source"), ("Источник: ТАСС", "source"),
    ("图为习近平抵达阿斯塔纳。新华社记者 李学仁 摄", "caption"), ("(Xinhua)", "source"), ("Kaynak: AA", "source"),
    ("المصدر: الجزيرة", "source"), ("By Jane Doe", "byline"),
    ("Von Montag an gilt in Berlin eine neue Regel für alle Autofahrer, die in der Stadt parken wollen.", None),
    ("Source of the quarrel was a disputed border in the north of the country, officials said on Monday.", None),
    ("Also Read: Timeline - the final moments of flight AI171", "read_more"),
    ("(Reporting by Reuters bureaus in Bangkok and Yangon; Editing by Mark Ellison)", "byline"),
    ("Editing by the committee took three months, officials said.", None),
    ("Special Correspondent, NEW DELHI", "byline"), ("Par notre correspondante à Bangkok", "byline"),
    ("Our correspondent in Kyiv said the shelling continued through the night.", None),
    ("（责编：李雪、王晓）", "byline"), ("编辑部发表声明。", None),
    ("Minh Khang (Theo AFP, Reuters)", "source"),
    ("Thủ tướng phát biểu tại hội nghị ở Hà Nội hôm thứ Hai (theo TTXVN).", None),
])
def test_line_classification(line, kind):
    assert classify_line(line) == kind


@pytest.mark.parametrize("text, value, precision", [
    ("Am 14. und 15. Dezember trafen sie sich.", "2025-12-14/2025-12-15", "day"),
    ("The talks on Dec 14-15 ended without a deal.", "2025-12-14/2025-12-15", "day"),
    ("2025年6月17日，峰会开幕。", "2025-06-17", "day"),
    ("Hội nghị diễn ra ngày 17 tháng 6 năm 2025 tại Astana.", "2025-06-17", "day"),
    ("Саммит прошёл 17 июня 2025 года в Астане.", "2025-06-17", "day"),
    ("Саммит 2025 жылғы 17 маусымда өтті.", "2025-06-17", "day"),
    ("La cumbre se celebró el 17 de junio de 2025.", "2025-06-17", "day"),
    ("Elections are due in March 2026.", "2026-03", "month"),
    ("Le vol a eu lieu le 19 octobre au Louvre.", "2025-10-19", "day"),
])
def test_dates_keep_their_precision(text, value, precision):
    found = find_dates(text, split_sentences(text, "en"), date(2025, 10, 20))
    assert [(d.value, d.precision) for d in found] == [(value, precision)]


def test_date_without_year_takes_the_nearest_year():
    found = find_dates("Sie treffen sich am 3. Januar.", [], date(2025, 12, 20))
    assert found[0].value == "2026-01-03"
    # half a year either way: the past one (news reports what happened; near plans are named so)
    assert find_dates("Am 3. Dezember verhängte er das Kriegsrecht.", [], date(2025, 6, 4))[0].value == "2024-12-03"


def test_a_weekday_that_begins_like_a_month_is_no_month():
    # "mardi 6" and "martes 6" are Tuesday the 6th, not 6 March ("mar")
    found = find_dates("dans la nuit du mardi 6 au mercredi 7 mai", [], date(2025, 5, 7))
    assert [d.value for d in found] == ["2025-05-07"]
    assert find_dates("El martes 6 hubo elecciones.", [], date(2025, 5, 7)) == []
    assert [d.value for d in find_dates("Le 6 mars, il a parlé.", [], date(2025, 5, 7))] == ["2025-03-06"]


def test_no_date_found_in_plain_numbers():
    assert find_dates("The team scored 3 goals in 90 minutes before 45000 fans.", [], date(2025, 1, 1)) == []


@pytest.mark.parametrize("value, expected", [
    ("2025-06-17T09:30:00Z", "2025-06-17"), ("Tue, 17 Jun 2025 09:30:00 GMT", "2025-06-17"), ("garbage", None),
])
def test_publication_dates(value, expected):
    assert parse_published(value)[0] == expected


def test_countries_in_any_language_and_inflection():
    for name in ["Kasachstan", "Kazakhstan", "Казахстана", "Қазақстанда", "Kasachstans"]:
        assert lookup_country(name) == "KZ", name
    assert lookup_country("Bundeskanzler") is None


def test_mentions_carry_script_independent_keys():
    de = "Präsident Kassym-Schomart Tokajew empfing Gäste in Kasachstan."
    ru = "Президент Казахстана Касым-Жомарт Токаев принял гостей."
    zh = "哈萨克斯坦总统托卡耶夫会见客人。"
    keys = [{m.key for m in find_mentions(t, split_sentences(t, lang), lang)} for t, lang in ((de, "de"), (ru, "ru"), (zh, "zh"))]
    assert {"C:KZ", "N:tkv"} <= keys[0] and {"C:KZ", "N:tkv"} <= keys[1] and "C:KZ" in keys[2]
    assert name_key("Tokayev") == name_key("Tokajew") == name_key("Токаев") == name_key("Тоқаев")


def test_sentences_are_spans_of_the_text():
    text = "Am 14. und 15. Dezember trafen sie sich. Dr. Müller sagte, es sei gut.\nZweiter Absatz hier."
    sentences = split_sentences(text, "de")
    assert [s.text for s in sentences] == ["Am 14. und 15. Dezember trafen sie sich.", "Dr. Müller sagte, es sei gut.",
                                           "Zweiter Absatz hier."]
    assert all(text[s.start:s.end] == s.text for s in sentences)


@pytest.mark.parametrize("encoding, text", [
    ("cp1251", "Президент провёл встречу с министрами в Москве и обсудил бюджет на следующий год."),
    ("gb18030", "国家主席今天在北京会见了来访的外国领导人，双方讨论了经济合作问题。"),
    ("latin-1", "Le président a réuni ses ministres à l'Élysée pour préparer le budget de l'année prochaine."),
])
def test_legacy_encodings_are_decoded(encoding, text):
    assert decode(text.encode(encoding)) == text


def test_txt_article_with_date_line_and_noise():
    raw = RawArticle("x.txt", "txt", "date 2025-06-17\nTitel der Meldung\n\nErster Absatz des Artikels über Kasachstan.\nFoto: dpa\n".encode())
    article = read_article(raw)
    assert (article.title, article.published, article.language) == ("Titel der Meldung", "2025-06-17", "de")
    assert article.text == "Erster Absatz des Artikels über Kasachstan."
    assert article.metadata["photo_credits"] == ["Foto: dpa"]


def test_html_article_keeps_captions_as_metadata():
    html = """<html lang="en"><head><title>Quake hits Myanmar</title>
    <meta property="article:published_time" content="2025-03-28T10:00:00Z"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Quake hits Myanmar</h1>
    <figure><img src="a.jpg"><figcaption>Rescuers search the rubble in Mandalay. Photo: AFP</figcaption></figure>
    <p>A powerful earthquake of magnitude 7.7 struck central Myanmar on Friday, damaging buildings in Mandalay and Naypyidaw.</p>
    <p>Tremors were felt as far away as Bangkok, where a high-rise under construction collapsed.</p>
    <p>The military government declared a state of emergency in six regions and appealed for international aid.</p>
    </article><footer>Copyright 2025</footer></body></html>"""
    article = read_article(RawArticle("q.html", "html", html.encode()))
    assert article.title == "Quake hits Myanmar" and article.published == "2025-03-28"
    assert "magnitude 7.7" in article.text and "Rescuers search" not in article.text
    assert article.metadata["captions"] == ["Rescuers search the rubble in Mandalay. Photo: AFP"]


def test_a_caption_left_in_an_html_body_joins_the_figure_captions():
    html = """<html lang="en"><head><title>Quake hits Myanmar</title></head><body><article><h1>Quake hits Myanmar</h1>
    <figure><img src="a.jpg"><figcaption>Rescuers search the rubble in Mandalay. Photo: AFP</figcaption></figure>
    <p>A powerful earthquake of magnitude 7.7 struck central Myanmar on Friday, damaging buildings in Mandalay and Naypyidaw.</p>
    <p>A monk walks past a collapsed pagoda in Sagaing on Saturday. REUTERS/Stringer</p>
    <p>The military government declared a state of emergency in six regions and appealed for international aid.</p>
    </article></body></html>"""
    article = read_article(RawArticle("q.html", "html", html.encode()))
    assert "monk" not in article.text and "state of emergency" in article.text
    assert article.metadata["captions"] == ["Rescuers search the rubble in Mandalay. Photo: AFP",
                                            "A monk walks past a collapsed pagoda in Sagaing on Saturday. REUTERS/Stringer"]


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"), (b"\x00\x01\x02\x03" * 100, "binary"), (b'{"title": "x"', "malformed JSON"),
    (b'["a", "b"]', "not an object"), (b'{"title": "only a title"}', "no 'text'"),
])
def test_bad_json_lines_say_why(content, reason):
    with pytest.raises(ReadError, match=reason):
        read_article(RawArticle("f.jsonl#1", "jsonl", content))


def test_month_only_publication_date_is_usable():
    # found by fuzzing: a feed item dated "Mar 2025" crashed the date component
    assert parse_published("Mar 2025") == ("2025-03-01", "month")
    raw = RawArticle("f#1", "jsonl", '{"title": "T", "text": "Ein Text über den Hafen von Hamburg.", "published": "März 2025"}'.encode())
    article = read_article(raw)
    assert (article.published, article.published_precision) == ("2025-03-01", "month")


def test_an_rfc_822_date_with_an_absurd_hour_is_not_a_crash():
    # found by fuzzing the feed parser: an hour of 80 digits overflowed email.utils
    value = "Fri, 28 Mar 2124 " + "3" * 80 + "10:00:00 GMT"
    assert parse_published(value)[1] in (None, "day", "month", "year")
    assert parse_published("Fri, 28 Mar 2025 10:00:00 GMT") == ("2025-03-28", "day")


def test_a_year_then_its_month_without_a_day():
    found = find_dates("Алғашқы саммит 2023 жылғы мамырда Қытайдың Сиань қаласында өткен еді.", [], date(2025, 6, 17))
    assert [(d.value, d.precision) for d in found] == [("2023-05", "month")]
    found = find_dates("Биринчи саммит 2023 йил май ойида Хитойда бўлиб ўтган.", [], date(2025, 6, 17))
    assert [(d.value, d.precision) for d in found] == [("2023-05", "month")]
    # with its day it stays a day
    assert [d.value for d in find_dates("2025 жылғы 17 маусымда саммит өтті.", [], None)] == ["2025-06-17"]
    # the Russian May after "в", as the other months already were ("в июне 2024 года")
    assert [d.value for d in find_dates("Первый саммит состоялся в мае 2023 года.", [], None)] == ["2023-05"]


# a photo's caption that the extractor ran into the text, its credit on the same line: removed whole
CAPTIONS_WITH_CREDIT = [
    "Rescue workers search the rubble of a collapsed school in Antakya on Monday. REUTERS/Umit Bektas",
    "Bundeskanzler Merz bei seiner Ankunft in Brüssel am Donnerstag. Michael Kappeler/dpa",
    "Vecinos observan los daños del incendio en Valparaíso, este domingo. EFE/Ailen Díaz",
    "Des manifestants place de la République, à Paris, le 12 mars 2025. STÉPHANE DE SAKUTIN / AFP",
    "Владимир Путин во время встречи в Кремле 5 мая. Сергей Бобылев / ТАСС",
    "Cumhurbaşkanı Erdoğan, Ankara'daki törende konuşuyor. (AA)",
    "Người dân xếp hàng chờ mua vé tại ga Hà Nội sáng 20/1. TTXVN",
    "متظاهرون في ساحة التحرير في بغداد يوم الجمعة. صورة: رويترز",
    "The prime minister arrives at the summit in Brussels. (AP Photo/Virginia Mayo)",
    "A view of the flooded old town of Valencia on Wednesday. Getty Images",
]


@pytest.mark.parametrize("caption", CAPTIONS_WITH_CREDIT)
def test_a_caption_with_its_credit_on_one_line_is_removed(caption):
    body = "\n".join(["The first paragraph reports the news of the day in full, as a paragraph does.", caption,
                      "The last paragraph says what happens next, and when."])
    text, removed = strip_noise(body)
    assert text == "The first paragraph reports the news of the day in full, as a paragraph does.\n" \
                   "The last paragraph says what happens next, and when."
    assert removed == {"captions": [caption]}


def test_a_chinese_caption_is_removed_with_or_without_its_credit():
    body = "\n".join(["据国家航天局介绍，探测器于29日凌晨发射升空，任务历时约十年。",
                      "图为运载火箭托举探测器升空。（新华社发）",
                      "图为6月4日，新总统在国会举行的就职仪式上发表讲话。",
                      "记者会结束前，总统用英语说：“下次在首尔。”",
                      "人民网记者 王明",
                      "（本文来自人民网）"])
    text, removed = strip_noise(body)
    assert text == "据国家航天局介绍，探测器于29日凌晨发射升空，任务历时约十年。\n记者会结束前，总统用英语说：“下次在首尔。”"
    assert removed["captions"] == ["图为运载火箭托举探测器升空。（新华社发）", "图为6月4日，新总统在国会举行的就职仪式上发表讲话。"]
    assert removed["bylines"] == ["人民网记者 王明"] and removed["credits"] == ["（本文来自人民网）"]


def test_an_article_s_last_sentence_keeps_its_text_and_gives_up_its_agency_credit():
    # "… said the ministry. (Reuters)": the sentence is the article's, the bracketed agency its source
    body = "\n".join(["Talks between the two governments broke down on Tuesday evening.",
                      "The talks will resume in Geneva next week, the foreign ministry said. (Reuters)"])
    text, removed = strip_noise(body)
    assert text == "Talks between the two governments broke down on Tuesday evening.\n" \
                   "The talks will resume in Geneva next week, the foreign ministry said."
    assert removed == {"credits": ["(Reuters)"]}
    # a last line ending with a bare credit in capitals or a photo credit is a caption like any other
    text, removed = strip_noise("La tormenta dejó sin luz a 4.000 hogares el martes por la noche.\n"
                                "Bomberos achican agua de una calle inundada del casco antiguo. EFE")
    assert text == "La tormenta dejó sin luz a 4.000 hogares el martes por la noche."
    assert removed == {"captions": ["Bomberos achican agua de una calle inundada del casco antiguo. EFE"]}


@pytest.mark.parametrize("line", [
    # two sentences or more: a paragraph, even if a credit follows
    "Rescuers worked through the night in Antakya. Three survivors were found on Tuesday. REUTERS",
    # what follows the sentence is a sentence, a heading or an aside, not a credit
    "Putin met Trump in Alaska on Friday. NATO allies were not invited to the talks.",
    "El Gobierno anunció nuevas medidas el martes. Qué cambia para los hogares",
    "Die Wahlbeteiligung lag bei 79,4 Prozent. (siehe Grafik)",
    "Die Regierung rief die Bevölkerung zur Ruhe auf, teilte die Agentur dpa am Abend mit.",
    "Le président a reçu le Premier ministre à l'Élysée, a indiqué l'AFP.",
    "Президент провел встречу с премьер-министром в Кремле, сообщает ТАСС.",
    "Avec l'AFP, il a négocié pendant des heures.",
    "Talks with Reuters reporters continued",
])
def test_a_line_that_merely_ends_like_a_credit_stays(line):
    body = "\n".join(["The first paragraph reports the news of the day in full, as a paragraph does.", line,
                      "The last paragraph says what happens next, and when."])
    assert strip_noise(body) == (body, {})


@pytest.mark.parametrize("line, kind", [
    ("Avec AFP et Reuters", "source"), ("Le Parisien avec AFP", "source"), ("Con información de EFE y Europa Press", "source"),
    ("Mit Informationen von dpa, Reuters und AFP", "source"), ("(TTXVN/Vietnam+)", "source"), ("Redacción / Agencias", "source"),
    ("Autorin: Julia Becker, Tokio", "byline"), ("Edited by: Sarah Kessler", "source"), ("Texto: Iñaki Garde | Fotos: DN", "byline"),
    ("Associated Press writers in Washington and Vienna contributed to this report.", "source"),
    ("Edited by the committee, the report took three months to write.", None),
    ("ЎзА ва «Халқ сўзи» мухбирлари", "byline"), ("Сурат: Президент матбуот хизмати", "photo_credit"),
    ("جميع الحقوق محفوظة © بوابة الأهرام", "copyright"),
    ("Text messages from the minister were published on Monday", None), ("Redacción de la ley", None),
])
def test_credit_lines_of_the_sample_corpus_kinds(line, kind):
    assert classify_line(line) == kind


def test_a_signature_in_capitals_is_a_byline_only_on_the_last_line():
    body = "Đội tuyển Việt Nam giành chức vô địch sau chiến thắng 3-2.\nTHỊ TRƯỜNG PHẢN ỨNG\nCác cầu thủ về nước ngày 6/1.\nMINH KHÔI"
    text, removed = strip_noise(body)
    assert text == "Đội tuyển Việt Nam giành chức vô địch sau chiến thắng 3-2.\nTHỊ TRƯỜNG PHẢN ỨNG\nCác cầu thủ về nước ngày 6/1."
    assert removed == {"bylines": ["MINH KHÔI"]}


def test_a_chinese_or_japanese_full_stop_before_a_digit_ends_a_sentence():
    # Xinhua: the state visit of the 16th and the first summit of May 2023 are two sentences (sentencex kept
    # them together, and "2023年5月" dated the visit)
    text = "16日，习近平抵达阿斯塔纳，对哈萨克斯坦进行国事访问。2023年5月，首届中国－中亚峰会在陕西西安举行。各方商定。"
    assert [s.text for s in split_sentences(text, "zh")] == [
        "16日，习近平抵达阿斯塔纳，对哈萨克斯坦进行国事访问。", "2023年5月，首届中国－中亚峰会在陕西西安举行。", "各方商定。"]
    assert [s.text for s in split_sentences("首相は10日に辞任した。2025年の選挙で敗れた。", "ja")] == [
        "首相は10日に辞任した。", "2025年の選挙で敗れた。"]
    # a decimal point is no full stop; spans still point to the text
    pieces = split_sentences("价格为3.5元。", "zh")
    assert [s.text for s in pieces] == ["价格为3.5元。"]
    assert all(text[s.start:s.end] == s.text for s in split_sentences(text, "zh"))


@pytest.mark.parametrize("line", ["dpa", "(Reuters)", "Interfax", "EPA", "Europa Press", "I.MEDIA", "Agencies"])
def test_a_line_of_one_agency_alone_is_a_credit(line):
    # bracketed, these were credits already; alone, the agencies the credit list has and the line's own
    # old list lacked stayed in the text
    assert classify_line(line) == "source"


@pytest.mark.parametrize("text, value, precision", [
    # a year alone where the script marks it as one (Chinese, Japanese, Korean)
    ("第三届峰会将于2027年在中国举办。", "2027", "year"),
    ("次回の首脳会議は2027年に開かれる。", "2027", "year"),
    ("다음 정상회의는 2027년에 열린다.", "2027", "year"),
    # a year with its month is the month, not the year and a number
    ("2025年6月，两国元首举行会谈。", "2025-06", "month"),
    ("2025년 6월 두 정상이 회담했다.", "2025-06", "month"),
    # Korean days, with their year or without (the nearest year, as in other languages)
    ("2025년 6월 17일 정상회의가 열렸다.", "2025-06-17", "day"),
    ("6월 14일 대통령이 아스타나에 도착했다.", "2025-06-14", "day"),
    ("회의는 6월 14~15일 열렸다.", "2025-06-14/2025-06-15", "day"),
    ("6月14日，习近平抵达阿斯塔纳。", "2025-06-14", "day"),
])
def test_cjk_and_korean_years_months_and_days(text, value, precision):
    found = find_dates(text, [], date(2025, 6, 17))
    assert [(d.value, d.precision) for d in found] == [(value, precision)]


def test_a_year_alone_needs_its_year_sign():
    # no year in a longer number, nor in a Latin-script number without its sign
    assert find_dates("编号20271年的记录", [], date(2025, 6, 17)) == []
    assert find_dates("The budget of 2027 units was cut.", [], date(2025, 6, 17)) == []
    # nor a year that starts or ends a span: "his first visit since 2015" is no visit of 2015
    for text in ("这是普京自2015年以来首次访问美国。", "从2015年起", "2015年以降", "2015년 이후", "2015년부터"):
        assert find_dates(text, [], date(2025, 6, 17)) == [], text
    # a year alone needs no article date
    assert [(d.value, d.precision) for d in find_dates("2027年", [], None)] == [("2027", "year")]


def test_a_day_without_year_is_read_against_the_articles_date():
    # French, German, Russian, Spanish, Chinese, Uzbek (the day joined to its month), Turkish, Korean: the
    # article's date gives the year, at day precision
    for text in ("l'attaque qui a tué 26 personnes, le 22 avril, près de Pahalgam",
                 "der Anschlag vom 22. April bei Pahalgam", "теракт 22 апреля в районе Пахалгама",
                 "el atentado del 22 de abril en Pahalgam", "4月22日，帕哈尔加姆发生袭击",
                 "22-aprel kuni Pahalgamda sodir bo'lgan hujum", "22 Nisan'daki saldırı", "4월 22일 파할감 테러"):
        assert [(d.value, d.precision) for d in find_dates(text, [], date(2025, 5, 7))] == [("2025-04-22", "day")], text
        assert find_dates(text, [], None) == [], text  # no article date: no year to give it


def test_a_dateline_date_reads_the_days_without_a_year_against_it():
    text = ("Kabul quake\n\nKABUL, 6 May 2025 - Rescuers searched the rubble after the rains of 22 April "
            "in several villages of the east.\n")
    article = read_article(RawArticle("k.txt", "txt", text.encode()))
    assert (article.published, article.metadata["published_from"]) == ("2025-05-06", "text")
    assert [d.value for d in article.dates] == ["2025-05-06", "2025-04-22"]


def test_a_decade_is_no_year():
    # review17: "1990年代" (the 1990s) and "1990년대" are decades, not the year 1990
    for text in ("1990年代以来，经济持续增长。", "1990年代の日本経済", "1990년대 경제 위기"):
        assert find_dates(text, [], date(2025, 6, 17)) == [], text
    assert [d.value for d in find_dates("2027年在中国举办", [], date(2025, 6, 17))] == ["2027"]


def test_a_part_of_a_year_is_no_span_from_it():
    # review17: "2025年前三季度" (the first three quarters of 2025), "2025年前5个月", "后半年", "2025年来华" (came to
    # China in 2025) name the year; "2030年前" (before 2030) and "2015年以来" still do not
    for text in ("2025年前三季度经济增长5.2%", "2025年前5个月出口增长", "2025年后半年", "他2025年来华访问"):
        assert [d.value for d in find_dates(text, [], date(2025, 6, 17))] == ["2025"], text
    for text in ("2030年前实现碳达峰", "2015年以来首次", "2015年后首次"):
        assert find_dates(text, [], date(2025, 6, 17)) == [], text


def test_script_blocks_are_written_once_and_the_modules_differences_are_kept():
    # tidy18: the script ranges were written out in many modules; textutil holds them, and where two
    # modules mean different ranges the difference stays, measured here over the whole BMP
    import re

    from tidings import known, textutil
    from tidings.compare import attribution, numbers
    from tidings.entities import resolve
    from tidings.read import names

    def chars(pattern: str) -> set[str]:
        compiled = re.compile("[" + pattern + "]")
        return {chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and compiled.match(chr(c))}

    han, kana, ext_a = chars(textutil.HAN), chars(textutil.KANA), chars(textutil.HAN_EXT_A)
    assert "中" in han and "あ" in kana and "ア" in chars(textutil.KATAKANA) and "한" in chars(textutil.HANGUL)
    assert chars(textutil.CJK) == kana | ext_a | han and attribution._CJK == textutil.CJK
    # CJK_CHAR runs from Extension A to the end of the basic block whole: the Yijing hexagrams too
    cjk_char = {ch for ch in chars(textutil.KANA_TO_HAN) if textutil.CJK_CHAR.match(ch)}
    assert cjk_char - chars(textutil.CJK) == chars("\u4dc0-\u4dff")
    # compare.numbers._is_cjk and known._unspaced read kana to Han with all between (bopomofo ㄅ, the
    # hexagrams), the latter Hangul too
    between = chars(textutil.KANA_TO_HAN)
    assert {"ㄅ", "\u4dc0"} <= between and all(numbers._is_cjk(ch) and known._unspaced(ch) for ch in between)
    assert known._unspaced("한국") and not numbers._is_cjk("한") and not known._unspaced("Ωmega")
    # the reader's test for uncased letters leaves Extension A out; its runs of such letters take it in
    assert not names._CJK_OR_UNCASED.search("\u3400") and names._UNCASED_RUN.fullmatch("\u3400中")
    assert resolve._HAN_REGION.fullmatch("加利福尼亚州") and names._CYRILLIC.match("Ж") and resolve._ARABIC.match("ع")


@pytest.mark.parametrize("text, found", [
    # dates18: a year alone in running text, where a word with it makes it a time, is a date of year
    # precision (the date: the year with its own noun, not the preposition before it)
    ("The third summit is scheduled to be held in China in 2027.", "2027"),
    ("Die nächste Wahl findet im Jahr 2027 statt.", "Jahr 2027"),
    ("Le prochain sommet aura lieu en 2027 en Chine.", "2027"),
    ("La próxima cumbre se celebrará en 2027 en China.", "2027"),
    ("Следующий саммит проведут в Китае в 2027 году.", "2027 году"),
    ("Наступний саміт відбудеться у 2027 році в Китаї.", "2027 році"),
    ("Келесі, үшінші саммит 2027 жылы Қытайда ұйымдастырылады.", "2027 жылы"),
    ("Navbatdagi sammit 2027-yilda Xitoyda bo'lib o'tadi.", "2027-yilda"),
    ("Навбатдаги учрашув 2027 йилда Хитойда бўлиб ўтади.", "2027 йилда"),
    ("Bir sonraki zirve 2027 yılında Çin'de yapılacak.", "2027 yılında"),
    ("Zirve 2027'de Çin'de yapılacak.", "2027'de"),
    ("Hội nghị tiếp theo sẽ diễn ra vào năm 2027 tại Trung Quốc.", "năm 2027"),
    ("وستعقد القمة المقبلة في الصين عام 2027.", "عام 2027"),
    ("Kolejny szczyt odbędzie się w 2027 roku w Chinach.", "2027 roku"),
    ("Il prossimo vertice si terrà nel 2027 in Cina.", "2027"),
    ("A próxima cúpula será realizada em 2027 na China.", "2027"),
    ("He narrowly lost to Yoon in 2022 and survived a knife attack.", "2022"),
    ("Prevost was born in Chicago in mid-1955.", "1955"),
    ("Следующий саммит пройдёт в конце 2027 года.", "2027 года"),
])
def test_a_year_alone_in_running_text(text, found):
    dates = find_dates(text, [], date(2025, 6, 17))
    year = "".join(c for c in found if c.isdigit())
    assert [(d.text, d.value, d.precision) for d in dates] == [(found, year, "year")]
    assert [(d.text, d.value) for d in find_dates(text, [], None)] == [(d.text, d.value) for d in dates]


def test_a_number_that_is_no_year_stays_no_date():
    # amounts, measures, flight and page numbers, resolutions: no word makes them a time
    for text in ("2027 people were evacuated from the coast.", "The fee was $2,030 last year.",
                 "The toll rose in 2027 deaths.",
                 "Der Gipfel liegt in 2000 Metern Höhe.", "Das geschah in 2027 Fällen.",
                 "Los precios subieron en 2000 euros.", "Flight 2027 landed safely.", "See page 2027 of the report.",
                 "Resolution 2231 was adopted unanimously.", "Bayern won 2027 to 1999 in the charity match.",
                 "The budget of 2027 units was cut.", "Copyright 2025 The Associated Press."):
        assert [d.value for d in find_dates(text, [], date(2025, 6, 17))] == [], text


def test_a_year_that_opens_or_closes_a_span_is_no_date():
    # as "自2015年以来" (since 2015): the start or end of a span, a deadline, a range, one of a list, a decade
    for text in ("It was his first visit since 2015.", "Prices rose from 2015 to 2020.", "Prices rose in 2015–2020.",
                 "Prices rose in 2015 and 2020.", "Emissions are to be halved by 2030.", "by the year 2030",
                 "seit dem Jahr 2015", "depuis 2015", "desde el año 2015", "в период с 2015 года",
                 "до конца 2027 года", "к 2030 году", "в 2015–2020 годах", "2019/2020 року", "з 2023 року очолював",
                 "منذ عام 2015", "ومنذ عام 2015", "حتى عام 2030", "kể từ năm 1997", "từ năm 2015 đến năm 2020",
                 "sau các năm 2008 và 2018", "những năm 1990", "2023-yildan buyon", "2030-yilgacha",
                 "Uçak 2027 yılı sonuna kadar teslim edilecek.", "2015 yılından bu yana", "2015 жылдан бері",
                 "in the 1990s", "dans les années 1990", "в 1990-е годы", "1990'larda", "1990 жылдары",
                 "από το 2015", "Il y reste jusqu'à la fin 2016.", "bis zum Ende des Jahres 2016", "bis Ende 2027",
                 "fino alla fine del 2027", "1984 il prit part"):
        assert find_dates(text, [], date(2025, 6, 17)) == [], text
    # the same words without the span's word are a time
    for text in ("Ende 2027 wird er gehen.", "Il part à la fin 2016.", "Alla fine del 1961 Dylan registrò",
                 "He fled from Kyiv in 2022.", "Sammit 2027-ci ildə keçiriləcək.", "The spread of COVID-19 in 2020.",
                 "Turnout rose to 65 in 2027."):
        assert [d.precision for d in find_dates(text, [], date(2025, 6, 17))] == ["year"], text


def test_a_year_inside_a_fuller_date_is_read_once():
    for text, value in (("The summit in June 2027 will be held in Astana.", "2027-06"),
                        ("Саммит пройдёт 17 июня 2027 года в Астане.", "2027-06-17"),
                        ("в мае 2023 года в китайском Сиане", "2023-05"),
                        ("алғашқы саммит 2023 жылғы мамырда өткен", "2023-05"),
                        ("2027 yılı Haziran ayında", "2027-06"),
                        ("Hội nghị diễn ra ngày 17 tháng 6 năm 2027.", "2027-06-17"),
                        ("La cumbre se celebrará el 17 de junio de 2027.", "2027-06-17")):
        assert [d.value for d in find_dates(text, [], date(2025, 6, 17))] == [value], text
    # two years, each with its own word, are two dates
    assert [d.value for d in find_dates("im Jahre 1999 und im Jahr 2015", [], None)] == ["1999", "2015"]


def test_a_publication_date_is_no_running_text():
    assert parse_published("2025") == (None, None)
    assert parse_published("in 2025") == (None, None)


def test_eastern_arabic_and_persian_digits_are_read_as_dates():
    # dates19: "١٥ أكتوبر ٢٠٢٥" was 15 October of the article's year (Python's \d reads the day, not the
    # literal "19|20" of the year), "عام ٢٠٢٧" no date; offsets and texts stay the article's own
    cases = (("وستعقد القمة المقبلة عام ٢٠٢٧ في الصين.", "عام ٢٠٢٧", "2027", "year"),
             ("وقع الاتفاق في ١٥ أكتوبر ٢٠٢٥ في القاهرة.", "١٥ أكتوبر ٢٠٢٥", "2025-10-15", "day"),
             ("وقال الوزير في ١٢ يونيو إن المحادثات مستمرة.", "١٢ يونيو", "2025-06-12", "day"),
             ("الاجتماع في ٣/٤/٢٠٢٤ كان الأول.", "٣/٤/٢٠٢٤", "2024-04-03", "day"),
             ("وفي مايو ٢٠٢٣ زار الرئيس بغداد.", "مايو ٢٠٢٣", "2023-05", "month"),
             ("نشست بعدی عام ۲۰۲۷ برگزار می‌شود.", "عام ۲۰۲۷", "2027", "year"),
             ("２０２５年６月１４日，两国元首会谈。", "２０２５年６月１４日", "2025-06-14", "day"))
    for text, span, value, precision in cases:
        found = find_dates(text, [], date(2025, 6, 17))
        assert [(d.text, d.value, d.precision) for d in found] == [(span, value, precision)], text
        assert text[found[0].start:found[0].end] == span
    # the same rules as for Western digits: a span's start, an amount, a decimal are no year
    for text in ("منذ عام ٢٠١٥", "حتى عام ٢٠٣٠", "في ٢٠٢٧ شخص", "في ٢٠٢٧٫٥"):
        assert find_dates(text, [], date(2025, 6, 17)) == [], text
    assert parse_published("١٥ أكتوبر ٢٠٢٥") == ("2025-10-15", "day")


def test_span_words_are_the_articles_languages():
    # dates19: Dutch "na" (after) is Polish "na" (for), Polish "do" (until) Portuguese "do" (of the): with the
    # article's language known, only its own span words make a year alone no date
    for text, language, found in (("Sejm przyjął budżet na 2027 rok.", "pl", "2027 rok"),
                                  ("O plano será revisto no final do ano de 2027.", "pt", "ano de 2027")):
        assert [(d.text, d.value) for d in find_dates(text, [], date(2025, 6, 17), language)] == \
            [(found, "2027")], text
        assert find_dates(text, [], date(2025, 6, 17)) == [], text  # language unknown: every language's words
    for text, language in (("Na 2015 werd het beter.", "nl"), ("Od 2015 roku rośnie.", "pl"),
                           ("do 2030 roku", "pl"), ("até 2030", "pt"), ("metas para o ano de 2030", "pt"),
                           ("It was his first visit since 2015.", "en"), ("منذ عام ٢٠١٥", "ar"),
                           ("2015 жылдан бері", "kk"), ("kể từ năm 1997", "vi"), ("до 2030. године", "sr"),
                           ("A partir del año 2000, Libia cambió.", "es"), ("a partir do ano de 2015", "pt"),
                           # a quote in another script keeps its own span words: "until 2011", "since 2011"
                           ("Escribió: «До 2011 года они экспортировали это, с 2011 года жнут».", "es"),
                           ("He wrote: «منذ عام 2015»", "en")):
        assert find_dates(text, [], date(2025, 6, 17), language) == [], text
    # a word of another language of the same script is no span word: Polish "to" (it) is no English "to"
    assert [d.text for d in find_dates("Zanim do tego doszło, to w 1993 roku wydał płytę.", [], None, "pl")] == \
        ["1993 roku"]
    # through the reader: the article's detected language
    article = read_article(RawArticle("p.txt", "txt", "Budżet\n\nSejm przyjął w piątek budżet państwa na 2027 rok. "
                                      "Wydatki na obronność wzrosną.\n".encode()))
    assert article.language == "pl" and [d.text for d in article.dates] == ["2027 rok"]


def test_persian_and_urdu_years_alone():
    # dates19: the year's noun "سال" before it, Persian and Urdu, in either digits; their span words
    for text, language, found in (("اجلاس بعدی در سال ۲۰۲۷ در چین برگزار می‌شود.", "fa", "سال ۲۰۲۷"),
                                  ("اگلا اجلاس سال 2027 میں چین میں ہوگا۔", "ur", "سال 2027")):
        for lang in (language, None):
            assert [(d.text, d.value, d.precision) for d in find_dates(text, [], date(2025, 6, 17), lang)] == \
                [(found, "2027", "year")], text
    for text, language in (("از سال ۲۰۱۵ تاکنون", "fa"), ("تا سال ۲۰۳۰", "fa"), ("سال 2015 سے", "ur"),
                           ("سال 2030 تک", "ur")):
        for lang in (language, None):
            assert find_dates(text, [], date(2025, 6, 17), lang) == [], text


def test_bundled_json_reads_a_data_file_and_answers_none_for_a_missing_or_broken_one(tmp_path):
    import gzip

    from tidings.textutil import bundled_json

    good, broken = tmp_path / "good.json.gz", tmp_path / "broken.json.gz"
    with gzip.open(good, "wt", encoding="utf-8") as handle:
        handle.write('{"ko": {"김": "金"}}')
    broken.write_bytes(b"not gzip at all")
    assert bundled_json(good) == {"ko": {"김": "金"}}
    assert bundled_json(broken) is None and bundled_json(tmp_path / "missing.json.gz") is None
