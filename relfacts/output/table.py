"""The table view a person reads: one rich table per fact type with its key
fields, and a count line.  (It holds the facts until the end: for thousands of
articles, write JSON Lines or SQLite and read `relfacts summary`.)"""
from __future__ import annotations

import os
from collections import Counter

from rich import box
from rich.console import Console
from rich.table import Table

from ..inputs import printable

# The columns shown per type (a user-defined type shows all its fields).
COLUMNS = {
    "trade": ("countries", "flow", "kind", "amount", "currency", "date"),
    "percentage": ("countries", "value", "direction", "measure", "date"),
    "treaty": ("countries", "kind", "status", "name", "date"),
    "visit": ("visitor", "role", "origin", "host", "place", "kind", "date"),
}
TITLES = {"trade": "Trade figures", "percentage": "Percentages", "treaty": "Treaties", "visit": "Visits"}


def console_for(stream=None) -> Console:
    """A console for tables: the terminal's width, or wide lines (160) for a
    file or a pipe, rather than names folded over three rows."""
    console = Console(file=stream, highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(file=stream, highlight=False, width=160)
    return console


def _cell(name, value):
    if value is None:
        return "[dim]–[/dim]"
    if name == "countries":
        return "–".join(value) if value else "[dim]?[/dim]"
    if name == "amount" and isinstance(value, (int, float)):
        return _human_amount(value)
    if name == "value" and isinstance(value, (int, float)):
        return f"{value:g}%"
    return str(value)


def _human_amount(v: float) -> str:
    for scale, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " mn")):
        if abs(v) >= scale:
            return f"{v / scale:,.2f}".rstrip("0").rstrip(".") + suffix
    return f"{v:,.0f}"


class TableWriter:
    """Collects facts, prints the tables at close (to a rich Console)."""

    def __init__(self, console, types, show_doc: bool = False):
        self.console = console
        self.types = types
        self.facts = []
        self.show_doc = show_doc

    def write(self, doc):
        self.facts.extend(doc.facts)

    def write_error(self, doc):
        pass

    def close(self):
        by_type = Counter(f["type"] for f in self.facts)
        for type_name, ftype in self.types.items():
            facts = [f for f in self.facts if f["type"] == type_name]
            if not facts:
                continue
            columns = COLUMNS.get(type_name) or ("countries",) + tuple(ftype.fields) + ("date",)
            table = Table(title=f"{TITLES.get(type_name, type_name.title())} ({len(facts)})",
                          box=box.SIMPLE_HEAD, title_justify="left", expand=False)
            if self.show_doc:
                table.add_column("doc", overflow="fold", style="dim")
            for col in columns:
                justify = "right" if col in ("amount", "value") else "left"
                table.add_column(col, justify=justify, overflow="fold", no_wrap=col not in ("name", "measure", "role"))
            table.add_column("evidence", overflow="fold", ratio=1, style="italic")
            for f in facts:
                row = [_cell(c, f.get(c)) for c in columns]
                text = f["text"]
                evidence = text if len(text) <= 90 else text[:87] + "…"
                table.add_row(*([printable(f["doc"])] if self.show_doc else []), *row, evidence)
            self.console.print(table)
        parts = ", ".join(f"{by_type[t]} {t}" for t in self.types if by_type[t])
        self.console.print(f"[bold]{len(self.facts)} facts[/bold]" + (f": {parts}" if parts else ""))
