"""Running the examples that rules carry (like `semgrep --test`).

A positive example lists every fact its rule gives for the text: `expect:` a
mapping when the rule gives one fact (whose fields include the expected
values), a list of mappings when it gives several (one fact each, in any
order).  Extra facts fail it.  A negative one (`expect: none`) passes when the
rule gives no fact.  For a veto rule, "the rule gives" means
any fact of its type: a veto's examples say what must (not) be left.  The
example text is extracted with the whole rule set, as in real use."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ExampleResult:
    rule: object
    example: object
    passed: bool
    facts: list = field(default_factory=list)  # the rule's facts on the example
    problem: str = ""

    @property
    def where(self) -> str:
        return f"{self.rule.file}:{self.example.line}"


def _same(expected, actual) -> bool:
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)) and not isinstance(expected, bool):
        return abs(expected - actual) <= 1e-9 * max(1.0, abs(expected))
    if isinstance(expected, list) and isinstance(actual, list):
        return sorted(map(str, expected)) == sorted(map(str, actual))
    if expected is None:
        return actual is None
    return str(expected) == str(actual) if not isinstance(actual, (list, dict)) else expected == actual


def diff(expect: dict, fact) -> dict:
    """{field: (expected, actual)} for the fields that differ."""
    return {k: (v, fact.get(k)) for k, v in expect.items() if not _same(v, fact.get(k))}


def run_examples(ruleset, rule_ids=None) -> list[ExampleResult]:
    from ..api import extract

    results = []
    for rule in ruleset.rules:
        if rule_ids and rule.id not in rule_ids:
            continue
        running = ruleset.switched(enable=[rule.id])  # a disabled rule is tested as it runs when enabled
        for ex in rule.examples:
            facts = extract(ex.text, published=ex.published, rules=running, name="<example>", types=[rule.type])
            # (a rule that `restates` a document gives its day to the fact named before it)
            mine = facts if rule.veto else [f for f in facts if f.rule == rule.id or f.trace.get("restated_by") == rule.id]
            if ex.expect is None:
                ok = not mine
                problem = "" if ok else f"expected no fact, got {len(mine)}"
            else:
                problem = _problem(ex.expect if isinstance(ex.expect, list) else [ex.expect], mine)
                ok = not problem
                if not mine and not rule.veto:
                    problem += why_no_fact(ruleset, rule, ex.text)
            results.append(ExampleResult(rule, ex, ok, mine, problem))
    return results


def why_no_fact(ruleset, rule, text: str) -> str:
    """Why the rule gave no fact for the text, as far as its patterns tell: '; ' and the reason
    (each pattern searched with the rule's time limit)."""
    ftype = ruleset.types[rule.type]
    try:
        if ftype.trigger_re is not None and not ftype.trigger_re.search(text, timeout=rule.timeout):
            return (f"; the trigger of type {rule.type!r} ({ftype.trigger}) finds nothing in it, and a type's rules "
                    f"read only the sentences its trigger finds: add your words to the piece it names (`pieces:` "
                    f"`<piece>+: '…'` in your file adds alternatives to a piece)")
        if ftype.skip_re is not None and ftype.skip_re.search(text, timeout=rule.timeout):
            return (f"; the skip of type {rule.type!r} ({ftype.skip}) finds something in it, and a type's rules do not "
                    f"read a sentence where its skip finds something (a question)")
        if rule.trigger is not None and not rule.trigger.search(text, timeout=rule.timeout):
            return "; the rule's own trigger finds nothing in it"
        if not rule.compiled.search(text, timeout=rule.timeout):
            return "; its pattern does not match"
    except TimeoutError:
        return f"; its patterns took more than {rule.timeout:g} s on it"
    return "; its pattern matches, but what it found became no fact of its own (see `relfacts explain`)"


def _problem(expected: list, facts: list) -> str:
    """'' when each expected fact matches its own fact and no fact is left over;
    else what is wrong."""
    pairing = _pair(expected, facts, frozenset())
    if pairing is not None and len(facts) == len(expected):
        return ""
    if pairing is not None:
        extra = [f for i, f in enumerate(facts) if i not in pairing]
        return f"expected {len(expected)} fact(s), got {len(facts)}; extra: " + "; ".join(
            ", ".join(f"{k}={v!r}" for k, v in f.to_dict().items() if k in f.fields or k in ("countries", "date"))
            for f in extra)
    if not facts:
        return "expected a fact, got none"
    for want in expected:  # the first expectation that no fact meets, with the nearest fact's differences
        if not any(not diff(want, f) for f in facts):
            best = min(facts, key=lambda f: len(diff(want, f)))
            return "; ".join(f"{k}: expected {e!r}, got {a!r}" for k, (e, a) in diff(want, best).items())
    return f"expected {len(expected)} distinct facts, got {len(facts)}"


def _pair(expected: list, facts: list, used: frozenset):
    """Indices of distinct facts meeting each expectation in turn, or None."""
    if not expected:
        return used
    for i, f in enumerate(facts):
        if i not in used and not diff(expected[0], f):
            found = _pair(expected[1:], facts, used | {i})
            if found is not None:
                return found
    return None
