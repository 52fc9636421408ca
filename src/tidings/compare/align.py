"""Step 2: group statements that say the same thing, across articles and languages.

    score(a, b) = cos(a − mean of a's language, b − mean of b's language)
                + number_weight × [both state a number of the same unit within a factor of 4]
                + role_weight × [both state a number counting the same thing: dead, votes, %, USD …]
                + exact_weight × [both state the same exact number of the same unit (years aside)]
                + anchor_weight × min(1, weighted share of names, places, dates and exact numbers both state)
                + entity_weight × [both name one resolved person or organisation (the same entity id)]
                − kind_penalty × [both count something, but nothing of the same unit and role]

Centring matters most: every sentence of a story shares its topic and every sentence of a language
its language, so raw e5 cosines of unrelated statements of one story (0.80–0.86) overlap those of
one fact told in two languages (0.82–0.90). Subtracting each language's mean statement (the
story's mean where a language has too few statements to have one) leaves what a statement adds;
on the gold stories that lifts the AUC of "same fact" from 0.89 to 0.95. The number terms let
"265 dead" and "279 người chết" align although the numbers differ: that is what a conflict is.
Anchors are weighted by how rare they are among the compared articles; they add nothing on top
of centred vectors on the gold stories (calibrated weight 0), and the term is kept for `--sweep`.
The entity term is narrower than the anchors: only people and organisations the entity stage
resolved to one id, whatever the language or script ("Ли Чжэ Мён" and "Lee Jae-myung"), and not
weighted by rarity (the story's protagonist is named in the sentences that tell its facts). The
kind penalty is the other side of the role term: "732 injured" and "1,700 dead" both count, but
not the same thing, and such pairs are rarely one fact; pairs where one side states no number
are not penalised.

What is aligned are a story's statements and, for a long sentence, its clauses as well (each
clause is embedded on its own, statements.clause_spans): a sentence that states three facts has a
low cosine with a short sentence stating one of them, its clause a high one. A statement is in
every group one of its clauses (or itself) is in.

Groups are built greedily from the best pairs down (average link: a statement joins a group only
if its mean score to the group's members reaches the threshold; one statement per article). Then
further statements join a group: a statement (or clause) whose mean score to the group's members
of other articles reaches `further_threshold`, over two of them at least, joins it even where
the group holds a sentence of its article already. An article's title, lead and body often
restate one fact (the toll, the event), and the golds list every such sentence: one statement
per article capped recall near 0.87 on the adjudicated gold. The same step lets a sentence that
states two or three facts join each of their groups, which `second_threshold` did before (off
by default: on the adjudicated gold the further step does it better). Every step is a matrix
operation or O(n) per merge over at most `max_statements` statements; the pairs considered are
capped.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from .attribution import same_speaker
from .statements import Statement

MIN_FOR_LANGUAGE_MEAN = 4  # a language's mean needs a few statements to be its mean, not theirs


@dataclass(frozen=True)
class AlignParams:
    # calibrated with bench/bench_compare.py --sweep on examples/gold/compare_adjudicated.json (7 of the 8
    # leave-one-story-out folds pick the same values; the weights below were checked one at a time with --set)
    threshold: float = 0.22
    second_threshold: float = 9.0  # more groups for a statement stating two facts (off: > 2; `further_*` does it)
    second_groups: int = 2  # how many groups a statement may join besides its own
    number_weight: float = 0.1
    role_weight: float = 0.1
    exact_weight: float = 0.1  # the same exact number ("242", "1.4%") in both
    entity_weight: float = 0.08  # both name one resolved person or organisation
    kind_penalty: float = 0.2  # both count something, never the same kind of thing
    anchor_weight: float = 0.0
    speaker_penalty: float = 0.0  # two statements credited to different speakers (attribution.same_speaker)
    speaker_entity: float = 0.0  # 1: a shared entity that is both statements' speaker earns no entity term
    further_threshold: float = 0.35  # a statement joins a group whose other-article members it matches this
    further_min_others: int = 2  # well on average, two of them at least (off: further_threshold > 2)
    conflict_score: float = 0.25  # numbers are compared between statements this alike (verdicts.py)
    max_pairs: int = 50_000  # candidate pairs examined, best first (bounded time whatever the story)


def centred_vectors(statements: list[Statement]) -> np.ndarray:
    """Unit vectors after subtracting each language's mean statement (see the module doc)."""
    vectors = np.vstack([s.vector for s in statements]).astype(np.float32)
    languages = np.array([s.language for s in statements])
    story = vectors.mean(axis=0)
    out = vectors.copy()
    for language in np.unique(languages):
        rows = languages == language
        out[rows] -= vectors[rows].mean(axis=0) if rows.sum() >= MIN_FOR_LANGUAGE_MEAN else story
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-6)


