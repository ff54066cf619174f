"""``tracker status`` the quick way: a status bar runs it every few seconds, and the day
rarely changes between two runs.

The line is a pure function of the day's rows (``tracker.store.day_digest``), the
settings and the options. So the last line printed is kept, with the fingerprint of
the rows it was made from, in the user's runtime folder (``$XDG_RUNTIME_DIR/tracker``:
private, in memory, gone at logout; without one, a folder of the user's alone in the
temporary folder); the next run reads the rows' fingerprint — only sqlite3 and the
calendar rules are loaded for that — and prints the kept line when nothing changed.
After a change the line is made anew by ``tracker.cli.status`` from the settings and
the database's path the kept file names (while the config file and the links are as
they were: no config parsed, no user folders asked), and kept. Nothing here decides
what a day holds: that is the domain's, on the full way. Only the line itself is kept
(with the fingerprints, the two settings it depends on and where the files are): no
notes, no history.

Any argument this does not know (``--help``, a typo) returns None: click answers.
"""

from __future__ import annotations

import os
import stat
import sys
from datetime import date, datetime, timedelta

TYPE_CHECKING = False  # as typing's (mypy reads it so), without loading typing
if TYPE_CHECKING:
    from collections.abc import Sequence

    Settings = tuple[str, str, int, int, str, str]
    """The config file, its signature, the day-start hour, the week's first day, the
    database as given and its real path."""

FORMATS = ("text", "tmux", "waybar", "polybar", "i3blocks", "json")
COLORS = ("auto", "always", "never")
MAX_KEPT = 256 * 1024
MAX_KEPT_FILES = 32
"""Kept lines in the folder at most (one per set of options a bar or prompt uses)."""
KEPT_PARTS = 7
"""The kept file's lines: the key, the config file, its signature, the settings, the
database as given and its real path, then the day and fingerprint the line was made
from, and the line (which may have lines of its own)."""
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


def _key(options: dict[str, str], terminal: bool) -> str:
    """What the kept line is kept under: the options, the environment it depends on,
    whether the output is a terminal, and the working folder only where a relative path
    depends on it (a prompt that runs the line in every folder keeps one line)."""
    values = [os.environ.get(name) for name in ENVIRONMENT]
    paths = [options.get("db"), *values[:-1]]
    relative = any(p and not os.path.isabs(os.path.expanduser(p)) for p in paths)
    return repr((sorted(options.items()), os.getcwd() if relative else "", values, terminal))


def _signature(path: str) -> str:
    """A file's identity and version, as stat() tells it (the config file's: a change
    in place, even at the same size and with its time put back, changes its ctime)."""
    try:
        s = os.stat(path)
    except OSError:
        return "none"
    return f"{s.st_ino}-{s.st_size}-{s.st_mtime_ns}-{s.st_ctime_ns}"


def _kept_folder() -> str:
    """``$XDG_RUNTIME_DIR/tracker``; where there is no runtime folder (macOS, a cron job),
    ``tracker-UID`` in the temporary folder (``$TMPDIR``, else /tmp)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime:
        return os.path.join(runtime, "tracker")
    temporary = os.environ.get("TMPDIR", "")
    return os.path.join(temporary or "/tmp", f"tracker-{os.getuid()}")  # noqa: S108 (checked below)


def _kept_file(key: str) -> str | None:
    """Where the line for ``key`` is kept; None without a private folder of ours."""
    folder = _kept_folder()
    if not os.path.isabs(folder):
        return None
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
        return os.read(fd, MAX_KEPT).decode("utf-8").split("\n", KEPT_PARTS - 1)
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        os.close(fd)


def _keep(path: str, lines: list[str]) -> None:
    """Write the kept line whole (a temporary name, then renamed), private; a new one
    makes room by removing the oldest beyond MAX_KEPT_FILES."""
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if len(data) >= MAX_KEPT:
        return
    if not os.path.exists(path):
        _make_room(os.path.dirname(path))
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


def _make_room(folder: str) -> None:
    """Remove the oldest kept lines beyond MAX_KEPT_FILES (other options, other folders
    once; the runtime folder is emptied at logout anyway)."""
    try:
        kept = [e for e in os.scandir(folder)
                if e.name.startswith("status-") and e.is_file(follow_symlinks=False)]
        if len(kept) < MAX_KEPT_FILES:
            return
        kept.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime_ns)
        for entry in kept[:len(kept) - MAX_KEPT_FILES + 1]:
            os.unlink(entry.path)
    except OSError:
        pass


def _day_and_week(hour: int, week_start: int, now: datetime) -> tuple[str, str, str]:
    from tracker.domain.days import logical_day
    from tracker.domain.days import week_start as first_of_week

    day = logical_day(now, hour)
    monday = first_of_week(day, week_start)
    return day.isoformat(), monday.isoformat(), (monday + timedelta(days=6)).isoformat()


def still_true(kept: list[str] | None, key: str) -> Settings | None:
    """The settings and the database the kept file names, while the config file and the
    database's links are as they were when it was written; None otherwise."""
    if kept is None or len(kept) != KEPT_PARTS or kept[0] != key:
        return None
    config_file, signature, settings, given, database = kept[1:6]
    if _signature(config_file) != signature or os.path.realpath(given) != database:
        return None  # the config changed, or a link to the database points elsewhere now
    hour, _, week_start = settings.partition(" ")
    return config_file, signature, int(hour), int(week_start), given, database


def read_settings(options: dict[str, str]) -> Settings:
    """The settings and the database the full way: the config file read, the user's
    folders asked where nothing else names them."""
    from tracker.files.config import config_path, database_path, load_config

    config_file = str(config_path())
    signature = _signature(config_file)  # before reading: a change meanwhile is seen next
    config = load_config()
    given = str(database_path(options.get("db")))
    return (config_file, signature, config.day_start_hour, config.week_start, given,
            os.path.realpath(given))


def status_line(options: dict[str, str], settings: Settings, now: datetime,
                kept: list[str] | None = None, key: str = "") -> str:
    """The line for ``now``: the ``kept`` one while the rows it was made from are the
    same, else made anew (the domain's plan of the day) and kept under ``key``."""
    config_file, signature, hour, week_start, given, database = settings
    day, first, last = _day_and_week(hour, week_start, now)
    if kept is not None:
        from tracker.store.day_digest import day_digest

        kept_from, _, text = kept[KEPT_PARTS - 1].partition("\n")
        rows = day_digest(database, day, first, last)
        if rows is not None and kept_from == f"{day} {rows}":
            return text
    from tracker.cli.status import kept_status

    text, rows = kept_status(database, date.fromisoformat(day), week_start,
                             options.get("format", "text"), "short" in options,
                             options.get("color"))
    where = _kept_file(key) if key else None
    if where and rows is not None and "\n" not in config_file + given + database:
        _keep(where, [key, config_file, signature, f"{hour} {week_start}", given, database,
                      f"{day} {rows}\n{text}"])
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
        key = _key(options, bool(isatty and isatty()))
        where = _kept_file(key)
        kept = _read(where) if where else None
        settings = still_true(kept, key)
    except (OSError, ValueError):
        key, kept, settings = "", None, None
    try:
        if settings is None:
            kept, settings = None, read_settings(options)  # the kept line cannot be believed
        text = status_line(options, settings, now, kept, key)
    except Exception as error:
        from tracker.cli.errors import EXPECTED_ERRORS, explain

        if not isinstance(error, EXPECTED_ERRORS):
            raise
        sys.stderr.write(f"Error: {explain(error)}\n")
        return 1
    sys.stdout.write(text + "\n")
    return 0
