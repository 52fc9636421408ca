"""Event coding, sentence by sentence, in the article's own language (no translation).

For each sentence: the lexicon's trigger patterns give the PLOVER type and mode (the first
trigger of the sentence that is not an actor noun: news sentences put the main event first; a
longer pattern beats a shorter one on the same words); the reader's names, international bodies
and sector words form actor phrases; the phrase nearest before the trigger is the source and the
first after it the target (swapped for passives: "was attacked by X", and for verbs whose subject
receives the event: "received aid from X"; verb-final languages read the roles off case particles
and endings instead); phrases after a locative preposition are the location; a date named in the
sentence is the event's date, else the article's. Cue words mark negation, future and hypothetical events. Stated intentions to cooperate
are AGREE and to use force THREATEN, as PLOVER defines them; the action intended is kept as context.
"""
from __future__ import annotations

import re

from ..model import AGENT_TYPES, Article, DateMention, EventMention, Mention, Sentence
from ..textutil import OF_WORDS
from .actors import (CASE_MARKED, CONNECTORS, COORDINATORS, LOCATIVE, PLACE_MODIFIERS, Phrase, build_phrases, case_role, governed,
                     is_locative, split_coordinated, to_actor)
from .lexicon import Lexicon, Match, lexicon_for, tokenize
from .ontology import TYPES

