"""A cache of built rule sets, so a run does not recompile the rules.

Compiling the rules' regular expressions takes about a second; unpickling a
built RuleSet takes about 25 ms.  The rule set holds every piece a run uses
(RuleSet.pieces_run), so that a run compiles none of its patterns.  The file
also keeps the PCRE2 translations of the patterns (engine/accel.py), which
take tens of milliseconds to make, found by the key each pattern carries
(lazy.text_key: a run hashes no text).  In the rule set each pattern is its
text (LazyPattern), compiled by `regex` only if `regex` runs it; the text of a
large pattern PCRE2 runs on the document (most of the file's bytes) is written
after the file's pickles and read only if asked for: PCRE2 needs only the
translation, and `regex` runs such a pattern only on a very long sentence.
The compiled programs of the patterns `regex` runs (the pieces and cues it
reads, a field's map, a user's rules, the modules' own patterns:
engine/lazy.py) are kept after the translations, each pickled apart: a run
unpickles only those it uses (reading them all back was a quarter of reading
the rule set; compiling them, a fifth of a short run).  Reading the rule set
this way takes about half as long as reading it whole (25 ms, not 50 ms, in a
new process).

The cache key covers every input of the build: the bytes of every rule and
data file, the bytes of the package's code, the relfacts, regex and Python
versions.  A changed rule file or module is a new key, so a cached rule set is
always the one the files and the code give.  A file starts with the key of the
code alone (`code_key`): a rule set built anew (after a rule file changed)
takes the translations and programs of the newest one cached by the same code
(`seed`), so only the changed patterns are translated and compiled.  A folder
keeps the KEEP rule sets last built or read.  The files of the package
(its modules, data and default rules) are named in the key by their place in
the package, so a key made at install time holds wherever it is installed.

Where: $RELFACTS_CACHE (a folder, or "off"), else $XDG_CACHE_HOME/relfacts,
else ~/.cache/relfacts.  The default rules' cache is also shipped in the
package (relfacts/prebuilt, written by the build step in setup.py), so the
first run after `pip install .` finds it; rules of your own get theirs in the
folder above on their first run.  Failing to read or write it is never an error."""
from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import os
import pickle
import sys
import tempfile
import threading
import time
from pathlib import Path

import regex

from . import accel, lazy
from .lazy import LazyPattern

FORMAT = 8


def cache_dir() -> Path | None:
    setting = os.environ.get("RELFACTS_CACHE")
    if setting:
        return None if setting.lower() in ("off", "0", "no") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "relfacts"


_PACKAGE = Path(__file__).resolve().parents[1]  # the code that builds (and pickles) a rule set
SHIPPED = _PACKAGE / "prebuilt"  # the default rules' cache, made at install time


def _add_code(h) -> None:
    """The package's modules (the engine, the number vocabulary, the country
    index, the classes a rule set pickles), by their bytes: changed code means
    a new key."""
    for f in sorted(_PACKAGE.rglob("*.py")):
        h.update(f"{f.relative_to(_PACKAGE).as_posix()}\0".encode() + f.read_bytes() + b"\0")


def code_key() -> str:
    """What the code that builds a rule set gives: the cache's format, the
    relfacts, regex and Python versions and the package's modules."""
    from .. import __version__

    h = hashlib.sha256(f"{FORMAT}|{__version__}|{regex.__version__}|{sys.version}".encode())
    _add_code(h)
    return h.hexdigest()


def key_for(files: list[Path], homes: dict[str, Path] | None = None) -> str | None:
    """The key of a rule set built from `files`; a file inside one of `homes`
    (a label -> a folder) is named by the label and its place there, any other
    by its path."""
    h = hashlib.sha256(code_key().encode())
    for f in files:
        f = Path(f)
        name = str(f)
        for label, home in (homes or {}).items():
            if f.is_relative_to(home):
                name = f"{label}:{f.relative_to(home).as_posix()}"
                break
        try:
            data = f.read_bytes()
        except OSError:
            return None  # the build reports it
        h.update(name.encode() + b"\0" + data + b"\0")
    return h.hexdigest()[:32]


def load(key: str | None):
    """The rule set cached under `key` (the user's cache first, then the
    shipped one), or None."""
    folder = cache_dir()
    if not key or folder is None:
        return None
    for where in (folder, SHIPPED):
        try:
            with open(where / f"rules-{key}.pickle", "rb") as fh, _no_collection():
                texts = _Texts()
                _code, ruleset, translations, programs = (pickle.load(fh), _Reader(fh, texts).load(),
                                                          pickle.load(fh), pickle.load(fh))
                texts.open(fh)  # the large patterns' texts, read when asked for
        except Exception:  # missing, truncated or from another version: rebuild
            continue
        accel.remember(translations)
        lazy.remember(programs)
        if where != SHIPPED:
            with contextlib.suppress(OSError):  # the newest used are the ones a folder keeps (_prune)
                os.utime(where / f"rules-{key}.pickle")
        return ruleset
    return None


