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
