"""Articles inside archives: a zip or tar file (.zip, .tar, .tar.gz/.tgz,
.tar.bz2/.tbz2, .tar.xz/.txz) named as an input, or found in a folder, stands
for its members that match the globs, in the archive's order.  A member is
named ARCHIVE/MEMBER ("news-2024.tar.gz/march/a.txt") in facts and outputs.
An archive is a file on this machine's disk or at a URL (s3://…, read by fsspec
as inputs.py reads any URL).

A batch reads each archive once, from start to end (`with_data`): a
compressed tar cannot be read from the middle, and reading a member from the
start each time would make a large archive quadratic.  So a Parquet run, cut
into chunks, reads a tar's members where it plans the chunks, and each chunk
carries its members' bytes to the worker (chunks.py).  `read_member` reads
one member alone (an error message, a single file), from the start."""
from __future__ import annotations

import fnmatch
import os
from pathlib import PurePosixPath

from .memo import memoized

# (tarfile and zipfile are imported when an archive is read: a run without one does not pay for them)
SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")


class ArchiveError(Exception):
    """An archive that cannot be read (the message says why)."""


def is_archive(name: str) -> bool:
    """Whether a name is an archive's (by its suffix)."""
    return name.lower().endswith(SUFFIXES)


def _matches(member: str, globs) -> bool:
    base = member.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(base, g) if "/" not in g else PurePosixPath(member).match(g) for g in globs)


def _open(archive: str):
    """The archive's bytes as a file: on this machine's disk, or at a URL (fsspec;
    seekable, as a zip needs: its files are read by ranges)."""
    if "://" in archive:
        from .inputs import InputError, url_fs

        try:
            fs, path = url_fs(archive)
        except InputError as e:
            raise ArchiveError(e.message) from None
        return fs.open(path, "rb")
    return open(archive, "rb")


def members(archive: str, globs) -> list[str]:
    """The names of the archive's files that match a glob, in its order."""
    import tarfile
    import zipfile

    try:
        with _open(archive) as fh:
            if archive.lower().endswith(".zip"):
                with zipfile.ZipFile(fh) as z:
                    return [i.filename for i in z.infolist() if not i.is_dir() and _matches(i.filename, globs)]
            with tarfile.open(fileobj=fh, mode="r:*") as t:
                return [m.name for m in t if m.isfile() and _matches(m.name, globs)]
    except (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, ValueError) as e:
        raise ArchiveError(f"not a readable {'zip' if archive.lower().endswith('.zip') else 'tar'} archive ({e})") from None


def split(name: str) -> tuple[str, str] | None:
    """(archive, member) of a member's name ("a.zip/b/c.txt" -> ("a.zip", "b/c.txt")),
    or None when the name is no member of an archive file."""
    at = name.find("://") + 2 if "://" in name else 0
    while True:
        at = name.find("/", at + 1)
        if at < 0:
            return None
        head = name[:at]
        if is_archive(head) and (_is_remote_file(head) if "://" in head else os.path.isfile(head)):
            return head, name[at + 1:]


@memoized()
def _is_remote_file(url: str) -> bool:
    """Whether a URL names a file (not a folder named like an archive): asked of
    its store once per process."""
    from .inputs import InputError, url_fs

    try:
        fs, path = url_fs(url)
        return fs.isfile(path)
    except (InputError, OSError):
        return False


def contents(archive: str):
    """(member, bytes) of each file of the archive, in its order, read once
    from start to end."""
    import tarfile
    import zipfile

    try:
        with _open(archive) as fh:
            if archive.lower().endswith(".zip"):
                with zipfile.ZipFile(fh) as z:
                    for info in z.infolist():
                        if not info.is_dir():
                            yield info.filename, z.read(info)
                return
            with tarfile.open(fileobj=fh, mode="r|*") as t:  # a stream: no seeking back
                for m in t:
                    if m.isfile():
                        yield m.name, t.extractfile(m).read()
    except (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, ValueError) as e:
        raise ArchiveError(f"not a readable archive ({e})") from None


def read_member(archive: str, member: str) -> bytes:
    """One member's bytes; KeyError when the archive has no such file."""
    import zipfile

    if archive.lower().endswith(".zip"):
        try:
            with _open(archive) as fh, zipfile.ZipFile(fh) as z:
                return z.read(member)
        except (OSError, EOFError, zipfile.BadZipFile, ValueError) as e:
            raise ArchiveError(f"not a readable zip archive ({e})") from None
    for name, data in contents(archive):
        if name == member:
            return data
    raise KeyError(member)


def with_data(items, name_of=None, tars_only: bool = False):
    """(item, bytes or None) for each item (a name, or what `name_of` reads a
    name from), in order: an archive member's bytes, read from its zip
    directly, or by one pass over its tar (the members of an archive come in its
    order, as `members` lists them); None for a file of its own, for a member
    that could not be read (reading it alone then names the problem), and with
    `tars_only`, for a zip's member (it is read where it is processed)."""
    current, read = None, None
    for item in items:
        name = item if name_of is None else name_of(item)
        where = split(name) if "/" in name else None
        if where is None or (tars_only and where[0].lower().endswith(".zip")):
            yield item, None
            continue
        archive, member = where
        if archive != current:
            current, read = archive, _reader(archive)
        try:
            data = read(member)
        except (ArchiveError, KeyError):
            data = None
        yield item, data


def _reader(archive: str):
    """member -> its bytes, for members asked in the archive's order."""
    if archive.lower().endswith(".zip"):
        import zipfile

        opened = []

        def from_zip(member: str) -> bytes:
            try:
                if not opened:
                    opened.append(zipfile.ZipFile(_open(archive)))
                return opened[0].read(member)
            except (OSError, EOFError, zipfile.BadZipFile, ValueError) as e:
                raise ArchiveError(str(e)) from None
        return from_zip
    stream = contents(archive)

    def from_tar(member: str) -> bytes:
        for found, data in stream:
            if found == member:
                return data
        raise KeyError(member)
    return from_tar
