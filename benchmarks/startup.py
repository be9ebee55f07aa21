"""Start-up: `relfacts extract samples/<one>.txt`, end to end, as a user runs it.

Times the whole command (a new process each run) beside a bare interpreter
(`python -c pass`), alternately, so both see the same moment of a shared
machine, and prints the medians and the median ratio:

  - warm: the rule cache is built (every run after the first);
  - first run: an empty rule cache, as after `pip install .` or a rule change.

    python benchmarks/startup.py [--runs 9] [--sample samples/eu-kenya-agreement.txt]

Each child runs with byte-code files allowed (pip writes them at install time;
PYTHONDONTWRITEBYTECODE in the environment would otherwise add the compiling
of every module to every run).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--sample", type=Path, default=ROOT / "samples" / "eu-kenya-agreement.txt")
    a = ap.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare = [sys.executable, "-c", "pass"]
    command = [sys.executable, "-m", "relfacts", "extract", str(a.sample)]
    folder = Path(tempfile.mkdtemp(prefix="relfacts-startup-"))
    try:
        warm_env = dict(env, RELFACTS_CACHE=str(folder / "warm"))
        timed(command, warm_env)  # builds the warm cache (and the byte code)
        rows = {"warm": ([], []), "first run": ([], [])}
        for i in range(a.runs):
            rows["warm"][0].append(timed(command, warm_env))
            rows["warm"][1].append(timed(bare, env))
            cold_env = dict(env, RELFACTS_CACHE=str(folder / f"cold-{i}"))  # an empty cache each time
            rows["first run"][0].append(timed(command, cold_env))
            rows["first run"][1].append(timed(bare, env))
        print(f"command: relfacts extract {a.sample.relative_to(ROOT) if a.sample.is_relative_to(ROOT) else a.sample}"
              f"  ({a.runs} runs each, alternating with `python -c pass`)")
        for label, (mine, base) in rows.items():
            ratios = [m / b for m, b in zip(mine, base)]
            print(f"{label:10s} {statistics.median(mine):6.3f} s (from {min(mine):.3f} to {max(mine):.3f})   "
                  f"python -c pass {statistics.median(base):6.3f} s   ratio {statistics.median(ratios):5.1f}x")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
