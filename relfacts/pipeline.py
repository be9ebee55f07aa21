"""The extract job: find the inputs, extract each document (in worker
processes when there are many), write facts as each document finishes, show
progress, and end with an error summary.

Order: results are written in input order (named files as given, the files
of a folder sorted by path), whatever the number of workers.  Memory stays
flat: documents stream through `imap`, and writers keep nothing (but the
table view, which is for reading, not for archives).  One bad input never
stops the batch: it is named, recorded (SQLite: the errors table), and the
exit code is 1."""
from __future__ import annotations

import contextlib
import multiprocessing
import sys
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text

from . import worker
from .inputs import discover, printable
from .output.sqlite import SqliteError, SqliteWriter
from .output.table import TableWriter, console_for
from .output.writers import WRITERS
from .summary import Summary


@dataclass
class Job:
    paths: list
    fmt: str
    output: object = None
    published: object = None
    rule_paths: tuple = ()
    types: list | None = None
    workers: int = 1
    globs: tuple = ("*.txt", "*.md")
    resume: bool = False
    quiet: bool = False


@dataclass
class Outcome:
    done: int = 0
    skipped: int = 0
    facts: int = 0
    errors: list = field(default_factory=list)


class _Rate(ProgressColumn):
    def render(self, task):
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} files/s" if speed else "", style="cyan")


def open_writer(job: Job, stream, ruleset, show_doc: bool):
    if job.fmt == "sqlite":
        return SqliteWriter(job.output, ruleset.types)
    if job.fmt == "table":
        return TableWriter(console_for(stream), ruleset.types, show_doc=show_doc)
    return WRITERS[job.fmt](stream, ruleset.types)


def run_extract(job: Job, ruleset, err: Console) -> int:
    names = discover(job.paths, job.globs)
    if not names:
        err.print("relfacts: error: no input files found", markup=False)
        return 1
    try:
        with contextlib.ExitStack() as stack:
            stream = sys.stdout
            if job.output and job.fmt != "sqlite":
                stream = stack.enter_context(open(job.output, "w", encoding="utf-8", newline=""))
            writer = open_writer(job, stream, ruleset, show_doc=len(names) > 1)
            stack.callback(writer.close)
            known = writer.known_hashes() if job.resume and hasattr(writer, "known_hashes") else set()
            # after a batch written to a file, a per-pair summary goes to the (free) standard output
            summary = Summary() if job.output and not job.quiet and len(names) > 1 else None
            outcome = Outcome()
            progress = None
            if err.is_terminal and not job.quiet and len(names) > 1:
                progress = stack.enter_context(Progress(
                    TextColumn("[bold]extract"), BarColumn(), TextColumn("{task.completed}/{task.total} files"),
                    TextColumn("{task.fields[facts]} facts"), _Rate(), TimeRemainingColumn(), console=err, transient=False))
                task = progress.add_task("extract", total=len(names), facts=0)
            try:
                for doc in _results(job, names, known):
                    if doc.error:
                        outcome.errors.append(doc)
                        writer.write_error(doc)
                        if progress is None:
                            err.print(f"relfacts: error: {printable(doc.error)}", markup=False)
                    elif doc.skipped:
                        outcome.skipped += 1
                    else:
                        writer.write(doc)
                        if job.fmt != "sqlite":
                            stream.flush()  # a reader at the other end of a pipe gets each document as it is done
                        outcome.done += 1
                        outcome.facts += len(doc.facts)
                        if summary is not None:
                            summary.add(doc.path, doc.facts)
                    for w in doc.warnings:
                        err.print(f"relfacts: warning: {printable(w)}", markup=False)
                    if progress is not None:
                        progress.update(task, advance=1, facts=outcome.facts)
            finally:
                if progress is not None:
                    progress.stop()
    except BrokenPipeError:
        raise
    except (SqliteError, OSError) as e:  # the disk is full, the output went away
        where = "" if isinstance(e, SqliteError) else f"{job.output or 'standard output'}: "
        err.print(f"relfacts: error: {printable(where + str(getattr(e, 'strerror', None) or e))}", markup=False)
        return 2
    _report(job, names, outcome, summary, err)
    return 1 if outcome.errors else 0


def _results(job: Job, names: list, known: set):
    """DocResults in input order: in this process, or from a pool of workers."""
    worker.configure(job.rule_paths, job.published, job.types, known)
    files = [n for n in names if n != "-"]
    if job.workers <= 1 or len(files) < 2:
        for name in names:
            data = sys.stdin.buffer.read() if name == "-" else None
            yield worker.process(name, data)
        return
    for name in names:  # standard input is read here, before the workers start
        if name == "-":
            yield worker.process("-", sys.stdin.buffer.read())
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(job.workers, initializer=worker.configure,
                      initargs=(job.rule_paths, job.published, job.types, known)) as pool:
        try:
            # 16 documents a hand-over: with 4, the writing process spent a third of
            # a core on hand-overs, and 2 workers gave 1.6x one instead of 1.85x
            yield from pool.imap(worker.process, files, chunksize=16)
        except BaseException:
            pool.terminate()
            raise


def _report(job: Job, names, outcome: Outcome, summary, err: Console) -> None:
    if summary is not None and summary.pairs:
        console_for().print(summary.table())
    if not job.quiet and (len(names) > 1 or outcome.skipped):
        skipped = f", {outcome.skipped} already in {job.output} (skipped)" if outcome.skipped else ""
        err.print(f"relfacts: {outcome.done} documents, {outcome.facts} facts{skipped}", markup=False)
    if outcome.errors:
        listed = progress_was_on = err.is_terminal and not job.quiet and len(names) > 1
        err.print(f"relfacts: {len(outcome.errors)} of {len(names)} input(s) failed" + (":" if listed else ""), markup=False)
        if progress_was_on:  # with a progress bar the errors were not printed as they came
            for doc in outcome.errors[:50]:
                err.print(f"  {printable(doc.error)}", markup=False)
            if len(outcome.errors) > 50:
                more = f" (all in the errors table of {job.output})" if job.fmt == "sqlite" else ""
                err.print(f"  … and {len(outcome.errors) - 50} more{more}", markup=False)
