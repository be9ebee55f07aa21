"""The fast engine (PCRE2, relfacts/engine/accel.py) against `regex`: same
matches, same groups, same facts; and the offset maps it relies on."""
import json

import pytest
import regex
from conftest import ROOT

from relfacts.document import Document
from relfacts.engine import accel
from relfacts.engine.translate import translate
from relfacts.utf8 import Utf8Text

SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def _texts(rules):
    """Every rule example and every sample article."""
    out = [ex.text for r in rules.rules for ex in r.examples]
    out += [p.read_text(encoding="utf-8") for p in SAMPLES]
    return out


def _groups(m, names):
    return [m.span()] + [(n, m.span(n), m.group(n)) for n in names]


def _starts_in(trigger, text, start, end):
    """Whether a match of the trigger starts in text[start:end] (it may end past it: engine/accel.py sentences_hit)."""
    m = trigger.search(text, start)
    return m is not None and m.start() < end


# the rules in SHARDS parts, each a test of its own: the workers of pytest-xdist share the work
SHARDS = 8


@pytest.mark.heavy
@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_rule_matches_alike_on_both_engines(rules, shard):
    """On every sentence an extraction runs the rule on: where a match of its type's trigger and
    one of its own (both found by `regex`) start, as engine/matcher.py has it."""
    docs = [Document.from_text(text) for text in _texts(rules)]  # each read once, as a run reads it for every rule
    checked = 0
    for rule in rules.rules[shard::SHARDS]:
        quick = accel.fast(rule.compiled)
        if quick is None:
            continue
        names = sorted(rule.compiled.groupindex)
        triggers = [t for t in (rules.types[rule.type].trigger_re, rule.trigger) if t is not None]
        for doc in docs:
            for i, (start, end) in enumerate(doc.sentences):
                if not all(_starts_in(t, doc.text, start, end) for t in triggers):
                    continue
                slow = [_groups(m, names) for m in rule.compiled.finditer(doc.text, start, end)]
                fast = [_groups(m, names) for m in quick.finditer_sentence(doc, i)]
                assert fast == slow, (rule.id, doc.text[start:end])
                checked += 1
    assert checked > 1000 // SHARDS


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
def test_most_default_patterns_run_on_pcre2(rules):
    fast = [r.id for r in rules.rules if accel.fast(r.compiled) is not None]
    assert [r.id for r in rules.rules if r.id not in fast] == []  # a rule too large for PCRE2: split it
    # the rules that run on most sentences must never fall back to `regex` (a piece
    # that grows past PCRE2's size limit would make every document slower)
    assert {"visit.person.verb", "visit.person.possessive", "trade.amount.after_cue", "treaty.verb_object",
            "treaty.passive", "percentage.change.verb_before"} <= set(fast)


def test_facts_are_the_same_on_both_engines(monkeypatch):
    import relfacts

    def run():
        accel._compiled.clear()
        out = []
        for p in SAMPLES:
            out += [json.dumps(f.to_dict(), sort_keys=True)
                    for f in relfacts.extract(p.read_text(encoding="utf-8"), name=p.name)]
        return out

    fast = run()
    monkeypatch.setenv("RELFACTS_ENGINE", "regex")
    slow = run()
    monkeypatch.delenv("RELFACTS_ENGINE")
    accel._compiled.clear()
    assert len(fast) > 30 and fast == slow


