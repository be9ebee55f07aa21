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
    # files: each item's bytes when the plan read them (a tar's member: see
    # archives.py), else None (the worker reads it); not part of the id
    data: tuple = field(default=(), compare=False, repr=False)


@dataclass
class ChunkReport:
    chunk: Chunk
    documents: int = 0
    facts: int = 0
    errors: list = field(default_factory=list)  # "doc: message"
    warnings: list = field(default_factory=list)
    summary: Summary | None = None  # the chunk's per-pair summary (merged by the driver)


def plan(names, globs, settings: Settings, size: int = 100, read_tars: bool = True):
    """The chunks of a run, in input order.  `read_tars`: a chunk of a tar's
    members carries their bytes, read here in one pass over the archive (a worker
    would read a compressed tar from its start for every chunk); without it (a
    pass that only counts), nothing is read."""
    position = 0
    for items, n, data in _groups(names, globs, settings, size, read_tars):
        digest = hashlib.sha256(repr((items, settings.fingerprint())).encode()).hexdigest()[:24]
        yield Chunk(digest, position, items, n, data)
        position += n if n is not None else 1 << 20  # a JSON Lines piece: room for a million rows


def _groups(names, globs, settings: Settings, size: int, read_tars: bool):
    if settings.input_format == "text":
        walked = walk(names, globs)
        read = archives.with_data(walked, _name, tars_only=True) if read_tars else ((w, None) for w in walked)
        batch, data = [], []
        for (name, tag), found in read:
            if name == "-":
                raise InputError("-", "standard input cannot be cut into chunks; name files or folders")
            batch.append((name, tag))
            data.append(found)
            if len(batch) == size:
                yield tuple(batch), size, _carried(data)
                batch, data = [], []
        if batch:
            yield tuple(batch), len(batch), _carried(data)
        return
    for name, tag in walk(names, DATASET_GLOBS[settings.input_format]):
        try:
            for part, n in pieces(name, settings.input_format, size):
                yield ((name, tag, part),), n, ()
        except InputError as e:  # one bad dataset file: a chunk that records its error
            yield ((name, tag, ("error", e.message)),), 1, ()


def _name(item) -> str:
    return item[0]


def _carried(data: list) -> tuple:
    """A chunk's `data`: () when the plan read none of its items."""
    return tuple(data) if any(d is not None for d in data) else ()


def documents(chunk: Chunk, settings: Settings, keep=worker.KEEP_ALL):
    """(position, worker.DocResult) of every document of a chunk, in order,
    carrying `keep` (worker.configure)."""
    worker.configure_once(settings.rule_paths, settings.published, settings.types)
    if settings.input_format == "text":
        carried = chunk.data or (None,) * len(chunk.items)
        unread = archives.with_data(name for (name, _), data in zip(chunk.items, carried) if data is None)
        for i, ((name, _), data) in enumerate(zip(chunk.items, carried)):
            if data is None:
                _, data = next(unread)
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
