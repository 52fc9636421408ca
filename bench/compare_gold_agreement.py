"""Agreement between two annotations of the comparison gold (examples/gold/compare.json, compare_b.json).

    python bench/compare_gold_agreement.py                       # A = compare.json, B = compare_b.json
    python bench/compare_gold_agreement.py A.json B.json --show  # any two gold files; also list the pairs they disagree on
    python bench/compare_gold_agreement.py --adjudicated         # compare.json and compare_b.json each against
                                                                 # compare_adjudicated.json (or --adjudicated FILE)
    python bench/compare_gold_agreement.py --write-union U.json --write-intersection I.json

Both files list, per story, facts (the sentences, as (article file, sentence text), that state one
fact) and conflicts (pairs of sentences). As in bench/bench_compare.py, an alignment pair is a pair
of sentences of two different articles listed in one fact; a conflict is an unordered pair of
sentences. The figures are pairwise P / R / F1 of B against A (F1 is symmetric; P of B against A is
R of A against B; "A" and "B" are the first and the second file given), over all pairs, and over the pairs whose two sentences both annotators placed in
some fact ("annotated by both": the disagreement on what aligns, coverage aside). No store or model
is needed: sentences are compared by their text.

--write-union / --write-intersection write a gold file whose facts are the pairs (two sentences
each) of the union / intersection of the two annotations' alignment pairs, and whose conflicts are
the union / intersection of their conflicts, to be measured with
`bench/bench_compare.py --gold FILE`. Only the stories present in both files are compared.
"""
from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_A = ROOT / "examples" / "gold" / "compare.json"
GOLD_B = ROOT / "examples" / "gold" / "compare_b.json"
GOLD_ADJUDICATED = ROOT / "examples" / "gold" / "compare_adjudicated.json"


def _pair(a, b) -> tuple:
    return (a, b) if a <= b else (b, a)


def pairs(story: dict) -> tuple[set, set, set]:
    """Alignment pairs, conflict pairs, and the sentences placed in some fact."""
    aligned, annotated = set(), set()
    for fact in story["facts"]:
        refs = [tuple(ref) for ref in fact["statements"]]
        annotated |= set(refs)
        aligned |= {_pair(a, b) for a, b in itertools.combinations(refs, 2) if a[0] != b[0]}
    conflicts = {_pair(tuple(a), tuple(b)) for a, b in story["conflicts"]}
    return aligned, conflicts, annotated


def prf(a: set, b: set) -> tuple[float, float, float]:
    """B scored against A as the reference."""
    both = len(a & b)
    p = both / len(b) if b else 1.0
    r = both / len(a) if a else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _line(name: str, a: set, b: set) -> str:
    p, r, f = prf(a, b)
    return f"| {name} | {len(a)} | {len(b)} | {len(a & b)} | {p:.3f} | {r:.3f} | {f:.3f} |"


