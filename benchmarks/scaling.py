"""Time and peak memory of one document as it grows: real articles joined, and
the pathological families of issue 9 (many percentages in one sentence, many
visits, visits by a pronoun, a text without full stops).  Each size runs in a
fresh process, so the peak memory is that document's.

    python benchmarks/scaling.py [--sizes 10K,100K,1M] [--families real,percent,visits,pronouns,unpunctuated]

Prints, per family and size: CPU seconds of the extraction, microseconds of
CPU per character (flat when the work is linear), wall seconds, facts and peak
memory in MB.  CPU time, not wall time, is what is compared: on a shared
machine the wall time of one process grows with the others' load.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def family_text(family: str, size: int) -> str:
    """`size` characters of the family, made with no copy of the whole but the result."""
    parts, n, i = [], 0, 0
    if family == "real":
        arts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    while n < size:
        if family == "real":
            parts.append(arts[i % len(arts)])  # the sample itself, not a copy
            n += len(parts[-1])
            part = f"\nFiled as item {i}.\n"
        elif family == "percent":
            part = f"{i % 97 + 1}.{i % 10}%, " if i % 50 else f"Exports rose {i % 97}%, "
        elif family == "visits":
            part = (f"Kazakh President Kassym-Jomart Tokayev paid a state visit to Uzbekistan in "
                    f"{MONTHS[i % 12]} {1900 + i // 12 % 200}. ")
        elif family == "pronouns":  # visits by "he": each one's visitor looked up among the people named before
            part = (f"Kazakh President Kassym-Jomart Tokayev met officials in Astana. He paid a state visit to "
                    f"Uzbekistan in {MONTHS[i % 12]} {1900 + i // 12 % 200}, said Minister Ali Khan{i}. ")
        else:  # unpunctuated
            part = (f"trade between Kazakhstan and Uzbekistan reached ${i + 1} million in 2024, exports rose "
                    f"{i % 90 + 1}.{i % 10} percent and the presidents signed an agreement on item {i}, ")
        parts.append(part)
        n += len(part)
        i += 1
    excess = n - size
    while excess > 0:
        last = parts.pop()
        if len(last) > excess:
            parts.append(last[:len(last) - excess])
        excess -= len(last)
    return "".join(parts)


def _one(family: str, size: int) -> dict:
    import resource
    import time

    import relfacts

    for _ in range(2):  # patterns built and JIT-compiled, dateparser's tables made, before the clock starts
        for path in sorted((ROOT / "samples").glob("*.txt")):
            relfacts.extract(path.read_text(encoding="utf-8"), published="2025-01-01")
        relfacts.extract(family_text(family, 20_000), published="2025-01-01")
    text = family_text(family, size)
    start, cpu = time.perf_counter(), time.process_time()
    facts = relfacts.extract(text, published="2025-01-01")
    return {"seconds": time.process_time() - cpu, "wall": time.perf_counter() - start, "facts": len(facts),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _size(text: str) -> int:
    units = {"K": 1_000, "M": 1_000_000}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].upper() in units else int(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10K,100K,1M")
    ap.add_argument("--families", default="real,percent,visits,pronouns,unpunctuated")
    ap.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # family size: run in this process
    args = ap.parse_args()
    if args.one:
        print(json.dumps(_one(args.one[0], int(args.one[1]))))
        return
    print(f"{'family':13} {'size':>10} {'CPU s':>8} {'µs/char':>8} {'wall s':>8} {'facts':>7} {'peak MB':>8}")
    per_char: dict = {}
    for family in args.families.split(","):
        for size in map(_size, args.sizes.split(",")):
            out = subprocess.run([sys.executable, __file__, "--one", family, str(size)], capture_output=True,
                                 text=True, check=True).stdout
            r = json.loads(out)
            per_char[family, size] = r["seconds"] / size
            print(f"{family:13} {size:>10,} {r['seconds']:8.2f} {r['seconds'] / size * 1e6:8.2f} {r['wall']:8.2f} {r['facts']:7} "
                  f"{r['peak_mb']:8.0f}", flush=True)
    real = {size: t for (family, size), t in per_char.items() if family == "real"}
    if len(real) > 1:
        print(f"real articles: the slowest size costs {max(real.values()) / min(real.values()):.2f}x the fastest per char")
    for family in dict.fromkeys(f for f, _ in per_char):
        ratios = [t / real[size] for (f, size), t in per_char.items() if f == family and size in real]
        if family != "real" and ratios:
            print(f"{family}: at most {max(ratios):.1f}x the real articles' cost per char (same sizes)")


if __name__ == "__main__":
    main()
