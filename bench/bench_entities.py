"""Entity resolution on the sample corpus, against examples/gold/entities.csv.

    python bench/bench_entities.py [--workdir DIR]

The gold file lists, per article, the surface forms of entities that occur in two or more
languages, with a canonical id. Each gold form is looked up among the mentions tidings found in
that article (same text, or the text with a role in front: 'Präsident Tokajew' for 'Tokajew', or in
tr / kk / uz / ru / uk / pl with a case ending glued to it: 'AQShning' for 'AQSh'). Every stored
mention counts, the body's and, since entcap15, the photo captions' (read/captions.py), since
enttitle15 the headline's (read/titles.py): a gold form said only under a photo or in the headline is
found when a caption's or the title's mention has it; how many were is printed apart, by part.
  * found: share of gold forms recognised at all;
  * merge recall: pairs of gold forms in different languages with the same gold entity that
    resolve to one tidings entity (pairs where a side was not recognised count as misses);
  * merge precision: of the cross-language pairs tidings resolves to one entity, the share
    that really are one entity;
  * also the same restricted to recognised forms (resolution alone, recognition aside).
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from tidings.entities.resolve import normalise_alias, strip_roles  # noqa: E402
from tidings.pipeline import Pipeline  # noqa: E402
from tidings.store.sqlite import Store  # noqa: E402


# languages that glue case endings to names, and how long an ending may be (an apostrophe may open it)
CASE_ENDINGS = {lang: re.compile(r"['’ʻ]?[^\W\d_]{1,%d}" % n) for lang, n in
                (("tr", 5), ("kk", 5), ("uz", 5), ("ru", 3), ("uk", 3), ("pl", 3))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--gold", type=Path, default=ROOT / "examples" / "gold" / "entities.csv")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="tidings-entities-"))
    work.mkdir(parents=True, exist_ok=True)
    store = Store(f"sqlite:///{work / 'sample.db'}")
    if not store.counts()["articles"]:
        started = time.perf_counter()
        Pipeline(store).ingest([str(args.corpus)])
        print(f"ingested in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    article_of = {os.path.relpath(r["locator"], args.corpus): r["id"]
                  for r in store.query("SELECT r.locator, a.id FROM articles a JOIN raw_articles r ON r.id = a.id")}
    language = {r["id"]: r["language"] for r in store.query("SELECT id, language FROM articles")}
    text_of = {r["id"]: r["text"].casefold() for r in store.query("SELECT id, text FROM articles")}
    mentions = defaultdict(list)
    # the body's mentions first: a form found in both is counted as the body's
    columns = {r[1] for r in store.query("PRAGMA table_info(mentions)")}
    part = "part" if "part" in columns else "'body'"  # a store of schema v10 or before: body mentions only
    part_of = {}  # (article, index in mentions[article]) -> part, for the mentions outside the body
    for r in store.query(f"SELECT article_id, text, entity_id, {part} AS part FROM mentions WHERE entity_id IS NOT NULL"
                         f" ORDER BY CASE {part} WHEN 'body' THEN 0 WHEN 'caption' THEN 1 WHEN 'title' THEN 2 ELSE 3 END, id"):
        mentions[r["article_id"]].append((normalise_alias(r["text"]), normalise_alias(strip_roles(r["text"])), r["entity_id"]))
        if r["part"] != "body":
            part_of[(r["article_id"], len(mentions[r["article_id"]]) - 1)] = r["part"]

    rows = list(csv.DictReader(open(args.gold, encoding="utf-8")))
    forms = []  # (gold entity, language, article id, predicted entity or None)
    in_text = []  # whether the form is in the article's stored clean text (captions and credits are not)
    from_parts = Counter()  # forms recognised only by a mention outside the body, by its part
    for row in rows:
        article_id = article_of.get(row["article"])
        if article_id is None:
            continue
        surface = normalise_alias(row["surface"])
        found = list(enumerate(mentions[article_id]))
        hit = next((i for i, (full, bare, _e) in found if surface in (full, bare)), None)
        if hit is None:  # a longer mention that ends with the form ('Präsident Kassym-Schomart Tokajew')
            hit = next((i for i, (full, _b, _e) in found if full.endswith(" " + surface)), None)
        if hit is None and language[article_id] in CASE_ENDINGS:
            # the form with a case ending glued to it: the text has only 'AQShning' for the gold's 'AQSh',
            # 'Анкоридже' for 'Анкоридж'
            ending = CASE_ENDINGS[language[article_id]]
            hit = next((i for i, (full, _b, _e) in found
                        if len(surface) >= 3 and full.startswith(surface) and ending.fullmatch(full[len(surface):])), None)
        predicted = None if hit is None else found[hit][1][2]
        if (article_id, hit) in part_of:
            from_parts[part_of[(article_id, hit)]] += 1
        forms.append((row["entity"], language[article_id], article_id, predicted))
        in_text.append(row["surface"].casefold() in text_of[article_id])

    found = sum(1 for f in forms if f[3] is not None)
    gold_pairs = same_predicted = hits = recognised_pairs = recognised_hits = text_pairs = text_hits = 0
    for (a, a_in), (b, b_in) in combinations(zip(forms, in_text), 2):
        if a[1] == b[1]:
            continue  # cross-language pairs only
        same_gold = a[0] == b[0]
        both = a[3] is not None and b[3] is not None
        same_pred = both and a[3] == b[3]
        gold_pairs += same_gold
        hits += same_gold and same_pred
        if same_gold and a_in and b_in:  # the pairs a reader of the clean text can join
            text_pairs += 1
            text_hits += same_pred
        same_predicted += same_pred
        if both and same_gold:
            recognised_pairs += 1
            recognised_hits += same_pred
    true_merges = sum(1 for a, b in combinations(forms, 2)
                      if a[1] != b[1] and a[3] is not None and a[3] == b[3] and a[0] == b[0])
    print(f"gold forms: {len(forms)} ({len({f[0] for f in forms})} entities); recognised: {found} ({found / len(forms):.3f});"
          f" {from_parts['caption']} of them by a caption's mention only, {from_parts['title']} by the title's,"
          f" {from_parts['credit']} by a credit's")
    print(f"merge recall (all gold pairs):        {hits / gold_pairs:.3f}  ({hits}/{gold_pairs})")
    print(f"merge recall (forms in the clean text): {text_hits / max(1, text_pairs):.3f}  ({text_hits}/{text_pairs}; "
          f"{sum(not i for i in in_text)} gold forms are only in captions, credits or other removed lines)")
    print(f"merge recall (recognised pairs only): {recognised_hits / max(1, recognised_pairs):.3f}  "
          f"({recognised_hits}/{recognised_pairs})")
    print(f"merge precision:                      {true_merges / max(1, same_predicted):.3f}  "
          f"({true_merges}/{same_predicted})")
    by_entity = defaultdict(set)
    for entity, _lang, _article, predicted in forms:
        if predicted is not None:
            by_entity[entity].add(predicted)
    split = sorted((len(v), k) for k, v in by_entity.items() if len(v) > 1)[-10:]
    if split:
        print("most split gold entities:", ", ".join(f"{k} ({n})" for n, k in reversed(split)))


if __name__ == "__main__":
    main()