def test_first_char_lookaheads_let_every_match_through(rules):
    """A piece that starts with (?=[...]) (a hint for the engine) matches
    exactly what it matches without it."""
    hint = regex.compile(r"^\(\?=(?:\[[^\]]*\]|\\d)(?:\|\{\w+\})?\)")   # also "(?=[...]|{currency_sign})"
    hinted = {name: text for name, text in rules.pieces.defined.items() if hint.match(text)}
    assert {"money_hint", "percent", "digits"} <= set(hinted)
    texts = _texts(rules) + ["five per cent", "Eleven percent", "3bn", "€40m", "1.5 bln", "20%", "₹100 crore", "₲5 million"]
    for name, text in hinted.items():
        bare = hint.sub("", text)
        with_hint = rules.pieces.compiled_text(text)
        without = rules.pieces.compiled_text(bare)
        for t in texts:
            assert [m.span() for m in with_hint.finditer(t)] == [m.span() for m in without.finditer(t)], (name, t)


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
def test_a_name_used_twice_reports_the_copy_that_matched_last():
    pattern = regex.compile(r"(?P<k>a)x|(?P<k>b)y(?:-(?P<k>c))?", regex.I)
    doc = Document.from_text("zz by-c ax")
    quick = accel.fast(pattern)
    got = [(m.group("k"), m.span("k")) for m in quick.finditer(doc, 0, len(doc.text))]
    want = [(m.group("k"), m.span("k")) for m in pattern.finditer(doc.text)]
    assert got == want == [("c", (6, 7)), ("a", (8, 9))]


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
@pytest.mark.parametrize("pattern", [
    r"(?P<a>x)(?P=a)",          # a back-reference
    r"a(?i)b",                  # a global flag after the start
    r"(?:abc){e<=1}",           # fuzzy matching
    r"(?P<k>a)|(?P<k>b)(?(k)c)",  # a condition on a name used twice
    r"(?<=a+)b",                # an unbounded lookbehind (PCRE2 refuses it)
])
def test_what_pcre2_reads_otherwise_stays_on_regex(pattern):
    assert accel.fast(regex.compile(pattern)) is None


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
def test_flags_and_unicode_are_kept():
    doc = Document.from_text("Türkiye’s ÉCOLE — straße, TÜRKIYE")
    sensitive = accel.fast(regex.compile(r"\p{Lu}\w+"))
    caseless = accel.fast(regex.compile(r"türkiye", regex.I))
    assert [m.group() for m in sensitive.finditer(doc, 0, len(doc.text))] == ["Türkiye", "ÉCOLE", "TÜRKIYE"]
    assert [m.span() for m in caseless.finditer(doc, 0, len(doc.text))] == \
        [m.span() for m in regex.finditer("türkiye", doc.text, regex.I)] == [(0, 7), (26, 33)]


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
def test_a_long_group_repeated_many_times_still_runs_on_pcre2():
    """PCRE2 writes out n copies of a group repeated {m,n}: past 64K it refuses,
    unless the group is defined once and called (keeping its case rules)."""
    gap = r"(?:(?!;|\b(?:while|whereas|whilst|but|although|though)\b).){0,140}?"
    pattern = regex.compile(r"\btrade\b" + gap + r"\$\d+" + gap + r"(?-i:(?:[A-Z][a-z]+\s){1,3}?(?:Bank|Fund))"
                            + gap + r"\bend\b" + gap + r"\.", regex.I)
    assert accel.fast(pattern) is not None
    text = ("Trade rose to $5 in a year, said the Asian Development Bank at the END. "
            "Trade rose to $5; then the end. trade hit $7 said the asian development bank in the end.")
    doc = Document.from_text(text)
    assert [m.span() for m in accel.fast(pattern).finditer(doc, 0, len(text))] == \
        [m.span() for m in pattern.finditer(text)] != []
    # the translation the rule cache keeps is the factored text: a run neither compiles the whole nor factors again
    kept = accel.translation(pattern)
    whole = translate(pattern.pattern, pattern.flags)
    assert kept.text == whole.factored() != whole.text and (kept.names, kept.flags) == (whole.names, whole.flags)


@pytest.mark.parametrize("text", ["Prime Minister", "Prime Minister Ali", "Première Ministre Élise", "Minister",
                                  "the Minister", "", "Deputy Prime Minister  of  Trade", "\ud800 Minister"])
