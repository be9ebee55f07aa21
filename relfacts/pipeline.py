"""The extract job: find the inputs, extract each document (in worker
processes when there are many), write facts as each document finishes, show
progress, and end with an error summary.

Order: results are written in input order (named files as given, the files
of a folder sorted by path), whatever the number of workers.  Memory stays
flat: documents stream through `imap`, and writers keep nothing (but the
table view, which is for reading, not for archives).  One bad input never
stops the batch: it is named, recorded (SQLite: the errors table), and the
exit code is 1.

A Parquet output (a folder of parts) is written chunk by chunk, here or on a
Dask cluster (cluster.py); datasets of articles (Parquet, JSON Lines) are
read in pieces (datasets.py)."""
from __future__ import annotations

import contextlib
import signal
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from . import archives, worker
from .ctrl_c import CtrlC
from .datasets import DATASET_GLOBS, Columns
from .inputs import DEFAULT_GLOBS, InputError, discover, printable
from .messages import Messages
from .output.sqlite import SqliteError, SqliteWriter
from .output.writers import WRITERS


@dataclass
class Job:
    paths: list
    fmt: str
    output: object = None
    published: object = None
    rule_paths: tuple = ()
    types: list | None = None
    workers: int = 1
    globs: tuple = DEFAULT_GLOBS
    resume: bool = False
    quiet: bool = False
    scheduler: str | None = None  # a Dask scheduler's address, or local / local:N
    input_format: str = "text"  # text files, or datasets: parquet, jsonl
    columns: Columns = Columns()
    chunk_size: int = 100  # documents per chunk of a Parquet result


@dataclass
class Outcome:
    done: int = 0
    skipped: int = 0
    facts: int = 0
    errors: list = field(default_factory=list)  # "input: message"
    failed_chunks: list = field(default_factory=list)
    summary: Summary | None = None


