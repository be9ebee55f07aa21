"""Throughput of the library extraction on one core.

By default the corpus is real, unique articles: every article of the dev set
(../shared/devset) and of samples/ once.  Each pass gives every article a
publication date no article had in an earlier pass, so caches keyed by text and
date (resolved dates, date parsers) cannot make a later pass cheaper than the
first: every pass costs what a new archive of such articles costs.

    python benchmarks/throughput.py [--passes 15] [--from FOLDER ...]
    python benchmarks/throughput.py --repeated [--articles 3000] [--from FOLDER]

--repeated is the older corpus: samples/ (or --from) repeated to --articles
articles, each copy with its own closing line; the publication dates repeat,
as the articles' headers give them.

--floor also counts the time spent inside PCRE2's matching calls (the regular
expressions themselves, without any Python around them) and prints the rate
the extraction would reach if everything else took no time at all: a ceiling
that only fewer or cheaper patterns can raise.

Runs relfacts.extract over the corpus --passes times in this one process, after
a warm-up (rule loading, the first date parse, JIT compiling: start-up costs,
measured by benchmarks/startup.py), and prints the median pass's figures with
the fastest and slowest beside them (a shared machine's speed varies from
minute to minute).
"""
from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path


class MatchClock:
    """Time spent inside PCRE2's match calls: wraps the compiled module's `match`
    before relfacts binds it (relfacts/engine/accel.py calls it directly)."""

    def __init__(self):
        from pcre2 import _cy

        self.seconds, self.calls = 0.0, 0
        inner, clock = _cy.match, time.perf_counter

        def match(*args):
            t0 = clock()
            try:
                return inner(*args)
            finally:
                self.seconds += clock() - t0
                self.calls += 1
        _cy.match = match

    def reset(self):
        self.seconds, self.calls = 0.0, 0



ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"


def corpus(n: int, folder: Path = ROOT / "samples") -> list[str]:
    """The repeated corpus: the folder's articles, copied to n articles."""
    samples = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    # vary each copy a little (an extra closing line) so caches cannot make copies free
    return [samples[i % len(samples)] + f"\nFiled as item {i}.\n" for i in range(n)]


def unique_articles(folders) -> list[str]:
    """Every article of the folders, once."""
    return [p.read_text(encoding="utf-8") for folder in folders for p in sorted(Path(folder).glob("*.txt"))]


def dated(docs: list[str], first: int) -> list[tuple[str, dt.date]]:
    """The articles with distinct publication dates, from day `first` after 2000-01-01 on."""
    base = dt.date(2000, 1, 1)
    return [(d, base + dt.timedelta(days=first + i)) for i, d in enumerate(docs)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeated", action="store_true", help="the repeated corpus (samples/ copied)")
    ap.add_argument("--articles", type=int, default=3000, help="with --repeated: how many copies")
    ap.add_argument("--from", dest="folders", type=Path, action="append",
                    help="a folder of *.txt articles (repeatable; default: the dev set and samples/)")
    ap.add_argument("--passes", type=int, default=None, help="default: 15 (unique), 3 (repeated)")
    ap.add_argument("--floor", action="store_true", help="also time PCRE2's own matching (see above)")
    a = ap.parse_args()
    clock = MatchClock() if a.floor else None
    import relfacts

    rules = relfacts.ruleset()
    if a.repeated:
        folder = (a.folders or [ROOT / "samples"])[0]
        docs = [(d, None) for d in corpus(a.articles, folder)]
        passes = [docs] * (a.passes or 3)
        label = f"{folder}, repeated"
    else:
        folders = a.folders or [f for f in (DEVSET, ROOT / "samples") if f.is_dir()]
        articles = unique_articles(folders)
        n = len(articles)
        passes = [dated(articles, (p + 1) * n) for p in range(a.passes or 15)]
        label = ", ".join(str(f) for f in folders) + ", unique (a new publication date each pass)"
        docs = passes[0]
    warm = dated(unique_articles([ROOT / "samples"]), 0) if not a.repeated else docs[:2]
    for text, published in warm:  # warm-up: rule loading, the first date parse and JIT compiling
        relfacts.extract(text, published=published, rules=rules)
    chars = sum(len(d) for d, _ in docs)
    times, matching = [], []
    for run in passes:
        if clock:
            clock.reset()
        t0 = time.perf_counter()
        facts = 0
        for text, published in run:
            facts += len(relfacts.extract(text, published=published, rules=rules))
        times.append(time.perf_counter() - t0)
        if clock:
            matching.append((clock.seconds, clock.calls))
    order = sorted(range(len(times)), key=times.__getitem__)
    median = order[len(order) // 2]
    times.sort()
    dt_ = times[len(times) // 2]
    print(f"corpus             {label}")
    print(f"articles           {len(docs)}")
    print(f"characters         {chars}")
    print(f"facts              {facts}")
    print(f"passes             {len(times)}")
    print(f"seconds (median)   {dt_:.3f}")
    print(f"characters/second  {chars / dt_:,.0f}  (passes from {chars / times[-1]:,.0f} to {chars / times[0]:,.0f})")
    print(f"articles/second    {len(docs) / dt_:,.0f}")
    if clock:
        seconds, calls = matching[median]
        print(f"PCRE2 matching     {seconds:.3f} s of the median pass ({seconds / dt_:.0%}), {calls:,} calls "
              f"(timing each call adds its own small cost)")
        print(f"ceiling            {chars / seconds:,.0f} characters/second if nothing but the matching took time")


if __name__ == "__main__":
    main()
