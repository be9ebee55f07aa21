"""The `relfacts` command: a thin layer over the library (relfacts.api)."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from .engine.ruleset import RuleErrors
from .normalize.dates import parse_published

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Facts about relations between countries (trade figures, percentages, "
                       "treaties, visits) from news articles.")
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


@app.callback()
def _root():
    """Facts about relations between countries (trade figures, percentages,
    treaties, visits) from news articles."""


def fail(message: str, code: int = 2):
    err.print(f"relfacts: error: {message}", markup=False)
    raise typer.Exit(code)


def load_rules(rules: Optional[List[Path]]):
    from .api import ruleset

    try:
        return ruleset(rules or None)
    except RuleErrors as e:
        for problem in e.problems:
            err.print(problem, markup=False)
        fail(f"{len(e.problems)} problem(s) in the rule files")


@app.command()
def extract(
    paths: List[str] = typer.Argument(None, help="Article files, or - for standard input (the default)."),
    format: Optional[Format] = typer.Option(None, "--format", "-f",
                                            help="table (default on screen), json, jsonl or csv; "
                                                 "with --output, guessed from the file's ending."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (overrides the ` date` header)."),
    rules: Optional[List[Path]] = typer.Option(None, "--rules", help="A folder (or file) of extra rules; repeatable."),
    types: Optional[str] = typer.Option(None, "--types", help="Only these fact types, comma-separated: trade,visit"),
):
    """Extract facts from articles."""
    from .pipeline import run_extract

    pub = None
    if published:
        try:
            pub = parse_published(published)
        except ValueError as e:
            fail(f"--published: {e}")
    rs = load_rules(rules)
    wanted = None
    if types:
        wanted = [t.strip() for t in types.split(",") if t.strip()]
        unknown = [t for t in wanted if t not in rs.types]
        if unknown:
            fail(f"--types: unknown fact type(s) {', '.join(unknown)} (known: {', '.join(rs.types)})")
    fmt = format.value if format else None
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = suffix if suffix in ("json", "jsonl", "csv") else ("jsonl" if output else "table")
    code = run_extract(paths or ["-"], fmt=fmt, output=output, published=pub, ruleset=rs,
                       types=wanted, err=err)
    raise typer.Exit(code)


def main():
    try:
        app()
    except BrokenPipeError:
        # the reader went away (`relfacts … | head`): end quietly
        try:
            sys.stdout = None
        finally:
            sys.exit(0)
    except KeyboardInterrupt:
        err.print("relfacts: interrupted")
        sys.exit(130)
