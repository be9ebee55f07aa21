"""Fuzzing in CI (issue 9): generated text through the library and the number,
money, percent and date parsers never crashes, never gives a value that is
no value, and long texts read in windows keep their facts.  The inputs are
made by tools/fuzz.py's generators (real-article fragments, numbers in every
form, dates, unicode, long tokens, the regression cases), driven by
hypothesis; tools/fuzz.py runs the same for 100,000 inputs and more."""
import datetime as dt
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import relfacts
from relfacts.normalize import numbers
from relfacts.normalize.dates import DateResolver
from relfacts.normalize.percent import parse_percent
from tools import fuzz

FAST = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@pytest.fixture(scope="module")
def material():
    return fuzz.Material()


@FAST
@given(rng=st.randoms(use_true_random=False))
def test_generated_text_gives_facts_or_none_and_never_crashes(material, rng):
    text = fuzz.text(rng, material)
    published, refused = fuzz.published(rng)
    if refused:
        with pytest.raises(ValueError, match="outside the years 1800-2200"):
            relfacts.extract(text, published=published)
        return
    facts = relfacts.extract(text, published=published)
    assert fuzz.check_facts(facts) is None
    for f in facts:
        assert text[f.span[0]:f.span[1]] == f.text


@FAST
@given(rng=st.randoms(use_true_random=False))
def test_generated_figures_parse_to_finite_values_or_are_refused(material, rng):
    for parse, piece in ((material.currencies.parse, fuzz.money(rng, material)), (parse_percent, fuzz.percent(rng)),
                         (numbers.parse_number, fuzz.figure(rng)), (numbers.parse_digits, fuzz.number(rng)),
                         (numbers.parse_words, fuzz.number(rng))):
        try:
            value = parse(piece)
        except ValueError:
            continue  # NumberError, PercentError, MoneyError: the parsers' refusal
        assert math.isfinite(getattr(value, "amount", value)), piece


@FAST
@given(rng=st.randoms(use_true_random=False),
       day=st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)) | st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31)]))
def test_generated_dates_resolve_to_a_date_or_none(rng, day):
    value = DateResolver(day).resolve(fuzz.date(rng))
    assert value is None or fuzz.DATE_VALUE.match(value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_a_number_or_refused(text):
    for parse in (numbers.parse_number, numbers.parse_digits, numbers.parse_words, parse_percent):
        try:
            assert math.isfinite(parse(text))
        except ValueError:
            pass


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_through_the_library(text):
    facts = relfacts.extract(text, published="2025-02-12")
    json.dumps([f.to_dict() for f in facts], allow_nan=False)


@pytest.mark.parametrize("case", fuzz.REGRESSIONS)
@pytest.mark.parametrize("published", [None, "1800-01-01", "2200-12-31", dt.datetime(2200, 12, 31, 23, 59)])
def test_the_regression_cases_of_issue_9(case, published):
    text = f"Trade between Kazakhstan and Uzbekistan reached $5 billion {case}."
    assert fuzz.check_facts(relfacts.extract(text, published=published)) is None


@pytest.mark.parametrize("figure", ["$1e308 billion", "$" + "9" * 400 + " billion", "$1,2,3,4.5.6 million"])
def test_figures_that_are_not_figures_give_no_trade_fact(figure):
    text = f"Trade between Kazakhstan and Uzbekistan reached {figure} in 2024."
    assert relfacts.extract(text, published="2025-01-01") == []
