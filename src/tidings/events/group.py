"""One event, many mentions: the mentions of a story's articles that report the same event are grouped.

A mention joins an event when nothing keeps it apart from any of the event's mentions (the same
type after PLOVER's intent rules, the same negation, dates within a day when both sentences name
one) and something ties it to one of them:

* a figure both sentences state (same value and unit: "1,968 prisoners" / "1968 detenidos"; and the
  same thing counted where both say what: "20 dead" is not "20 hostages"), or two
  names in common (people, bodies, places, resolved to the same entities across languages; known
  actors by their dictionary line) that are not in most of the story's sentences: reports word the
  same event differently, so these tie mentions even when their actor readings differ;
* or a mention of the event that it takes up: within one article, a report that names no source
  and uses the word of an earlier sentence's report of its kind ("India carried out missile strikes
  on nine sites" ... "eight people were killed in the strikes"; "会晤持续约2小时45分钟" after "特朗普与
  普京...举行会晤") is about the event that one reports, when their actors agree;
* or actors that agree with every mention of the event (below) and one named actor or name in common,
  the same two countries acting, or the same kind of body acting where a story has few (a prosecutor, a
  parliament's members); a report that names no actor agrees with anything, so it needs one of the ties
  above. One misread report does not keep out the rest: where some actors disagree, the reports that
  carry the tie must agree, and so must half of all pairs of reports.
  A report naming two names of an event that its reports name apart ties as two names do. Reports
  whose participants in common are on opposite sides (the attacker of one is the attacked of the
  other; the one warned and the one warning) are not tied this way: the two sides of a conflict
  are in every report of it.

One-sided violence and fighting (ASSAULT, FIGHT) count as one type here: whether strikes on a
country are an attack or a fight depends on whether it is read as fighting back, and reports of one
strike differ on that across languages. A sanction and a threat (CLOSE) are one event only when
a figure, two names or a report taking up the other tie them ("announced a 10% baseline tariff" is a
threat to one coder, "anunció un arancel del 10%" a sanction to another).

A meeting, call or visit (CONSULT) also needs the same parties: two reports that each name two
parties, one of them different, are two meetings however much else ties them (Trump and Putin in
Alaska, Trump and Zelensky on the phone), unless a sentence names a summit of many. A summit of many
and a meeting of two in a sentence that names no other country (a state visit before the summit) are
not one by the weak tie either.

Actors agree when either is unknown, when they resolve to the same entity, or when they belong to
the same country and one of them is the country itself ("Russia" and "Putin" acting for it).
Meetings, agreements, cooperation and fighting (also an attack with a fight) compare participants
without direction (any entity or country in common). Country names do not count as shared names
(every sentence of a story about Gaza names Israel). Measured on the sample corpus, see
docs/benchmarks.md.

Mentions are taken in a fixed order (the most complete first, then by id), so the same input always
gives the same events, and each event keeps the id of its first mention: ids stay stable as more
articles arrive. A mention joins the first event it fits; once all are placed, two events of a kind
that fit each other as wholes (the same rule, asked of all their members) are one: a report that
fit an earlier event first no longer keeps apart two halves of the event it also belongs to.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
import re


@dataclass
class MentionRow:
    id: int
    article_id: int
    type: str
    negated: bool
    source: dict | None
    target: dict | None
    date: str | None
    date_from_text: bool
    confidence: float
    language: str = ""
    published: str | None = None
    names: frozenset = frozenset()  # entities (or name keys) of the sentence, countries left out
    numbers: frozenset = frozenset()  # (value, unit) of the figures the sentence states
    roles: dict = field(default_factory=dict)  # (value, unit) -> what the figure counts ("dead"), where said
    countries: frozenset = frozenset()  # alpha-3 codes of the countries and places the sentence names
    trigger: str = ""  # the words that coded it ("strikes", "переговоры")
    sentence: int = -1  # its sentence's position in the article
    participants: frozenset | None = field(default=None, repr=False, compare=False)  # see _participants
    acting: "_Acting | None" = field(default=None, repr=False, compare=False)  # see _acting
    antecedent: int | None = field(default=None, repr=False, compare=False)  # see _antecedents


@dataclass
class Group:
    members: list[MentionRow] = field(default_factory=list)
    # what _fit asks of every member, kept as members join (a story's biggest events have
    # hundreds of mentions, and each new mention was compared with each of them)
    dated: dict = field(default_factory=dict)  # date -> a member whose sentence states it
    undated: dict = field(default_factory=dict)  # date -> a member dated by its article only
    actors: dict = field(default_factory=dict)  # (source, target) -> a member with those actors
    weights: Counter = field(default_factory=Counter)  # (source, target) -> how many members have them
    numbers: set = field(default_factory=set)
    roles: dict = field(default_factory=dict)  # figure -> what its members count with it ("" where unsaid)
    names: set = field(default_factory=set)
    entities: set = field(default_factory=set)  # participants that are entities ("E", id)
    ties: frozenset = frozenset()  # what its members could share with a new one (_ties), for lookup
    acted: bool = False  # some member names an actor (source or target)
    ids: set = field(default_factory=set)  # its members' ids
    refers: set = field(default_factory=set)  # the mentions its members take up again (_antecedents)
    countries: set = field(default_factory=set)  # countries acting in its members ("C", code), not inferred
    many: set = field(default_factory=set)  # those of its members that report a meeting of many
    dyads: set = field(default_factory=set)  # the two countries acting, of members that name two
    sectors: set = field(default_factory=set)  # the kinds of body that act in its members (_sector)

    @property
    def id(self) -> int:
        return min(m.id for m in self.members)

    def add(self, row: MentionRow) -> None:
        self.members.append(row)
        if row.date_from_text and row.date:
            self.dated.setdefault(row.date, row)
        elif row.date:
            self.undated.setdefault(row.date, row)
        signature = _actor_signature(row)
        self.actors.setdefault(signature, row)
        self.weights[signature] += 1
        self.numbers |= row.numbers
        for figure in row.numbers:
            self.roles.setdefault(figure, set()).add(row.roles.get(figure, ""))
        self.names |= row.names
        self.entities |= _entities(row)
        self.countries |= _countries(row)
        self.dyads |= _dyads(row)
        self.sectors |= _sector(row)
        self.many |= _many_countries(row)
        self.acted = self.acted or row.source is not None or row.target is not None
        self.ids.add(row.id)
        if row.antecedent is not None:
            self.refers.add(row.antecedent)

    def absorb(self, other: "Group") -> None:
        """Take every member of another event, and the ties they bring."""
        for row in other.members:
            self.add(row)
        self.ties |= other.ties


def group_mentions(rows: list[MentionRow]) -> list[Group]:
    _antecedents(rows)
    ordered = sorted(rows, key=lambda r: (-_completeness(r), r.id))
    common = _common_names(rows)
    groups: list[Group] = []
    # a mention only fits an event of its own type and negation, and only one it shares a figure, a
    # name or an entity with (_fit accepts nothing else): look among those only, in the order they
    # were made (the first that fits, as over all events). A story's mentions are regrouped as it
    # grows, and most mentions are events of their own: one of 2,600 compared with every event of
    # the story cost ~1 s a regroup.
    by_kind: dict[tuple[str, bool], list[Group]] = {}
    postings: dict[tuple[str, bool], dict[tuple, list[int]]] = {}  # kind -> tie -> events (positions) with it
    for row in ordered:
        kind = _kind(row)
        candidates = by_kind.setdefault(kind, [])
        ties = postings.setdefault(kind, {})
        mine = _ties(row)
        positions = sorted({p for tie in mine for p in ties.get(tie, ())})
        alone = Group()
        alone.add(row)
        position = next((p for p in positions if _fit(candidates[p], alone, common)), None)
        if position is None:
            position = len(candidates)
            candidates.append(Group())
            groups.append(candidates[-1])
        home = candidates[position]
        for tie in mine - home.ties:
            ties.setdefault(tie, []).append(position)
        home.ties |= mine
        home.add(row)
    return sorted(_merge_close_types(_merge_fitting(groups, common), common), key=lambda g: g.id)


def _merge_close_types(groups: list[Group], common: set) -> list[Group]:
    """Events of close types (CLOSE) that a figure, two names or a report taking up the other tie,
    and that nothing keeps apart, are one: "Trump announced a 10% baseline tariff" is a threat in one
    report and "anunció un arancel del 10%" a sanction in another. Only on those ties, asked both
    ways: the weak tie of agreeing actors and one name does not join events of different types."""
    close = [g for g in groups if _kind(g.members[0])[0] in CLOSE_TYPES]
    if not close:
        return groups
    postings = _postings(close)
    gone: set[int] = set()
    for position, group in enumerate(close):
        if position in gone:
            continue
        kind = _kind(group.members[0])
        for p in sorted({p for tie in group.ties for p in postings[tie] if p > position} - gone):
            other = close[p]
            theirs = _kind(other.members[0])
            if theirs == kind or theirs[1] != kind[1] or frozenset((kind[0], theirs[0])) not in CLOSE:
                continue
            if _strength(group, other, common) == STRONG and _strength(other, group, common) == STRONG:
                group.absorb(other)
                gone.add(p)
    kept = {id(g) for i, g in enumerate(close) if i in gone}
    return [g for g in groups if id(g) not in kept]


def _postings(groups: list[Group]) -> dict[tuple, list[int]]:
    """Each tie (_ties) -> the positions of the events that have it, in order: who a merge may concern."""
    postings: dict[tuple, list[int]] = {}
    for position, group in enumerate(groups):
        for tie in group.ties:
            postings.setdefault(tie, []).append(position)
    return postings


def _kind(row: MentionRow) -> tuple:
    """What a mention's event must share with it: its type (ASSAULT and FIGHT as one) and negation."""
    return FAMILY.get(row.type, row.type), row.negated


