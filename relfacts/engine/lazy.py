"""A `regex` pattern compiled when `regex` first runs it.

The fast engine (engine/accel.py) reads only a pattern's text and flags, so a
pattern PCRE2 runs is never compiled by `regex`; and a module's patterns cost
nothing to import (compiling them all took a third of the start of the
command), only the ones a run uses.  Once compiled, the pattern's methods are
held by the object itself: a call costs what it costs on the compiled pattern.

The rule cache (engine/cache.py) also keeps the compiled programs of the
modules' own patterns (`module_patterns`): read back (`remember`), a pattern
of the same text and flags takes its program instead of compiling (reading
one back costs a hundredth of compiling it).  A rule set built anew takes the
programs of the one cached before it the same way (`program`): after a rule
file changes, only the patterns that changed are compiled."""
from __future__ import annotations

import hashlib
import pickle
import re
import sys

import regex

# what a compiled pattern offers, held once compiled
_HELD = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer", "scanner",
         "groups", "groupindex", "named_lists")


class LazyPattern:
    """Like regex.compile(pattern, flags), compiled on first use; `groupindex`,
    when given (the rule cache keeps it), is read without compiling.

    The rule cache also gives `key` (text_key of the text and flags), and for a
    large pattern PCRE2 runs, in place of its text an object whose read()
    returns it: the text is read only if something asks for it (`regex`
    compiling the pattern), not at every start.  PCRE2 finds the pattern's
    translation by its key alone (engine/accel.py)."""

    def __init__(self, pattern, flags: int = 0, groupindex: dict | None = None, key: bytes | None = None):
        if isinstance(pattern, str):
            self.pattern = pattern
        else:  # the text, read when first asked for
            self._text = pattern
        self.flags = flags
        if groupindex is not None:
            self.groupindex = groupindex
        if key is not None:
            self.key = key

    def __getattr__(self, name):  # only what the object does not hold yet
        if name.startswith("__") or name == "_text":
            raise AttributeError(name)
        held = self.__dict__
        if name == "pattern":
            text = held["pattern"] = held.pop("_text").read()
            return text
        if name == "key":
            key = held["key"] = text_key(self.pattern, self.flags)
            return key
        compiled = program(self.pattern, self.flags)
        done = {n: getattr(compiled, n) for n in _HELD}
        done.update(held)  # a groupindex given stays the same object
        held.update(done)
        return getattr(compiled, name)

    @property
    def compiled_yet(self) -> bool:
        """Whether `regex` has compiled it yet."""
        return "search" in self.__dict__

    def __reduce__(self):
        return LazyPattern, (self.pattern, self.flags, self.__dict__.get("groupindex"), self.__dict__.get("key"))

    def __repr__(self):
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


def text_key(text: str, flags: int) -> bytes:
    """A pattern's key: a digest of its text and flags (the key of its PCRE2
    translation: engine/accel.py)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass") + b"\0%d" % flags, digest_size=16).digest()


# (pattern, flags) -> its compiled `regex` pattern, read from the rule cache: the flags
# given to compile it, or those it holds compiled (regex's defaults and inline flags added).
# The cache keeps each program pickled apart (bytes): one is unpickled when a pattern
# is first run on `regex`, and the others a run never uses cost nothing to read
_programs: dict[tuple[str, int], object] = {}


def compiled_flags(flags: int) -> int:
    """The flags of a str pattern with no inline flags compiled with `flags`
    (regex adds its version and, unless ASCII is asked for, UNICODE)."""
    return flags | (0 if flags & regex.V1 else regex.V0) | (0 if flags & regex.A else regex.U)


def program(pattern: str, flags: int = 0):
    """regex.compile(pattern, flags), or the same program read from the rule cache."""
    key = next((k for k in _keys(pattern, flags) if k in _programs), None)
    if key is None:
        return regex.compile(pattern, flags)
    found = _programs[key]
    if type(found) is bytes:  # as the rule cache keeps it: unpickled once, when first used
        found = _programs[key] = pickle.loads(found)
    return found


def has_program(pattern: str, flags: int = 0) -> bool:
    """Whether `program` would find the pattern compiled (read from the rule cache)."""
    return any(k in _programs for k in _keys(pattern, flags))


def _keys(pattern: str, flags: int):
    """The keys a program of the pattern may be kept under: the flags asked for, or those it
    holds compiled, regex's defaults added and, last, the flags the pattern sets itself ("(?r)")."""
    yield pattern, flags
    yield pattern, compiled_flags(flags)
    own = _inline_flags(pattern)
    if own:
        yield pattern, compiled_flags(flags | own)


# a global inline flag group: "(?r)" (a reverse search), "(?m)"; not a scoped one, "(?-i:…)" (read with
# the standard library's re: a pattern of `regex` would be compiled through program() itself)
_INLINE_FLAGS = re.compile(r"\(\?((?:[aLmsxuibefprw]|V[01])+)\)")
_FLAG_OF = {"a": regex.A, "L": regex.L, "m": regex.M, "s": regex.S, "x": regex.X, "u": regex.U, "i": regex.I,
            "b": regex.B, "e": regex.E, "f": regex.F, "p": regex.P, "r": regex.R, "w": regex.W,
            "V0": regex.V0, "V1": regex.V1}


def _inline_flags(pattern: str) -> int:
    """The flags the pattern's global inline groups set (0 when it has none)."""
    own = 0
    for m in _INLINE_FLAGS.finditer(pattern):
        letters = m.group(1)
        for version in ("V0", "V1"):
            if version in letters:
                own |= _FLAG_OF[version]
                letters = letters.replace(version, "")
        for letter in letters:
            own |= _FLAG_OF[letter]
    return own


def remember(programs: dict) -> None:
    """Compiled patterns read from the rule cache, by (pattern, flags): each a
    compiled pattern, or one pickled (bytes), unpickled when first used."""
    _programs.update(programs)


def module_patterns() -> list[LazyPattern]:
    """The patterns the loaded modules of relfacts define (at module level)."""
    return [value for name, module in list(sys.modules.items()) if name.partition(".")[0] == "relfacts"
            for value in list(vars(module).values()) if type(value) is LazyPattern]
