"""One document's job in a batch: read, hash, extract.  Runs in the main
process or in a worker process; returns plain data that pickles cheaply."""
from __future__ import annotations

import hashlib
import json
import os
import signal
from dataclasses import dataclass, field

from .inputs import InputError, data_name, load, read_bytes

# set by configure() in each process (inherited on fork, set again on spawn)
_JOB: dict = {}


@dataclass
class DocResult:
    path: str
    sha256: str | None = None
    published: str | None = None
    chars: int = 0
    facts: list = field(default_factory=list)  # fact dicts (the schema's JSON objects)
    lines: list = field(default_factory=list)  # the same, encoded as JSON (here, not in the writing process)
    error: str | None = None  # "path: message"
    skipped: bool = False  # already in the database, unchanged (--resume)
    warnings: list = field(default_factory=list)

    @property
    def key(self) -> str:
        """What identifies the document in a database: its resolved path (so
        that devset/x.txt and /abs/devset/x.txt are one document)."""
        return self.path if self.path == "-" else os.path.realpath(self.path)


def configure(rule_paths, published, types, known_hashes=frozenset()):
    from .api import ruleset

    _JOB.update(rules=ruleset(list(rule_paths) or None), published=published, types=types,
                known=frozenset(known_hashes), settings=_settings(rule_paths, published, types))


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


def start_worker(rule_paths, published, types, known_hashes=frozenset()):
    """A worker process's start: Ctrl-C is the main process's to handle (it
    stops the pool), so a worker ignores it rather than print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    configure(rule_paths, published, types, known_hashes)


def process(path: str, data: bytes | None = None, published=None) -> DocResult:
    """One document; `published` (a dataset row's date) comes before the job's.
    The result names it by `data_name(path)`, which every output can hold."""
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
        facts = [f.to_dict() for f in result.facts]
        lines = [json.dumps(f, ensure_ascii=False, allow_nan=False) for f in facts]
    except Exception as e:  # a bug must cost this document only, never the batch
        return DocResult(name, sha, error=f"{name}: failed ({type(e).__name__}: {e})")
    warnings = article.warnings + [str(t) for t in result.timeouts]
    if doc.header_problem:
        warnings.insert(0, f"{name}: {doc.header_problem}")
    return DocResult(name, sha, doc.published.isoformat() if doc.published else None, len(text), facts, lines,                     warnings=warnings)