def test_a_short_text_is_matched_on_pcre2_as_regex_would(text):
    """match, search and fullmatch of a name or an office (normalizers): the same answers on both engines."""
    office = regex.compile(r"(?:(?:Deputy|Vice)\s+)?(?:Prime\s+)?Minist(?:er|re)(?:\s+of\s+\w+)?", regex.I)
    assert accel.fullmatches(office, text) == (office.fullmatch(text) is not None)
    assert accel.found_in(office, text) == (office.search(text) is not None)
    m = office.match(text)
    assert accel.match_end(office, text) == (m.end() if m else None)


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
def test_a_long_piece_said_in_many_places_still_runs_on_pcre2():
    """A vocabulary written eight times passes PCRE2's 64K limit: it is defined once
    and called in each place (also inside a capture); a copy inside a lookbehind stays
    written out."""
    places = "(?:" + "|".join(f"{a}{b}{c}stan" for a in "bcdfghjklm" for b in "aeiouyrlnst" for c in "aeiou") + ")"
    pattern = regex.compile(r"(?<!\bnot\s" + places + r"\s)\b" + r"\s+(?:and|or)\s+".join([places] * 8)
                            + r"(?:\s+(?P<last>" + places + "))?", regex.I)
    whole = translate(pattern.pattern, pattern.flags)
    factored = whole.factored()
    assert len(factored) < len(whole.text) / 4 and factored.count("(?&_rf0)") == 9  # all but the lookbehind's
    quick = accel.fast(pattern)
    assert quick is not None
    text = ("Brastan and Clestan or Dyostan and Faustan and Glistan or Heastan and Joestan and Kristan Laostan. "
            "not Brastan Clestan and Dyostan or Faustan and Glistan and Heastan and Joestan and Kristan or Laostan. "
            "Myustan and Brastan and Clestan and Dyostan and Faustan and Glistan and Heastan and Joestan.")
    doc = Document.from_text(text)
    found = [(m.span(), m.group("last")) for m in quick.finditer(doc, 0, len(text))]
    assert found == [(m.span(), m.group("last")) for m in pattern.finditer(text)]
    assert [last for _, last in found] == ["Laostan", None]  # the "not" sentence has no match


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
@pytest.mark.parametrize("pattern, text", [
    (r"a\Z", "a\n"), (r"a\Z", "a"), (r"a$", "a\n"), (r"\Aa", "ba"), (r"x\\Z", "x\\Z"), (r"^b", "a\nb"),
])
def test_anchors_mean_what_they_mean_in_regex(pattern, text):
    compiled = regex.compile(pattern)
    doc = Document.from_text(text)
    assert [m.span() for m in accel.fast(compiled).finditer(doc, 0, len(text))] == \
        [m.span() for m in compiled.finditer(text)]


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
@pytest.mark.parametrize("pattern", [r"\Ga", r"\G\w*", r"(?:\G|,)\s*\w+", r"x|\G", r"\G(?:a|b)?"])
def test_a_search_anchor_is_where_the_search_starts_or_the_last_match_ended(pattern):
    compiled = regex.compile(pattern)
    text = "aab, ab  a,b ;x a"
    doc = Document.from_text(text)
    quick = accel.fast(compiled)
    assert quick is not None
    for start in range(len(text) + 1):
        assert [m.span() for m in quick.finditer(doc, start, len(text))] == \
            [m.span() for m in compiled.finditer(text, start)]
        first = compiled.search(text, start)
        assert accel.find(compiled, doc, start, len(text)) == (first.span() if first else None)


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
def test_white_space_of_any_length_in_a_lookbehind_runs_on_pcre2_where_runs_are_short():
    from relfacts.engine.translate import SPACE_BOUND

    compiled = regex.compile(r"(?:\G|(?<=[,;]\s*))\w+|(?<!\bthe\s+)\bend\b")
    quick = accel.fast(compiled)
    assert quick is not None and quick.space_bound == SPACE_BOUND
    for gap in (0, 1, 3, SPACE_BOUND, SPACE_BOUND + 1, SPACE_BOUND + 50):
        text = f"x y,{' ' * gap}one;{' ' * gap}two the{' ' * gap}end, and end"
        doc = Document.from_text(text)
        assert (accel.fast_for(compiled, doc) is None) == (gap > SPACE_BOUND)
        want = [m.span() for m in compiled.finditer(text)]
        assert [m.span() for m in accel.scan(compiled, doc)] == want and len(want) >= 4
        assert [m.span() for m in quick.finditer(doc, 0, len(text))] == want or gap > SPACE_BOUND


