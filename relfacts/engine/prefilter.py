"""Which sentences a rule can match in, found before any of its patterns runs.

Each rule's pattern needs certain words (engine/literals.py: every match
holds a string of each of its clauses).  All those strings go into one
Aho-Corasick automaton (pyahocorasick), which reads each sentence once,
case-folded, and tells which strings it holds.  A rule then runs (its trigger,
then its pattern) only in the sentences that hold a string of every clause of
its pattern: most rules find most sentences lacking their words, and most
searches found nothing (one that finds nothing costs as much as one that
finds something).  A `people` pattern, which scans the whole document, is
skipped in a document that lacks its words.

The filter only skips sentences where the pattern cannot match, so the facts
are those of running every rule everywhere (tests/test_prefilter.py checks
the reading of every rule against its examples and the samples).  It is built
with the rule set and kept in the rule cache."""
from __future__ import annotations

import bisect

from . import literals

try:
    import ahocorasick
except ImportError:  # pragma: no cover - then every rule runs in every sentence its trigger allows
    ahocorasick = None


class Prefilter:
    """The clauses of a rule set's rules, and an automaton of their strings."""

    def __init__(self, rules, pieces, people_written=()):
        reader = literals.reader(pieces)
        clause_ids: dict[frozenset, int] = {}

        def ids_of(text: str) -> tuple[int, ...]:
            return tuple(clause_ids.setdefault(c, len(clause_ids)) for c in literals.needs(text, reader=reader))

        self.rule_clauses: dict[str, tuple[int, ...]] = {}
        for rule in rules:
            ids = ids_of(rule.pattern)
            if ids:
                self.rule_clauses[rule.id] = ids
        # the people patterns (facts/context.py scans the whole document with each), by their place
        # in the rule set's list
        self.people_clauses: dict[int, tuple[int, ...]] = {}
        for k, text in enumerate(people_written):
            ids = ids_of(text)
            if ids:
                self.people_clauses[k] = ids
        by_string: dict[str, list[int]] = {}
        for clause, cid in clause_ids.items():
            for s in clause:
                by_string.setdefault(s, []).append(cid)
        self.automaton = None
        if ahocorasick is not None and by_string:
            self.automaton = ahocorasick.Automaton()
            for s, cids in by_string.items():  # with its length: where a string found starts
                self.automaton.add_word(s, (len(s), tuple(cids)))
            self.automaton.make_automaton()

    def met(self, doc) -> "Met | None":
        """The clauses each sentence of the document meets; None without the automaton.
        The automaton reads the whole text once; a string counts for the sentence it
        lies in (one across a sentence's end counts for none), and for the whole text
        (a scan of the document may match across sentences)."""
        if self.automaton is None:
            return None
        text = doc.text
        folded = text.casefold()
        if len(folded) != len(text):  # a letter folded to two: offsets differ, each sentence alone
            return self._met_by_sentence(doc, folded)
        spans, starts, masks, anywhere = doc.sentences, doc.sentence_starts, {}, set()
        for end, (size, cids) in self.automaton.iter(folded):
            anywhere.update(cids)
            i = bisect.bisect_right(starts, end - size + 1) - 1
            if i >= 0 and end < spans[i][1]:
                bit = 1 << i
                for c in cids:
                    masks[c] = masks.get(c, 0) | bit
        return Met(self.rule_clauses, masks, self.people_clauses, anywhere)

    def _met_by_sentence(self, doc, folded: str) -> "Met":
        text, masks, anywhere = doc.text, {}, set()
        for i, (start, end) in enumerate(doc.sentences):
            bit = 1 << i
            for _, (_, cids) in self.automaton.iter(text[start:end].casefold()):
                for c in cids:
                    masks[c] = masks.get(c, 0) | bit
        for _, (_, cids) in self.automaton.iter(folded):
            anywhere.update(cids)
        return Met(self.rule_clauses, masks, self.people_clauses, anywhere)


class Met:
    """Which sentences of one document meet each clause: a bit per sentence."""

    __slots__ = ("rule_clauses", "masks", "people_clauses", "anywhere")

    def __init__(self, rule_clauses: dict, masks: dict[int, int], people_clauses: dict | None = None,
                 anywhere: set | None = None):
        self.rule_clauses = rule_clauses
        self.masks = masks
        self.people_clauses = people_clauses or {}
        self.anywhere = anywhere or set()

    def may_scan(self, k: int) -> bool:
        """Whether the rule set's k-th people pattern (a scan of the whole document) can match in it."""
        clauses = self.people_clauses.get(k)
        return clauses is None or all(c in self.anywhere for c in clauses)

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
