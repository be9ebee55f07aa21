"""`relfacts explain`: the text with every rule match highlighted and labelled,
what became of each match, and where each field of each fact came from."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text

STYLES = {"trade": "bold green", "percentage": "bold cyan", "treaty": "bold magenta", "visit": "bold yellow"}
MARK = {"kept": "[green]✓ fact[/green]", "veto": "[red]✗ veto[/red]", "lost": "[dim]– lost[/dim]",
        "dropped": "[yellow]✗ dropped[/yellow]"}


def _style(type_name: str) -> str:
    return STYLES.get(type_name, "bold blue")


def _describe(entry) -> str:
    if entry is None:
        return "none"
    src, raw = entry
    if raw is not None:
        shown = raw if len(raw) <= 40 else raw[:37] + "…"
        return src.describe().replace(f"group {src.group}", f"group {src.group} “{shown}”", 1)
    return src.describe()


def render(console, extraction) -> None:
    doc = extraction.document
    text = doc.text
    by_sentence: dict[int, list] = {}
    for cand, status, detail in extraction.outcomes:
        by_sentence.setdefault(cand.sentence_index, []).append((cand, status, detail))
    pub = doc.published.isoformat() if doc.published else "unknown"
    console.print(f"[bold]{doc.name}[/bold]  published {pub}, {len(doc.sentences)} sentences, "
                  f"{len(extraction.facts)} facts", highlight=False)
    if not by_sentence:
        console.print("[dim]No rule matched anywhere in the text.[/dim]")
    for index, type_name in extraction.skipped:
        start, end = doc.sentences[index]
        console.print(f"[dim]sentence {index + 1} skipped by the {type_name} type's skip (a question): "
                      f"{_quote(text[start:end][:70])}[/dim]", highlight=False)
    for index in sorted(by_sentence):
        start, end = doc.sentences[index]
        line = Text(text[start:end])
        for cand, status, _ in by_sentence[index]:
            if status in ("kept", "veto"):
                style = "strike red" if status == "veto" else _style(cand.rule.type) + " underline"
                line.stylize(style, cand.evidence[0] - start, cand.evidence[1] - start)
        console.print()
        console.print(Text(f"sentence {index + 1}: ", style="dim") + line)
        for cand, status, detail in by_sentence[index]:
            piece = text[cand.evidence[0]:cand.evidence[1]]
            piece = piece if len(piece) <= 70 else piece[:67] + "…"
            console.print(f"  {MARK[status]}  [{_style(cand.rule.type)}]{cand.rule.id}[/]  "
                          f"{_quote(piece)}{'  ' + detail if detail else ''}", highlight=False)
    for t in extraction.timeouts:
        console.print(f"[red]timeout[/red] {t}", highlight=False)
    for n, fact in enumerate(extraction.facts, 1):
        console.print()
        table = Table(title=f"fact {n}: {fact.type} by {fact.rule}", title_justify="left", show_edge=False)
        table.add_column("field")
        table.add_column("value", overflow="fold")
        table.add_column("from", style="dim", overflow="fold")
        for name in list(fact.fields) + ["countries", "date"]:
            value = fact.get(name)
            table.add_row(name, "–" if value is None else str(value), _describe(fact.trace.get(name)))
        console.print(table)


def _quote(s: str) -> str:
    return "“" + s.replace("[", "\\[") + "”"
