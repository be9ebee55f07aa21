"""Reading articles: files, fsspec URLs (s3://…, with the `distributed`
extra) or standard input ("-"), as UTF-8 text.

Bad input is an InputError with a one-line message naming the input, never a
traceback: a missing or unreadable file, a folder, binary data, text that is
not UTF-8, an empty file."""
from __future__ import annotations

import glob as globbing
import os
import sys
from pathlib import Path, PurePosixPath


class InputError(Exception):
    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name, self.message = name, message


DEFAULT_GLOBS = ("*.txt", "*.md")


def discover(names, globs=DEFAULT_GLOBS) -> list[str]:
    """The inputs of a run: named files (and "-") as given, in order; a folder
    stands for the files below it that match one of `globs`, sorted by path."""
    return [name for name, _ in walk(names, globs)]


def is_url(name: str) -> bool:
    return "://" in name


def walk(names, globs=DEFAULT_GLOBS):
    """discover() one input at a time, each with a tag that changes when the
    file does (size and modification time, or an object store's ETag).  It
    holds one folder's listing at a time, never the whole list."""
    for name in names:
        if is_url(name):
            yield from _walk_url(name, globs)
        elif name != "-" and os.path.isdir(name):
            yield from _walk_folder(name, "", globs)
        elif name != "-" and not os.path.exists(name) and globbing.has_magic(name):
            for found in sorted(globbing.glob(name, recursive=True)):
                if os.path.isfile(found):
                    yield found, _tag(os.stat(found))
        else:
            try:
                yield name, _tag(os.stat(name)) if name != "-" else ""
            except OSError:
                yield name, ""  # read_bytes() names the problem


def _tag(st) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}"


def _walk_folder(folder: str, relative: str, globs):
    # sorted as full paths are: a folder's entries by name, a subfolder as "name/"
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name + "/" if e.is_dir() else e.name)
    except OSError:
        return
    for e in entries:
        rel = f"{relative}{e.name}"
        if e.is_dir():
            yield from _walk_folder(e.path, rel + "/", globs)
        elif e.is_file() and any(PurePosixPath(rel).match(g) for g in globs):
            yield e.path, _tag(e.stat())


def _walk_url(url: str, globs):
    fs, path = url_fs(url)
    if globbing.has_magic(path):
        found = fs.glob(path, detail=True)
    elif fs.isdir(path):
        found = {p: info for p, info in fs.find(path, detail=True).items()
                 if any(PurePosixPath(p[len(path):].lstrip("/")).match(g) for g in globs)}
    else:
        yield url, ""
        return
    for p in sorted(found):
        info = found[p]
        if info.get("type", "file") == "file":
            tag = info.get("ETag") or info.get("etag") or f"{info.get('size')}:{info.get('mtime') or info.get('LastModified')}"
            yield fs.unstrip_protocol(p), str(tag)


def url_fs(url: str):
    """(fsspec filesystem, path) of a URL; a clear error without the extra."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise InputError(url, "reading URLs needs the distributed extra: pip install 'relfacts[distributed]'") from None
    try:
        return url_to_fs(url)
    except (ImportError, ValueError) as e:
        raise InputError(url, str(e)) from None


def read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    try:
        if is_url(name):
            fs, inner = url_fs(name)
            with fs.open(inner, "rb") as fh:
                return fh.read()
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder (name the files, or use a glob)") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as e:
        raise InputError(name, e.strerror or str(e)) from None


def read_article(name: str) -> str:
    return decode(name, read_bytes(name))


def decode(name: str, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(name, f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})") from None
    if not text.strip():
        raise InputError(name, "empty")
    return text
