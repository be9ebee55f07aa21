"""The words a pattern needs (engine/literals.py) and the sentences a rule is
run in because of them (engine/prefilter.py): the reading must be sound (a
sentence where the pattern matches always holds them), and say something."""
import pytest
import regex
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from relfacts.document import Document
from relfacts.engine import accel, literals, prefilter
from relfacts.engine.pieces import Pieces


def _needs(text, pieces=None):
    return [sorted(c) for c in literals.needs(text, pieces)]


def test_words_in_sequence_and_either_or():
    assert _needs(r"(?:signed|inked)\s+(?:an?\s+)?(?:agreement|deal)") == [["inked", "signed"], ["agreement", "deal"]]


def test_an_optional_letter_gives_both_spellings():
    assert _needs(r"\btravell?ed\s+to\b") == [["traveled", "travelled"]]


def test_a_piece_is_read_as_its_text():
    pieces = Pieces({}, {"arrive": r"arrived|landed|touched\s+down"})
    assert _needs(r"(?P<who>\p{Lu}\w+)\s+{arrive}\s+in\b", pieces) == [["arrived", "landed", "touched"]]


def test_what_needs_nothing_gives_no_clause():
    assert _needs(r"\p{Lu}[\w-]+(?:\s+\p{Lu}[\w-]+)*") == []
    assert _needs(r"(?:visit|\d+)\s+to") == []  # a branch that needs nothing: the whole needs nothing
    assert _needs(r"(?:visit)?\s+to") == []  # optional: not needed
    assert _needs(r"of") == []  # too short to be worth looking for


def test_lookarounds_and_conditionals_ask_for_nothing_of_their_own():
    assert _needs(r"(?<!\bex-)(?=\p{Lu})minister\b(?!\s+of\s+state)") == [["minister"]]
    assert _needs(r"(?P<_the>the\s+)?(?(_the)summit|meeting)") == [["meeting", "summit"]]


def test_an_optional_part_that_is_not_plain_text_breaks_the_sequence():
    # "Agreement (MTA), a pact": the bracketed name is optional and not plain text,
    # so "agreement," is needed but "agreement)," is not
    found = _needs(r"Agreement(?:\s+\([A-Z]{2,5}\))?,\s+a\s+pact")
    assert found == [["agreement"], ["pact"]]


def test_text_that_cannot_be_read_needs_nothing():
    assert _needs(r"\L<names> visited") == []  # the `regex` module's named lists: not read
    assert _needs(r"visit(") == []


WORDS = ["visit", "trip", "signed", "deal", "accord", "trade", "rose", "fell"]
_PART = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from([r"\s+", r"\w*", r"\p{Lu}", r"[,;]", r"\b", r"(?=\s)", r"\d+"]),
)


@st.composite
def _patterns(draw, depth=2):
    parts = draw(st.lists(_PART if depth == 0 else st.one_of(_PART, _patterns(depth=depth - 1)), min_size=1, max_size=4))
    text = "".join(parts)
    shape = draw(st.sampled_from(["{}", "(?:{})?", "(?:{})+", "(?:{}|trip)", "(?:{}|\\d)", "(?P<g>{})"]))
    return shape.format(text)


@settings(max_examples=400, deadline=None)
@given(_patterns(), st.lists(st.sampled_from(WORDS + [" ", "  ", ",", "A", "7", "x"]), max_size=12))
def test_every_match_holds_a_string_of_every_clause(pattern, words):
    text = "".join(words)
    found = regex.search(pattern, text, regex.I)
    if found is None:
        return
    matched = found.group().casefold()
    for clause in literals.needs(pattern):
        assert any(s in matched for s in clause), (pattern, text, clause)


def _texts(rules):
    out = [ex.text for r in rules.rules for ex in r.examples]
    out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    return out


@pytest.mark.heavy
def test_no_rule_is_kept_from_a_sentence_it_matches_in(rules):
    """Every rule example and sample: wherever a rule's pattern matches, the
    prefilter lets the rule run in that sentence.  (Matched on PCRE2 where it runs
    the rule, as an extraction does: tests/test_engine.py shows both engines alike.)"""
    filter_ = rules.prefilter()
    assert filter_.automaton is not None
    for text in _texts(rules):
        doc = Document.from_text(text)
        met = filter_.met(doc)
        for rule in rules.rules:
            allowed = met.mask(rule)
            quick = accel.fast(rule.compiled)
            for i, (start, end) in enumerate(doc.sentences):
                if allowed >> i & 1:
                    continue
                if (next(iter(quick.finditer_sentence(doc, i)), None) is not None if quick
                        else rule.compiled.search(doc.text, start, end)):
                    pytest.fail(f"{rule.id} matches in {doc.text[start:end]!r} but is kept from it")


@pytest.mark.heavy
def test_no_people_pattern_is_kept_from_a_document_it_matches_in(rules):
    """The people patterns scan whole documents: one is skipped only where it cannot match."""
    filter_ = rules.prefilter()
    assert len(filter_.people_clauses) >= len(rules.people) // 2
    for text in _texts(rules):
        doc = Document.from_text(text)
        met = filter_.met(doc)
        for k, pattern in enumerate(rules.people):
            if not met.may_scan(k) and pattern.search(doc.text):
                pytest.fail(f"people pattern {k} matches in {text[:80]!r} but is skipped")


def test_a_people_pattern_runs_only_where_its_words_are(rules):
    filter_ = rules.prefilter()
    k = next(k for k, text in enumerate(rules.people_written) if "delegation" in text and k in filter_.people_clauses)
    assert not filter_.met(Document.from_text("Trade grew by 5% last year.")).may_scan(k)
    assert filter_.met(Document.from_text("The Fijian delegation, led by Mr Rabuka, arrived.")).may_scan(k)


def test_most_rules_need_words(rules):
    filter_ = rules.prefilter()
    assert len(filter_.rule_clauses) >= 0.75 * len(rules.rules)


def test_a_rule_runs_only_where_its_words_are(rules):
    doc = Document.from_text("The talks ended. Kenya and Norway signed a deal on fisheries. Rain fell.")
    met = rules.prefilter().met(doc)
    signed = next(r for r in rules.rules if r.id == "treaty.verb_object")
    assert prefilter.sentences_in(met.mask(signed) & 0b111) == [1]


def test_mask_and_sentences_are_inverse():
    assert prefilter.sentences_in(prefilter.mask_of([0, 3, 64])) == [0, 3, 64]
    assert prefilter.sentences_in(0) == []


def test_one_reading_of_the_text_is_one_per_sentence(rules):
    """The automaton reads the whole text once: what it finds is what reading each sentence
    alone finds, also where a letter folds to two ("ß", read sentence by sentence)."""
    filter_ = rules.prefilter()
    signed = next(r for r in rules.rules if r.id == "treaty.verb_object")
    for text in ("The talks ended. Kenya and Norway signed a deal on fisheries. Rain fell.",
                 "Talks in Straße ended. Kenya and Norway signed a deal on fisheries. Rain fell."):
        doc = Document.from_text(text)
        whole, alone = filter_.met(doc), filter_._met_by_sentence(doc, doc.text.casefold())
        assert whole.masks == alone.masks and whole.anywhere == alone.anywhere
        assert prefilter.sentences_in(whole.mask(signed)) == [1]
