"""Names in headlines (read/titles.py): how precise the headline's names are.

    python bench/bench_titles.py [--db sqlite:///PATH/sample.db]

1. Title Case headlines, written for this bench (English, in the style of wire and web headlines;
   no third-party text), each with a body sentence and the names a reader finds in the headline:
   precision and recall of the headline's names read as plain text (the recogniser alone) and as
   read/titles.py keeps them (vouched by the body, a dictionary, the gazetteer or a country).
   The list was written once, before the rules were tuned on it; it is small: a smoke figure.
2. With --db: every stored title mention of a store, printed for checking by hand (part 'title').
"""
from __future__ import annotations

import argparse

from tidings.read.names import find_mentions
from tidings.read.sentences import split_sentences
from tidings.read.titles import is_title_case, title_mentions

# (headline, body, the names in the headline)
CASES = [
    ("Air India Crash: Survivor Walks Out Of Hospital In Ahmedabad",
     "Vishwash Kumar Ramesh, who survived the Air India crash, left the hospital in Ahmedabad on Monday.",
     {"Air India", "Ahmedabad"}),
    ("Modi Visits Lone Survivor After Deadly Crash",
     "Prime Minister Narendra Modi met the survivor at the civil hospital.", {"Modi"}),
    ("Trump And Putin End Summit Without Ceasefire Deal",
     "Donald Trump and Vladimir Putin met in Anchorage for three hours.", {"Trump", "Putin"}),
    ("Breaking News: Markets Rally As Oil Prices Fall",
     "Stocks rose across Asia and Europe as crude fell for a third day.", set()),
    ("Pope Leo Calls For Peace In First Easter Message",
     "Pope Leo XIV spoke from the balcony of St Peter's Basilica.", {"Leo"}),
    ("Japan Elects Its First Female Prime Minister",
     "Sanae Takaichi won the vote in both chambers of the Diet.", {"Japan"}),
    ("Merz Wins Second Vote To Become Chancellor",
     "Friedrich Merz was elected by the Bundestag in a second round.", {"Merz"}),
    ("Thieves Steal Crown Jewels From The Louvre In Seven Minutes",
     "The thieves entered the Louvre through a window of the Galerie d'Apollon.", {"Louvre"}),
    ("Heavy Rain Floods Streets As Storm Hits The Coast",
     "Emergency services evacuated hundreds of homes overnight.", set()),
    ("What We Know About The Strikes On Iran's Nuclear Sites",
     "American bombers struck Fordow, Natanz and Isfahan.", {"Iran"}),
    ("Zelensky To Meet Trump In Washington On Monday",
     "Volodymyr Zelensky said he would travel to Washington.", {"Zelensky", "Trump", "Washington"}),
    ("Quake Death Toll Rises Above 2,000 In Myanmar",
     "Rescue teams from China and India arrived in Mandalay.", {"Myanmar"}),
]


def score(found: list[set[str]]) -> tuple[float, float, int, int]:
    right = sum(len(f & case[2]) for f, case in zip(found, CASES))
    said = sum(len(f) for f in found)
    expected = sum(len(case[2]) for case in CASES)
    return right / max(1, said), right / max(1, expected), said, expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db")
    args = parser.parse_args()
    assert all(is_title_case(title) for title, _b, _n in CASES)
    raw, kept = [], []
    for title, body, _names in CASES:
        raw.append({m.text for m in find_mentions(title, split_sentences(title, "en"), "en")})
        found = find_mentions(body, split_sentences(body, "en"), "en")
        kept.append({m.text for m in title_mentions(title, "en", found)})
    for label, found in (("read as plain text", raw), ("read/titles.py", kept)):
        precision, recall, said, expected = score(found)
        print(f"Title Case headlines, {label:18}: precision {precision:.2f}, recall {recall:.2f}"
              f" ({said} names said, {expected} expected, {len(CASES)} headlines)")
    for (title, _b, names), got in zip(CASES, kept):
        if got != names:
            print(f"  {title!r}: {sorted(got)} (expected {sorted(names)})")
    if args.db:
        from tidings.store import open_store

        store = open_store(args.db)
        rows = store.query("SELECT a.language, a.title, m.text, m.type FROM mentions m JOIN articles a ON a.id = m.article_id"
                           " WHERE m.part = 'title' ORDER BY a.id, m.start")
        titled = len({r["title"] for r in rows})
        print(f"{len(rows)} title mentions in {titled} of {store.counts()['articles']} articles:")
        for r in rows:
            print(f"  {r['language']} {r['text']!r} {r['type']}  <- {r['title']}")


if __name__ == "__main__":
    main()
