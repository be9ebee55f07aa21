"""Fuzzing: generated inputs through `relfacts.extract` and the number, money,
percent and date parsers, counting crashes and slow inputs.

    python tools/fuzz.py [--count 100000] [--seed 1] [--workers 1] [--crashes fuzz-crashes.jsonl]

Each input is made from its own seed (seed + its number), so a crash is
reproduced by `--only N`.  An input mixes fragments of real articles (the
samples and the phenomena corpus, written for this project), numbers in every
form the parsers read and many they must refuse (400 digits, "1e308",
"1,2,3,4.5.6", "0.0000001%"), money in every currency form, percentages,
dates (relative ones against publication dates at the ends of the accepted
range), unicode (accents, right-to-left, combining marks, emoji, lone
surrogates, NUL, zero-width), long tokens and the regression cases of issue 9.

A crash is any exception but the documented ones: ValueError for a
publication date outside 1800-2200 (the script passes some on purpose), the
parsers' NumberError/PercentError/MoneyError (ValueErrors) for text that is no
number.  A result is wrong when it is not valid JSON (a non-finite amount)
or a date is not YYYY[-MM[-DD]].  An input is slow when it takes more CPU time (not
wall time: the machine may be shared) than --slow seconds plus
--slow-per-char per character, twice (the first use of dateparser's tables
for a language makes one run slow).  Prints the counts; exits
1 when there is a crash, a wrong result or a slow input.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# -- the material ----------------------------------------------------------------------------
REGRESSIONS = [  # issue 9's cases, and the fuzzing's own finds
    "on Wednesday", "tomorrow", "last year", "next month", "yesterday", "next Friday", "last March",
    "$" + "9" * 400 + " billion", "$1e308 billion", "$1,2,3,4.5.6 million", "0.0000001%", "half a billion dollars",
    "half a million", "Exports rose " + ", ".join(["5%"] * 300) + ".",
    "Kazakh President Kassym-Jomart Tokayev paid a state visit to Uzbekistan in March 2024. " * 5,
    "trade between Kazakhstan and Uzbekistan reached $5 million in 2024, exports rose 3.5 percent " * 8,
]
UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALES = ["thousand", "million", "millions", "billion", "bn", "bln", "mln", "mn", "trillion", "tn", "crore", "lakh",
          "cr", "bil", "mil", "k", "K", "m", "M", "b", "B", "Million", "BILLION"]
PERCENT_UNITS = ["%", " %", " percent", " per cent", " pct", " pc", " percentage points", "-percent", "percent"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Jan.", "Feb.", "Sept.", "Dec"]
DATE_FORMS = [
    "today", "yesterday", "tomorrow", "last year", "this year", "next year", "the previous year", "the past year",
    "last month", "next month", "this month", "the coming year", "{weekday}", "on {weekday}", "last {weekday}",
    "next {weekday}", "{month}", "last {month}", "next {month}", "{month} {day}", "{day} {month} {year}",
    "{month} {day}, {year}", "{month} {day}th, {year}", "in {year}", "{year}", "{year}-{yy}", "FY {year}-{yy}",
    "{month}-{month} {year}", "{month} {day}-{day2}", "{day}-{day2} {month} {year}", "early {year}",
    "the end of {year}", "mid-{year}", "{year}-{mm}-{dd}", "{day}/{mm}/{year}", "Q3 {year}", "H1 {year}",
]
ODD_NUMBERS = [
    "9" * 400, "1e308", "1E+308", "1,2,3,4.5.6", "0.0000001", "00000000000000000000001", "1" * 19, "1" * 18,
    "999,999,999,999,999,999", "1.7976931348623157e308", "inf", "nan", "-5", "−5", "5.", ".5", "5..5", "5,,5",
    "1,000.000.000", "1 000 000", "1\u00a0000", "1\u202f000", "٣٤", "１２３", "²", "½", "5½", "0x1F", "1_000",
    "12,34,56,789", ",5", "5,", "1.2.3", "0", "000", "1" + "0" * 30, "3 billion 160 million 20 thousand",
    "one hundred and twenty million", "half a billion", "a quarter of a million", "three quarters of a billion",
    "one and a half billion", "million billion", "billion million", "a a a a million", "half half half",
]
UNICODE = [
    "é", "Türkiye", "Côte d’Ivoire", "São Tomé", "Đà Nẵng", "北京", "Москва", "القاهرة", "\u200f", "\u202e",
    "\u200b", "\u200d", "\ufeff", "\u0301", "e\u0301", "🇰🇿", "💰", "😀" * 20, "\ud800", "\udfff", "\x00", "\x1b[31m",
    "\r\n", "\r", "\u2028", "\u2029", "\t", "\x0c", "“", "”", "‘", "’", "—", "–", "…", "•", "\u00a0", "\u3000",
    "ﬁ", "ǅ", "İ", "ß", "Σ", "\U0010ffff", "\ufffd",
]
LINKS = [" ", " ", " ", ", ", ". ", "; ", " and ", " to ", " of ", " from ", " in ", " by ", "\n", "\n\n", " — ",
         " (", ") ", ": ", "\n- ", "\n1. ", "!", "?", ".", "", "-", "/"]
WORDS = ["trade", "exports", "imports", "rose", "fell", "reached", "amounted to", "totalled", "grew", "by", "to",
         "bilateral trade", "turnover", "between", "Kazakhstan", "Uzbekistan", "China", "the US", "U.S.", "India",
         "signed", "agreement", "treaty", "memorandum of understanding", "visited", "state visit", "arrived in",
         "President", "Prime Minister", "Mr.", "Dr.", "No.", "said", "target", "aim", "up", "down", "increase",
         "decrease", "compared to", "than", "since", "until", "previous", "while", "which", "Among them",
         "They include", "nine agreements", "a number of documents", "Georgia", "Jordan", "Male", "Congo",
         "Democratic Republic of Congo", "investment", "worth", "a 7.4% increase"]


def _fragments() -> list[str]:
    """Sentences and lines of the project's own texts: the samples and the phenomena corpus."""
    import yaml

    out = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        out += [s for s in re.split(r"(?<=[.!?])\s+|\n+", path.read_text(encoding="utf-8")) if s.strip()]
    for path in sorted((ROOT / "tests" / "phenomena").glob("*.yaml")):
        for family in yaml.safe_load(path.read_text(encoding="utf-8")).get("families", []):
            out += [case["text"] for case in family.get("cases", []) if isinstance(case.get("text"), str)]
    return out


