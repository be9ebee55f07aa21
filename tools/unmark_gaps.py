"""Remove `known_gap:` from the phenomena cases that now pass (the strict
xfails that XPASS).  Run after a rule change:  python tools/unmark_gaps.py"""
import re
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "phenomena"


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


out = subprocess.run([sys.executable, "-m", "pytest", "-q", "tests/test_phenomena.py"],
                     capture_output=True, text=True).stdout
passing = {m.group(1) for m in re.finditer(r"FAILED \S*test_phenomenon\[([^\]]+)\]", out)}
for path in sorted(CORPUS.glob("*.yaml")):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    ftype, family, case, drop = path.stem, None, 0, set()
    for i, line in enumerate(lines):
        fam = re.match(r"\s*-\s+family:\s*(.+?)\s*$", line)
        if fam:
            family, case = _slug(fam.group(1).strip("'\"")), 0
        elif re.match(r"\s*-\s+text:", line):
            case += 1
        elif re.match(r"\s*known_gap:", line) and f"{ftype}/{family}/{case}" in passing:
            drop.add(i)
    if drop:
        path.write_text("".join(l for i, l in enumerate(lines) if i not in drop), encoding="utf-8")
        print(f"{path.name}: {len(drop)} gap(s) closed")
