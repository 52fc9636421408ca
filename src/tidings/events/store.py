"""Events in the store: mentions are written per article; a story's events are regrouped from them.

Everything here runs inside the caller's transaction (the pipeline's batch transaction), so
events are never out of step with the articles and stories they come from. During a long bulk run a
big story's newest mentions may sit in provisional events (see `update_stories`): their ids last only
until the run rebuilds the story; a rebuilt event keeps the id of its first mention.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import asdict
from functools import lru_cache

from ..known import known_actor_spans
from ..model import Actor, Article
from .actors import alpha3, is_country_code
from .group import MentionRow, group_mentions
from .ontology import TYPES


def actor_json(actor: Actor | None, article: Article) -> str | None:
    if actor is None:
        return None
    data = asdict(actor)
    mention = article.mentions[actor.mention] if actor.mention is not None and actor.mention < len(article.mentions) else None
    data["is_country"] = bool(mention and mention.key.startswith("C:"))
    return json.dumps(data, ensure_ascii=False)


def actor_key(actor: Actor | None) -> str | None:
    return _key_of(asdict(actor)) if actor is not None else None


def attach_entities(conn, article: Article) -> None:
    """Actors take the entity their name resolved to; an actor whose entity knows its country
    takes that country (also over a country guessed from the sentence), and a person first seen
    with their country ("Russian President Putin") teaches it to the entity for later articles."""
    actors = [actor for event in article.events for actor in (event.source, event.target)
              if actor is not None and actor.mention is not None and actor.mention < len(article.mentions)]
    for actor in actors:
        actor.entity_id = article.mentions[actor.mention].entity_id
    wanted = sorted({actor.entity_id for actor in actors if actor.entity_id})
    if not wanted:
        return
    countries = dict(conn.execute(  # one query for the article, not one per actor
        f"SELECT id, country FROM entities WHERE id IN ({','.join('?' * len(wanted))})", wanted).fetchall())
    for actor in actors:
        if actor.entity_id not in countries:
            continue
        known = countries[actor.entity_id]
        if known and (not actor.country or actor.inferred):
            # what the entity is known to be beats a guess from the sentence's context
            actor.country, actor.code, actor.inferred = known, alpha3(known), False
        elif actor.country and not actor.inferred and not known:  # never teach a guess
            conn.execute("UPDATE entities SET country = ? WHERE id = ? AND country IS NULL",
                         (actor.country, actor.entity_id))
            countries[actor.entity_id] = actor.country


def save_mentions(conn, article: Article) -> None:
    rows = []
    for e in article.events:
        date_start, date_end = e.date_span if e.date_span else (None, None)
        rows.append((article.id, article.story_id, e.sentence, e.start, e.end, e.type, e.mode, e.context,
                     e.trigger, e.trigger_start, e.trigger_end, actor_json(e.source, article),
                     actor_json(e.target, article), actor_json(e.location, article), actor_key(e.source),
                     actor_key(e.target), e.date, e.date_precision, date_start, date_end, int(e.negated),
                     int(e.future), int(e.hypothetical), e.confidence, article.language))
    conn.executemany(
        "INSERT INTO event_mentions(article_id, story_id, sentence, sentence_start, sentence_end, type, mode,"
        " context, trigger, trigger_start, trigger_end, source, target, location, source_key, target_key, date,"
        " date_precision, date_start, date_end, negated, future, hypothetical, confidence, language)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)


_MENTION_COLUMNS = ("m.id, m.article_id, m.type, m.mode, m.context, m.source, m.target, m.location, m.date,"
                    " m.date_precision, m.date_start, m.negated, m.future, m.hypothetical, m.confidence,"
                    " m.language, m.trigger, a.published, a.source AS outlet")


def regroup_story(conn, story_id: int) -> int:
    """Rebuild the events of one story from all its mentions; returns the number of events."""
    conn.execute("DELETE FROM events WHERE story_id = ?", (story_id,))
    conn.execute("UPDATE stories SET events_size = size WHERE id = ?", (story_id,))
    rows, mentions = _load_mentions(conn, "m.story_id = ?", (story_id,),
                                    "SELECT DISTINCT article_id FROM event_mentions WHERE story_id = ?")
    if not rows:
        return 0
    return _write_events(conn, story_id, rows, group_mentions(mentions))


# A story is rebuilt with every batch that grows it while it has at most this many articles, and
# after that each time it has grown by half since its last rebuild: rebuilding a big story from all
# its mentions with every batch made the cost of an article grow with the story (2.2 s a batch for a
# story of 2,630 mentions); rebuilding at each growth by half costs about three rebuilds of each
# mention in all, however big the story grows.
EAGER_ARTICLES = 4
REBUILD_GROWTH = 1.5
# a story with provisional events: also the condition of the partial index stories_events_unsettled
# (migration 0010), which every query for them should use as written here
UNSETTLED = "size <> events_size"


def has_unsettled(store) -> bool:
    """Whether some story has provisional events (one indexed row read: cheap enough for every run
    and for the server's start, which then need no write lock when, as usual, there is none)."""
    return bool(store.query(f"SELECT 1 FROM stories WHERE {UNSETTLED} LIMIT 1"))


def update_stories(conn, placed: Iterable[tuple[int, int]]) -> None:
    """Events after a batch placed articles ((story id, article id) pairs) into stories. A story
    that is small or has grown enough is rebuilt; in a big one the batch's new mentions are grouped
    among themselves (provisional events, also shown) until `settle` rebuilds it when the run ends,
    so that the final events never depend on how the input was cut into batches."""
    articles: dict[int, list[int]] = {}
    for story_id, article_id in placed:
        articles.setdefault(story_id, []).append(article_id)
    for story_id in sorted(articles):
        size, grouped = conn.execute("SELECT size, events_size FROM stories WHERE id = ?", (story_id,)).fetchone()
        if size <= EAGER_ARTICLES or size >= REBUILD_GROWTH * grouped:
            regroup_story(conn, story_id)
            continue
        ids = sorted(articles[story_id])  # a batch's articles: a few dozen at most
        marks = ",".join("?" * len(ids))
        rows, mentions = _load_mentions(conn, f"m.article_id IN ({marks}) AND m.event_id IS NULL", tuple(ids), marks)
        if rows:
            _write_events(conn, story_id, rows, group_mentions(mentions))


def settle(conn) -> int:
    """Rebuild every story left with provisional events (by this run, or by one that was killed);
    returns how many."""
    stories = [r[0] for r in conn.execute(f"SELECT id FROM stories WHERE {UNSETTLED} ORDER BY id").fetchall()]
    for story_id in stories:
        regroup_story(conn, story_id)
    return len(stories)


def _load_mentions(conn, where: str, args: tuple, articles: str) -> tuple[list, list[MentionRow]]:
    """The stored mentions that `where` selects, as rows and as what grouping compares; `articles`
    (SQL, with the same arguments) lists their articles."""
    rows = conn.execute(
        f"SELECT {_MENTION_COLUMNS}, m.event_id, m.sentence, m.sentence_start,"
        " substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) AS sentence_text"
        ", m.trigger_start"
        f" FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE {where} ORDER BY m.id", args).fetchall()
    if not rows:
        return rows, []
    names, date_spans, countries = _sentence_names_and_dates(conn, articles, args)
    parts = _clauses(rows)
    mentions = []
    for r in rows:
        mention = _mention_row(r)
        sentence = (r["article_id"], r["sentence"])
        known = _known_names(r["sentence_text"], r["language"], r["date"])
        named = {code for _, _, _, code in known if is_country_code(code)}
        mention.countries = frozenset(countries.get(sentence, set()) | named)
        recognised = _places_as_one(names.get(sentence, ()), r["sentence_text"] or "", r["sentence_start"])
        spans = tuple((s - r["sentence_start"], e - r["sentence_start"]) for s, e in date_spans.get(sentence, ()))
        # its part of the sentence (article offsets) where another mention of its type shares it, else all
        first, last = parts.get(r["id"], (-math.inf, math.inf))
        relative = (first - r["sentence_start"], last - r["sentence_start"])
        mention.names = _names_of([n for n in recognised if first <= n[0] < last], r["sentence_start"],
                                  tuple(k for k in known if relative[0] <= k[0] < relative[1]))
        figures = [(value, unit, role) for at, value, unit, role in
                   _figure_positions(r["sentence_text"], r["language"], spans) if relative[0] <= at < relative[1]]
        mention.numbers = frozenset((value, unit) for value, unit, _ in figures) | \
            _ordinal_before(r["sentence_text"] or "", r["language"], (r["trigger_start"] or 0) - r["sentence_start"])
        mention.roles = {}
        for value, unit, role in figures:  # a figure stated twice: what one of its statements says it counts
            if role:
                mention.roles.setdefault((value, unit), role)
        mentions.append(mention)
    return rows, mentions


def _clauses(rows) -> dict[int, tuple[int, int]]:
    """Where a sentence has two mentions of one type ("the strikes hit mosques in Muzaffarabad, adding
    that the Pakistani air force downed five Indian jets": code._struck_back), each has its part of
    the sentence for names and figures: the later one from its subject (or trigger) on, the earlier
    one up to there. The five jets and the air force are the downing's, not the strikes'. Article
    offsets, per mention id; mentions alone of their type in their sentence are not listed."""
    same: dict[tuple, list] = {}
    for r in rows:
        same.setdefault((r["article_id"], r["sentence"], r["type"]), []).append(r)
    parts: dict[int, tuple[int, int]] = {}
    for members in same.values():
        if len(members) < 2:
            continue
        members = sorted(members, key=lambda r: r["trigger_start"])
        starts = [members[0]["sentence_start"]]
        for previous, r in zip(members, members[1:]):
            source = json.loads(r["source"]) if r["source"] else {}
            begin = source.get("start")
            starts.append(begin if begin is not None and previous["trigger_start"] < begin < r["trigger_start"]
                          else r["trigger_start"])
        ends = starts[1:] + [10 ** 12]
        for r, first, last in zip(members, starts, ends):
            parts[r["id"]] = (first, last)
    return parts


def _write_events(conn, story_id: int, rows: list, groups: list) -> int:
    by_id = {r["id"]: r for r in rows}
    conn.executemany(_INSERT_EVENT, [_event_values(group.id, story_id, [by_id[m.id] for m in group.members])
                                     for group in groups])
    # only the mentions whose event changed: a grown story's other mentions keep theirs (rewriting
    # all of a big story's rows each batch was a good part of its cost)
    conn.executemany("UPDATE event_mentions SET event_id = ? WHERE id = ?",
                     [(group.id, m.id) for group in groups for m in group.members
                      if by_id[m.id]["event_id"] != group.id])
    return len(groups)


def _names_of(recognised, sentence_start: int, known: tuple) -> frozenset:
    """One name per thing a sentence names: a known actor by its dictionary line, which is the same
    in every script ("Trump", "ترامب", "特朗普", where entities of different scripts may stay apart),
    and every other recognised name by its entity. A recognised name that is also a known actor
    counts once: twice, a sentence naming one person shared "two names" with any other naming him."""
    spans = [(sentence_start + start, sentence_start + end) for start, end, _, _ in known]
    names = {name for _, _, name, _ in known}
    names.update(name for start, end, name in recognised if not any(start < e and s < end for s, e in spans))
    return frozenset(names)


def _places_as_one(recognised, text: str, sentence_start: int) -> list:
    """Two places a sentence names side by side, joined by one short word ("Jammu and Kashmir",
    "Джамму и Кашмира"), are one name: otherwise every report naming the region shares "two names"
    with every other, the tie of one event's reports."""
    ordered = sorted(recognised)
    merged, skip = [], set()
    for i, (start, end, name, kind) in enumerate(ordered):
        if i in skip:
            continue
        if kind == "LOC" and i + 1 < len(ordered) and ordered[i + 1][3] == "LOC":
            following = ordered[i + 1]
            gap = text[end - sentence_start:following[0] - sentence_start].strip()
            if gap and len(gap) <= JOINING_WORD and gap.isalpha():
                merged.append((start, following[1], "P:" + "+".join(sorted((name, following[2]))), kind))
                skip.add(i + 1)
                continue
        merged.append((start, end, name, kind))
    return [(start, end, name) for start, end, name, _ in merged]


JOINING_WORD = 3  # "and", "и", "et", "ve", "y", "und"


def _sentence_names_and_dates(conn, articles: str, args: tuple) -> tuple[dict, dict, dict]:
    """The names ((start, end, entity or else name key); countries left out), date spans and
    countries (alpha-3, of the countries and places named) of each sentence of the articles that
    `articles` (SQL) lists: what grouping compares besides the actors."""
    names: dict[tuple, list] = {}
    countries: dict[tuple, set] = {}
    for r in conn.execute(f'SELECT article_id, sentence, start, "end", entity_id, key, country, type FROM mentions'
                          f" WHERE article_id IN ({articles}) AND part = 'body'", args).fetchall():
        if r["country"]:
            countries.setdefault((r["article_id"], r["sentence"]), set()).add(alpha3(r["country"]) or r["country"])
        if not r["key"].startswith("C:"):
            names.setdefault((r["article_id"], r["sentence"]), []).append(
                (r["start"], r["end"], f"E:{r['entity_id']}" if r["entity_id"] else r["key"], r["type"]))
    dates: dict[tuple, list] = {}
    for r in conn.execute(f'SELECT article_id, sentence, start, "end" FROM date_mentions WHERE article_id IN ({articles})',
                          args).fetchall():
        dates.setdefault((r["article_id"], r["sentence"]), []).append((r["start"], r["end"]))
    return names, dates, countries


@lru_cache(maxsize=65536)
def _figure_positions(text: str, language: str, date_spans: tuple) -> tuple:
    """(start, value, unit, role) of the figures a sentence states, dates left out (role: what it
    counts where a word says it, "dead", "prisoners"); cached because a story's mentions are
    regrouped each time it grows."""
    from ..compare.numbers import find_quantities

    return tuple((q.start, q.value, q.unit, q.role) for q in find_quantities(text or "", language, list(date_spans)))


def _ordinal_before(text: str, language: str, trigger_at: int) -> frozenset:
    """(n, "ordinal") for an ordinal right before the trigger, which says which of a series the event is
    ("the second Central Asia-China summit", "второго саммита", "екінші саммит", "第二届中国－中亚峰会"): reports
    of the second summit are reports of one event, whatever actors each reads. The nearest ordinal within
    a few words, with no punctuation between ("The first summit ...; the third is scheduled": first)."""
    words = ORDINALS.get(language)
    if not words or trigger_at <= 0:
        return frozenset()
    reach = ORDINAL_REACH_CHARACTERS if language in ("zh", "ja") else ORDINAL_REACH
    window = text[max(0, trigger_at - reach):trigger_at]
    found = [(m.end(), value) for value, pattern in words for m in pattern.finditer(window)]
    if not found:
        return frozenset()
    end, value = max(found)
    return frozenset() if re.search(r"[,;:.!?，。；：]", window[end:]) else frozenset({(float(value), "ordinal")})


def _ordinal_patterns(table: dict[str, dict[int, str]]) -> dict[str, list]:
    word = r"(?<![^\W\d_])(?:{})(?![^\W\d_])"
    return {language: [(value, re.compile(pattern if language in ("zh", "ja") else word.format(pattern), re.I))
                       for value, pattern in values.items()] for language, values in table.items()}


_RU_ADJECTIVE = r"(?:ый|ой|ого|ому|ом|ым|ая|ую|ое|ые|ых|ыми)"
_UK_ADJECTIVE = r"(?:ий|ого|ому|ім|им|а|ої|ій|у|е|і|их|ими)"
ORDINALS = _ordinal_patterns({
    "en": {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"},
    "de": {1: r"erste[nmrs]?", 2: r"zweite[nmrs]?", 3: r"dritte[nmrs]?", 4: r"vierte[nmrs]?"},
    "fr": {1: r"premi(?:er|ère)s?", 2: r"deuxièmes?|second(?:e|es|s)?", 3: r"troisièmes?", 4: r"quatrièmes?"},
    "es": {1: r"primer[oa]?s?", 2: r"segund[oa]s?", 3: r"tercer[oa]?s?", 4: r"cuart[oa]s?"},
    # "prima di / della ..." is "before", not "first"
    "it": {1: r"prim[oie]|prima(?!\s+(?:di|d'|del|dell[aoie']?|degli|che)\b)", 2: r"second[oaie]", 3: r"terz[oaie]",
           4: r"quart[oaie]"},
    "pt": {1: r"primeir[oa]s?", 2: r"segund[oa]s?", 3: r"terceir[oa]s?", 4: r"quart[oa]s?"},
    # the adjective's own endings, not any word of the stem: "вторник" (Tuesday), "другом" (a friend)
    "ru": {1: r"перв" + _RU_ADJECTIVE, 2: r"втор" + _RU_ADJECTIVE, 3: r"трет(?:ий|ь(?:его|ему|ем|им|я|ей|ю|е|и|их|ими))",
           4: r"четв[её]рт" + _RU_ADJECTIVE},
    # "друга", "другу", "друге", "другі", "другим" are also "a friend" / "other": left out
    "uk": {1: r"перш" + _UK_ADJECTIVE, 2: r"друг(?:ий|ого|ому|ій|ої|их)", 3: r"трет(?:ій|ього|ьому|ім|я|ьої|ю|є|і|іх)",
           4: r"четверт" + _UK_ADJECTIVE},
    "kk": {1: r"бірінші", 2: r"екінші", 3: r"үшінші", 4: r"төртінші"},
    "uz": {1: r"birinchi|биринчи", 2: r"ikkinchi|иккинчи", 3: r"uchinchi|учинчи", 4: r"to'rtinchi|тўртинчи"},
    "tr": {1: r"birinci|ilk", 2: r"ikinci", 3: r"üçüncü", 4: r"dördüncü"},
    "zh": {1: r"第一届|首届|第一次", 2: r"第二届|第二次", 3: r"第三届|第三次", 4: r"第四届|第四次"},
    "ja": {1: r"第1回|第一回|初の", 2: r"第2回|第二回", 3: r"第3回|第三回", 4: r"第4回|第四回"},
})
ORDINAL_REACH = 30  # characters: "second Central Asia-China summit"
ORDINAL_REACH_CHARACTERS = 12  # in Chinese and Japanese: "第二届中国－中亚峰会"


@lru_cache(maxsize=65536)
def _known_names(text: str, language: str, when: str | None) -> tuple:
    """(start, end, name, country code) in the sentence of the known actors it names (cached: a
    story's mentions are regrouped each time it grows)."""
    return tuple((start, end, f"K:{name}", code) for start, end, code, _sector, name in known_actor_spans(text or "", when, language))


def regroup_stories(conn, story_ids: Iterable[int]) -> None:
    for story_id in sorted(set(story_ids)):
        regroup_story(conn, story_id)


def regroup_all(conn) -> int:
    """After stories were rebuilt (recluster): mentions follow their articles, events are regrouped."""
    conn.execute("UPDATE event_mentions SET story_id = (SELECT story_id FROM articles WHERE id = article_id)")
    conn.execute("DELETE FROM events")
    conn.execute("UPDATE stories SET events_size = size")
    total = 0
    for (story_id,) in conn.execute("SELECT DISTINCT story_id FROM event_mentions WHERE story_id IS NOT NULL").fetchall():
        total += regroup_story(conn, story_id)
    return total


def _mention_row(r) -> MentionRow:
    return MentionRow(id=r["id"], article_id=r["article_id"], type=r["type"], negated=_negated(r),
                      source=json.loads(r["source"]) if r["source"] else None,
                      target=json.loads(r["target"]) if r["target"] else None,
                      date=r["date"], date_from_text=r["date_start"] is not None, confidence=r["confidence"],
                      language=r["language"], published=r["published"], trigger=r["trigger"],
                      sentence=r["sentence"])


_INSERT_EVENT = (
    "INSERT INTO events(id, story_id, type, mode, context, cameo, quad_class, goldstein, source_entity_id,"
    " source_name, source_country, source_code, source_sector, target_entity_id, target_name, target_country,"
    " target_code, target_sector, location, location_country, date, date_precision, negated, future,"
    " hypothetical, confidence, mentions, articles, languages, first_seen, last_seen)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")


def _negated(r) -> bool:
    """The negation grouping compares: a refusal coded from a negated act of cooperation (REJECT with
    the act as its context: "часть ее депутатов не поддержала собственного кандидата") keeps its negation
    on record, but it is the rejection that "verweigerten ihm die Stimme" and "refused to back him"
    report, not a rejection denied. The event is stored so too (_event_values), so that `tidings events` and
    the UI do not flag a refusal as "not" (a double negative); its mentions keep the negation."""
    return bool(r["negated"]) and not (r["type"] == "REJECT" and r["context"])


def _event_values(event_id: int, story_id: int, members: list) -> tuple:
    """The event's fields: from its most confident mention, with blanks filled from the others."""
    ranked = sorted(members, key=lambda r: (-r["confidence"], r["id"]))
    best = ranked[0]
    kind = TYPES[best["type"]]
    source = _first_actor(ranked, "source")
    # one report may name the source as the other's target ("Tokayev received him" / "Tokayev met him"):
    # an actor does not act towards itself
    target = _first_actor(ranked, "target", unlike=source)
    location = _first_actor(ranked, "location")
    dated = next((r for r in ranked if r["date_start"] is not None), best)
    languages = sorted({r["language"] for r in members})
    seen = sorted(r["published"] for r in members if r["published"])
    # confidence grows with independent reports: 1 - product of (1 - c) over articles, capped
    doubt = 1.0
    for article_id in {r["article_id"] for r in members}:
        doubt *= 1 - max(r["confidence"] for r in members if r["article_id"] == article_id)
    return (event_id, story_id, best["type"], best["mode"] or next((r["mode"] for r in ranked if r["mode"]), None),
            best["context"], kind.cameo, kind.quad, kind.goldstein,
            source.get("entity_id"), _actor_name(source), source.get("country"),
            source.get("code"), source.get("sector"),
            target.get("entity_id"), _actor_name(target), target.get("country"),
            target.get("code"), target.get("sector"),
            location.get("text"), location.get("country"), dated["date"], dated["date_precision"],
            int(_negated(best)), max(r["future"] for r in members), best["hypothetical"], round(min(0.99, 1 - doubt), 3),
            len(members), len({r["article_id"] for r in members}), json.dumps(languages),
            seen[0] if seen else None, seen[-1] if seen else None)


def _actor_name(actor: dict) -> str | None:
    """What the event calls an actor: its entity's name or its words, but a country inferred for
    an unnamed actor is the country ("Netanyahu met ..." with no one named on the receiving end is
    domestic: the target is Israel, not Netanyahu's words again)."""
    if actor.get("inferred") and not actor.get("entity_id") and actor.get("country"):
        from ..entities.resolve import country_name

        return country_name(actor["country"])
    return actor.get("name") or actor.get("text")


def _first_actor(ranked: list, field: str, unlike: dict | None = None) -> dict:
    for r in ranked:
        if r[field]:
            actor = json.loads(r[field])
            if not (unlike and actor.get("entity_id") and actor.get("entity_id") == unlike.get("entity_id")):
                return actor
    return {}


def delete_all(conn) -> None:
    conn.execute("DELETE FROM events")
    conn.execute("DELETE FROM event_mentions")


def refresh_entities(conn, entity_ids: Iterable[int]) -> int:
    """After the registry moved mentions between entities (merge, split): event actors follow their
    names' mentions again, and the affected stories regroup. Returns the mentions updated."""
    keys = [f"E:{i}" for i in entity_ids]
    if not keys:
        return 0
    marks = ",".join("?" * len(keys))
    rows = conn.execute(f"SELECT id, article_id, story_id, source, target FROM event_mentions"
                        f" WHERE source_key IN ({marks}) OR target_key IN ({marks})", keys + keys).fetchall()
    stories = set()
    for row in rows:
        mention_ids = [r[0] for r in conn.execute(
            "SELECT entity_id FROM mentions WHERE article_id = ? ORDER BY id", (row["article_id"],))]
        updated = {}
        for side in ("source", "target"):
            actor = json.loads(row[side]) if row[side] else None
            if actor and actor.get("mention") is not None and actor["mention"] < len(mention_ids):
                actor["entity_id"] = mention_ids[actor["mention"]]
                updated[side] = actor
        if updated:
            source, target = updated.get("source"), updated.get("target")
            conn.execute("UPDATE event_mentions SET source = COALESCE(?, source), target = COALESCE(?, target),"
                         " source_key = COALESCE(?, source_key), target_key = COALESCE(?, target_key) WHERE id = ?",
                         (json.dumps(source, ensure_ascii=False) if source else None,
                          json.dumps(target, ensure_ascii=False) if target else None,
                          _key_of(source), _key_of(target), row["id"]))
            stories.add(row["story_id"])
    regroup_stories(conn, [s for s in stories if s is not None])
    return len(rows)


def _key_of(actor: dict | None) -> str | None:
    """What grouping and registry edits look actors up by: E:<entity id>, else C:<country>, else the code."""
    if not actor:
        return None
    if actor.get("entity_id"):
        return f"E:{actor['entity_id']}"
    return f"C:{actor['country']}" if actor.get("country") else actor.get("code")


def stored_article(store, article_id: int) -> Article | None:
    """An article as the reader left it (text, sentences, names with their entities, dates), from the store."""
    from ..model import DateMention, Mention, Sentence

    rows = store.query("SELECT id, title, text, language, published, published_precision, story_id FROM articles"
                       " WHERE id = ?", (article_id,))
    if not rows:
        return None
    row = rows[0]
    text = row["text"]
    article = Article(title=row["title"], text=text, language=row["language"], published=row["published"],
                      published_precision=row["published_precision"], id=row["id"], story_id=row["story_id"])
    article.sentences = [Sentence(r["start"], r["end"], text[r["start"]:r["end"]]) for r in store.query(
        'SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', (article_id,))]
    article.mentions = [Mention(r["start"], r["end"], r["text"], r["type"], r["sentence"], key=r["key"],
                                country=r["country"], role=r["role"], entity_id=r["entity_id"],
                                part=r["part"], caption=r["caption"])
                        for r in store.query('SELECT * FROM mentions WHERE article_id = ? ORDER BY id', (article_id,))]
    article.dates = [DateMention(r["start"], r["end"], r["text"], r["value"], r["precision"], r["sentence"])
                     for r in store.query('SELECT * FROM date_mentions WHERE article_id = ? ORDER BY id', (article_id,))]
    return article


def recode_all(store, on_progress=None) -> int:
    """Re-code every stored article's events (after a lexicon or coder change) without re-reading or
    re-embedding anything; one transaction, so readers see the old events or the new ones. Articles
    are loaded one at a time: a big store is never held in memory."""
    from .code import code_events

    ids = [r[0] for r in store.query("SELECT id FROM articles ORDER BY id")]
    coded = 0
    with store.transaction() as tx:
        delete_all(tx)
        for n, article_id in enumerate(ids, 1):
            article = stored_article(store, article_id)
            article.events = code_events(article)
            attach_entities(tx, article)
            save_mentions(tx, article)
            coded += len(article.events)
            if on_progress:
                on_progress(n, len(ids))
        regroup_all(tx)
    return coded
