"""A Parquet result, on a Dask cluster or here: the same facts as a local run,
resumable by chunk after a failed chunk or a killed driver; datasets in."""
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

from conftest import ROOT, SHARED  # noqa: E402
from test_batch import SAMPLES, make_corpus, relfacts  # noqa: E402


@pytest.fixture(scope="module")
def scheduler():
    """An in-process cluster (threads): its address, as a user gives --scheduler."""
    from distributed import LocalCluster

    with LocalCluster(processes=False, n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def reference(*paths):
    """`extract -f jsonl` on one core: what every Parquet run must give."""
    proc = relfacts("extract", *paths, "-f", "jsonl", "-w", "1")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def merged(folder, run_cli):
    code, out, err = run_cli("merge", folder, "-f", "jsonl")
    assert code == 0, err
    return out


def chunk_parts(folder):
    return sorted(p.name for p in (folder / "facts").glob("part-*.parquet") if p.is_file())


def test_samples_and_devset_on_a_cluster_equal_a_local_run(tmp_path, scheduler, run_cli):
    inputs = [ROOT / "samples"] + ([SHARED / "devset"] if (SHARED / "devset").is_dir() else [])
    out = tmp_path / "facts.parquet"
    code, _, err = run_cli("extract", *inputs, "-o", out, "--scheduler", scheduler, "--chunk-size", "4", "-q")
    assert code == 0, err
    assert merged(out, run_cli) == reference(*inputs)
    documents = pq.read_table(out / "documents").to_pylist()
    assert len(documents) == len(SAMPLES) + len(list((SHARED / "devset").glob("*.txt")))
    assert len(chunk_parts(out)) == -(-len(documents) // 4)


def test_local_cluster_of_processes_typed_columns_and_failed_documents(tmp_path):
    bad = make_corpus(tmp_path / "in", 3, bad_every=7)  # 18 files, 2 bad
    out = tmp_path / "facts.parquet"
    proc = relfacts("extract", tmp_path / "in", "-o", out, "--scheduler", "local:2", "--chunk-size", "5")
    assert proc.returncode == 1  # as a local run: a failed input, the others' facts kept
    assert f"relfacts: {len(bad)} of 18 input(s) failed" in proc.stderr
    assert "By country pair" in proc.stdout and "KAZ–UZB" in proc.stdout
    facts = pq.read_table(out / "facts")
    assert str(facts.schema.field("countries").type) == "list<element: string>"
    assert str(facts.schema.field("amount").type) == "double"
    assert {"type", "doc", "span_start", "span_end", "date", "visitor", "host", "status", "data"} <= set(facts.column_names)
    documents = pq.read_table(out / "documents").to_pylist()
    assert len(documents) == 18  # no input silently dropped
    assert sorted(d["doc"] for d in documents if d["error"]) == sorted(map(str, bad))
    good = [p for p in sorted((tmp_path / "in").rglob("*.txt")) if p not in bad]
    lines = reference(*good).splitlines()
    assert sorted(facts.column("data").to_pylist()) == sorted(lines)


def test_a_failed_chunk_is_reported_then_resumed(tmp_path, scheduler, run_cli):
    from relfacts.chunks import Settings, plan

    make_corpus(tmp_path / "in", 2)  # 12 documents, 4 chunks of 3
    out = tmp_path / "facts.parquet"
    chunks = list(plan([str(tmp_path / "in")], ("*.txt", "*.md"), Settings(str(out)), 3))
    assert len(chunks) == 4
    blocked = out / "facts" / f"part-{chunks[2].first:012d}-{chunks[2].id}.parquet"
    blocked.mkdir(parents=True)  # the storage refuses this chunk's facts part
    code, _, err = run_cli("extract", tmp_path / "in", "-o", out, "--scheduler", scheduler, "--chunk-size", "3", "-q")
    assert code == 1
    assert f"chunk {chunks[2].id}" in err and "failed" in err and "--resume" in err
    finished = {p: (out / "facts" / p).stat().st_mtime_ns for p in chunk_parts(out)}
    assert len(finished) == 3
    blocked.rmdir()
    code, _, err = run_cli("extract", tmp_path / "in", "-o", out, "--scheduler", scheduler, "--chunk-size", "3",
                           "--resume")
    assert code == 0, err
    assert "9 already in" in err  # the three finished chunks were skipped…
    for part, mtime in finished.items():
        assert (out / "facts" / part).stat().st_mtime_ns == mtime  # …and not written again
    assert len(chunk_parts(out)) == 4
    assert merged(out, run_cli) == reference(tmp_path / "in")


def test_a_killed_driver_resumes_without_loss_or_duplicates(tmp_path, run_cli):
    make_corpus(tmp_path / "in", 30)  # 180 documents, 45 chunks
    out = tmp_path / "facts.parquet"
    args = ["extract", str(tmp_path / "in"), "-o", str(out), "--scheduler", "local:2", "--chunk-size", "4", "-q"]
    proc = subprocess.Popen([sys.executable, "-m", "relfacts", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if (out / "facts").is_dir() and len(chunk_parts(out)) >= 5:
            break
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its cluster
    proc.wait()
    done = len(chunk_parts(out))
    assert 0 < done < 45, "the run was not killed midway"
    resumed = relfacts(*args[:-1], "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "already in" in resumed.stderr
    assert len(chunk_parts(out)) == 45
    assert merged(out, run_cli) == reference(tmp_path / "in")


def _dataset_rows():
    rows = []
    for i, sample in enumerate(SAMPLES * 2):
        header = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s*", sample.read_text(encoding="utf-8"))
        body = sample.read_text(encoding="utf-8")[header.end():]  # the date goes to its own column
        rows.append({"url": f"https://news.example/{i}", "body": body + f"\nItem {i}.\n", "day": header.group(1)})
    rows.append({"url": "https://news.example/empty", "body": None, "day": "2024-01-01"})
    return rows


def _expected(rows):
    import relfacts

    return sorted(json.dumps(f.to_dict(), ensure_ascii=False) for r in rows if r["body"]
                  for f in relfacts.extract(r["body"], published=r["day"], name=r["url"]))


@pytest.mark.parametrize("kind", ["parquet", "jsonl"])
def test_datasets_in_rows_by_piece(tmp_path, kind, run_cli):
    import pyarrow as pa

    rows = _dataset_rows()
    path = tmp_path / f"news.{kind}"
    if kind == "parquet":
        pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=5)
    else:
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    columns = ["--input-format", kind, "--text-column", "body", "--id-column", "url", "--date-column", "day",
               "--chunk-size", "2"]  # JSON Lines: pieces of 8 KiB, shorter than some rows
    code, out, err = run_cli("extract", path, "-f", "jsonl", "-w", "2", *columns)
    assert code == 1 and "https://news.example/empty: no text" in err
    assert sorted(out.splitlines()) == _expected(rows)
    result = tmp_path / "facts.parquet"
    code, _, err = run_cli("extract", path, "-o", result, "-w", "1", "-q", *columns)
    assert code == 1
    assert sorted(merged(result, run_cli).splitlines()) == _expected(rows)
    documents = pq.read_table(result / "documents").to_pylist()
    assert [d["doc"] for d in documents] == [r["url"] for r in rows]  # every row once, in order


def test_urls_and_globs_and_bad_dataset_files(tmp_path, run_cli):
    make_corpus(tmp_path / "in", 1)
    local = reference(tmp_path / "in")
    code, out, _ = run_cli("extract", f"file://{tmp_path}/in/**/*.txt", "-f", "jsonl", "-w", "1")
    assert code == 0
    strip = lambda text: sorted(json.dumps({**json.loads(l), "doc": None}) for l in text.splitlines())  # noqa: E731
    assert strip(out) == strip(local)
    assert all(json.loads(l)["doc"].startswith("file://") for l in out.splitlines())
    (tmp_path / "broken.parquet").write_bytes(b"not parquet at all")
    code, _, err = run_cli("extract", tmp_path / "broken.parquet", tmp_path / "none.parquet", "--input-format",
                           "parquet", "-f", "jsonl")
    assert code == 1
    assert f"{tmp_path / 'broken.parquet'}: " in err and f"{tmp_path / 'none.parquet'}: no such file" in err
    code, _, err = run_cli("extract", tmp_path / "in", "-f", "jsonl", "--scheduler", "local:2")
    assert code == 2 and "--scheduler writes Parquet" in err
