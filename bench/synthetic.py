"""A synthetic corpus assembled from the sample corpus: articles of a chosen length, one language
each, paragraphs drawn from that language's sample articles, with varied dates, sources and noise.

    python bench/synthetic.py OUT_DIR --n 1000 --words 500
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tidings.model import RawArticle  # noqa: E402
from tidings.read.parse import parse  # noqa: E402
from tidings.sources.files import list_files, read_file  # noqa: E402

NOISE = ["Foto: dpa", "Photo: AFP", "Ảnh: TTXVN", "Фото: ТАСС", "Source: Reuters", "Quelle: dpa", "Read more: the day in pictures"]


def paragraphs_by_language(corpus: Path) -> dict[str, list[tuple[str, str]]]:
    """language folder -> [(title, paragraph)] from the sample corpus (txt, html, jsonl)."""
    pool: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in list_files(corpus):
        for item in read_file(path):
            if not isinstance(item, RawArticle):
                continue
            try:
                parsed = parse(item)
            except ValueError:
                continue
            language = parsed.language or path.parent.name
            for paragraph in parsed.text.split("\n"):
                if len(paragraph.split()) >= 12 or len(paragraph) >= 60:
                    pool[language[:2]].append((parsed.title, paragraph))
    return {k: v for k, v in pool.items() if len(v) >= 5}


def word_count(text: str) -> int:
    """Words of spaced scripts; Chinese/Japanese counted as 1.5 characters a word."""
    cjk = sum(1 for ch in text if "\u3040" <= ch <= "\u9fff")
    return len(text.split()) if cjk < len(text) / 3 else int(cjk / 1.5)


def generate(corpus: Path, n: int, words: int, seed: int = 7) -> list[RawArticle]:
    return list(iter_generate(corpus, n, words, seed))


def iter_generate(corpus: Path, n: int, words: int, seed: int = 7) -> Iterator[RawArticle]:
    """The articles one by one (a 100k corpus never sits in memory); the first k of n are the
    k-article corpus of the same seed."""
    rng = random.Random(seed)
    pool = paragraphs_by_language(corpus)
    # languages in proportion to the text the sample corpus has in them: a language with few
    # paragraphs would otherwise yield near-duplicates of itself
    languages = sorted(pool)
    weights = [len(pool[lang]) for lang in languages]
    start = date(2025, 1, 1)
    for i in range(n):
        language = rng.choices(languages, weights)[0]
        title, _ = rng.choice(pool[language])
        body, count = [], 0
        while count < words:
            _, paragraph = rng.choice(pool[language])
            body.append(paragraph)
            count += word_count(paragraph)
        if rng.random() < 0.5:
            body.insert(rng.randrange(len(body)), rng.choice(NOISE))
        day = start + timedelta(days=rng.randrange(330))
        item = {"title": f"{title} ({i})", "text": "\n".join(body), "published": day.isoformat(),
                "source": f"Outlet {rng.randrange(40)}", "url": f"https://news{rng.randrange(40)}.example/{i}"}
        yield RawArticle(locator=f"synthetic#{i}", format="jsonl",
                         content=json.dumps(item, ensure_ascii=False).encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / f"synthetic-{args.n}.jsonl", "wb") as handle:
        for item in iter_generate(args.corpus, args.n, args.words):
            handle.write(item.content + b"\n")
    print(args.out / f"synthetic-{args.n}.jsonl")


if __name__ == "__main__":
    main()
