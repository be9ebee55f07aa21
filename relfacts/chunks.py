"""Chunks: the unit of work of a Parquet result, on a cluster or here.

The driver cuts the inputs into chunks as it lists them (`plan`), one
folder or dataset footer at a time, so it never holds the whole list.  A
chunk's id is a hash of what it reads (names and their size/time or ETag
tags, or a dataset piece) and of the settings that change its facts: a rerun
over unchanged inputs gives the same ids, and `--resume` skips the chunks
whose facts part is already written.  `run_chunk` runs on a worker: it reads
and extracts every document by the same code as a local run
(worker.process), writes the chunk's parts, and returns a small report."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from . import archives, worker
from .datasets import DATASET_GLOBS, Columns, pieces, rows
from .inputs import InputError, walk
from .summary import Summary


@dataclass(frozen=True)
class Settings:
    """What every chunk of a run shares (it travels with each task)."""
    output: str
    rule_paths: tuple = ()
    published: object = None
    types: tuple | None = None
    input_format: str = "text"  # text (files), parquet or jsonl
    columns: Columns = Columns()

    def fingerprint(self) -> str:
        return repr((self.rule_paths, str(self.published), self.types, self.input_format, self.columns))


@dataclass(frozen=True)
class Chunk:
    id: str
    first: int  # the position of its first document in the run
    items: tuple  # files: (name, tag) each; a dataset: one (name, tag, part)
    size: int | None  # documents, when known before reading


@dataclass
class ChunkReport:
    chunk: Chunk
    documents: int = 0
    facts: int = 0
    errors: list = field(default_factory=list)  # "doc: message"
    warnings: list = field(default_factory=list)
    summary: Summary | None = None  # the chunk's per-pair summary (merged by the driver)


def plan(names, globs, settings: Settings, size: int = 100):
    """The chunks of a run, in input order."""
    position = 0
    for items, n in _groups(names, globs, settings, size):
        digest = hashlib.sha256(repr((items, settings.fingerprint())).encode()).hexdigest()[:24]
        yield Chunk(digest, position, items, n)
        position += n if n is not None else 1 << 20  # a JSON Lines piece: room for a million rows


def _groups(names, globs, settings: Settings, size: int):
    if settings.input_format == "text":
        batch = []
        for name, tag in walk(names, globs):
            if name == "-":
                raise InputError("-", "standard input cannot be cut into chunks; name files or folders")
            batch.append((name, tag))
            if len(batch) == size:
                yield tuple(batch), size
                batch = []
        if batch:
            yield tuple(batch), len(batch)
        return
    for name, tag in walk(names, DATASET_GLOBS[settings.input_format]):
        try:
            for part, n in pieces(name, settings.input_format, size):
                yield ((name, tag, part),), n
        except InputError as e:  # one bad dataset file: a chunk that records its error
            yield ((name, tag, ("error", e.message)),), 1


def documents(chunk: Chunk, settings: Settings, keep=worker.KEEP_ALL):
    """(position, worker.DocResult) of every document of a chunk, in order,
    carrying `keep` (worker.configure)."""
    worker.configure_once(settings.rule_paths, settings.published, settings.types)
    if settings.input_format == "text":
        for i, (name, data) in enumerate(archives.with_data(name for name, _ in chunk.items)):
            yield chunk.first + i, worker.process(name, data, keep=keep)
        return
    ((name, _, part),) = chunk.items
    if part[0] == "error":
        yield chunk.first, worker.DocResult(name, error=f"{name}: {part[1]}")
        return
    try:
        for i, (doc, data, date) in enumerate(rows(name, settings.input_format, part, settings.columns)):
            if isinstance(data, InputError):
                yield chunk.first + i, worker.DocResult(doc, error=str(data))
            else:
                yield chunk.first + i, worker.process(doc, data, date, keep)
    except InputError as e:
        yield chunk.first, worker.DocResult(name, error=str(e))


def run_chunk(chunk: Chunk, settings: Settings) -> ChunkReport:
    from .output.parquet import PartStore

    docs = list(documents(chunk, settings))
    PartStore(settings.output).write(chunk.first, chunk.id, docs, worker.rule_types())
    report = ChunkReport(chunk, documents=len(docs), summary=Summary())
    for _, d in docs:
        report.facts += d.count
        report.warnings.extend(d.warnings)
        if d.error:
            report.errors.append(d.error)
        else:
            report.summary.add(d.path, d.facts)
    return report
