"""The per-country-pair summary: what a batch found about each pair of
countries, readable at a glance for fifty pairs.  Built from fact dicts as
they stream by (memory grows with the number of pairs, not of facts or
documents: `add` is called once per document)."""
from __future__ import annotations

from dataclasses import dataclass, field

from rich import box
from rich.table import Table

from .output.table import _human_amount


@dataclass
class Pair:
    documents: int = 0
    turnover: tuple | None = None  # (date, amount, currency)
    targets: dict = field(default_factory=dict)  # (amount, currency) -> deadline
    signed: set = field(default_factory=set)
    planned: set = field(default_factory=set)
    visits: dict = field(default_factory=dict)  # (visitor, host) -> latest date
    facts: int = 0


class Summary:
    def __init__(self):
        self.pairs: dict[tuple, Pair] = {}
        self.documents = 0

    def add(self, doc_name: str, facts) -> None:
        self.documents += 1
        touched = set()
        for f in facts:
            countries = sorted(f.get("countries") or [])
            if len(countries) < 2:
                continue
            p = self.pairs.setdefault(tuple(countries[:2]), Pair())
            if id(p) not in touched:
                touched.add(id(p))
                p.documents += 1
            p.facts += 1
            date = f.get("date")
            t = f.get("type")
            if t == "trade" and f.get("flow") == "turnover":
                if f.get("kind") == "actual" and date and (p.turnover is None or date > p.turnover[0]):
                    p.turnover = (date, f.get("amount"), f.get("currency"))
                elif f.get("kind") == "target":
                    p.targets.setdefault((f.get("amount"), f.get("currency")), date)
            elif t == "treaty":
                if f.get("status") in ("signed", "ratified", "in_force"):
                    p.signed.add(_key(f.get("name")))
                elif f.get("status") in ("planned", "negotiating"):
                    p.planned.add(_key(f.get("name")))
            elif t == "visit":
                key = (f.get("visitor"), f.get("host"))
                if key not in p.visits or (date or "") > (p.visits[key] or ""):
                    p.visits[key] = date

    def merge(self, other: "Summary") -> None:
        """Add what another summary saw (a chunk's, made where the chunk ran):
        the same as if its documents had been added here."""
        self.documents += other.documents
        for key, q in other.pairs.items():
            p = self.pairs.setdefault(key, Pair())
            p.documents += q.documents
            p.facts += q.facts
            if q.turnover is not None and (p.turnover is None or q.turnover[0] > p.turnover[0]):
                p.turnover = q.turnover
            for target, deadline in q.targets.items():
                p.targets.setdefault(target, deadline)
            p.signed |= q.signed
            p.planned |= q.planned
            for visit, date in q.visits.items():
                if visit not in p.visits or (date or "") > (p.visits[visit] or ""):
                    p.visits[visit] = date

    def table(self, limit: int = 50) -> Table:
        table = Table(title=f"By country pair ({len(self.pairs)} pairs, {self.documents} documents)",
                      caption="turnover: the latest actual; treaties s/p: signed/planned", caption_justify="left",
                      title_justify="left", box=box.SIMPLE_HEAD)
        for col, justify in (("pair", "left"), ("docs", "right"), ("turnover", "right"),
                             ("targets", "left"), ("treaties s/p", "right"), ("visits", "left")):
            # a header is never split: its column is at least as wide
            table.add_column(col, justify=justify, overflow="fold", min_width=len(col), no_wrap=col == "pair")
        ranked = sorted(self.pairs.items(), key=lambda kv: (-kv[1].documents, -kv[1].facts, kv[0]))
        for (a, b), p in ranked[:limit]:
            turnover = f"{_money(p.turnover[1], p.turnover[2])} ({p.turnover[0][:4]})" if p.turnover else "–"
            targets = ", ".join(f"{_money(a_, c)}" + (f" by {d[:4]}" if d else "")
                                for (a_, c), d in list(p.targets.items())[:2]) or "–"
            visits = sorted(p.visits.items(), key=lambda kv: kv[1] or "", reverse=True)
            shown = "; ".join(f"{v} → {h}" + (f" {d}" if d else "") for (v, h), d in visits[:2])
            if len(visits) > 2:
                shown += f" (+{len(visits) - 2})"
            table.add_row(f"{a}–{b}", str(p.documents), turnover, targets,
                          f"{len(p.signed)}/{len(p.planned)}", shown or "–")
        if len(ranked) > limit:
            table.caption += f"; {len(ranked) - limit} more pairs not shown"
        return table


def _key(name) -> str:
    return " ".join(str(name or "").lower().split())


def _money(amount, currency) -> str:
    if not isinstance(amount, (int, float)):
        return "?"
    return f"{_human_amount(amount)} {currency or ''}".rstrip()


def from_file(path, keep=None) -> Summary:
    """A summary of a facts file written by `relfacts extract` (factfile.read)."""
    from .factfile import Filter, read

    documents, facts = read(path, keep or Filter())
    by_doc: dict[str, list] = {}
    for f in facts:
        by_doc.setdefault(f.get("doc"), []).append(f)
    summary = Summary()
    for doc, fs in by_doc.items():
        summary.add(doc, fs)
    summary.documents = documents
    return summary
