"""Writing facts into an SQLite database, one transaction per document.

A crash or Ctrl-C loses at most the documents in flight: each document's row,
its facts and their countries are committed together (WAL journal), so the
file is never half-written.  A full disk ends the job with one line and leaves
the documents written before it.  Several processes may write one database:
fact ids are taken under SQLite's write lock.  A database with tables that
are not relfacts' is refused before anything is written to it.  A document is
its resolved path and its content (SHA-256 of its bytes): writing the same path
again replaces it, the same content under another path is not stored twice,
and `--resume` skips content that is already there.  The schema is in the README."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3

from ..engine.ruleset import RESERVED_FIELD_NAMES

# columns for the fields of the built-in types; a user-defined type's fields
# get their own columns when they first appear (ALTER TABLE … ADD COLUMN)
FIELD_COLUMNS = {
    "amount": "REAL", "currency": "TEXT", "flow": "TEXT", "kind": "TEXT",
    "value": "REAL", "direction": "TEXT", "measure": "TEXT",
    "name": "TEXT", "status": "TEXT",
    "visitor": "TEXT", "role": "TEXT", "origin": "TEXT", "host": "TEXT", "place": "TEXT",
}
RESERVED = RESERVED_FIELD_NAMES  # the common columns (rule files may not name a field so)

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


# tables and the columns relfacts needs of them: a database that has other
# tables, or these without their columns, is someone else's
OWN_TABLES = {
    "documents": {"id", "path", "sha256", "published", "chars", "facts", "processed_at"},
    "facts": {"id", "document_id", "type", "rule", "span_start", "span_end", "text", "sentence", "countries",
              "date", "data"},
    "fact_countries": {"fact_id", "country"},
    "errors": {"id", "path", "message", "at"},
}
BUSY_SECONDS = 60  # how long a writer waits for another process's transaction


def connect(path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_SECONDS)  # explicit transactions below
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


@contextlib.contextmanager
def _transaction(conn):
    """BEGIN IMMEDIATE (the write lock, waited for) … COMMIT, or ROLLBACK on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _check_own(conn, path) -> None:
    """SqliteError when the database holds tables that are not relfacts'."""
    tables = {name: {row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')}
              for name, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%'")}
    foreign = sorted(name for name, columns in tables.items()
                     if name not in OWN_TABLES or not OWN_TABLES[name] <= columns)
    if foreign:
        raise SqliteError(f"{path}: not a relfacts database (its table(s) {', '.join(foreign)} are not "
                          f"relfacts'); it was left as it was: choose another --output")


class SqliteWriter:
    def __init__(self, path, types):
        self.path = path
        self.conn = connect(path)
        columns = ",\n    ".join(f"{name} {kind}" for name, kind in FIELD_COLUMNS.items())
        try:
            _check_own(self.conn, path)  # before anything is written: a foreign file stays as it was
            self.conn.execute("PRAGMA journal_mode=WAL")
            with _transaction(self.conn):
                _check_own(self.conn, path)  # again under the write lock: another process may have been quicker
                for statement in SCHEMA.replace("{field_columns}", columns).split(";"):
                    self.conn.execute(statement)
                self.columns = {row[1] for row in self.conn.execute("PRAGMA table_info(facts)")}
                for t in types.values():
                    for name in t.fields:
                        self._column(name)
        except sqlite3.DatabaseError as e:
            self.conn.close()
            raise SqliteError(f"{path}: {e}") from None
        except SqliteError:
            self.conn.close()
            raise
        self._sql: dict = {}

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
        try:
            self._write(self.conn, doc, key, by_fields, now)
        except sqlite3.DatabaseError as e:  # the disk is full, the file went away …
            raise SqliteError(f"{self.path}: {e}; the documents written before are kept") from None
        return True

    def _write(self, conn, doc, key, by_fields, now) -> None:
        with _transaction(conn):
            # under the write lock no other process adds facts: ids go on from the largest
            fact_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM facts").fetchone()[0]
            row = (key, doc.sha256, doc.published, doc.chars, len(doc.facts), now)
            added = conn.execute(_ADD_DOCUMENT + " ON CONFLICT(path) DO NOTHING", row)
            if added.rowcount == 1:
                doc_id = added.lastrowid
            else:  # written before (a rerun without --resume): replaced, its facts with it
                conn.execute("DELETE FROM documents WHERE path = ?", (key,))
                doc_id = conn.execute(_ADD_DOCUMENT, row).lastrowid
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
            conn.execute("DELETE FROM errors WHERE path = ?", (key,))

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
        conn = self.conn
        try:
            with _transaction(conn):
                conn.execute("DELETE FROM errors WHERE path = ?", (doc.key,))  # one row per path: the latest
                conn.execute("INSERT INTO errors (path, message, at) VALUES (?, ?, ?)", (doc.key, message, now))
        except sqlite3.DatabaseError as e:
            raise SqliteError(f"{self.path}: {e}") from None

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