def _merge_fitting(groups: list[Group], common: set) -> list[Group]:
    """Events of one kind that share a tie and fit each other as wholes become one, the earlier
    taking the later; an event that grew is compared with the later ones it now shares a tie with
    (once each: comparing all again after each merge took 4 s instead of 1 s on a synthetic story of
    2,600 mentions)."""
    by_kind: dict[tuple, list[Group]] = {}
    for group in groups:  # in the order they were made
        by_kind.setdefault(_kind(group.members[0]), []).append(group)
    kept = []
    for items in by_kind.values():
        postings = _postings(items)
        gone: set[int] = set()
        for position, group in enumerate(items):
            if position in gone:
                continue
            near = {p for tie in group.ties for p in postings[tie] if p > position}
            tried: set[int] = set()
            while True:
                fitting = None
                for p in sorted(near - tried - gone):
                    tried.add(p)
                    if _fit(group, items[p], common):
                        fitting = p
                        break
                if fitting is None:
                    break
                other = items[fitting]
                near.update(p for tie in other.ties - group.ties for p in postings[tie] if p > position)
                group.absorb(other)
                gone.add(fitting)
            kept.append(group)
    return kept


def _fit(a: Group, b: Group, common: set) -> bool:
    return _strength(a, b, common) > 0


def _strength(a: Group, b: Group, common: set) -> int:
    """The rule of the module's docstring, asked of an event and a mention (an event of one) or of two
    events: no member of one keeps apart any of the other (dates, a meeting's parties), and a member
    of one takes up one of the other, a figure or two names tie them (STRONG), or their actors all
    agree and one name or named actor does (WEAK); 0 when they do not fit. Asked of what
    the members have in common rather than member by member (the same answers: members with the
    same date or actors give the same answer, and "any member shares one" is "the union shares one")."""
    if not all(_same_time(x, y) for x in b.dated.values() for y in a.dated.values()):
        return 0
    if any(_long_before(x, y) for x in b.dated.values() for y in a.undated.values()) or \
            any(_long_before(x, y) for x in a.dated.values() for y in b.undated.values()):
        return 0
    if a.members[0].type in BILATERAL and any(_other_meeting(x, y) for x in b.actors.values()
                                               for y in a.actors.values()):
        return 0
    if a.ids & b.refers or b.ids & a.refers:
        return STRONG
    if any(_figure_ties(n, a, b) for n in a.numbers & b.numbers):
        return STRONG
    if len((a.names & b.names) - common) >= 2 and (any(_shares_wording(row, a, common) for row in b.members)
                                                   or _names_two_of(a, b, common) or _names_two_of(b, a, common)):
        return STRONG
    # tied by one named actor or one name in common: without it, two reports of the same type in a
    # story are as likely two events (a story's reactions, pledges and calls are many) as one. Actors
    # agree only where there are some: a report that names no one ("artillery exchanges continue on
    # the Line of Control in Kashmir") agrees with every event, and one name it shares with one (the
    # region) says too little. A country acting in a report of a meeting of many ties it to a report
    # with that country acting (their names differ: "Tokayev hosted Xi, Mirziyoyev, ..." and "the second
    # 'Central Asia - China' summit" → China); one country of two meetings of two says too little
    if not (a.entities & b.entities or a.names & b.names or a.many & b.countries or b.many & a.countries
            or a.dyads & b.dyads or a.sectors & b.sectors) \
            or not (a.acted and b.acted):
        return 0
    if any(_opposite_sides(x, y) or _many_and_two(x, y) for x in b.actors.values() for y in a.actors.values()):
        return 0
    if all(_same_actors(x, y) for x in b.actors.values() for y in a.actors.values()):
        return WEAK
    return WEAK if _tied_members_agree(a, b) else 0


