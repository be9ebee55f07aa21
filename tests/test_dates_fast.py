"""The month/day/year forms read without dateparser give what dateparser gives."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from relfacts.normalize.dates import _resolve, _with_dateparser, month_day_year

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def _month_forms(rng: random.Random) -> str:
    name = rng.choice(MONTHS)
    form = rng.choice([name, name[:3], name[:3] + ".", name.lower(), name.upper()])
    if name == "September" and rng.random() < 0.3:
        form = rng.choice(["Sept", "Sept."])
    return form


def _expressions(n: int, seed: int = 11):
    rng = random.Random(seed)
    pubs = [None, dt.date(2025, 2, 12), dt.date(2024, 12, 31), dt.date(2023, 1, 1), dt.date(2020, 2, 29),
            dt.date(2019, 7, 15)]
    for _ in range(n):
        month = _month_forms(rng)
        day = str(rng.choice([1, 2, 3, 5, 9, 11, 12, 13, 21, 22, 23, 28, 29, 30, 31, 0, 32]))
        if rng.random() < 0.15:
            day = day.zfill(2)
        if rng.random() < 0.4:
            day += rng.choice(["st", "nd", "rd", "th"])
        year = str(rng.randrange(1990, 2031))
        comma = rng.choice(["", ","])
        s = rng.choice([
            month, f"{month} {year}", f"{month}{comma} {year}", f"{month} {day}", f"{month} {day}{comma} {year}",
            f"{day} {month}", f"{day} {month}{comma} {year}",
        ])
        yield s, rng.choice(pubs)


CASES = list(_expressions(2500))


def test_the_fast_path_reads_what_dateparser_reads():
    answered = 0
    for s, pub in CASES:
        quick = month_day_year(s, pub)
        if quick is None:
            continue  # left to dateparser
        answered += 1
        assert quick == _with_dateparser(s, pub), (s, pub)
    assert answered > len(CASES) * 0.8  # the common forms are read without dateparser


@pytest.mark.parametrize("text, pub, expected", [
    ("Jan. 5", dt.date(2025, 2, 12), "2025-01-05"),
    ("April 19th, 2024", None, "2024-04-19"),
    ("1 March 2021", None, "2021-03-01"),
    ("August 2022", None, "2022-08"),
    ("in May", dt.date(2025, 2, 12), "2025-05"),
    ("Feb 29", dt.date(2025, 2, 12), "2024-02-29"),  # no such day this year: dateparser's answer
    ("February 30", dt.date(2025, 2, 12), None),
])
def test_resolved_dates(text, pub, expected):
    assert _resolve(text, pub) == expected


def test_other_forms_are_left_to_dateparser():
    assert month_day_year("the 5th of May", dt.date(2025, 2, 12)) is None
    assert month_day_year("Feb 29", dt.date(2025, 2, 12)) is None
    assert month_day_year("Mayday 3", dt.date(2025, 2, 12)) is None
