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
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from graph.errors import InputError

__all__ = ["atomic_writer", "cache_dir"]


@contextlib.contextmanager
def atomic_writer(path: Path | str) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path`` and move it into place only on success.

    A failure leaves any earlier file untouched and no partial file behind.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{target}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
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
