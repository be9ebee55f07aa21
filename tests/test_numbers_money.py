import pytest

from relfacts.normalize.money import MoneyError
from relfacts.normalize.numbers import NumberError, parse_number, parse_words, tidy


@pytest.mark.parametrize("text,value", [
    ("1,207", 1207), ("7,079", 7079), ("1.2022", 1.2022), ("2,5", 2.5), ("3.4", 3.4),
    ("1.2 billion", 1.2e9), ("3bn", 3e9), ("5 mln", 5e6), ("2,500 crore", 2.5e10),
    ("40m", 4e7), ("1.2 trillion", 1.2e12), ("one billion", 1e9), ("12 lakh", 1.2e6),
    ("forty-two", 42), ("three and a half", 3.5), ("one hundred and five", 105),
])
def test_numbers(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_number_words_reject_other_words():
    with pytest.raises(NumberError):
        parse_words("several")
    with pytest.raises(NumberError):
        parse_number("12 apples")


def test_tidy_keeps_whole_numbers_integral():
    assert tidy(1.2e9) == 1200000000 and isinstance(tidy(1.2e9), int)
    assert tidy(7.4) == 7.4


@pytest.mark.parametrize("text,amount,currency", [
    ("$1.2 billion", 1.2e9, "USD"), ("USD 500 million", 5e8, "USD"), ("US$100 million", 1e8, "USD"),
    ("1.5 bln dollars", 1.5e9, "USD"), ("$3bn", 3e9, "USD"), ("23.6 billion U.S. dollars", 2.36e10, "USD"),
    ("EUR 3 bln", 3e9, "EUR"), ("€40m", 4e7, "EUR"), ("1.2 trillion won", 1.2e12, "KRW"),
    ("Rs 2,500 crore", 2.5e10, "INR"), ("10 billion yuan", 1e10, "CNY"), ("5 mln rubles", 5e6, "RUB"),
    ("SR1,207 billion", 1.207e12, "SAR"), ("RO one billion", 1e9, "OMR"), ("¥41.8 billion", 4.18e10, "JPY"),
    ("£4.4bn", 4.4e9, "GBP"), ("245.4 billion Euros", 2.454e11, "EUR"), ("$ 5.7 billion", 5.7e9, "USD"),
    ("USD 7,079 million", 7.079e9, "USD"), ("3 billion tenge", 3e9, "KZT"), ("TL144.64 billion", 1.4464e11, "TRY"),
    ("$3.2-billion", 3.2e9, "USD"), ("US$ 1.5 billion", 1.5e9, "USD"),
])
def test_money(rules, text, amount, currency):
    m = rules.currencies.parse(text)
    assert m.amount == pytest.approx(amount)
    assert m.currency == currency


@pytest.mark.parametrize("text", ["1.2 billion", "several billion dollars", "the dollar"])
def test_money_needs_a_currency_and_a_number(rules, text):
    with pytest.raises(MoneyError):
        rules.currencies.parse(text)


def test_money_piece_matches_what_the_normalizer_reads(rules):
    money = rules.pieces.compiled("money")
    text = "Trade reached $1.2 billion, SR92.1 billion and 10 billion yuan, up from ro 5 million."
    found = [m.group() for m in money.finditer(text)]
    assert found == ["$1.2 billion", "SR92.1 billion", "10 billion yuan"]  # "ro" is not rials


# ---------------------------------------------------------------------------
# One vocabulary: the pieces that find numbers and currencies are made of the
# tables the parsers read.  Round trips, every currency alias, piece/parser
# agreement on generated text, and the limits that keep values values.
# ---------------------------------------------------------------------------
import math  # noqa: E402
from pathlib import Path  # noqa: E402

import regex  # noqa: E402
import yaml  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from relfacts.normalize import numbers  # noqa: E402
from relfacts.normalize.numbers import parse_digits  # noqa: E402
from relfacts.normalize.percent import PercentError, parse_percent  # noqa: E402

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CURRENCY_DATA = yaml.safe_load((Path(__file__).resolve().parents[1] / "relfacts/data/currencies.yaml")
                               .read_text(encoding="utf-8"))["currencies"]

# a small writer of English numbers, independent of the parser's tables
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _below_1000(n: int, hyphen: str = "-") -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        w = _ONES[rest] if rest < 20 else _TENS[rest // 10] + (hyphen + _ONES[rest % 10] if rest % 10 else "")
        parts.append(("and " if hundreds else "") + w)
    return " ".join(parts)


def in_words(n: int, hyphen: str = "-") -> str:
    if n == 0:
        return "zero"
    parts = []
    for value, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        group, n = divmod(n, value)
        if group:
            parts.append((_below_1000(group, hyphen) + " " + name).strip())
    return " ".join(parts)


# -- numbers: round trips --------------------------------------------------------------
@SETTINGS
@given(st.integers(min_value=0, max_value=999_999_999_999), st.sampled_from(["-", " "]))
def test_integers_written_in_words_read_back(n, hyphen):
    assert numbers.parse_words(in_words(n, hyphen)) == n


@SETTINGS
@given(st.integers(min_value=0, max_value=10**18 - 1))
def test_integers_written_in_digits_read_back(n):
    assert parse_digits(f"{n:,}") == float(n)  # a float: exact up to 2**53, the nearest one above
    assert parse_digits(str(n)) == float(n)
    assert numbers.parse_number(f"{n:,}") == float(n)


@SETTINGS
@given(st.integers(min_value=0, max_value=999_999), st.integers(min_value=0, max_value=99))
def test_decimal_points_and_decimal_commas_read_back(whole, cents):
    assert parse_digits(f"{whole:,}.{cents:02d}") == pytest.approx(whole + cents / 100)
    assert parse_digits(f"{whole},{cents:02d}") == pytest.approx(whole + cents / 100)  # two digits: a decimal comma


@SETTINGS
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["million", "billion", "trillion"]))
def test_number_words_before_a_scale_are_found_and_read(rules, n, scale):
    text = f"Trade reached {in_words(n)} {scale} dollars."
    found = [m.group() for m in rules.pieces.compiled("money").finditer(text)]
    assert found == [f"{in_words(n)} {scale} dollars"]
    money = rules.currencies.parse(found[0])
    assert money.amount == pytest.approx(n * rules.numbers.scales[scale]) and money.currency == "USD"


