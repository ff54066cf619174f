"""Files tracker writes for people and for other devices (exports, sync documents):
whole or not at all, and readable by their owner only."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_private(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target``: under a temporary name beside it (created 0600),
    flushed to disk, then renamed over it, so that nobody (a sync service, a reader)
    ever sees half of it. The folder must exist."""
    fd, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                   suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