@pytest.mark.parametrize("text", ["plain ascii", "aé—b😀c ’x", "“Quoted” — ü", "a\udcffb"])
def test_utf8_offsets_map_both_ways(text):
    u = Utf8Text(text)
    for i in range(len(text) + 1):
        b = u.byte(i)
        assert u.char(b) == i
        assert u.chars(u.byte(0), b) == (0, i)
        if "\udcff" not in text:
            assert b == len(text[:i].encode("utf-8"))
    assert len(u.data.decode("utf-8")) == len(text)


def test_trigger_sentences_are_the_same_on_both_engines(rules):
    text = (ROOT / "samples").glob("*.txt").__next__().read_text(encoding="utf-8")
    doc = Document.from_text(text)
    every = list(range(len(doc.sentences)))
    for t in rules.types.values():
        dual = accel.Dual(t.trigger_re)
        fast = dual.sentences_hit(doc, every, None)
        slow = dual.sentences_hit(doc, every, 5.0)  # a time limit: on regex
        assert fast == slow and fast


def test_a_lone_surrogate_does_not_break_extraction():
    import relfacts

    facts = relfacts.extract("Trade between Kazakhstan and Uzbekistan reached $4 billion in 2023.\udcff")
    assert [f.fields["amount"] for f in facts if f.type == "trade"] == [4e9]


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
def test_a_match_too_deep_for_the_jit_stack_runs_on_the_interpreter():
    import pcre2
    import regex

    compiled = regex.compile(r"(?:(?!zz)[^.]|a)*?c")
    quick = accel.fast(compiled)
    quick.code.jit_compile()
    doc = Document.from_text("a" * 200_000 + "c")
    with pytest.raises(pcre2.LibraryError if hasattr(pcre2, "LibraryError") else Exception):
        pcre2._cy.match(quick.code._pcre2_code, doc.utf8.data, len(doc.utf8.data), 0, pcre2._EMPTY_MATCH_CONTEXT, 0)
    found = [m.span() for m in quick.finditer(doc, 0, len(doc.text))]
    assert found == [m.span() for m in compiled.finditer(doc.text)] == [(0, 200_001)]


def test_a_match_that_exceeds_the_match_limit_is_a_rule_that_took_too_long():
    # (the matcher skips such a rule for the document, as one that timed out: RuleTimeout)
    compiled = regex.compile(r"(?:a|aa)+[bc]")   # two ways to read each a: exponential on a run of a's
    quick = accel.fast(compiled)
    doc = Document.from_text("x " + "a" * 60 + " y")
    with pytest.raises(accel.MatchLimit):
        list(quick.finditer(doc, 0, len(doc.text)))
    with pytest.raises(accel.MatchLimit):
        accel.find(compiled, doc, 0, len(doc.text))
    from relfacts.engine.matcher import RuleTimeout
    assert "match limit" in str(RuleTimeout("visit.x", "doc.txt", None))


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
def test_a_pattern_is_jit_compiled_on_its_second_text_and_its_earlier_matches_stay_readable():
    import gc

    compiled = regex.compile(r"(?P<who>\p{Lu}\w+) (?P<verb>visited|toured) (?P<where>\p{Lu}\w+)")
    text = "Ruto visited Kampala. Later Suluhu toured Lusaka and Hichilema visited Nairobi."
    doc, other = Document.from_text(text), Document.from_text(text + " Again.")
    expected = [_groups(m, ["who", "verb", "where"]) for m in compiled.finditer(text)]
    quick = accel.fast(compiled)
    interpreted = quick.code
    running = quick.finditer(doc, 0, len(text))  # a scan the interpreted code goes on with
    held = [next(running)]  # and a match it made, read later
    for _ in range(3):  # runs on one document: the interpreter's
        assert accel.fast_for(compiled, doc) is quick
    assert quick.code is interpreted and quick.source is not None
    accel.fast_for(compiled, other)  # the second text swaps in the JIT-compiled code
    assert quick.code is not interpreted and quick.source is None
    held += list(running)  # the scan ends: nothing but the held matches needs the interpreted code now
    del interpreted, running
    gc.collect()
    others = [accel.fast(regex.compile(rf"(?P<x{k}>\w+) and (?P<y{k}>\w+)")) for k in range(50)]
    assert others and [_groups(m, ["who", "verb", "where"]) for m in held] == expected
    assert [_groups(m, ["who", "verb", "where"]) for m in quick.finditer(doc, 0, len(text))] == expected


