"""Writing facts into an SQLite database, one transaction per document.

A crash or Ctrl-C loses at most the documents in flight: each document's row,
its facts and their countries are committed together (WAL journal), so the
file is never half-written.  A document is its resolved path and its
content (SHA-256 of its bytes): writing the same path again replaces it, the
same content under another path is not stored twice, and `--resume` skips
content that is already there.  The schema is in the README."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

# columns for the fields of the built-in types; a user-defined type's fields
# get their own columns when they first appear (ALTER TABLE … ADD COLUMN)
FIELD_COLUMNS = {
    "amount": "REAL", "currency": "TEXT", "flow": "TEXT", "kind": "TEXT",
    "value": "REAL", "direction": "TEXT", "measure": "TEXT",
    "name": "TEXT", "status": "TEXT",
    "visitor": "TEXT", "role": "TEXT", "origin": "TEXT", "host": "TEXT", "place": "TEXT",
}
RESERVED = {"id", "document_id", "type", "rule", "span_start", "span_end", "text", "sentence",
            "countries", "date", "data", "doc", "span"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    published TEXT,
    chars INTEGER,
    facts INTEGER,
    processed_at TEXT
);
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    rule TEXT,
    span_start INTEGER,
    span_end INTEGER,
    text TEXT,
    sentence TEXT,
    countries TEXT,
    date TEXT,
    {field_columns},
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS fact_countries (
    fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    country TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT
);
CREATE INDEX IF NOT EXISTS facts_type ON facts(type);
CREATE INDEX IF NOT EXISTS facts_date ON facts(date);
CREATE INDEX IF NOT EXISTS facts_document ON facts(document_id);
CREATE INDEX IF NOT EXISTS fact_countries_country ON fact_countries(country, fact_id);
CREATE INDEX IF NOT EXISTS fact_countries_fact ON fact_countries(fact_id);
CREATE INDEX IF NOT EXISTS errors_path ON errors(path);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
"""


_ADD_DOCUMENT = "INSERT INTO documents (path, sha256, published, chars, facts, processed_at) VALUES (?, ?, ?, ?, ?, ?)"


class SqliteError(Exception):
    pass


def connect(path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)  # explicit transactions below
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn
    except sqlite3.DatabaseError as e:
        raise SqliteError(f"{path}: not an SQLite database ({e})") from None


def is_sqlite(path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


class SqliteWriter:
    def __init__(self, path, types):
        self.conn = connect(path)
        columns = ",\n    ".join(f"{name} {kind}" for name, kind in FIELD_COLUMNS.items())
        try:
            self.conn.executescript(SCHEMA.replace("{field_columns}", columns))
        except sqlite3.DatabaseError as e:
            raise SqliteError(f"{path}: {e}") from None
        self.columns = {row[1] for row in self.conn.execute("PRAGMA table_info(facts)")}
        self._sql: dict = {}
        # this process is the only writer: fact ids are counted here, not asked for
        self.last_fact_id = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM facts").fetchone()[0]
        self.failed = {row[0] for row in self.conn.execute("SELECT DISTINCT path FROM errors")}
        for t in types.values():
            for name in t.fields:
                self._column(name)

    def _column(self, name: str) -> bool:
        if name in self.columns:
            return True
        if name in RESERVED or not name.isidentifier():
            return False
        self.conn.execute(f'ALTER TABLE facts ADD COLUMN "{name}"')
        self.columns.add(name)
        return True

    def known_hashes(self) -> set[str]:
        """The sha256 of every document already written: what --resume skips."""
        return {h for h, in self.conn.execute("SELECT sha256 FROM documents")}

    def write(self, doc) -> bool:
        """Store a document (False: its content is there under another path already)."""
        key = doc.key
        if self.conn.execute("SELECT 1 FROM documents WHERE sha256 = ? AND path <> ?", (doc.sha256, key)).fetchone():
            return False
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        by_fields: dict[tuple, list] = {}  # one INSERT statement per set of field columns
        for fact, line in zip(doc.facts, doc.lines):
            fields = tuple(k for k in fact if k not in RESERVED and self._column(k))
            by_fields.setdefault(fields, []).append((fact, line))
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = (key, doc.sha256, doc.published, doc.chars, len(doc.facts), now)
            added = conn.execute(_ADD_DOCUMENT + " ON CONFLICT(path) DO NOTHING", row)
            if added.rowcount == 1:
                doc_id = added.lastrowid
            else:  # written before (a rerun without --resume): replaced, its facts with it
                conn.execute("DELETE FROM documents WHERE path = ?", (key,))
                doc_id = conn.execute(_ADD_DOCUMENT, row).lastrowid
            fact_id = self.last_fact_id
            countries = []
            for fields, facts in by_fields.items():
                rows = []
                for fact, line in facts:
                    fact_id += 1  # ids given here, so that fact_countries can be written in one go
                    rows.append((fact_id, doc_id, fact["type"], fact.get("rule"), fact["span"][0], fact["span"][1],
                                 fact.get("text"), fact.get("sentence"), ",".join(fact.get("countries") or []),
                                 fact.get("date"), line,
                                 *(_cell(fact[k]) for k in fields)))
                    countries.extend((fact_id, c) for c in fact.get("countries") or [])
                conn.executemany(self._insert_sql(fields), rows)
            conn.executemany("INSERT INTO fact_countries (fact_id, country) VALUES (?, ?)", countries)
            if key in self.failed:
                conn.execute("DELETE FROM errors WHERE path = ?", (key,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # (Ctrl-C may land just after the COMMIT)
                conn.execute("ROLLBACK")
            raise
        self.last_fact_id = fact_id
        self.failed.discard(key)
        return True

    def _insert_sql(self, fields: tuple) -> str:
        sql = self._sql.get(fields)
        if sql is None:
            names = ["id", "document_id", "type", "rule", "span_start", "span_end", "text", "sentence",
                     "countries", "date", "data"] + [f'"{k}"' for k in fields]
            sql = self._sql[fields] = f"INSERT INTO facts ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        return sql

    def write_error(self, doc) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        message = doc.error.split(": ", 1)[1] if doc.error and doc.error.startswith(doc.path + ": ") else doc.error
        self.conn.execute("INSERT INTO errors (path, message, at) VALUES (?, ?, ?)", (doc.key, message, now))
        self.failed.add(doc.key)

    def documents(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def close(self) -> None:
        self.conn.close()


def _cell(v):
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def read_facts(path, countries=()):
    """(documents, the fact dicts) of a database written here; with
    `countries`, only the facts about all of them."""
    conn = connect(path)
    joins = "".join(f" JOIN fact_countries c{i} ON c{i}.fact_id = f.id AND c{i}.country = ?" for i in range(len(countries)))
    try:
        docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        rows = conn.execute(f"SELECT f.data FROM facts f JOIN documents d ON d.id = f.document_id{joins} "
                            "ORDER BY d.path, f.id", tuple(countries)).fetchall()
    except sqlite3.DatabaseError as e:
        raise SqliteError(f"{path}: {e}") from None
    finally:
        conn.close()
    return docs, [json.loads(data) for data, in rows]
