"""Throughput of the library extraction on one core.

Builds a corpus from samples/ (each sample repeated with a per-copy marker so
no two documents are identical), runs relfacts.extract over it in this one
process, and prints characters/second and articles/second.

    python benchmarks/throughput.py [--articles 3000] [--from FOLDER] [--passes 3]

--from builds the corpus from another folder's *.txt instead (say, the dev
set's real articles, which hold fewer facts per character than the samples).

The corpus is extracted --passes times; the figures are those of the median
pass, with the fastest and slowest beside them (a shared machine's speed
varies from minute to minute).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import relfacts

ROOT = Path(__file__).resolve().parents[1]


def corpus(n: int, folder: Path = ROOT / "samples") -> list[str]:
    samples = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    # vary each copy a little (an extra closing line) so caches cannot make copies free
    return [samples[i % len(samples)] + f"\nFiled as item {i}.\n" for i in range(n)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--from", dest="folder", type=Path, default=ROOT / "samples")
    ap.add_argument("--passes", type=int, default=3)
    a = ap.parse_args()
    docs = corpus(a.articles, a.folder)
    rules = relfacts.ruleset()
    for d in docs[:2]:  # warm-up: rule loading, first dateparser use and JIT compiling are start-up costs
        relfacts.extract(d, rules=rules)
    chars = sum(len(d) for d in docs)
    times = []
    for _ in range(max(1, a.passes)):
        t0 = time.perf_counter()
        facts = 0
        for d in docs:
            facts += len(relfacts.extract(d, rules=rules))
        times.append(time.perf_counter() - t0)
    times.sort()
    dt = times[len(times) // 2]
    print(f"corpus             {a.folder}")
    print(f"articles           {len(docs)}")
    print(f"characters         {chars}")
    print(f"facts              {facts}")
    print(f"passes             {len(times)}")
    print(f"seconds (median)   {dt:.2f}")
    print(f"characters/second  {chars / dt:,.0f}  (passes from {chars / times[-1]:,.0f} to {chars / times[0]:,.0f})")
    print(f"articles/second    {len(docs) / dt:,.0f}")


if __name__ == "__main__":
    main()
