"""The words a pattern cannot match without: a necessary condition, read off
the pattern's syntax (as RE2's FilteredRE2 and Hyperscan's prefilters do).

`needs(text, pieces)` gives a tuple of clauses, each a set of lower-case
strings: every match of the pattern holds at least one string of each clause.
Then a sentence that lacks every string of some clause has no match, and the
pattern need not run there (engine/prefilter.py).  The reading is sound, never
exact: whatever it cannot read (a class of many characters, a back
reference, an optional part that is not a plain word) reads as "any text",
which asks for nothing.  Lookarounds and anchors assert and consume nothing:
they read as the empty string.

A pattern is read with its pieces as written: each {piece} is read once and its
reading reused (the expanded patterns are a thousand times longer than the
written ones).  The text is parsed by Python's own regular-expression parser;
the `regex` module's syntax it does not know (\\p{…} classes, group names used
twice, conditionals, \\G) is first rewritten into something it knows that
reads the same or looser."""
from __future__ import annotations

import re
from re import _constants as C
from re import _parser

from .pieces import _REF, unfold

SHORTEST = 3  # a string shorter than this says too little to be worth looking for
EXACT_SETS = 16  # at most this many strings are followed through a sequence exactly
WIDEST_CLAUSE = 200  # a clause of more strings than this (a gazetteer) is dropped: it asks for next to nothing
_FIRST_STAND_IN = 0xE000  # private-use characters stand in for pieces while a text is parsed

_LOOSER = (
    (re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]"), lambda m: r"\x00"),  # a Unicode class: some character
    (re.compile(r"\\G"), ""),
    (re.compile(r"\(\?P?<(?![=!])\w+>"), "(?:"),  # a named group: a group (names may repeat in `regex`)
    (re.compile(r"\(\?\((?:\w+)\)"), "(?:"),  # a conditional: either branch
    (re.compile(r"\(\?P=\w+\)"), "(?:.)"),  # a back reference: some text
)

_ANY = ("match", ())  # any text: no clause


def _exact(strings) -> tuple:
    return ("exact", frozenset(strings))


def _as_clauses(reading) -> tuple:
    """A reading as clauses (an exact set is one clause, unless it holds a short string)."""
    if reading[0] == "match":
        return reading[1]
    strings = reading[1]
    if not strings or any(len(s) < SHORTEST for s in strings) or len(strings) > WIDEST_CLAUSE:
        return ()
    return (strings,)


def _sequence(readings) -> tuple:
    """A sequence is exact while all its parts are and the strings stay few; else
    its clauses are those of its parts and of each exact run between them."""
    clauses: list = []
    current = {""}
    exact = True
    for r in readings:
        if r[0] == "exact":
            joined = {a + b for a in current for b in r[1]}
            if len(joined) <= EXACT_SETS:
                current = joined
                continue
            clauses += _as_clauses(_exact(current))
            current = set(r[1])
        else:
            clauses += _as_clauses(_exact(current))
            clauses += r[1]
            current = {""}
        exact = False
    if exact:
        return _exact(current)
    return ("match", tuple(clauses) + _as_clauses(_exact(current)))


def _strongest(clauses) -> frozenset:
    """The clause that says most: the longest shortest string, then the fewest strings."""
    return max(clauses, key=lambda c: (min(len(s) for s in c), -len(c)))


def _either(readings) -> tuple:
    if all(r[0] == "exact" for r in readings):
        union = frozenset().union(*(r[1] for r in readings))
        if len(union) <= WIDEST_CLAUSE:
            return ("exact", union)
    branches = [_as_clauses(r) for r in readings]
    if any(not b for b in branches):
        return _ANY
    union = frozenset().union(*(_strongest(b) for b in branches))
    return ("match", (union,)) if len(union) <= WIDEST_CLAUSE else _ANY


class _Reader:
    def __init__(self, pieces):
        self.pieces = pieces
        self.read_pieces: dict[str, tuple] = {}

    def text(self, text: str, stack: tuple = ()) -> tuple:
        names: list[str] = []

        def stand_in(m):
            names.append(m.group(1))
            return chr(_FIRST_STAND_IN + len(names) - 1)

        text = _REF.sub(stand_in, unfold(text))
        for pattern, looser in _LOOSER:
            text = pattern.sub(looser, text)
        tree = _parser.parse(text, re.IGNORECASE)
        return self.sequence(list(tree), names, stack)

    def piece(self, name: str, stack: tuple) -> tuple:
        found = self.read_pieces.get(name)
        if found is None:
            if name in stack or self.pieces is None or name not in self.pieces:
                return _ANY
            text = self.pieces.defined.get(name)
            if text is None:
                text = self.pieces.builtin[name]
            found = self.read_pieces[name] = self.text(text, stack + (name,))
        return found

    def sequence(self, items, names, stack) -> tuple:
        return _sequence([self.node(op, av, names, stack) for op, av in items])

    def node(self, op, av, names, stack) -> tuple:
        if op is C.LITERAL:
            if av >= _FIRST_STAND_IN and av - _FIRST_STAND_IN < len(names):
                return self.piece(names[av - _FIRST_STAND_IN], stack)
            return _exact({chr(av).casefold()}) if av else _ANY
        if op is C.IN:
            chars = set()
            for kind, value in av:
                if kind is not C.LITERAL or value == 0 or value >= _FIRST_STAND_IN:
                    return _ANY
                chars.add(chr(value).casefold())
            return _exact(chars) if len(chars) <= 6 else _ANY
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return _exact({""})
        if op is C.SUBPATTERN:
            return self.sequence(av[-1], names, stack)
        if op is C.ATOMIC_GROUP:
            return self.sequence(av, names, stack)
        if op is C.BRANCH:
            return _either([self.sequence(b, names, stack) for b in av[1]])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, high, inner = av
            reading = self.sequence(inner, names, stack)
            if low == 0:
                return _exact(reading[1] | {""}) if high == 1 and reading[0] == "exact" else _ANY
            return reading if low == high == 1 else ("match", _as_clauses(reading))
        return _ANY  # any character, a category (\w, \s), a negated class, a back reference


def needs(text: str, pieces=None, reader: _Reader | None = None) -> tuple[frozenset, ...]:
    """The clauses of a pattern text (with {pieces}); () when nothing is needed
    or the text cannot be read.  Pass one `reader` to many calls to read each
    piece once."""
    reader = reader or _Reader(pieces)
    try:
        clauses = _as_clauses(reader.text(text))
    except (re.error, RecursionError, OverflowError, KeyError):
        return ()
    return tuple(dict.fromkeys(c for c in clauses if c))


def reader(pieces) -> _Reader:
    return _Reader(pieces)