def agreement(gold_a: dict, gold_b: dict, show: bool = False) -> dict:
    events = [e for e in gold_a["stories"] if e in gold_b["stories"]]
    total = {key: (set(), set()) for key in ("aligned", "annotated-by-both", "conflicts", "conflicts-both")}
    print("| story | pairs A | pairs B | in both | P (B vs A) | R (B vs A) | F1 |")
    print("|---|---|---|---|---|---|---|")
    rows = []
    for event in events:
        al_a, co_a, an_a = pairs(gold_a["stories"][event])
        al_b, co_b, an_b = pairs(gold_b["stories"][event])
        common = an_a & an_b
        restricted_a = {p for p in al_a if p[0] in common and p[1] in common}
        restricted_b = {p for p in al_b if p[0] in common and p[1] in common}
        # conflicts whose two sentences both annotators aligned (a pair both read as one fact)
        co_both_a = {p for p in co_a if p in al_b}
        co_both_b = {p for p in co_b if p in al_a}
        for key, (x, y) in (("aligned", (al_a, al_b)), ("annotated-by-both", (restricted_a, restricted_b)),
                            ("conflicts", (co_a, co_b)), ("conflicts-both", (co_both_a, co_both_b))):
            total[key][0].update((event, p) for p in x)
            total[key][1].update((event, p) for p in y)
        print(_line(event, al_a, al_b))
        rows.append((event, an_a, an_b, co_a, co_b))
        if show:
            for title, items in (("only A", al_a - al_b), ("only B", al_b - al_a),
                                 ("conflict only A", co_a - co_b), ("conflict only B", co_b - co_a)):
                for x, y in sorted(items):
                    print(f"    {event} {title}: [{x[0]}] {x[1][:110]}\n        <> [{y[0]}] {y[1][:110]}")
    print(_line("**all stories**", *total["aligned"]))
    print("\n| measure | A | B | both | P (B vs A) | R (B vs A) | F1 |")
    print("|---|---|---|---|---|---|---|")
    print(_line("alignment pairs", *total["aligned"]))
    print(_line("alignment pairs, both sentences annotated by both", *total["annotated-by-both"]))
    print(_line("conflict pairs", *total["conflicts"]))
    print(_line("conflict pairs that the other annotator aligned", *total["conflicts-both"]))
    sentences_a = sum(len(r[1]) for r in rows)
    sentences_b = sum(len(r[2]) for r in rows)
    both = sum(len(r[1] & r[2]) for r in rows)
    print(f"\nsentences placed in some fact: A {sentences_a}, B {sentences_b}, both {both}")
    return total


def merged(gold_a: dict, gold_b: dict, how: str, names: tuple[str, str] = ("compare.json (A)", "compare_b.json (B)")) -> dict:
    stories = {}
    for event in (e for e in gold_a["stories"] if e in gold_b["stories"]):
        al_a, co_a, _ = pairs(gold_a["stories"][event])
        al_b, co_b, _ = pairs(gold_b["stories"][event])
        aligned = al_a | al_b if how == "union" else al_a & al_b
        conflicts = co_a | co_b if how == "union" else co_a & co_b
        stories[event] = {"facts": [{"fact": f"{how} pair", "statements": [list(x), list(y)]} for x, y in sorted(aligned)],
                          "conflicts": [[list(x), list(y)] for x, y in sorted(conflicts)]}
    return {"about": f"The {how} of the alignment pairs and conflicts of {names[0]} and {names[1]}, "
                     f"one fact per pair; made by bench/compare_gold_agreement.py.", "stories": stories}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a", nargs="?", default=str(GOLD_A))
    parser.add_argument("b", nargs="?", default=str(GOLD_B))
    parser.add_argument("--show", action="store_true", help="list the pairs only one annotator has")
    parser.add_argument("--adjudicated", nargs="?", const=str(GOLD_ADJUDICATED), metavar="FILE",
                        help="score the two files (A, B) each against this one (default compare_adjudicated.json)")
    parser.add_argument("--write-union")
    parser.add_argument("--write-intersection")
    args = parser.parse_args()
    gold_a = json.loads(Path(args.a).read_text(encoding="utf-8"))
    gold_b = json.loads(Path(args.b).read_text(encoding="utf-8"))
    if args.adjudicated:
        reference = json.loads(Path(args.adjudicated).read_text(encoding="utf-8"))
        for path, gold in ((args.a, gold_a), (args.b, gold_b)):
            print(f"\n## {Path(path).name} (as B) against {Path(args.adjudicated).name} (as A, the reference)\n")
            agreement(reference, gold, args.show)
        return
    print(f"A = {Path(args.a).name}, B = {Path(args.b).name}\n")
    agreement(gold_a, gold_b, args.show)
    names = (f"{Path(args.a).name} (A)", f"{Path(args.b).name} (B)")
    for how, path in (("union", args.write_union), ("intersection", args.write_intersection)):
        if path:
            Path(path).write_text(json.dumps(merged(gold_a, gold_b, how, names), ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