@SETTINGS
@given(st.integers(min_value=1, max_value=999))
def test_percentages_in_words_are_found_and_read(rules, n):
    text = f"Exports rose {in_words(n)} percent."
    found = [m.group() for m in rules.pieces.compiled("percent").finditer(text)]
    assert found == [f"{in_words(n)} percent"]
    assert parse_percent(found[0]) == n


@pytest.mark.parametrize("text,value", [
    ("thirteen", 13), ("nineteen", 19), ("one hundred and twenty million", 1.2e8), ("half a billion", 5e8),
    ("half a million", 5e5), ("a quarter of a million", 2.5e5), ("three quarters of a billion", 7.5e8),
    ("a half billion", 5e8), ("one and a half billion", 1.5e9), ("a billion", 1e9), ("a hundred million", 1e8),
    ("two hundred thousand", 2e5), ("one bn", 1e9),
    # a scale word of a scale word multiplies, as after digits ("1.2 lakh crore")
    ("eight lakh crore", 8e12), ("two lac crores", 2e12), ("five thousand crore", 5e10),
])
def test_number_words(text, value):
    assert numbers.parse_words(text) == pytest.approx(value)


@pytest.mark.parametrize("text,value", [
    ("3 billion 160 million", 3.16e9), ("612,87 million", 612.87e6), ("1,207", 1207), ("1,200,000", 1.2e6),
    ("3 millions", 3e6), ("5 crore 20 lakh", 5.2e7), ("1 million 500 thousand", 1.5e6), ("$5K", 5e3),
    ("5 mln", 5e6), ("3.2-billion", 3.2e9), ("half a billion", 5e8), ("5 million tonnes", 5e6),
    ("1.2 lakh crore", 1.2e12), ("4 thousand crore", 4e10), ("2 lakh crores", 2e12),
    ("3 billion and 160 million", 3.16e9), ("one billion and 200 million", 1.2e9),
    ("two billion 50 million", 2.05e9), ("about 5 million", 5e6),
    # three digits after a comma: a decimal comma only when three come before it and the three after are not zeros
    ("525,737 million", 525.737e6), ("1,200 million", 1.2e9), ("100,000 million", 1e11), ("3,160 billion", 3.16e12),
    ("525,737", 525737), ("100,000 crore", 1e12),
    # thousands of a larger scale, as Spanish writes them: "31 thousand 275 million" is 31,275 million
    ("31 thousand 275 million", 3.1275e10), ("6 thousand 80 million", 6.08e9),
    # German short forms, with their stop ("41,7 Mrd."), and "Mio."
    ("41,7 Mrd.", 4.17e10), ("850 Mio", 8.5e8),
])
def test_number_forms(text, value):
    assert numbers.parse_number(text.lstrip("$")) == pytest.approx(value)


