"""What happened between two countries (or around one), in date order: trade
figures as a series per flow and kind, treaties with their names and status,
visits with visitor, direction and place, percentages with their measure, and
a small chart of the pair's actual trade turnover by year.

Built from fact dicts (factfile.read); the same statement made by several
documents is one row with the number of its sources.  Every table keeps its
columns at least MIN_WIDTH characters wide and fits 80 columns: the long
texts (names, measures) wrap."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from .summary import _key, _money

MIN_WIDTH = 12
UNDATED = "–"


@dataclass
class Row:
    date: str | None
    cells: tuple
    sources: set = field(default_factory=set)


class Timeline:
    def __init__(self, facts, countries: tuple = ()):
        """`facts`: fact dicts, already filtered; `countries`: the pair (or the
        one country) asked about, so that the other countries can be named."""
        self.countries = tuple(countries)
        self.facts = list(facts)
        self.documents = len({f.get("doc") for f in self.facts})

    # ---------------------------------------------------------------- sections
    def _others(self, f) -> str:
        others = [c for c in f.get("countries") or () if c not in self.countries]
        return ",".join(others) or "–"

    def _rows(self, type_name: str, cells, key=None) -> list[Row]:
        """One row per distinct statement (date and cells), with its sources, in date order."""
        rows: dict = {}
        for f in self.facts:
            if f.get("type") != type_name:
                continue
            c = cells(f)
            k = (f.get("date"), key(f) if key else c)
            row = rows.setdefault(k, Row(f.get("date"), c))
            row.sources.add(f.get("doc"))
        return sorted(rows.values(), key=lambda r: (r.date is None, r.date or "", r.cells))

    def trade(self) -> dict[tuple, list[Row]]:
        """Series per (flow, kind) (and the other countries, for one country asked about)."""
        series: dict[tuple, list] = defaultdict(list)
        for row in self._rows("trade", lambda f: (f.get("flow"), f.get("kind"), self._with(f),
                                                  _money(f.get("amount"), f.get("currency")))):
            flow, kind, other, amount = row.cells
            series[(flow, kind, other)].append(Row(row.date, (amount,), row.sources))
        return dict(sorted(series.items(), key=lambda kv: (kv[0][2], _FLOWS.get(kv[0][0], 9), kv[0][1] != "actual")))

    def _with(self, f) -> str:
        return self._others(f) if len(self.countries) < 2 else ""

    def treaties(self) -> list[Row]:
        def cells(f):
            return (f.get("name") or f.get("kind") or "?", (f.get("status") or "?").replace("_", " "), self._with(f))
        return self._rows("treaty", cells, key=lambda f: (_key(f.get("name")), f.get("status"), self._with(f)))

    def visits(self) -> list[Row]:
        def cells(f):
            visitor = f.get("visitor") or "?"
            if f.get("role"):
                visitor += f" ({f['role']})"
            direction = f"{f.get('origin') or '?'} → {f.get('host') or '?'}"
            return visitor, direction, f.get("place") or "–"
        return self._rows("visit", cells)

    def percentages(self) -> list[Row]:
        def cells(f):
            value = f.get("value")
            shown = f"{value:g}%" if isinstance(value, (int, float)) else "?"
            sign = {"increase": " up", "decrease": " down"}.get(f.get("direction"), "")
            return shown + sign, f.get("measure") or "–", self._with(f)
        return self._rows("percentage", cells)

    def turnover_by_year(self) -> tuple[str, list[tuple[str, float]]] | None:
        """(currency, [(year, amount)]) of the actual turnover the most sources
        give for each year (the larger amount on a tie), in the currency most
        used; None unless there are two years or more."""
        facts = [f for f in self.facts if f.get("type") == "trade" and f.get("flow") == "turnover"
                 and f.get("kind") == "actual" and f.get("date") and isinstance(f.get("amount"), (int, float))]
        if not facts:
            return None
        currency = Counter(f.get("currency") for f in facts).most_common(1)[0][0]
        votes: dict[str, dict] = defaultdict(lambda: defaultdict(set))
        for f in facts:
            if f.get("currency") == currency:
                votes[f["date"][:4]][f["amount"]].add(f.get("doc"))
        years = sorted((y, max(amounts, key=lambda a: (len(amounts[a]), a))) for y, amounts in votes.items())
        return (currency, years) if len(years) >= 2 else None

    # ---------------------------------------------------------------- rendering
    def renderables(self, width: int) -> list:
        who = "–".join(self.countries) or "all countries"
        dates = sorted(f["date"] for f in self.facts if f.get("date"))
        years = sorted({d[:4] for d in dates})
        span = f", {years[0]}–{years[-1]}" if len(years) > 1 else f", {years[0]}" if years else ""
        out = [Text(f"{who}: {_count(len(self.facts), 'fact')} from {_count(self.documents, 'document')}{span}",
                    style="bold")]
        chart = self.turnover_by_year()
        if chart:
            out.append(_chart(*chart, width))
        trade = self.trade()
        if trade:
            table = _table("Trade figures", ("series", "date", "amount", "sources"))
            for (flow, kind, other), rows in trade.items():
                label = f"{flow or '?'}, {kind or '?'}" + (f" (with {other})" if other else "")
                for i, row in enumerate(rows):
                    table.add_row(label if i == 0 else "", row.date or UNDATED, *row.cells, _sources(row))
                table.add_section()
            out += [table, Text("")]
        with_column = len(self.countries) < 2
        for title, rows, columns in (
                ("Treaties", self.treaties(), ("date", "name", "status") + (("with",) if with_column else ())),
                ("Visits", self.visits(), ("date", "visitor", "from → to", "place")),
                ("Percentages", self.percentages(), ("date", "value", "measure")
                 + (("with",) if with_column else ()))):
            if not rows:
                continue
            table = _table(title, columns + ("sources",))
            for row in rows:
                table.add_row(row.date or UNDATED, *row.cells[:len(columns) - 1], _sources(row))
            out += [table, Text("")]
        return out[:-1] if isinstance(out[-1], Text) and not out[-1].plain else out

    def render(self, console) -> None:
        console.print(Group(*self.renderables(console.width)))


_FLOWS = {"turnover": 0, "export": 1, "import": 2}


def _sources(row: Row) -> str:
    return _count(len(row.sources), "document")


def _count(n: int, noun: str) -> str:
    """'1 document', '2 documents'."""
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _table(title: str, columns) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", box=box.MINIMAL, pad_edge=False)
    for col in columns:
        wide = col in ("name", "visitor", "measure", "series")
        table.add_column(col, min_width=MIN_WIDTH, overflow="fold", ratio=2 if wide else None,
                         no_wrap=not wide, justify="right" if col in ("amount", "value") else "left")
    return table


_EIGHTHS = " ▏▎▍▌▋▊▉"


def _chart(currency: str, years: list, width: int) -> Group:
    """One bar a year, its length proportional to the amount."""
    labels = [_money(a, currency) for _, a in years]
    room = max(10, min(50, width - 8 - max(map(len, labels))))
    top = max(a for _, a in years) or 1
    lines = [Text(f"Actual trade turnover by year ({currency})", style="bold")]
    for (year, amount), label in zip(years, labels):
        eighths = round(max(amount, 0) / top * room * 8)
        bar = "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")
        lines.append(Text.assemble(f"  {year}  ", (bar.ljust(room), "cyan"), f" {label}"))
    return Group(*lines, Text(""))