def _tied_members_agree(a: Group, b: Group) -> bool:
    """The weak tie where some actors disagree: the members that tie the two events (a name, an
    entity, the same two countries, a country of a meeting of many, the kind of body: _member_tie)
    agree with each other, and at least half of all pairs of members (one of each, weighted by how
    many read their actors so) agree.
    One misread report of an event ("Erdoğan signed with Guterres and Abbas") does not keep out a
    report that agrees with the rest and shares a tie with them."""
    agree = total = 0
    for sx, x in a.actors.items():
        for sy, y in b.actors.items():
            weight = a.weights[sx] * b.weights[sy]
            total += weight
            agree += weight if _same_actors(x, y) else 0
    if agree < TIED_SHARE * total:  # asked first: it costs the kinds of actors, not the members
        return False
    tied = False
    agreeing: dict[tuple, bool] = {}  # _same_actors by what it reads of the two (_Acting.actors)
    postings: dict[tuple, list[MentionRow]] | None = None  # b's members by what they tie with (_member_tie)
    for x in a.members:
        if not (x.names & b.names or _entities(x) & b.entities or _dyads(x) & b.dyads
                or _many_countries(x) & b.countries or _participants(x) & b.many or _sector(x) & b.sectors):
            continue
        if postings is None:
            postings = {}
            for y in b.members:
                for key in _tie_keys(y, _TIE_OF):
                    postings.setdefault(key, []).append(y)
        # the members of b that _member_tie(x, y) finds, each once
        seen: set[int] = set()
        for key in _tie_keys(x, _TIE_TO):
            for y in postings.get(key, ()):
                if id(y) in seen:
                    continue
                seen.add(id(y))
                pair = (_acting(x).actors, _acting(y).actors)
                same = agreeing.get(pair)
                if same is None:
                    same = agreeing[pair] = _same_actors(x, y)
                if not same:
                    return False
                tied = True
    return tied


