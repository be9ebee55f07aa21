"""The `relfacts` command: a thin layer over the library (relfacts.api).

(No `from __future__ import annotations` here: typer reads the commands'
annotations at every start, and evaluating them from strings cost 2.5 ms.)"""
import functools
import gc
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .engine.ruleset import RuleErrors
from .inputs import printable
from .messages import Messages
from .normalize.dates import parse_published

app = typer.Typer(add_completion=True, no_args_is_help=True, rich_markup_mode=None,
                  help="Facts about relations between countries (trade figures, percentages, "
                       "treaties, visits) from news articles.")
err = Messages()


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"
    parquet = "parquet"


class InputFormat(str, Enum):
    text = "text"
    parquet = "parquet"
    jsonl = "jsonl"


def _version(value: bool):
    if value:
        from . import __version__

        print(f"relfacts {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")):
    """Facts about relations between countries (trade figures, percentages,
    treaties, visits) from news articles."""


def _interruptible(command):
    """Ctrl-C in a command: one line and exit 130 (a batch says more: pipeline.py)."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            err.print("relfacts: interrupted", markup=False)
            raise typer.Exit(130) from None
    return run


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


def types_or_fail(types: Optional[List[str]], rs) -> Optional[list]:
    wanted = _listed(types)
    if not wanted:
        return None
    unknown = [t for t in wanted if t not in rs.types]
    if unknown:
        fail(f"--types: unknown fact type(s) {', '.join(unknown)} (known: {', '.join(rs.types)})")
    return wanted


def _listed(values) -> list:
    """Repeatable options that also take comma-separated lists."""
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


@app.command()
@_interruptible
def extract(
    paths: List[str] = typer.Argument(None, help="Article files, folders, globs or URLs (s3://…), or - for standard "
                                                 "input (the default)."),
    format: Optional[Format] = typer.Option(None, "--format", "-f",
                                            help="table (default on screen), json, jsonl, csv, sqlite or parquet; "
                                                 "with --output, guessed from the file's ending."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output "
                                                                      "(.sqlite/.db: an SQLite database; .parquet: a "
                                                                      "folder of Parquet parts, also a URL)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (overrides the ` date` header)."),
    rules: Optional[List[Path]] = typer.Option(None, "--rules", help="A folder (or file) of extra rules; repeatable."),
    types: Optional[List[str]] = typer.Option(None, "--types", help="Only these fact types; repeatable or "
                                                                    "comma-separated: trade,visit"),
    glob: Optional[List[str]] = typer.Option(None, "--glob", help="Which files of a folder to read; repeatable "
                                                                  "(default: *.txt, *.md, *.html and *.htm)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1,
                                          help="Parallel worker processes (default: the number of cores)."),
    resume: bool = typer.Option(False, "--resume", help="Skip documents already in the --output database "
                                                        "(Parquet: the chunks already written)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary (errors are still reported)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run on a Dask cluster: a scheduler's address "
                                                                      "(tcp://host:8786), or local / local:N for N "
                                                                      "worker processes here; writes Parquet."),
    input_format: InputFormat = typer.Option(InputFormat.text, "--input-format", help="text (a file per article), or a "
                                             "dataset with an article per row: parquet or jsonl."),
    text_column: str = typer.Option("text", "--text-column", help="A dataset's column of article text."),
    id_column: str = typer.Option("id", "--id-column", help="A dataset's column naming each article (its doc)."),
    date_column: Optional[str] = typer.Option(None, "--date-column", help="A dataset's column of publication dates "
                                                                          "(before --published)."),
    chunk_size: int = typer.Option(100, "--chunk-size", min=1, help="Documents per chunk of a Parquet output."),
):
    """Extract facts from articles: files, folders (walked recursively) or standard input."""
    from .datasets import Columns
    from .inputs import DEFAULT_GLOBS
    from .pipeline import Job, output_format, run_extract

    pub = published_or_fail(published)
    rs = load_rules(rules)
    wanted = types_or_fail(types, rs)
    try:
        fmt = output_format(format.value if format else None, output, resume)
    except ValueError as e:
        fail(str(e))
    if scheduler and fmt != "parquet":
        fail("--scheduler writes Parquet: give -o FOLDER.parquet (`relfacts merge` turns it into SQLite or JSON Lines)")
    if input_format != InputFormat.text and not paths:
        fail(f"--input-format {input_format.value}: name the dataset files or folders")
    job = Job(paths=paths or ["-"], fmt=fmt, output=output, published=pub, rule_paths=tuple(str(r) for r in rules or ()),
              types=wanted, workers=workers or os.cpu_count() or 1, globs=tuple(glob or DEFAULT_GLOBS),
              resume=resume, quiet=quiet, scheduler=scheduler, input_format=input_format.value,
              columns=Columns(text_column, id_column, date_column), chunk_size=chunk_size)
    try:
        code = run_extract(job, rs, err)
    except BrokenPipeError:  # `relfacts extract … | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    raise typer.Exit(code)


def format_of(output: Optional[str], known) -> str:
    """The format of --output by its ending: jsonl when unknown, table without one."""
    suffix = os.path.splitext(output.rstrip("/"))[1].lower().lstrip(".") if output else ""
    fmt = {"sqlite3": "sqlite", "db": "sqlite"}.get(suffix, suffix)
    if fmt not in known:
        fmt = "jsonl" if output else "table"
    return fmt


@app.command()
def merge(
    folder: str = typer.Argument(..., help="A Parquet result (folder or URL) written by `relfacts extract -o X.parquet`."),
    format: Optional[Format] = typer.Option(None, "--format", "-f", help="jsonl (default), json, csv or sqlite; with "
                                                                        "--output, guessed from the file's ending."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file (.sqlite: a database)."),
):
    """Turn a Parquet result into JSON Lines, JSON, CSV or an SQLite database,
    in input order (documents that failed go to the database's errors table)."""
    from .pipeline import merge_parquet

    fmt = format.value if format else format_of(output, ("json", "jsonl", "csv", "sqlite"))
    if fmt == "parquet":
        fail("merge writes jsonl, json, csv or sqlite, not parquet")
    fmt = "jsonl" if fmt == "table" else fmt
    if fmt == "sqlite" and not output:
        fail("--format sqlite needs --output FILE")
    try:
        code = merge_parquet(folder, fmt, output, load_rules(None), err)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    raise typer.Exit(code)


@app.command()
@_interruptible
def summary(path: Path = typer.Argument(..., help="A facts.sqlite, .jsonl or .json written by `relfacts extract`."),
            pair: Optional[str] = typer.Option(None, "--pair", help="The timeline of two countries: KAZ,TJK"),
            country: Optional[str] = typer.Option(None, "--country", help="The timeline of one country: KAZ"),
            since: Optional[str] = typer.Option(None, "--since", help="Only facts dated then or later: 2020, 2020-06 "
                                                                      "or 2020-06-15"),
            types: Optional[List[str]] = typer.Option(None, "--type", "--types", help="Only these fact types; "
                                                      "repeatable or comma-separated"),
            limit: int = typer.Option(50, "--limit", min=1, help="At most this many country pairs.")):
    """Per country pair: documents, latest trade turnover, targets, treaties,
    visits; with --pair or --country, that pair's or country's facts in date order."""
    from .factfile import FactFileError, make_filter, read
    from .summary import from_file
    from .timeline import Timeline

    try:
        keep = make_filter(pair, country, since, _listed(types))
    except ValueError as e:
        fail(str(e))
    try:
        if keep.countries:
            _, facts = read(path, keep)
            if not facts:
                print(f"{path}: no facts about {'–'.join(keep.countries)}")
                return
            Timeline(facts, keep.countries).render(_out())
            return
        result = from_file(path, keep)
    except FactFileError as e:
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
        interrupted_exit()
    except SystemExit as e:
        if e.code == 130:  # a command stopped by Ctrl-C
            interrupted_exit()
        raise
    finally:
        # what is left (the rule set's hundreds of thousands of objects) goes with
        # the process: the collector's passes at exit need not walk it (they took
        # 30 ms, a tenth of a short run)
        gc.freeze()


def interrupted_exit():
    """End with exit code 130 now.  Python ends a process that caught a
    KeyboardInterrupt raised in code it ran by exec() (as dataclasses do) by
    SIGINT rather than by its exit code, and its exit handlers would wait on
    stopped workers; the output is complete and flushed, so nothing is lost."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(130)


def _out():
    from .output.table import console_for

    return console_for()


# ---------------------------------------------------------------- rule authoring
rules_app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                        help="List, check and test rule files.")
app.add_typer(rules_app, name="rules")


@rules_app.command("list")
@_interruptible
def rules_list(rules: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule folders or files.")):
    """A table of every rule: id, fact type, file, description, examples."""
    from rich.table import Table

    rs = load_rules(rules)
    disabled = f", {len(rs.disabled)} disabled" if rs.disabled else ""
    table = Table(title=f"{len(rs.rules)} rules{disabled}", title_justify="left")
    for col in ("id", "type", "file", "description", "examples"):
        table.add_column(col, overflow="fold", justify="right" if col == "examples" else "left")
    for r in rs.rules:
        marks = [m for m, has in (("veto", r.veto), ("disabled", r.id in rs.disabled)) if has]
        table.add_row(r.id, r.type + (f" ({', '.join(marks)})" if marks else ""), f"{Path(r.file).name}:{r.line}",
                      r.description, str(len(r.examples)))
    _out().print(table)


def _own_paths(paths: Optional[List[Path]]) -> List[Path]:
    """The rule files and folders named, other than the default rules' folder."""
    from .engine.ruleset import default_rules_dir

    return [p for p in (paths or []) if Path(p).resolve() != default_rules_dir().resolve()]


def _ruleset_for(paths: Optional[List[Path]], use_cache: bool = True, compile_all: bool = False):
    from .engine.ruleset import load_ruleset

    return load_ruleset(_own_paths(paths), use_cache=use_cache, compile_all=compile_all)


@rules_app.command("check")
@_interruptible
def rules_check(paths: List[Path] = typer.Argument(None, help="Rule files or folders (default: the default rules).")):
    """Validate rule files: every problem as file:line: message; exit 1 when any."""
    from .engine.ruleset import default_rules_dir, rule_files

    try:
        # the default rules alone: `regex` (the engine of time limits and `explain`) compiles every
        # pattern too; with files of one's own it compiles theirs, and PCRE2 the default rules'
        rs = _ruleset_for(paths, use_cache=False, compile_all=not _own_paths(paths))
    except RuleErrors as e:
        for problem in e.problems:
            print(problem)
        err.print(f"relfacts: {len(e.problems)} problem(s)", markup=False)
        raise typer.Exit(1)
    files = rule_files(paths or [default_rules_dir()])
    print(f"{len(files)} rule file(s) checked, {len(rs.rules)} rules loaded in all: no problems")


@rules_app.command("test")
@_interruptible
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
@_interruptible
def explain(
    paths: List[str] = typer.Argument(None, help="Article files, or - for standard input (the default)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
    rules: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule folders or files."),
    types: Optional[List[str]] = typer.Option(None, "--types", help="Only these fact types; repeatable or "
                                                                    "comma-separated."),
):
    """Show every rule match in the text, what became of it, and where each
    field of each fact came from."""
    from .api import extract_document
    from .inputs import InputError, read_article
    from .output.explain import render

    pub = published_or_fail(published)
    rs = load_rules(rules)
    wanted = types_or_fail(types, rs)
    out = _out()
    failed = 0
    for n, path in enumerate(paths or ["-"]):
        try:
            article = read_article(path)
        except InputError as e:
            err.print(f"relfacts: error: {e}", markup=False)
            failed += 1
            continue
        for w in article.warnings:
            err.print(f"relfacts: warning: {w}", markup=False)
        if n:
            out.print()
        render(out, extract_document(article.text, pub, rs, name=path, types=wanted, explain=True))
    raise typer.Exit(1 if failed else 0)


@app.command("eval")
@_interruptible
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
            text = read_article(str(path)).text
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
