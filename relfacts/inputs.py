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
            yield from _walk_folder(_local_folder, name, "", globs)
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


def _walk_folder(list_folder, folder: str, relative: str, globs):
    # sorted as full paths are: a folder's entries by name, a subfolder as "name/"
    entries = sorted(list_folder(folder), key=lambda e: e[0] + "/" if e[2] else e[0])
    for name, path, is_dir, tag in entries:
        rel = f"{relative}{name}"
        if is_dir:
            yield from _walk_folder(list_folder, path, rel + "/", globs)
        elif any(PurePosixPath(rel).match(g) for g in globs):
            yield path, tag()


def _local_folder(folder: str):
    """(name, path, is a folder, tag()) of each entry of a folder."""
    try:
        with os.scandir(folder) as entries:
            return [(e.name, e.path, e.is_dir(), lambda e=e: _tag(e.stat())) for e in entries
                    if e.is_dir() or e.is_file()]
    except OSError:
        return []


def _walk_url(url: str, globs):
    fs, path = url_fs(url)
    if globbing.has_magic(path):  # a glob: the store lists what matches
        for p, info in sorted(fs.glob(path, detail=True).items()):
            if info.get("type") == "file":
                yield fs.unstrip_protocol(p), _url_tag(info)
    elif fs.isdir(path):
        listing = lambda folder: [(f["name"].rstrip("/").rsplit("/", 1)[-1], f["name"], f.get("type") == "directory",
                                   lambda f=f: _url_tag(f)) for f in fs.ls(folder, detail=True)]  # noqa: E731
        yield from ((fs.unstrip_protocol(p), tag) for p, tag in _walk_folder(listing, path, "", globs))
    else:
        yield url, ""


def _url_tag(info: dict) -> str:
    etag = info.get("ETag") or info.get("etag")
    return str(etag) if etag else f"{info.get('size')}:{info.get('mtime') or info.get('LastModified')}"


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
