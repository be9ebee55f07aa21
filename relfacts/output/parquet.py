"""A Parquet result: a folder (a local path or an fsspec URL such as
s3://bucket/facts.parquet) of part files, one pair per chunk of documents.

    DIR/documents/part-<first>-<chunk>.parquet   every input: doc, sha256, published, chars, facts, error
    DIR/facts/part-<first>-<chunk>.parquet       one row per fact: typed columns, and `data` (the JSON line)

`first` is the position of the chunk's first document in the run (so the part
names sort in input order) and `chunk` the chunk's stable id.  A chunk writes
each part under a hidden temporary name and renames it, the documents part
first and the facts part last: a facts part is the mark of a finished chunk,
and readers (pyarrow, pandas, DuckDB) skip hidden files."""
from __future__ import annotations

import json
import os
import uuid

import pyarrow as pa
import pyarrow.parquet as pq

from .sqlite import FIELD_COLUMNS, RESERVED

DOCUMENTS = pa.schema([("doc", pa.string()), ("sha256", pa.string()), ("published", pa.string()),
                       ("chars", pa.int64()), ("facts", pa.int64()), ("error", pa.string()),
                       ("position", pa.int64())])
COMMON = [("type", pa.string()), ("doc", pa.string()), ("span_start", pa.int64()), ("span_end", pa.int64()),
          ("text", pa.string()), ("sentence", pa.string()), ("rule", pa.string()),
          ("countries", pa.list_(pa.string())), ("date", pa.string())]


def fact_schema(types) -> pa.Schema:
    """The common columns, one per field of every fact type, then `data` and `position`."""
    fields = []
    for t in types.values():
        fields.extend(f for f in t.fields if f not in RESERVED and f not in fields)
    typed = [(f, pa.float64() if FIELD_COLUMNS.get(f) == "REAL" else pa.string()) for f in fields]
    return pa.schema(COMMON + typed + [("data", pa.string()), ("position", pa.int64())])


def _number(value):
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _text(value):
    return value if value is None or isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def tables(docs, types) -> tuple[pa.Table, pa.Table]:
    """(documents, facts) tables of a chunk: `docs` are (position, worker.DocResult)."""
    schema = fact_schema(types)
    facts, lines, positions = [], [], []
    for position, doc in docs:
        facts.extend(doc.facts)
        lines.extend(doc.lines)
        positions.extend([position] * len(doc.facts))
    columns = {}
    for f in schema:  # a column at a time
        name = f.name
        if name == "data":
            columns[name] = lines
        elif name == "position":
            columns[name] = positions
        elif name in ("span_start", "span_end"):
            end = name == "span_end"
            columns[name] = [fact["span"][end] for fact in facts]
        elif name == "countries":
            columns[name] = [list(fact.get("countries") or []) for fact in facts]
        else:
            cell = _number if f.type == pa.float64() else _text
            columns[name] = [cell(fact.get(name)) for fact in facts]
    documents = pa.Table.from_pylist(
        [{"doc": d.path, "sha256": d.sha256, "published": d.published, "chars": d.chars,
          "facts": d.count, "error": d.error, "position": p} for p, d in docs], schema=DOCUMENTS)
    return documents, pa.Table.from_pydict(columns, schema=schema)


class PartStore:
    def __init__(self, url: str):
        from fsspec.core import url_to_fs
        from fsspec.implementations.local import LocalFileSystem

        self.fs, self.root = url_to_fs(str(url))
        self.local = isinstance(self.fs, LocalFileSystem)

    def _path(self, kind: str, name: str = "") -> str:
        return f"{self.root.rstrip('/')}/{kind}" + (f"/{name}" if name else "")

    @staticmethod
    def part_name(first: int, chunk_id: str) -> str:
        return f"part-{first:012d}-{chunk_id}.parquet"

    @staticmethod
    def chunk_of(part: str) -> str:
        return part.rsplit("-", 1)[1].removesuffix(".parquet")

    def _files(self, kind: str) -> list[str]:
        try:
            listing = self.fs.ls(self._path(kind), detail=True)
        except FileNotFoundError:
            return []
        return [f["name"].rsplit("/", 1)[1] for f in listing if f.get("type") == "file"]

    def parts(self, kind: str) -> list[str]:
        """The part names of documents/ or facts/, in input order."""
        return sorted(n for n in self._files(kind) if n.startswith("part-") and n.endswith(".parquet"))

    def done(self) -> set[str]:
        """The ids of the finished chunks."""
        return {self.chunk_of(p) for p in self.parts("facts")}

    def clear(self, keep=None) -> None:
        """Remove temporary files and the parts of every chunk not in `keep` (all when None)."""
        for kind in ("documents", "facts"):
            for n in self._files(kind):
                stale = n.startswith(".part-") or (n.startswith("part-") and (keep is None or self.chunk_of(n) not in keep))
                if stale:
                    self.fs.rm(self._path(kind, n))

    def write(self, first: int, chunk_id: str, docs, types) -> None:
        name = self.part_name(first, chunk_id)
        documents, facts = tables(docs, types)
        for kind, table in (("documents", documents), ("facts", facts)):  # the facts part last: it marks the chunk done
            self.fs.makedirs(self._path(kind), exist_ok=True)
            tmp = self._path(kind, f".{name}.{uuid.uuid4().hex}.tmp")
            with self.fs.open(tmp, "wb") as fh:
                pq.write_table(table, fh)
            if self.local:
                os.replace(tmp, self._path(kind, name))  # atomic; fails on a folder of that name
            else:
                self.fs.mv(tmp, self._path(kind, name))

    def read(self, kind: str, part: str) -> pa.Table:
        with self.fs.open(self._path(kind, part), "rb") as fh:
            return pq.read_table(fh)

    def chunks(self):
        """Each finished chunk's documents, in input order, as worker.DocResults."""
        from ..worker import DocResult

        for part in self.parts("facts"):
            facts = self.read("facts", part).select(["position", "data"]).to_pydict()
            by_position: dict[int, list] = {}
            for position, line in zip(facts["position"], facts["data"]):
                by_position.setdefault(position, []).append(line)
            for d in self.read("documents", part).to_pylist():
                lines = by_position.get(d["position"], [])
                yield DocResult(d["doc"], d["sha256"], d["published"], d["chars"] or 0,
                                [json.loads(line) for line in lines], lines, d["error"], count=len(lines))