class Material:
    """What inputs are made of (read once per process)."""

    def __init__(self):
        import relfacts

        rs = relfacts.ruleset()
        self.fragments = _fragments()
        self.currencies = rs.currencies
        self.before = sorted(rs.currencies.before)
        self.after = sorted(rs.currencies.after)
        self.countries = sorted(rs.countries.alias)[:4000]

    def warm_up(self) -> None:
        """Patterns built and JIT-compiled before any input is timed."""
        import relfacts

        for _ in range(2):
            for fragment in self.fragments:
                relfacts.extract(fragment, published="2025-02-12")


# -- generating ---------------------------------------------------------------------------------
def number(rng: random.Random) -> str:
    kind = rng.randrange(8)
    if kind == 0:
        return str(rng.randrange(10 ** rng.randrange(1, 25)))
    if kind == 1:
        return f"{rng.randrange(10 ** rng.randrange(1, 22)):,}"
    if kind == 2:
        return f"{rng.uniform(0, 10 ** rng.randrange(0, 8)):.{rng.randrange(0, 8)}f}"
    if kind == 3:
        return f"{rng.randrange(1000)},{rng.randrange(100):02d}"
    if kind == 4:
        words = [rng.choice(UNITS + TENS + ["a", "an", "half", "quarter", "quarters", "and", "of", "hundred", "zero"])
                 for _ in range(rng.randrange(1, 5))]
        return rng.choice([" ", "-"]).join(words)
    if kind == 5:
        return rng.choice(ODD_NUMBERS)
    if kind == 6:
        return f"{rng.randrange(1, 1000)}{rng.choice(['', ' ', '-'])}{rng.choice(SCALES)}"
    return "".join(rng.choice("0123456789.,  ") for _ in range(rng.randrange(1, 30)))


def figure(rng: random.Random) -> str:
    """A number with a scale word or two."""
    n = number(rng)
    for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
        n += rng.choice(["", " ", "-", "  "]) + rng.choice(SCALES)
        if rng.random() < 0.3:
            n += " " + number(rng)
    return n


def money(rng: random.Random, m: Material) -> str:
    f = figure(rng)
    if rng.random() < 0.55:
        return rng.choice(m.before) + rng.choice(["", "", " ", "  "]) + f
    return f + rng.choice([" ", "", "-"]) + rng.choice(m.after)


def percent(rng: random.Random) -> str:
    return rng.choice([number(rng), figure(rng)]) + rng.choice(PERCENT_UNITS)


