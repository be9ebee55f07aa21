"""A `regex` pattern compiled when `regex` first runs it.

The fast engine (engine/accel.py) reads only a pattern's text and flags, so a
pattern PCRE2 runs is never compiled by `regex`; and a module's patterns cost
nothing to import (compiling them all took a third of the start of the
command), only the ones a run uses.  Once compiled, the pattern's methods are
held by the object itself: a call costs what it costs on the compiled pattern."""
from __future__ import annotations

import regex

# what a compiled pattern offers, held once compiled
_HELD = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer", "scanner",
         "groups", "groupindex", "named_lists")


class LazyPattern:
    """Like regex.compile(pattern, flags), compiled on first use; `groupindex`,
    when given (the rule cache keeps it), is read without compiling."""

    def __init__(self, pattern: str, flags: int = 0, groupindex: dict | None = None):
        self.pattern, self.flags = pattern, flags
        if groupindex is not None:
            self.groupindex = groupindex

    def __getattr__(self, name):  # only what the object does not hold yet
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = regex.compile(self.pattern, self.flags)
        held = {n: getattr(compiled, n) for n in _HELD}
        held.update(self.__dict__)  # a groupindex given stays the same object
        self.__dict__.update(held)
        return getattr(compiled, name)

    @property
    def compiled(self) -> bool:
        """Whether `regex` has compiled it yet."""
        return "search" in self.__dict__

    def __reduce__(self):
        return LazyPattern, (self.pattern, self.flags, self.__dict__.get("groupindex"))

    def __repr__(self):
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