def _anchor_matrices(statements: list[Statement]) -> tuple[np.ndarray, np.ndarray]:
    """(n × anchors) incidence and each anchor's weight (rarer across articles weighs more)."""
    index: dict[str, int] = {}
    rows, cols = [], []
    for i, statement in enumerate(statements):
        for anchor in statement.anchors:
            rows.append(i)
            cols.append(index.setdefault(anchor, len(index)))
    incidence = np.zeros((len(statements), max(1, len(index))), dtype=np.float32)
    if rows:
        incidence[rows, cols] = 1.0
    articles_with = np.zeros(incidence.shape[1], dtype=np.float32)
    article_ids = np.array([s.article_id for s in statements])
    for article in np.unique(article_ids):
        articles_with += incidence[article_ids == article].max(axis=0)
    n_articles = max(2, len(np.unique(article_ids)))
    weights = 1.0 - (articles_with - 1) / (n_articles - 1)  # 1 when two articles share it, 0 when all do
    for anchor, column in index.items():
        if anchor.startswith("Q:"):
            weights[column] = max(weights[column], 0.8)  # the same exact number is strong evidence
    return incidence, np.clip(weights, 0.0, 1.0)


def _shares(keys_of: list[list[str]]) -> np.ndarray:
    """1 where two statements share at least one key."""
    index: dict[str, int] = {}
    rows, cols = [], []
    for i, keys in enumerate(keys_of):
        for key in keys:
            rows.append(i)
            cols.append(index.setdefault(key, len(index)))
    n = len(keys_of)
    if not index:
        return np.zeros((n, n), dtype=np.float32)
    incidence = np.zeros((n, len(index)), dtype=np.float32)
    incidence[rows, cols] = 1.0
    return ((incidence @ incidence.T) > 0).astype(np.float32)


def _number_matrix(statements: list[Statement]) -> np.ndarray:
    """1 where two statements both state a number of the same unit within a factor of ~4 (each
    number falls in a power-of-2 bin and matches the bins two either side)."""
    bins: dict[str, int] = {}
    exact, near = [], []
    for i, statement in enumerate(statements):
        for quantity in statement.quantities:
            if quantity.value <= 0:
                continue
            level = math.floor(math.log2(quantity.value))
            exact.append((i, bins.setdefault(f"{quantity.unit}:{level}", len(bins))))
            near += [(i, bins.setdefault(f"{quantity.unit}:{level + d}", len(bins))) for d in range(-2, 3)]
    n = len(statements)
    if not bins:
        return np.zeros((n, n), dtype=np.float32)
    exact_m = np.zeros((n, len(bins)), dtype=np.float32)
    near_m = np.zeros((n, len(bins)), dtype=np.float32)
    exact_m[tuple(zip(*exact))] = 1.0
    near_m[tuple(zip(*near))] = 1.0
    return ((exact_m @ near_m.T) > 0).astype(np.float32)


def _kinds(statement: Statement) -> list[str]:
    """What the statement's numbers count: unit and role ("USD:", ":dead", "%:votes")."""
    return [f"{q.unit}:{q.role}" for q in statement.quantities if q.unit or q.role]


def _entities(statement: Statement) -> list[str]:
    """The resolved people and organisations it names (ids shared across languages and scripts);
    a name the entity stage did not resolve is left out."""
    return sorted(a for a in statement.actors if a.startswith("E:"))


def _exact_keys(statement: Statement) -> list[str]:
    return [f"{q.unit}:{q.value:g}" for q in statement.quantities
            if q.approx in ("", "range") and not (not q.unit and 1900 <= q.value <= 2100)]


def _speaker_matrices(statements: list[Statement]) -> tuple[np.ndarray, np.ndarray]:
    """(different, same): 1 where two statements are credited to different speakers, or to one.
    Compared once per pair of distinct attributions (a story has a few dozen speakers)."""
    signature = [(a.get("key", ""), a.get("role", ""), a.get("by", "")) if (a := s.attribution) else None
                 for s in statements]
    distinct = sorted({sig for sig in signature if sig and sig[0]})
    n = len(statements)
    different, same = np.zeros((n, n), dtype=np.float32), np.zeros((n, n), dtype=np.float32)
    if len(distinct) < 1:
        return different, same
    at = {sig: i for i, sig in enumerate(distinct)}
    verdicts = np.zeros((len(distinct), len(distinct)), dtype=np.int8)  # 1 same, -1 different, 0 unknown
    for i, a in enumerate(distinct):
        for j, b in enumerate(distinct[i:], start=i):
            said = same_speaker(dict(zip(("key", "role", "by"), a)), dict(zip(("key", "role", "by"), b)))
            verdicts[i, j] = verdicts[j, i] = 0 if said is None else (1 if said else -1)
    rows = np.array([at.get(sig, -1) if sig else -1 for sig in signature])
    known = rows >= 0
    cross = verdicts[np.ix_(rows[known], rows[known])]
    idx = np.flatnonzero(known)
    different[np.ix_(idx, idx)] = (cross == -1)
    same[np.ix_(idx, idx)] = (cross == 1)
    return different, same


