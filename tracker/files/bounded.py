"""Reading a small file that is input, not data: a regular file only (a FIFO or a
device is refused, never waited on), read with a size bound, the check and the read
on one open file (nothing can swap it in between). Callers say it in their words."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegular(OSError):
    """The path is a folder, a FIFO, a device or a socket (``status``: what it is)."""

    def __init__(self, path: Path, status: os.stat_result) -> None:
        super().__init__(f"{path} is not a regular file")
        self.status = status


class TooLarge(OSError):
    """The file holds more than the bound."""


def read_regular(path: Path, limit: int, *, follow: bool = True,
                 check: bool = False) -> bytes:
    """At most ``limit`` bytes of the regular file at ``path`` (``TooLarge`` beyond);
    ``follow=False`` refuses a symbolic link (``OSError``, ELOOP). ``check`` refuses a
    file that says it is larger before reading it. OSError otherwise (missing,
    unreadable), ``NotRegular`` for anything but a file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | (0 if follow else os.O_NOFOLLOW))
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegular(path, status)
        if check and status.st_size > limit:
            raise TooLarge(f"{path} holds {status.st_size} bytes")
        with os.fdopen(fd, "rb", closefd=False) as file:
            data = file.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(f"{path} holds more than {limit} bytes")
    return data