# _member_tie as lookups: what a member of one event offers (_TIE_OF) and what a member of the other
# looks for (_TIE_TO) share a key exactly when the two tie: names, entities, the two countries and the
# kind of body with their like; a country of a meeting of many with a participant, both ways
_TIE_OF, _TIE_TO = 0, 1


def _tie_keys(row: MentionRow, side: int) -> list[tuple]:
    acting = _acting(row)
    keys = [("N", n) for n in row.names] + [("E", e) for e in acting.entities] + \
        [("D", d) for d in acting.dyads] + [("S", s) for s in acting.sector]
    if side == _TIE_OF:
        return keys + [("P", p) for p in _participants(row)] + [("M", c) for c in acting.many]
    return keys + [("P", c) for c in acting.many] + [("M", p) for p in _participants(row)]


def _member_tie(x: MentionRow, y: MentionRow) -> bool:
    """What the weak tie asks two reports to share (_strength, asked of events)."""
    return bool(x.names & y.names or _entities(x) & _entities(y) or _dyads(x) & _dyads(y)
                or _many_countries(x) & _participants(y) or _many_countries(y) & _participants(x)
                or _sector(x) & _sector(y))


def _many_countries(row: MentionRow) -> frozenset:
    """The countries acting in a report of a meeting of many (Group.many), else none."""
    return _acting(row).many


def _many_countries_of(row: MentionRow, countries: frozenset, many: bool) -> frozenset:
    return countries if row.type in BILATERAL and many else frozenset()


TIED_SHARE = 0.5


def _dyads(row: MentionRow) -> frozenset:
    return _acting(row).dyads


def _dyads_of(countries: frozenset) -> frozenset:
    """The two countries a report names as its parties (source and target, not inferred), where it
    names two: "пакистанская сторона сбила несколько индийских самолетов" (Pakistan, India), as
    "Islamabad affirme avoir abattu cinq avions indiens". Reports that name no person or body in
    common may still name the same two countries acting, which one country does not say (every
    report of a story names its country)."""
    return frozenset([countries]) if len(countries) == 2 else frozenset()


def _sector(row: MentionRow) -> frozenset:
    return _acting(row).sector


def _sector_of(row: MentionRow) -> frozenset:
    """("S", sector) of the source where it is a kind of body that a story has few of (prosecutors,
    parliaments): "Le parquet de Paris a ouvert une enquête", "Die Pariser Staatsanwaltschaft leitete
    Ermittlungen ein", "وفتحت النيابة العامة في باريس تحقيقاً" name the same actor in words no entity joins."""
    sector = (row.source or {}).get("sector")
    return frozenset([("S", sector)]) if sector in TYING_SECTORS else frozenset()


TYING_SECTORS = {"JUD", "LEG"}