def date(rng: random.Random) -> str:
    year = rng.choice([rng.randrange(1900, 2100), rng.randrange(0, 10000), 1, 9999, 1799, 2201])
    return rng.choice(DATE_FORMS).format(
        weekday=rng.choice(WEEKDAYS), month=rng.choice(MONTHS), day=rng.randrange(0, 40), day2=rng.randrange(0, 40),
        year=year, yy=f"{rng.randrange(100):02d}", mm=f"{rng.randrange(0, 14):02d}", dd=f"{rng.randrange(0, 33):02d}")


def published(rng: random.Random):
    """(a publication date, whether extract must refuse it)."""
    kind = rng.randrange(10)
    if kind < 3:
        return None, False
    if kind < 6:
        day = dt.date(rng.randrange(1800, 2201), rng.randrange(1, 13), rng.randrange(1, 29))
        return (day.isoformat() if kind == 3 else day), False
    if kind < 8:
        day = rng.choice([dt.date(1800, 1, 1), dt.date(2200, 12, 31), dt.date(1800, 3, 1), dt.date(2200, 12, 1)])
        return (dt.datetime.combine(day, dt.time(23, 59)) if kind == 6 else day), False
    day = rng.choice([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1799, 12, 31), dt.date(2201, 1, 1)])
    return (day.isoformat() if kind == 8 else day), True


def long_token(rng: random.Random) -> str:
    return rng.choice(["9", "a", "$", "%", "-", ".", ",", "é", " ", "(", "\n", "A."]) * rng.choice([50, 500, 3000])


def text(rng: random.Random, m: Material) -> str:
    makers = [
        lambda: rng.choice(m.fragments), lambda: rng.choice(m.fragments), lambda: rng.choice(m.fragments),
        lambda: money(rng, m), lambda: money(rng, m), lambda: percent(rng), lambda: percent(rng), lambda: date(rng),
        lambda: date(rng), lambda: figure(rng), lambda: rng.choice(WORDS), lambda: rng.choice(WORDS),
        lambda: rng.choice(m.countries), lambda: rng.choice(UNICODE), lambda: rng.choice(REGRESSIONS),
    ]
    parts = []
    for _ in range(rng.choice([1, 2, 4, 8, 16, 32, 64])):
        if rng.random() < 0.02:
            parts.append(long_token(rng))
        else:
            parts.append(rng.choice(makers)())
        parts.append(rng.choice(LINKS))
    out = "".join(parts)
    if rng.random() < 0.1:  # cut anywhere, a fragment mangled
        a = rng.randrange(len(out) + 1)
        out = out[:a] + rng.choice(UNICODE) + out[a + rng.randrange(3):]
    if rng.random() < 0.1:
        out = f" date {published(rng)[0] or '2025-02-12'}\n" + out
    return out


# -- running ----------------------------------------------------------------------------------
DATE_VALUE = re.compile(r"\A\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")


def check_facts(facts) -> str | None:
    """What is wrong with a result, or None."""
    for f in facts:
        try:
            json.dumps(f.to_dict(), allow_nan=False, default=str)
        except ValueError as e:
            return f"not valid JSON: {e}"
        if f.date is not None and not DATE_VALUE.match(str(f.date)):
            return f"date {f.date!r}"
    return None