def _rate_column(unit: str):
    """A column of items per second (rich.progress is imported only when a bar is shown)."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task):
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} {unit}/s" if speed else "", style="cyan")

    return Rate()


ENDINGS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
           ".sqlite": "sqlite", ".sqlite3": "sqlite", ".db": "sqlite", ".txt": "table", ".parquet": "parquet"}


def output_format(fmt: str | None, output, resume: bool = False) -> str:
    """The format of an extract job: `fmt` when given, else the output file's
    ending, else the table.  ValueError names what does not fit, and an
    output that cannot be written (a folder, a folder that does not exist)."""
    from .inputs import is_url

    if output is not None and is_url(str(output)):  # a Parquet folder on s3://…: the cluster writes it
        fmt = fmt or "parquet"
    elif output is not None:
        output = Path(output)
        if output.suffix.lower() == ".parquet" and fmt in (None, "parquet"):
            fmt = "parquet"  # a folder of parts: it may exist (--resume)
        elif output.is_dir() and fmt != "parquet":
            raise ValueError(f"--output {output}: is a folder (give a file name, such as {output / 'facts.sqlite'})")
        if not output.parent.is_dir():
            raise ValueError(f"--output {output}: the folder {output.parent} does not exist")
    if fmt is None and output is not None:
        fmt = ENDINGS.get(Path(output).suffix.lower())
        if fmt is None:
            endings = ", ".join(f"{e} ({f})" for e, f in ENDINGS.items())
            raise ValueError(f"--output {output}: unknown ending {output.suffix or '(none)'!r}; "
                             f"use one of {endings}, or give --format")
    fmt = fmt or "table"
    if fmt in ("sqlite", "parquet") and output is None:
        raise ValueError(f"--format {fmt} needs --output " + ("FILE" if fmt == "sqlite" else "FOLDER"))
    if resume and fmt not in ("sqlite", "parquet"):
        raise ValueError("--resume needs an SQLite or Parquet --output (facts.sqlite, facts.parquet)")
    return fmt


def open_writer(job: Job, stream, ruleset, show_doc: bool):
    if job.fmt == "sqlite":
        return SqliteWriter(job.output, ruleset.types)
    if job.fmt == "table":
        from .output.table import TableWriter, console_for

        return TableWriter(console_for(stream), ruleset.types, show_doc=show_doc)
    return WRITERS[job.fmt](stream, ruleset.types)


@contextlib.contextmanager
def progress_bar(err: Messages, total, unit: str, show: bool):
    """A function to call with (items done, facts found): a rich progress bar
    on the terminal, or nothing."""
    if not show:
        yield lambda items, facts: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("[bold]extract"), BarColumn(), TextColumn("{task.completed}/{task.total} " + unit),
                  TextColumn("{task.fields[facts]} facts"), _rate_column(unit), TimeRemainingColumn(),
                  console=err.console, transient=False) as progress:
        task = progress.add_task("extract", total=total, facts=0)
        found = 0

        def advance(items, facts):
            nonlocal found
            found += facts
            progress.update(task, advance=items, facts=found)

        yield advance


def run_extract(job: Job, ruleset, err: Messages) -> int:
    if job.fmt == "parquet":
        from .cluster import ClusterError, run_chunked

        try:
            outcome, code = run_chunked(
                job, err, lambda total: progress_bar(err, total, "documents", err.is_terminal and not job.quiet))
        except (ClusterError, InputError) as e:
            err.print(f"relfacts: error: {e}", markup=False)
            return 2
        except KeyboardInterrupt:
            err.print(f"relfacts: interrupted; the finished chunks of {job.output} are kept: "
                      "run the same command with --resume to finish", markup=False)
            return 130
        _report(job, outcome.done + len(outcome.errors) + outcome.skipped, outcome, outcome.summary, err)
        return code
    datasets = job.input_format != "text"
    names = discover(job.paths, DATASET_GLOBS[job.input_format] if datasets else job.globs)
    many = datasets or len(names) > 1
    if not names:
        err.print("relfacts: error: no input files found", markup=False)
        return 1
    try:
        with contextlib.ExitStack() as stack:
            stream = sys.stdout
            if job.output and job.fmt != "sqlite":
                stream = stack.enter_context(open(job.output, "w", encoding="utf-8", newline=""))
            writer = open_writer(job, stream, ruleset, show_doc=many)
            stack.callback(writer.close)
            known = writer.known_hashes() if job.resume and hasattr(writer, "known_hashes") else set()
            # after a batch written to a file, a per-pair summary goes to the (free) standard output
            summary = None
            if job.output and job.fmt != "sqlite" and not job.quiet and many:
                from .summary import Summary

                summary = Summary()
            keep = set(writer.reads) | ({"paired"} if summary is not None else set())
            outcome = Outcome()
            showing = not job.quiet and many and err.is_terminal
            advance = stack.enter_context(progress_bar(err, None if datasets else len(names),
                                                       "documents" if datasets else "files", showing))
            interrupted = None
            ctrl_c = stack.enter_context(CtrlC.watch())
            try:
                # Ctrl-C is raised while the next document is awaited (or extracted here), never in the middle of
                # writing one or of drawing the bar; one that came while the command started and was lost, first
                with ctrl_c.held():
                    for doc in ctrl_c.awaited(_results(job, names, known, keep)):
                        if doc.error:
                            outcome.errors.append(doc.error)
                            writer.write_error(doc)
                            if not showing:
                                err.print(f"relfacts: error: {printable(doc.error)}", markup=False)
                        elif doc.skipped:
                            outcome.skipped += 1
                        else:
                            written = writer.write(doc) is not False  # False: the same content, under another path
                            if written and job.fmt != "sqlite":
                                stream.flush()  # a reader at the other end of a pipe gets each document as it is done
                            if not written:
                                outcome.skipped += 1
                            else:
                                outcome.done += 1
                                outcome.facts += doc.count
                                if summary is not None:
                                    summary.add(doc.path, doc.paired)
                        for w in doc.warnings:
                            err.print(f"relfacts: warning: {printable(w)}", markup=False)
                        advance(1, doc.count)
            except KeyboardInterrupt:  # Ctrl-C: the workers are stopped (_results), the writer closed (the stack)
                # (a document committed just as Ctrl-C came is in the database, not yet counted here)
                interrupted = writer.documents() if job.fmt == "sqlite" else outcome.done
                if hasattr(writer, "abandon"):
                    writer.abandon()
    except BrokenPipeError:
        raise
    except (SqliteError, OSError) as e:  # the disk is full, the output went away
        where = "" if isinstance(e, SqliteError) else f"{job.output or 'standard output'}: "
        err.print(f"relfacts: error: {printable(where + str(getattr(e, 'strerror', None) or e))}", markup=False)
        return 2
    if interrupted is not None:
        err.print(_interrupted(job, interrupted), markup=False)
        return 130
    _report(job, outcome.done + len(outcome.errors) + outcome.skipped if datasets else len(names), outcome, summary, err)
    return 1 if outcome.errors else 0


def _interrupted(job: Job, documents: int) -> str:
    if job.fmt == "sqlite":
        return (f"relfacts: interrupted; {job.output} holds {documents} documents: "
                "run the same command with --resume to finish")
    return (f"relfacts: interrupted after {documents} documents "
            "(a batch written with -o FILE.sqlite can be finished later with --resume)")


def merge_parquet(folder: str, fmt: str, output, ruleset, err: Messages) -> int:
    """A Parquet result's finished chunks, in input order, into another format."""
    try:
        from .output.parquet import PartStore
    except ImportError:
        err.print("relfacts: error: reading Parquet needs the distributed extra: pip install 'relfacts[distributed]'",
                  markup=False)
        return 2
    store = PartStore(folder)
    if not store.parts("facts"):
        err.print(f"relfacts: error: {folder}: no finished chunks (not a Parquet result of relfacts extract?)",
                  markup=False)
        return 1
    job = Job(paths=[folder], fmt=fmt, output=output)
    with contextlib.ExitStack() as stack:
        stream = stack.enter_context(open(output, "w", encoding="utf-8", newline="")) if output and fmt != "sqlite" \
            else sys.stdout
        writer = open_writer(job, stream, ruleset, show_doc=True)
        stack.callback(writer.close)
        documents = failed = 0
        for doc in store.chunks():
            documents += 1
            if doc.error:
                failed += 1
                writer.write_error(doc)
            else:
                writer.write(doc)
    err.print(f"relfacts: {documents} documents merged from {folder}"
              + (f" ({failed} had failed: see their error)" if failed else ""), markup=False)
    return 0


