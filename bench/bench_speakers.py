"""Speaker detection (who a statement is credited to) against examples/gold/speakers.json.

    PYTHONPATH=src python bench/bench_speakers.py --db COPY_OF_STORE.db [--show]

The gold lists, for every sentence gold A or B places in a fact of 3 stories, the speakers it is
credited to (an id per real speaker across languages, the words that name it in the sentence).
Measured over the gold sentences that are statements:

* attributed: the system gives an attribution where the gold has a speaker (P / R);
* named: the system's `by` is the gold speaker (its words overlap the gold's words for that speaker
  in any sentence of the story, so a pronoun resolved to the name counts); P over the system's
  non-empty `by`, R over the gold sentences with a speaker (an unnamed one, "officials said", is
  named right by its own words);
* pairs: two sentences of different articles, both with a named gold speaker: the gold calls them
  the same speaker when their ids meet. The system says "same" when both credit one speaker
  (`tidings.compare.attribution.same_speaker`: True / False / None, "cannot tell"). P / R of "same"
  and of "different": what the alignment's speaker rule relies on.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_compare import article_ids, sentence_keys  # noqa: E402
from tidings.compare.statements import load_statements  # noqa: E402

try:
    from tidings.compare.attribution import same_speaker
except ImportError:  # before branch speaker15: one speaker when the names are written alike
    def same_speaker(a, b):
        if not a or not b or not a.get("by") or not b.get("by"):
            return None
        return a["by"].casefold() == b["by"].casefold()
from tidings.store.sqlite import Store  # noqa: E402

GOLD = ROOT / "examples" / "gold" / "speakers.json"


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _overlaps(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a and b) and (a in b or b in a)


def _prf(tp: int, pred: int, gold: int) -> str:
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} ({tp}/{pred}) R {r:.3f} ({tp}/{gold}) F1 {f:.3f}"


def measure(store: Store, gold: dict, show: bool = False) -> dict:
    ids = article_ids(store)
    keys = sentence_keys(store, ids)
    counts = dict.fromkeys(("att_tp", "att_pred", "att_gold", "name_tp", "name_pred", "name_gold", "same_tp",
                            "same_pred", "same_gold", "diff_tp", "diff_pred", "diff_gold", "missing"), 0)
    for event, rows in gold["stories"].items():
        files = sorted({r["file"] for r in rows})
        statements = {(s.article_id, s.index): s for s in load_statements(store, [ids[f] for f in files], 10 ** 6)}
        surfaces: dict[str, list[str]] = {}
        for row in rows:
            for sp in row["speakers"]:
                surfaces.setdefault(sp["id"], []).append(sp["text"])
        judged = []
        for row in rows:
            statement = statements.get(keys.get((row["file"], row["sentence"]), (-1, -1)))
            if statement is None:
                counts["missing"] += 1
                continue
            att = statement.attribution or {}
            by = att.get("by", "")
            named = [sp["id"] for sp in row["speakers"] if sp["id"] != "unnamed"]
            # an unnamed source ("officials said") is named right by its own words, and is no one for pairs
            unnamed = [sp["text"] for sp in row["speakers"] if sp["id"] == "unnamed"]
            right = [i for i in named if any(_overlaps(by, s) for s in surfaces[i])]
            right += [s for s in unnamed if _overlaps(by, s)]
            counts["att_gold"] += bool(row["speakers"])
            counts["att_pred"] += bool(att)
            counts["att_tp"] += bool(att) and bool(row["speakers"])
            counts["name_gold"] += bool(named or unnamed)
            counts["name_pred"] += bool(by)
            counts["name_tp"] += bool(right)
            if show and (by or named or unnamed) and not right:
                print(f"  {event} | {row['file']} | gold {named or '-'} | system {by or '-'} "
                      f"({att.get('kind', '')}, {att.get('cue', '')}) | {row['sentence'][:90]}")
            judged.append((statement.article_id, set(named), statement.attribution))
        for (a, gold_a, att_a), (b, gold_b, att_b) in itertools.combinations(judged, 2):
            if a == b or not gold_a or not gold_b:
                continue
            same = bool(gold_a & gold_b)
            counts["same_gold" if same else "diff_gold"] += 1
            said_same = same_speaker(att_a, att_b)
            if said_same is not None:
                counts["same_pred" if said_same else "diff_pred"] += 1
                counts["same_tp" if said_same else "diff_tp"] += said_same == same
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a store of the sample corpus (work on a copy)")
    parser.add_argument("--gold", default=str(GOLD))
    parser.add_argument("--show", action="store_true", help="list the sentences whose speaker is missed or wrong")
    args = parser.parse_args()
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    store = Store(f"sqlite:///{args.db}")
    # the stories the rules were refined on, and those annotated afterwards (held out), apart
    parts = [("tuned on", gold.get("tuned_on")), ("held out", gold.get("held_out"))]
    for title, events in parts if gold.get("held_out") else [("all", list(gold["stories"]))]:
        c = measure(store, {"stories": {e: gold["stories"][e] for e in events}}, args.show)
        print(f"\n{title}: {', '.join(events)} (gold sentences that are no statement: {c['missing']})")
        print(f"attributed:          {_prf(c['att_tp'], c['att_pred'], c['att_gold'])}")
        print(f"speaker named:       {_prf(c['name_tp'], c['name_pred'], c['name_gold'])}")
        print(f"pairs, same speaker: {_prf(c['same_tp'], c['same_pred'], c['same_gold'])}")
        print(f"pairs, different:    {_prf(c['diff_tp'], c['diff_pred'], c['diff_gold'])}")


if __name__ == "__main__":
    main()
