"""Datasets of articles: Parquet files or JSON Lines with one article a row
(`--input-format parquet|jsonl`), read in pieces so that no process holds a
whole dataset.

A piece of a Parquet file is a slice of one row group; a piece of a JSON
Lines file is a byte range (a line belongs to the range its first byte is
in).  The driver only reads Parquet footers and file sizes; the rows are read
where the piece is processed.  A row's id is its `--id-column`, or FILE#ROW
(Parquet) / FILE@OFFSET (JSON Lines) when that is missing."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from .inputs import InputError, is_url, url_fs

DATASET_GLOBS = {"parquet": ("*.parquet",), "jsonl": ("*.jsonl", "*.json")}  # the files of a folder
BYTES_PER_ROW = 4096  # a JSON Lines piece of N rows is about N × this many bytes


@dataclass(frozen=True)
class Columns:
    text: str = "text"
    id: str = "id"
    date: str | None = None  # the publication date of each row


def _open(name: str):
    if is_url(name):
        fs, path = url_fs(name)
        return fs.open(path, "rb")
    return open(name, "rb")


def pieces(name: str, fmt: str, rows: int):
    """(part, rows or None) of a dataset file, in order: a Parquet part is
    (row group, first row, end row), a JSON Lines part (first byte, end byte)."""
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            with _open(name) as fh:
                meta = pq.ParquetFile(fh).metadata
            for group in range(meta.num_row_groups):
                n = meta.row_group(group).num_rows
                for start in range(0, n, rows):
                    yield (group, start, min(n, start + rows)), min(n, start + rows) - start
        else:
            if is_url(name):
                fs, path = url_fs(name)
                size = fs.size(path)
            else:
                size = os.path.getsize(name)
            step = rows * BYTES_PER_ROW
            for start in range(0, max(size, 1), step):
                yield (start, start + step), None
    except ImportError:
        raise InputError(name, "reading Parquet needs the distributed extra: pip install 'relfacts[distributed]'") from None
    except InputError:
        raise
    except Exception as e:  # a missing file, not Parquet: one error naming the file
        raise InputError(name, _reason(e)) from None


def _reason(e: Exception) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file"
    return getattr(e, "strerror", None) or str(e).splitlines()[0] or type(e).__name__


def rows(name: str, fmt: str, part: tuple, columns: Columns):
    """(id, UTF-8 bytes or an InputError, date) of each row of a piece."""
    if fmt == "parquet":
        yield from _parquet_rows(name, part, columns)
    else:
        yield from _jsonl_rows(name, part, columns)


def _parquet_rows(name, part, columns):
    import pyarrow.parquet as pq

    group, start, end = part
    wanted = [c for c in (columns.text, columns.id, columns.date) if c]
    try:
        with _open(name) as fh:
            pf = pq.ParquetFile(fh)
            present = set(pf.schema_arrow.names)
            if columns.text not in present:
                raise InputError(name, f"no column {columns.text!r} (--text-column; it has {', '.join(sorted(present))})")
            table = pf.read_row_group(group, columns=[c for c in wanted if c in present]).slice(start, end - start)
    except InputError:
        raise
    except Exception as e:
        raise InputError(name, _reason(e)) from None
    first = sum(pf.metadata.row_group(g).num_rows for g in range(group)) + start
    data = {c: table.column(c).to_pylist() for c in table.column_names}
    for i in range(table.num_rows):
        row = {c: values[i] for c, values in data.items()}
        yield _row(row, f"{name}#{first + i}", columns)


def _jsonl_rows(name, part, columns):
    import json

    start, end = part
    try:
        with _open(name) as fh:
            if start:
                fh.seek(start - 1)
                fh.readline()  # the line running into this range belongs to the one before
            while (offset := fh.tell()) < end:
                line = fh.readline()
                if not line:
                    break
                if not line.strip():
                    continue
                where = f"{name}@{offset}"
                try:
                    row = json.loads(line)
                except ValueError as e:
                    yield where, InputError(where, f"not JSON ({getattr(e, 'msg', e)})"), None
                    continue
                if not isinstance(row, dict):
                    yield where, InputError(where, "not a JSON object"), None
                    continue
                yield _row(row, where, columns)
    except OSError as e:
        raise InputError(name, _reason(e)) from None


def _row(row: dict, where: str, columns: Columns):
    key = row.get(columns.id)
    doc = where if key is None else str(key)
    text = row.get(columns.text)
    if isinstance(text, str):
        data = text.encode("utf-8")
    elif isinstance(text, bytes):
        data = text
    elif text is None:
        data = InputError(doc, f"no text (column {columns.text!r})")
    else:
        data = InputError(doc, f"column {columns.text!r} is not text")
    date = row.get(columns.date) if columns.date else None
    if isinstance(date, dt.datetime):
        date = date.date()
    elif isinstance(date, str) and len(date) > 10 and date[10] in "T ":
        date = date[:10]
    return doc, data, date
