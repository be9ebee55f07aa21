"""Scoring extracted facts against annotated gold facts (`relfacts eval`).

Same contract and the same matching as ../shared/tools/score.py, so the two
agree: a trade fact matches on currency, kind and amount (within 0.5%); a
percentage on value; a treaty on kind and half the gold name's words (in the
predicted name or evidence); a visit on host and the visitor's surname or the
origin.  Field accuracy is measured on the matched pairs."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .engine.lazy import LazyPattern

TYPES = ("trade", "percentage", "treaty", "visit")
FIELDS = {
    "trade": ("flow", "date", "countries"),
    "percentage": ("direction",),
    "treaty": ("status", "date", "countries"),
    "visit": ("origin", "place", "kind", "date"),
}
_STOP = {"the", "of", "on", "and", "between", "in", "for", "to", "a", "an", "with", "by", "at", "s"}
_WORD = LazyPattern(r"[a-z0-9]+")
_NAME = LazyPattern(r"[A-Za-z\u00C0-\u024F'\-]+")


class GoldError(ValueError):
    pass


def _words(s) -> set:
    return {w for w in _WORD.findall((s or "").lower()) if w not in _STOP}


def _surname(name) -> str:
    toks = _NAME.findall(name or "")
    return toks[-1].lower() if toks else ""


def matches(type_: str, gold: dict, pred: dict) -> bool:
    try:
        if type_ == "trade":
            ga, pa = float(gold["amount"]), float(pred.get("amount"))
            return pred.get("currency") == gold["currency"] and pred.get("kind") == gold["kind"] and abs(pa - ga) <= 0.005 * abs(ga)
        if type_ == "percentage":
            return abs(float(pred.get("value")) - float(gold["value"])) < 0.005
    except (TypeError, ValueError):
        return False
    if type_ == "treaty":
        if pred.get("kind") != gold["kind"]:
            return False
        gw = _words(gold["name"])
        pw = _words(pred.get("name")) | _words(pred.get("text"))
        return bool(gw) and len(gw & pw) / len(gw) >= 0.5
    if type_ == "visit":
        if pred.get("host") != gold["host"]:
            return False
        sn = _surname(gold["visitor"])
        return bool(sn and sn in (pred.get("visitor") or "").lower()) or pred.get("origin") == gold["origin"]
    return False


def field_ok(name: str, gold: dict, pred: dict) -> bool:
    g, p = gold.get(name), pred.get(name)
    if name == "countries":
        return sorted(g or []) == sorted(p or [])
    if name == "place":
        return (g or "").lower() == (p or "").lower()
    return g == p


@dataclass
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Report:
    scores: dict
    errors: list  # ("missed"|"spurious", doc, fact)

    def macro_f1(self) -> float:
        seen = [t for t in TYPES if self.scores[t].tp + self.scores[t].fp + self.scores[t].fn]
        return sum(round(self.scores[t].prf()[2], 3) for t in seen) / len(seen) if seen else 0.0

    def micro(self) -> TypeScore:
        total = TypeScore()
        for t in TYPES:
            total.tp += self.scores[t].tp
            total.fp += self.scores[t].fp
            total.fn += self.scores[t].fn
        return total


def read_gold(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise GoldError(f"{path}:{n}: not JSON: {e.msg}") from None
    return out


def score(gold: dict[str, list[dict]], predicted: dict[str, list[dict]]) -> Report:
    """gold and predicted: document name -> facts (as dicts)."""
    scores = {t: TypeScore() for t in TYPES}
    errors = []
    for doc, gold_facts in gold.items():
        for t in TYPES:
            g = [x for x in gold_facts if x.get("type") == t]
            p = [x for x in predicted.get(doc, []) if x.get("type") == t]
            used = set()
            for gf in g:
                hit = next((j for j, pf in enumerate(p) if j not in used and matches(t, gf, pf)), None)
                if hit is None:
                    scores[t].fn += 1
                    errors.append(("missed", doc, gf))
                    continue
                used.add(hit)
                scores[t].tp += 1
                for f in FIELDS[t]:
                    c = scores[t].fields[f]
                    c[1] += 1
                    c[0] += field_ok(f, gf, p[hit])
            for j, pf in enumerate(p):
                if j not in used:
                    scores[t].fp += 1
                    errors.append(("spurious", doc, pf))
    return Report(scores, errors)


def evaluate_folder(folder: Path, extract_one) -> Report:
    """Extract every NAME.txt of `folder` with `extract_one(path) -> [fact dicts]`
    and score against NAME.gold.jsonl."""
    texts = sorted(Path(folder).glob("*.txt"))
    if not texts:
        raise GoldError(f"{folder}: no NAME.txt files")
    gold, predicted = {}, {}
    for txt in texts:
        gold_file = txt.with_name(txt.stem + ".gold.jsonl")
        if not gold_file.exists():
            raise GoldError(f"{txt}: no gold file {gold_file.name}")
        gold[txt.stem] = read_gold(gold_file)
        predicted[txt.stem] = extract_one(txt)
    return score(gold, predicted)
