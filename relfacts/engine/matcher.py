"""Applying rules to a document: find every rule's matches in the sentences
its fact type's trigger points at that hold the words its pattern needs
(engine/prefilter.py), then keep one reading per anchor.

Conflicts: two matches of one fact type whose anchors overlap (two rules
reading the same "$1.2 billion") are one reading.  The higher `priority`
wins, then a rule's first reading over one searched again (later_reading),
then the shorter evidence (the cue nearest the anchor), then a user's rule
(from --rules) over a default one, then the rule that comes first.  A `veto`
rule wins the same way but yields no fact ("investments … $6 billion" is not
a trade figure)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from .accel import Dual, MatchLimit, pattern_key
from .prefilter import mask_of, sentences_in


@dataclass(slots=True)
class Candidate:
    rule: object
    match: object
    anchor: tuple[int, int]
    evidence: tuple[int, int]
    sentence_index: int
    order: int
    tries: int = 0  # how many of its rule's matches before it, each starting earlier, gave no fact


TRIGGER_TIMEOUT = 2.0  # seconds for one search of a type's trigger


@dataclass
class RuleTimeout:
    rule_id: str
    doc: str
    seconds: float | None  # None: past PCRE2's match limit (accel.MatchLimit)

    def __str__(self):
        if self.seconds is None:  # (accel.MatchLimit: a default rule on PCRE2, which runs with no time limit)
            return f"{self.doc}: rule {self.rule_id} went past PCRE2's match limit and was skipped for this document"
        return f"{self.doc}: rule {self.rule_id} took over {self.seconds:g}s and was skipped for this document"


def triggered_sentences(doc, fact_type) -> list[int]:
    """Indices of the sentences where a match of the type's trigger starts (all,
    when it has none), but for those where a match of its `skip` starts (a
    question: "Will X visit Y?" states no visit)."""
    hit, skipped = _trigger_and_skip(doc, fact_type)
    return [i for i in hit if i not in skipped] if skipped else hit


def skipped_sentences(doc, fact_type) -> list[int]:
    """The sentences its trigger finds that the type's `skip` keeps from its rules (for `relfacts explain`)."""
    return sorted(_trigger_and_skip(doc, fact_type)[1])


def _trigger_and_skip(doc, fact_type) -> tuple[list[int], set[int]]:
    every = list(range(len(doc.sentences)))
    trigger, skip = _duals(fact_type, ("trigger_re", "skip_re"))
    limit = TRIGGER_TIMEOUT if fact_type.user or _has_long_sentence(doc) else None
    hit = every if trigger is None else trigger.sentences_hit(doc, every, limit)
    return hit, (set(skip.sentences_hit(doc, hit, limit)) if skip is not None and hit else set())


def _has_long_sentence(doc) -> bool:
    return doc.longest_sentence > LONG_SENTENCE


# The default rules are tested and bounded; they get a time limit only on very
# long sentences (where a polynomial pattern could still crawl).  A user's rule
# always has one: the limit costs about a quarter of a rule's matching time.
LONG_SENTENCE = 2000


