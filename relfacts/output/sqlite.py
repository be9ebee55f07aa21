"""Writing facts into an SQLite database, a batch of documents per transaction.

A crash or Ctrl-C loses at most the documents not yet committed (a batch,
written within a second): each document's row, its facts and their countries
are committed together (WAL journal), so the file is never half-written and
`--resume` finds every document whole or not at all.  The rows are made where
the facts were found (`fact_rows`, in a worker process), so the writing process
only inserts them.  A full disk ends the job with one line and leaves the
documents written before it.  Several processes may write one database: fact
ids are taken under SQLite's write lock, held for one batch.  A database with
tables that are not relfacts' is refused before anything is written to it.  A
document is its resolved path and its content (SHA-256 of its bytes): writing
the same path again replaces it, the same content under another path is not
stored twice, and `--resume` skips content that is already there.  The schema
is in the README.  (sqlite3 and json are imported where they are used: a
command that writes no database does not load them.)"""
from __future__ import annotations

import contextlib
import datetime as dt
import time

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


# a transaction holds this many documents, or those of this many seconds
BATCH_DOCUMENTS = 64
BATCH_SECONDS = 1.0
_COMMON = ("type", "rule", "span_start", "span_end", "text", "sentence", "countries", "date", "data")
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


def connect(path):
    """A connection to the database at `path` (SqliteError when it is none)."""
    import sqlite3

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


def _write_ahead_log(conn) -> None:
    """PRAGMA journal_mode=WAL, tried again while another process holds the file:
    changing the journal mode does not wait for a lock as other statements do
    (SQLite answers "database is locked" at once), so two processes that start
    writing one new database together would otherwise fail one of them."""
    import sqlite3
    import time

    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


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
    reads = ("rows",)

    def __init__(self, path, types):
        import sqlite3

        self.path = path
        self.conn = connect(path)
        columns = ",\n    ".join(f"{name} {kind}" for name, kind in FIELD_COLUMNS.items())
        try:
            _check_own(self.conn, path)  # before anything is written: a foreign file stays as it was
            _write_ahead_log(self.conn)
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
        self._checked: set = {()}  # the sets of field names whose columns are there
        self._pending: list = []  # (key, document row or None for an error, fact rows or the error)
        self._hashes: dict = {}  # sha256 -> key, of the pending documents
        self._since = 0.0

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
        """Store a document (False: its content is there under another path
        already).  It is committed with its batch: at the latest a second
        later, at close(), or when documents() is asked."""
        key = doc.key
        if self._is_copy(doc.sha256, key):
            return False
        if not self._pending:
            self._since = time.monotonic()
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        rows = doc.rows or fact_rows(doc.facts, doc.lines)  # made here for a DocResult without rows (merge)
        for fields, _, _ in rows:
            if fields not in self._checked:  # a new set of fields: their columns, added now if need be
                self._checked.add(fields)
                for name in fields:
                    self._column(name)
        self._pending.append((key, (key, doc.sha256, doc.published, doc.chars, len(rows), now), rows))
        self._hashes[doc.sha256] = key
        if len(self._pending) >= BATCH_DOCUMENTS or time.monotonic() - self._since >= BATCH_SECONDS:
            self.flush()
        return True

    def _is_copy(self, sha256, key) -> bool:
        """Whether this content is stored, or about to be, under another path."""
        if self._hashes.get(sha256, key) != key:
            return True
        pending = {k for k, _, _ in self._pending}  # paths about to be replaced hold their new content
        return any(path not in pending for path, in self.conn.execute(
            "SELECT path FROM documents WHERE sha256 = ? AND path <> ?", (sha256, key)))

    def write_error(self, doc) -> None:
        message = doc.error.split(": ", 1)[1] if doc.error and doc.error.startswith(doc.path + ": ") else doc.error
        if not self._pending:
            self._since = time.monotonic()
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self._pending.append((doc.key, None, (message, now)))  # in turn with the documents
        if time.monotonic() - self._since >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Commit the pending documents and errors, in one transaction."""
        import sqlite3

        if not self._pending:
            return
        try:
            self._write(self.conn, self._pending)
        except sqlite3.DatabaseError as e:  # the disk is full, the file went away …
            self._pending.clear()
            self._hashes.clear()
            raise SqliteError(f"{self.path}: {e}; the documents written before are kept") from None
        self._pending.clear()
        self._hashes.clear()

    def _write(self, conn, pending) -> None:
        groups: dict[tuple, list] = {}  # one INSERT statement per set of field columns
        countries = []

        def insert_facts():
            for fields, rows in groups.items():
                conn.executemany(self._insert_sql(fields), rows)
            conn.executemany("INSERT INTO fact_countries (fact_id, country) VALUES (?, ?)", countries)
            groups.clear()
            countries.clear()

        with _transaction(conn):
            # under the write lock no other process adds facts: ids go on from the largest
            fact_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM facts").fetchone()[0]
            for key, row, rows in pending:
                if row is None:  # an error: one row per path, the latest
                    conn.execute("DELETE FROM errors WHERE path = ?", (key,))
                    conn.execute("INSERT INTO errors (path, message, at) VALUES (?, ?, ?)", (key, *rows))
                    continue
                added = conn.execute(_ADD_DOCUMENT + " ON CONFLICT(path) DO NOTHING", row)
                if added.rowcount == 1:
                    doc_id = added.lastrowid
                else:  # written before (a rerun without --resume): replaced, its facts with it
                    insert_facts()  # (it may be a document of this batch)
                    conn.execute("DELETE FROM documents WHERE path = ?", (key,))
                    doc_id = conn.execute(_ADD_DOCUMENT, row).lastrowid
                by_fields: dict[tuple, list] = {}  # ids in the order of a document's field sets, as before
                for fields, values, names in rows:
                    by_fields.setdefault(fields, []).append((values, names))
                for fields, facts in by_fields.items():
                    group = groups.setdefault(fields, [])
                    for values, names in facts:
                        fact_id += 1  # ids given here, so that fact_countries can be written in one go
                        group.append((fact_id, doc_id, *values))
                        countries.extend((fact_id, c) for c in names)
                conn.execute("DELETE FROM errors WHERE path = ?", (key,))
            insert_facts()

    def _insert_sql(self, fields: tuple) -> str:
        sql = self._sql.get(fields)
        if sql is None:
            names = ["id", "document_id", *_COMMON] + [f'"{k}"' for k in fields]
            sql = self._sql[fields] = f"INSERT INTO facts ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        return sql

    def documents(self) -> int:
        """The documents in the database, once the pending ones are committed."""
        self.flush()
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.conn.close()


def _cell(v):
    if isinstance(v, (list, dict)):
        import json

        return json.dumps(v, ensure_ascii=False)
    return v


def fact_rows(facts, lines) -> list:
    """Each fact ready to insert: (its field names, its values for the common
    columns then those fields, its countries).  A field that has no column
    (a reserved name, not an identifier) is left out here or by the writer."""
    rows = []
    for fact, line in zip(facts, lines):
        fields = tuple(k for k in fact if k not in RESERVED and k.isidentifier())
        countries = fact.get("countries") or []
        values = (fact["type"], fact.get("rule"), fact["span"][0], fact["span"][1], fact.get("text"),
                  fact.get("sentence"), ",".join(countries), fact.get("date"), line,
                  *(_cell(fact[k]) for k in fields))
        rows.append((fields, values, tuple(countries)))
    return rows


def read_facts(path, countries=()):
    """(documents, the fact dicts) of a database written here; with
    `countries`, only the facts about all of them."""
    import json
    import sqlite3

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
