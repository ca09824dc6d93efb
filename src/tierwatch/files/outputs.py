"""Writing output files whole or not at all.

Every ``-o`` file is written to a temporary file beside its target, flushed to disk, then
renamed over the target (one atomic step on the same file system): a full disk, a read-only
folder or a crash leaves whatever was at the path untouched, and never a truncated file. A
path that is a folder or not a regular file (a device, a pipe) is refused before anything
is written, so nothing but a file of ours is ever replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from tierwatch.errors import InvalidInputError

_REASONS = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
            errno.EROFS: "read-only file system", errno.EACCES: "permission denied",
            errno.EPERM: "permission denied", errno.ENOENT: "no such folder",
            errno.EISDIR: "is a folder", errno.ENOTDIR: "a part of the path is not a folder"}


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno or 0, error.strerror or error.__class__.__name__)


def check_target(target: Path, what: str = "output file") -> None:
    """Refuse a target that is a folder or a special file, or whose folder is missing."""
    if not target.name:
        raise InvalidInputError(f"{str(target)!r}: expected a file name for the {what}")
    if target.is_dir():
        raise InvalidInputError(f"{target}: is a folder; expected a file name for the {what}")
    if target.exists() and not target.is_file():
        raise InvalidInputError(f"{target}: not a regular file; refusing to replace it")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InvalidInputError(f"{target}: the folder {parent} does not exist")


@contextlib.contextmanager
def replacing(target: Path, what: str = "output file") -> Iterator[Path]:
    """A temporary path beside ``target`` to write; renamed over ``target`` when the block
    ends, removed (and ``target`` left as it was) when it raises."""
    check_target(target, what)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=parent)
        os.close(handle)
    except OSError as error:
        raise InvalidInputError(f"{target}: cannot be written ({_reason(error)})") from None
    temporary = Path(name)
    try:
        yield temporary
        _make_durable(temporary, target)
        os.replace(temporary, target)
    except OSError as error:
        raise InvalidInputError(f"{target}: cannot be written ({_reason(error)}); "
                                "nothing was changed at that path") from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _make_durable(temporary: Path, target: Path) -> None:
    """Flush the new file's bytes to disk and give it the permissions a new file gets."""
    umask = os.umask(0)
    os.umask(umask)
    mode = (target.stat().st_mode & 0o777) if target.exists() else (0o666 & ~umask)
    os.chmod(temporary, mode)
    descriptor = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_bytes(target: Path, data: bytes, what: str = "output file") -> None:
    with replacing(target, what) as temporary:
        temporary.write_bytes(data)


def write_text(target: Path, text: str, what: str = "output file") -> None:
    write_bytes(target, text.encode("utf-8"), what)


def write_with(target: Path, writer: Callable[[Path], object],
               what: str = "output file") -> None:
    """Let ``writer`` (a library's own file writer, e.g. Parquet's) write the temporary file."""
    with replacing(target, what) as temporary:
        writer(temporary)
