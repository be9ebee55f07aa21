"""Reading articles: files or standard input ("-"), as UTF-8 text.

Bad input is an InputError with a one-line message naming the input, never a
traceback: a missing or unreadable file, a folder, a FIFO or device (refused
before it is opened: reading one could wait for ever), binary data, text that
is not UTF-8, an empty file.

File names are shown as `data_name` in facts and databases (bytes that are not
UTF-8 written as \\xNN) and as `printable` on a terminal (control characters
escaped too, so a name cannot forge or colour an output line)."""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path


class InputError(Exception):
    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name, self.message = name, message


DEFAULT_GLOBS = ("*.txt", "*.md")


def discover(names, globs=DEFAULT_GLOBS) -> list[str]:
    """The inputs of a run: named files (and "-") as given, in order; a folder
    stands for the files below it that match one of `globs`, sorted by path."""
    out = []
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            found = {p for g in globs for p in path.rglob(g) if p.is_file()}
            out.extend(str(p) for p in sorted(found))
        else:
            out.append(name)
    return out


def read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise InputError(name, f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'a special file')})")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder (name the files, or use a glob)") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as e:
        raise InputError(name, e.strerror or str(e)) from None


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
