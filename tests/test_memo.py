"""The one cache policy (relfacts/memo.py): every cache keeps results by key and
is emptied whole at its bound; none is written into the rule cache."""
import pickle
import re
from pathlib import Path

import relfacts
from relfacts.memo import Memo, memo_of, memoized

PACKAGE = Path(relfacts.__file__).parent


def test_a_memo_is_emptied_when_it_reaches_its_bound():
    memo = Memo(bound=3)
    for k in "abc":
        memo.put(k, k.upper())
    assert len(memo) == 3 and memo.get("c") == "C"
    memo.put("d", "D")  # the fourth: the store starts again
    assert len(memo) == 1 and memo.get("a") is None and memo.get("d") == "D"


def test_memoized_computes_each_key_once_and_keeps_none_as_a_result():
    calls = []

    @memoized(bound=10)
    def lookup(text):
        calls.append(text)
        return None if text == "none" else text.upper()

    assert [lookup(t) for t in ("ab", "ab", "none", "none")] == ["AB", "AB", None, None]
    assert calls == ["ab", "none"]


def test_a_pickled_memo_comes_back_empty_with_its_bound():
    class Owner:
        pass

    owner = Owner()
    memo_of(owner, "_seen", bound=5).put("k", 1)
    back = pickle.loads(pickle.dumps(owner.__dict__["_seen"]))
    assert (len(back), back.bound) == (0, 5)


def test_the_rule_set_caches_lookups_in_memos_that_a_rule_cache_does_not_keep():
    rules = relfacts.ruleset()
    assert rules.countries.lookup("Astana") == "KAZ"
    assert len(rules.countries.__dict__["_looked_up"]) >= 1
    copy = pickle.loads(pickle.dumps(rules.countries))
    assert len(copy.__dict__["_looked_up"]) == 0 and copy.lookup("Astana") == "KAZ"


def test_no_module_keeps_a_cache_of_another_policy():
    other = re.compile(r"\blru_cache\b|@(?:functools\.)?cache\b")  # (functools' policies)
    found = [f"{p.relative_to(PACKAGE)}:{i}" for p in sorted(PACKAGE.rglob("*.py")) if p.name != "memo.py"
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if other.search(line)]
    assert found == []
