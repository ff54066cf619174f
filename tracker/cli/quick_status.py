"""``tracker status`` the quick way: a status bar runs it every few seconds, and the day
rarely changes between two runs.

The line is a pure function of the day's rows (``tracker.store.day_digest``), the
settings and the options. So the last line printed is kept, with the fingerprint of
the rows it was made from, in the user's runtime folder (``$XDG_RUNTIME_DIR/tracker``:
private, in memory, gone at logout); the next run reads the rows' fingerprint — only
sqlite3 and the calendar rules are loaded for that — and prints the kept line when
nothing changed. Otherwise (or without a runtime folder) the line is made anew by
``tracker.cli.status`` and kept. Nothing here decides what a day holds: that is the
domain's, on the full way. Only the line itself is kept (with the fingerprints and
where the files are): no notes, no history.

Any argument this does not know (``--help``, a typo) returns None: click answers.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta

FORMATS = ("text", "tmux", "waybar", "polybar", "i3blocks", "json")
COLORS = ("auto", "always", "never")
MAX_KEPT = 256 * 1024
ENVIRONMENT = ("TRACKER_DB", "TRACKER_CONFIG", "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
               "NO_COLOR")
"""What the line depends on besides the options and the data: where the files are,
and colour."""


def parse(args: Sequence[str]) -> dict[str, str] | None:
    """``status`` and its options (also ``--db``/``--color`` before it); None for anything
    else, which the click command answers."""
    found: dict[str, str] = {}
    rest = list(args)
    seen_command = False
    while rest:
        arg = rest.pop(0)
        if arg == "status" and not seen_command:
            seen_command = True
            continue
        if arg == "--short" and seen_command:
            found["short"] = "1"
            continue
        name, equals, value = arg.partition("=")
        if name not in ("--db", "--color") + (("--format",) if seen_command else ()):
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        found[name[2:]] = value
    if not seen_command or found.get("format", "text") not in FORMATS \
            or found.get("color", "auto") not in COLORS:
        return None
    return found


def _signature(path: str) -> str:
    """A file's identity and version, as stat() tells it (the config file's)."""
    try:
        s = os.stat(path)
    except OSError:
        return "none"
    return f"{s.st_ino}-{s.st_size}-{s.st_mtime_ns}"


def _kept_file(key: str) -> str | None:
    """Where the line for ``key`` is kept; None without a private runtime folder."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if not os.path.isabs(runtime):
        return None
    folder = os.path.join(runtime, "tracker")
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        s = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(s.st_mode) or s.st_uid != os.getuid() or s.st_mode & 0o077:
        return None  # not a private folder of ours: keep nothing there
    import zlib

    return os.path.join(folder, f"status-{zlib.crc32(key.encode('utf-8', 'replace')):08x}")


def _read(path: str) -> list[str] | None:
    """The kept file's lines: only a regular file (never through a link, and a FIFO put
    there neither hangs nor counts), at most MAX_KEPT bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, MAX_KEPT).decode("utf-8").split("\n", 5)
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        os.close(fd)


def _keep(path: str, lines: list[str]) -> None:
    """Write the kept line whole (a temporary name, then renamed), private."""
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if len(data) >= MAX_KEPT:
        return
    partial = f"{path}.{os.getpid()}.partial"
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        os.replace(partial, path)
    except OSError:
        try:
            os.unlink(partial)
        except OSError:
            pass


def _day_and_week(hour: int, week_start: int, now: datetime) -> tuple[str, str, str]:
    from tracker.domain.days import logical_day
    from tracker.domain.days import week_start as first_of_week

    day = logical_day(now, hour)
    monday = first_of_week(day, week_start)
    return day.isoformat(), monday.isoformat(), (monday + timedelta(days=6)).isoformat()


def quick(options: dict[str, str], key: str, now: datetime) -> str | None:
    """The kept line, if everything it was made from is as it was."""
    from tracker.store.day_digest import day_digest

    where = _kept_file(key)
    kept = _read(where) if where else None
    if kept is None or len(kept) < 6 or kept[0] != key:
        return None
    config_file, config_signature, settings, database = kept[1], kept[2], kept[3], kept[4]
    if _signature(config_file) != config_signature:
        return None
    hour, _, week_start = settings.partition(" ")
    day, first, last = _day_and_week(int(hour), int(week_start), now)
    made_from, _, text = kept[5].partition("\n")
    if made_from != f"{day} {day_digest(database, day, first, last)}":
        return None  # another day, or the rows changed (None never matches: made anew)
    return text


def made_anew(options: dict[str, str], key: str, now: datetime) -> str:
    """The line the full way (the domain's plan of the day), kept for the next run."""
    from tracker.cli.status import status
    from tracker.files.config import config_path, database_path, load_config
    from tracker.store.database import resolve
    from tracker.store.day_digest import day_digest

    config_file = str(config_path())
    signature = _signature(config_file)  # before reading: a change meanwhile is seen next
    config = load_config()
    database = str(resolve(database_path(options.get("db"))))
    day, first, last = _day_and_week(config.day_start_hour, config.week_start, now)
    digest = day_digest(database, day, first, last)  # before the rows are read for the line
    text = status(options.get("format", "text"), "short" in options, options.get("db"),
                  options.get("color"), now)
    where = _kept_file(key) if key else None
    if where and digest is not None and "\n" not in config_file + database:
        _keep(where, [key, config_file, signature,
                      f"{config.day_start_hour} {config.week_start}", database,
                      f"{day} {digest}\n{text}"])
    return text


def fast_status(args: Sequence[str]) -> int | None:
    """Answer ``tracker status …`` without loading the command line; None if these
    arguments are the click command's to answer (help, mistakes)."""
    options = parse(args)
    if options is None:
        return None
    isatty = getattr(sys.stdout, "isatty", None)
    now = datetime.now().astimezone().replace(tzinfo=None)
    try:
        key = repr((sorted(options.items()), os.getcwd(),
                    [os.environ.get(name) for name in ENVIRONMENT], bool(isatty and isatty())))
        text = quick(options, key, now)
    except (OSError, ValueError):
        key, text = "", None
    if text is None:
        from tracker.cli.errors import EXPECTED_ERRORS, explain

        try:
            text = made_anew(options, key, now)
        except EXPECTED_ERRORS as error:
            sys.stderr.write(f"Error: {explain(error)}\n")
            return 1
    sys.stdout.write(text + "\n")
    return 0
