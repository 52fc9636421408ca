"""The editable alias registry: merge, split, rename, add aliases, import and export.

Every edit is stored as aliases with origin 'user' (or 'import') and entities marked `locked`, which
re-processing keeps and the resolver consults first: what a person decided is never undone by a
re-run of the pipeline.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from ..events import store as event_store
from ..model import ENTITY_TYPES
from ..store.sqlite import Store
from ..read.names import name_key
from .resolve import normalise_alias, script_of, strip_roles


class RegistryError(ValueError):
    pass


def _entity(conn, entity_id: int):
    row = conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        raise RegistryError(f"no entity {entity_id}")
    return row


def _pin_aliases(conn, entity_id: int) -> None:
    """The entity's current aliases become the user's: they keep resolving here after re-processing."""
    conn.execute("UPDATE entity_aliases SET origin = 'user' WHERE entity_id = ? AND origin = 'auto'", (entity_id,))


def merge(store: Store, keep_id: int, other_id: int) -> None:
    """Fold entity `other_id` into `keep_id`: aliases and mentions move, `other_id` disappears."""
    if keep_id == other_id:
        raise RegistryError("cannot merge an entity with itself")
    with store.transaction() as conn:
        _entity(conn, keep_id)
        other = _entity(conn, other_id)
        for row in conn.execute("SELECT alias, normalized, language, script, mentions FROM entity_aliases"
                                " WHERE entity_id = ?", (other_id,)).fetchall():
            conn.execute(
                "INSERT INTO entity_aliases(entity_id, alias, normalized, language, script, origin, mentions)"
                " VALUES (?,?,?,?,?,'user',?) ON CONFLICT(entity_id, normalized, language)"
                " DO UPDATE SET mentions = entity_aliases.mentions + excluded.mentions, origin = 'user'", (keep_id, *row))
        conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (keep_id, other_id))
        conn.execute("UPDATE entities SET mentions = mentions + ?, locked = 1 WHERE id = ?", (other["mentions"], keep_id))
        conn.execute("DELETE FROM entities WHERE id = ?", (other_id,))
        _pin_aliases(conn, keep_id)
        event_store.refresh_entities(conn, [other_id, keep_id])


def split(store: Store, entity_id: int, aliases: list[str], name: str | None = None) -> int:
    """Move the given aliases (and their mentions) to a new entity; returns its id."""
    with store.transaction() as conn:
        entity = _entity(conn, entity_id)
        wanted = {normalise_alias(a) for a in aliases}
        rows = conn.execute("SELECT id, alias, normalized, mentions FROM entity_aliases WHERE entity_id = ?",
                            (entity_id,)).fetchall()
        moving = [r for r in rows if r["normalized"] in wanted]
        if not moving:
            raise RegistryError(f"entity {entity_id} has none of the aliases {', '.join(aliases)}")
        if len(moving) == len(rows):
            raise RegistryError("splitting off every alias would leave the entity empty; rename it instead")
        new_name = name or moving[0]["alias"]
        cur = conn.execute("INSERT INTO entities(name, type, country, key, given_key, locked) VALUES (?,?,?,?,?,1)",
                           (new_name, entity["type"], entity["country"], entity["key"], ""))
        new_id = cur.lastrowid
        for row in moving:
            conn.execute("UPDATE entity_aliases SET entity_id = ?, origin = 'user' WHERE id = ?", (new_id, row["id"]))
        moved = 0  # mentions follow their spelling
        mention_rows = conn.execute("SELECT id, text FROM mentions WHERE entity_id = ?", (entity_id,)).fetchall()
        for mention in mention_rows:
            if normalise_alias(strip_roles(mention["text"])) in wanted or normalise_alias(mention["text"]) in wanted:
                conn.execute("UPDATE mentions SET entity_id = ? WHERE id = ?", (new_id, mention["id"]))
                moved += 1
        conn.execute("UPDATE entities SET mentions = ? WHERE id = ?", (moved, new_id))
        conn.execute("UPDATE entities SET mentions = CASE WHEN mentions > ? THEN mentions - ? ELSE 0 END, locked = 1"
                     " WHERE id = ?", (moved, moved, entity_id))
        _pin_aliases(conn, entity_id)
        event_store.refresh_entities(conn, [entity_id])
        return new_id


def rename(store: Store, entity_id: int, name: str) -> None:
    if not name.strip():
        raise RegistryError("a name cannot be empty")
    with store.transaction() as conn:
        _entity(conn, entity_id)
        conn.execute("UPDATE entities SET name = ?, locked = 1 WHERE id = ?", (name.strip(), entity_id))
        add_alias_in(conn, entity_id, name.strip(), "", origin="user")
        _pin_aliases(conn, entity_id)


def retype(store: Store, entity_id: int, kind: str) -> None:
    """Say what an entity is (PER, ORG, LOC): most useful for a name of unknown kind (NAME)."""
    kind = _entity_type(kind)
    with store.transaction() as conn:
        _entity(conn, entity_id)
        conn.execute("UPDATE entities SET type = ?, locked = 1 WHERE id = ?", (kind, entity_id))
        _pin_aliases(conn, entity_id)


def _entity_type(kind: str) -> str:
    kind = kind.strip().upper()
    if kind not in ENTITY_TYPES:
        raise RegistryError(f"unknown type {kind!r} ({', '.join(ENTITY_TYPES)})")
    return kind


def add_alias_in(conn, entity_id: int, alias: str, language: str = "", origin: str = "user") -> None:
    if not alias.strip() or len(alias) > 300:
        raise RegistryError("an alias must have 1 to 300 characters")
    conn.execute(
        "INSERT INTO entity_aliases(entity_id, alias, normalized, language, script, origin) VALUES (?,?,?,?,?,?)"
        " ON CONFLICT(entity_id, normalized, language) DO UPDATE SET origin = excluded.origin",
        (entity_id, alias.strip(), normalise_alias(alias), language, script_of(alias), origin))


def add_alias(store: Store, entity_id: int, alias: str, language: str = "") -> None:
    with store.transaction() as conn:
        _entity(conn, entity_id)
        add_alias_in(conn, entity_id, alias, language)


EXPORT_FIELDS = ["entity_id", "name", "type", "country", "alias", "language", "script", "origin"]


def export_aliases(store: Store, path: Path) -> int:
    rows = [dict(r) for r in store.query(
        "SELECT e.id AS entity_id, e.name, e.type, e.country, a.alias, a.language, a.script, a.origin"
        " FROM entity_aliases a JOIN entities e ON e.id = a.entity_id ORDER BY e.id, a.language, a.alias")]
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=EXPORT_FIELDS)
            writer.writeheader()
            writer.writerows(rows)
    return len(rows)


def import_aliases(store: Store, path: Path) -> int:
    """Load aliases a user already has (CSV or JSON with at least `name` and `alias`; optional
    `type` (PER/ORG/LOC), `country`, `language`, `entity_id`). Rows naming an entity that does not
    exist yet create it. Returns the number of aliases imported."""
    if path.suffix.lower() == ".json":
        rows = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(rows, list):
            raise RegistryError("a JSON alias file holds a list of objects")
    else:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    count = 0
    with store.transaction() as conn:
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict) or not (row.get("alias") or "").strip() or not (row.get("name") or "").strip():
                raise RegistryError(f"row {number}: needs 'name' and 'alias'")
            entity_id = _import_target(conn, row)
            add_alias_in(conn, entity_id, row["alias"], (row.get("language") or "").strip(), origin="import")
            add_alias_in(conn, entity_id, row["name"], "", origin="import")
            count += 1
    return count


def _import_target(conn, row: dict) -> int:
    if str(row.get("entity_id") or "").strip().isdigit():
        found = conn.execute("SELECT id FROM entities WHERE id = ?", (int(row["entity_id"]),)).fetchone()
        if found:
            return found[0]
    kind = _entity_type(row.get("type") or "PER")
    found = conn.execute("SELECT e.id FROM entities e JOIN entity_aliases a ON a.entity_id = e.id"
                         " WHERE a.normalized = ? AND e.type = ? ORDER BY e.id LIMIT 1",  # the oldest, on either backend
                         (normalise_alias(row["name"]), kind)).fetchone()
    if found:
        return found[0]
    country = (row.get("country") or "").strip().upper() or None
    key = f"N:{name_key(row['name'])}"
    cur = conn.execute("INSERT INTO entities(name, type, country, key, given_key, locked) VALUES (?,?,?,?,?,1)",
                       (row["name"].strip(), kind, country, key, ""))
    return cur.lastrowid
