"""The one cache policy of relfacts.

A cache keeps results by key and is emptied whole when it reaches its bound:
the names, texts and dates that recur within an article and across a batch are
computed once, a batch of millions of articles cannot grow memory without
limit, and a hit stays one dict look-up (no bookkeeping of which entry is
oldest).  The bound is the one thing a cache chooses: how many of its entries
are worth keeping (thousands of short texts, a few date parsers).

Where a cache lives: results that depend on a rule set's data are kept by the
object holding that data (a rule set's country index, its currency table);
a pure function of its arguments carries its own (`memoized`).  A cache is
never written into the rule cache: a pickled Memo comes back empty."""
from __future__ import annotations

import functools

TEXTS = 16384  # the bound of a cache keyed by texts (names, phrases, figures)
PATTERNS = 4096  # the bound of a cache keyed by patterns (a rule set runs a few hundred)


class Memo:
    """Results by key, emptied when `bound` of them are kept."""

    __slots__ = ("store", "bound")

    def __init__(self, bound: int = TEXTS):
        self.store: dict = {}
        self.bound = bound

    def get(self, key, default=None):
        return self.store.get(key, default)

    def put(self, key, value):
        """Keeps and returns `value`."""
        store = self.store
        if len(store) >= self.bound:
            store.clear()
        store[key] = value
        return value

    def clear(self):
        self.store.clear()

    def __len__(self):
        return len(self.store)

    def __reduce__(self):  # pickled (with a rule set) empty
        return Memo, (self.bound,)


_MISSING = object()


def memoized(bound: int = TEXTS):
    """A decorator: the function's results by its (hashable) arguments, in a Memo."""
    def wrap(function):
        memo = Memo(bound)

        @functools.wraps(function)
        def cached(*key):
            hit = memo.store.get(key, _MISSING)
            if hit is _MISSING:
                hit = memo.put(key, function(*key))
            return hit

        cached.memo = memo
        return cached
    return wrap


def memo_of(owner, name: str, bound: int = TEXTS) -> Memo:
    """The Memo an object keeps under `name` (made on first use)."""
    found = owner.__dict__.get(name)
    if found is None:
        found = owner.__dict__[name] = Memo(bound)
    return found