def seed() -> None:
    """Before a rule set is built anew (a rule file changed): the PCRE2
    translations and compiled `regex` programs of the newest rule set cached by
    the same code (the user's cache, else the shipped one) are taken up, so the
    build translates and compiles only the patterns that changed."""
    folder = cache_dir()
    if folder is None:
        return
    code = code_key()
    found = []
    for where in (folder, SHIPPED):
        with contextlib.suppress(OSError):
            found += sorted(where.glob("rules-*.pickle"), key=_modified, reverse=True)
    for path in found:
        try:
            with open(path, "rb") as fh, _no_collection():
                if _Header(fh).load() != code:  # (a file of another format opens with no key: skipped unread)
                    continue
                _Reader(fh, _Texts()).load()  # the rule set: its programs are kept apart, after the translations
                translations, programs = pickle.load(fh), pickle.load(fh)
        except Exception:
            continue
        accel.remember(translations)
        lazy.remember(programs)
        return


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


class _Header(pickle.Unpickler):
    """Reads a file's first object only if it is plain data (the code's key);
    anything else (an older format's rule set) is refused, not built."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"{module}.{name}: not a key")


@contextlib.contextmanager
def _no_collection():
    """The garbage collector paused: reading a rule set makes hundreds of
    thousands of objects, none of them garbage (the collector's passes over
    them took a tenth of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


LAZY_FROM = 2000  # characters: a pattern this long is kept as its text


class _CachePickler(pickle.Pickler):
    """Pickles a rule set: notes every `regex` pattern in it (compiled or
    LazyPattern), and keeps each as a LazyPattern, its text and its key
    (lazy.text_key): the programs of those `regex` runs are written apart
    (`_programs`), each unpickled only when a run first uses it; the text of
    each of the `lazy` ones (ids: large, run by PCRE2) is written after the
    file's pickles (`texts`), and read only if a run asks for it."""

    def __init__(self, fh, lazy: set):
        super().__init__(fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.patterns = []
        self.lazy = lazy
        self.texts = bytearray()

    def reducer_override(self, obj):
        kind = type(obj)
        if kind is not _PATTERN and kind is not LazyPattern:
            return NotImplemented
        self.patterns.append(obj)
        text, flags = obj.pattern, obj.flags
        groupindex = dict(obj.groupindex) if kind is _PATTERN or id(obj) in self.lazy else obj.__dict__.get("groupindex")
        if id(obj) in self.lazy:
            data = text.encode("utf-8", "surrogatepass")
            at = _TextAt(len(self.texts), len(data))
            self.texts += data
            return LazyPattern, (at, flags, groupindex, lazy.text_key(text, flags))
        return LazyPattern, (text, flags, groupindex, lazy.text_key(text, flags))

    def persistent_id(self, obj):
        return ("text", obj.start, obj.size) if type(obj) is _TextAt else None


class _TextAt:
    """Where a pattern's text is among the texts after the file's pickles (bytes)."""

    __slots__ = ("start", "size")

    def __init__(self, start: int, size: int):
        self.start, self.size = start, size


_SEEK = threading.Lock()


class _Texts:
    """The texts written after a cache file's pickles, read one at a time when
    asked for.  The file stays open (a descriptor) as long as a pattern may ask:
    a file written anew in its place meanwhile may place them otherwise."""

    def __init__(self):
        self.fd, self.base = None, 0

    def open(self, fh) -> None:
        """The texts begin where `fh` is (after the last pickle read)."""
        self.base = fh.tell()
        self.fd = os.dup(fh.fileno())

    def read(self, start: int, size: int) -> str:
        if hasattr(os, "pread"):
            data = os.pread(self.fd, size, self.base + start)
        else:  # (Windows has no pread: a seek and a read, one thread at a time)
            with _SEEK:
                os.lseek(self.fd, self.base + start, os.SEEK_SET)
                data = os.read(self.fd, size)
        if len(data) != size:
            raise OSError(f"the rule cache's pattern texts are cut short ({len(data)} of {size} bytes)")
        return data.decode("utf-8", "surrogatepass")

    def __del__(self):
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)


class _Text:
    """A pattern's text in a cache file, read when first asked for (LazyPattern)."""

    __slots__ = ("texts", "start", "size")

    def __init__(self, texts: _Texts, start: int, size: int):
        self.texts, self.start, self.size = texts, start, size

    def read(self) -> str:
        return self.texts.read(self.start, self.size)


class _Reader(pickle.Unpickler):
    """Reads a pickled rule set, its large patterns' texts left in the file (`texts`)."""

    def __init__(self, fh, texts: _Texts):
        super().__init__(fh)
        self.texts = texts

    def persistent_load(self, pid):
        kind, start, size = pid
        if kind != "text":
            raise pickle.UnpicklingError(f"unknown reference {kind!r}")
        return _Text(self.texts, start, size)


def _programs(patterns: list, as_text: set, on_pcre2: set) -> dict:
    """(pattern, flags) -> the pickled program (bytes) of each pattern `regex`
    runs: those compiled already, and those not run on the document by PCRE2
    (`on_pcre2`: ids), which are compiled now (a field's map, a context's cue),
    so that no run compiles them.  A large pattern PCRE2 runs (`lazy`: ids) is
    kept as its text alone."""
    out = {}
    for p in patterns:
        if id(p) in as_text or (p.pattern, p.flags) in out:
            continue
        if type(p) is _PATTERN or p.compiled_yet or id(p) not in on_pcre2:
            out[(p.pattern, p.flags)] = pickle.dumps(lazy_program(p), protocol=pickle.HIGHEST_PROTOCOL)
    return out


def lazy_program(p):
    """The compiled program of a pattern (compiled or LazyPattern)."""
    return p if type(p) is _PATTERN else lazy.program(p.pattern, p.flags)


def _lazy_patterns(ruleset) -> set:
    """Ids of the rule set's large patterns that run on PCRE2 (RuleSet.document_patterns),
    but a user's rule's or type's: those run on `regex`, with a time limit (engine/matcher.py)."""
    users = {id(getattr(r, n)) for r in ruleset.rules if r.user for n in ("compiled", "trigger", "inside", "not_inside")}
    users |= {id(getattr(t, n)) for t in ruleset.types.values() if t.user for n in ("trigger_re", "skip_re")}
    return {id(p) for p in ruleset.document_patterns() if len(p.pattern) >= LAZY_FROM and id(p) not in users
            and accel.translation(p) is not None}


_PATTERN = type(regex.compile(""))

KEEP = 8  # rule sets a cache folder keeps: the newest (each rule file edited makes one)


def _prune(folder: Path) -> None:
    """The folder's rule sets removed but the KEEP last built or read, and any
    half-written file (of a process that died while writing) older than an hour."""
    found = sorted(folder.glob("rules-*.pickle"), key=_modified, reverse=True)
    stale = [f for f in folder.glob(".rules-*") if _modified(f) < time.time() - 3600]
    for old in found[KEEP:] + stale:
        with contextlib.suppress(OSError):
            old.unlink()


def store(key: str | None, ruleset, folder: Path | None = None) -> None:
    """Cache `ruleset` under `key` in `folder` (by default the user's cache)."""
    folder = folder or cache_dir()
    if not key or folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = io.BytesIO()
        accel.settle(ruleset.document_patterns())
        pickle.dump(code_key(), data, protocol=pickle.HIGHEST_PROTOCOL)
        pickler = _CachePickler(data, _lazy_patterns(ruleset))
        pickler.dump(ruleset)
        pickler.clear_memo()  # the three are read back one after the other
        from .. import api  # noqa: F401  (the modules an extraction loads: their own patterns are kept too)

        own = lazy.module_patterns()
        pickle.dump({key: pickle.dumps(t, protocol=pickle.HIGHEST_PROTOCOL)  # each unpickled when first used
                     for key, t in accel.translations(pickler.patterns + own).items()}, data,
                    protocol=pickle.HIGHEST_PROTOCOL)
        on_pcre2 = {id(p) for p in ruleset.document_patterns()}
        pickle.dump(_programs(pickler.patterns + own, pickler.lazy, on_pcre2), data,
                    protocol=pickle.HIGHEST_PROTOCOL)
        data.write(pickler.texts)  # last: the large patterns' texts (_Texts)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".rules-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.getvalue())
        os.replace(tmp, folder / f"rules-{key}.pickle")  # atomic: parallel workers never see half a file
        if folder != SHIPPED:
            _prune(folder)
    except Exception:
        try:
            os.unlink(tmp)
        except Exception:
            pass
