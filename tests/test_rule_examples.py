"""Every default rule carries examples (Duckling/Semgrep style); they must pass."""
from collections import Counter

import pytest

from relfacts.engine.examples import run_examples


@pytest.fixture(scope="module")
def results(rules):
    return run_examples(rules)


def test_every_rule_example_passes(results):
    failures = [f"{r.where}: {r.rule.id}: {r.problem}" for r in results if not r.passed]
    assert not failures, "\n".join(failures)


def test_every_rule_has_two_positive_and_one_negative_example(rules, results):
    counts = Counter((r.rule.id, r.example.expect is None) for r in results)
    thin = [rule.id for rule in rules.rules if counts[(rule.id, False)] < 2 or counts[(rule.id, True)] < 1]
    assert not thin


def test_an_example_that_does_not_hold_fails(rules):
    import copy

    rule = copy.deepcopy(next(r for r in rules.rules if r.id == "percentage.plain"))
    rule.examples[0].expect = {"value": 54}
    broken = copy.copy(rules)
    broken.rules = [rule if r.id == rule.id else r for r in rules.rules]
    (first, *_) = run_examples(broken, rule_ids={rule.id})
    assert not first.passed and "value: expected 54, got 53" in first.problem
