"""One document's job in a batch: read, hash, extract.  Runs in the main
process or in a worker process; returns plain data that pickles cheaply."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from .inputs import InputError, data_name, decode, read_bytes

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


def configure(rule_paths, published, types, known_hashes=frozenset()):
    from .api import ruleset

    _JOB.update(rules=ruleset(list(rule_paths) or None), published=published, types=types,
                known=frozenset(known_hashes))


def process(path: str, data: bytes | None = None) -> DocResult:
    """The document at `path` (or `data`, already read); the result names it by
    `data_name(path)`, which every output can hold."""
    from .api import extract_document

    name = data_name(path)
    try:
        if data is None:
            data = read_bytes(path)
        sha = hashlib.sha256(data).hexdigest()
        if (name, sha) in _JOB["known"]:
            return DocResult(name, sha, skipped=True)
        text = decode(path, data)
    except InputError as e:
        return DocResult(name, error=f"{name}: {e.message}")
    try:
        result = extract_document(text, _JOB["published"], _JOB["rules"], name=name, types=_JOB["types"])
        doc = result.document
        facts = [f.to_dict() for f in result.facts]
        lines = [json.dumps(f, ensure_ascii=False, allow_nan=False) for f in facts]
    except Exception as e:  # a bug must cost this document only, never the batch
        return DocResult(name, sha, error=f"{name}: failed ({type(e).__name__}: {e})")
    warnings = [str(t) for t in result.timeouts]
    if doc.header_problem:
        warnings.insert(0, f"{name}: {doc.header_problem}")
    return DocResult(name, sha, doc.published.isoformat() if doc.published else None, len(text), facts, lines,
                     warnings=warnings)