@pytest.mark.parametrize("text", ["3 million 160 billion", "3 billion 160", "5 M", "a third", "several million",
                                  "one million and 200 billion", "3 billion and 160"])
def test_number_forms_that_are_not_numbers(text):
    with pytest.raises(NumberError):
        numbers.parse_number(text)


@pytest.mark.parametrize("text,amount,currency", [
    ("one hundred and twenty million dollars", 1.2e8, "USD"), ("half a billion dollars", 5e8, "USD"),
    ("a quarter of a million euros", 2.5e5, "EUR"), ("$3 billion 160 million", 3.16e9, "USD"),
    ("USD 612,87 million", 612.87e6, "USD"), ("$1,207", 1207, "USD"), ("$1,200,000", 1.2e6, "USD"),
    ("$3 millions", 3e6, "USD"), ("fifteen billion yuan", 1.5e10, "CNY"), ("R5 billion", 5e9, "ZAR"),
    ("R 12.3bn", 1.23e10, "ZAR"), ("Sh5 billion", 5e9, "KES"), ("KSh 20 million", 2e7, "KES"),
    ("Kshs 20 million", 2e7, "KES"), ("3 billion Sri Lankan rupees", 3e9, "LKR"), ("5 bn SL rupees", 5e9, "LKR"),
    ("LKR 4 billion", 4e9, "LKR"), ("Dh5bn", 5e9, "AED"), ("Dhs 3 billion", 3e9, "AED"), ("AED 1.2 billion", 1.2e9, "AED"),
    ("10 billion dirhams", 1e10, "AED"), ("10 billion Moroccan dirhams", 1e10, "MAD"), ("2 trillion naira", 2e12, "NGN"),
    ("40 billion rand", 4e10, "ZAR"), ("3 billion Tanzanian shillings", 3e9, "TZS"), ("9 billion renminbi", 9e9, "CNY"),
    ("5 trillion won", 5e12, "KRW"), ("80 billion tenge", 8e10, "KZT"), ("2 billion som", 2e9, "KGS"),
    ("1 billion somoni", 1e9, "TJS"), ("TL144.64 billion", 1.4464e11, "TRY"), ("4 billion Turkish lira", 4e9, "TRY"),
    ("Rs.5 billion", 5e9, "INR"), ("Rs 5 crore 20 lakh", 5.2e7, "INR"), ("Rs 1.2 lakh crore", 1.2e12, "INR"),
    ("₹3 thousand crore", 3e10, "INR"), ("one billion and 200 million dollars", 1.2e9, "USD"),
    ("$2 billion and 300 million", 2.3e9, "USD"), ("F$64 million", 6.4e7, "FJD"), ("$F410 million", 4.1e8, "FJD"),
    ("J$48 billion", 4.8e10, "JMD"), ("EC$12 million", 1.2e7, "XCD"), ("WS$31 million", 3.1e7, "WST"),
    ("5 million Fijian dollars", 5e6, "FJD"), ("1,875 MD", 1.875e9, "TND"), ("312.6 MD", 3.126e8, "TND"),
    ("11.2 billion new ouguiyas", 1.12e10, "MRU"),
    ("27 thousand 415 million dollars", 2.7415e10, "USD"), ("9 billion francs CFA", 9e9, "XOF"), ("97,6 Mrd. Euro", 9.76e10, "EUR"), ("7 bn. dollars", 7e9, "USD"),
])
def test_money_forms(rules, text, amount, currency):
    found = [m.group() for m in rules.pieces.compiled("money").finditer(text)]
    assert found == [text]
    m = rules.currencies.parse(text)
    assert m.amount == pytest.approx(amount) and m.currency == currency


# -- every currency alias ----------------------------------------------------------------
def test_each_currency_form_belongs_to_one_code():
    seen = {}
    for code, forms in CURRENCY_DATA.items():
        for kind in ("before", "before_number"):
            for form in forms.get(kind) or []:
                assert seen.setdefault(("before", form), code) == code, (form, code, seen[("before", form)])
        for form in forms.get("after") or []:
            assert seen.setdefault(("after", form.lower()), code) == code, (form, code, seen[("after", form.lower())])


def _aliases():
    for code, forms in CURRENCY_DATA.items():
        for kind in ("before", "before_number", "after"):
            for form in forms.get(kind) or []:
                yield code, kind, form


