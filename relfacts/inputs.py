"""Reading articles: files, members of zip and tar archives (archives.py),
fsspec URLs (s3://…, with the `distributed` extra) or standard input ("-"),
as text.

Bytes are UTF-8 first; failing that, UTF-16 or UTF-32 with a byte-order mark,
cp1252 or latin-1 (charset-normalizer tells which, or that the bytes are no
text), with a one-line warning naming the encoding used.  A web page becomes
its article text (webpage.py), a Markdown file its text without front matter
and link targets (markdown.py); either gives its date as the ` date` header.

Bad input is an InputError with a one-line message naming the input, never a
traceback: a missing or unreadable file, a folder, a FIFO or device (refused
before it is opened: reading one could wait for ever), binary data, an empty
file, a web page with no article text.

File names are shown as `data_name` in facts and databases (bytes that are not
UTF-8 written as \\xNN) and as `printable` on a terminal (control characters
escaped too, so a name cannot forge or colour an output line)."""
from __future__ import annotations

import fnmatch
import glob as globbing
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import archives, markdown, webpage


class InputError(Exception):
    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name, self.message = name, message


DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm")
# what charset-normalizer may choose from when the bytes are not UTF-8
FALLBACK_ENCODINGS = ("utf_16", "utf_32", "cp1252", "latin_1")
ENCODING_NAMES = {"utf_16": "UTF-16", "utf_32": "UTF-32", "cp1252": "cp1252 (Windows-1252)", "latin_1": "latin-1"}


@dataclass
class Article:
    text: str
    warnings: list = field(default_factory=list)


def discover(names, globs=DEFAULT_GLOBS) -> list[str]:
    """The inputs of a run: named files (and "-") as given, in order; a folder
    stands for the files below it that match one of `globs`, sorted by path;
    an archive (named, or in a folder) for its members that match, in its order."""
    return [name for name, _ in walk(names, globs, tags=False)]


def is_url(name: str) -> bool:
    return "://" in name


def walk(names, globs=DEFAULT_GLOBS, tags=True):
    """discover() one input at a time, each with a tag that changes when the
    file does (size and modification time, or an object store's ETag; a local
    file's is "" unless `tags`: it costs a stat).  It holds one folder's
    listing at a time, never the whole list."""
    for name in names:
        if is_url(name):
            yield from _walk_url(name, globs)
        elif name != "-" and os.path.isdir(name):
            yield from _walk_folder(_local_folder, name, "", globs, tags)
        elif name != "-" and not os.path.exists(name) and globbing.has_magic(name):
            for found in sorted(globbing.glob(name, recursive=True)):
                if os.path.isfile(found):
                    yield from _walk_file(found, lambda: _tag(os.stat(found)), globs, tags)
        elif archives.is_archive(name) and os.path.isfile(name):
            yield from _walk_file(name, lambda: _tag(os.stat(name)), globs, tags)
        else:
            try:
                yield name, _tag(os.stat(name)) if name != "-" and tags else ""
            except OSError:
                yield name, ""  # read_bytes() names the problem


def _tag(st) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}"


def _walk_folder(list_folder, folder: str, relative: str, globs, tags=True):
    # sorted as full paths are: a folder's entries by name, a subfolder as "name/"
    entries = sorted(list_folder(folder), key=lambda e: e[0] + "/" if e[2] else e[0])
    for name, path, is_dir, tag in entries:
        rel = f"{relative}{name}"
        if is_dir:
            yield from _walk_folder(list_folder, path, rel + "/", globs, tags)
        elif archives.is_archive(name):
            yield from _walk_file(path, tag, globs, tags)
        elif any(fnmatch.fnmatchcase(name, g) if "/" not in g else PurePosixPath(rel).match(g) for g in globs):
            yield path, tag() if tags else ""


