"""Nothing is overwritten that is not ours, and nothing not ours is touched: exports and
backups, refused files with a pending WAL or journal, empty-looking SQLite files of
other programs, read-only files, pipes, permissions and damage beyond the first page."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli.commands import cli
from tracker.store import DamagedFile, NotATrackerFile, Store
from tracker.store.file_id import APPLICATION_ID

ROOT = Path(__file__).parents[2]


def files(path: Path) -> dict[str, str | None]:
    """The database and its companions, hashed (no connection is open in this process)."""
    found: dict[str, str | None] = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        file = path.with_name(path.name + suffix)
        found[suffix] = hashlib.sha256(file.read_bytes()).hexdigest() if file.exists() else None
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tracker", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


@pytest.fixture
def db(db_path: Path) -> Path:
    store = Store(db_path)
    habit = store.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    store.days.record(habit.id, date(2026, 3, 2), "full", note="=SUM(A1) -1+1 @x")
    store.close()
    return db_path


# Exports and backups ------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_never_writes_over_the_database(db: Path, fmt: str, suffix: str) -> None:
    target = db.with_name(db.name + suffix)
    result = run("export", "--format", fmt, "-o", str(target), "--force", "--db", str(db))
    assert result.returncode == 1 and "the database itself" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert run("habit", "list", "--db", str(db)).stdout.count("Read") == 1


def test_export_refuses_an_existing_file_unless_forced(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("my notes")
    refused = run("export", "-o", str(target), "--db", str(db))
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert target.read_text() == "my notes"
    forced = run("export", "-o", str(target), "--force", "--db", str(db))
    assert forced.returncode == 0, forced.stderr
    assert '"format": "tracker"' in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_export_through_a_link_replaces_the_file_not_the_link(db: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run("export", "--format", "csv", "-o", str(link), "--force",
               "--db", str(db)).returncode == 0
    assert link.is_symlink() and real.read_text().startswith("date,habit")


def test_export_to_a_device_is_refused_and_dash_is_standard_output(db: Path) -> None:
    for target in ("/dev/stdout", "/dev/null"):
        refused = run("export", "-o", target, "--force", "--db", str(db))
        assert refused.returncode == 1 and "-o -" in refused.stderr
    assert os.path.islink("/dev/stdout") or not os.path.exists("/dev/stdout")
    dash = run("export", "-o", "-", "--db", str(db))
    assert dash.returncode == 0 and dash.stdout.startswith("{")


def test_csv_cells_never_start_a_formula(db: Path) -> None:
    out = run("export", "--format", "csv", "--db", str(db)).stdout
    assert "'=SUM(A1) -1+1 @x" in out
    from tracker.io.csv_format import cell

    for lead in "=+-@\t\r":
        assert cell(lead + "1") == "'" + lead + "1"
    assert cell("fine -1") == "fine -1"


def test_backup_is_written_whole_or_not_at_all(db: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "copy.db"
    store = Store(db)

    def broken(self: sqlite3.Connection, copy: sqlite3.Connection, **_: object) -> None:
        copy.execute("CREATE TABLE half (x)")
        raise KeyboardInterrupt  # killed midway

    monkeypatch.setattr("tracker.store.database._copy_pages", broken)
    with pytest.raises(KeyboardInterrupt):
        store.backup(target)
    monkeypatch.undo()
    store.close()
    assert list(tmp_path.iterdir()) == [db] or not target.exists()
    assert not target.exists() and not [p for p in tmp_path.iterdir() if "partial" in p.name]


def test_backup_refuses_the_database_and_existing_files(db: Path, tmp_path: Path) -> None:
    assert "the database itself" in run("backup", "-o", str(db), "--force",
                                        "--db", str(db)).stderr
    target = tmp_path / "copy.db"
    target.write_text("keep me")
    assert "--force" in run("backup", "-o", str(target), "--db", str(db)).stderr
    assert target.read_text() == "keep me"
    assert run("backup", "-o", str(target), "--force", "--db", str(db)).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT name FROM habits").fetchall() == [("Read",)]
    conn.close()


# Files that are not ours, with something pending ----------------------------------
def pending_wal(path: Path, script: str) -> None:
    """A database whose last writer was killed: its last commits only in the WAL."""
    code = ("import os, sqlite3; c = sqlite3.connect(os.environ['DB'], isolation_level=None); "
            "c.execute('PRAGMA journal_mode=WAL'); " + script +
            "; c.execute('PRAGMA wal_autocheckpoint=0'); "
            "c.execute('CREATE TABLE later (x)'); os._exit(0)")
    subprocess.run([sys.executable, "-c", code], env={**os.environ, "DB": str(path)}, check=True)
    assert path.with_name(path.name + "-wal").stat().st_size > 0


def hot_journal(path: Path, script: str) -> None:
    """A rollback-journal database whose writer was killed mid-transaction."""
    code = ("import os, sqlite3; c = sqlite3.connect(os.environ['DB'], isolation_level=None); "
            + script + "; c.execute('PRAGMA cache_size=1'); c.execute('BEGIN'); "
            "c.execute('CREATE TABLE big (x)'); "
            "c.execute('INSERT INTO big SELECT randomblob(2000) FROM "
            "(WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM r WHERE i<500) "
            "SELECT i FROM r)'); os._exit(0)")
    subprocess.run([sys.executable, "-c", code], env={**os.environ, "DB": str(path)}, check=True)
    assert path.with_name(path.name + "-journal").exists()


FOREIGN = ("c.execute('CREATE TABLE notes (body TEXT)'); "
           "c.execute(\"INSERT INTO notes VALUES ('x')\")")
NEWER = (f"c.execute('PRAGMA application_id={APPLICATION_ID}'); "
         "c.execute('CREATE TABLE habits (id)'); c.execute('PRAGMA user_version=42')")


@pytest.mark.parametrize("make", [pending_wal, hot_journal])
@pytest.mark.parametrize(("script", "message"), [(FOREIGN, "another program"),
                                                 (NEWER, "newer tracker")])
def test_a_refused_file_keeps_its_wal_and_journal(tmp_path: Path, make, script: str,
                                                  message: str) -> None:
    path = tmp_path / "theirs.db"
    make(path, script)
    before = files(path)
    for args in (("habit", "list"), ("done", "Read"), ("export",), ("backup",)):
        result = run(*args, "--db", str(path))
        assert result.returncode == 1 and message in result.stderr, result.stderr
    after = files(path)
    assert {k: v for k, v in after.items() if k != "-shm"} == \
        {k: v for k, v in before.items() if k != "-shm"}


def test_newer_only_in_the_wal_is_still_newer(tmp_path: Path) -> None:
    """The schema version written last, still in the WAL, is the one that counts."""
    path = tmp_path / "t.db"
    Store(path).close()
    pending_wal(path, "c.execute('PRAGMA user_version=42')")
    before = files(path)
    with pytest.raises(Exception, match="newer tracker"):
        Store(path)
    assert files(path)["-wal"] == before["-wal"] and files(path)[""] == before[""]


@pytest.mark.parametrize("setting", [
    "PRAGMA user_version = 7", "PRAGMA page_size = 8192",
    # at the default page size, with no table, version or id left: still theirs
    "CREATE TABLE t (x); DROP TABLE t", "PRAGMA journal_mode = WAL", "SELECT 1"])
def test_another_programs_empty_sqlite_file_is_not_taken(tmp_path: Path, setting: str) -> None:
    path = tmp_path / "theirs.db"
    conn = sqlite3.connect(path)
    conn.executescript(setting)
    conn.execute("VACUUM")
    conn.close()
    before = files(path)
    with pytest.raises(NotATrackerFile, match="another program"):
        Store(path)
    assert files(path) == before


def test_only_an_empty_file_becomes_ours(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    Store(empty).close()
    conn = sqlite3.connect(empty)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_first_run_cut_short_still_ends_in_wal_mode(tmp_path: Path) -> None:
    """Interrupted after the application id, before WAL and the schema: opened again,
    it becomes a whole tracker database in WAL mode; so does one left in another mode."""
    path = tmp_path / "t.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("VACUUM")
    conn.close()
    Store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    store = Store(path)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.is_empty()
    store.close()


# Damage, read-only files, pipes, permissions ------------------------------------------
def damage_beyond_the_first_page(path: Path, from_middle: bool = False) -> None:
    """Damage every page after the first (or, ``from_middle``, the last eight pages
    only: the schema stays readable, the micro-steps written last do not)."""
    store = Store(path)
    habit = store.habits.add("Read", "one page", full="20 pages", created=date(2000, 1, 1))
    for n in range(300):
        store.days.add_step(date(2026, 3, 1), f"step {n} " + "x" * 200)
    store.days.record(habit.id, date(2026, 3, 2), "full")
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    first = len(data) - 8 * page if from_middle else page
    for start in range(first, len(data), page):
        data[start:start + page] = b"\xde\xad\xbe\xef" * (page // 4)
    path.write_bytes(bytes(data))


def test_damage_beyond_the_first_page_is_one_line_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    damage_beyond_the_first_page(path)
    before = files(path)
    for args in (("week",), ("export",), ("habit", "list"), ("done", "Read"), ("check",)):
        result = run(*args, "--db", str(path))
        assert result.returncode == 1, args
        assert "is damaged" in result.stderr and "backups" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    from tests.safety.test_files import in_terminal

    app = in_terminal([sys.executable, "-m", "tracker", "--db", str(path)])
    assert app.returncode == 1 and "is damaged" in app.stderr and "Traceback" not in app.stderr
    assert files(path)[""] == before[""]


def test_after_damage_a_store_writes_nothing_more(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    damage_beyond_the_first_page(path, from_middle=True)
    store = Store(path)
    with pytest.raises(sqlite3.DatabaseError) as seen:
        store.days.steps_on(date(2026, 3, 1))
    assert isinstance(store.failed(seen.value), DamagedFile)
    with pytest.raises(DamagedFile):
        store.days.add_step(date(2026, 3, 3), "never written")
    store.close()


def test_check_says_a_sound_file_is_sound(db: Path) -> None:
    result = run("check", "--db", str(db))
    assert result.returncode == 0 and "is sound" in result.stdout and "1 habits" in result.stdout


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can reach (pytest's own temporary folders are private)."""
    folder = Path(tempfile.mkdtemp(prefix="tracker-ro-"))
    folder.chmod(0o755)
    yield folder
    for file in folder.iterdir():
        file.unlink()
    folder.rmdir()