@pytest.mark.parametrize("pattern, unsafe", [
    (r"(?<=a[bc]{0,5}\.\s(?=X))X", True),             # a lookahead ends a lookbehind of varying length
    (r"(?<=a[bc]{0,5}(?:\.\s(?=X)|,\s))X", True),     # … one of its branches
    (r"(?<=a[bc]{0,5}\.\s(?=It)(?:In\s)?)It", True),   # … before an item that may match nothing
    (r"(?<=abc\.\s(?=X))X", False),                  # the lookbehind's length is fixed
    (r"(?<=a[bc]{0,5}(?=c)c\.\s)X", False),           # the lookahead stands inside it
    (r"(?<=\b(?!one\b)\w{1,5}\s)X", False),
])
def test_a_lookahead_that_ends_a_lookbehind_of_varying_length_is_found(pattern, unsafe):
    from relfacts.engine.translate import lookahead_ends_long_lookbehind
    assert lookahead_ends_long_lookbehind(pattern) is unsafe


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
def test_a_pattern_the_jit_would_read_otherwise_stays_on_the_interpreter():
    """PCRE2's JIT reads a lookahead that ends a lookbehind of varying length as if the text
    ended there: such a pattern is never JIT-compiled, and finds on the tenth document what
    it found on the first."""
    compiled = regex.compile(r"(?<=\btrade\b[^.]{0,40}\.\s(?=It\s))It\s+rose")
    text = "Trade between them grew. It rose to $2 billion. Fish trade slowed. It rose again."
    expected = [m.span() for m in compiled.finditer(text)]
    assert len(expected) == 1
    quick = accel.fast(compiled)
    assert quick is not None and quick.source is None  # (nothing to JIT-compile it from)
    for k in range(10):
        doc = Document.from_text(text + " " * k)
        assert [m.span() for m in accel.fast_for(compiled, doc).finditer(doc, 0, len(text))] == expected


@pytest.mark.skipif(not accel.enabled(), reason="PCRE2 is not installed here")
def test_a_pattern_run_on_short_texts_is_jit_compiled_only_after_many():
    # a one-article run gives a name pattern a few short texts: the JIT would cost more than it saves
    compiled = regex.compile(r"(?:Minister|President)\s+(?P<name>\p{Lu}\w+)")
    quick = accel.fast(compiled)
    interpreted = quick.code
    for k in range(accel.JIT_FROM_SHORT_TEXTS - 1):
        assert accel.match_end(compiled, f"President Ruto{k}") == len(f"President Ruto{k}")
    assert quick.code is interpreted and quick.source is not None
    assert accel.found_in(compiled, "said Minister Tembo")
    assert quick.code is not interpreted and quick.source is None  # the next one swapped in the JIT's code
    assert accel.match_end(compiled, "President Ruto") == len("President Ruto")
    assert not accel.found_in(compiled, "the minister said")