MAX_EVENTS_PER_ARTICLE = 80
EVENTS_PER_SENTENCE = 3  # the main event and up to two others of other types
SECONDARY_CONFIDENCE = 0.8
MAX_SENTENCE_CHARS = 1500  # longer "sentences" are lists or broken markup: code their start only
CUE_WINDOW = 4
# where negation may follow the verb: "Berlin unterzeichnete das Abkommen nicht", verb-final languages
NEGATION_AFTER = {"de", "nl", "tr", "kk", "uz", "ja", "ko"}
COOPERATIVE = {"CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "SUPPORT"}
FORCEFUL = {"ASSAULT", "FIGHT", "COERCE", "SANCTION", "PROTEST"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}
ON_PLACE = {"ASSAULT", "FIGHT", "COERCE", "AID", "PROTEST", "MOBILIZE", "SANCTION"}
ARMED_SECTORS = {"MIL", "COP", "REB", "IMG"}
MUTUAL = {"AGREE", "CONSULT", "COOPERATE"}  # who "obtained a deal with" someone is a party to it, not its object
_EVENT_SECTIONS = set(TYPES)
# agent markers that follow the agent (postpositions: "polis tarafından", "警察によって")
AGENT_AFTER = {"ja", "tr", "kk", "uz", "ko"}
# passive markers that follow the trigger ("逮捕された", "gözaltına alındı"); Kazakh and Uzbek mark the
# passive with a suffix, and their listed "болды", "bo'ldi" after a noun mostly mean "took place"
PASSIVE_AFTER = {"ja", "tr"}
# how far a passive marker may be from the trigger: German closes the clause with the participle
# ("wurde am Montag in Berlin festgenommen"); Chinese and Japanese count characters ("被警方逮捕", "逮捕された")
PASSIVE_WINDOW = {"de": 8, "nl": 8, "zh": 6, "ja": 3}
# "aid from Japan", "ayuda de Japón": where what a recipient gets comes from
ORIGIN = {"en": {"from"}, "es": {"de", "del", "desde"}, "fr": {"de", "du", "des", "d'"}, "de": {"von", "vom", "aus"},
          "it": {"da", "dal", "dalla", "dai", "dagli", "dalle"}, "pt": {"de", "do", "da", "dos", "das"},
          "ru": {"от"}, "uk": {"від"}, "pl": {"od"}}
PROGRESSIVE = {"en": "ing"}  # "is visiting": a form of "be" before it is no passive
OF_PLACE = {"from", "aus", "de", "из", "з"}  # "rebels from Darfur": the place is the actor's own


def code_events(article: Article) -> list[EventMention]:
    """The events an article reports, at most one per sentence, each pointing to its sentence."""
    lexicon = lexicon_for(article.language)
    if lexicon is None or not article.sentences:
        return []
    by_sentence: dict[int, list[tuple[int, Mention]]] = {}
    for index, mention in enumerate(article.mentions):
        if mention.in_body:  # a caption's names are in no sentence: no actor, no event (read/captions.py)
            by_sentence.setdefault(mention.sentence, []).append((index, mention))
    dates: dict[int, list[DateMention]] = {}
    for found in article.dates:
        dates.setdefault(found.sentence, []).append(found)
    events = []
    for index, sentence in enumerate(article.sentences):
        events += code_sentence(article, index, sentence, lexicon, by_sentence.get(index, []), dates.get(index, []))
        if len(events) >= MAX_EVENTS_PER_ARTICLE:
            break
    return events[:MAX_EVENTS_PER_ARTICLE]


def code_sentence(article: Article, index: int, sentence: Sentence, lexicon: Lexicon,
                  mentions: list[tuple[int, Mention]], dates: list[DateMention]) -> list[EventMention]:
    """The events of one sentence: its main event first, then up to two more of other types
    ("the summit on the release of the hostages after the ceasefire")."""
    text = sentence.text[:MAX_SENTENCE_CHARS]
    tokens = tokenize(text, lexicon.language)
    if not tokens:
        return []
    found = lexicon.matches(tokens)
    triggers = [m for m in found if m.pattern.section in _EVENT_SECTIONS]
    if not triggers:
        return []
    by_section: dict[str, list[Match]] = {}
    for m in found:
        by_section.setdefault(m.pattern.section, []).append(m)
    if lexicon.language == "ar":
        triggers = [m for m in triggers if not _arabic_noun(tokens, m, mentions, sentence.start)]
        if not triggers:
            return []
    if "accident" in by_section:
        # "the crash killed 241 people", "погибли в авиакатастрофе": deaths in an accident or a disaster
        # are no killing (PLOVER's ASSAULT is done by someone); other violence words still count
        triggers = [m for m in triggers if not _death_word(m)]
        if not triggers:
            return []
    if "armed" in by_section:
        triggers = _armed_only(triggers, by_section)
        if not triggers:
            return []
    name_tokens = _name_tokens(tokens, mentions, sentence.start)
    relative = {id(t) for t in triggers if _in_relative_clause(text, tokens, t, lexicon.language)}
    if "after" in by_section or relative:
        triggers = _without_background(triggers, by_section.get("after", []), lexicon.language, name_tokens,
                                       relative)
    chosen = _choose_triggers(triggers, by_section.get("sector", []), by_section.get("say", []), name_tokens)
    if not chosen:
        return []
    sector_tokens = {i for m in by_section.get("sector", []) for i in range(m.first, m.last + 1)}
    # only the trigger's own words: what a split verb encloses ("nahm zwei Händler fest") may be an
    # actor, and so may a word that names both an event and its actors ("protesters")
    trigger_tokens = {i for t in chosen for i in t.span} - sector_tokens
    say_tokens = {i for m in by_section.get("say", []) for i in m.span}
    sectors = [m for m in by_section.get("sector", []) if not trigger_tokens & set(range(m.first, m.last + 1))]
    when = dates[0].value if dates else article.published  # who held an office depends on the date
    phrases = build_phrases(tokens, text, sentence.start, mentions, lexicon, sectors, trigger_tokens | say_tokens,
                            lexicon.language, when)
    context = _SentenceContext(article, index, sentence, text, tokens, lexicon, by_section, phrases, say_tokens, dates,
                               chosen)
    events = [_event_for(context, trigger) for trigger in chosen]
    context.reacted_to = _reactions_to_violence(context, events)
    if context.reacted_to:  # read again: the reacting party did not strike, nor react to itself
        events = [_event_for(context, trigger) for trigger in chosen]
        # the sentence reports the reaction; the attack it reacts to comes second ("日本政府は北朝鮮に
        # 対し、拉致被害者の即時帰国を強く求めた": the demand, not the abduction)
        events = [e for t, e in zip(chosen, events) if id(t) not in context.reacted_to] + \
                 [e for t, e in zip(chosen, events) if id(t) in context.reacted_to]
    struck_back = _struck_back(context, chosen, triggers, events)
    if struck_back is not None:
        events.append(struck_back)
    for rank, event in enumerate(events):
        if rank:
            event.confidence = round(event.confidence * SECONDARY_CONFIDENCE, 2)
    return events


def _struck_back(c: "_SentenceContext", chosen: list[Match], triggers: list[Match],
                 events: list[EventMention]) -> EventMention | None:
    """A sentence that tells of violence and, later, of the attacked side's own (one trigger of the
    same kind whose subject is of the country the first event struck) reports two events of one type:
    "the strikes hit mosques in Bahawalpur and Muzaffarabad, adding that the Pakistani air force downed
    five Indian jets". The second is a mention of its own, after the others; one trigger per type
    read it as part of the strikes, and its figures tied the downing to them."""
    for first, event in zip(chosen, events):
        if event.type not in VIOLENT or event.target is None or event.target.inferred or not event.target.code:
            continue
        for trigger in triggers:
            if trigger.pattern.section != first.pattern.section or trigger.first <= first.last or \
                    any(not (trigger.last < k.first or trigger.first > k.last) for k in chosen):
                continue
            second = _event_for(c, trigger)
            if second.source is not None and not second.source.inferred and second.source.code == event.target.code \
                    and not (event.source is not None and event.source.code == second.source.code):
                return second
    return None


# what a party does about an event the sentence names: "Pakistan condemned the attack", "Islamabad
# denied any link to the attack", "called for an end to the strikes", "investigates the attack"
REACTIONS = {"ACCUSE", "REJECT", "SUPPORT", "REQUEST", "INVESTIGATE"}
VERB_FIRST = {"ar"}  # the subject follows the verb ("أدانت تركيا الهجوم": Turkey condemned the attack)


def _reactions_to_violence(c: "_SentenceContext", events: list[EventMention]) -> set[int]:
    """The violent triggers whose source is the party that reacts to them in the same sentence: who
    condemns, denies, welcomes or investigates an attack is not who attacked ("Pakistan condemned the
    attack on tourists" is no attack by Pakistan, on Pakistan). The reaction's source is that party,
    or in a language that puts the verb first, the phrase right after the reaction's verb. Not when
    the two verbs are coordinated ("Russia rejected the ceasefire and launched new attacks")."""
    reacted: set[int] = set()
    for trigger, event in zip(c.chosen, events):
        if event.source is None or event.source.inferred or \
                (trigger.pattern.section not in VIOLENT and not _military_strike(c, trigger)):
            continue
        span = (event.source.start, event.source.end)
        for other, reaction in zip(c.chosen, events):
            if other.pattern.section not in REACTIONS or _coordinated(c, other, trigger):
                continue
            same = reaction.source is not None and (reaction.source.start, reaction.source.end) == span
            after_verb = c.lexicon.language in VERB_FIRST and reaction.trigger_end <= span[0] and \
                span[1] <= event.trigger_start and not _phrase_between(c, reaction.trigger_end, span[0])
            if same or after_verb:
                reacted.add(id(trigger))
    return reacted


def _coordinated(c: "_SentenceContext", a: Match, b: Match) -> bool:
    """A word for "and" (or ";") between two triggers: two acts of one subject, not one about the other."""
    first, second = sorted((a, b), key=lambda m: m.first)
    named = {i for p in c.phrases for i in range(p.first, p.last + 1)}  # "وزارة" (ministry) is no "and"
    for index in range(first.last + 1, second.first):
        token = c.tokens[index]
        if index in named:
            continue
        if token.text in COORDINATORS or token.text == ";":
            return True
        if c.lexicon.language == "ar" and token.text[:1] in "وف" and token.bare and token.bare == token.text[1:]:
            return True  # the Arabic conjunction glued to the next word ("وشنت": and launched)
    return False


def _phrase_between(c: "_SentenceContext", start: int, end: int) -> bool:
    offset = c.sentence.start
    return any(start <= offset + c.tokens[p.first].start and offset + c.tokens[p.last].end <= end for p in c.phrases)


class _SentenceContext:
    def __init__(self, article, index, sentence, text, tokens, lexicon, by_section, phrases, say_tokens, dates, chosen):
        self.article, self.index, self.sentence, self.text, self.tokens = article, index, sentence, text, tokens
        self.lexicon, self.by_section, self.phrases, self.say_tokens, self.dates = lexicon, by_section, phrases, say_tokens, dates
        self.chosen = chosen  # the sentence's triggers, the main one first
        self.reacted_to: set[int] = set()  # violent triggers whose first reading took the reacting party as source


def _event_for(c: _SentenceContext, trigger: Match) -> EventMention:
    cues = c.by_section
    negated = _cue_before(cues.get("negation", []), trigger.first) or (
        c.lexicon.language in NEGATION_AFTER and _cue_after(cues.get("negation", []), trigger.last))
    future = _cue_before(cues.get("future", []), trigger.first)
    hypothetical = _cue_before(cues.get("hypothetical", []), trigger.first)
    passive = _is_passive(c, trigger)
    tokens, phrases, language = c.tokens, c.phrases, c.lexicon.language

    chained = _locative_chain(tokens, phrases, language) if language in PREPOSED else set()
    location = next((p for p in phrases if p.place_only and (is_locative(tokens, p, language) or id(p) in chained)),
                    None)
    if location is not None and language not in PREPOSED:
        chained |= _within_location(tokens, phrases, location, language)
    reporters = {id(p) for p in phrases if _next_to(p, c.say_tokens)}
    # "Das Treffen auf dem Militärstützpunkt Elmendorf-Richardson" (the meeting at the base): a site with
    # no country of its own where a meeting is held is no party to it (places there are the location
    # already); people, bodies of states and names of a country ("at the Kremlin") stay
    sites = {id(p) for p in phrases if "PER" not in p.kinds and not p.igo and not (p.country and not p.inferred)
             and _at_place(tokens, p, language)} if trigger.pattern.section == "CONSULT" else set()
    actors = [p for p in phrases if p is not location and id(p) not in reporters and id(p) not in chained
              and not p.dateline and set(p.kinds) != {"FRONT"}  # "the Line of Control" is where, never who
              and id(p) not in sites]
    opening = _where_clause(c.text, tokens, trigger, language)
    before = [p for p in actors if p.last < trigger.first and p.first > opening]
    # inside a split trigger is after it too: "Berlin wies die Forderung Moskaus zurück"
    after = [p for p in actors if p.first > trigger.first]
    if not before:  # "Syria says it will withdraw": the one who speaks is the one who acts
        before = [p for p in phrases if p.last < trigger.first and id(p) in reporters and p is not location
                  and not p.dateline and id(p) not in sites and p.first > opening]
    # the subject is the nearest phrase before the trigger that no preposition governs
    source = next((p for p in reversed(before) if not governed(tokens, p, language)), before[-1] if before else None)
    # "military aid to Mozambique", "official contact with the United States": a bare sector word
    # right after the trigger usually qualifies the action; the first actor with a name is the target
    target = _counterpart(after)
    if language in VERB_SECOND and (source is None or governed(tokens, source, language)):
        # "Noch auf dem Rückflug telefonierte Trump mit Selenskyj": the first place of a German main
        # clause held by something else, the subject follows the finite verb
        inverted = _subject_after_verb(c, trigger, after)
        if inverted is not None:
            source = inverted
            target = _counterpart([p for p in after if p is not inverted])
    if language in CASE_MARKED and before:
        source, target = _by_case(tokens, before, language, source, target)
        if language == "tr":
            source, target = _participle_subject(tokens, c.text, before, trigger, source, target)
    if language == "ar":
        relative = _arabic_relative_subject(tokens, trigger, after)
        if relative is not None:
            source = relative
            target = _counterpart([p for p in after if p.first > relative.last]) or \
                (target if target is not relative else None)
    if language in VERB_FIRST and not passive and (source is None or id(source) in reporters) and \
            not any(p.last < trigger.first for p in actors):
        # "أدانت تركيا الهجوم": a sentence that opens with its verb names the subject after it
        subject = _subject_after_first_verb(c, trigger, after)
        if subject is not None:
            source = subject
            target = _counterpart([p for p in after if p.first > subject.last])
    if language in OBJECT_MARKERS and source is not None:
        source, target = _object_marked(tokens, before, language, source, target)
    if language in OBLIQUE_ADJECTIVE and source is not None and source.last < trigger.first and target is None \
            and OBLIQUE_ADJECTIVE[language].search(tokens[source.first].text):
        # "Российского президента встречали с красной ковровой дорожкой" (they met the Russian
        # president with a red carpet): a phrase that opens with an adjective in an oblique case is
        # the object of a verb without a named subject, not who acts
        source, target = None, source
    if language in PREPOSED and source is not None and target is None:
        # Chinese puts "to X", "against X" before the verb: "中国向缅甸提供援助", "对中国进行访问"
        target = next((p for p in before if p.first > source.last and governed(tokens, p, language, places=False)),
                      None)
    if source is not None and _nowhere_of(source):
        # "شهدت مدينة شرم الشيخ ... انعقاد قمة السلام" (the town of Sharm el-Sheikh saw the summit held),
        # "مفاوضات استضافتها شرم الشيخ" (talks Sharm el-Sheikh hosted): a place of no country, which names
        # no state and no one in it, is where things happen, never who acts
        source = None
    if source is not None and target is None:
        # "Ruto and Museveni signed a deal": the second of two coordinated actors is the counterpart
        source, target = split_coordinated(source)
    elif source is not None and trigger.pattern.section in MUTUAL and source.coordinated_at is not None \
            and (governed(tokens, target, language) and not governed(tokens, target, language, places=False)
                 or set(target.kinds) == {"SECTOR"} and not target.country):
        # "Trump and Putin wrapped up their summit ... the fighting in Ukraine": the parties of a meeting
        # or a deal are the two coordinated actors, not a place after the verb ("in Ukraine"; "a deal
        # with Tanzania" keeps Tanzania), nor a bare role word of no country ("Trump ile Sisi'nin eş
        # başkanlığında düzenlenen zirveye ... ülkenin lideri ... katıldı": the leaders who attended)
        parties = split_coordinated(source)
        if parties[1] is not None:
            source, target = parties
    elif source is None and target is not None:
        # "talks between Ruto and Museveni": two coordinated actors after the trigger are both parties
        source, target = split_coordinated(target)
        if target is None:
            source, target = None, source
    if not passive and source is not None and trigger.pattern.section not in MUTUAL and \
            _cue_before(cues.get("recipient", []), trigger.first):
        # "Kenya received aid from Japan", "troops came under attack": the subject undergoes the event
        source, target = _origin_phrase(c, after), source
    if passive:
        agent = _agent_phrase(c, actors)
        subject = next((p for p in reversed(before) if p is not agent), None)
        if agent is not None or subject is not None:
            # "aid was sent to Sudan": with neither agent nor subject, what follows keeps its reading
            source, target = agent, subject
    if location is None:
        location = next((p for p in phrases if p.place_only and p is not source and p is not target
                         and is_locative(tokens, p, language)), None)

    _inherit_country([p for p in (source, target) if p is not None], location, phrases, tokens, language)
    silenced = source is not None and (id(trigger) in c.reacted_to or
                                       _reporter_of_violence(c, trigger, source, target, location, future, reporters))
    if silenced:  # who struck is not said: not the place either (the speaker may be "in Istanbul")
        source = None
    if source is None and not silenced and location is not None and location.country and \
            trigger.pattern.section in ON_PLACE:
        # "a journalist was arrested in Uganda", "a bus was attacked in Kenya": whoever did it unnamed,
        # it was done in that country, by its own people as a rule (CAMEO codes the country)
        source = Phrase(location.first, location.last, country=location.country, inferred=True)
    if source is None and not silenced and location is None and trigger.pattern.section in ON_PLACE:
        # no locative, but the sentence's only country is that of the places it names ("Un concejal de
        # Tame fue asesinado", a dateline "NEIVA, HUILA"): the event happened there, as above; not where
        # the place is what the event was done to ("Aid was sent to Sudan", "Kharkiv was shelled"),
        # unless it only says where its target is from ("a councillor from Tame")
        place = _only_place_country(phrases)
        if place is not None and (place is not target or place.first > 0 and
                                  tokens[place.first - 1].text in OF_PLACE | OF_WORDS):
            source = Phrase(place.first, place.last, country=place.country, inferred=True)
    if target is None and location is not None and location.country and trigger.pattern.section in ON_PLACE:
        # "police fired on protesters in Harare": those it was done to are of the place (CAMEO codes the country)
        target = Phrase(location.first, location.last, country=location.country, inferred=True)
    countries = {p.country for p in phrases if p.country}
    if target is None and source is not None and source.country and not source.inferred and len(countries) == 1 \
            and not (c.reacted_to and trigger.pattern.section in REACTIONS):
        # a sentence about one country, no one named on the receiving end: by default it happens
        # within that country (domestic events: "Zimbabwe's government banned opposition rallies")
        target = Phrase(source.first, source.last, country=source.country, inferred=True)
    kind, mode, context = trigger.pattern.section, trigger.pattern.mode, None
    if _military_strike(c, trigger):
        kind, mode = "FIGHT", None
    event_date, precision, date_span = _event_date(c.article, _dates_of(c, trigger))
    intended = future and not _is_past(event_date, c.article)
    if negated and kind in COOPERATIVE | {"AGREE"}:
        # refusing to cooperate is rejecting ("declined to resign", "will not accept")
        kind, mode, context = "REJECT", None, trigger.pattern.section.lower()
    elif intended and kind in COOPERATIVE:
        kind, mode, context = "AGREE", None, trigger.pattern.section.lower()
    elif intended and kind in FORCEFUL:
        kind, mode, context = "THREATEN", None, trigger.pattern.section.lower()
    elif kind == "ASSAULT" and source is not None and target is not None and \
            source.sector in ARMED_SECTORS and target.sector in ARMED_SECTORS:
        kind = "FIGHT"  # violence between armed forces is fighting, against others it is assault (PLOVER)
    elif kind == "FIGHT" and target is not None and target.sector == "CVL":
        kind = "ASSAULT"  # ... so shooting at or shelling civilians ("opened fire on protesters") is assault

    start_token, end_token = tokens[trigger.first], tokens[trigger.last]
    offset, text = c.sentence.start, c.text
    return EventMention(
        start=c.sentence.start, end=c.sentence.end, type=kind, sentence=c.index, mode=mode, context=context,
        trigger=text[start_token.start:end_token.end], trigger_start=offset + start_token.start,
        trigger_end=offset + end_token.end,
        source=to_actor(source, tokens, text, offset) if source else None,
        target=to_actor(target, tokens, text, offset) if target else None,
        location=to_actor(location, tokens, text, offset) if location else None,
        date=event_date, date_precision=precision, date_span=date_span,
        negated=negated, future=future or _is_future(event_date, c.article), hypothetical=hypothetical,
        confidence=_confidence(trigger, source, target, hypothetical, negated))


VIOLENT = {"ASSAULT", "FIGHT"}
# words for a labour strike that also name a military one
STRIKE_WORDS = {"en": {"strike", "strikes"}}


def _military_strike(c: _SentenceContext, trigger: Match) -> bool:
    """"The strikes were carried out between 1.05 a.m. and 1.30 a.m., Colonel Qureshi said": an English
    strike in a sentence that names an armed force (a MIL sector word) or other violence is a
    military strike, not a walkout."""
    words = STRIKE_WORDS.get(c.lexicon.language, ())
    if trigger.pattern.section != "PROTEST" or not all(part in words for part in trigger.pattern.parts):
        return False
    armed = any(m.pattern.mode == "MIL" for m in c.by_section.get("sector", []))
    return armed or any(m is not trigger and m.pattern.section in VIOLENT for m in c.chosen)


def _armed_only(triggers: list[Match], by_section: dict[str, list[Match]]) -> list[Match]:
    """Triggers the lexicon's [armed] section also lists are violence only in a sentence that names an
    armed force (a MIL sector word) or other violence: "L'armée indienne a frappé ... neuf sites" is a
    strike, "la crise a frappé l'Europe" nothing."""
    listed = {(m.first, m.last, m.pattern.parts, m.pattern.prefix) for m in by_section["armed"]}

    def conditional(t: Match) -> bool:
        return (t.first, t.last, t.pattern.parts, t.pattern.prefix) in listed

    if any(m.pattern.mode == "MIL" for m in by_section.get("sector", [])) or \
            any(t.pattern.section in VIOLENT and not conditional(t) for t in triggers):
        return triggers
    return [t for t in triggers if not conditional(t)]


def _without_background(triggers: list[Match], after: list[Match], language: str, names: set[int],
                        relative: set[int] = frozenset()) -> list[Match]:
    """An event named as the time of another ("Erdoğan, imza töreninin ardından ... yeniden imarı için
    katkı vereceğini söyledi": after the signing ceremony, he pledged to help rebuild) is background
    there, not reported: its trigger is dropped when the sentence reports an event of another type.
    Alone in its sentence it stays ("він написав після тривалої телефонної розмови з американським
    лідером": the call is what the sentence tells)."""
    def background(t: Match) -> bool:
        return id(t) in relative or _cue_before(after, t.first, BACKGROUND_WINDOW) or \
            (language in AFTER_FOLLOWS and _cue_after(after, t.last, BACKGROUND_WINDOW))

    behind = [t for t in triggers if background(t)]
    # nor the words inside it: "بعد وقف إطلاق النار" (after the ceasefire) is no firing either
    told = [t for t in triggers if not any(b.first <= t.last and t.first <= b.last for b in behind)]
    dropped = {t.pattern.section for t in behind}
    if any(t.pattern.section not in dropped and not names.issuperset(t.span) for t in told):
        return told  # another event, not a word of a name ("İslam İşbirliği Teşkilatı")
    return triggers


BACKGROUND_WINDOW = 2  # "after the signing", "après la signature", "imza töreninin ardından"


def _in_relative_clause(text: str, tokens, trigger: Match, language: str) -> bool:
    """The trigger opens a relative clause set off by a comma, within a few words of its pronoun
    ("Trump, who co-chaired the summit with ..., signed a short document"): what the clause says of
    someone is background, as an event named as the time of another (_without_background)."""
    words = RELATIVE_PRONOUNS.get(language)
    if not words:
        return False
    for r in range(max(0, trigger.first - PRONOUN_WINDOW), trigger.first):
        if tokens[r].text in words and text[:tokens[r].start].rstrip().endswith(",") \
                and "," not in text[tokens[r].end:tokens[trigger.first].start]:
            return True
    return False


def _where_clause(text: str, tokens, trigger: Match, language: str) -> int:
    """The token of a relative "where" set off by a comma that opens the trigger's clause ("Trump told
    reporters at Joint Base Elmendorf-Richardson, where the two men spoke for nearly three hours"), or -1.
    What the clause tells happened at the place before it: that place, and who acts in the main clause,
    are not who acts in it; its subject, if named, is inside it."""
    words = WHERE_PRONOUNS.get(language)
    if not words:
        return -1
    for r in range(trigger.first - 1, max(-1, trigger.first - WHERE_WINDOW - 1), -1):
        if tokens[r].text.lower() in words and text[:tokens[r].start].rstrip().endswith(","):
            if "," in text[tokens[r].end:tokens[trigger.first].start] or \
                    r + 1 < len(tokens) and tokens[r + 1].text.lower() in PERSONAL_PRONOUNS[language]:
                return -1  # "Trump flew to Geneva, where he met Putin": "he" is the main clause's subject
            return r
    return -1


# relative adverbs of place: "..., where", "..., où", "..., wo", "..., где"; not in languages that drop
# a pronoun subject ("..., donde se reunió con Putin": the main clause's subject acts)
WHERE_PRONOUNS = {"en": {"where"}, "fr": {"où"}, "de": {"wo"}, "ru": {"где"}, "uk": {"де"}}
PERSONAL_PRONOUNS = {"en": {"he", "she", "they", "it", "we"}, "fr": {"il", "elle", "ils", "elles", "on", "nous"},
                     "de": {"er", "sie", "es", "man", "wir"}, "ru": {"он", "она", "они", "мы"},
                     "uk": {"він", "вона", "вони", "ми"}}
WHERE_WINDOW = 6  # words from "where" to the trigger: "where the two men spoke"
RELATIVE_PRONOUNS = {"en": {"who", "which"}}
# words from the pronoun to the trigger: "who co-chaired the summit". Written as 4, but the name was
# also the Arabic window below, defined later in the module, so 3 is what was measured (evrecall13)
PRONOUN_WINDOW = 3
AFTER_FOLLOWS = {"tr", "kk", "uz", "ja", "ko"}  # "after" is a postposition: "imza töreninin ardından"


def _death_word(trigger: Match) -> bool:
    """A word for killing or dying (ASSAULT kill): "killed", "погибли", "thiệt mạng"."""
    return trigger.pattern.section == "ASSAULT" and trigger.pattern.mode == "kill"


def _reporter_of_violence(c: _SentenceContext, trigger: Match, source: Phrase, target, location, future: bool,
                          reporters: set) -> bool:
    """A speaker read as the source of violence its report does not say it did: the speaker (a phrase
    next to "said", or before a reporting word that stands before the trigger) acts in the report of
    an attack only when the attack is on another country ("Trump said bombs were dropped on Fordow",
    "Pakistan said it shot down five Indian jets") or is intended. A spokesman reporting an outcome at
    home did not strike ("Представитель вооруженных сил Пакистана ... сообщил, что в результате
    ударов погибли восемь человек"). An English military strike is violence here too ("Colonel Qureshi
    said the strikes were carried out between 1.05 a.m. and 1.30 a.m.")."""
    if trigger.pattern.section not in VIOLENT and not _military_strike(c, trigger) or future:
        return False
    says = [m.first for m in c.by_section.get("say", []) if source.last < m.first < trigger.first]
    if id(source) not in reporters and not says and not _between_say_and_clause(c, source, trigger):
        return False
    others = {p.country for p in (target, location) if p is not None and p.country}
    return not others or not source.country or others == {source.country}


# words that open a reported clause ("said that ...", "قال ... إن"), folded as tokens are
COMPLEMENTIZERS = {"en": {"that"}, "fr": {"que", "qu"}, "es": {"que"}, "it": {"che"}, "pt": {"que"}, "de": {"dass"},
                   "ru": {"что"}, "uk": {"що"}, "pl": {"że"}, "ar": {"ان"}}


def _between_say_and_clause(c: _SentenceContext, source: Phrase, trigger: Match) -> bool:
    """The phrase stands after a reporting verb and before the word that opens the reported clause
    of the trigger: the speaker of a sentence that puts its verb first ("وقال المتحدث باسم الجيش
    الباكستاني ... إن الضربات طالت مساجد")."""
    words = COMPLEMENTIZERS.get(c.lexicon.language, ())
    said = any(m.last < source.first for m in c.by_section.get("say", []))
    return said and any(c.tokens[i].text in words or c.tokens[i].bare in words
                        for i in range(source.last + 1, trigger.first))


def _inherit_country(actors: list, location, phrases: list, tokens, language: str) -> None:
    """An actor named without its country takes it from where the sentence puts it: a state body
    ("police", "the president") belongs to the country of the event's location; a state body or a
    person, to the one country the sentence names (right more often than not on the PLOVER gold
    standard: source-country accuracy 0.61 with this rule, 0.55 without)."""
    countries = {p.country for p in phrases if p.country}
    for actor in actors:
        if actor.country or actor.igo or actor.code:
            continue
        # the place must be the actor's own ("in", "of", "from" between), not the event's other party
        nearby = next((p for p in phrases if p.place_only and p.country and 0 < p.first - actor.last <= 3
                       and _of_place(tokens[actor.last + 1:p.first], language)), None)
        if nearby is not None:  # "opposition groups in Zimbabwe", "rebels in Darfur"
            actor.country, actor.inferred = nearby.country, True
        elif location is not None and location.country and (actor.sector in STATE_SECTORS or _unnamed(actor)):
            # a state body acts where the event happens; so do the unnamed people of a place
            # ("protesters", "gunmen", "journalists" in Nairobi are Kenyan unless the sentence says otherwise)
            actor.country, actor.inferred = location.country, True
        elif len(countries) == 1 and (actor.sector in STATE_SECTORS or {"PER", "NAME"} & set(actor.kinds) or _unnamed(actor)):
            actor.country, actor.inferred = next(iter(countries)), True
        elif phrases and phrases[0].place_only and phrases[0].country and phrases[0].last < actor.first and \
                (actor.sector in STATE_SECTORS or _unnamed(actor)):
            # a sentence that opens with a place ("NAIROBI -", "Kenya: the government ...") is set there
            actor.country, actor.inferred = phrases[0].country, True


def _nowhere_of(phrase: Phrase) -> bool:
    """A phrase made only of place names of no known country, with no role, body or known actor in it."""
    return phrase.place_only and not phrase.country and not phrase.sector and not phrase.igo and not phrase.code \
        and set(phrase.kinds) <= {"LOC"}


def _only_place_country(phrases: list) -> Phrase | None:
    """The first place of a sentence whose every country-bearing phrase is a place of one country."""
    countries = {p.country for p in phrases if p.country}
    if len(countries) != 1 or any(p.country and not p.place_only for p in phrases):
        return None
    return next(p for p in phrases if p.country)


def _of_place(between: list, language: str) -> bool:
    """Only a preposition and articles between an actor and a place ("rebels in Darfur", "the
    government of Kenya"): a verb between them ("the government accused Uganda") makes the place
    the event's other party."""
    words = [t.text for t in between]
    return bool(words) and all(w in CONNECTORS or w in PLACE_MODIFIERS or w in OF_PLACE or
                               w in LOCATIVE.get(language, ()) for w in words)


def _unnamed(actor) -> bool:
    """A group named by what it is ("the opposition", "students"): a phrase with a sector word.
    Whether a name stands beside the word is not asked: what matters is the sector it gives."""
    return bool(actor.sector)


def _name_tokens(tokens, mentions, offset: int) -> set[int]:
    """Tokens inside person and organisation names: "Defence" in "Ministry of Defence" is no trigger."""
    inside = set()
    for _, mention in mentions:
        if mention.type in AGENT_TYPES:
            for i, token in enumerate(tokens):
                if mention.start - offset <= token.start and token.end <= mention.end - offset:
                    inside.add(i)
    return inside


def _choose_triggers(triggers: list[Match], sectors: list[Match], says: list[Match], names: set[int]) -> list[Match]:
    """The sentence's triggers in order of importance, one per event type, at most EVENTS_PER_SENTENCE."""
    candidates = [t for t in triggers if not names.issuperset(range(t.first, t.last + 1))
                  and not any(s.first <= t.first <= s.last for s in says)]
    if not candidates:
        return []
    # on overlapping words the longer (more specific) pattern wins
    kept = []
    for t in sorted(candidates, key=lambda m: (tuple(-w for w in m.pattern.weight), m.first)):
        if all(t.last < k.first or t.first > k.last for k in kept):
            kept.append(t)
    sector_tokens = {i for s in sectors for i in range(s.first, s.last + 1)}

    def actor_noun(m: Match) -> bool:  # "protesters", "demonstrators": actors first, events only if alone
        return set(range(m.first, m.last + 1)) <= sector_tokens

    chosen, types = [], set()
    for m in sorted(kept, key=lambda m: (actor_noun(m), m.first)):
        if m.pattern.section not in types:
            chosen.append(m)
            types.add(m.pattern.section)
    return chosen[:EVENTS_PER_SENTENCE]


def _at_place(tokens, phrase: Phrase, language: str) -> bool:
    """The phrase follows a locative preposition ("at", "in", "в"; German "auf dem" / "auf der", the
    dative of where)."""
    if is_locative(tokens, phrase, language):
        return True
    if language == "de" and phrase.first >= 2 and tokens[phrase.first - 1].text in ("dem", "der") \
            and tokens[phrase.first - 2].text == "auf":
        return True
    return False


def _counterpart(after: list[Phrase]) -> Phrase | None:
    """The first phrase after the trigger with a country or a body of states, else the first: a bare
    sector word right after the trigger mostly qualifies the action."""
    return next((p for p in after if p.country or p.igo), after[0] if after else None)


# an Arabic verb of launching or carrying out that refers back to what it qualifies ("شنتها": launched it,
# "نفذها", "أطلقتها"), opening a relative clause whose subject follows it: "ضربات صاروخية شنتها الهند"
_ARABIC_RELATIVE_VERB = re.compile(r"[وف]?(?:شن|نفذ|أطلق|اطلق|ارتكب|أجر|اجر|قاد)ت?(?:ها|هم|ه)")
RELATIVE_WINDOW = 3  # words from the trigger to that verb: "ضربات صاروخية شنتها", "الضربات التي شنتها"


def _arabic_relative_subject(tokens, trigger: Match, after: list[Phrase]) -> Phrase | None:
    """The subject of such a clause right after the trigger: the phrase just after the verb (the
    missile strikes that India launched: India struck, whoever the sentence named before)."""
    verb = next((i for i in range(trigger.last + 1, min(len(tokens), trigger.last + 1 + RELATIVE_WINDOW))
                 if _ARABIC_RELATIVE_VERB.fullmatch(tokens[i].text)), None)
    if verb is None:
        return None
    return next((p for p in after if p.first == verb + 1), None)


# what may stand before the verb of an Arabic sentence that opens with it: and, also, then, indeed
_ARABIC_OPENERS = {"و", "ف", "كما", "قد", "وقد", "لقد", "ثم", "فيما", "بينما", "من جهتها", "من جهته"}
# Arabic verbs of the lexicon written as a noun is (as folded by the lexicon): طالب is "demanded" and
# "a student" (and a name: علي بن أبي طالب); the inflected forms (طالبت, طالبوا, يطالب) are verbs only
_ARABIC_VERB_OR_NOUN = {"طالب"}
# ... and what may stand right before such a verb besides the openers: who, that (he)
_ARABIC_BEFORE_VERB = {"الذي", "التي", "الذين", "ان", "انه", "انها", "انهم", "بانه", "بانها", "وانه", "وانها"}
_ARABIC_KUNYA = {"ابو", "ابي", "ابا", "ابن", "بن", "بنت"}  # أبو طالب, بن أبي طالب: a name
# words from the verb to its بـ complement: "كما طالب الأمين العام للأمم المتحدة الأطراف كافة بضبط النفس"
COMPLEMENT_WINDOW = 8


def _arabic_noun(tokens, trigger: Match, mentions: list[tuple[int, Mention]], offset: int) -> bool:
    """Whether a trigger of _ARABIC_VERB_OR_NOUN reads as the noun. The verb stands first in its clause
    (at the start, after 'and' glued to it, an opener, a relative or 'that', or after the name of its
    subject: "الاتحاد الأوروبي طالب") with no article or preposition glued to it, and takes its object
    with بـ ("طالب بوقف إطلاق النار", "طالب مجلس الأمن بتوفير الحماية"). The noun follows a verb or a noun
    ("قتل طالب جامعي", "قال طالب في جامعة"), takes the article ("فاز الطالب") or follows أبو / بن."""
    if not (len(trigger.pattern.parts) == 1 and not trigger.pattern.prefix[0]
            and trigger.pattern.parts[0] in _ARABIC_VERB_OR_NOUN):
        return False
    word = tokens[trigger.first]
    if word.text not in (trigger.pattern.parts[0], "و" + trigger.pattern.parts[0], "ف" + trigger.pattern.parts[0]):
        return True  # الطالب, للطالب, بطالب
    # a place's name that begins with the letter is no بـ complement ("جامعة بغداد"); a person's may be
    # the subject, and the reader takes "بوقف فوري" for a person's name at times
    places = {i for _, m in mentions if m.type == "LOC" for i, t in enumerate(tokens)
              if m.start - offset <= t.start and t.end <= m.end - offset}
    # the subject before the verb is a person or a body: a country is feminine (طالبت مصر, مصر طالبت), and
    # a place before the noun says where ("قتل في غزة طالب": a student was killed in Gaza)
    subject = bool(trigger.first) and any(m.type != "LOC" and m.end - offset == tokens[trigger.first - 1].end
                                          for _, m in mentions)
    previous = tokens[trigger.first - 1].text if trigger.first else ""
    if previous in _ARABIC_KUNYA:
        return True
    opens = word.text != trigger.pattern.parts[0] or not trigger.first or subject \
        or previous in _ARABIC_BEFORE_VERB or all(t.text in _ARABIC_OPENERS for t in tokens[:trigger.first])
    complement = any(t.text[:1] == "ب" and t.bare and i not in places and t.text in ("ب" + t.bare, "بال" + t.bare)
                     for i, t in enumerate(tokens[trigger.last + 1:trigger.last + 1 + COMPLEMENT_WINDOW],
                                           start=trigger.last + 1))
    return not (opens and complement)


def _subject_after_first_verb(c: _SentenceContext, trigger: Match, after: list[Phrase]) -> Phrase | None:
    """The subject of an Arabic sentence that opens with its verb (VSO: "وأدانت وزارة الخارجية التركية
    الهجوم", the Turkish foreign ministry condemned the attack): the phrase right after a trigger that
    is a verb (no article: "الهجوم" is a noun) and that only a conjunction or an adverb precedes."""
    verb = c.tokens[trigger.first]
    if verb.text.startswith(("ال", "وال", "بال", "فال", "لل")) or not after:
        return None
    if any(c.tokens[i].text not in _ARABIC_OPENERS for i in range(trigger.first)):
        return None
    first = after[0]
    if first.first - trigger.last > 2 or governed(c.tokens, first, c.lexicon.language):
        return None
    return first


VERB_SECOND = {"de"}  # main clauses put the finite verb second, the subject after it when another part comes first
_ARTICLES_AFTER_VERB = {"der", "die", "das", "den", "dem", "ein", "eine", "am", "im", "gestern", "heute", "erneut",
                        "erstmals", "bereits", "nun", "auch", "noch"}


def _subject_after_verb(c: _SentenceContext, trigger: Match, after: list[Phrase]) -> Phrase | None:
    """The subject of an inverted German main clause: the phrase right after a finite verb trigger (a
    lower-case word: German nouns are capitalised, so "Treffen" is no verb), with at most two articles
    or adverbs between, and no preposition before it."""
    verb = c.tokens[trigger.first]
    if not c.text[verb.start:verb.start + 1].islower() or not after:
        return None
    first = after[0]
    between = [c.tokens[i].text for i in range(trigger.first + 1, first.first) if i not in trigger.span]
    if len(between) > 2 or any(word not in _ARTICLES_AFTER_VERB for word in between):
        return None
    return None if governed(c.tokens, first, c.lexicon.language) else first


def _by_case(tokens, before: list[Phrase], language: str, source, target):
    """Verb-final languages put subject and object before the verb, in either order; their case
    endings or particles say which is which ("ドイツはウクライナに供与する", "Atina, Ankara'yı suçladı")."""
    roles = [(p, case_role(tokens, p, language)) for p in before]
    subject = next((p for p, role in roles if role == "subject"), None) or \
        next((p for p, role in roles if role is None), None)  # unmarked: a Turkish nominative
    objects = [p for p, role in roles if role == "object" and p is not subject]
    partners = [p for p, role in roles if role == "partner" and p is not subject]
    counterpart = objects[-1] if objects else partners[0] if partners else None
    if subject is None and counterpart is not None and source is counterpart:
        source = None  # the nearest phrase is the object, not the one who acts
    return subject or source, counterpart or target


# a Turkish participle of a relative clause ("düzenlediği", "gerçekleştirdiği", "başlatacağı"); its
# subject stands in the genitive: "Hindistan'ın ... düzenlediği füze saldırıları"
# (bare: "düzenlediğini", "edeceğini" with a case ending make a clause the object of a verb of saying)
_TURKISH_PARTICIPLE = re.compile(r"\w{2,}(?:[dt][ıiuü]ğ[ıiuü]|[dt][ıi]kl[ae]r[ıi]|[ae]c[ae]ğ[ıi])", re.IGNORECASE)
PARTICIPLE_WINDOW = 3  # words from the participle to the trigger: "düzenlediği füze saldırıları"


def _participle_subject(tokens, text: str, before: list[Phrase], trigger: Match, source, target):
    """"Hindistan'ın gece saatlerinde Pakistan'a düzenlediği füze saldırıları" (the missile attacks India
    carried out on Pakistan at night): a genitive before a participle just before the trigger is the
    subject of what the participle qualifies, not an owner; an object between them is the target."""
    verb = next((i for i in range(trigger.first - 1, max(-1, trigger.first - 1 - PARTICIPLE_WINDOW), -1)
                 if _TURKISH_PARTICIPLE.fullmatch(tokens[i].text)), None)
    if verb is None:
        return source, target
    owner = next((p for p in reversed(before) if p.last < verb and case_role(tokens, p, "tr") == "owner"), None)
    if owner is None or any(mark in text[tokens[owner.last].end:tokens[trigger.first].start] for mark in ",;:()\""):
        return source, target  # one clause from the genitive to the trigger
    between = [p for p in before if owner.last < p.first and p.last < verb]

    def object_marked(p: Phrase) -> bool:
        return any(case_role(tokens, Phrase(i, i), "tr") == "object" for i in (p.first, p.last))

    return owner, next((p for p in between if object_marked(p)), target if target is not owner else None)


# Chinese puts an object before its verb with 把 or 将 ("商务部将11家美国企业列入清单": the ministry puts
# the companies on the list); 将 is also "will" (将于, 将对), "general" (将军) and part of 即将, 将近, 将来
OBJECT_MARKERS = {"zh": {"把", "将"}}
# adjective endings of the genitive, accusative and dative singular (masculine, neuter), never a subject's
OBLIQUE_ADJECTIVE = {"ru": re.compile(r"\w{3,}(?:ого|его|ому|ему)$", re.IGNORECASE),
                     "uk": re.compile(r"\w{3,}(?:ого|ому|ьому)$", re.IGNORECASE)}
PREPOSED = {"zh"}  # languages whose prepositional phrases stand before the verb
OBJECT_WINDOW = 12  # characters between the marker and the object's head: "将11家美国军工企业"
_NOT_A_MARKER = {"将": ("军", "来", "近", "于", "会", "要", "在", "对", "与", "和", "向")}


def _locative_chain(tokens, phrases: list[Phrase], language: str) -> set[int]:
    """Chinese places a name by a chain after 在 / 于: "在美国阿拉斯加州安克雷奇的埃尔门多夫-理查森联合基地
    举行会晤". Each place of the chain is where it happened, none of them who acted (ids of the phrases)."""
    places = [p for p in phrases if p.place_only]
    covered = {i for p in places for i in range(p.first, p.last + 1)}
    chained = set()
    for phrase in places:
        i = phrase.first - 1
        while i >= 0:
            if i in covered or tokens[i].text in ("的", "、"):
                i -= 1
            elif i >= 1 and tokens[i - 1].text + tokens[i].text in CAPITAL_WORDS:
                i -= 2  # "在哈萨克斯坦首都阿斯塔纳": the capital of the place before it, where too
            else:
                break
        if i >= 0 and tokens[i].text in LOCATIVE.get(language, ()):
            chained.add(id(phrase))
        elif i >= 1 and tokens[i - 1].text + tokens[i].text in ARRIVAL_VERBS.get(language, ()):
            chained.add(id(phrase))  # "习近平抵达阿斯塔纳": where he arrived, not who acted
        elif phrase.first > 0 and tokens[phrase.first - 1].text == "的":
            # names the reader missed inside the chain ("安克雷奇的"): back over a clause's words
            j = phrase.first - 2
            while j >= 0 and phrase.first - j <= LOCATIVE_CHAIN and tokens[j].text not in CLAUSE_ENDS \
                    and tokens[j].text not in LOCATIVE.get(language, ()):
                j -= 1
            if j >= 0 and tokens[j].text in LOCATIVE.get(language, ()):
                chained.add(id(phrase))
    return chained


def _within_location(tokens, phrases: list[Phrase], location: Phrase, language: str) -> set[int]:
    """Places that say where the location is, right after it: "Переговори в Анкориджі на Алясці", "talks
    in Anchorage, Alaska". A place of the location's country that follows it at once, or after one
    locative preposition, is where too, and so is a name of unknown kind after one ("на Алясці": the
    reader knows no "Алясці"); never who acted (ids of the phrases)."""
    within, last = set(), location.last
    for phrase in sorted(phrases, key=lambda p: p.first):
        if phrase.first <= last:
            continue
        between = [t.text.lower() for t in tokens[last + 1:phrase.first]]
        if len(between) > 1 or between and between[0] not in LOCATIVE.get(language, ()):
            break
        place = phrase.place_only and phrase.country and phrase.country == location.country
        unknown = between and set(phrase.kinds) == {"NAME"} and not phrase.country and not phrase.sector
        if not (place or unknown):
            break
        within.add(id(phrase))
        last = phrase.last
    return within


CAPITAL_WORDS = {"首都", "首府", "省会"}  # capital, regional capital, provincial capital
# verbs of arriving whose object is the place arrived at (arrive, reach, fly to, go to, come to)
ARRIVAL_VERBS = {"zh": {"抵达", "到达", "飞抵", "前往", "来到"}}
LOCATIVE_CHAIN = 20  # characters from 在 to the 的 before the place
CLAUSE_ENDS = set("，。；：！？,;:!?（）()“”\"")


def _object_marked(tokens, before: list[Phrase], language: str, source, target):
    """The phrase after an object marker and before the verb is the target; the subject is before
    the marker."""
    for i in range(source.first - 1, max(-1, source.first - OBJECT_WINDOW), -1):
        word = tokens[i].text
        if word in OBJECT_MARKERS[language]:
            following = tokens[i + 1].text if i + 1 < len(tokens) else ""
            if following in _NOT_A_MARKER.get(word, ()) or (i > 0 and tokens[i - 1].text == "即"):
                return source, target
            subject = next((p for p in reversed(before) if p.last < i and not governed(tokens, p, language)), None)
            return (subject, source) if subject is not None else (source, target)
    return source, target


def _is_passive(c: _SentenceContext, trigger: Match) -> bool:
    """A passive auxiliary next to the trigger: before it ("was arrested", "fue detenido"), anywhere
    in the clause before a German participle ("wurde am Montag festgenommen"), after it where the
    marker follows the verb ("逮捕された", "gözaltına alındı"); "is visiting" is no passive."""
    language, cues = c.lexicon.language, c.by_section.get("passive", [])
    if c.tokens[trigger.first].text.endswith(PROGRESSIVE.get(language, "\0")):
        return False
    window = PASSIVE_WINDOW.get(language, 2)
    if language in PASSIVE_AFTER:
        return _cue_after(cues, trigger.last, window)
    return _cue_before(cues, trigger.first, window)


def _agent_phrase(c: _SentenceContext, actors: list[Phrase]) -> Phrase | None:
    """The phrase a passive's agent marker governs: "by (the) X", "von der Polizei", "被警察", and in
    languages with postpositions the phrase before it ("polis tarafından", "警察によって")."""
    agents, tokens = c.by_section.get("agent", []), c.tokens
    if c.lexicon.language in AGENT_AFTER:
        return next((p for p in actors if any(a.first == p.last + 1 for a in agents)), None)
    return next((p for p in actors if any(a.last == p.first - 1 or a.last == p.first - 2 and
                                          tokens[p.first - 1].text in CONNECTORS for a in agents)), None)


def _origin_phrase(c: _SentenceContext, after: list[Phrase]) -> Phrase | None:
    """Where what the subject receives comes from: "from (the) X", or a passive agent marker's phrase."""
    words = ORIGIN.get(c.lexicon.language, set())
    tokens = c.tokens
    marked = [p for p in after if p.first > 0 and (tokens[p.first - 1].text in words or p.first > 1 and
              tokens[p.first - 1].text in CONNECTORS and tokens[p.first - 2].text in words)]
    return marked[0] if marked else _agent_phrase(c, after)


def _cue_before(cues: list[Match], position: int, window: int = CUE_WINDOW) -> bool:
    return any(position - window <= c.last < position for c in cues)


def _cue_after(cues: list[Match], position: int, window: int = 3) -> bool:
    return any(position < c.first <= position + window for c in cues)


def _next_to(phrase, say_tokens: set[int]) -> bool:
    """A phrase right before or after "said" reports the event; it is not an actor in it."""
    return bool(say_tokens & {phrase.first - 1, phrase.first - 2, phrase.last + 1, phrase.last + 2})


DATE_REACH = 90  # characters between a trigger and a date that dates it
DATE_REACH_CHARACTERS = 40  # in Chinese and Japanese, where a character says more
# a date in the first characters of a sentence, before its events, sets its time ("当地时间8月15日，",
# "WASHINGTON, April 2 (Reuters) -")
DATE_OPENING = 30


def _dates_of(c: _SentenceContext, trigger: Match) -> list[DateMention]:
    """The dates of the sentence that date this trigger: a date that opens the sentence, before any
    event, dates them all; another only the events near it ("Trump announced a successful attack on
    three sites, the first since Israel's war began on 13 June": the date is the war's), and of two
    violent events the nearer ("Удары стали ответом на теракт 22 апреля": the attack's, not the
    strikes')."""
    reach = DATE_REACH_CHARACTERS if c.lexicon.language in ("zh", "ja") else DATE_REACH
    rivals = [m for m in c.chosen if m is not trigger and m.pattern.section in VIOLENT] \
        if trigger.pattern.section in VIOLENT else []

    def distance(found: DateMention, match: Match) -> int:
        first = c.sentence.start + c.tokens[match.first].start
        last = c.sentence.start + c.tokens[match.last].end
        return max(0, found.start - last, first - found.end)

    opening = min(c.sentence.start + c.tokens[m.first].start for m in c.chosen)

    def opens(found: DateMention) -> bool:
        return found.end <= opening and found.start - c.sentence.start <= DATE_OPENING

    found = [d for d in c.dates if opens(d) or
             distance(d, trigger) <= reach and all(distance(d, trigger) <= distance(d, other) for other in rivals)]
    # the opening date first, then the nearest: of "He lost to Yoon in 2022 and survived a knife attack in
    # Busan in January 2024" the attack's is January 2024, of "وقّع في أبو ظبي عام 2019 ... وزار العراق عام 2021"
    # the visit's 2021 (dates18: a year alone is a date now, and sentences name more of them)
    return sorted(found, key=lambda d: (not opens(d), 0 if opens(d) else distance(d, trigger), d.start))


def _event_date(article: Article, dates: list[DateMention]) -> tuple[str | None, str | None, tuple[int, int] | None]:
    if dates:
        first = dates[0]
        return first.value, first.precision, (first.start, first.end)
    return article.published[:10] if article.published else None, article.published_precision, None


_PRECISION_LENGTH = {"day": 10, "month": 7, "year": 4}


def _against_published(value: str | None, article: Article) -> int:
    """-1 where an event's date is before the article's, 1 after, 0 same or unknown; compared at the coarser of
    their precisions (ISO prefixes): a year or month is past only when it ended before the article's day ("in
    2022", "в мае 2025 года" in an article of June 2025), future only when it begins after it; the article's
    own year or month is neither ("in 2026", written in November 2026, may be behind or ahead), nor a day
    in an article dated only to its month. A day range counts from its first day."""
    if not value or not article.published:
        return 0
    first = value.split("/")[0][:10]
    length = min(len(first), _PRECISION_LENGTH.get(article.published_precision or "day", 10))
    ours, theirs = first[:length], article.published[:length]
    return (ours > theirs) - (ours < theirs)


def _is_future(value: str | None, article: Article) -> bool:
    return _against_published(value, article) > 0


def _is_past(value: str | None, article: Article) -> bool:
    return _against_published(value, article) < 0


def _confidence(trigger: Match, source, target, hypothetical: bool, negated: bool) -> float:
    score = 0.3 + 0.1 * min(2, len(trigger.pattern.parts) - 1) + 0.2 * (source is not None) + 0.15 * (target is not None)
    if hypothetical:
        score -= 0.2
    if negated:
        score -= 0.1
    return round(max(0.05, min(0.95, score)), 2)
