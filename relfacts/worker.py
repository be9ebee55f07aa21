"""One document's job in a batch: read, hash, extract, and make what the
writer reads of it (JSON lines, SQLite rows, fact dicts).  Runs in the main
process or in a worker process; returns plain data that pickles cheaply, and
only what the writing process reads, so that with several workers the
writing process does as little per document as it can."""
from __future__ import annotations

import hashlib
import os
import signal
from dataclasses import dataclass, field

from .inputs import InputError, data_name, load, read_bytes

# set by configure() in each process (inherited on fork, set again on spawn)
_JOB: dict = {}
# what a DocResult may carry of its facts: the fact dicts, their JSON lines,
# SQLite rows (output/sqlite.fact_rows), the facts the per-pair summary reads
KEEP_ALL = frozenset({"facts", "lines"})


@dataclass
class DocResult:
    path: str
    sha256: str | None = None
    published: str | None = None
    chars: int = 0
    facts: list = field(default_factory=list)  # fact dicts (the schema's JSON objects), when kept
    lines: list = field(default_factory=list)  # the same, encoded as JSON (here, not in the writing process)
    error: str | None = None  # "path: message"
    skipped: bool = False  # already in the database, unchanged (--resume)
    warnings: list = field(default_factory=list)
    count: int = 0  # the facts found (whichever of facts, lines, rows are kept)
    rows: list = field(default_factory=list)  # output/sqlite.fact_rows, when kept
    paired: list = field(default_factory=list)  # about_pairs(facts), when kept
    resolved: str = ""  # the key, when it was resolved where the document was read

    @property
    def key(self) -> str:
        """What identifies the document in a database: its resolved path (so
        that devset/x.txt and /abs/devset/x.txt are one document)."""
        return self.resolved or (self.path if self.path == "-" else os.path.realpath(self.path))


def about_pairs(facts) -> list:
    """The facts about two countries or more, without what the per-pair
    summary does not read (the long text and sentence, the document, the
    rule, the span): what a summary needs, handed over cheaply."""
    return [{k: v for k, v in f.items() if k not in _NOT_SUMMED} for f in facts if len(f.get("countries") or []) >= 2]


_NOT_SUMMED = frozenset({"text", "sentence", "doc", "rule", "span"})


def configure(rule_paths, published, types, known_hashes=frozenset(), keep=KEEP_ALL):
    """`keep`: what process() puts in each DocResult of its facts ("facts",
    "lines", "rows", "paired") unless told; a writer says what it reads (its `reads`)."""
    from .api import ruleset

    _JOB.update(rules=ruleset(list(rule_paths) or None), published=published, types=types,
                known=frozenset(known_hashes), keep=frozenset(keep), settings=_settings(rule_paths, published, types))


def configure_once(rule_paths, published, types) -> None:
    """configure() unless this process already holds these settings: a
    cluster's worker loads the rules for its first chunk, not for each."""
    if _JOB.get("settings") != _settings(rule_paths, published, types):
        configure(rule_paths, published, types)


def _settings(rule_paths, published, types) -> tuple:
    return tuple(rule_paths), published, tuple(types or ())


def rule_types() -> dict:
    """The fact types of the rules this process was configured with."""
    return _JOB["rules"].types


def start_worker(rule_paths, published, types, known_hashes=frozenset(), keep=KEEP_ALL):
    """A worker process's start: Ctrl-C is the main process's to handle (it
    stops the pool), so a worker ignores it rather than print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    configure(rule_paths, published, types, known_hashes, keep)


def process_item(item: tuple) -> DocResult:
    """process(name, data) of a (name, bytes or None) pair: what a pool maps over."""
    return process(*item)


def process(path: str, data: bytes | None = None, published=None, keep=None) -> DocResult:
    """One document; `published` (a dataset row's date) comes before the job's,
    `keep` before the job's.  The result names it by `data_name(path)`, which
    every output can hold."""
    from .api import extract_document
    from .normalize.dates import parse_published

    name = data_name(path)
    try:
        if data is None:
            data = read_bytes(path)
        sha = hashlib.sha256(data).hexdigest()
        if sha in _JOB["known"]:  # --resume: this content is in the database already
            return DocResult(name, sha, skipped=True)
        article = load(path, data)
        published = parse_published(published) if isinstance(published, str) else published
    except InputError as e:
        return DocResult(name, error=f"{name}: {e.message}")
    except ValueError as e:
        return DocResult(name, error=f"{name}: publication date: {e}")
    text = article.text
    try:
        result = extract_document(text, published or _JOB["published"], _JOB["rules"], name=name, types=_JOB["types"])
        doc = result.document
        keep = keep or _JOB["keep"]
        facts = [f.to_dict() for f in result.facts]
        lines = []
        if keep & {"lines", "rows"}:  # (json is loaded only then: the table view has no use for it)
            import json

            lines = [json.dumps(f, ensure_ascii=False, allow_nan=False) for f in facts]
        out = DocResult(name, sha, doc.published.isoformat() if doc.published else None, len(text),
                        facts if "facts" in keep else [], lines if "lines" in keep else [], count=len(facts))
        if "rows" in keep:  # an SQLite writer's: its rows, and the key it files the document under
            from .output.sqlite import fact_rows

            out.rows, out.resolved = fact_rows(facts, lines), out.key
        if "paired" in keep:
            out.paired = about_pairs(facts)
    except Exception as e:  # a bug must cost this document only, never the batch
        return DocResult(name, sha, error=f"{name}: failed ({type(e).__name__}: {e})")
    out.warnings = article.warnings + [str(t) for t in result.timeouts]
    if doc.header_problem:
        out.warnings.insert(0, f"{name}: {doc.header_problem}")
    return out