def _entities_besides_speaker(statement: Statement) -> list[str]:
    """The resolved entities a statement names other than the one it is credited to."""
    speaker = (statement.attribution or {}).get("key", "")
    return [e for e in _entities(statement) if e != speaker]


def split_units(statements: list[Statement]) -> tuple[list[Statement], np.ndarray]:
    """What is aligned: every statement, then the clauses of those that have clause vectors (each
    a Statement of the clause's text, vector and numbers). Returns the units (the whole statements
    first, in their order) and each unit's statement index."""
    units, owner = list(statements), list(range(len(statements)))
    for i, statement in enumerate(statements):
        if statement.clause_vectors is None or len(statement.clause_vectors) != len(statement.clauses):
            continue
        for (start, end), vector in zip(statement.clauses, statement.clause_vectors):
            units.append(replace(statement, text=statement.text[start:end], vector=vector, clauses=[],
                                 clause_vectors=None,
                                 quantities=[q for q in statement.quantities if start <= q.start < end]))
            owner.append(i)
    return units, np.array(owner, dtype=int)


def pair_scores(statements: list[Statement], params: AlignParams = AlignParams()) -> np.ndarray:
    """Scores of every pair (n × n); -inf within one article."""
    n = len(statements)
    if n == 0:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = centred_vectors(statements)
    scores = vectors @ vectors.T
    if params.number_weight:
        scores += params.number_weight * _number_matrix(statements)
    kinds = [_kinds(s) for s in statements]
    if params.role_weight or params.kind_penalty:
        same_kind = _shares(kinds)
        scores += params.role_weight * same_kind
        counts = np.array([bool(k) for k in kinds], dtype=np.float32)
        scores -= params.kind_penalty * np.outer(counts, counts) * (1.0 - same_kind)
    different, same = (_speaker_matrices(statements) if params.speaker_penalty or params.speaker_entity
                       else (None, None))
    if params.entity_weight:
        shared = _shares([_entities(s) for s in statements])
        if same is not None and params.speaker_entity:  # one speaker is no shared content: Dati on the toll and Dati on the jewels
            shared = np.where(same > 0, _shares([_entities_besides_speaker(s) for s in statements]), shared)
        scores += params.entity_weight * shared
    if different is not None and params.speaker_penalty:  # the IAEA and Iranian officials both saying "no contamination"
        scores -= params.speaker_penalty * different
    if params.exact_weight:
        scores += params.exact_weight * _shares([_exact_keys(s) for s in statements])
    if params.anchor_weight:
        incidence, weights = _anchor_matrices(statements)
        scores += params.anchor_weight * np.minimum(1.0, (incidence * weights) @ incidence.T)
    article_ids = np.array([s.article_id for s in statements])
    scores[article_ids[:, None] == article_ids[None, :]] = -np.inf
    return scores


def align(statements: list[Statement], params: AlignParams = AlignParams(), scores: np.ndarray | None = None,
          units: tuple[list[Statement], np.ndarray] | None = None) -> list[list[int]]:
    """Groups of statement indices (singletons included), seeded with one statement per article
    and grown by further statements (`_further_statements`); a statement is in one group, or more
    when it (or its clauses) states several facts.
    `units` are `split_units(statements)` and `scores` `pair_scores(units[0], params)` where the
    caller has them already."""
    units = units or split_units(statements)
    if scores is None:
        scores = pair_scores(units[0], params)
    articles = np.array([u.article_id for u in units[0]])
    grouped = _second_facts(scores, articles, _average_link(scores, articles, params), params.second_threshold,
                            params.second_groups)
    grouped = _further_statements(scores, articles, units[1], grouped, params.further_threshold,
                                  params.further_min_others)
    return _statement_groups(grouped, units[1], len(statements))


def _statement_groups(groups: list[list[int]], owner: np.ndarray, n: int) -> list[list[int]]:
    """Unit groups as groups of their statements: each group of two or more once, then a singleton
    for every statement in none."""
    made, seen = [], set()
    for group in groups:
        if len(group) > 1:
            members = tuple(sorted({int(owner[i]) for i in group}))
            if members not in seen:
                seen.add(members)
                made.append(list(members))
    grouped = {i for members in seen for i in members}
    return made + [[i] for i in range(n) if i not in grouped]


