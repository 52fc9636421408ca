"""Mention recognition on the sample corpus, for the languages WikiNEuRal and WikiANN lack.

Gold: examples/gold/mentions.jsonl (uk, tr, ar, zh, vi, kk, uz; convention in examples/gold/mentions.md):
every PER / LOC / ORG name of 31 articles, as character offsets into the clean text the reader gives.
Each article is read with the current reader (`tidings.read.read_article`, the mentions it stores:
`Article.mentions`) and scored as bench_ner.py scores sentences: micro precision / recall / F1 over
exact span + type, per language and per type. Types other than PER / LOC / ORG (NAME, the recogniser's
"a name of unknown kind") are not scored: the recogniser abstains there, as in bench_ner.py. A
prediction exactly on a gold MISC span is ignored; any other prediction matching no gold span of its
type is a false positive. The lenient figure counts a prediction as right when it overlaps a gold span
of the same type (one to one, in text order): Chinese has no word boundaries and the conventions for
what a name's span holds (a case ending, "đảng", an Arabic article) differ between annotators; for it
a prediction overlapping a gold MISC span and no scored span is ignored.

Before scoring, every gold span's surface is compared with the current clean text: a mismatch (the
reader's cleaning changed) is reported and the article is left out, not silently mis-scored.

    .venv/bin/python bench/bench_mentions.py             # the rules (TIDINGS_NER_MODELS unset / 0)
    .venv/bin/python bench/bench_mentions.py --models    # the optional models where installed (zh: LAC)
    .venv/bin/python bench/bench_mentions.py --errors    # every missed and spurious span, per article

The recogniser follows TIDINGS_NER_MODELS as the pipeline does (recognise.enabled); --models sets it
to 1. The reader detects one Uzbek article (Latin script) as Turkish and reads it with the Turkish
rules; it is scored under its real language, uz, and the "read as" column says so.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TYPES = ("PER", "LOC", "ORG")
GOLD = ROOT / "examples" / "gold" / "mentions.jsonl"
LANGS = ("uk", "tr", "ar", "zh", "vi", "kk", "uz")


def load_gold(path: Path = GOLD) -> list[dict]:
    """[{"id", "language", "spans": [(start, end, type, surface), ...]}] in file order."""
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            record["spans"] = [tuple(span) for span in record["spans"]]
            records.append(record)
    return records


def read_articles(ids: list[str], root: Path = ROOT) -> dict:
    """locator -> Article, each file read once with the current reader. A locator is a path relative
    to `root`, or `path#N` for the N-th line of a jsonl file (counted from 1, as the reader does)."""
    from tidings.model import RawArticle
    from tidings.read import read_article
    from tidings.sources.files import read_file

    wanted = set(ids)
    articles = {}
    for file in sorted({i.split("#")[0] for i in ids}):
        for raw in read_file(root / file):
            if not isinstance(raw, RawArticle):
                continue
            locator = file + (raw.locator[len(str(root / file)):] if "#" in raw.locator else "")
            if locator in wanted:
                articles[locator] = read_article(raw)
    return articles


def surface_mismatches(record: dict, text: str) -> list[str]:
    """Gold spans whose surface is not the text at their offsets (the clean text changed)."""
    return [f"{record['id']} [{s}:{e}] gold {surface!r}, text {text[s:e]!r}"
            for s, e, _, surface in record["spans"] if text[s:e] != surface]


def score(gold: list[tuple], predicted: list[tuple], lenient: bool = False) -> tuple[Counter, Counter, Counter]:
    """(tp, fp, fn) per type for one text. `gold`: (start, end, type[, surface]) with MISC and other
    unscored types allowed; `predicted`: (start, end, type[, ...]); predicted types outside TYPES
    (NAME) are not scored. Strict: exact span and type. Lenient: overlap and type, one to one."""
    tp, fp, fn = Counter(), Counter(), Counter()
    scored = [(g[0], g[1], g[2]) for g in gold if g[2] in TYPES]
    unscored = [(g[0], g[1]) for g in gold if g[2] not in TYPES]
    predictions = sorted((p[0], p[1], p[2]) for p in predicted if p[2] in TYPES)
    if not lenient:
        gold_set = set(scored)
        misc = set(unscored)
        kept = {p for p in predictions if (p[0], p[1]) not in misc}
        for p in kept:
            (tp if p in gold_set else fp)[p[2]] += 1
        for g in gold_set - kept:
            fn[g[2]] += 1
        return tp, fp, fn

    def overlaps(a, b) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    matched = set()
    for p in predictions:
        hit = next((g for g in scored if g[2] == p[2] and g not in matched and overlaps(g, p)), None)
        if hit is not None:
            matched.add(hit)
            tp[p[2]] += 1
        elif any(overlaps(u, p) for u in unscored) and not any(overlaps(g, p) for g in scored):
            continue
        else:
            fp[p[2]] += 1
    for g in scored:
        if g not in matched:
            fn[g[2]] += 1
    return tp, fp, fn


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def errors(record: dict, mentions: list, text: str) -> list[str]:
    """Readable strict errors of one article: missed gold spans and spurious predictions, with what
    the recogniser said at the same place (another span, another type, NAME)."""
    gold = {(s, e, t): surface for s, e, t, surface in record["spans"]}
    misc = {(s, e) for s, e, t in gold if t not in TYPES}
    predicted = {(m.start, m.end, m.type): m.text for m in mentions}
    lines = []
    for (s, e, t), surface in sorted(gold.items()):
        if t in TYPES and (s, e, t) not in predicted:
            near = [f"{ptext}/{pt}" for (ps, pe, pt), ptext in predicted.items() if ps < e and s < pe]
            lines.append(f"  miss {surface}/{t}" + (f"  (said {', '.join(near)})" if near else ""))
    for (s, e, t), ptext in sorted(predicted.items()):
        if t in TYPES and (s, e, t) not in gold and (s, e) not in misc:
            near = [f"{g}/{gt}" for (gs, ge, gt), g in gold.items() if gs < e and s < ge]
            lines.append(f"  spur {ptext}/{t}" + (f"  (gold {', '.join(near)})" if near else ""))
    return lines


KINDS = ("missed", "NAME", "type", "span", "span+type", "spurious", "on MISC")


def error_kinds(gold: list[tuple], predicted: list[tuple]) -> Counter:
    """Strict errors of one text by kind. Each gold PER / LOC / ORG span not predicted exactly is one
    of: "missed" (no prediction overlaps it), "NAME" (the same span typed NAME: the recogniser
    abstained), "type" (the same span, another type), "span" (an overlapping prediction of its type,
    other boundaries: a title inside, a body's country left out, two names joined) or "span+type".
    Each spurious prediction overlapping no gold span at all is "spurious" (a common word, a
    demonym not marked MISC) or, overlapping only a MISC span, "on MISC". Spurious predictions that
    overlap a scored gold span are already counted with that span."""
    kinds = Counter()
    scored = {(g[0], g[1], g[2]) for g in gold if g[2] in TYPES}
    misc = [(g[0], g[1]) for g in gold if g[2] not in TYPES]
    exact = {(p[0], p[1], p[2]) for p in predicted}
    for s, e, t in scored - exact:
        near = [p for p in predicted if p[0] < e and s < p[1]]
        same = [p for p in near if (p[0], p[1]) == (s, e)]
        if not near:
            kinds["missed"] += 1
        elif any(p[2] == "NAME" for p in same):
            kinds["NAME"] += 1
        elif same:
            kinds["type"] += 1
        elif any(p[2] == t for p in near):
            kinds["span"] += 1
        elif all(p[2] == "NAME" for p in near):
            kinds["NAME"] += 1
        else:
            kinds["span+type"] += 1
    for p in predicted:
        if p[2] not in TYPES or (p[0], p[1], p[2]) in scored or (p[0], p[1]) in set(misc):
            continue
        if any(g[0] < p[1] and p[0] < g[1] for g in scored):
            continue
        kinds["on MISC" if any(m[0] < p[1] and p[0] < m[1] for m in misc) else "spurious"] += 1
    return kinds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", default=str(GOLD))
    parser.add_argument("--models", action="store_true",
                        help="TIDINGS_NER_MODELS=1: the optional models where installed")
    parser.add_argument("--errors", action="store_true", help="list missed and spurious spans per article")
    parser.add_argument("--langs", default="")
    args = parser.parse_args()
    if args.models:
        os.environ["TIDINGS_NER_MODELS"] = "1"
    from tidings.read.recognise import MODELS, enabled, recogniser

    records = load_gold(Path(args.gold))
    if args.langs:
        records = [r for r in records if r["language"] in args.langs.split(",")]
    articles = read_articles([r["id"] for r in records])
    strict = defaultdict(lambda: [Counter(), Counter(), Counter()])
    loose = defaultdict(lambda: [Counter(), Counter(), Counter()])
    read_as, count, mismatched, kinds = defaultdict(Counter), Counter(), [], defaultdict(Counter)
    for record in records:
        article = articles.get(record["id"])
        if article is None:
            mismatched.append(f"{record['id']}: not found")
            continue
        bad = surface_mismatches(record, article.text)
        if bad:
            mismatched.extend(bad)
            continue
        language = record["language"]
        count[language] += 1
        read_as[language][article.language] += 1
        # the text's names: a caption's, the headline's or a credit's offsets point into another line
        body = [m for m in article.mentions if m.in_body]
        predicted = [(m.start, m.end, m.type) for m in body]
        for table, lenient in ((strict, False), (loose, True)):
            for total, part in zip(table[language], score(record["spans"], predicted, lenient)):
                total.update(part)
        kinds[language].update(error_kinds(record["spans"], predicted))
        if args.errors:
            print(f"{record['id']} ({language}, read as {article.language})")
            print("\n".join(errors(record, body, article.text)) or "  (none)")
    if mismatched:
        print(f"{len(mismatched)} gold spans no longer match the clean text (articles left out):")
        print("\n".join("  " + m for m in mismatched[:40]))

    def recogniser_name(languages: Counter) -> str:
        names = []
        for code in languages:
            model = code in MODELS and enabled(code) and recogniser(code) is not None
            names.append(MODELS[code][0] if model else "rules")
        return "+".join(sorted(set(names)))

    print(f"{'lang':4} {'art':>3} {'gold':>4} {'read as':8} {'recogniser':10} | {'P':>5} {'R':>5} {'F1':>5} | "
          f"{'PER':>5} {'LOC':>5} {'ORG':>5} | lenient {'P':>5} {'R':>5} {'F1':>5} | {'PER':>5} {'LOC':>5} {'ORG':>5}")
    rows = [lang for lang in LANGS if lang in count] + ["all"]
    for table in (strict, loose):
        table["all"] = [sum((table[lang][i] for lang in count), Counter()) for i in range(3)]
    for lang in rows:
        gold_n = sum(sum(strict[lang][i][t] for i in (0, 2)) for t in TYPES)
        cells = []
        for table in (strict, loose):
            tp, fp, fn = table[lang]
            p, r, f = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
            types = [prf(tp[t], fp[t], fn[t])[2] for t in TYPES]
            cells.append(f"{p:5.2f} {r:5.2f} {f:5.2f} | " + " ".join(f"{x:5.2f}" for x in types))
        langs = sum(read_as.values(), Counter()) if lang == "all" else read_as[lang]
        seen = ",".join(sorted(langs))
        name = recogniser_name(langs) if lang != "all" else ""
        print(f"{lang:4} {sum(count.values()) if lang == 'all' else count[lang]:3d} {gold_n:4d} "
              f"{seen if lang != 'all' else '':8} {name:10} | {cells[0]} | lenient {cells[1]}")
    print("per type, strict tp / fp / fn:")
    for lang in rows:
        tp, fp, fn = strict[lang]
        print(f"  {lang:4} " + "  ".join(f"{t} {tp[t]}/{fp[t]}/{fn[t]}" for t in TYPES))
    kinds["all"] = sum((kinds[lang] for lang in count), Counter())
    print("strict errors by kind (gold spans: " + ", ".join(KINDS[:5])
          + "; predictions: " + ", ".join(KINDS[5:]) + "):")
    for lang in rows:
        print(f"  {lang:4} " + "  ".join(f"{k} {kinds[lang][k]}" for k in KINDS))


if __name__ == "__main__":
    main()
