"""Cluster benchmark: `relfacts extract FOLDERS -o X.parquet --scheduler local:N`.

Builds 100,000 articles from samples/ (each sample copied with a distinct
closing line, in 100 sub-folders of 1,000; the first 20 sub-folders are the
20,000-article corpus), then runs the real command, as a user would:

  - throughput on local:1 and local:2 (a LocalCluster of one or two
    single-threaded worker processes), 20,000 articles, alternating the two
    (--rounds), and the speed-up as the ratio of the medians;
  - the driver's peak memory (VmHWM of the relfacts process itself, not of
    its workers) at 20,000 and at 100,000 inputs, on local:2.

    python benchmarks/cluster.py [--articles 20000] [--large 100000] [--rounds 1] [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from batch import build_corpus, measure  # beside this file

ROOT = Path(__file__).resolve().parents[1]


def _peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run(inputs: list, scheduler: str, out: Path) -> tuple[float, int]:
    """(seconds, the driver's peak RSS in KB) of one run; the summary is on (to /dev/null)."""
    cmd = [sys.executable, "-m", "relfacts", "extract", *map(str, inputs), "-o", str(out), "--scheduler", scheduler]
    return measure(cmd, _peak_kb)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20000, help="the throughput corpus (a multiple of 1,000)")
    ap.add_argument("--large", type=int, default=100000, help="the large corpus for driver memory")
    ap.add_argument("--rounds", type=int, default=1, help="local:1/local:2 pairs, alternated")
    ap.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    a = ap.parse_args()
    base = a.keep or Path(tempfile.mkdtemp(prefix="relfacts-cluster-"))
    try:
        corpus = base / "corpus"
        if not corpus.is_dir():
            build_corpus(corpus, a.large)
        folders = sorted(p for p in corpus.iterdir() if p.is_dir())
        small = folders[: a.articles * len(folders) // a.large]
        chars = sum(p.stat().st_size for f in small for p in f.iterdir())
        print(f"corpus: {a.articles:,} articles ({chars:,} bytes) for throughput, {a.large:,} for driver memory")
        print(f"cores: {os.cpu_count()}, load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        run(small[:1], "local:1", base / "warm.parquet")  # the rule cache and the file system
        times: dict[str, list] = {"local:1": [], "local:2": []}
        for r in range(a.rounds):
            for scheduler in ("local:1", "local:2"):
                seconds, peak = run(small, scheduler, base / f"out-{scheduler[-1]}.parquet")
                times[scheduler].append(seconds)
                print(f"{scheduler}: {seconds:6.1f} s  {a.articles / seconds:7.0f} articles/s  "
                      f"driver peak {peak / 1024:6.1f} MiB")
        one, two = statistics.median(times["local:1"]), statistics.median(times["local:2"])
        print(f"speed-up local:2 over local:1: {one / two:.2f}x (medians of {a.rounds})")
        _, peak_small = run(small, "local:2", base / "mem-small.parquet")
        seconds, peak_large = run([corpus], "local:2", base / "mem-large.parquet")
        print(f"driver peak RSS, local:2: {a.articles:,} inputs {peak_small / 1024:.1f} MiB, {a.large:,} inputs "
              f"{peak_large / 1024:.1f} MiB ({(peak_large / peak_small - 1) * 100:+.1f}%); "
              f"{a.large:,} in {seconds:.0f} s")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if not a.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
