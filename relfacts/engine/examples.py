"""Running the examples that rules carry (like `semgrep --test`).

A positive example (`expect:` a mapping) passes when the rule gives a fact
whose fields include the expected values; a negative one (`expect: none`)
passes when the rule gives no fact.  For a veto rule, "the rule gives" means
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
        for ex in rule.examples:
            facts = extract(ex.text, published=ex.published, rules=ruleset, name="<example>", types=[rule.type])
            mine = facts if rule.veto else [f for f in facts if f.rule == rule.id]
            if ex.expect is None:
                ok = not mine
                problem = "" if ok else f"expected no fact, got {len(mine)}"
            else:
                ok = any(not diff(ex.expect, f) for f in mine)
                if ok:
                    problem = ""
                elif not mine:
                    problem = "expected a fact, got none"
                else:
                    best = min(mine, key=lambda f: len(diff(ex.expect, f)))
                    problem = "; ".join(f"{k}: expected {e!r}, got {a!r}" for k, (e, a) in diff(ex.expect, best).items())
            results.append(ExampleResult(rule, ex, ok, mine, problem))
    return results
