"""Files: atomic writes and the user's cache folder (no heavy imports: the
quick commands use this).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_writer(folder / "out.txt") as fh:
...     _ = fh.write(b"all or nothing")
>>> (folder / "out.txt").read_bytes()
b'all or nothing'
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from graph.errors import InputError

__all__ = ["atomic_writer", "cache_dir", "clean_stale_temps"]


#: errors of the disk, not of the caller: reported as "cannot write FILE: reason"
_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EFBIG, errno.EACCES, errno.EPERM}


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.pag-"


def clean_stale_temps(target: Path) -> list[Path]:
    """Remove temporary files an earlier, killed write of ``target`` left
    (``.NAME.pag-PID-….tmp`` whose process is gone); the files removed."""
    folder = target.parent if str(target.parent) else Path(".")
    removed = []
    try:
        candidates = list(folder.glob(glob.escape(_temp_prefix(target)) + "*.tmp"))
    except OSError:
        return []
    for tmp in candidates:
        pid_text = tmp.name[len(_temp_prefix(target)) :].split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


@contextlib.contextmanager
def atomic_writer(path: Path | str) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path`` and move it into place only on success.

    A failure leaves any earlier file untouched and no partial file behind.
    The temporary file is named ``.NAME.pag-PID-XXXX.tmp``: one left by a
    killed process (``kill -9``) is removed by the next write of the same file.
    A folder, a missing folder, an unwritable folder or a full disk is an
    :class:`~graph.errors.InputError` naming the file.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{target}: folder {folder} does not exist")
    if target.is_dir():
        raise InputError(f"{target}: is a folder; give a file name")
    if target.exists() and not target.is_file():
        # a device or a pipe (/dev/stdout, /dev/null, a FIFO): written in place,
        # never replaced by a file
        try:
            with open(target, "wb") as fh:
                yield fh
        except OSError as exc:
            raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
        return
    clean_stale_temps(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{_temp_prefix(target)}{os.getpid()}-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain
        # open() would (or keep the replaced file's), so that a published
        # site or export stays readable by whoever could read it before
        os.chmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if exc.errno in _DISK_ERRORS or exc.errno == errno.EISDIR:
            raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0o022)  # reading the umask means setting it: put it back at once
        os.umask(mask)
        return 0o666 & ~mask


def cache_dir() -> Path | None:
    """Where pag keeps caches: ``$PAG_CACHE_DIR``, else ``$XDG_CACHE_HOME/pag``, else
    ``~/.cache/pag``. ``PAG_CACHE_DIR=""`` turns caching off (None)."""
    explicit = os.environ.get("PAG_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pag"