def _same_body(a: dict, b: dict) -> bool:
    """Two actors of the same kind of body that a story has few of (TYING_SECTORS) in the same country:
    "parquet de Paris" and "النيابة العامة" (the public prosecution) are one prosecutor, though the
    entities read from the two languages differ."""
    sector, country = a.get("sector"), a.get("code") or a.get("country")
    return sector in TYING_SECTORS and sector == b.get("sector") and bool(country) \
        and country == (b.get("code") or b.get("country"))


def _many_and_two(a: MentionRow, b: MentionRow) -> bool:
    """A meeting of many (its sentence names two or more countries besides its parties': "Tokayev hosted
    Xi, Mirziyoyev, Japarov, Rahmon and Berdimuhamedov") and a meeting of two parties in a sentence
    that names no other country ("Xi arrived in Kazakhstan on a state visit on 16 June"; "Egypt will
    host a conference on Gaza's reconstruction"): the weak tie of one party in common does not make
    them one; a summit's story has its bilateral visits, talks and conferences besides. A figure, two
    names or a report taking up the other still join them."""
    if a.type not in BILATERAL:
        return False
    first, second = _parties(a), _parties(b)
    many_a, many_b = _many_parties(a), _many_parties(b)
    return (many_a and not many_b and len(second) == 2) or (many_b and not many_a and len(first) == 2)


def _figure_ties(figure: tuple, a: Group, b: Group) -> bool:
    """A figure both events state ties them when it is no small plain count and the reports count the
    same thing with it, where both say what they count (`MentionRow.roles`): "more than 20" dead and
    "vingt otages" (hostages) are two figures; "26 personnes" and "26 sivilin hayatını kaybettiği"
    (dead) may be one."""
    if not (figure[1] or figure[0] >= 3):
        return False
    first, second = a.roles.get(figure, {""}), b.roles.get(figure, {""})
    return "" in first or "" in second or bool(first & second)


def _opposite_sides(a: MentionRow, b: MentionRow) -> bool:
    """Two reports whose participants in common are each the one who acts in one and the one on the
    receiving end in the other ("Indian forces struck targets in Pakistan" / "Pakistani shelling
    along the Line of Control killed civilians"; "Trump warned Tehran" / "Tehran warns of
    consequences"): the weak tie does not make them one event, as the two sides of a conflict are in
    every report of it. Violence counts its sides although it is compared without direction; meetings,
    agreements and cooperation do not ("Trump met Putin" / "Putin met Trump"). Not for the strong ties
    (a figure, two names, a report taking up another), nor for reports taking up an earlier one:
    readings of violence across languages swap the sides of one strike too often for that
    (docs/benchmarks.md)."""
    if any(t in SYMMETRIC and FAMILY.get(t, t) != "FIGHT" for t in (a.type, b.type)):
        return False
    (sa, ta), (sb, tb) = _acting(a).sides, _acting(b).sides
    crossed = (sa & tb) | (ta & sb)
    return bool(crossed) and not (sa & sb) and not (ta & tb)


def _side(actor: dict | None) -> frozenset:
    """The entity and the country (unless inferred) of one actor, as _participants reads them."""
    found = set()
    if actor:
        if actor.get("entity_id"):
            found.add(("E", actor["entity_id"]))
        if actor.get("code") and not actor.get("inferred"):
            found.add(("C", actor["code"]))
    return frozenset(found)


STRONG, WEAK = 2, 1


def _ties(row: MentionRow) -> frozenset:
    """What a mention must share with an event to fit it: a figure _same_wording counts, a name, an
    entity, the mention it takes up (or itself, for those that take it up); for a meeting, the countries
    acting in it (a summit of many, _strength)."""
    return frozenset([("N", n) for n in row.numbers if n[1] or n[0] >= 3]
                     + (list(_countries(row)) if row.type in BILATERAL else [])
                     + [("M", name) for name in row.names] + list(_entities(row))
                     + [("R", row.id)] + ([("R", row.antecedent)] if row.antecedent is not None else [])
                     + [("D", dyad) for dyad in _dyads(row)] + list(_sector(row)))


