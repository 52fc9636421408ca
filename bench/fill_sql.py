"""Fill a store FAST with synthetic rows by direct SQL inserts (no reading, no model): for the web
UI's benchmarks on 100,000 articles, which the real pipeline would take hours to ingest.

    python bench/fill_sql.py var/ui-100k.db --n 100000
    python bench/fill_sql.py var/ui-100k-hashing.db --n 100000 --embedder hashing   # for an ingest on top

The rows have the shape the pipeline writes: stories of heavy-tailed sizes (a few hundred articles
at most, most of one to five), each article in one of 12 languages with a date inside its story's
span, a source among 300 outlets, country (`C:XX`) and name (`N:...`) mentions drawn from its
story's, a full-text index row and a random unit vector of the model's dimension (384), so that
keyword and semantic search do real work. Titles and texts are made-up word salad.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tidings.store.sqlite import Store  # noqa: E402
from tidings.textutil import search_form  # noqa: E402

LANGUAGES = ["en", "fr", "de", "es", "ru", "zh", "ar", "vi", "pt", "it", "ja", "tr"]
WORDS = {
    "en": "summit talks flood election court strike museum market storm treaty minister crisis".split(),
    "fr": "sommet accord inondation élection tribunal grève musée marché tempête traité ministre crise".split(),
    "de": "Gipfel Abkommen Hochwasser Wahl Gericht Streik Museum Markt Sturm Vertrag Minister Krise".split(),
    "es": "cumbre acuerdo inundación elección tribunal huelga museo mercado tormenta tratado ministro crisis".split(),
    "ru": "саммит соглашение наводнение выборы суд забастовка музей рынок шторм договор министр кризис".split(),
    "zh": "峰会 协议 洪水 选举 法院 罢工 博物馆 市场 风暴 条约 部长 危机".split(),
    "ar": "قمة اتفاق فيضان انتخابات محكمة إضراب متحف سوق عاصفة معاهدة وزير أزمة".split(),
    "vi": "hội nghị thỏa thuận lũ bầu cử tòa án đình công bảo tàng chợ bão hiệp ước bộ trưởng".split(),
    "pt": "cúpula acordo enchente eleição tribunal greve museu mercado tempestade tratado ministro crise".split(),
    "it": "vertice accordo alluvione elezioni tribunale sciopero museo mercato tempesta trattato ministro crisi".split(),
    "ja": "首脳会議 合意 洪水 選挙 裁判所 ストライキ 博物館 市場 嵐 条約 大臣 危機".split(),
    "tr": "zirve anlaşma sel seçim mahkeme grev müze pazar fırtına antlaşma bakan kriz".split(),
}
COUNTRIES = ("US CN RU FR DE GB UA IL PS IR IN PK BR MX AR ZA NG EG KE ET JP KR KP TW VN TH ID PH AU NZ CA "
             "TR SA AE QA SY IQ AF KZ UZ KG TJ PL IT ES PT NL BE SE NO FI DK GR HU RO RS VE CO CL PE MA").split()
DIM = 384
MODEL = "bench-random"  # --embedder hashing: what the hashing embedder writes, so that it can ingest on top
SYLLABLES = {
    "latin": "ba ke ri to mu sa le no vi da go pe ra si lu fo ne ta mi ko ze ju".split(),
    "ru": "ба ке ри то му са ле но ви да го пе ра си лу фо не та ми ко зе".split(),
    "ar": "با كي ري تو مو سا لي نو في دا غو بي را سي لو فو ني تا مي كو".split(),
    "cjk": list("国会民时年经发展政府社全新合作区市长关系平安部门"),
}


def vocabulary(language: str, size: int = 4000, seed: int = 3) -> list[str]:
    """Made-up words of the language's script, commonest first (texts draw them Zipf-like, so that a
    search word matches a realistic share of the articles, not half of them)."""
    rng = random.Random(f"{seed}-{language}")
    script = {"ru": "ru", "ar": "ar", "zh": "cjk", "ja": "cjk"}.get(language, "latin")
    syllables = SYLLABLES[script]
    words = {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(size * 2)}
    return sorted(words)[:size]


VOCABULARY = {language: vocabulary(language) for language in LANGUAGES}
ZIPF = [1 / (rank + 1) for rank in range(4000)]


def story_sizes(n: int, rng: random.Random) -> list[int]:
    sizes, total = [], 0
    while total < n:
        size = min(int(rng.paretovariate(1.1)), 400, n - total)
        sizes.append(size)
        total += size
    return sizes


def common_words(language: str, rng: random.Random, k: int) -> list[str]:
    words = VOCABULARY[language]
    return rng.choices(words, weights=ZIPF[:len(words)], k=k)


def title(language: str, rng: random.Random, i: int) -> str:
    words = rng.sample(WORDS[language], 2) + common_words(language, rng, 3)
    joiner = "" if language in ("zh", "ja") else " "
    return joiner.join(words) + f" {i}"


def fill(path: Path, n: int, seed: int = 5) -> None:
    rng, vectors = random.Random(seed), np.random.default_rng(seed)
    store = Store(f"sqlite:///{path}")
    conn = store.conn
    start, article_id = date(2025, 1, 1), 0
    names = [f"N:{''.join(rng.choices('bcdfghklmnprstvz', k=rng.randint(3, 6)))}" for _ in range(3000)]
    conn.execute("PRAGMA foreign_keys=OFF")  # a story row is written after its articles
    conn.execute("BEGIN IMMEDIATE")
    for story_id, size in enumerate(story_sizes(n, rng), start=1):
        langs = rng.sample(LANGUAGES, min(len(LANGUAGES), 1 + min(size, rng.randint(0, 5))))
        countries, keys = rng.sample(COUNTRIES, rng.randint(1, 3)), rng.sample(names, rng.randint(2, 5))
        first = start + timedelta(days=rng.randrange(330))
        span = min(size, rng.randint(1, 20))
        members, story_keys = [], Counter()
        for _ in range(size):
            article_id += 1
            language = rng.choice(langs)
            published = (first + timedelta(days=rng.randrange(span))).isoformat()
            members.append((article_id, language, published))
            story_keys.update(insert_article(conn, rng, vectors, article_id, story_id, language, published,
                                             countries, keys))
        counts = Counter(lang for _, lang, _ in members)
        days = sorted(p for _, _, p in members)
        conn.execute("INSERT INTO stories(id, title, central_article_id, size, languages, language_counts,"
                     " central_score, first_published, last_published, centroid, keys) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     (story_id, f"story {story_id}", members[0][0], size, json.dumps([c for c, _ in counts.most_common()]),
                      json.dumps(dict(counts)), 0.9, days[0], days[-1], np.zeros(DIM, np.float32).tobytes(), json.dumps(dict(story_keys))))
        conn.execute("UPDATE articles SET title = ? WHERE id = ?", (title(members[0][1], rng, members[0][0]), members[0][0]))
        if story_id % 2000 == 0:
            conn.execute("COMMIT")
            conn.execute("BEGIN IMMEDIATE")
    conn.execute("COMMIT")
    conn.execute("ANALYZE")


def insert_article(conn, rng, vectors, article_id, story_id, language, published, countries, keys) -> set[str]:
    """Insert one article and its parts; returns its keys (a story counts them per article)."""
    head = title(language, rng, article_id)
    text = " ".join(common_words(language, rng, 60))
    conn.execute("INSERT INTO raw_articles(id, locator, format, content, sha256, status) VALUES (?,?,?,?,?,?)",
                 (article_id, f"synthetic-sql#{article_id}", "jsonl", b"{}", f"sql-{article_id}", "done"))
    conn.execute("INSERT INTO articles(id, url, title, text, language, language_score, published, published_precision,"
                 " source, text_hash, story_id, centrality, pipeline_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                 (article_id, f"https://news{article_id % 300}.example/{article_id}", head, text, language, 0.99,
                  published, "day", f"Outlet {rng.randrange(300)}", f"h{article_id}", story_id, rng.random(), "bench"))
    mentions = [(f"C:{c}", "LOC", c, c) for c in rng.sample(countries, rng.randint(1, len(countries)))]
    mentions += [(k, "PER", None, k[2:].capitalize()) for k in rng.sample(keys, rng.randint(1, len(keys)))]
    conn.executemany('INSERT INTO mentions(article_id, sentence, start, "end", text, type, key, country)'
                     " VALUES (?,?,?,?,?,?,?,?)",
                     [(article_id, 0, 0, 1, text_, kind, key, country) for key, kind, country, text_ in mentions])
    vector = vectors.standard_normal(DIM).astype(np.float32)
    conn.execute("INSERT INTO embeddings(article_id, model, vector) VALUES (?,?,?)",
                 (article_id, MODEL, (vector / np.linalg.norm(vector)).tobytes()))
    conn.execute("INSERT INTO articles_fts(rowid, title, body) VALUES (?,?,?)", (article_id, search_form(head), search_form(text)))
    return {key for key, *_ in mentions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--embedder", choices=["e5", "hashing"], default="e5",
                        help="hashing: 512-dimension vectors under the hashing embedder's name, so that an ingest "
                             "with TIDINGS_EMBEDDER=hashing can add to the store (bench_load.py --ingest-during)")
    args = parser.parse_args()
    if args.embedder == "hashing":
        from tidings.read.embed import HashingEmbedder

        global DIM, MODEL
        DIM, MODEL = HashingEmbedder().dim, HashingEmbedder().name
    if args.db.exists():
        sys.exit(f"{args.db} exists: choose a new path")
    args.db.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    fill(args.db, args.n)
    counts = Store(f"sqlite:///{args.db}").counts()
    print(f"{args.db}: {counts['articles']} articles, {counts['stories']} stories in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