def _average_link(scores: np.ndarray, articles: np.ndarray, params: AlignParams) -> list[list[int]]:
    """Greedy average-link grouping from the best pair down. `sums[g, j]` holds the summed score of
    group g's members to statement j, so a merge test costs O(|group|) and a merge O(n)."""
    n = len(articles)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    if n < 2:
        return [list(m) for m in members.values()]
    group_of = np.arange(n)
    upper = np.triu(scores, k=1)
    candidates = np.argwhere(upper >= params.threshold)
    if len(candidates) > params.max_pairs:
        values = upper[candidates[:, 0], candidates[:, 1]]
        candidates = candidates[np.argpartition(-values, params.max_pairs)[:params.max_pairs]]
    order = np.argsort(-upper[candidates[:, 0], candidates[:, 1]], kind="stable")
    finite = np.where(np.isfinite(scores), scores, 0.0).astype(np.float64)
    sums = finite.copy()  # row g: group g (named by its first statement) against every statement
    articles_in = {i: {articles[i]} for i in range(n)}
    for a, b in candidates[order]:
        ga, gb = group_of[a], group_of[b]
        if ga == gb or articles_in[ga] & articles_in[gb]:
            continue
        left, right = members[ga], members[gb]
        if sums[ga, right].sum() / (len(left) * len(right)) < params.threshold:
            continue
        group_of[right] = ga
        left.extend(right)
        articles_in[ga] |= articles_in.pop(gb)
        sums[ga] += sums[gb]
        del members[gb]
    return [sorted(m) for m in members.values()]


def _second_facts(scores: np.ndarray, articles: np.ndarray, groups: list[list[int]],
                  threshold: float, extra_groups: int = 1) -> list[list[int]]:
    """A statement also joins the `extra_groups` other groups (of two or more) whose members it
    matches best on average, by `threshold` at least, where that group has no statement of its
    article yet (the best such statement per article joins). Off (the default, `AlignParams.second_threshold`
    9.0) where `threshold` is above 2, which no mean score reaches: nothing is computed then."""
    shared = [g for g in groups if len(g) > 1]
    if not shared or extra_groups < 1 or threshold > 2.0:
        return groups
    finite = np.where(np.isfinite(scores), scores, -1.0)
    membership = _membership(shared, len(articles))
    sizes = membership.sum(axis=1, keepdims=True)
    mean = (membership @ finite.T) / sizes  # mean score of each group to each statement
    for k, group in enumerate(shared):  # not a group it is in, nor one with its article
        mean[k, group] = -np.inf
        mean[k, np.isin(articles, articles[group])] = -np.inf
    mean[mean < threshold] = -np.inf
    columns = np.arange(len(articles))
    extra: dict[int, dict[int, int]] = {}
    for best in np.argsort(-mean, axis=0, kind="stable")[:extra_groups]:  # the best group, the next ...
        for j in np.flatnonzero(np.isfinite(mean[best, columns])):
            k, article = int(best[j]), articles[j]
            chosen = extra.setdefault(k, {})
            if article not in chosen or mean[k, j] > mean[k, chosen[article]]:
                chosen[article] = int(j)
    grown = [sorted(g + list(extra.get(k, {}).values())) for k, g in enumerate(shared)]
    return grown + [g for g in groups if len(g) == 1]


def _further_statements(scores: np.ndarray, articles: np.ndarray, owner: np.ndarray, groups: list[list[int]],
                        threshold: float, min_others: int = 1) -> list[list[int]]:
    """A unit joins a group (of two or more) whose members of other articles it matches on average
    by `threshold` at least, even where the group holds a statement of its article already: a title,
    a lead and a body sentence often restate one fact. Its statement must not be in the group yet."""
    shared = [g for g in groups if len(g) > 1]
    if not shared or threshold > 2.0:
        return groups
    n = len(articles)
    finite = np.isfinite(scores)
    values = np.where(finite, scores, 0.0).astype(np.float32)
    membership = _membership(shared, n)
    others = membership @ finite.T.astype(np.float32)  # members of other articles
    mean = (membership @ values.T) / np.maximum(others, 1.0)
    mean[others < min_others] = -np.inf
    grown = []
    for k, group in enumerate(shared):
        inside = set(owner[group].tolist())
        row = mean[k]
        added, taken = list(group), set(inside)
        for j in np.flatnonzero(row >= threshold)[np.argsort(-row[row >= threshold], kind="stable")]:
            if int(owner[j]) not in taken:
                taken.add(int(owner[j]))
                added.append(int(j))
        grown.append(sorted(added))
    return grown + [g for g in groups if len(g) == 1]


def _membership(groups: list[list[int]], n: int) -> np.ndarray:
    """(groups × units) incidence: 1 where a unit is a member of the group."""
    membership = np.zeros((len(groups), n), dtype=np.float32)
    for k, group in enumerate(groups):
        membership[k, group] = 1.0
    return membership
