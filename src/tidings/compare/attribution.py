"""Who a statement is credited to: a cue ("said", "sagte", "по словам", "göre", "表示") and the
speaker it points at, in the languages of the corpus (ar, de, en, es, fr, kk, ru, tr, uk, uz, vi, zh;
it, pt, pl with fewer cues).

A speaker is a named person or organisation (a mention of the reader), or, where none is named, a
kind of source the text names without a name: a ministry (by its portfolio, so "Ministry of
Defence", "Министерство обороны" and "Savunma Bakanlığı" are one speaker), a spokesperson, a press
service, officials, (state) media, a junta, aid agencies, an office ("his office"), experts, critics, an
outlet's own reporting ("selon nos informations"), an agency, a capital or country standing for its
government ("New Delhi affirme"). Chinese and Japanese words of these lists match without word
boundaries ("外交部发言人"), though not inside a longer word ("外交部长", the minister; "公安部门"); a cue right
after a negation ("n'ont confirmé") credits no one, and what was said or invoked ("said that X", "citing X",
"指出，X") is never the speaker: a later cue may name one ("sprach von einem Angriff, sagte Scholz"). A pronoun
cue ("по его словам", "selon lui") takes the speaker of the sentence before. `same_speaker` compares two attributions across languages: entity ids, then the
names' spellings (Çaudri, Chaudhry, Чаудхри), then the kind of source.

Cues were written from the languages' grammar (verbs of saying, "according to" phrases), not from
the gold stories' sentences; examples/gold/speakers.json measures them (bench/bench_speakers.py).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..model import AGENT_TYPES
from ..read.credits import AGENCIES as CREDIT_AGENCIES, agency_name
from ..textutil import ARABIC, CJK

_AR = ARABIC  # an Arabic word's letters: cues are matched as whole words, with the prefixes و / ف

CUES = {
    # "claimed" and "forderte" are no cue where they take lives ("the quake claimed 1,000 lives", "forderte 300 Tote")
    "en": r"said|says|say|told|announced|according\s+to|reported|stated|claimed(?!\s+(?:[\w,.]+\s+){0,4}?lives)|confirmed|quoted|insisted|"
          r"warned|added|denied|noted|described|(?<!so-)called|tweeted|posted|wrote|accused|explained|stressed|argued|"
          r"declared(?!\s+(?:dead|deceased))|declares|appealed|(?<!of\s)appeals(?!\s+(?:court|judge|panel|chamber))|urged|urges|spoke\s+(?:of|about)|pointed\s+(?:to|out)|citing",
    "de": r"sagte|sagt|erklärte|erklärt|teilte|mitteilte|teilt|nach\s+Angaben|laut|zufolge|berichtete|bestätigte|"
          r"betonte|warnte|sprach\s+von|sprach|nannte|kündigte|meldete|hieß\s+es|(?<=,\s)(?-i:so(?=\s+\p{Lu}))|"
          r"verwies|verweist|verwiesen|appellierte|appellierten|appelliert|"
          r"(?:forderte|forderten|fordert)(?!\s+(?:[\w,.]+\s+){0,4}?(?:Tote|Todesopfer|Menschenleben|Opfer|Leben))|rief|riefen|ruft|"
          r"gesprochen|äußerte|sagten|erklärten|warnten|betonten|berichteten|bestätigten|teilten|meldeten",
    # one list of past participles for every auxiliary ("a dénoncé" and "ont dénoncé" alike)
    "fr": r"selon|annonce|indique|d'après|affirme|précise|dénonce|fait\s+état|assure|confirme|évoque|estime|"
          r"(?:a|ont|avait|avaient)\s+(?:déclaré|dit|annoncé|indiqué|affirmé|précisé|assuré|averti|souligné|confirmé|"
          r"expliqué|invoqué|sollicité|appelé|exhorté|proclamé|décrété|demandé|réclamé|lancé\s+un\s+appel|"
          r"dénoncé|qualifié|estimé|promis|fait\s+savoir|fait\s+état)|"
          r"en\s+invoquant|invoque|déclare|(?<!\bs['’])appelle|exhorte|lance\s+un\s+appel|proclame",
    "es": r"dijo|declaró|afirmó|afirma|según|informó|anunció|aseguró|asegura|sostiene|advirtió|advierte|calificó|"
          r"detalló|acusó|explicó|señaló|indicó|precisó|confirmó|denunció|manifestó|subrayó|"
          r"pidió|instó|exhortó|hizo\s+un\s+llamamiento|apeló|proclamó|decretó|invocando|alegando|dijeron|"
          r"declararon|afirmaron|informaron|anunciaron|indicaron|señalaron|aseguraron|advirtieron|explicaron|"
          r"confirmaron|denunciaron|pidieron|precisaron",
    "it": r"ha\s+detto|secondo|ha\s+dichiarato|ha\s+annunciato|ha\s+affermato|ha\s+spiegato|ha\s+chiesto|"
          r"ha\s+lanciato\s+un\s+appello|ha\s+fatto\s+sapere",
    "pt": r"disse|segundo|afirmou|declarou|anunciou|informou|apelou|pediu|de\s+acordo\s+com",
    "pl": r"powiedział|według|poinformował|oświadczył|zaapelował|ogłosił|przekazał",
    "ru": r"заявил\w*|заявив\w*|сказал\w*|сказав\w*|сообщил\w*|сообщает|сообщают|по\s+данным|по\s+(?:\w+\s+)?словам|"
          r"по\s+(?:нашим|имеющимся)\s+данным|согласно|говорится|подчеркнул\w*|назвал\w*|отметил\w*|подтвердил\w*|уточнил\w*|добавил\w*|"
          r"предупредил\w*|передает|передаёт|пишет|пишут|объявил\w*|признал\w*|"
          r"призвал\w*|призвав\w*|призывает|призывают|сослал\w*|ссылаясь|провозгласил\w*",
    "uk": r"заявив\w*|заявил\w*|сказав\w*|повідомив\w*|повідомля\w+|за\s+даними|за\s+(?:\w+\s+)?словами|"
          r"наголосив\w*|наголосил\w*|зазначив\w*|зазначил\w*|підтвердив\w*|назвав\w*|пише|оголосив\w*|"
          r"закликав\w*|закликал\w*|закликає|закликають|послав\w*ся|послал\w*ся|посилаючись|оголосил\w*",
    "tr": r"açıkladı|açıklamasında|söyledi|belirtti|belirterek|dedi|göre|bildirdi|bildirildi|vurguladı|"
          r"ifade\s+etti|kaydetti|savundu|öne\s+sürdü|nitelendir\w*|duyurdu|iddia\s+etti|uyardı|aktardı|"
          r"doğruladı|açıklayarak|çağrı\w*\s+(?:bulundu|yaptı)|çağırdı|ilan\s+etti|dile\s+getirdi|"
          r"ifadelerini\s+kullandı|gerekçe\s+göster\w*",
    # "theo" (according to) not before what is no source: local time, a plan, a rule, an agreement
    "vi": r"cho\s+biết|theo(?!\s+(?:giờ|đó|kế\s+hoạch|lịch|quy\s+định|thỏa\s+thuận|thoả\s+thuận|luật(?!\s+sư)|hướng|dõi|sau|"
          r"như|kịp|truyền\s+thống|từng|mỗi))|tuyên\s+bố|phát\s+biểu|nói|khẳng\s+định|nhấn\s+mạnh|thông\s+báo|xác\s+nhận|"
          r"cảnh\s+báo|đưa\s+tin|thông\s+tin|kêu\s+gọi|lời\s+kêu\s+gọi|công\s+bố|ban\s+bố|viện\s+dẫn|dẫn\s+lời|"
          r"cho\s+hay|nêu\s+rõ",
    "kk": r"мәлімдеді|деді|деп|хабарлады|бойынша|айтты|атап\s+өтті|жариялады|мәліметінше|сөзінше|"
          r"мәлімдеген|хабарлаған|шақырды|үндеді",
    "uz": r"aytdi|ma['ʼʻ’]lum\s+qildi|ko['ʼʻ’]ra|bildirdi|dedi|ta['ʼʻ’]kidladi|xabar\s+berdi|"
          r"e['ʼʻ’]lon\s+qildi|so['ʼʻ’]zlariga|chaqirdi|murojaat\s+qildi|deb",
}
# Arabic verbs of saying with their feminine / plural endings, and "according to"; Chinese and
# Japanese without word boundaries
_AR_CUES = (rf"(?<![{_AR}])[وف]?(?:قال|أعلن|أكد|أوضح|ذكر|أشار|حذر|حذّر|وصف|نقل|شدد|شدّد|صرح|صرّح|أفاد|كشف|"
            rf"أضاف|تابع|اعتبر|نفى|ناشد|طالب|أدان|ندد)(?:ت|وا)?(?![{_AR}])"
            rf"|(?<![{_AR}])[وف]?(?:دعا|دعت|دعوا)(?![{_AR}])"
            rf"|(?<![{_AR}])[وف]?(?:وفقا|وفقاً|وفق|بحسب|حسب|مؤكدا|مؤكداً|موضحا|موضحاً|مشيرا|مشيراً|قائلا|قائلاً)(?![{_AR}])")
_ZH_CUES = r"表示|称|说|据|宣布|指出|报道|介绍|强调|透露|证实|警告|发文|声明|通报|呼吁|敦促|谴责|援引|によると|と述べ|発表"


def _compile(body: str) -> re.Pattern:
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


# Python's re has no \p{Lu}: an upper-case letter after German "so" (", so Nuñez") is spelled out
_UPPER = "A-ZÄÖÜÀ-ÞĀ-Ž"
_CUE_RE = {lang: _compile(body.replace(r"\p{Lu}", f"[{_UPPER}]")) for lang, body in CUES.items()}
_CUE_RE["ar"] = re.compile(_AR_CUES)
_CUE_RE["zh"] = re.compile(_ZH_CUES)
_CUE_RE["ja"] = _CUE_RE["zh"]
_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in (_compile("|".join(CUES.values()).replace(
    r"\p{Lu}", f"[{_UPPER}]")), _CUE_RE["ar"], _CUE_RE["zh"])), re.IGNORECASE)


def cue_pattern(language: str | None) -> re.Pattern:
    """The cues of a language (all languages' cues for one without a list)."""
    return _CUE_RE.get((language or "").split("-")[0].lower(), _ANY)


# A pronoun cue: the speaker is the one of the sentence before ("По его словам, ...", "selon lui").
PRONOUN_CUES = re.compile(
    r"\b(?:according\s+to\s+(?:him|her|them)|(?:he|she|they)\s+(?:said|added|told|noted|warned)|"
    r"(?:sagte|erklärte|betonte|fügte)\s+(?:er|sie)|so\s+(?:er|sie)\b|ihm\s+zufolge|ihr\s+zufolge|seinen\s+Angaben|"
    r"selon\s+(?:lui|elle|eux)|a-t-(?:il|elle)|según\s+(?:él|ella)|"
    r"по\s+(?:его|ее|её|их)\s+(?:словам|данным)|(?:он|она|они)\s+(?:заявил|сообщил|добавил|подчеркнул)\w*|"
    r"за\s+(?:його|її|їхніми)\s+(?:словами|даними)|(?:він|вона)\s+(?:заявив|заявила|додав|додала)|"
    r"ona\s+göre|onun\s+açıklamasına\s+göre|ông\s+(?:cho\s+biết|nói)|bà\s+(?:cho\s+biết|nói)|"
    r"оның\s+сөзінше|uning\s+so['ʼʻ’]zlariga)"
    rf"|(?<![{_AR}])(?:وأضاف|وأضافت|وتابع|وتابعت|بحسب\s+قوله)(?![{_AR}])|他说|她说|他表示|她表示|他称|她称",
    re.IGNORECASE)

# Sources named without a name. Each entry: kind, and the words per language (any language's words
# are looked for, since headlines and quotes mix them rarely and the words do not collide).
_MINISTRY = (r"ministry|(?<=foreign\s)office|(?<=home\s)office|ministère|ministerio|ministero|ministerium|\w+ministerium|министерств\w*|минобороны|мид|ведомств\w*|"
             r"міністерств\w*|відомств\w*|мзс|bakanlığı|bakanlık\w*|وزارة|министрлігі|vazirligi|"
             r"bộ(?=\s+(?:quốc\s+phòng|ngoại\s+giao|nội\s+vụ|văn\s+hóa|y\s+tế|tư\s+pháp|công\s+an|công\s+thương))|"
             r"(?:外交|国防|國防|商务|商務|公安|文化|卫生|衛生|司法|应急管理|應急管理|财政|財政|教育|民政|"
             r"工业和信息化|交通运输|农业农村|自然资源|生态环境)部(?![长長门門分署队隊位件落])|"
             r"(?:外務|防衛|経済産業|厚生労働|法務|総務)省")  # not 外交部长 (the minister), 公安部门, 文化部分
_PORTFOLIOS = {  # a ministry's portfolio, so one ministry is one speaker across languages
    "defence": r"defen[cs]e|verteidigung\w*|défense|defensa|difesa|оборон\w*|минобороны|savunma|الدفاع|国防|國防|防衛|quốc\s+phòng|"
               r"қорғаныс|mudofaa",
    "foreign": r"foreign|auswärtig\w*|außen\w*|affaires\s+étrangères|étrangères|exteriores|esteri|иностранных|мид|"
               r"закордонних|мзс|dışişleri|الخارجية|外交|外務|ngoại\s+giao|сыртқы\s+істер|tashqi\s+ishlar",
    "interior": r"interior|home\s+affairs|home(?=\s+office)|innen\w*|intérieur|interno|внутренних|внутрішніх|içişleri|الداخلية|"
                r"内政|公安|nội\s+vụ|công\s+an|ішкі\s+істер|ichki\s+ishlar",
    "commerce": r"commerce|trade|handel\w*|comercio|commercio|торговл\w*|ticaret|التجارة|商务|商務|経済産業|"
                r"thương\s+mại|công\s+thương|сауда|savdo",
    "culture": r"culture|kultur\w*|cultura|культур\w*|kültür|الثقافة|文化|văn\s+hóa|мәдениет|madaniyat",
    "health": r"health|gesundheit\w*|santé|sanidad|salud|salute|здравоохранени\w*|охорони\s+здоров|sağlık|الصحة|"
              r"卫生|衛生|厚生労働|y\s+tế|денсаулық|sog['ʼʻ’]liqni",
    "justice": r"justice|justiz\w*|justicia|giustizia|юстиции|юстиції|adalet|العدل|司法|tư\s+pháp|әділет|adliya",
    "emergencies": r"emergenc\w*|чрезвычайных|мчс|надзвичайних|afet|الطوارئ|应急|khẩn\s+cấp|төтенше|favqulodda",
}
_KINDS = [
    ("spokesperson", r"spokes(?:man|woman|person)|sprecher(?:in)?|porte-parole|portavoz|portavoce|"
                     r"пресс-секретар\w*|официальный\s+представител\w*|представител\w*|речни\w*|прес-секретар\w*|"
                     r"sözcüsü|sözcü|متحدث|المتحدث|الناطق|发言人|người\s+phát\s+ngôn|өкілі|баспасөз\s+хатшысы|"
                     r"matbuot\s+kotibi|vakili"),
    ("press service", r"press\s+(?:service|office)|pressestelle|service\s+de\s+presse|servicio\s+de\s+prensa|"
                      r"пресс-служб\w*|прес-служб\w*|basın\s+(?:bürosu|ofisi|birimi)|المكتب\s+الإعلامي|新闻办\w*|"
                      r"新闻处|ban\s+báo\s+chí|баспасөз\s+қызметі|matbuot\s+xizmati"),
    ("state media", r"state(?:-run)?\s+(?:media|television|tv|news\s+agency)|staatsmedien|staatsfernsehen|"
                    r"médias\s+d['’]état|télévision\s+d['’]état|medios\s+estatales|televisión\s+estatal|"
                    r"государственн\w+\s+(?:сми|телевидени\w*)|державн\w+\s+(?:змі|телебачен\w*)|"
                    r"devlet\s+(?:medyası|televizyonu)|التلفزيون\s+الرسمي|وسائل\s+الإعلام\s+الرسمية|官方媒体|官媒|"
                    r"国家电视台|truyền\s+thông\s+nhà\s+nước|мемлекеттік\s+(?:бақ|арна)|davlat\s+televideniyesi"),
    ("office", r"office|büro|bureau|cabinet|oficina|офис\w*|канцеляри\w*|ofisi|مكتب|办公室|văn\s+phòng|кеңсесі|devoni"),
    # not the Spanish and Italian "la media", "una media" (the average; "y media", half past)
    ("media", r"(?<!\bla\s)(?<!\buna\s)(?<!\by\s)media|medien|médias|medios|сми|змі|medya\w*|وسائل\s+(?:ال)?إعلام|媒体|truyền\s+thông|báo\s+chí|бақ"),
    ("officials", r"officials|authorities|government|beamte|behörden|regierung|responsables|autorités|"
                  r"gouvernement|funcionarios|autoridades|gobierno|официальные\s+лица|власти|правительств\w*|"
                  r"чиновник\w*|посадовці|влада|уряд\w*|yetkililer|yetkili|hükümet\w*|مسؤولون|مسؤولين|السلطات|"
                  r"الحكومة|官员|当局|政府|quan\s+chức|nhà\s+chức\s+trách|chính\s+phủ|шенеуніктер|билік|үкімет\w*|"
                  r"rasmiylar|hukumat\w*"),
    # not a board of Spanish ("Junta Electoral Central", "Junta de Andalucía", "Xunta de Galicia"): no military
    ("junta", r"junta(?!\s+(?:de|del|directiva|electoral|general|central|local|vecinal)\b)|military\s+(?:government|regime|rulers)|militärjunta|militärregierung|junte|"
              r"gouvernement\s+militaire|régime\s+militaire|junta\s+militar|gobierno\s+militar|хунт\w*|"
              r"военн\w+\s+(?:правительств\w*|режим\w*)|військов\w+\s+(?:уряд\w*|режим\w*)|cunta\w*|"
              r"askeri\s+(?:yönetim\w*|hükümet\w*|rejim\w*)|المجلس\s+العسكري|الطغمة\s+العسكرية|军政府|軍事政権|"
              r"chính\s+quyền\s+quân\s+sự|quân\s+đội\s+cầm\s+quyền|әскери\s+хунта|harbiy\s+xunta|xunta\w*(?!\s+de\b)"),
    ("aid agencies", r"(?:aid|relief|humanitarian)\s+(?:agencies|groups|organi[sz]ations|workers)|"
                     r"hilfsorganisation\w*|hilfswerke?|organisations?\s+humanitaires?|(?-i:ONGs?)|humanitaires|"
                     r"organizaciones\s+humanitarias|(?-i:ONGs?)\s+humanitarias|гуманитарн\w+\s+организаци\w*|"
                     r"гуманітарн\w+\s+організаці\w*|(?:insani\s+)?yardım\s+(?:kuruluşları|örgütleri)|"
                     r"المنظمات\s+الإنسانية|منظمات\s+(?:الإغاثة|إنسانية)|وكالات\s+الإغاثة|人道主义组织|救援组织|援助机构|"
                     r"(?:các\s+)?tổ\s+chức\s+(?:cứu\s+trợ|nhân\s+đạo)|гуманитарлық\s+ұйымдар|gumanitar\s+tashkilotlar"),
    ("experts", r"analysts|experts|analysten|experten|analystes|analistas|expertos|esperti|аналитики|эксперты|"
                r"аналітики|експерти|analistler|uzmanlar|المحللون|الخبراء|分析人士|专家|專家|chuyên\s+gia|"
                r"giới\s+phân\s+tích|сарапшылар|ekspertlar|tahlilchilar"),
    ("own reporting", r"(?:nos|mes)\s+informations|our\s+(?:information|reporting)|unseren\s+informationen|"
                      r"nuestras?\s+informaci\w+|наши\w*\s+(?:данным|информации)|нашими\s+даними|"
                      r"edindiğimiz\s+bilgi\w*|bilgilerimize|معلوماتنا|thông\s+tin\s+của\s+chúng\s+tôi"),
    # "критики" is also the genitive of "критика" (criticism): not after a word that governs it ("после критики")
    ("critics", r"critics|kritiker|détracteurs|críticos|"
                + "".join(rf"(?<!{w}\s)" for w in ("после", "після", "из-за", "через", "без", "для", "от", "від", "волны",
                                                    "хвилі", "шквала", "потока", "поводом", "порции"))
                + r"критики|eleştirmenler|المنتقدون|批评者|"
                r"những\s+người\s+chỉ\s+trích|сыншылар|tanqidchilar"),
    ("military", r"army|armed\s+forces|military|armee|streitkräfte|militär|armée|forces\s+armées|ejército|"
                 r"fuerzas\s+armadas|армия|армии|вооруженн\w+\s+сил\w*|военн\w+|армія|збройн\w+\s+сил\w*|"
                 r"ordu|ordusu|silahlı\s+kuvvetler\w*|الجيش|القوات\s+المسلحة|军方|军队|quân\s+đội|әскер\w*|armiya"),
    ("management", r"management|museum\s+director\w*|museumsleitung|direction|dirección|дирекци\w*|руководств\w*|"
                   r"керівництв\w*|yönetim\w*|إدارة|管理层|ban\s+quản\s+lý|басшылығы|rahbariyati"),
    ("investigators", r"investigators|police|polizei|ermittler|enquêteurs|police|policía|investigadores|"
                      r"полици\w*|следовател\w*|поліці\w*|слідч\w*|polis|الشرطة|المحققون|警方|调查人员|cảnh\s+sát|"
                      r"полиция|politsiya|investigación|enquête|ermittlungen|расследовани\w*"),
]
# a word of these lists stands alone (no letter either side), except in Chinese and Japanese, which write
# no spaces: "外交部发言人", "巴基斯坦军方称" (a letter of those scripts may touch it)
_CJK = CJK
_NOT_AFTER = rf"(?<![^\W{_CJK}])"
_NOT_BEFORE = rf"(?![^\W{_CJK}])"
_KIND_RE = [(kind, re.compile(rf"{_NOT_AFTER}(?:{words}){_NOT_BEFORE}", re.IGNORECASE)) for kind, words in _KINDS]
_KIND_RE.insert(0, ("ministry", re.compile(rf"{_NOT_AFTER}(?:{_MINISTRY})(?![{_AR}])", re.IGNORECASE)))
_PORTFOLIO_RE = {name: re.compile(rf"{_NOT_AFTER}(?:{words})", re.IGNORECASE) for name, words in _PORTFOLIOS.items()}

SOCIAL = re.compile(r"\b(?:on\s+X|on\s+Twitter|on\s+Telegram|Truth\s+Social|auf\s+X|sur\s+X|en\s+X|в\s+Telegram|"
                    r"в\s+соцсетях|в\s+соцмережах|post(?:ed)?|Beitrag|publication|publicación|пост\w*|"
                    r"paylaşım\w*|bài\s+đăng)\b|تروث\s+سوشيال|منشور|تغريدة|推文|发文",
                    re.IGNORECASE)
# agencies a statement may be credited to, as written in running text (case-sensitive): read/credits.AGENCIES's
# spellings ("رويترز", "Франс Пресс", "美联社"), which also name the agency of each spelling (the speaker's key), and
# the short forms running text uses ("RIA", "РИА"); a Chinese or Japanese one without word boundaries, as
# those scripts write none ("据新华社报道"), an Arabic one with the conjunction و ("ورويترز")
_RUNNING_TEXT_AGENCIES = ("RIA", "РИА", "Anadolu")
# "Anadolu" alone is also Anatolia: not with a case ending ("Doğu Anadolu'da") nor after a region's word
# ("Doğu Anadolu Fay Hattı"); and "共同社" (Kyodo) is not the start of "共同社会" (a shared society)
_ANADOLU = "".join(rf"(?<!{w}\s)" for w in ("Doğu", "Batı", "İç", "Orta", "Güneydoğu", "Kuzey", "Güney", "Eastern",
                                              "Central")) + r"Anadolu(?!['’]\w)"


def _agency_pattern() -> re.Pattern:
    spellings = sorted({*(s for names in CREDIT_AGENCIES.values() for s in names), *_RUNNING_TEXT_AGENCIES},
                       key=len, reverse=True)
    worded = "|".join(_ANADOLU if s == "Anadolu" else re.escape(s) for s in spellings
                      if not re.search(f"[{_CJK}{_AR}]", s))
    arabic = "|".join(re.escape(s) for s in spellings if re.search(f"[{_AR}]", s))
    unspaced = "|".join(re.escape(s) for s in spellings if re.search(f"[{_CJK}]", s))
    return re.compile(rf"(?<![\w.-])(?:{worded})(?![\w-])|(?:(?<![{_AR}])|(?<=(?<![{_AR}])و))(?:{arabic})(?![{_AR}])"
                      rf"|(?:{unspaced})(?![会會])")


AGENCIES = _agency_pattern()
# an agency in a dateline is the outlet, not the speaker: "WASHINGTON (AP) -", "МОСКВА, 7 мая. /ТАСС/."
_DATELINE = re.compile(r"^[^.!?]{0,60}?(?:\(\s*|/\s*|[-–—]\s+)$")
_PLACE_TYPES = frozenset({"LOC", "GPE"})
_OWNER = re.compile(r"(?:\b(?:his|her|their|its)|[\w.-]+['’]s)\s+$", re.IGNORECASE)  # whose office
# a place that names a time zone ("giờ Washington", "hora de Madrid", "heure de Paris", "по московскому"): no one
_TIME_ZONE = re.compile(r"(?:\b(?:giờ|hora(?:\s+de)?|heure(?:\s+de)?|time\s+in|Zeit\s+in|времени|часу|saati(?:yle)?|"
                        r"vaqti|уақыты)|时间|時間)\s*$", re.IGNORECASE)
SUBJECT_CHARS = 50  # a late verb of saying credits the first agent if it starts this early
APPOSITION_CHARS = 120  # "X, <at most this>, said"
_APPOSITION_STOP = re.compile(r"[;:«»“”\"()]")
MAX_GAP = 60  # a speaker further from its cue than this (characters) is someone the sentence talks about


def _portfolio(text: str, at: int, end: int) -> tuple[str, tuple[int, int]]:
    """The portfolio named around a ministry word (within a few words either side), and the span of
    the whole name ("Ministry of Defence", "Министерстве обороны", "Kulturministerium")."""
    lo = max(0, at - 30)
    found = [(m.start() + lo, m.end() + lo, name) for name, rx in _PORTFOLIO_RE.items()
             for m in rx.finditer(text[lo:end + 40])]
    if not found:
        return "", (at, end)
    a, b, name = min(found, key=lambda f: abs(f[0] - at))
    return name, (min(a, at), max(b, end))


def _gap(span: tuple[int, int], cue: tuple[int, int]) -> int:
    return max(0, span[0] - cue[1], cue[0] - span[1])


def _portfolio_word(text: str) -> bool:
    """A mention that is only a ministry's portfolio ("ministre de l'Intérieur", "la Culture"): a
    title's part, not a speaker."""
    return any(rx.fullmatch(text.strip()) for rx in _PORTFOLIO_RE.values())


def _candidates(text: str, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who may be credited: agents the reader found, kinds of source named in the text, agencies
    outside a dateline, and (last resort) places standing for a government."""
    found = []
    for m in mentions:
        if _portfolio_word(m["text"]) or (m["start"] > 0 and _DATELINE.match(text[:m["start"]])) \
                or any(rx.fullmatch(m["text"]) for _, rx in _KIND_RE):
            continue  # a title's portfolio, the agency of a dateline (the reader may tag "AA" as ORG), or a
            # kind of source the reader took for a name ("СМИ", "Ministerium"): the kind's own candidate stands
        if m["type"] in AGENT_TYPES and not str(m.get("key", "")).startswith("C:"):
            key = f"E:{m['entity_id']}" if m.get("entity_id") else f"K:{m['key']}"
            found.append({"span": (m["start"], m["end"]), "by": m["text"], "role": "person" if m["type"] == "PER"
                          else "organisation", "key": key, "rank": 0})
        elif (m["type"] in _PLACE_TYPES or str(m.get("key", "")).startswith("C:")) \
                and not _TIME_ZONE.search(text[:m["start"]]):
            country = m.get("country") or str(m.get("key", ""))[2:4]
            if country:
                found.append({"span": (m["start"], m["end"]), "by": m["text"], "role": "government",
                              "key": f"G:{country}", "rank": 2})
    for kind, rx in _KIND_RE:
        for m in rx.finditer(text):
            span, key = m.span(), f"S:{kind}"
            if kind == "ministry":
                portfolio, span = _portfolio(text, m.start(), m.end())
                key = f"M:{portfolio or '?'}"
            elif kind == "office" and (owner := _OWNER.search(text[:span[0]])):
                span = (owner.start(), span[1])  # "his office", "Netanyahu's office": whose, for the reader
            found.append({"span": span, "by": text[span[0]:span[1]], "role": kind, "key": key, "rank": 1})
    for m in AGENCIES.finditer(text):
        if not _DATELINE.match(text[:m.start()]):
            # one key an agency, whatever the spelling: 'ТАСС' / 'TASS', 'AP' / 'Associated Press'
            agency = agency_name(m.group(0)) or m.group(0)
            found.append({"span": m.span(), "by": m.group(0), "role": "agency", "key": f"A:{agency.upper()}",
                          "rank": 0})
    return found


# between a cue and a candidate: the candidate is in what was said, not who said it
# ("Schmuckstücke, teilte das Ministerium mit"; "said that the Jaish-e-Mohammed")
_BOUNDARY = re.compile(r"[,;«»“”\"，；、]")
_THAT = re.compile(rf"(?<![\w{_AR}])(?:that|dass|que|qu['’]|что|що|rằng|أن|إن)(?![\w{_AR}])", re.IGNORECASE)
# cues that introduce their source ("according to X"), and the end of a quote before an inverted verb
_PREPOSITIONS = re.compile(r"according\s+to|nach\s+Angaben|laut|selon|d'après|según|secondo|segundo|według|"
                           r"по\s+данным|по\s+(?:\w+\s+)?словам|согласно|за\s+даними|за\s+(?:\w+\s+)?словами|theo|"
                           r"[وف]?(?:وفقا|وفقاً|وفق|بحسب|حسب)|据", re.IGNORECASE)
# cues whose object is what was invoked, never who invoked it ("en invoquant l'enquête", "citing officials")
_REFERS = re.compile(r"(?:en\s+)?invoquant|citing|invocando|alegando|ссылаясь|посилаючись|verw(?:ies|eist|iesen)|"
                     r"pointed\s+to|spoke\s+(?:of|about)|sprach\s+von|gerekçe\s+göster\w*|viện\s+dẫn", re.IGNORECASE)
_INVERTED = re.compile(r"[»“”\"]\s*,?\s*[-–—]?\s*$|^\W*$")
# verb-final languages: a verb of saying at the end credits the sentence's subject, its first agent
VERB_FINAL = frozenset({"tr", "kk", "uz", "ja", "ko"})
_TOPIC = re.compile(r"\s*,|\s+(?:ise|de|da|болса|esa)\b|(?:は|が)", re.IGNORECASE)  # "X ise", "X, …", "Xは"
_POSTPOSITIONS = re.compile(r"göre|бойынша|ko['ʼʻ’]ra|によると|мәліметінше|сөзінше", re.IGNORECASE)


def _distance(text: str, candidate: dict[str, Any], cue: tuple[int, int]) -> tuple[bool, int, bool, int]:
    """How far a candidate is from the cue, as a sort key: places (a government by metonymy) come
    last unless they are the verb's subject right before it ("New Delhi affirme"); a candidate
    across a comma or quote counts as 40 characters further, one after "said that" as out of reach;
    on a tie, a ministry's portfolio key beats the reader's organisation."""
    start, end = candidate["span"]
    gap = _gap(candidate["span"], cue)
    between = text[end:cue[0]] if end <= cue[0] else text[cue[1]:start]
    subject = end <= cue[0] and gap <= 2
    said = start >= cue[1] and bool(_THAT.search(between) or re.match(r"\s*[:：，]", between)  # "指出，…", "said: …"
                                    or _REFERS.fullmatch(text[cue[0]:cue[1]]))  # "en invoquant l'enquête"
    far = 40 * bool(gap > 2 and _BOUNDARY.search(between)) + 1000 * said
    if start >= cue[1] and not _INVERTED.search(text[:cue[0]]) and not _PREPOSITIONS.fullmatch(text[cue[0]:cue[1]]):
        far += 30  # a verb of saying follows its subject, unless it comes after the quote ("…", said X)
    # on a tie, the longer name ("военное правительство" before "правительство")
    return candidate["rank"] == 2 and not subject, gap + far, candidate["role"] != "ministry", start - end


def _inverted(text: str, cue: tuple[int, int], candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The subject of a verb of saying that follows what was said ("…, сообщил президент США Дональд
    Трамп"; "…, teilte das Ministerium mit"): right after the verb, at most three words (an article,
    a title) between."""
    if not re.search(r"[,»“”\"]\s*$", text[:cue[0]]) or _REFERS.fullmatch(text[cue[0]:cue[1]]):
        return None
    after = [c for c in candidates if c["span"][0] >= cue[1] and c["rank"] < 2
             and len(text[cue[1]:c["span"][0]].split()) <= 3 and not _BOUNDARY.search(text[cue[1]:c["span"][0]])
             and not _THAT.search(text[cue[1]:c["span"][0]])]  # "…, said that X": X is what was said
    return min(after, key=lambda c: c["span"][0]) if after else None


def _apposition(text: str, cue: tuple[int, int], candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The subject of a verb of saying that an apposition between commas keeps apart ("Gen. Dan Caine,
    chairman of the Joint Chiefs of Staff, told"; "Аббас Аракчи, находящийся в Стамбуле, заявил"): a
    person right before the first comma, with no other person, comma or quote before the second,
    which stands right before the verb."""
    before = text[:cue[0]].rstrip()
    if not before.endswith(","):
        return None
    close = len(before) - 1
    opened = text.rfind(",", 0, close)
    inner = text[opened + 1:close]
    if opened < 0 or not 0 < len(inner.strip()) <= APPOSITION_CHARS or _APPOSITION_STOP.search(inner):
        return None
    subject = [c for c in candidates if c["role"] == "person" and c["span"][1] <= opened
               and not text[c["span"][1]:opened].strip()]
    if not subject or any(c["role"] == "person" and opened < c["span"][0] < close for c in candidates):
        return None
    return subject[0]


def _speaker(text: str, cue: tuple[int, int], candidates: list[dict[str, Any]],
             language: str | None = None) -> dict[str, Any] | None:
    """The candidate nearest the cue, or else the sentence's subject (the first agent, where the
    verb of saying comes late: "Çaudri, ... beş Hint savaş uçağını düşürdüğünü açıkladı"). A kind
    of source gives way to the person it introduces ("the army's spokesman, Lt Gen Ahmed Sharif
    Chaudhry": Chaudhry, as a spokesperson)."""
    early = [c for c in candidates if c["rank"] < 2 and c["span"][0] <= SUBJECT_CHARS]
    verb_final = (language or "")[:2] in VERB_FINAL and not _POSTPOSITIONS.fullmatch(text[cue[0]:cue[1]])
    # out of reach, whatever else there is: what was said ("said that X", "指出，X") or invoked ("citing X")
    reach = [c for c in candidates if _distance(text, c, cue)[1] < 1000]
    early = [c for c in early if c in reach]
    near = [c for c in reach if _gap(c["span"], cue) <= MAX_GAP]
    inverted = _inverted(text, cue, candidates)
    apposition = None if verb_final else _apposition(text, cue, candidates)
    if verb_final:  # a country that opens the sentence as its topic is its subject ("Hindistan ise … savundu",
        early += [c for c in candidates if c["rank"] == 2 and c["span"][0] <= 1  # not "Hindistan'ın", "ABD Başkanı")
                  and _TOPIC.match(text, c["span"][1])]
    if inverted:
        best = inverted
    elif apposition:
        best = apposition
    elif early and (verb_final or not near):
        best = min(early, key=lambda c: c["span"][0])
    elif near:
        best = min(near, key=lambda c: _distance(text, c, cue))
    else:
        return None
    if best["role"] == "person" and any(c["role"] == "spokesperson" and 0 <= best["span"][0] - c["span"][1] <= 3
                                        for c in candidates):  # "外交部发言人李华表示", "army spokesman X said"
        return {**best, "role": "spokesperson"}
    if best["role"] == "government":  # the country of a kind of source: "МИД России", "the Indian army"
        owner = [c for c in candidates if c["rank"] == 1 and 0 <= best["span"][0] - c["span"][1] <= 3]
        if owner:
            best = owner[0]
    if best["role"] in ("spokesperson", "press service", "organisation", "military", "junta"):
        side = best["span"][1] <= cue[0]  # the person stands on the same side of the cue ("the army's
        named = [c for c in candidates if c["role"] == "person" and 0 <= c["span"][0] - best["span"][1] <= 45
                 and (c["span"][1] <= cue[0]) == side]  # spokesman X said", not "the ministry said ... X")
        if named:
            person = min(named, key=lambda c: c["span"][0])
            return {**person, "role": "spokesperson" if best["role"] == "spokesperson" else "person"}
    return best


# a cue right after a negation is no one's word ("n'ont confirmé", "has not confirmed", "не подтвердил",
# "لم يؤكد", "未证实"): the gold gives non-confirmations no speaker. Not the "không" of "phòng không" (air defence)
# and "hàng không" (aviation): "Cục Hàng không cho biết" (the aviation authority said)
_NEGATION = re.compile(rf"(?:\b(?:n['’]|ne|non|não|not|never|nicht|nie|no|не|ні|не\s+було|(?<!phòng\s)(?<!hàng\s)không|chưa)\s*|(?<![{_AR}])(?:لم|لا|لن)\s+|[未没不])$",
                       re.IGNORECASE)


def attribution(text: str, mentions: list[dict[str, Any]], language: str | None = None,
                previous: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Who a statement is credited to: {"cue", "by", "kind" (quote, social, agency), "role" (person,
    organisation, ministry, spokesperson, press service, state media, media, officials, military,
    management, investigators, agency, government), "key" (one speaker's identity, for
    same_speaker: E: entity, K: unresolved mention, M: ministry by portfolio, S: kind of source,
    A: agency, G: country)}; None where
    the sentence credits no one. `previous`: the attribution of the sentence before, which a pronoun
    cue refers to."""
    cues = [m for m in cue_pattern(language).finditer(text) if not _NEGATION.search(text[:m.start()])]
    cue = cues[0] if cues else None
    pronoun = PRONOUN_CUES.search(text)
    agency = next((m for m in AGENCIES.finditer(text) if not _DATELINE.match(text[:m.start()])), None)
    if not cue and not agency and not pronoun:
        return None
    span = (cue or pronoun or agency).span()
    if pronoun and previous and previous.get("key"):  # "По его словам": the speaker of the sentence before
        speaker = {"by": previous["by"], "role": previous.get("role", ""), "key": previous["key"]}
    else:
        candidates = _candidates(text, mentions)
        speaker = _speaker(text, span, candidates, language)
        # a first cue that credits no one ("sprach von einem Angriff", "citing officials") gives way to a later
        # one that does ("…, sagte Scholz")
        for later in cues[1:] if cue and not speaker else ():
            speaker = _speaker(text, later.span(), candidates, language)
            if speaker:
                cue = later
                break
        if speaker and speaker["key"] == "M:?" and previous and previous.get("key", "").startswith("M:"):
            speaker = {**speaker, "key": previous["key"]}  # "the ministry", "ведомство": the one just named
    social = SOCIAL.search(text)
    kind = "social" if social else "agency" if speaker and speaker["role"] == "agency" else "quote"
    found = {"cue": (cue or pronoun or agency).group(0).strip(), "by": "", "kind": kind, "role": "", "key": ""}
    if speaker:
        found.update(by=speaker["by"], role=speaker["role"], key=speaker["key"])
    return found


@lru_cache(maxsize=8192)
def _names_match(a: str, b: str) -> bool:
    """Two spellings of one name in any scripts (Çaudri / Чаудхри / Chaudhry; "Caine" / "Gen. Dan
    Caine"): the last parts alike, by the transliteration model."""
    from ..entities.transliterate import name_similarity
    last_a, last_b = a.split()[-1:], b.split()[-1:]
    return bool(last_a and last_b) and name_similarity(last_a[0], last_b[0]) >= 0.85


def same_speaker(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool | None:
    """Whether two attributions credit one speaker: True, False, or None where either has none or
    the two cannot be told apart (two organisations named differently may be one in two languages;
    an unknown ministry)."""
    if not a or not b or not a.get("key") or not b.get("key"):
        return None
    if a["key"] == b["key"]:  # a kind of source ("officials", "the army") may be two sides' own
        identified = a["key"][:2] in ("E:", "K:", "A:", "G:") or (a["key"].startswith("M:") and a["key"] != "M:?")
        return True if identified else None
    ra, rb = a.get("role"), b.get("role")
    named = ("person", "spokesperson")
    if ra in named and rb in named:
        return _names_match(a["by"], b["by"])
    if ra == rb == "ministry":
        return None if "M:?" in (a["key"], b["key"]) else False
    if ra == rb or {ra, rb} <= {"government", "officials"}:  # named differently, maybe one
        return None
    return False
