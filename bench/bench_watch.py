"""One `tidings watch` cycle over many local feeds, then a second cycle with nothing changed.

    python bench/bench_watch.py                       # 200 feeds × 50 items (the figure in docs/benchmarks.md)
    python bench/bench_watch.py --feeds 20 --items 10 # a quick run

A server on 127.0.0.1 (started here) serves the feeds (RSS 2.0 with ETag / Last-Modified) and one
HTML page per item, each with distinct generated text (no two are near-duplicates). Cycle 1 must
fetch every feed and every page exactly once, extract them (trafilatura), read, dedup, group and
store every item exactly once; cycle 2 must transfer no body at all (every feed answers 304).
Uses the model-free hashing embedder (TIDINGS_EMBEDDER=hashing) unless --embedder e5: the figure
measures fetching and the pipeline around the model, not the model. Prints items/s and the peak
resident memory; exits non-zero if an invariant fails.
"""
from __future__ import annotations

import argparse
import hashlib
import http.server
import os
import random
import resource
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

WORDS = ("government minister election council river harbour school hospital market village railway bridge "
         "festival museum library farmer teacher doctor engineer soldier pilot captain mayor judge court "
         "parliament treaty border summit agreement budget tax price wage strike protest storm flood drought "
         "earthquake fire harvest vaccine research university student company factory bank currency export "
         "import pipeline airport satellite rocket telescope island mountain valley desert forest coast "
         "province capital district region neighbour journalist editor author painter singer athlete coach "
         "stadium league final record medal ministry agency police investigation witness verdict appeal "
         "reform pension housing rent energy solar wind coal oil gas grid water drought climate ocean fishing "
         "ship port cargo container train bus tram road tunnel highway traffic accident rescue volunteer").split()
NAMES = ("Aldona Berwick Castellan Dorvik Elmstead Fenwick Galloway Harrowgate Ilsington Jorvik Kestrel "
         "Lindqvist Marlowe Norbury Ostrander Pemberton Quarry Rosslyn Stanwick Thornbury Ulverston Valcourt "
         "Westerly Yardley Zennor").split()


SYLLABLES = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu".split()
_rng = random.Random(6)
WORDS = WORDS + sorted({"".join(_rng.choice(SYLLABLES) for _ in range(_rng.randint(2, 4))) for _ in range(6000)})


def article(feed: int, item: int) -> tuple[str, str]:
    rng = random.Random(feed * 100_003 + item)
    title = f"{rng.choice(NAMES)} {rng.choice(WORDS)} {rng.choice(WORDS)} report {feed}-{item}"
    paragraphs = []
    for _ in range(4):
        sentences = []
        for _ in range(3):
            words = [rng.choice(WORDS) for _ in range(rng.randint(10, 18))]
            words.insert(rng.randint(0, len(words)), rng.choice(NAMES))
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    return title, "\n".join(paragraphs)