@contextlib.contextmanager
def _pool(job: Job, known: set, keep):
    """A pool of worker processes for the batch; stopped at once when the
    batch ends early (Ctrl-C, a reader gone).  Ctrl-C is held back while the
    workers start, so that they begin with it ignored (worker.start_worker)
    and never print a traceback; the main process gets it just after."""
    import multiprocessing

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    _hold_ctrl_c(True)
    try:
        pool = context.Pool(job.workers, initializer=worker.start_worker,
                            initargs=(job.rule_paths, job.published, job.types, known, keep))
    except BaseException:
        _hold_ctrl_c(False)
        raise
    try:
        _hold_ctrl_c(False)  # a Ctrl-C that came meanwhile is raised here
        yield pool
    except BaseException:
        _stop(pool)
        raise
    pool.terminate()  # every result is in: the workers are idle


def _hold_ctrl_c(hold: bool) -> None:
    if hasattr(signal, "pthread_sigmask"):  # (not on Windows, where workers are not forked)
        signal.pthread_sigmask(signal.SIG_BLOCK if hold else signal.SIG_UNBLOCK, {signal.SIGINT})


def _stop(pool) -> None:
    """Stop the workers whatever they are doing.  Pool.terminate() can wait for
    ever on a lock held by a worker it killed while that worker was sending a
    large result (a rare hang on Ctrl-C), so it gets a second and the workers
    are then killed: the process ends either way."""
    stopping = threading.Thread(target=pool.terminate, daemon=True)
    stopping.start()
    stopping.join(1.0)
    if stopping.is_alive():
        for process in pool._pool:
            process.kill()


