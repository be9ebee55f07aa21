"""The rule cache (relfacts/engine/cache.py): a rule set read back from it runs
as the one built, and a run compiles none of its patterns, nor the modules' own."""
import regex

from conftest import ROOT


def test_a_cached_rule_set_extracts_without_compiling_a_pattern_of_its_own(tmp_path, monkeypatch):
    import io

    import relfacts
    from relfacts.engine import cache, lazy
    from relfacts.engine.ruleset import load_ruleset

    built = load_ruleset(use_cache=False)
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