class Site:
    def __init__(self, feeds: int, items: int):
        self.feeds, self.items = feeds, items
        self.lock = threading.Lock()
        self.hits: Counter = Counter()
        self.statuses: Counter = Counter()
        self.cache: dict[str, tuple[bytes, str]] = {}
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else 40 ms delayed-ACK stalls per response

            def do_GET(self):  # noqa: N802
                body, ctype = site.body(self.path)
                with site.lock:
                    site.hits[self.path] += 1
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    site.count(404)
                    return
                tag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
                if self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    site.count(304)
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", tag)
                self.send_header("Last-Modified", "Mon, 17 Nov 2025 10:00:00 GMT")
                self.end_headers()
                self.wfile.write(body)
                site.count(200)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def count(self, status: int) -> None:
        with self.lock:
            self.statuses[status] += 1

    def body(self, path: str) -> tuple[bytes | None, str]:
        parts = path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "feed" and parts[1].endswith(".xml"):
            feed = int(parts[1][:-4])
            items = []
            for item in range(self.items):
                title, text = article(feed, item)
                link = f"{self.url}/a/{feed}/{item}.html"
                items.append(f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
                             f"<pubDate>Mon, 17 Nov 2025 {item % 24:02d}:{feed % 60:02d}:00 GMT</pubDate>"
                             f"<description>{text.split(chr(10))[0]}</description></item>")
            xml = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {feed}</title>'
                   f"<language>en</language>{''.join(items)}</channel></rss>")
            return xml.encode(), "application/rss+xml"
        if len(parts) == 3 and parts[0] == "a" and parts[2].endswith(".html"):
            title, text = article(int(parts[1]), int(parts[2][:-5]))
            paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n"))
            html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>'
                    f'<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{title}</h1>'
                    f"{paragraphs}</article><footer>© Local Press</footer></body></html>")
            return html.encode(), "text/html; charset=utf-8"
        return None, ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--embedder", default="hashing", choices=["hashing", "e5"])
    args = parser.parse_args()
    os.environ["TIDINGS_EMBEDDER"] = args.embedder

    from tidings.pipeline import Pipeline
    from tidings.read.embed import get_embedder
    from tidings.sources.fetch import Fetcher
    from tidings.store.sources import SourceStore
    from tidings.store.sqlite import Store
    from tidings.watch import Watcher

    site = Site(args.feeds, args.items)
    store = Store(f"sqlite:///{Path(tempfile.mkdtemp()) / 'watch.db'}")
    sources = SourceStore(store)
    for feed in range(args.feeds):
        sources.add(f"{site.url}/feed/{feed}.xml", name=f"Outlet {feed}", language="en")
    fetcher = Fetcher(allow=["127.0.0.1/32"], delay=0.0)
    watcher = Watcher(store, Pipeline(store, embedder=get_embedder(args.embedder)), fetcher=fetcher,
                      workers=args.workers)
    expected = args.feeds * args.items

    started = time.perf_counter()
    first = watcher.run_cycle(force=True)
    first_s = time.perf_counter() - started
    counts = store.counts()
    pages = [p for p in site.hits if p.startswith("/a/")]
    checks = {
        "cycle 1: no errors": not first.errors,
        "cycle 1: every item stored once": counts["articles"] == expected and counts["raw"] == expected
        and first.new_items == expected,
        "cycle 1: every page fetched once": len(pages) == expected and all(site.hits[p] == 1 for p in pages),
        "cycle 1: every feed fetched once": all(site.hits[f"/feed/{f}.xml"] == 1 for f in range(args.feeds)),
    }
    before = Counter(site.statuses)
    bodies_before = fetcher.bodies
    started = time.perf_counter()
    second = watcher.run_cycle(force=True)
    second_s = time.perf_counter() - started
    delta = site.statuses - before
    checks["cycle 2: all 304, no body"] = (delta[304] == args.feeds and delta[200] == 0
                                           and fetcher.bodies == bodies_before and second.new_items == 0)
    checks["cycle 2: nothing added"] = store.counts()["articles"] == expected
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"feeds {args.feeds} × items {args.items} = {expected} items, embedder {args.embedder}, "
          f"{args.workers} workers, robots.txt checked, delay 0 (one local host)")
    print(f"cycle 1: {first_s:.1f} s, {expected / first_s:.1f} items/s "
          f"({fetcher.requests} requests incl. robots.txt), {first.ingest.added} articles, "
          f"{first.ingest.duplicates} duplicates, {first.ingest.failed} failed, {len(first.errors)} errors")
    print(f"cycle 2: {second_s:.2f} s, {delta[304]} × 304, {delta[200]} × 200, bodies transferred: "
          f"{fetcher.bodies - bodies_before}")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")
    for name, ok in checks.items():
        print(f"  [{'ok' if ok else 'FAILED'}] {name}")
    watcher.close()
    site.server.shutdown()
    sys.exit(0 if all(checks.values()) else 1)


if __name__ == "__main__":
    main()
