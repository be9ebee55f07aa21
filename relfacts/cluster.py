"""The extract job for a Parquet result: chunks of documents run on a Dask
cluster (`--scheduler tcp://host:8786`, `local`, `local:N`) or on worker
processes here, each writing its own parts (output/parquet.py).

The driver lists the inputs as it goes and keeps a bounded number of chunks
in flight (twice the cluster's threads), so its memory does not grow with
the number of inputs; results never pass through it, only each chunk's
counts, errors and its per-pair summary (made where the chunk ran).  A chunk that
raises (a worker lost, storage failing) is retried twice by Dask, then
reported; the run goes on and exits 1, and `--resume` runs what is
missing."""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import logging
import multiprocessing
import os

from .chunks import Settings, plan, run_chunk
from .summary import Summary


class ClusterError(Exception):
    pass


def _in_batches(submit, wait_first, items, window: int):
    """(item, result, exception) as tasks finish, at most `window` in flight."""
    pending = {}
    items = iter(items)
    more = True
    while True:
        while more and len(pending) < window:
            item = next(items, None)
            if item is None:
                more = False
            else:
                pending[submit(item)] = item
        if not pending:
            return
        finished, _ = wait_first(list(pending))
        for future in finished:
            item = pending.pop(future)
            try:
                yield item, future.result(), None
            except Exception as e:  # noqa: BLE001 - reported with the chunk, the run goes on
                yield item, None, e


@contextlib.contextmanager
def local_executor(workers: int, settings: Settings):
    """Chunks on worker processes of this machine (in this process for one)."""
    def wait_first(futures):
        return cf.wait(futures, return_when=cf.FIRST_COMPLETED)

    if workers <= 1:
        def submit(chunk):
            future = cf.Future()
            try:
                future.set_result(run_chunk(chunk, settings))
            except Exception as e:  # noqa: BLE001
                future.set_exception(e)
            return future

        yield submit, wait_first, 1
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with cf.ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield (lambda chunk: pool.submit(run_chunk, chunk, settings)), wait_first, 2 * workers


@contextlib.contextmanager
def dask_executor(address: str, settings: Settings):
    """Chunks on a Dask cluster: a running scheduler, or a LocalCluster of N
    single-threaded worker processes for `local:N`."""
    try:
        import dask
        from distributed import Client, LocalCluster, wait
    except ImportError:
        raise ClusterError("--scheduler needs the distributed extra: pip install 'relfacts[distributed]'") from None
    with contextlib.ExitStack() as stack:
        # the client's (and a local scheduler's) logs of recent messages, kept
        # for debugging, hold each message's chunk: 1,000 by default, so the
        # driver's memory grew with the first 2,000 chunks; a short log keeps it flat
        # Dask's workers sample their task's stack every 10 ms for the dashboard's
        # profile, which relfacts never shows: work taken from the chunks
        stack.enter_context(dask.config.set({"distributed.admin.low-level-log-length": 16,
                                             "distributed.worker.profile.enabled": False}))
        if address == "local" or address.startswith("local:"):
            count = address.partition(":")[2] or str(os.cpu_count() or 1)
            if not count.isdigit() or int(count) < 1:
                raise ClusterError(f"--scheduler {address}: want local or local:N (N workers)")
            # its own log lines (a heartbeat racing the shutdown) stay quiet: relfacts reports failed chunks
            cluster = stack.enter_context(LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                                                       dashboard_address=":0", silence_logs=logging.CRITICAL))
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = stack.enter_context(Client(address, timeout="20s"))
            except (OSError, TimeoutError, ValueError) as e:
                raise ClusterError(f"--scheduler {address}: cannot connect ({e})") from None
        threads = sum(client.nthreads().values()) or 1

        def submit(chunk):
            return client.submit(run_chunk, chunk, settings, key=f"relfacts-chunk-{chunk.id}", retries=2)

        yield submit, (lambda futures: wait(futures, return_when="FIRST_COMPLETED")), 2 * threads


def run_chunked(job, err, progress_for) -> tuple[object, int]:
    """Run a job whose output is a Parquet folder: (Outcome, exit code).
    `progress_for(total)` gives a context manager whose value is called with
    (documents, facts) as chunks finish."""
    from .pipeline import Outcome

    try:
        from .output.parquet import PartStore
    except ImportError:
        raise ClusterError("Parquet output needs the distributed extra: pip install 'relfacts[distributed]'") from None
    settings = Settings(str(job.output), job.rule_paths, job.published, tuple(job.types) if job.types else None,
                        job.input_format, job.columns)
    store = PartStore(settings.output)
    done = store.done() if job.resume else set()
    store.clear(keep=done)  # temporary files, unfinished chunks; without --resume, every part
    outcome = Outcome()
    outcome.summary = Summary() if not job.quiet else None
    total = None
    showing = err.is_terminal and not job.quiet
    if showing:  # a first pass for the progress bar's total (names and footers only)
        sizes = [c.size for c in plan(job.paths, job.globs, settings, job.chunk_size, read_tars=False)]
        total = None if None in sizes else sum(sizes)
    seen = set()
    complete = False

    def todo(advance):
        nonlocal complete
        for chunk in plan(job.paths, job.globs, settings, job.chunk_size):
            if chunk.id in seen:
                continue
            seen.add(chunk.id)
            if chunk.id in done:
                outcome.skipped += chunk.size or 0
                advance(chunk.size or 0, 0)
                continue
            yield chunk
        complete = True

    executor = dask_executor(job.scheduler, settings) if job.scheduler else local_executor(job.workers, settings)
    with executor as (submit, wait_first, window), progress_for(total) as advance:
        for chunk, report, failure in _in_batches(submit, wait_first, todo(advance), window):
            if failure is not None:
                first = chunk.items[0][0]
                message = (f"chunk {chunk.id} ({first}, {chunk.size or '?'} documents) failed: "
                           f"{type(failure).__name__}: {failure}")
                outcome.failed_chunks.append(message)
                err.print(f"relfacts: error: {message}", markup=False)
                continue
            outcome.done += report.documents - len(report.errors)
            outcome.facts += report.facts
            outcome.errors.extend(report.errors)
            for w in report.warnings:
                err.print(f"relfacts: warning: {w}", markup=False)
            for message in report.errors if not showing else ():  # with a progress bar, listed at the end
                err.print(f"relfacts: error: {message}", markup=False)
            if outcome.summary is not None:
                outcome.summary.merge(report.summary)
            advance(report.documents, report.facts)
    if complete and job.resume and not outcome.failed_chunks:
        store.clear(keep=seen)  # chunks of inputs that are gone or changed
    if outcome.summary is not None:
        outcome.summary.documents = outcome.done
    return outcome, 1 if outcome.errors or outcome.failed_chunks else 0

