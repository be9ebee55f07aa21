"""The rule cache (relfacts/engine/cache.py): a rule set read back from it runs
as the one built, and a run compiles none of its patterns, nor the modules' own."""
import pytest
import regex

from conftest import ROOT


@pytest.mark.heavy
def test_a_cached_rule_set_extracts_without_compiling_a_pattern_of_its_own(tmp_path, monkeypatch):
    import io

    import relfacts
    from relfacts.engine import cache, lazy
    from relfacts.engine.ruleset import load_ruleset

    built = load_ruleset(use_cache=False)  # as a run builds one (the shipped one: tests/test_install.py)
    monkeypatch.setenv("RELFACTS_CACHE", str(tmp_path))
    cache.store("k", built)
    cached = cache.load("k")
    noted = cache._CachePickler(io.BytesIO(), set())
    noted.dump(built)
    own = {p.pattern for p in noted.patterns} | {built.pieces.expand("{%s}" % n) for n in built.pieces.names()}
    own |= {p.pattern for p in lazy.module_patterns()}  # the modules' own patterns: their programs are cached
    assert len(own) > 100
    compiled = []
    real = regex.compile
    monkeypatch.setattr(regex, "compile", lambda pattern, *a, **kw: compiled.append(pattern) or real(pattern, *a, **kw))
    samples = sorted((ROOT / "samples").glob("*.txt"))
    found = [relfacts.extract(f.read_text(encoding="utf-8"), rules=cached) for f in samples]
    assert all(found)
    assert [p[:80] for p in compiled if p in own] == []  # each piece the run uses was cached, compiled or for PCRE2
    assert [[f.to_dict() for f in facts] for facts in found] == \
           [[f.to_dict() for f in relfacts.extract(s.read_text(encoding="utf-8"), rules=built)] for s in samples]


def test_a_pattern_kept_as_its_text_compiles_when_regex_runs_it():
    import pickle

    from relfacts.engine.lazy import LazyPattern

    lazy = LazyPattern(r"(?P<word>\w+) (?P<other>\w+)", regex.I, {"word": 1, "other": 2})
    assert lazy.groupindex == {"word": 1, "other": 2} and not lazy.compiled_yet  # read without compiling
    assert (lazy.pattern, lazy.flags) == (r"(?P<word>\w+) (?P<other>\w+)", regex.I)  # what PCRE2 reads
    assert lazy.search("-- Ab cd").group("other") == "cd" and lazy.compiled_yet
    assert [m.group() for m in lazy.finditer("ab CD ef gh")] == ["ab CD", "ef gh"]
    again = pickle.loads(pickle.dumps(lazy))
    assert not again.compiled_yet and again.sub(r"\g<other>", "ab cd!") == "cd!"


# a rule file of one's own, which a test changes
OWN_RULES = (ROOT / "tests" / "data" / "own-rules" / "dropped-in.yaml").read_text(encoding="utf-8")
VERBS = r"(?:dropped|drops|will\s+drop)"
assert VERBS in OWN_RULES


def _fresh_process(monkeypatch):
    """As in a new process: no translation, PCRE2 version or program known yet."""
    from relfacts.engine import accel, lazy
    from relfacts.memo import PATTERNS, Memo

    monkeypatch.setattr(accel, "_translations", Memo(PATTERNS))
    monkeypatch.setattr(accel, "_compiled", Memo(PATTERNS))
    monkeypatch.setattr(lazy, "_programs", {})


def test_a_rule_set_built_after_a_rule_file_changed_compiles_only_the_changed_patterns(tmp_path, monkeypatch):
    import relfacts
    from relfacts.engine.ruleset import load_ruleset

    monkeypatch.setenv("RELFACTS_CACHE", str(tmp_path / "cache"))
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "own.yaml").write_text(OWN_RULES, encoding="utf-8")
    load_ruleset([mine])  # built and cached
    (mine / "own.yaml").write_text(OWN_RULES.replace(VERBS, VERBS[:-1] + r"|is\s+dropping)"), encoding="utf-8")
    _fresh_process(monkeypatch)
    compiled = []
    real = regex.compile
    monkeypatch.setattr(regex, "compile", lambda pattern, *a, **kw: compiled.append(pattern) or real(pattern, *a, **kw))
    rebuilt = load_ruleset([mine])
    assert [p[:80] for p in compiled if len(p) > 500 and r"is\s+dropping" not in p] == []
    assert any(r"is\s+dropping" in p for p in compiled)  # the changed rule is compiled: its errors are told
    monkeypatch.setattr(regex, "compile", real)
    text = " date 2026-03-02\nACCRA, March 2 - Ghanaian Trade Minister Kofi Mensah is dropping in on Togo today."
    facts = [f.to_dict() for f in relfacts.extract(text, rules=rebuilt)]
    assert [(f["rule"], f["visitor"], f["host"], f["date"]) for f in facts] == [
        ("my.visit.dropped_in", "Kofi Mensah", "TGO", "2026-03-02")]
    _fresh_process(monkeypatch)  # the reference: built from nothing a process has made before
    assert facts == [f.to_dict() for f in relfacts.extract(text, rules=load_ruleset([mine], use_cache=False))]


def test_a_changed_pattern_that_does_not_compile_is_told_after_a_cached_build(tmp_path, monkeypatch):
    import pytest

    from relfacts.engine.ruleset import RuleErrors, load_ruleset

    monkeypatch.setenv("RELFACTS_CACHE", str(tmp_path / "cache"))
    mine = tmp_path / "mine"
    mine.mkdir()
    rule = mine / "own.yaml"
    rule.write_text(OWN_RULES, encoding="utf-8")
    load_ruleset([mine])
    rule.write_text(OWN_RULES.replace(VERBS, "(?P<oops" + VERBS), encoding="utf-8")
    _fresh_process(monkeypatch)
    with pytest.raises(RuleErrors) as told:
        load_ruleset([mine])
    assert [p.split(": ")[:2] for p in told.value.problems] == [[f"{rule}:10", "rule my.visit.dropped_in"]]
    # a pattern PCRE2 reads but `regex` does not (\Q…\E), in a process that read a rule set before:
    # a build without the cache still compiles a rule of one's own on `regex`, and says so
    rule.write_text(OWN_RULES, encoding="utf-8")
    load_ruleset([mine])
    rule.write_text(OWN_RULES.replace(VERBS, VERBS + r"(?:\Qyes\E)?"), encoding="utf-8")
    with pytest.raises(RuleErrors) as told:
        load_ruleset([mine], use_cache=False)
    assert [p.split(": ")[:3] for p in told.value.problems] == [
        [f"{rule}:10", "rule my.visit.dropped_in", "pattern does not compile"]]


def test_a_cache_folder_keeps_its_newest_rule_sets(tmp_path, monkeypatch):
    import os

    from relfacts.engine import cache
    from relfacts.engine.ruleset import load_ruleset

    rules = load_ruleset()  # a rule set as a build gives it to the cache: read anew, not yet run
    monkeypatch.setenv("RELFACTS_CACHE", str(tmp_path))
    for i in range(cache.KEEP + 3):
        old = tmp_path / f"rules-old{i:02d}.pickle"
        old.write_bytes(b"")
        os.utime(old, (1000 + i, 1000 + i))
    cache.store("new", rules)
    kept = sorted(p.name for p in tmp_path.glob("rules-*.pickle"))
    assert kept == sorted(["rules-new.pickle"] + [f"rules-old{i:02d}.pickle" for i in range(4, cache.KEEP + 3)])
    assert cache.load("new") is not None