def _antecedents(rows: list[MentionRow]) -> None:
    """A report takes up an event its article told before with the same word ("India carried out
    missile strikes on nine sites ..." / "в результате ударов погибли восемь человек" after "нанесли
    удары"): a mention that names no source, whose trigger shares a word with that of a mention of
    its kind in an earlier sentence of the same article that names an actor, and whose actors agree
    with that one's, refers to the nearest such mention (`antecedent`), and joins its event unless a
    date or a meeting's parties keep them apart. Reports that name no one ("the talks lasted three
    hours") share no name or figure with other articles; this ties them to the event their article
    is about. Neither of them may stand in a sentence that reports an event of another kind with an
    actor: there the word only names what the sentence speaks of ("the Turkish foreign ministry said
    the US attack risks a wider war, and called for restraint" is the call; "Trump warned Tehran of
    further attacks" the threat)."""
    sentences: dict[tuple, list[MentionRow]] = {}
    for row in rows:
        sentences.setdefault((row.article_id, row.sentence), []).append(row)
    earlier: dict[int, list[MentionRow]] = {}  # article -> its mentions so far, in the text's order
    for row in sorted(rows, key=lambda r: (r.article_id, r.sentence, r.id)):
        row.antecedent = None
        told = earlier.setdefault(row.article_id, [])
        if row.source is None and row.sentence >= 0 and not _about_another(row, sentences):
            row.antecedent = next((other.id for other in reversed(told)
                                   if other.sentence != row.sentence and _kind(other) == _kind(row)
                                   and (other.source is not None or other.target is not None)
                                   and not _about_another(other, sentences)
                                   and _same_word(other.trigger, row.trigger) and _same_actors(other, row)), None)
        told.append(row)


def _about_another(row: MentionRow, sentences: dict) -> bool:
    """The mention's sentence reports an event of another kind with an actor: what the sentence is about."""
    return any(_kind(other) != _kind(row) and (other.source or other.target)
               for other in sentences[(row.article_id, row.sentence)])


_ELISION = re.compile(r"^(?:[ldjnmst]|qu)['’]|^(?:وال|فال|بال|لل|ال)", re.I)


def _same_word(a: str, b: str) -> bool:
    """Two triggers share a word, up to its ending ("strikes" / "strike", "удары" / "ударов",
    "الضربات" / "ضربات"); triggers in a script without spaces, whole."""
    first = [_ELISION.sub("", w) for w in a.lower().split()]
    second = [_ELISION.sub("", w) for w in b.lower().split()]
    return any(x == y or _stem_match(x, y) for x in first for y in second)


def _stem_match(x: str, y: str) -> bool:
    shorter = min(len(x), len(y))
    if shorter < STEM_MIN:
        return False
    need = max(STEM_MIN, shorter - STEM_ENDING)
    return x[:need] == y[:need]


STEM_MIN = 4  # words shorter than this must be the same
STEM_ENDING = 2  # an ending of up to this many letters may differ


def _actor_signature(row: MentionRow) -> tuple:
    """All that _same_actors, _other_meeting, _opposite_sides and _many_and_two read of a mention: per
    actor its entity, its country unless inferred, whether it is the country itself, and the kind of
    body with its country where the kind ties reports (_same_body: "parquet de Paris" and "النيابة
    العامة"); whether its type is read without direction (an event's members are an attack and
    fighting: FAMILY) and whether its sentence names a meeting of many. Members alike in these give
    the same answer, and a big event's members are alike in few ways."""
    return tuple((actor.get("entity_id"), None if actor.get("inferred") else actor.get("code"),
                  bool(actor.get("is_country")), _body_of(actor)) if actor else None
                 for actor in (row.source, row.target)) \
        + (row.type in SYMMETRIC, row.type in BILATERAL and _many_parties(row))


def _body_of(actor: dict) -> tuple | None:
    """What _same_body reads of an actor: its kind of body, where that ties, and that body's country."""
    sector = actor.get("sector")
    return (sector, actor.get("code") or actor.get("country")) if sector in TYING_SECTORS else None


def _common_names(rows: list[MentionRow]) -> set:
    """Names in most of a story's sentences (Trump and Hamas in a story about Gaza) tie nothing."""
    sentences = {(r.article_id, r.names) for r in rows}
    counts = Counter(name for _, names in sentences for name in names)
    return {name for name, n in counts.items() if n > COMMON_SHARE * len(sentences)}


def _entities(row: MentionRow) -> frozenset:
    """The entities ("E", id) acting in a mention (_participants)."""
    return _acting(row).entities


def _countries(row: MentionRow) -> frozenset:
    """The countries ("C", code) acting in a mention, not inferred (_participants)."""
    return _acting(row).countries


@dataclass(frozen=True)
class _Acting:
    """What the ties and the weak tie's agreement read of one mention's actors, computed once a row (as
    _participants is): _tied_members_agree asks them of every pair of members of two events, and a
    story's biggest events have hundreds."""
    entities: frozenset
    countries: frozenset
    dyads: frozenset
    sector: frozenset
    many: frozenset  # _many_countries
    parties: tuple  # _parties
    many_parties: bool  # _many_parties
    sides: tuple  # _side of the source and of the target
    actors: tuple  # all that _same_actors reads of the mention: members alike in it give the same answer


