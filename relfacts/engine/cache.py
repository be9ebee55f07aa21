"""A cache of built rule sets, so a run does not recompile the rules.

Compiling the rules' regular expressions takes about a second; unpickling a
built RuleSet takes about 10 ms (a pickled `regex` pattern keeps its compiled
program).  The cache key covers every input of the build: the bytes of every
rule and data file, the package's code (its modules' sizes and times), the
relfacts, regex and Python versions.  A changed rule
file is a new key, so a cached rule set is always the one the files give.

Where: $RELFACTS_CACHE (a folder, or "off"), else $XDG_CACHE_HOME/relfacts,
else ~/.cache/relfacts.  Failing to read or write it is never an error."""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

import regex

FORMAT = 1


def cache_dir() -> Path | None:
    setting = os.environ.get("RELFACTS_CACHE")
    if setting:
        return None if setting.lower() in ("off", "0", "no") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "relfacts"


_PACKAGE = Path(__file__).resolve().parents[1]  # the code that builds (and pickles) a rule set


def _code_stamp() -> str:
    """Sizes and modification times of the package's modules (the engine, the
    number vocabulary, the country index, the classes a rule set pickles): code
    changed since a rule set was cached means a new key."""
    parts = []
    for f in sorted(_PACKAGE.rglob("*.py")):
        st = f.stat()
        parts.append(f"{f.relative_to(_PACKAGE)}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def key_for(files: list[Path]) -> str | None:
    from .. import __version__

    h = hashlib.sha256(f"{FORMAT}|{__version__}|{regex.__version__}|{sys.version}".encode())
    h.update(_code_stamp().encode())
    for f in files:
        try:
            data = Path(f).read_bytes()
        except OSError:
            return None  # the build reports it
        h.update(str(f).encode() + b"\0" + data + b"\0")
    return h.hexdigest()[:32]


def load(key: str | None):
    folder = cache_dir()
    if not key or folder is None:
        return None
    try:
        with open(folder / f"rules-{key}.pickle", "rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, truncated or from another version: rebuild
        return None


def store(key: str | None, ruleset) -> None:
    folder = cache_dir()
    if not key or folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".rules-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(ruleset, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"rules-{key}.pickle")  # atomic: parallel workers never see half a file
    except Exception:
        try:
            os.unlink(tmp)
        except Exception:
            pass