@pytest.mark.parametrize("code,kind,form", list(_aliases()))
def test_every_currency_alias_is_found_and_read(rules, code, kind, form):
    money = rules.pieces.compiled("money")
    if kind == "after":
        texts = [f"5.5 billion {form}", f"5.5bn {form}"]
    else:
        texts = [f"{form} 5.5 billion"] + ([] if form.endswith(".") else [f"{form}5.5 billion"])
    for text in texts:
        found = [m.group() for m in money.finditer(f"Trade reached {text} last year.")]
        assert found == [text], (text, found)
        m = rules.currencies.parse(text)
        assert (m.currency, m.amount) == (code, pytest.approx(5.5e9)), text
    if kind == "before_number":  # a currency only straight before digits
        assert not list(money.finditer(f"{form} one billion")), form


# -- negatives -----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "R&D spending rose to 5 billion last year.",
    "Sh. Ramesh Kumar said 20 million people were reached.",
    "Sh. Modi met them; a third of trade was in grain.",
    "Call +254 722 123 456 or (020) 123-4567, ext. 12.",
    "Trade was up a third on 2024, to 5 billion.",
    "The $1,2,3,4.5.6 million figure was a typo.",
    "A figure of $" + "9" * 400 + " was printed.",
    "Dr Leila Ben Salah, MD, said 1,875 patients were seen.",
    "The talks start at 1300 MDT on Friday.",
])
def test_not_money(rules, text):
    assert [m.group() for m in rules.pieces.compiled("money").finditer(text)] == []


@pytest.mark.parametrize("text,value", [
    ("Its share rose 4.2 pp to", 4.2), ("The share slid 3 ppt in May", 3), ("up 5 ppts on the year", 5),
    ("Exports grew 14 p.c. in 2024", 14), ("trimmed by .25% on Monday", 0.25), ("rose two percentage points", 2),
    ("fell 7pc last year", 7), ("a 1.5 percentage point gain", 1.5),
])
def test_every_percent_form_the_piece_finds_the_parser_reads(rules, text, value):
    # one vocabulary: {percent_unit} is the parser's own UNIT (normalize/percent.py)
    found = [m.group() for m in rules.pieces.compiled("percent").finditer(text)]
    assert len(found) == 1 and parse_percent(found[0]) == value


@pytest.mark.parametrize("text", ["a third", "one third of exports", "Call 020-123-4567.", "1,2,3%", "4.5.6%",
                                  "see pp. 12-14", "PC sales rose", "Exports rose 4 PP", "version 2.1.5 pc"])
def test_not_percent(rules, text):
    assert [m.group() for m in rules.pieces.compiled("percent").finditer(text)] == []


# -- values stay values ------------------------------------------------------------------------
def test_huge_figures_are_not_infinity(rules):
    with pytest.raises(NumberError):
        parse_digits("1" * 400)
    with pytest.raises(NumberError):
        numbers.parse_number("9" * 400 + " billion")
    with pytest.raises(MoneyError):
        rules.currencies.parse("$" + "1" * 400)
    with pytest.raises(PercentError):
        parse_percent("1" * 400 + "%")
    assert math.isfinite(numbers.parse_number("9" * 18 + " trillion"))


@pytest.mark.parametrize("text,value", [("1.234,5", 1234.5), ("2.500.000", 2500000), ("12.345.678,25", 12345678.25),
                                        ("1.234", 1.234), ("612,87", 612.87), ("1,234", 1234), ("6.000", 6000),
                                        ("6.0", 6.0), ("6.00", 6.0)])
def test_dots_group_thousands_only_before_a_decimal_comma_or_in_two_groups(text, value):
    assert parse_digits(text) == value


@pytest.mark.parametrize("text,value", [("2,15,000", 215000), ("12,50,00,000", 125000000), ("1,25,000.5", 125000.5),
                                        ("99,99,99,999", 999999999)])
def test_digits_grouped_in_lakhs_and_crores_read_whole(text, value):
    assert parse_digits(text) == value


def test_malformed_grouping_is_not_a_number(rules):
    for text in ("1,2,3,4.5.6 million", "1,2,3", "4.5.6", "1,20,0", "1.23.456", "1.234,5,6"):
        with pytest.raises(NumberError):
            numbers.parse_number(text)
    with pytest.raises(MoneyError):
        rules.currencies.parse("$1,2,3,4.5.6 million")


