"""The table view a person reads: one rich table per fact type with its key
fields, and a count line.  (It holds the facts until the end: for thousands of
articles, write JSON Lines or SQLite and read `relfacts summary`.)"""
from __future__ import annotations

import os
import sys
from collections import Counter

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..inputs import printable

# The columns shown per type (a user-defined type shows all its fields); the
# amount carries its currency and the value its direction ("12.6% up").
COLUMNS = {
    "trade": ("countries", "flow", "kind", "amount", "date"),
    "percentage": ("countries", "value", "measure", "date"),
    "treaty": ("countries", "kind", "status", "name", "date"),
    "visit": ("visitor", "role", "origin", "host", "place", "kind", "date"),
}
# what goes first when the terminal is too narrow for every column and a readable evidence
DROP = {
    "trade": ("flow", "countries", "doc"),
    "percentage": ("measure", "countries", "doc"),
    "treaty": ("kind", "countries", "date", "doc"),
    "visit": ("kind", "role", "place", "origin", "doc"),
}
# columns that wrap, and how narrow they may get
WRAP = {"name": 16, "measure": 12, "visitor": 12, "role": 10, "doc": 12}  # (a document's name is cut short, not wrapped)
TITLES = {"trade": "Trade figures", "percentage": "Percentages", "treaty": "Treaties", "visit": "Visits"}
EVIDENCE_MIN = 24
EVIDENCE_MAX = 160  # characters of evidence shown (the JSON outputs have it whole)


class Out(Console):
    """A console whose closed pipe (`relfacts … | head`) is a BrokenPipeError
    for the caller to end on quietly (rich's own way exits with 1)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


class _Trimmed:
    """A file or pipe that gets no trailing blanks (rich pads table rows to the width)."""

    def __init__(self, file):
        self.file, self.pending = file, ""

    def write(self, text: str) -> int:
        *lines, self.pending = (self.pending + text).split("\n")
        if lines:
            self.file.write("".join(line.rstrip() + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.file.write(self.pending)
            self.pending = ""
        self.file.flush()

    def __getattr__(self, name):
        return getattr(self.file, name)


def console_for(stream=None) -> Console:
    """A console for tables: the terminal's width, or wide lines (160) for a
    file or a pipe, rather than names folded over three rows; there, no
    trailing blanks.  No ":name:" in a text becomes an emoji (and the table
    of them, 3 ms to load, is never read)."""
    console = Out(file=stream, highlight=False, emoji=False)
    if not console.is_terminal:
        width = None if "COLUMNS" in os.environ else 160
        console = Out(file=_Trimmed(stream or sys.stdout), highlight=False, emoji=False, width=width)
    return console


def _cell(name, value, fact=None):
    if value is None:
        return "–"
    if name == "countries":
        return "–".join(value) if value else "?"
    if name == "amount" and isinstance(value, (int, float)):
        return _human_amount(value) + (f" {fact['currency']}" if fact and fact.get("currency") else "")
    if name == "value" and isinstance(value, (int, float)):
        sign = {"increase": " up", "decrease": " down"}.get(fact.get("direction") if fact else None, "")
        return f"{value:g}%{sign}"
    return str(value)


def _human_amount(v: float) -> str:
    for scale, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " mn")):
        if abs(v) >= scale:
            return f"{v / scale:,.2f}".rstrip("0").rstrip(".") + suffix
    return f"{v:,.0f}"


def fit(widths: dict, drop, width: int) -> tuple[dict, int]:
    """The columns kept (name -> width) and the evidence's width, for a
    table `width` characters wide: wrapping columns narrow first, then the
    columns in `drop` go, until the evidence has EVIDENCE_MIN characters."""
    cols = dict(widths)

    def short() -> int:  # characters missing; a column costs its width + 3 (padding, rule), the edges 1
        return sum(cols.values()) + 3 * (len(cols) + 1) + 1 + EVIDENCE_MIN - width

    for name in cols:
        if name in WRAP and short() > 0:
            cols[name] = max(WRAP[name], cols[name] - short())
    for name in drop:
        if short() <= 0:
            break
        cols.pop(name, None)
    return cols, max(12, EVIDENCE_MIN - short())


class TableWriter:
    """Collects facts, prints the tables at close (to a rich Console), each
    fitted to the console's width."""
    reads = ("facts",)

    def __init__(self, console, types, show_doc: bool = False):
        self.console = console
        self.types = types
        self.facts = []
        self.show_doc = show_doc

    def write(self, doc):
        self.facts.extend(doc.facts)

    def write_error(self, doc):
        pass

    def abandon(self):
        """After Ctrl-C: print nothing (the tables of thousands of facts take seconds)."""
        self.facts = None

    def close(self):
        if self.facts is None:
            return
        by_type = Counter(f["type"] for f in self.facts)
        for type_name, ftype in self.types.items():
            facts = [f for f in self.facts if f["type"] == type_name]
            if facts:
                self.console.print(self.table(type_name, ftype, facts))
        parts = ", ".join(f"{by_type[t]} {t}" for t in self.types if by_type[t])
        self.console.print(f"[bold]{len(self.facts)} facts[/bold]" + (f": {parts}" if parts else ""))

    def table(self, type_name, ftype, facts) -> Table:
        columns = (("doc",) if self.show_doc else ()) + (
            COLUMNS.get(type_name) or ("countries",) + tuple(ftype.fields) + ("date",))
        rows = [[_doc(f["doc"]) if c == "doc" else _cell(c, f.get(c), f) for c in columns] for f in facts]
        natural = {c: max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(columns)}
        for c in natural:
            if c in WRAP:
                natural[c] = min(natural[c], 40)
        kept, evidence = fit(natural, DROP.get(type_name, ("doc",)), self.console.width)
        table = Table(title=f"{TITLES.get(type_name, type_name.title())} ({len(facts)})",
                      box=box.SIMPLE_HEAD, title_justify="left", expand=False)
        for c in kept:
            table.add_column(c, width=kept[c], justify="right" if c in ("amount", "value") else "left",
                             overflow="ellipsis" if c == "doc" else "fold", no_wrap=c not in WRAP or c == "doc",
                             style="dim" if c == "doc" else None)
        table.add_column("evidence", width=evidence, overflow="fold", style="italic")
        for f, row in zip(facts, rows):
            text = f["text"]
            cells = [Text(v, style="dim") if v in ("–", "?") else Text(v) for c, v in zip(columns, row) if c in kept]
            # the evidence as written (a str would be read as rich markup: "[/x]" in a text raised MarkupError)
            table.add_row(*cells, Text(text if len(text) <= EVIDENCE_MAX else text[:EVIDENCE_MAX - 1] + "…"))
        return table


def _doc(path: str) -> str:
    """A document as its file name (the folders are in the JSON outputs)."""
    return printable(path.rsplit("/", 1)[-1])