# what _same_actor, _same_body and _participants read of an actor
_ACTOR_FIELDS = ("entity_id", "code", "country", "inferred", "is_country", "sector")


def _acting(row: MentionRow) -> _Acting:
    if row.acting is None:
        participants = _participants(row)
        countries = frozenset(p for p in participants if p[0] == "C")
        parties = _parties_of(row)
        many_parties = _many_parties_of(row, parties)
        row.acting = _Acting(entities=frozenset(p for p in participants if p[0] == "E"), countries=countries,
                             dyads=_dyads_of(countries), sector=_sector_of(row),
                             many=_many_countries_of(row, countries, many_parties), parties=parties,
                             many_parties=many_parties, sides=(_side(row.source), _side(row.target)),
                             actors=(row.type in SYMMETRIC,) + tuple(
                                 None if actor is None else tuple(actor.get(k) for k in _ACTOR_FIELDS)
                                 for actor in (row.source, row.target)))
    return row.acting


def _names_two_of(a: Group, b: Group, common: set) -> bool:
    """A report of one event names two names of the other, not in most of the story's sentences, which
    its reports may name apart: Le Monde's "Deux semaines après l'attentat de Pahalgam, New Delhi a lancé
    ... l'« opération Sindoor »" and the strikes' reports, The Hindu's "missile strikes ... two weeks after
    the terror attack in Pahalgam" and "the strikes under Operation Sindoor". Each name alone is one name
    (the weak tie); two say which event it is as two names in one report do."""
    return any(len((row.names & a.names) - common) >= 2 for row in b.members)


def _shares_wording(row: MentionRow, group: Group, common: set) -> bool:
    """_same_wording with any member."""
    if any(n[1] or n[0] >= 3 for n in row.numbers & group.numbers):
        return True
    if len((row.names & group.names) - common) < 2:
        return False
    return any(_same_wording(row, other, common) for other in group.members)


def _completeness(row: MentionRow) -> int:
    return (row.source is not None) + (row.target is not None) + row.date_from_text


# meetings, agreements, joint action and fighting have participants rather than a direction: one
# report says "Trump met Sisi", another "Sisi and the emir of Qatar met Trump"
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE", "FIGHT"}
COMMON_SHARE = 0.5  # "most" of a story's sentences
# Types grouped as one: PLOVER's line between one-sided violence and fighting is where reports (and
# coders: bench_events.py scores "ASSAULT = FIGHT" for this reason) differ most. Measured on the
# sample corpus (docs/benchmarks.md): other pairs (CONSULT / AGREE, SANCTION / THREATEN, COERCE with
# violence, PLOVER's quad classes) cost precision or gained nothing.
FAMILY = {"ASSAULT": "FIGHT"}
# Types whose events are one when a figure, two names or a report taking up the other tie them
# (_merge_close_types): a sanction announced is a threat to one coder and a sanction to another.
# Measured on the sample corpus (docs/benchmarks.md): CONSULT / AGREE cost precision on these ties
# too, CONSULT / REJECT, AGREE / COOPERATE, CONSULT / SUPPORT and AGREE / SUPPORT joined nothing.
CLOSE = {frozenset(("SANCTION", "THREATEN"))}
CLOSE_TYPES = {t for pair in CLOSE for t in pair}
# A meeting, call or visit is between its parties: two reports that each name two parties, one of
# them different ("Trump met Putin in Alaska" / "Trump spoke with Zelensky by phone"), are two
# meetings, even where the story's names or a figure would tie them. Not for a summit of many
# (a sentence naming two countries besides its parties'): its reports name different pairs of the
# same meeting. Agreements and fighting often have more parties than one sentence reads, so they are
# not kept apart this way (measured on the sample corpus: docs/benchmarks.md).
BILATERAL = {"CONSULT"}
OTHER_COUNTRIES_OF_MANY = 2


def _other_meeting(a: MentionRow, b: MentionRow) -> bool:
    first, second = _parties(a), _parties(b)
    if len(first) < 2 or len(second) < 2 or _many_parties(a) or _many_parties(b):
        return False
    return (any(not any(_same_party(x, y) for y in second) for x in first)
            or any(not any(_same_party(y, x) for x in first) for y in second))


def _many_parties(row: MentionRow) -> bool:
    """The sentence names two or more countries besides its parties' own (one more is what the
    meeting is about: Trump and Putin on Ukraine)."""
    return _acting(row).many_parties


def _many_parties_of(row: MentionRow, parties: tuple) -> bool:
    return len(row.countries - {country for _, country in parties}) >= OTHER_COUNTRIES_OF_MANY


