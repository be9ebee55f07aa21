"""Start-up: `relfacts extract samples/<one>.txt`, end to end, as a user runs it.

Times the whole command (a new process each run) beside a bare interpreter
(`python -c pass`), alternately, so both see the same moment of a shared
machine, and prints the medians and the median ratio:

  - warm: the rule cache is in the user's cache folder (every run after the first);
  - first run: an empty user cache folder, as after `pip install .` or a rule
    change.  `pip install .` ships the default rules' cache in the package
    (setup.py); the line says how many first runs found it there, and how many
    built the cache themselves (a checkout never installed, or edited since);
  - rule edited: with a rule file of the user's own (--rules), edited before
    each run, as its author does: the rule set is built anew, taking what the
    one cached before it compiled (engine/cache.py, `seed`).

    python benchmarks/startup.py [--runs 9] [--sample samples/eu-kenya-agreement.txt]
    python benchmarks/startup.py --python /tmp/venv/bin/python   # an installed relfacts (pip install . there)

By default the checkout's code runs (`python -m relfacts` here); with
--python, that interpreter's installed relfacts runs, from a folder outside
the checkout.  Each child runs with byte-code files allowed (pip writes them
at install time; PYTHONDONTWRITEBYTECODE in the environment would otherwise
add the compiling of every module to every run).
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


# a rule file of a user's own, edited before each run of the "rule edited" row
OWN_RULES = ROOT / "tests" / "data" / "own-rules" / "dropped-in.yaml"


def timed(cmd: list[str], env: dict, cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--sample", type=Path, default=ROOT / "samples" / "eu-kenya-agreement.txt")
    ap.add_argument("--python", default=sys.executable, help="the interpreter of an installed relfacts")
    a = ap.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    installed = a.python != sys.executable
    if installed:
        env.pop("PYTHONPATH", None)
    bare = [a.python, "-c", "pass"]
    command = [a.python, "-m", "relfacts", "extract", str(a.sample.resolve())]
    folder = Path(tempfile.mkdtemp(prefix="relfacts-startup-"))
    cwd = folder if installed else ROOT
    try:
        warm_env = dict(env, RELFACTS_CACHE=str(folder / "warm"))
        timed(command, warm_env, cwd)  # builds the warm cache (and the byte code)
        rows = {"warm": ([], []), "first run": ([], []), "rule edited": ([], [])}
        built = 0
        mine = folder / "my-rules.yaml"
        own = OWN_RULES.read_text(encoding="utf-8")
        mine.write_text(own, encoding="utf-8")
        edited_env = dict(env, RELFACTS_CACHE=str(folder / "edited"))
        edited = command + ["--rules", str(mine)]
        timed(edited, edited_env, cwd)  # its first build
        for i in range(a.runs):
            mine.write_text(own + f"# edit {i}\n", encoding="utf-8")
            rows["rule edited"][0].append(timed(edited, edited_env, cwd))
            rows["rule edited"][1].append(timed(bare, env, cwd))
            rows["warm"][0].append(timed(command, warm_env, cwd))
            rows["warm"][1].append(timed(bare, env, cwd))
            cold = folder / f"cold-{i}"  # an empty cache each time
            rows["first run"][0].append(timed(command, dict(env, RELFACTS_CACHE=str(cold)), cwd))
            rows["first run"][1].append(timed(bare, env, cwd))
            built += any(cold.glob("rules-*.pickle"))
        shown = a.sample.resolve()
        print(f"command: relfacts extract {shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown}"
              f"  ({a.runs} runs each, alternating with `python -c pass`; "
              f"{'the relfacts installed for ' + a.python if installed else 'the checkout'})")
        for label, (mine, base) in rows.items():
            ratios = [m / b for m, b in zip(mine, base)]
            print(f"{label:11s} {statistics.median(mine):6.3f} s (from {min(mine):.3f} to {max(mine):.3f})   "
                  f"python -c pass {statistics.median(base):6.3f} s   ratio {statistics.median(ratios):5.1f}x")
        print(f"first runs that found the shipped cache of the default rules: {a.runs - built} of {a.runs}"
              + (f" ({built} built their own)" if built else ""))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