def test_tiny_percentages_keep_their_value():
    assert parse_percent("0.0000001%") == 1e-7
    assert tidy(parse_percent("0.0000001%")) == 1e-7
    assert tidy(0.1 + 0.2) == 0.3 and tidy(23.6 * 1e9) == 23600000000
    assert tidy(1.207 * 1e12) == 1207000000000 and tidy(1234567890123.45) == 1234567890123.45


def test_half_a_million():
    assert numbers.parse_words("half a million") == 500000


# -- the piece and the parser agree, on generated text ---------------------------------------------
def _forms(kind):
    return sorted({f for forms in CURRENCY_DATA.values() for f in forms.get(kind) or []})


_digit_strings = st.one_of(
    st.integers(min_value=0, max_value=10**22).map(str),
    st.integers(min_value=0, max_value=10**19).map(lambda n: f"{n:,}"),
    st.tuples(st.integers(0, 9999), st.integers(0, 999)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.tuples(st.integers(0, 9999), st.integers(0, 99)).map(lambda t: f"{t[0]},{t[1]}"),
    st.lists(st.sampled_from("0123456789.,"), min_size=1, max_size=12).map("".join),  # malformed ones too
)
_WORDS = numbers.bundled()
_words = st.sampled_from(
    sorted(_WORDS.units) + sorted(_WORDS.tens) + sorted(_WORDS.scales) + sorted(_WORDS.scale_letters)
    + sorted(_WORDS.articles) + sorted(_WORDS.fractions) + sorted(_WORDS.hundred)
    + ["and", "of", "third", "trade", "R&D", "Sh.", "(", ")", "=", "percent", "%", "per cent", "+254", "-"])
_phrases = st.one_of(st.integers(min_value=1, max_value=999_999_999).map(in_words),
                     st.sampled_from(["half a", "a quarter of a", "three and a half", "three quarters of a", "a half"]))
_tokens = st.one_of(_digit_strings, _words, _phrases, st.sampled_from(_forms("before") + _forms("before_number")),
                    st.sampled_from(_forms("after")))
_texts = st.lists(st.tuples(_tokens, st.sampled_from([" ", " ", "", "-", ", "])), min_size=1, max_size=12).map(
    lambda parts: "".join(tok + sep for tok, sep in parts))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_texts)
def test_what_the_pieces_find_the_parsers_read(rules, text):
    for m in rules.pieces.compiled("money").finditer(text):
        money = rules.currencies.parse(m.group())
        assert math.isfinite(money.amount), m.group()
    for m in rules.pieces.compiled("amount").finditer(text):
        assert math.isfinite(rules.numbers.parse_number(m.group())), m.group()
    for m in rules.pieces.compiled("percent").finditer(text):
        assert math.isfinite(rules.percent.parse(m.group())), m.group()
    # the first-character hints let every match through
    for name in ("money_hint", "percent", "digits"):
        piece = rules.pieces.defined[name]
        bare = regex.sub(r"^\(\?=(?:\[[^\]]*\]|\\d)\)", "", piece)
        assert ([m.span() for m in rules.pieces.compiled_text(piece).finditer(text)]
                == [m.span() for m in rules.pieces.compiled_text(bare).finditer(text)]), (name, text)


def test_hints_list_the_first_characters_of_the_built_in_words_and_signs(rules):
    def hint_chars(name):
        head = regex.match(r"\(\?=\[([^\]]*)\]", rules.pieces.defined[name])
        return set(regex.sub(r"\\d", "0123456789", head.group(1)))
    money_hint = hint_chars("money_hint")
    for word, value in rules.numbers.scales.items():
        if value >= numbers.LARGE_SCALE:
            assert word[0] in money_hint, word
            assert rules.pieces.compiled("money_hint").search(f"Trade of 5 {word} was seen"), word
    for form in rules.currencies.before:  # the signs: read from the currency table ({currency_sign})
        if not form[0].isalpha():
            assert rules.pieces.compiled("money_hint").search(f"Trade of {form}5 was seen"), form
    percent = hint_chars("percent")
    for word in list(rules.numbers.units) + list(rules.numbers.tens):
        assert word[0] in percent, word


def test_a_rule_file_cannot_redefine_a_built_in_piece(tmp_path):
    from relfacts.engine.ruleset import RuleErrors, load_ruleset

    (tmp_path / "mine.yaml").write_text("pieces:\n  scale_word: 'bn'\n", encoding="utf-8")
    with pytest.raises(RuleErrors, match="built in"):
        load_ruleset([tmp_path], use_cache=False)