def find_candidates(doc, ruleset, type_name: str, timeouts: list, met=None) -> list[Candidate]:
    """Every match of the type's rules.  `met`: the document's Met (engine/prefilter.py),
    when the caller has it (it serves all types)."""
    fact_type = ruleset.types[type_name]
    out: list[Candidate] = []
    try:
        base = triggered_sentences(doc, fact_type)
    except TimeoutError:
        timeouts.append(RuleTimeout(f"{type_name} (its trigger or skip)", doc.name, TRIGGER_TIMEOUT))
        return out
    order = 0
    sentences_of = doc.sentences
    long_doc = _has_long_sentence(doc)
    if met is None:
        met = ruleset.prefilter().met(doc)
    base_mask = mask_of(base)
    hit_by: dict = {}  # a trigger's sentences, for the rules that share it (this type, this document)
    for rule, pattern, trigger, inside, not_inside in _plan(ruleset, type_name):
        timeout, user = rule.timeout, rule.user
        try:
            mask = base_mask if met is None else base_mask & met.mask(rule)
            if not mask:
                continue
            sentences = base if mask == base_mask else sentences_in(mask)
            if trigger is not None:  # the rule's own trigger narrows them
                limit = timeout if user or long_doc else None
                key = (pattern_key(trigger.slow), limit, mask)
                found = hit_by.get(key)
                if found is None:
                    found = hit_by[key] = trigger.sentences_hit(doc, sentences, limit)
                sentences = found
            for i in sentences:
                # a default rule on a sentence of ordinary length runs with no time limit (and fast)
                start, end = sentences_of[i]
                limit = timeout if user or end - start > LONG_SENTENCE else None
                if inside is not None and not inside.search(doc, i, limit):
                    continue
                if not_inside is not None and not_inside.search(doc, i, limit):
                    continue
                for m in pattern.finditer(doc, i, limit):
                    found = _candidate(rule, m, i, order, limit)
                    if found is not None:
                        out.append(found)
                        order += 1
        except TimeoutError as error:
            timeouts.append(RuleTimeout(rule.id, doc.name, None if isinstance(error, MatchLimit) else rule.timeout))
            out = [c for c in out if c.rule is not rule]
    return out


def _candidate(rule, m, i: int, order: int, limit: float | None, tries: int = 0) -> Candidate | None:
    """Match `m` of `rule` in sentence i as a candidate, unless it is empty or its
    text is one the rule's `not` refuses."""
    span = m.span()
    if span[0] == span[1]:
        return None
    if rule.not_ is not None and rule.not_.search(m.group(), timeout=limit):
        return None
    anchor = m.span(rule.anchor) if rule.anchor else span
    if anchor[0] < 0:
        anchor = span
    return Candidate(rule, m, anchor, span, i, order, tries)


# how many times a rule is searched again inside a match that gave no fact (each search
# starts later): a constant, so that a document's work stays linear
RETRIES = 2


def later_reading(doc, c: Candidate, missing: list[str]) -> list[Candidate]:
    """When match `c` gave no fact because the fields `missing` did not normalize:
    its rule's match that starts after the groups of those fields and before c's
    end, if any.  The subject of "Trade will double, Trade Minister X said during a
    visit to Y" read as "Trade" (no visitor) hides the reading that begins at "Trade
    Minister"; "Air Force One" (no visitor) has none after it ("Force One" is inside
    it).  The new reading's groups must hold more than one word each: a lone word
    further on is a list's item or a firm's name more often than someone's.  A match
    starting at c's end or later was found already, after c."""
    if c.tries >= RETRIES:
        return []
    rule, m = c.rule, c.match
    groups = {s.group for f in missing for s in rule.fields.get(f.partition(" ")[0], ()) if s.group}
    after = max((m.end(g) for g in groups if g in rule.compiled.groupindex), default=-1)
    if after < 0:
        return []
    pattern = _duals(rule, _RULE_PATTERNS)[0]
    start, end = doc.sentences[c.sentence_index]
    limit = rule.timeout if rule.user or end - start > LONG_SENTENCE else None
    try:
        m = pattern.first_from(doc, c.sentence_index, after, limit)
    except TimeoutError:
        return []
    if m is None or m.start() >= c.evidence[1]:
        return []
    if any(len((m.group(g) or "").split()) < 2 for g in groups if g in rule.compiled.groupindex):
        return []  # a lone word later in the phrase ("Mitsubishi" of "Mitsui, Mitsubishi and …"): no one's whole name
    found = _candidate(rule, m, c.sentence_index, c.order, limit, c.tries + 1)
    return [] if found is None else [found]


_RULE_PATTERNS = ("compiled", "trigger", "inside", "not_inside")


