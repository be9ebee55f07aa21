"""Archives as inputs: a zip or tar file gives the facts its members give as
files, each named ARCHIVE/MEMBER, in the archive's order; a bad archive is one
clear error that costs no other input its facts."""
import json
import subprocess
import sys
import tarfile
import threading
import zipfile

import pytest

from conftest import ROOT
from relfacts import archives
from relfacts.pipeline import _Window

SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def jsonl(*args, cwd):
    proc = subprocess.run([sys.executable, "-m", "relfacts", "extract", *map(str, args), "-f", "jsonl"],
                          capture_output=True, text=True, cwd=cwd, timeout=300)
    return proc.returncode, [json.loads(line) for line in proc.stdout.splitlines()], proc.stderr


def by_document(facts, prefix=""):
    """{member name: [facts without their doc]}"""
    out = {}
    for f in facts:
        out.setdefault(f.pop("doc").removeprefix(prefix), []).append(f)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The samples as files in news/ (one also in a subfolder, and a file no glob
    takes), and the same tree as a zip and as a tar.gz."""
    root = tmp_path_factory.mktemp("archives")
    news = root / "news"
    (news / "march").mkdir(parents=True)
    for i, s in enumerate(SAMPLES):
        (news / ("march" if i % 2 else "") / s.name).write_text(s.read_text(encoding="utf-8"), encoding="utf-8")
    (news / "notes.csv").write_text("not,an,article\n", encoding="utf-8")
    members = sorted(p.relative_to(root).as_posix() for p in news.rglob("*") if p.is_file())
    with zipfile.ZipFile(root / "news.zip", "w") as z:
        for m in members:
            z.write(root / m, m)
    with tarfile.open(root / "news.tar.gz", "w:gz") as t:
        for m in reversed(members):  # an order of its own: the archive's order is kept
            t.add(root / m, m)
    return root, members


def test_an_archive_gives_the_facts_of_its_files_named_inside_it(corpus):
    root, members = corpus
    code, files, _ = jsonl("news", cwd=root)
    assert code == 0
    expected = by_document(files)
    articles = [m for m in members if m.endswith(".txt")]
    assert sorted(expected) == articles and len(articles) == len(SAMPLES)
    for archive, order in (("news.zip", articles), ("news.tar.gz", articles[::-1])):
        for workers in ("1", "2"):
            code, facts, err = jsonl(archive, "--workers", workers, cwd=root)
            assert code == 0, err
            got = by_document(facts, archive + "/")
            assert got == expected  # the same facts, the csv not read
            assert list(got) == [m for m in order if m in got]  # in the archive's order


def test_archives_in_a_folder_and_a_member_named_alone(corpus):
    root, _ = corpus
    (root / "batch").mkdir()
    for name in ("news.zip", "news.tar.gz"):
        (root / "batch" / name).write_bytes((root / name).read_bytes())
    code, facts, _ = jsonl("batch", cwd=root)
    docs = {f["doc"] for f in facts}
    assert code == 0 and len(docs) == 2 * len(SAMPLES)
    assert {d.split("/", 2)[1] for d in docs} == {"news.zip", "news.tar.gz"}
    member = f"news.tar.gz/news/{SAMPLES[0].name}"
    code, alone, _ = jsonl(member, cwd=root)
    assert code == 0 and alone and {f["doc"] for f in alone} == {member}
    code, _, err = jsonl("news.zip/news/missing.txt", cwd=root)
    assert code == 1 and "news.zip/news/missing.txt: no such file in the archive" in err


def test_archives_at_a_url_give_the_facts_they_give_on_disk(corpus, tmp_path):
    """An archive at a URL (fsspec: file:// here, s3:// alike) named alone, in a
    listed folder or by a glob, one of its members, a Parquet run's chunks of it;
    a damaged one is one error."""
    pytest.importorskip("fsspec")
    root, _ = corpus
    store = tmp_path / "store"
    store.mkdir()
    for name in ("news.zip", "news.tar.gz"):
        (store / name).write_bytes((root / name).read_bytes())
    _, local, _ = jsonl("news.zip", "news.tar.gz", cwd=root)
    expected = by_document(local)
    url = f"file://{store}"
    for inputs in ([f"{url}/news.zip", f"{url}/news.tar.gz"], [url], [f"{url}/*.zip", f"{url}/*.tar.gz"]):
        code, facts, err = jsonl(*inputs, cwd=root)
        assert code == 0, err
        assert by_document(facts, url + "/") == expected
    member = f"news.tar.gz/news/{SAMPLES[0].name}"
    code, alone, _ = jsonl(f"{url}/{member}", cwd=root)
    assert code == 0 and by_document(alone, url + "/") == {member: expected[member]}
    made = subprocess.run([sys.executable, "-m", "relfacts", "extract", url, "-o", tmp_path / "out.parquet",
                           "--chunk-size", "2", "-q"], capture_output=True, text=True, cwd=root, timeout=300)
    assert made.returncode == 0, made.stderr
    merged = subprocess.run([sys.executable, "-m", "relfacts", "merge", tmp_path / "out.parquet", "-f", "jsonl"],
                            capture_output=True, text=True, cwd=root, timeout=300)
    assert by_document([json.loads(line) for line in merged.stdout.splitlines()], url + "/") == expected
    (store / "bad.zip").write_bytes(b"PK\x03\x04 not a zip at all")
    code, facts, err = jsonl(url, cwd=root)
    assert code == 1 and f"relfacts: error: {url}/bad.zip: not a readable zip archive (" in err
    assert by_document(facts, url + "/") == expected


@pytest.mark.parametrize("name,data,message", [
    ("cut.tar.gz", None, "cut.tar.gz: not a readable tar archive"),
    ("bad.zip", b"PK\x03\x04 not a zip at all", "bad.zip: not a readable zip archive"),
])
def test_a_bad_archive_is_one_error_and_the_others_keep_their_facts(corpus, name, data, message):
    root, _ = corpus
    (root / name).write_bytes(data if data is not None else (root / "news.tar.gz").read_bytes()[:200])
    code, facts, err = jsonl(name, SAMPLES[0], cwd=root)
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("relfacts: error:")]
    assert len(errors) == 1 and errors[0].startswith(f"relfacts: error: {message} (")
    assert facts and {f["doc"] for f in facts} == {str(SAMPLES[0])}


def test_with_data_reads_each_archive_once_in_order(corpus, monkeypatch):
    root, members = corpus
    archive = str(root / "news.tar.gz")
    inside = archives.members(archive, ("*.txt",))
    names = [f"{archive}/{m}" for m in inside]
    opened = []
    real = archives.contents
    monkeypatch.setattr(archives, "contents", lambda a: opened.append(a) or real(a))
    got = list(archives.with_data(["plain.txt", *names]))
    assert got[0] == ("plain.txt", None) and opened == [archive]  # one pass for all its members
    assert got[1:] == [(n, (root / m).read_bytes()) for n, m in zip(names, inside)]

def test_chunks_of_a_tar_carry_their_members_read_in_one_pass(corpus, monkeypatch):
    """A Parquet run cuts a tar's members into chunks: the plan reads the archive
    once and each chunk carries its members' bytes, so no worker reads the
    compressed stream from its start again (quadratic over a large archive)."""
    from relfacts.chunks import Settings, documents, plan

    root, members = corpus
    archive = str(root / "news.tar.gz")
    opened = []
    real = archives.contents
    monkeypatch.setattr(archives, "contents", lambda a: opened.append(a) or real(a))
    settings = Settings("")
    chunks = list(plan([archive, str(SAMPLES[0])], ("*.txt",), settings, size=2))
    inside = archives.members(archive, ("*.txt",))
    assert opened == [archive] and [n for c in chunks for n, _ in c.items] == \
        [f"{archive}/{m}" for m in inside] + [str(SAMPLES[0])]
    carried = [d for c in chunks for d in c.data or (None,) * len(c.items)]  # () when a chunk carries nothing
    assert carried == [(root / m).read_bytes() for m in inside] + [None]
    done = [doc for c in chunks for _, doc in documents(c, settings)]
    assert opened == [archive] and [d.path for d in done] == [n for c in chunks for n, _ in c.items]
    assert all(d.error is None for d in done) and sum(d.count for d in done) > 0
    # a pass that only counts reads nothing; the chunks' ids are the same
    assert [c.id for c in plan([archive, str(SAMPLES[0])], ("*.txt",), settings, 2, read_tars=False)] == \
        [c.id for c in chunks] and opened == [archive]


def test_the_window_holds_the_pool_back_and_lets_it_go_when_closed():
    window = _Window(2)
    taken = []
    feeder = threading.Thread(target=lambda: taken.extend(window.feed(range(10))))
    feeder.start()
    feeder.join(0.5)
    assert feeder.is_alive() and taken == [0, 1]  # waiting for room
    window.release()
    window.release()
    window.close()  # the batch ended: the feed stops instead of waiting for room
    feeder.join(2)
    assert not feeder.is_alive() and taken == [0, 1, 2, 3]


def test_a_parquet_result_reads_an_archive_in_chunks_with_the_same_facts(corpus, tmp_path):
    root, _ = corpus
    code, expected, _ = jsonl("news.tar.gz", cwd=root)
    run = lambda *a: subprocess.run([sys.executable, "-m", "relfacts", *map(str, a)], capture_output=True,  # noqa: E731
                                    text=True, cwd=root, timeout=300)
    made = run("extract", "news.tar.gz", "-o", tmp_path / "out.parquet", "--chunk-size", "2")
    assert made.returncode == 0, made.stderr
    merged = run("merge", tmp_path / "out.parquet", "-f", "jsonl")
    assert merged.returncode == 0 and [json.loads(line) for line in merged.stdout.splitlines()] == expected