# -- restatements stay one fact, in the currency written first ---------------------------------------
@pytest.mark.parametrize("text,amount,currency", [
    ("Trade between Turkey and Russia reached $5 billion (TL144.64 billion) in 2024.", 5e9, "USD"),
    ("Trade between Kenya and Uganda reached KSh 50 billion (USh 1.4 trillion) in 2024.", 5e10, "KES"),
    ("Exports from South Africa to Kenya rose to R12.3bn ($680m) in 2024.", 1.23e10, "ZAR"),
    ("Trade between the UAE and India reached Dh180 billion ($49 billion) in 2024.", 1.8e11, "AED"),
    ("Trade between Sri Lanka and India reached 1.2 trillion Sri Lankan rupees ($4 billion) in 2024.", 1.2e12, "LKR"),
])
def test_a_restated_figure_is_one_fact(text, amount, currency):
    import relfacts

    trade = [f for f in relfacts.extract(text, published="2025-03-01") if f.type == "trade"]
    assert [(f.fields["amount"], f.fields["currency"]) for f in trade] == [(pytest.approx(amount), currency)]


# -- a form several currencies write is read in the document's context -------------------------
@pytest.mark.parametrize("text,currency", [
    ("Exports from Pakistan to Afghanistan fell to Rs 150 billion in 2024.", "PKR"),
    ("LAHORE — Trade with China reached Rs 800 billion last year, traders said.", "PKR"),
    ("COLOMBO — Imports from India rose to 400 billion rupees in 2024.", "LKR"),
    ("Nepal's imports from India reached Rs 1.1 trillion in 2024.", "NPR"),
    ("India's exports to the UAE were worth Rs 1.2 lakh crore in 2024.", "INR"),
    ("India's exports to Pakistan fell to Rs 3,000 crore in 2024.", "INR"),  # both homes: the owner's
    ("Pakistan's imports from Japan reached 2 billion Indian rupees in 2024.", "INR"),  # said outright
    ("Morocco's exports to Spain reached 80 billion dirhams in 2024.", "MAD"),
    ("The UAE's exports to Oman reached 20 billion dirhams in 2024.", "AED"),  # the owner's home
    ("Tunisia's imports from Morocco reached 3 billion dirhams in 2024.", "MAD"),
    ("DAR ES SALAAM - Exports to Malawi rose to Sh 500 billion in 2024.", "TZS"),
    ("Kenya's exports to Tanzania rose to Sh 90 billion in 2024.", "KES"),  # both homes: the owner's
    ("Argentina's imports from Brazil reached 5 trillion pesos in 2024.", "ARS"),
    ("Egypt's imports from Turkey reached 90 billion pounds in 2024.", "EGP"),
    ("Iran's exports to Armenia reached 20 trillion rials in 2024.", "IRR"),
    ("PRAGUE - Mutual trade with Vietnam amounted to 71.4 billion crowns in 2024.", "CZK"),
    ("Czech exports to Poland reached 400 billion crowns in 2024.", "CZK"),
    ("STOCKHOLM - Sweden's exports to Finland rose to 120 billion crowns in 2024.", "SEK"),
    ("Norway's imports from China reached 90 billion crowns in 2024.", "NOK"),
    ("Senegal's exports to Mali reached 300 billion CFA francs in 2024.", "XOF"),  # the owner's zone
    ("YAOUNDE - Exports to Chad reached 300 billion CFA francs in 2024.", "XAF"),  # the central zone's
    ("Gabon's imports from Congo rose to FCFA 90 billion in 2024.", "XAF"),
    ("Sudan's exports to Egypt reached 900 billion Sudanese pounds in 2024.", "SDG"),
    ("PORT LOUIS - Trade with India stood at Rs 1,148 crore in 2024.", "INR"),  # Mauritius counts in millions
    ("PORT LOUIS - Imports from India reached Rs 2 billion in 2024.", "MUR"),
    ("KATHMANDU - Exports to India reached Rs 900 crore in 2024.", "NPR"),  # both count in crore: the home's
    ("CALGARY - Trade between Alberta and Mexico reached $2.6 billion in 2024.", "CAD"),  # filed at home
    ("Victoria's exports to China reached $4 billion in 2024.", "USD"),  # no dateline, no home named: the owner's
    ("Trade between Australia and Vietnam reached $9 billion in 2024.", "AUD"),  # no dateline: about a home
    ("Trade between Australia and the United States reached $70 billion in 2024.", "USD"),  # and the owner's
    ("Canada is China's partner. Trade between Canada and China reached $90 billion in 2024. Trade between China and Korea"
     " reached $300 billion in 2024.", "CAD|USD"),  # no dateline: a sentence of other countries, the owner's
    ("Trade deals in force\nBy Chen Lu (China Daily)\nTrade between Australia and China reached $150 billion in 2024.",
     "USD"),  # an outlet's byline
    ("NEW DELHI (PTI) - New Zealand's exports to India reached $1.7 billion in 2024.", "USD"),  # filed elsewhere
    ("CANBERRA, March 5 (Yonhap) - Korea's imports from Australia reached $19 billion in 2024.", "USD"),  # a news agency's
    ("TORONTO, May 2 (CP) - Trade between Ontario and Mexico reached $40 billion in 2024.", "CAD"),  # a local one's
    ("OTTAWA - Exports to Japan were C$30 billion in 2024. Exports to Chile reached $3 billion in 2024.", "CAD|USD"),  # its own sign written
    ("LONDON - Exports to Japan reached $2.6 billion in Canadian dollars in 2024.", "CAD"),  # named after it
    ("LONDON - Exports to Vietnam reached $340 million Cdn in 2024.", "CAD"),
])
def test_a_shared_currency_form_is_read_in_context(text, currency):
    import relfacts

    trade = [f for f in relfacts.extract(text, published="2025-03-01") if f.type == "trade"]
    assert [f.fields["currency"] for f in trade] == currency.split("|")