def _parties(row: MentionRow) -> tuple:
    """(entity, country unless inferred) of each actor a report names."""
    return _acting(row).parties


def _parties_of(row: MentionRow) -> tuple:
    return tuple((actor.get("entity_id"), None if actor.get("inferred") else actor.get("code"))
                 for actor in (row.source, row.target) if actor)


def _same_party(x: tuple, y: tuple) -> bool:
    """The same entity, the same country, or neither of a known country and not two named ones."""
    if x[0] and x[0] == y[0] or x[1] and x[1] == y[1]:
        return True
    return not x[1] and not y[1] and not (x[0] and y[0])


def _same_wording(a: MentionRow, b: MentionRow, common: set) -> bool:
    """A figure both state, or two names in common. Small plain counts ("two leaders") are too
    common to tie anything."""
    figures = [n for n in a.numbers & b.numbers if n[1] or n[0] >= 3]
    return bool(figures) or len((a.names & b.names) - common) >= 2


def _same_actors(a: MentionRow, b: MentionRow) -> bool:
    if a.type in SYMMETRIC or b.type in SYMMETRIC:  # an attack read as fighting: without direction
        return _shared_participant(a, b)
    return _same_actor(a.source, b.source) and _same_actor(a.target, b.target)


def _participants(row: MentionRow) -> frozenset:
    """The entities ("E", id) and countries ("C", code) acting in a mention (computed once a row)."""
    if row.participants is None:
        found = set()
        for actor in (row.source, row.target):
            if actor:
                if actor.get("entity_id"):
                    found.add(("E", actor["entity_id"]))
                if actor.get("code") and not actor.get("inferred"):
                    found.add(("C", actor["code"]))
        row.participants = frozenset(found)
    return row.participants


def _shared_participant(a: MentionRow, b: MentionRow) -> bool:
    """Participants overlap (an entity or a country in common), or one report names none."""
    first, second = _participants(a), _participants(b)
    return not first or not second or bool(first & second)


def _same_actor(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return True
    entity_a, entity_b = a.get("entity_id"), b.get("entity_id")
    if entity_a and entity_a == entity_b:
        return True
    if _same_body(a, b):
        return True
    # a country inferred from context is a guess: it may not keep apart reports that agree otherwise
    code_a = None if a.get("inferred") else a.get("code")
    code_b = None if b.get("inferred") else b.get("code")
    if code_a and code_b:
        if code_a != code_b:
            return False
        # same country: the same actor unless both are distinct named people or bodies
        return not (entity_a and entity_b and not (a.get("is_country") or b.get("is_country")))
    # different named entities are different actors; a bare "police" may be anyone's
    return not (entity_a and entity_b)


def _same_time(a: MentionRow, b: MentionRow) -> bool:
    if not (a.date_from_text and b.date_from_text) or not a.date or not b.date:
        return True
    first_a, last_a = _bounds(a.date)
    first_b, last_b = _bounds(b.date)
    if None in (first_a, first_b):  # a month or a year: the same as far as the vaguer one says
        vaguer = min(len(a.date.split("/")[0]), len(b.date.split("/")[0]), 7)
        return a.date[:vaguer] == b.date[:vaguer]
    return (first_a - last_b).days <= 1 and (first_b - last_a).days <= 1


def _long_before(dated: MentionRow, undated: MentionRow) -> bool:
    """A report whose sentence dates its event months before the day of a report that names no date
    ("the first summit in this format was held in Xi'an in May 2023" beside a report of 17 June 2025):
    the undated report tells its day's news, which is another event. Weeks apart are not enough: a
    report recalls the attack that a strike answers, a fortnight before (docs/benchmarks.md)."""
    _, last = _bounds(dated.date)
    if last is None:
        last = _month_end(dated.date)
    day, _ = _bounds(undated.date[:10])
    return last is not None and day is not None and (day - last).days > LONG_BEFORE_DAYS


LONG_BEFORE_DAYS = 60


def _month_end(value: str) -> date | None:
    """The last day of a month ("2023-05") or a year ("2023") a date names."""
    try:
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        if len(value) == 4:
            return date(int(value), 12, 31)
    except ValueError:
        return None
    return None


@lru_cache(maxsize=4096)
def _bounds(value: str) -> tuple[date | None, date | None]:
    """'2025-12-14/2025-12-15' -> both days; a month or year has no day bounds (None)."""
    parts = value.split("/")
    try:
        return date.fromisoformat(parts[0]), date.fromisoformat(parts[-1])
    except ValueError:
        return None, None