def _results(job: Job, names: list, known: set, keep=worker.KEEP_ALL):
    """DocResults in input order, carrying what the writer reads (`keep`): in
    this process (--workers 1, or a single file), or from a pool of worker
    processes while this one writes."""
    worker.configure(job.rule_paths, job.published, job.types, known, keep)
    if job.input_format != "text":
        yield from _dataset_results(job, known, keep)
        return
    files = [n for n in names if n != "-"]
    if job.workers <= 1 or len(files) < 2:
        for name, data in archives.with_data(names):
            yield worker.process(name, sys.stdin.buffer.read() if name == "-" else data)
        return
    for name in names:  # standard input is read here, before the workers start
        if name == "-":
            yield worker.process("-", sys.stdin.buffer.read())
    chunk = _hand_over(len(files), job.workers)
    window = _Window(max(64, 4 * chunk * job.workers))
    with _pool(job, known, keep) as pool:
        try:
            for doc in pool.imap(worker.process_item, window.feed(archives.with_data(files)), chunksize=chunk):
                window.release()
                yield doc
        finally:
            window.close()


class _Window:
    """At most `size` documents handed to the pool ahead of the results written:
    an archive member goes to a worker with its bytes, and the pool reads its
    input as fast as it can (a large archive would be read into memory whole)."""

    def __init__(self, size: int):
        self._room = threading.Semaphore(size)
        self._closed = False

    def feed(self, items):
        for item in items:
            while not self._room.acquire(timeout=0.1):
                if self._closed:  # the batch ended early: the pool's feeding thread must not wait for ever
                    return
            yield item

    def release(self) -> None:
        self._room.release()

    def close(self) -> None:
        self._closed = True


def _hand_over(files: int, workers: int) -> int:
    """Documents per hand-over to a worker: each costs the writing process
    (which shares the cores) a wake-up of the pool's threads, so up to 64;
    but at least 8 hand-overs per worker, so that the last ones end together."""
    return max(1, min(64, files // (8 * workers)))


def _dataset_results(job: Job, known: set, keep):
    """The rows of datasets in input order, a chunk of rows per hand-over."""
    from .chunks import Settings, documents, plan

    settings = Settings("", job.rule_paths, job.published, tuple(job.types) if job.types else None,
                        job.input_format, job.columns)
    chunks = plan(job.paths, (), settings, job.chunk_size)
    if job.workers <= 1:
        for chunk in chunks:
            yield from (doc for _, doc in documents(chunk, settings, keep))
        return
    with _pool(job, known, keep) as pool:
        for docs in pool.imap(_chunk_documents, ((c, settings, keep) for c in chunks)):
            yield from docs


def _chunk_documents(args) -> list:
    from .chunks import documents

    return [doc for _, doc in documents(*args)]


def _report(job: Job, total: int, outcome: Outcome, summary, err: Messages) -> None:
    if job.fmt == "sqlite" and not job.quiet and total > 1:
        from .summary import from_file

        summary = from_file(job.output)  # the whole database, earlier runs included
    if summary is not None and summary.pairs:
        from .output.table import console_for

        console_for().print(summary.table())
    if not job.quiet and (total > 1 or outcome.skipped):
        skipped = f", {outcome.skipped} already in {job.output} (skipped)" if outcome.skipped else ""
        err.print(f"relfacts: {outcome.done} documents, {outcome.facts} facts{skipped}", markup=False)
    if outcome.errors:
        listed = progress_was_on = err.is_terminal and not job.quiet and total > 1
        err.print(f"relfacts: {len(outcome.errors)} of {total} input(s) failed" + (":" if listed else ""), markup=False)
        if progress_was_on:  # with a progress bar the errors were not printed as they came
            for message in outcome.errors[:50]:
                err.print(f"  {printable(message)}", markup=False)
            if len(outcome.errors) > 50:
                more = {"sqlite": f" (all in the errors table of {job.output})",
                        "parquet": f" (all in the error column of {job.output}/documents)"}.get(job.fmt, "")
                err.print(f"  … and {len(outcome.errors) - 50} more{more}", markup=False)
    if outcome.failed_chunks:
        err.print(f"relfacts: {len(outcome.failed_chunks)} chunk(s) failed; run again with --resume "
                  "to finish them", markup=False)
