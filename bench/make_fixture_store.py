"""Make a tiny store with the code of one version, for tests/test_fixture_stores.py.

    python bench/make_fixture_store.py tests/fixtures/stores/v6-tokens.db            # this tree's code
    python bench/make_fixture_store.py tests/fixtures/stores/v1-foundation.db --rev 3afd9d2   # an older commit

With --rev, the commit is checked out in a temporary `git worktree` and the store is written by
ITS code (its migrations, its pipeline), so the file is what a user of that version has on disk.
Five short articles (one a duplicate) are ingested with the hashing embedder (no model, and the
test ingests with the same one); where the version has the alias registry, one user alias is added
so that the test can check that people's decisions survive migrations. The file is then compacted
(no WAL, 1 KB pages, VACUUM): a few dozen KB.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USER_ALIAS = ("Tokayev", "Tokaïev", "fr")  # (an alias the entity has, the alias a user adds, its language)
ARTICLES = {
    "en-tokayev.txt": "date 2025-06-17\nsource: Wire\nKazakhstan's president Kassym-Jomart Tokayev visits Berlin\n\n"
                      "Kazakhstan's president Kassym-Jomart Tokayev met the German chancellor in Berlin on Tuesday. "
                      "Tokayev and the chancellor signed agreements on energy and raw materials.\n",
    "en-tokayev-copy.txt": "date 2025-06-17\nsource: Copycat\nKazakhstan's president Kassym-Jomart Tokayev visits "
                           "Berlin\n\nKazakhstan's president Kassym-Jomart Tokayev met the German chancellor in Berlin "
                           "on Tuesday. Tokayev and the chancellor signed agreements on energy and raw materials.\n",
    "de-tokajew.txt": "date 2025-06-17\nsource: Zeitung\nKasachstans Präsident Tokajew besucht Berlin\n\n"
                      "Der kasachische Präsident Kassym-Schomart Tokajew hat am Dienstag in Berlin den Bundeskanzler "
                      "getroffen. Beide unterzeichneten Abkommen über Energie und Rohstoffe.\n",
    "en-flood.txt": "date 2025-06-18\nsource: Daily\nFlood waters rise along the Danube in Budapest\n\n"
                    "The Danube rose to record levels in Budapest on Wednesday as rain kept falling across central "
                    "Europe. Officials closed the embankment roads and filled sandbags overnight.\n",
    "fr-louvre.txt": "date 2025-10-19\nsource: Le Quotidien\nVol spectaculaire au musée du Louvre à Paris\n\n"
                     "Des voleurs ont dérobé dimanche matin des bijoux de la couronne au musée du Louvre, à Paris. "
                     "Le musée est resté fermé toute la journée.\n",
}


def write_store(out: Path) -> None:
    """Runs with the tidings package of the version being captured on sys.path (see `main`)."""
    from tidings.pipeline import Pipeline
    from tidings.read.embed import HashingEmbedder
    from tidings.store.sqlite import Store

    corpus = Path("corpus")  # relative: the stored locators name no temporary folder
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    store = Store(f"sqlite:///{out}")
    Pipeline(store, embedder=HashingEmbedder()).ingest([str(corpus)])
    try:
        from tidings.entities import registry
    except ImportError:
        registry = None  # versions before the alias registry
    if registry is not None:
        known, alias, language = USER_ALIAS
        row = store.conn.execute("SELECT entity_id FROM entity_aliases WHERE alias LIKE ? ORDER BY mentions DESC LIMIT 1",
                                 (f"%{known}%",)).fetchone()
        if row is None:
            raise SystemExit(f"no entity with the alias {known!r}: cannot add the user alias")
        registry.add_alias(store, row[0], alias, language)
    store.close()


def compact(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA page_size=1024")
    conn.execute("VACUUM")
    conn.close()


def run_version(out: Path, source: Path) -> None:
    """Write the store in a fresh folder with `source`'s tidings package."""
    env = dict(os.environ, PYTHONPATH=str(source), TIDINGS_EMBEDDER="hashing")
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, str(Path(__file__).resolve()), str(out), "--write-here"], cwd=work, env=env,
                       check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rev", help="a git commit whose code writes the store (default: this tree)")
    parser.add_argument("--write-here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    out = args.out.resolve()
    if args.write_here:
        write_store(out)
        return
    if out.exists():
        out.unlink()
    if args.rev is None:
        run_version(out, ROOT / "src")
    else:
        checkout = Path(tempfile.mkdtemp(prefix="tidings-rev-"))
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(checkout), args.rev], check=True,
                       capture_output=True)
        try:
            run_version(out, checkout / "src")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(checkout)], check=True)
            shutil.rmtree(checkout, ignore_errors=True)
    compact(out)
    conn = sqlite3.connect(out)
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    conn.close()
    print(f"{out}: migrations {versions}, {articles} articles, {out.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