def _walk_file(path: str, tag, globs, tags=True):
    """A file as walk() gives it: an archive's matching members (each tagged as the
    archive is), or the file itself (an archive that cannot be read, too: reading
    it names the problem)."""
    if not archives.is_archive(path):
        yield path, tag() if tags else ""
        return
    try:
        found = archives.members(path, globs)
    except archives.ArchiveError:
        yield path, tag() if tags else ""
        return
    mark = tag() if tags else ""
    for member in found:
        yield f"{path}/{member}", mark


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
                yield from _walk_file(fs.unstrip_protocol(p), lambda info=info: _url_tag(info), globs)
    elif fs.isdir(path):
        # (entries named by URL: an archive among them is opened by its URL)
        listing = lambda folder: [(f["name"].rstrip("/").rsplit("/", 1)[-1], fs.unstrip_protocol(f["name"]),  # noqa: E731
                                   f.get("type") == "directory", lambda f=f: _url_tag(f))
                                  for f in fs.ls(folder, detail=True)]
        yield from _walk_folder(listing, url, "", globs)
    elif archives.is_archive(path) and fs.isfile(path):
        yield from _walk_file(url, lambda: _url_tag(fs.info(path)), globs)
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
            if archives.is_archive(name) and fs.isfile(inner):
                _no_members(name)
            with fs.open(inner, "rb") as fh:
                return fh.read()
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise InputError(name, f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'a special file')})")
        if stat.S_ISREG(mode) and archives.is_archive(name):
            _no_members(name)
        return path.read_bytes()
    except archives.ArchiveError as e:
        raise InputError(name, str(e)) from None
    except (FileNotFoundError, NotADirectoryError):
        member = archives.split(name)
        if member is None:
            raise InputError(name, "no such file") from None
        try:
            return archives.read_member(*member)
        except KeyError:
            raise InputError(name, "no such file in the archive") from None
        except archives.ArchiveError as e:
            raise InputError(name, str(e)) from None
    except IsADirectoryError:
        raise InputError(name, "is a folder (name the files, or use a glob)") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as e:
        raise InputError(name, e.strerror or str(e)) from None


def _no_members(archive: str):
    """An archive read as one file: walked, it stands for its members, so it had
    none that a glob takes, or it cannot be read (ArchiveError says why)."""
    archives.members(archive, ("*",))
    raise InputError(archive, "an archive with no files to read")


_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket"}
# C0 and C1 control characters (a line break, ESC, DEL …) as escapes
_CONTROLS = {c: repr(chr(c))[1:-1] for c in (*range(32), *range(127, 160))}


def data_name(name: str) -> str:
    """A file name as text any output can hold: bytes that are not UTF-8 (kept by
    Python as lone surrogates) become \\xNN."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def printable(line: str) -> str:
    """A message for the terminal: control characters and undecodable bytes escaped."""
    return data_name(line).translate(_CONTROLS)


def read_article(name: str) -> Article:
    return load(name, read_bytes(name))


def load(name: str, data: bytes) -> Article:
    """The article text of a file's bytes: decoded, and converted when it is a
    web page or Markdown."""
    text, encoding = decode(name, data)
    warnings = [f"{name}: not UTF-8; read as {ENCODING_NAMES.get(encoding, encoding)}"] if encoding else []
    if not text.strip():
        raise InputError(name, "empty")
    if webpage.is_html(name, text):
        try:
            text = webpage.to_text(text)
        except webpage.PageError as e:
            raise InputError(name, str(e)) from None
    elif markdown.is_markdown(name, text):
        text = markdown.to_text(text)
    if not text.strip():
        raise InputError(name, "empty")
    return Article(text, warnings)


def decode(name: str, data: bytes) -> tuple[str, str | None]:
    """(text, None) for UTF-8; (text, encoding) for a fallback encoding."""
    if b"\x00" not in data[:8192]:
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError as e:
            where = f"byte 0x{data[e.start]:02x} at offset {e.start}"
    else:
        where = None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(FALLBACK_ENCODINGS)).best()
    if best is None:
        if where is None or b"\x00" in data:
            raise InputError(name, "binary data, not text")
        raise InputError(name, f"not text in UTF-8, UTF-16, UTF-32, cp1252 or latin-1 ({where})")
    return str(best).lstrip("\ufeff"), best.encoding