def as_another_user(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user who can read the database but not write it. As root, file
    modes do not bind, so it runs as nobody, with the system's Python of the same
    version (the virtual environment's may sit under root's private home)."""
    import sysconfig

    command = [sys.executable, "-m", "tracker", *args]
    options: dict[str, object] = {}
    env = {**os.environ, "HOME": "/nonexistent", "TRACKER_CONFIG": "/nonexistent/config.toml"}
    if os.geteuid() == 0:
        python = Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")
        command[0] = str(python)
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), sysconfig.get_paths()["purelib"]])
        options = {"user": 65534, "group": 65534, "extra_groups": []}
        probe = subprocess.run([str(python), "-m", "tracker", "--version"], cwd="/",
                               capture_output=True, env=env, timeout=60, **options)  # type: ignore[call-overload]
        if probe.returncode != 0:
            pytest.skip("no Python that the user nobody may run (read_only_store covers it)")
    return subprocess.run(command, cwd="/", text=True, capture_output=True, timeout=60,
                          stdin=subprocess.DEVNULL, env=env, **options)  # type: ignore[call-overload]


@pytest.mark.parametrize("frozen", ["file", "folder"])
def test_a_read_only_database_is_read_and_writes_say_why(shared_folder: Path,
                                                         frozen: str) -> None:
    path = shared_folder / "t.db"
    store = Store(path)
    store.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    store.close()
    path.chmod(0o644 if os.geteuid() == 0 else 0o444)
    if frozen == "folder":
        shared_folder.chmod(0o555)
    try:
        before = files(path)
        listed = as_another_user("habit", "list", "--db", str(path))
        assert listed.returncode == 0 and "Read" in listed.stdout, listed.stderr
        assert as_another_user("week", "--db", str(path)).returncode == 0
        exported = as_another_user("export", "--db", str(path))
        assert exported.returncode == 0 and '"Read"' in exported.stdout
        done = as_another_user("done", "Read", "--db", str(path))
        assert done.returncode == 1 and "read-only" in done.stderr
        assert "damaged" not in done.stderr and len(done.stderr.splitlines()) == 1
        assert files(path) == before
    finally:
        shared_folder.chmod(0o755)


def test_a_pipe_at_the_path_is_refused_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)
    result = run("habit", "list", "--db", str(pipe))
    assert result.returncode == 1 and "not a regular file" in result.stderr


def test_the_database_ends_up_owner_only(tmp_path: Path) -> None:
    shared = tmp_path / "shared.db"
    shared.write_bytes(b"")
    shared.chmod(0o666)
    Store(shared).close()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o600
    target = tmp_path / "elsewhere" / "real.db"
    target.parent.mkdir()
    link = tmp_path / "link.db"
    link.symlink_to(target)  # dangling until the database is made
    Store(link).close()
    assert link.is_symlink() and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert run("backup", "--db", str(link)).returncode == 0
    for copy in (target.parent / "backups").iterdir():
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_dates_at_the_calendars_ends_are_one_line(db: Path) -> None:
    for value in ("9999-12-31", "0001-01-01", "20260102", "2026-W01-5"):
        for args in (("week", "--date", value), ("step", "x", "--date", value),
                     ("--date", value)):
            result = run(*args, "--db", str(db))
            assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
            assert "Traceback" not in result.stderr


async def test_the_app_stops_at_the_calendars_first_day(store: Store) -> None:
    from tracker.domain.days import FIRST_DAY
    from tracker.files.config import Config
    from tracker.ui.app import make_app

    store.habits.add("Read", "one page", full="20 pages", created=date(2026, 1, 1))
    app = make_app(store, today=date(2026, 3, 12), day=date(1900, 1, 2),
                   config=Config(checkin_on_start=False))
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("left", "left", "left")
        assert app.today_screen.day == FIRST_DAY
        assert "calendar runs from" in " ".join(n.message for n in app._notifications)


def test_cli_runner_sees_one_line_errors_too(db: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "-o", str(db), "--db", str(db)])
    assert result.exit_code == 1 and "the database itself" in result.output


@pytest.fixture
def read_only_store(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The store as a user who may read the file but not write it would open it."""
    monkeypatch.setattr("tracker.store.database._writable", lambda path: False)
    store = Store(db)
    yield store
    store.close()


def test_a_read_only_store_reads_and_refuses_writes(read_only_store: Store, db: Path) -> None:
    from tracker.store import ReadOnlyDatabase

    assert read_only_store.read_only and read_only_store.habits.find("Read")
    with pytest.raises(ReadOnlyDatabase, match="read-only"):
        read_only_store.days.add_step(date(2026, 3, 3), "never written")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):  # SQLite refuses too
        read_only_store.conn.execute("INSERT INTO steps (day, text) VALUES ('2026-03-03', 'x')")


async def test_the_app_on_a_read_only_file_shows_and_says_why(read_only_store: Store) -> None:
    from tests.ui.helpers import screen_text
    from tracker.files.config import Config
    from tracker.ui.app import make_app

    app = make_app(read_only_store, today=date(2026, 3, 2),
                   config=Config(checkin_on_start=False))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("m", "a")
        await pilot.press(*"a step", "enter")
        messages = " ".join(n.message for n in app._notifications)
        assert "read-only" in messages and "refused" in messages
        assert "Read" in screen_text(app) and app.is_running
    entry = read_only_store.days.entry(read_only_store.habits.find("Read").id, date(2026, 3, 2))
    assert entry is not None and entry.status == "full"  # as it was
    assert read_only_store.days.steps_on(date(2026, 3, 2)) == []