def test_money_rules_still_run_on_pcre2(rules):
    """{money} is used up to four times in a pattern (trade.not.restated): it must
    stay small enough for PCRE2, or those rules fall back to the slower `regex`."""
    from relfacts.engine import accel

    if not accel.enabled():
        pytest.skip("PCRE2 is not installed here")
    for rule in rules.rules:
        if "{money}" in rule.pattern:
            compiled = getattr(rule.compiled, "compiled", rule.compiled)
            assert accel.fast(compiled) is not None, rule.id


# -- the vocabulary is data: a rule folder adds words (a `numbers:` section) -----------------------
def test_the_french_scale_word_is_bundled(rules):
    """numbers.yaml: "milliard(s)", as English news of Mauritius and the Maghreb writes it."""
    assert rules.currencies.parse("Rs 27,5 milliards").amount == pytest.approx(27.5e9)
    assert rules.numbers.parse_words("two milliards") == pytest.approx(2e9)


def test_a_rule_folder_adds_number_words_that_the_rules_find_and_the_parsers_read(tmp_path):
    import relfacts
    from relfacts.engine.ruleset import default_rules_dir, load_ruleset

    (tmp_path / "miliardi.yaml").write_text(
        "numbers:\n  scales: {miliardo: 1000000000, miliardi: 1000000000, milioni: 1000000}\n  units: {deux: 2, zwölf: 12}\n",
        encoding="utf-8")
    rules = load_ruleset([default_rules_dir(), tmp_path], use_cache=False)
    assert rules.pieces.compiled("money").search("exports of 4.5 miliardo euros").group() == "4.5 miliardo euros"
    assert rules.currencies.parse("4.5 miliardo euros").amount == pytest.approx(4.5e9)
    assert rules.numbers.parse_words("deux miliardi") == pytest.approx(2e9)
    assert rules.numbers.parse_words("zwölf miliardi") == pytest.approx(12e9)
    # a word of a million reads round hundreds after a dot as thousands, as "million" does ("€2.500 milioni")
    assert rules.currencies.parse("€2.500 milioni").amount == pytest.approx(2.5e9)
    facts = relfacts.extract("Trade between Italy and Tunisia reached 11.2 miliardo euros in 2024.", rules=rules)
    assert [(f.get("amount"), f.get("currency"), f.date) for f in facts if f.type == "trade"] == [(11.2e9, "EUR", "2024")]
    # the bundled vocabulary, and a rule set without the folder, do not have the word
    with pytest.raises(NumberError):
        parse_number("4.5 miliardo")
    found = relfacts.ruleset().pieces.compiled("money").search("4.5 miliardo euros")
    assert found is None or found.group() != "4.5 miliardo euros"


