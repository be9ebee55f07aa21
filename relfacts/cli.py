"""The `relfacts` command: a thin layer over the library (relfacts.api)."""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from .engine.ruleset import RuleErrors
from .inputs import printable
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
    sqlite = "sqlite"


@app.callback()
def _root():
    """Facts about relations between countries (trade figures, percentages,
    treaties, visits) from news articles."""


def fail(message: str, code: int = 2):
    err.print(f"relfacts: error: {printable(message)}", markup=False)
    raise typer.Exit(code)


def load_rules(rules: Optional[List[Path]]):
    from .api import ruleset

    try:
        return ruleset(rules or None)
    except RuleErrors as e:
        for problem in e.problems:
            err.print(problem, markup=False)
        fail(f"{len(e.problems)} problem(s) in the rule files")


def published_or_fail(published: Optional[str]):
    if not published:
        return None
    try:
        return parse_published(published)
    except ValueError as e:
        fail(f"--published: {e}")


def types_or_fail(types: Optional[str], rs) -> Optional[list]:
    if not types:
        return None
    wanted = [t.strip() for t in types.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in rs.types]
    if unknown:
        fail(f"--types: unknown fact type(s) {', '.join(unknown)} (known: {', '.join(rs.types)})")
    return wanted


@app.command()
def extract(
    paths: List[str] = typer.Argument(None, help="Article files or folders, or - for standard input (the default)."),
    format: Optional[Format] = typer.Option(None, "--format", "-f",
                                            help="table (default on screen), json, jsonl, csv or sqlite; "
                                                 "with --output, guessed from the file's ending."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output "
                                                                       "(.sqlite/.db: an SQLite database)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (overrides the ` date` header)."),
    rules: Optional[List[Path]] = typer.Option(None, "--rules", help="A folder (or file) of extra rules; repeatable."),
    types: Optional[str] = typer.Option(None, "--types", help="Only these fact types, comma-separated: trade,visit"),
    glob: Optional[List[str]] = typer.Option(None, "--glob", help="Which files of a folder to read; repeatable "
                                                                  "(default: *.txt and *.md)."),
    workers: int = typer.Option(0, "--workers", "-w", help="Parallel worker processes (default: the number of cores)."),
    resume: bool = typer.Option(False, "--resume", help="Skip documents already in the --output database."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary (errors are still reported)."),
):
    """Extract facts from articles: files, folders (walked recursively) or standard input."""
    from .pipeline import Job, run_extract

    pub = published_or_fail(published)
    rs = load_rules(rules)
    wanted = types_or_fail(types, rs)
    fmt = format.value if format else None
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = {"sqlite": "sqlite", "sqlite3": "sqlite", "db": "sqlite"}.get(suffix, suffix)
        if fmt not in ("json", "jsonl", "csv", "sqlite"):
            fmt = "jsonl" if output else "table"
    if fmt == "sqlite" and not output:
        fail("--format sqlite needs --output FILE")
    if resume and fmt != "sqlite":
        fail("--resume needs an SQLite --output (facts.sqlite)")
    job = Job(paths=paths or ["-"], fmt=fmt, output=output, published=pub, rule_paths=tuple(str(r) for r in rules or ()),
              types=wanted, workers=workers or os.cpu_count() or 1, globs=tuple(glob or ("*.txt", "*.md")),
              resume=resume, quiet=quiet)
    try:
        code = run_extract(job, rs, err)
    except BrokenPipeError:  # `relfacts extract … | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    raise typer.Exit(code)


@app.command()
def summary(path: Path = typer.Argument(..., help="A facts.sqlite or facts.jsonl written by `relfacts extract`."),
            limit: int = typer.Option(50, "--limit", help="At most this many country pairs.")):
    """Per country pair: documents, latest trade turnover, targets, treaties, visits."""
    from .summary import SummaryError, from_file

    if not path.exists():
        fail(f"{path}: no such file", 1)
    try:
        result = from_file(path)
    except SummaryError as e:
        fail(str(e), 1)
    if not result.pairs:
        print(f"{path}: no facts about a pair of countries ({result.documents} documents)")
        return
    _out().print(result.table(limit))


def main():
    try:
        app()
    except BrokenPipeError:
        # the reader went away (`relfacts … | head`): end quietly, and keep Python
        # from complaining when it flushes standard output on the way out
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        sys.exit(0)
    except KeyboardInterrupt:
        err.print("relfacts: interrupted; what was written so far is complete", markup=False)
        sys.exit(130)


def _out() -> Console:
    from .output.table import console_for

    return console_for()


def _read_or_fail(name: str) -> str:
    from .inputs import InputError, read_article

    try:
        return read_article(name)
    except InputError as e:
        fail(str(e), 1)


# ---------------------------------------------------------------- rule authoring
rules_app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                        help="List, check and test rule files.")
app.add_typer(rules_app, name="rules")


