"""The library API: `relfacts.extract(text, published=None, rules=None)`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .document import Document
from .engine.matcher import find_candidates, later_reading, outcomes, settle, skipped_sentences
from .engine.ruleset import RuleSet, load_ruleset
from .facts.agree import agree
from .facts.builder import build_facts, carry_companions, carry_dates
from .facts.context import DocumentContext
from .facts.dedupe import Merger, dedupe, finish
from .facts.model import Fact
from .memo import memoized
from .normalize.dates import checked_published


@memoized(bound=8)  # rule sets: a few, each large
def _cached_ruleset(extra: tuple) -> RuleSet:
    return load_ruleset(extra)


def ruleset(rules=None) -> RuleSet:
    """The default rules plus rule folders/files `rules` (a path or a list of them)."""
    if isinstance(rules, RuleSet):
        return rules
    if rules is None:
        return _cached_ruleset(())
    if isinstance(rules, (str, bytes)) or hasattr(rules, "__fspath__"):
        rules = [rules]
    return _cached_ruleset(tuple(str(r) for r in rules))


@dataclass
class Extraction:
    """The facts of one document, with what went wrong on the way (rule timeouts)."""
    document: Document
    facts: list[Fact]
    timeouts: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)  # (candidate, "kept"|"veto"|"lost"|"dropped", detail)
    skipped: list = field(default_factory=list)  # (sentence index, type name): sentences a type's skip kept from its rules


def extract(text: str, published: dt.date | str | None = None, rules=None, *,
            name: str = "-", types=None) -> list[Fact]:
    """Every fact in `text`: trade figures, percentages, treaties, visits (and any
    type the rules define).  `published` (a date or 'YYYY-MM-DD') overrides the
    text's ` date …` header; `rules` adds rule folders to the defaults."""
    return extract_document(text, published, rules, name=name, types=types).facts


def extract_document(text: str, published=None, rules=None, *, name: str = "-", types=None,
                     explain: bool = False) -> Extraction:
    """The facts of one document, with the rule timeouts; with `explain`, also
    what became of every rule match (for `relfacts explain`).  ValueError when
    `published` is no date or lies outside the years 1800-2200.

    A text longer than WINDOW characters is read in windows of about that
    size, cut where paragraphs (else sentences, clauses, words) end, so that
    the memory it takes does not grow with its length; a fact said in two
    windows is one fact.  An article is far shorter than a window."""
    if not isinstance(text, str):
        hint = " (decode it first; relfacts.inputs.load(name, data) reads any encoding and web pages)" \
            if isinstance(text, (bytes, bytearray)) else ""
        raise TypeError(f"text must be str, not {type(text).__name__}{hint}")
    rs = ruleset(rules)
    if isinstance(types, str):
        types = [types]
    unknown = [t for t in types or () if t not in rs.types]
    if unknown:
        raise ValueError(f"unknown fact type(s) {', '.join(map(repr, unknown))} (known: {', '.join(rs.types)})")
    published = checked_published(published)
    if len(text) <= WINDOW or explain:
        doc = Document.from_text(text, name=name, published=published, words=rs.pieces)
        result = Extraction(doc, [])
        result.facts = dedupe(_facts(doc, rs, types, result, explain), rs, doc)
        return result
    first = Document.from_text(text[:WINDOW], name=name, published=published, words=rs.pieces)
    whole = Document(text, name, first.published, first.body_start, first.header_problem, words=rs.pieces)
    result = Extraction(whole, [])
    merger = Merger(rs, first.published)
    facts = []
    for start, end in windows(text, first.body_start):
        doc = Document(text[start:end], name, first.published, opens_text=start <= first.body_start, words=rs.pieces)
        kept = dedupe(_facts(doc, rs, types, result, False), rs, doc)
        for f in kept:
            f.span = (f.span[0] + start, f.span[1] + start)
            f.sentence_span = (f.sentence_span[0] + start, f.sentence_span[1] + start)
        facts += merger.add(kept)
        del doc, kept
    seen = set()  # a rule that timed out in several windows: one warning
    result.timeouts = [t for t in result.timeouts if not (t.rule_id in seen or seen.add(t.rule_id))]
    result.facts = finish(facts, rs)
    return result


WINDOW = 200_000  # characters of a long text read at a time
_ENDS = ("\n\n", "\n", ". ", "; ", ", ", " ")  # where a window ends, best first


def windows(text: str, start: int = 0):
    """(start, end) of the windows of text[start:]: at most WINDOW characters
    each, ending at the last paragraph (else sentence, clause, word) end in
    their second half."""
    while len(text) - start > WINDOW:
        low, high = start + WINDOW // 2, start + WINDOW
        cut = next((i + len(mark) for mark in _ENDS if (i := text.rfind(mark, low, high)) >= 0), high)
        yield start, cut
        start = cut
    yield start, len(text)


def _missing(c, dropped) -> list[str]:
    """The fields whose lack dropped match c (the last of `dropped` are the newest)."""
    return next((d.missing for d in reversed(dropped) if d.match is c), [])


def _facts(doc: Document, rs: RuleSet, types, result: Extraction, explain: bool) -> list[Fact]:
    """The facts of one document (or window), in text order, before they are merged."""
    ctx = DocumentContext(doc, rs)
    met = ctx.met  # which sentences each rule can match in
    facts = []
    for type_name, fact_type in rs.types.items():
        if types and type_name not in types:
            continue
        found = find_candidates(doc, rs, type_name, result.timeouts, met)
        dropped = []  # each match that gave no fact, and why
        kept, viable, built = settle(found, lambda c: build_facts(doc, ctx, rs, fact_type, c, dropped),
                                     build_all=explain, again=lambda c: later_reading(doc, c, _missing(c, dropped)))
        if explain:
            result.outcomes.extend(outcomes(found, viable, kept, dropped))
            result.skipped.extend((i, type_name) for i in skipped_sentences(doc, fact_type))
        facts.extend(f for c in kept if not c.rule.veto for f in built[id(c)])
    facts = carry_companions(doc, facts, rs.types)  # a companion's trip is the visit it joins
    carry_dates(doc, facts)  # each type's facts pass their dates on to the next of the type
    facts.sort(key=lambda f: (f.span[0], f.type))
    return agree(facts, rs.types, ctx)
