"""The library API: `relfacts.extract(text, published=None, rules=None)`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from .document import Document
from .engine.matcher import find_candidates, resolve
from .engine.ruleset import RuleSet, load_ruleset
from .facts.builder import build_facts, carry_dates
from .facts.context import DocumentContext
from .facts.dedupe import dedupe
from .facts.model import Fact
from .normalize.dates import parse_published


@lru_cache(maxsize=8)
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
    candidates: dict = field(default_factory=dict)
    outcomes: list = field(default_factory=list)  # (candidate, "kept"|"veto"|"lost"|"dropped", detail)


def extract(text: str, published: dt.date | str | None = None, rules=None, *,
            name: str = "-", types=None) -> list[Fact]:
    """Every fact in `text`: trade figures, percentages, treaties, visits (and any
    type the rules define).  `published` (a date or 'YYYY-MM-DD') overrides the
    text's ` date …` header; `rules` adds rule folders to the defaults."""
    return extract_document(text, published, rules, name=name, types=types).facts


def extract_document(text: str, published=None, rules=None, *, name: str = "-", types=None,
                     keep_candidates: bool = False) -> Extraction:
    rs = ruleset(rules)
    if isinstance(published, str):
        published = parse_published(published)
    doc = Document.from_text(text, name=name, published=published)
    ctx = DocumentContext(doc, rs)
    result = Extraction(doc, [])
    facts = []
    for type_name, fact_type in rs.types.items():
        if types and type_name not in types:
            continue
        found = find_candidates(doc, rs, type_name, result.timeouts)
        dropped = [] if keep_candidates else None
        kept, viable, built = _settle(found, lambda c: build_facts(doc, ctx, rs, fact_type, [c], dropped),
                                      build_all=keep_candidates)
        if keep_candidates:
            result.candidates[type_name] = found
            result.outcomes.extend(_outcomes(found, viable, kept, dropped))
        kept_facts = [f for c in kept if not c.rule.veto for f in built[id(c)]]
        carry_dates(doc, kept_facts)
        facts.extend(kept_facts)
    facts.sort(key=lambda f: (f.span[0], f.type))
    result.facts = dedupe(facts, rs.types)
    return result


def _settle(found, build, build_all=False):
    """Resolve conflicts, building facts only for the matches that win.

    A match whose fields do not normalize (a "host" that is no country) gives
    no fact and must not block another rule's reading of the same anchor: when
    a winner turns out empty, it is set aside and the conflicts are resolved
    again.  Returns (kept matches, viable matches, facts built per match)."""
    built: dict = {}
    if build_all:
        built = {id(c): build(c) for c in found if not c.rule.veto}
    while True:
        viable = [c for c in found if c.rule.veto or built.get(id(c)) != []]
        kept = resolve(viable)
        missing = [c for c in kept if not c.rule.veto and id(c) not in built]
        for c in missing:
            built[id(c)] = build(c)
        if all(built[id(c)] for c in missing):
            return kept, viable, built


def _outcomes(found, viable, kept, dropped):
    """What became of each match (for `relfacts explain`)."""
    kept_ids = {id(c) for c in kept}
    winners = [c for c in kept]
    why = {id(d[0]): d for d in dropped or []}
    for c in found:
        if id(c) in kept_ids:
            yield c, ("veto" if c.rule.veto else "kept"), ""
        elif c.rule.veto or any(c is v for v in viable):
            winner = next((w for w in winners if w is not c and w.anchor[0] < c.anchor[1] and c.anchor[0] < w.anchor[1]), None)
            yield c, "lost", f"to {winner.rule.id}" if winner else "to another reading"
        else:
            d = why.get(id(c))
            detail = []
            if d:
                if d[3]:
                    detail.append("no " + ", ".join(d[3]))
                if d[4]:
                    detail.append("not allowed: " + ", ".join(f"{f}={d[1].get(f)!r}" for f in d[4]))
            yield c, "dropped", "; ".join(detail) or "fields did not normalize"