@rules_app.command("list")
def rules_list(rules: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule folders or files.")):
    """A table of every rule: id, fact type, file, description, examples."""
    from rich.table import Table

    rs = load_rules(rules)
    table = Table(title=f"{len(rs.rules)} rules", title_justify="left")
    for col in ("id", "type", "file", "description", "examples"):
        table.add_column(col, overflow="fold", justify="right" if col == "examples" else "left")
    for r in rs.rules:
        table.add_row(r.id, r.type + (" (veto)" if r.veto else ""), f"{Path(r.file).name}:{r.line}",
                      r.description, str(len(r.examples)))
    _out().print(table)


def _ruleset_for(paths: Optional[List[Path]], use_cache: bool = True):
    from .engine.ruleset import default_rules_dir, load_ruleset

    extra = [p for p in (paths or []) if Path(p).resolve() != default_rules_dir().resolve()]
    return load_ruleset(extra, use_cache=use_cache)


@rules_app.command("check")
def rules_check(paths: List[Path] = typer.Argument(None, help="Rule files or folders (default: the default rules).")):
    """Validate rule files: every problem as file:line: message; exit 1 when any."""
    from .engine.ruleset import default_rules_dir, rule_files

    try:
        rs = _ruleset_for(paths, use_cache=False)
    except RuleErrors as e:
        for problem in e.problems:
            print(problem)
        err.print(f"relfacts: {len(e.problems)} problem(s)", markup=False)
        raise typer.Exit(1)
    files = rule_files(paths or [default_rules_dir()])
    print(f"{len(files)} rule file(s) checked, {len(rs.rules)} rules loaded in all: no problems")


@rules_app.command("test")
def rules_test(paths: List[Path] = typer.Argument(None, help="Rule files or folders (default: the default rules)."),
               verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list the examples that pass.")):
    """Run the rules' examples: positive ones must give the expected fields,
    negative ones nothing.  Exit 1 when any fails."""
    from .engine.examples import run_examples
    from .engine.ruleset import rule_files

    try:
        rs = _ruleset_for(paths)
    except RuleErrors as e:
        for problem in e.problems:
            print(problem)
        raise typer.Exit(1)
    ids = None
    if paths:
        wanted = {str(f.resolve()) for f in rule_files(paths)}
        ids = {r.id for r in rs.rules if str(Path(r.file).resolve()) in wanted}
    results = run_examples(rs, ids)
    failed = [r for r in results if not r.passed]
    for r in results:
        if r.passed and not verbose:
            continue
        status = "ok  " if r.passed else "FAIL"
        text = r.example.text if len(r.example.text) <= 80 else r.example.text[:77] + "…"
        print(f"{status} {r.where}: {r.rule.id}: {text!r}" + ("" if r.passed else f"\n     {r.problem}"))
    rules_with = len({r.rule.id for r in results})
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed ({len(results)} examples of {rules_with} rules)")
    raise typer.Exit(1 if failed else 0)


# ---------------------------------------------------------------- explain and eval
@app.command()
def explain(
    path: str = typer.Argument("-", help="An article file, or - for standard input."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
    rules: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule folders or files."),
    types: Optional[str] = typer.Option(None, "--types", help="Only these fact types, comma-separated."),
):
    """Show every rule match in the text, what became of it, and where each
    field of each fact came from."""
    from .api import extract_document
    from .output.explain import render

    pub = published_or_fail(published)
    rs = load_rules(rules)
    wanted = types_or_fail(types, rs)
    text = _read_or_fail(path)
    result = extract_document(text, pub, rs, name=path, types=wanted, explain=True)
    render(_out(), result)


@app.command("eval")
def evaluate(
    gold_dir: Path = typer.Argument(..., help="A folder of NAME.txt and NAME.gold.jsonl."),
    rules: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule folders or files."),
    errors: bool = typer.Option(False, "--errors", help="List missed and spurious facts."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
):
    """Precision, recall and F1 per fact type, their macro average and field
    accuracy, against hand-annotated facts (the format of shared/spec/facts.md)."""
    import json

    from .api import extract
    from .evaluate import TYPES, GoldError, evaluate_folder
    from .inputs import InputError, read_article

    rs = load_rules(rules)
    if not gold_dir.is_dir():
        fail(f"{gold_dir}: not a folder")

    def extract_one(path):
        try:
            text = read_article(str(path))
        except InputError as e:
            err.print(f"relfacts: error: {e}", markup=False)
            return []
        return [f.to_dict() for f in extract(text, rules=rs, name=str(path))]

    try:
        report = evaluate_folder(gold_dir, extract_one)
    except GoldError as e:
        fail(str(e))
    if errors:
        for kind, doc, fact in report.errors:
            shown = {k: v for k, v in fact.items() if k != "sentence"}
            print(f"{kind:9} {doc}: {json.dumps(shown, ensure_ascii=False)}")
    micro = report.micro()
    if as_json:
        summary = {}
        for t in TYPES:
            p, r, f = report.scores[t].prf()
            s = report.scores[t]
            summary[t] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": s.tp, "fp": s.fp,
                          "fn": s.fn, "fields": {k: round(v[0] / v[1], 3) for k, v in s.fields.items() if v[1]}}
        p, r, f = micro.prf()
        summary["micro"] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                            "tp": micro.tp, "fp": micro.fp, "fn": micro.fn}
        summary["macro_f1"] = round(report.macro_f1(), 3)
        print(json.dumps(summary))
        return
    print(f"{'type':11} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}  field accuracy on matches")
    for t in TYPES:
        s = report.scores[t]
        p, r, f = s.prf()
        fa = " ".join(f"{k}={round(v[0] / v[1], 3):.2f}" for k, v in s.fields.items() if v[1])  # as score.py rounds
        print(f"{t:11} {round(p, 3):6.3f} {round(r, 3):6.3f} {round(f, 3):6.3f} {s.tp:4} {s.fp:4} {s.fn:4}  {fa}")
    p, r, f = micro.prf()
    print(f"{'micro':11} {p:6.3f} {r:6.3f} {f:6.3f} {micro.tp:4} {micro.fp:4} {micro.fn:4}")
    print(f"macro F1 {report.macro_f1():.3f}")
