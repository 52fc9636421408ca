"""SQLite SQL as PostgreSQL reads it: the few dialect differences the code base uses, translated once
per statement (cached), so that the rest of tidings writes one SQL for both engines.

What is translated, and why each is enough here:

* `?` placeholders -> `%s` (and a literal `%` -> `%%`, since psycopg reads `%` as a placeholder);
* `strftime('%Y-%m-%dT%H:%M:%SZ', 'now')` (and `%fZ`, milliseconds) -> `to_char(...)` of UTC now;
* `INSERT OR IGNORE` -> `INSERT ... ON CONFLICT DO NOTHING`;
* `<fts table> MATCH ?` -> `tsv @@ tidings_tsquery(?)` (the FTS5 expression of `textutil.fts_query`
  is turned into a tsquery by a SQL function of migration 0001); that parameter is folded the way
  the index was (`fold_for_search`), because the 'simple' configuration does not drop diacritics;
* `ORDER BY` terms get SQLite's NULL order spelled out (NULLs first ascending, last descending),
  PostgreSQL's default being the opposite: pages list the same rows in the same order on both;
* `INSERT INTO t(...)` into a table with an `id` column gets `RETURNING id`, which is how a cursor's
  `lastrowid` is known.

Each translation also says whether the statement writes (`Translated.writes`): PostgresStore counts
its changes (migration 0008) from that.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..textutil import COMBINING_MARKS

_LITERAL = re.compile(r"('(?:[^']|'')*'|\"[^\"]*\")")
_STRFTIME = re.compile(r"strftime\(\s*'%Y-%m-%dT%H:%M:%(S|f)Z'\s*,\s*'now'\s*\)", re.IGNORECASE)
_TO_CHAR = {"S": "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
            "f": "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"}
_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_INSERT_INTO = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)
_MATCH = re.compile(r"\b\w+\s+MATCH\s+\?", re.IGNORECASE)
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
_ORDER_END = re.compile(r"\b(LIMIT|OFFSET|UNION|EXCEPT|INTERSECT)\b", re.IGNORECASE)
_HAS_NULLS = re.compile(r"\bNULLS\s+(FIRST|LAST)\s*$", re.IGNORECASE)
_DESC = re.compile(r"\bDESC\s*$", re.IGNORECASE)
_WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|TRUNCATE|CREATE|DROP|ALTER)\b", re.IGNORECASE)
_WITH_WRITES = re.compile(r"^\s*WITH\b.*\b(INSERT|UPDATE|DELETE)\b", re.IGNORECASE | re.DOTALL)


def fold_for_search(text: str) -> str:
    """Case and diacritics folded (FTS5's `unicode61 remove_diacritics 2`), for index and query alike."""
    return unicodedata.normalize("NFC", COMBINING_MARKS.sub("", unicodedata.normalize("NFD", text.casefold())))


@dataclass(frozen=True)
class Translated:
    sql: str
    fold: tuple[int, ...]  # positions of the parameters that are full-text queries
    returns_id: bool  # `RETURNING id` was added: the first column of the result is the new row's id
    writes: bool = False  # it changes the store (data or schema), not only reads it


@lru_cache(maxsize=4096)
def translate(sql: str, tables_with_id: frozenset[str]) -> Translated:
    returns_id = False
    writes = bool(_WRITES.match(sql) or _WITH_WRITES.match(sql))
    ignore = bool(_INSERT_OR_IGNORE.match(sql))
    if ignore:
        sql = _INSERT_OR_IGNORE.sub("INSERT INTO", sql, count=1)
    sql = _STRFTIME.sub(lambda m: _TO_CHAR[m.group(1)], sql)
    fold = []
    for match in _MATCH.finditer(sql):
        fold.append(_count_placeholders(sql[:match.start()]))
    sql = _MATCH.sub("tsv @@ tidings_tsquery(?)", sql)
    sql = _nulls_like_sqlite(sql)
    if ignore:
        sql = sql.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    insert = _INSERT_INTO.match(sql)
    if insert and insert.group(1).lower() in tables_with_id and "RETURNING" not in sql.upper():
        sql = sql.rstrip().rstrip(";") + " RETURNING id"
        returns_id = True
    return Translated(_placeholders(sql), tuple(fold), returns_id, writes)


def _count_placeholders(sql: str) -> int:
    return sum(part.count("?") for i, part in enumerate(_LITERAL.split(sql)) if i % 2 == 0)


def _placeholders(sql: str) -> str:
    parts = _LITERAL.split(sql)
    for i, part in enumerate(parts):
        part = part.replace("%", "%%")
        parts[i] = part.replace("?", "%s") if i % 2 == 0 else part
    return "".join(parts)


def _nulls_like_sqlite(sql: str) -> str:
    """Every top-level ORDER BY term gets SQLite's NULL placement unless it says its own."""
    out, position = [], 0
    for match in _ORDER_BY.finditer(sql):
        if match.start() < position:
            continue
        end = _clause_end(sql, match.end())
        out.append(sql[position:match.end()])
        out.append(",".join(_with_nulls(term) for term in _split_terms(sql[match.end():end])))
        position = end
    out.append(sql[position:])
    return "".join(out)


def _clause_end(sql: str, start: int) -> int:
    """Where an ORDER BY clause ends: a closing bracket of its level, LIMIT/OFFSET, or the end."""
    depth, i = 0, start
    while i < len(sql):
        char = sql[i]
        if char == "'":
            i = sql.index("'", i + 1) + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and char.isalpha() and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            keyword = _ORDER_END.match(sql, i)
            if keyword:
                return i
        i += 1
    return len(sql)


def _split_terms(clause: str) -> list[str]:
    terms, depth, current = [], 0, ""
    for char in clause:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            terms.append(current)
            current = ""
        else:
            current += char
    terms.append(current)
    return terms


def _with_nulls(term: str) -> str:
    stripped = term.rstrip()
    if not stripped or _HAS_NULLS.search(stripped):
        return term
    tail = term[len(stripped):]
    return stripped + (" NULLS LAST" if _DESC.search(stripped) else " NULLS FIRST") + tail
