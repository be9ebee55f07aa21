"""Which sentences a rule can match in, found before any of its patterns runs.

Each rule's pattern needs certain words (engine/literals.py: every match
holds a string of each of its clauses).  All those strings go into one
Aho-Corasick automaton (pyahocorasick), which reads each sentence once, in
case folded, and tells which strings it holds.  A rule then runs (its trigger,
then its pattern) only in the sentences that hold a string of every clause of
its pattern: most rules find most sentences lacking their words, and skipping
those was most of the matching time (a search that finds nothing costs as much
as one that finds something).

The filter only skips sentences where the pattern cannot match, so the facts
are those of running every rule everywhere (tests/test_prefilter.py checks
the reading of every rule against its examples and the samples).  It is built
with the rule set and kept in the rule cache."""
from __future__ import annotations

from . import literals

try:
    import ahocorasick
except ImportError:  # pragma: no cover - then every rule runs in every sentence its trigger allows
    ahocorasick = None


class Prefilter:
    """The clauses of a rule set's rules, and an automaton of their strings."""

    def __init__(self, rules, pieces):
        reader = literals.reader(pieces)
        clause_ids: dict[frozenset, int] = {}
        self.rule_clauses: dict[str, tuple[int, ...]] = {}
        for rule in rules:
            ids = tuple(clause_ids.setdefault(c, len(clause_ids)) for c in literals.needs(rule.pattern, reader=reader))
            if ids:
                self.rule_clauses[rule.id] = ids
        by_string: dict[str, list[int]] = {}
        for clause, cid in clause_ids.items():
            for s in clause:
                by_string.setdefault(s, []).append(cid)
        self.automaton = None
        if ahocorasick is not None and by_string:
            self.automaton = ahocorasick.Automaton()
            for s, cids in by_string.items():
                self.automaton.add_word(s, tuple(cids))
            self.automaton.make_automaton()

    def met(self, doc) -> "Met | None":
        """The clauses each sentence of the document meets; None without the automaton."""
        if self.automaton is None:
            return None
        text, masks = doc.text, {}
        for i, (start, end) in enumerate(doc.sentences):
            bit = 1 << i
            for _, cids in self.automaton.iter(text[start:end].casefold()):
                for c in cids:
                    masks[c] = masks.get(c, 0) | bit
        return Met(self.rule_clauses, masks)


class Met:
    """Which sentences of one document meet each clause: a bit per sentence."""

    __slots__ = ("rule_clauses", "masks")

    def __init__(self, rule_clauses: dict, masks: dict[int, int]):
        self.rule_clauses = rule_clauses
        self.masks = masks

    def mask(self, rule) -> int:
        """The sentences (a bit each) where the rule's pattern can match; -1: all of them."""
        clauses = self.rule_clauses.get(rule.id)
        if clauses is None:
            return -1
        masks = self.masks
        found = -1
        for c in clauses:
            found &= masks.get(c, 0)
        return found


def mask_of(sentences: list[int]) -> int:
    found = 0
    for i in sentences:
        found |= 1 << i
    return found


def sentences_in(mask: int) -> list[int]:
    """The sentence indices of a mask (>= 0), ascending."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found