def run_one(i: int, seed: int, m: Material, slow=(1.0, 50e-6)) -> tuple[str, float, dict]:
    """(outcome, CPU seconds, details): outcome is ok, crash, wrong or slow
    (more than slow[0] seconds plus slow[1] per character)."""
    import relfacts
    from relfacts.normalize import numbers
    from relfacts.normalize.dates import DateResolver
    from relfacts.normalize.percent import parse_percent

    rng = random.Random(seed * 1_000_003 + i)
    doc = text(rng, m)
    pub, refused = published(rng)
    pieces = [money(rng, m), percent(rng), figure(rng), number(rng), date(rng)]
    start = time.process_time()
    step = "extract"
    try:
        try:
            facts = relfacts.extract(doc, published=pub)
        except ValueError as e:
            if not refused or "outside the years 1800-2200" not in str(e):
                raise
            facts = []
        problem = check_facts(facts)
        if refused and facts:
            problem = f"publication date {pub} accepted"
        day = rng.choice([dt.date(1800, 1, 1), dt.date(2200, 12, 31), dt.date(2025, 2, 12), None])
        for step, piece, call in (("money", pieces[0], m.currencies.parse), ("percent", pieces[1], parse_percent),
                                  ("number", pieces[2], numbers.parse_number),
                                  ("digits", pieces[3], numbers.parse_digits), ("words", pieces[3], numbers.parse_words),
                                  ("date", pieces[4], DateResolver(day).resolve)):
            try:
                value = call(piece)
            except ValueError:
                continue  # the parsers' documented refusal (NumberError, PercentError, MoneyError)
            amount = getattr(value, "amount", value)
            if isinstance(amount, float) and not math.isfinite(amount):
                problem = problem or f"{step}: {amount!r} for {piece!r}"
            if step == "date" and value is not None and not DATE_VALUE.match(value):
                problem = problem or f"date: {value!r} for {piece!r}"
    except Exception as e:  # noqa: BLE001 - every other exception is what the fuzzing looks for
        return "crash", time.process_time() - start, {
            "input": i, "step": step, "error": f"{type(e).__name__}: {e}"[:300], "text": doc[:4000],
            "published": str(pub), "pieces": pieces, "traceback": traceback.format_exc()[-2000:]}
    seconds = time.process_time() - start
    if problem:
        return "wrong", seconds, {"input": i, "problem": problem, "text": doc[:4000], "published": str(pub)}
    if seconds > slow[0] + slow[1] * len(doc):  # again: a first use (a dateparser language)
        again = time.process_time()
        relfacts.extract(doc, published=None if refused else pub)
        seconds = min(seconds, time.process_time() - again)
    if seconds > slow[0] + slow[1] * len(doc):
        return "slow", seconds, {"input": i, "seconds": round(seconds, 3), "text": doc[:4000], "published": str(pub)}
    return "ok", seconds, {"input": i, "chars": len(doc)}


def _work(args):
    first, last, seed, slow = args
    m = _material()
    return [run_one(i, seed, m, slow) for i in range(first, last)]


_MATERIAL = None


def _material() -> Material:
    global _MATERIAL
    if _MATERIAL is None:
        _MATERIAL = Material()
        _MATERIAL.warm_up()
    return _MATERIAL


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--only", type=int, help="run input N alone and print it")
    ap.add_argument("--slow", type=float, default=1.0, help="seconds an input may take (plus --slow-per-char)")
    ap.add_argument("--slow-per-char", type=float, default=50e-6)
    ap.add_argument("--crashes", default="fuzz-crashes.jsonl", help="where crashing/wrong/slow inputs are written")
    args = ap.parse_args()
    if args.only is not None:
        outcome, seconds, details = run_one(args.only, args.seed, _material(), (args.slow, args.slow_per_char))
        print(outcome, f"{seconds:.3f}s", json.dumps(details, ensure_ascii=False, indent=1))
        return
    counts = {"ok": 0, "crash": 0, "wrong": 0, "slow": 0}  # characters are counted for the inputs that pass
    slowest = (0.0, None)
    chars = 0
    start = time.perf_counter()
    slow = (args.slow, args.slow_per_char)
    batches = [(a, min(a + 200, args.count), args.seed, slow) for a in range(0, args.count, 200)]
    if args.workers > 1:
        from multiprocessing import Pool

        pool = Pool(args.workers)
        results = pool.imap(_work, batches)
    else:
        results = map(_work, batches)
    with open(args.crashes, "w", encoding="utf-8") as log:
        done = 0
        for batch in results:
            for outcome, seconds, details in batch:
                counts[outcome] += 1
                if outcome == "ok":
                    chars += details["chars"]
                if seconds > slowest[0]:
                    slowest = (seconds, details["input"])
                if outcome != "ok":
                    log.write(json.dumps({"outcome": outcome, **details}) + "\n")  # ASCII: a lone surrogate is written escaped
                    log.flush()
                done += 1
            if done % 10_000 < 200:
                print(f"{done:,} inputs, {counts['crash']} crashes, {counts['wrong']} wrong, {counts['slow']} slow, "
                      f"{time.perf_counter() - start:.0f}s", file=sys.stderr, flush=True)
    print(f"inputs {args.count:,}  characters {chars:,}  crashes {counts['crash']}  wrong results {counts['wrong']}  "
          f"slow {counts['slow']}  slowest {slowest[0]:.2f}s (input {slowest[1]})  "
          f"elapsed {time.perf_counter() - start:.0f}s")
    if counts["crash"] or counts["wrong"] or counts["slow"]:
        print(f"details in {args.crashes}")
        sys.exit(1)


if __name__ == "__main__":
    main()