def _plan(ruleset, type_name: str) -> list[tuple]:
    """(rule, pattern, trigger, inside, not_inside) for each rule of the type,
    the patterns with both engines; made once and kept on the rule set."""
    plans = ruleset.__dict__.setdefault("_plans", {})
    rules = ruleset.rules_for(type_name)
    found = plans.get(type_name)
    if found is None or found[0] is not rules:  # made again when the rules are replaced
        found = plans[type_name] = (rules, [(r,) + _duals(r, _RULE_PATTERNS)
                                            for r in rules])
    return found[1]


def _duals(owner, names: tuple) -> tuple:
    """The owner's (a rule's, a type's) patterns named, each with both engines;
    made once and kept on the owner."""
    found = owner.__dict__.get("_duals")
    if found is None:
        found = owner.__dict__["_duals"] = tuple(
            None if getattr(owner, n) is None else Dual(getattr(owner, n)) for n in names)
    return found


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """One reading per anchor; the survivors (vetoes included) in document order."""
    ranked = sorted(candidates, key=lambda c: (-c.rule.priority, c.tries, c.evidence[1] - c.evidence[0], not c.rule.user,
                                               c.order))
    starts: list[int] = []  # kept anchors never overlap, so sorted starts and ends go together
    ends: list[int] = []
    kept: list[Candidate] = []
    for c in ranked:
        a, b = c.anchor
        i = bisect.bisect_left(starts, a)
        if (i > 0 and ends[i - 1] > a) or (i < len(starts) and starts[i] < b):
            continue
        starts.insert(i, a)
        ends.insert(i, b)
        kept.append(c)
    return sorted(kept, key=lambda c: (c.anchor[0], c.order))


def settle(found, build, build_all=False, again=None):
    """Resolve conflicts, building facts (`build(match)`) only for the matches that win.

    A match whose fields do not normalize (a "host" that is no country) gives
    no fact and must not block another rule's reading of the same anchor: when
    a winner turns out empty, it is set aside, the matches `again(match)` gives
    (later_reading) join `found`, and the conflicts are resolved again.
    Returns (kept matches, viable matches, facts built per match id)."""
    built: dict = {}
    if build_all:
        todo = [c for c in found if not c.rule.veto]
        while todo:
            c = todo.pop()
            built[id(c)] = build(c)
            if not built[id(c)] and again is not None:
                more = again(c)
                found.extend(more)
                todo.extend(more)
    while True:
        viable = [c for c in found if c.rule.veto or built.get(id(c)) != []]
        kept = resolve(viable)
        missing = [c for c in kept if not c.rule.veto and id(c) not in built]
        for c in missing:
            built[id(c)] = build(c)
            if not built[id(c)] and again is not None:
                found.extend(again(c))
        if all(built[id(c)] for c in missing):
            return kept, viable, built


def outcomes(found, viable, kept, dropped):
    """(match, "kept" | "veto" | "lost" | "dropped", detail) for every match: what
    `relfacts explain` shows.  `dropped` holds the builder's reasons."""
    kept_ids = {id(c) for c in kept}
    viable_ids = {id(c) for c in viable}
    why = {id(d.match): d for d in dropped or []}
    for c in found:
        if id(c) in kept_ids:
            yield c, ("veto" if c.rule.veto else "kept"), ""
        elif id(c) in viable_ids:
            winner = next((w for w in kept if w.anchor[0] < c.anchor[1] and c.anchor[0] < w.anchor[1]), None)
            yield c, "lost", f"to {winner.rule.id}" if winner else "to another reading"
        else:
            d = why.get(id(c))
            detail = []
            if d:
                if d.missing:
                    detail.append("no " + ", ".join(d.missing))
                if d.not_allowed:
                    detail.append("not allowed: " + ", ".join(f"{f}={d.values.get(f)!r}" for f in d.not_allowed))
            yield c, "dropped", "; ".join(detail) or "fields did not normalize"
