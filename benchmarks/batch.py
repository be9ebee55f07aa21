"""Batch benchmark: `relfacts extract FOLDER` over a corpus built from samples/.

Builds 10,000 articles (each sample copied with a distinct closing line, in
100 sub-folders), then runs the real command, as a user would:

  - throughput with --workers 1 and --workers 2 (articles/second, characters/second),
    the two alternated (--rounds), and the speed-up as the ratio of the medians;
  - peak memory (resident set of the whole process tree: main process and
    workers, sampled every 20 ms) for 1,000 and for 10,000 articles.

    python benchmarks/batch.py [--articles 10000] [--format sqlite|jsonl|both] [--rounds 1] [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(folder: Path, n: int) -> int:
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    chars = 0
    for i in range(n):
        sub = folder / f"{i % 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = samples[i % len(samples)] + f"\nFiled as item {i}.\n"
        (sub / f"article-{i:05d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def _tree_rss_kb(pid: int) -> int:
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def measure(cmd: list, probe) -> tuple[float, int]:
    """(seconds, the highest probe(pid) sampled every 20 ms) of a command; exits when it fails."""
    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, probe(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"relfacts failed ({proc.returncode}): {err.decode()[-500:]}")
    return seconds, peak


def run(folder: Path, workers: int, fmt: str, out_dir: Path) -> tuple[float, int]:
    """(seconds, peak tree RSS in KB) of one `relfacts extract` run."""
    output = out_dir / f"facts-{workers}-{time.monotonic_ns()}.{fmt}"
    cmd = [sys.executable, "-m", "relfacts", "extract", str(folder), "-o", str(output), "-q", "-w", str(workers)]
    return measure(cmd, _tree_rss_kb)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--format", choices=("sqlite", "jsonl", "both"), default="both")
    ap.add_argument("--rounds", type=int, default=1, help="--workers 1/--workers 2 pairs, alternated")
    ap.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    a = ap.parse_args()
    base = a.keep or Path(tempfile.mkdtemp(prefix="relfacts-batch-"))
    try:
        big, small = base / "big", base / "small"
        small_n = max(1, a.articles // 10)
        for folder, n in ((big, a.articles), (small, small_n)):
            if not folder.is_dir():
                build_corpus(folder, n)
        chars = sum(p.stat().st_size for p in big.rglob("*.txt"))
        print(f"corpus: {a.articles} articles, {chars:,} bytes (and {small_n} for the memory comparison)")
        formats = ("jsonl", "sqlite") if a.format == "both" else (a.format,)
        print(f"cores: {os.cpu_count()}, output: {', '.join(formats)}, "
              f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        run(small, 1, formats[0], base)  # warm the rule cache and the file system
        for fmt in formats:
            results: dict[int, list] = {1: [], 2: []}
            for _ in range(a.rounds):
                for workers in (1, 2):
                    seconds, peak = run(big, workers, fmt, base)
                    results[workers].append(seconds)
                    print(f"{fmt:6s} workers={workers}: {seconds:6.1f} s  {a.articles / seconds:8.0f} articles/s  "
                          f"{chars / seconds:12,.0f} bytes/s  peak RSS {peak / 1024:6.1f} MiB", flush=True)
            one, two = statistics.median(results[1]), statistics.median(results[2])
            print(f"{fmt:6s} speed-up with 2 workers: {one / two:.2f}x (medians of {a.rounds}: {one:.1f} s, {two:.1f} s)")
        _, peak_small = run(small, 2, formats[-1], base)
        _, peak_big = run(big, 2, formats[-1], base)
        print(f"peak RSS, 2 workers, {formats[-1]}: {small_n} articles {peak_small / 1024:.1f} MiB, "
              f"{a.articles} articles {peak_big / 1024:.1f} MiB ({(peak_big / peak_small - 1) * 100:+.1f}%)")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if not a.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