def test_a_rule_folder_adds_percentage_units_and_direction_stems(tmp_path):
    import relfacts
    from relfacts.engine.ruleset import default_rules_dir, load_ruleset

    (tmp_path / "mine.yaml").write_text(
        "percent:\n  units: ['por\\s?ciento\\b']\n  increase: [aument]\n  decrease: [baj]\n", encoding="utf-8")
    rules = load_ruleset([default_rules_dir(), tmp_path], use_cache=False)
    assert rules.pieces.compiled("percent").search("las ventas subieron 12 por ciento").group() == "12 por ciento"
    assert rules.percent.parse("12 por ciento") == 12
    assert [rules.percent.direction(w) for w in ("aumentaron", "bajaron", "rose", "tal")] == \
        ["increase", "decrease", "increase", None]
    # the default rule set has none of them
    assert relfacts.ruleset().pieces.compiled("percent").search("subieron 12 por ciento") is None
    with pytest.raises(PercentError):
        parse_percent("12 por ciento")


@pytest.mark.parametrize("section, message", [
    ("numbers:\n  scale: {milliard: 1000000000}\n", "mine.yaml:2: numbers: unknown kind 'scale' (did you mean 'scales'?)"),
    ("numbers:\n  scales:\n    milliard: -5\n", "mine.yaml:3: numbers.scales.milliard: the value must be a number above 0"),
    ("numbers:\n  scales: {'1e9': 1000000000}\n", "mine.yaml:2: numbers.scales: '1e9' is not a word (letters only)"),
    ("numbers:\n  scale_letters: {bn: 1000000000}\n", "mine.yaml:2: numbers.scale_letters: 'bn' is not a single letter"),
    ("numbers: [milliard]\n", "mine.yaml:1: `numbers` must map units, tens"),
    ("percent:\n  unit: ['pct']\n", "mine.yaml:2: percent: unknown kind 'unit' (did you mean 'units'?)"),
    ("percent:\n  units: ['per(cent']\n", "mine.yaml:2: percent.units: 'per(cent' is not a regex"),
    ("percent:\n  increase: aument\n", "mine.yaml:2: percent.increase: expected a list of strings"),
    ("percent: [pct]\n", "mine.yaml:1: `percent` must map units, increase, decrease to lists"),
    ("currencies:\n  TND:\n    after_scaled: {MD: lots}\n", "mine.yaml:3: TND.after_scaled: 'lots' is not a scale word"),
    ("currencies:\n  TND:\n    after_scaled: [MD]\n", "mine.yaml:3: TND.after_scaled: expected a mapping of forms to scale words"),
])
def test_a_malformed_vocabulary_section_is_reported_with_its_line(tmp_path, section, message):
    from relfacts.engine.ruleset import RuleErrors, load_ruleset

    (tmp_path / "mine.yaml").write_text(section, encoding="utf-8")
    with pytest.raises(RuleErrors) as caught:
        load_ruleset([tmp_path], use_cache=False)
    assert any(message in p for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize("text,amount,code", [("Gs. 64.600 million", 64_600_000_000, "PYG"), ("12.500 guaranis", 12_500, "PYG"),
                                              ("VND 2.300 billion", 2_300_000_000_000, "VND"), ("$1.125 billion", 1_125_000_000, "USD"),
                                              ("€2.125 million", 2_125_000, "EUR"), ("€2.500 million", 2_500_000_000, "EUR"),
                                              ("US$ 4.800 million", 4_800_000_000, "USD"), ("$4.800 billion", 4_800_000_000, "USD"),
                                              ("$0.500 million", 500_000, "USD"), ("KD 1.200 million", 1_200_000, "KWD"),
                                              ("RO 4.800 million", 4_800_000, "OMR"),
                                              ("US$ 3.784 millions", 3_784_000_000, "USD"), ("€1.250 billions", 1_250_000_000_000, "EUR"),
                                              ("US$ 2.5 millions", 2_500_000, "USD"), ("$3.784 million", 3_784_000, "USD"),
                                              ("KD 1.250 millions", 1_250_000, "KWD")])
def test_one_dot_groups_thousands_only_for_a_currency_written_so(rules, text, amount, code):
    """currencies.yaml `dot_groups`: "Gs. 64.600 million" is 64,600 million guaranis; after the dollar
    or the euro, "1.125" and "2.125" are decimals, and so is a figure of billions; but no English writes
    round hundreds after a decimal point before "million": "US$ 4.800 million" keeps a Spanish grouping
    (not after a lone 0, nor in a currency written with three decimals, `three_decimals`: "KD 1.200 million");
    nor does English write a scale word in the plural after a figure: "US$ 3.784 millions" is thousands too."""
    found = rules.currencies.parse(text)
    assert (found.amount, found.currency) == (pytest.approx(amount), code)
