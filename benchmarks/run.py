"""The performance benchmark: every budget of the SPEC as a row, measured in one run.

Run: python -m benchmarks.run [--runs N]   (generates benchmarks/data/ on first use)

Start-up rows compare fresh processes side by side (tracker and a bare Textual app
interleaved, so a machine that slows down slows both); each ratio is the median of
the paired ratios, with the raw medians beside it. Key rows are in-process and
headless: wall-clock time from the key to the end of the screen refresh it caused,
keys pressed a quarter second apart as a quick person types, with a bare Textual
app's key press that updates a label as the reference.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.common import (
    HERE,
    HUMAN_GAP,
    RefreshClock,
    absolute_row,
    first_frame,
    paired,
    ratio_row,
    timed,
)
from benchmarks.sync_rows import sync_rows

DATA = HERE / "data"


def machine_speed() -> float:
    """Seconds a fixed pure-Python workload takes right now (median of 5): these
    machines have spells in which everything runs up to three times slower, and the
    rows measured in seconds can only be read beside this one."""
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for i in range(300_000):
            total += i % 7
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


async def key_latencies(db: Path, today: date, presses: int,
                        clock: RefreshClock) -> dict[str, tuple[float, float]]:
    """Median seconds from a key press to the first frame showing the change, and to the
    last frame it caused (settled), in-process."""
    from tracker.files.config import Config
    from tracker.store import Store
    from tracker.ui.app import make_app

    store = Store(db)
    app = make_app(store, today=today, config=Config(checkin_on_start=False))
    results: dict[str, list[tuple[float, float]]] = {
        "mark done": [], "change day": [], "open the week": [], "open a habit's page": [],
        "move the page's cursor": []}

    async def press(key: str) -> tuple[float, float]:
        first = await clock.press(pilot, key)
        return first, clock.settled[-1]

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause(HUMAN_GAP)  # what start-up prepares in the background
        first_open = await press("w")  # mounts the review's screen
        await press("escape")
        for _ in range(presses):
            results["mark done"].append(await press("space"))
            results["change day"].append(await press("left"))
            results["change day"].append(await press("right"))
            results["open the week"].append(await press("w"))
            await press("escape")
        for _ in range(presses // 2):  # the habit page of Today's first habit, 10 years
            results["open a habit's page"].append(await press("enter"))
            await pilot.pause(CHARTS_SECONDS)  # its charts come after the first frame
            for key in ("left", "up", "right", "down"):
                results["move the page's cursor"].append(await press(key))
            await press("escape")
    store.close()
    medians = {name: (statistics.median(v[0] for v in values),
                      statistics.median(v[1] for v in values))
               for name, values in results.items()}
    return {**medians, "open the week, first time in a session": first_open}


async def bare_key_latency(presses: int, clock: RefreshClock) -> float:
    """The same measure for a bare Textual app whose key updates a label."""
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Bare(App[None]):
        BINDINGS = [("space", "tick", "Tick")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Label("0", id="count")

        def action_tick(self) -> None:
            self.count += 1
            self.query_one("#count", Label).update(str(self.count))

    samples = []
    async with Bare().run_test(size=(120, 40)) as pilot:
        for _ in range(presses):
            samples.append(await clock.press(pilot, "space"))
    return statistics.median(samples)


KEY_BUDGETS = {"mark done": 0.016, "change day": 0.016, "open the week": 0.016,
               "open a habit's page": 0.050, "move the page's cursor": 0.016}
"""The SPEC's budgets, key to first frame (the habit page's: 50 ms on the 10-year
history; moving its cursor: a frame)."""
CHARTS_SECONDS = 1.0
"""Time for the habit page's charts to be drawn before its cursor is moved."""


def ensure_data(today: date) -> tuple[Path, Path]:
    from benchmarks.generate import GENERATED, write_loop_backup, write_tracker_db

    DATA.mkdir(exist_ok=True)
    large, loop = DATA / "large.db", DATA / "loop.db"
    stamp = DATA / "generated-on"
    if not (large.exists() and loop.exists() and stamp.exists()
            and stamp.read_text() == f"{today.isoformat()} {GENERATED}"):
        for path in (large, loop):
            path.unlink(missing_ok=True)
        print("Generating 10 years × 40 habits (a minute) …", file=sys.stderr)
        write_tracker_db(large, today)
        write_loop_backup(loop, today)
        stamp.write_text(f"{today.isoformat()} {GENERATED}")
    return large, loop


SETTLE_SECONDS = 3.0
"""A pause between groups of rows: the start-up rows start ~80 processes back to back,
and a machine that has just done that runs what follows measurably slower (the app's
key presses are not made after such a burst)."""


def startup_rows(runs: int, large: Path, empty: Path) -> list[list[str]]:
    bare, tracker = paired(runs, lambda: first_frame("bare"),
                           lambda: first_frame("tracker", large))
    small, big = paired(runs, lambda: first_frame("tracker", empty),
                        lambda: first_frame("tracker", large))
    return [
        ratio_row("first frame: Today (large) vs bare Textual", bare, tracker, "seconds", 1.25),
        ratio_row("  the same in CPU time", bare, tracker, "cpu_seconds", 1.25),
        ratio_row("peak memory: Today (large) vs bare Textual", bare, tracker, "peak_kib",
                  1.25, "MiB"),
        ratio_row("first frame: large vs empty database", small, big, "seconds", 1.1),
    ]


def key_rows(large: Path, folder: Path, today: date) -> list[list[str]]:
    from tracker.store import Store

    clock = RefreshClock()
    scratch = folder / "keys.db"  # the key rows write: keep the data set as made
    with_history = Store(large)
    with_history.backup(scratch)
    with_history.close()
    keys = asyncio.run(key_latencies(scratch, today, 12, clock))
    reference = asyncio.run(bare_key_latency(24, clock))
    rows = []
    for name, (seconds, settled) in keys.items():
        budget = KEY_BUDGETS.get(name)
        rows.append([f"key → first frame: {name}",
                     f"{seconds * 1000:.1f} ms (settled {settled * 1000:.1f})",
                     f"{reference * 1000:.1f} ms", "",
                     f"< {budget * 1000:g} ms" if budget else "",
                     ("yes" if seconds < budget else "NO") if budget else "(shown)"])
    return rows


def process_seconds(args: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """One fresh process, start to exit, as a status bar waits for it."""
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=HERE.parent, env=env)
    return {"seconds": time.perf_counter() - start}


def status_rows(large: Path, runs: int) -> list[list[str]]:
    """``tracker status`` (the console script, as a bar runs it) on a copy of the 10-year
    history against a bare ``python -c pass``, paired in one loop: as a bar meets it
    (nothing changed since its last run: the kept line, checked against the rows'
    fingerprint), the first run after a change (a micro-step of the day ticked or
    unticked between the runs, outside the time: the line made anew from the kept
    settings), and with nothing kept (no private folder: the config read and the user's
    folders asked every time, as on the first run of a session; shown, not budgeted)."""
    from tracker.domain.days import today
    from tracker.store import Store

    script = str(Path(sys.executable).with_name("tracker"))
    bare = [sys.executable, "-c", "pass"]
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "status.db"
        source = Store(large)
        source.backup(copy)
        source.close()
        store = Store(copy)
        step = store.days.add_step(today(), "a step the benchmark ticks")
        runtime, open_folder = Path(folder) / "run", Path(folder) / "open"
        runtime.mkdir(mode=0o700)
        (open_folder / "tracker").mkdir(parents=True)
        (open_folder / "tracker").chmod(0o755)  # its folder for the line is not private:
        # nothing is kept there, and nothing is read from there
        command = [script, "status", "--db", str(copy)]
        kept_env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
        nothing_env = {**os.environ, "XDG_RUNTIME_DIR": str(open_folder)}
        process_seconds(command, kept_env)  # the line a bar's first run keeps
        series: dict[str, list[dict[str, float]]] = {"bare": [], "kept": [], "changed": [],
                                                     "nothing": []}
        for turn in range(max(runs, 15)):
            series["bare"].append(process_seconds(bare))
            series["kept"].append(process_seconds(command, kept_env))
            store.days.set_step_done(step.id, turn % 2 == 0)
            series["changed"].append(process_seconds(command, kept_env))
            series["nothing"].append(process_seconds(command, nothing_env))
        store.close()
    first_run = ratio_row("  the same, nothing kept (a session's first run)", series["bare"],
                          series["nothing"], "seconds", 3)
    first_run[-1] = "(shown)"
    return [ratio_row("tracker status (large) vs bare python -c pass", series["bare"],
                      series["kept"], "seconds", 3),
            ratio_row("  the same, the first run after a change", series["bare"],
                      series["changed"], "seconds", 3),
            first_run]


def import_rows(today: date) -> list[list[str]]:
    """Each other app's file of the benchmark's size, read and imported into a fresh
    database (each within the Loop import's budget), format recognised as in
    ``tracker import PATH``."""
    from benchmarks.foreign_files import WRITERS
    from benchmarks.generate import large_document
    from tracker.io.detect import FORMATS, detect, reader
    from tracker.io.json_format import import_document
    from tracker.store import Store

    document = large_document(today)
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for kind, (file_name, write) in WRITERS.items():
            path = folder / file_name
            write(document, path)

            def run_import(path: Path = path) -> None:
                target = Path(tempfile.mkdtemp(dir=folder)) / "import.db"
                fresh = Store(target)
                import_document(fresh, reader(detect(path))(path).document())
                fresh.close()

            rows.append(absolute_row(f"{FORMATS[kind].label} import (same size)",
                                     timed(run_import, 3), 3))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="processes per start-up row")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    parser.add_argument("--only", choices=["status", "imports", "sync"], help="only these rows")
    options = parser.parse_args()
    today = date.today()  # noqa: DTZ011 (the generated history ends yesterday)
    if options.only == "imports":  # files of their own, made in a temporary folder
        show(import_rows(today), options)
        return
    large, loop = ensure_data(today)
    # An installed package has its bytecode (pip compiles wheels; a first run writes it).
    # Where PYTHONDONTWRITEBYTECODE is set, compile it explicitly so that tracker is not
    # measured compiling its source against a Textual that is precompiled.
    import compileall

    import tracker

    compileall.compile_dir(str(Path(tracker.__file__).parent), quiet=1)

    from tracker.domain.days import week_start
    from tracker.domain.week import summarize_week
    from tracker.io.json_format import export_document, import_document
    from tracker.io.loop import read_loop
    from tracker.store import Store

    if options.only == "sync":
        with tempfile.TemporaryDirectory() as name:
            show(sync_rows(large, Path(name), 9, today), options)
        return
    if options.only == "status":
        show([*status_rows(large, options.runs)], options)
        return
    entries = Store(large).conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    speed_before = machine_speed()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        # measured in this order (in-process rows first, the heavy ones last), shown
        # in the SPEC's order
        keys = key_rows(large, folder, today)
        store = Store(large)
        monday = week_start(today - timedelta(days=1))
        week = timed(lambda: summarize_week(store.history_for_week(monday), monday), 15)
        time.sleep(SETTLE_SECONDS)
        empty = folder / "empty.db"
        Store(empty).close()
        startup = startup_rows(options.runs, large, empty)
        time.sleep(SETTLE_SECONDS)
        export = timed(lambda: json.dumps(export_document(store)), 3)
        store.close()

        def loop_import() -> None:
            target = Path(tempfile.mkdtemp(dir=folder)) / "import.db"
            fresh = Store(target)
            import_document(fresh, read_loop(loop).document())
            fresh.close()

        imported = timed(loop_import, 3)
        time.sleep(SETTLE_SECONDS)
        synced = sync_rows(large, folder, 9, today)
        time.sleep(SETTLE_SECONDS)
        status = status_rows(large, options.runs)
    speed_after = machine_speed()
    rows = [
        *startup, *keys,
        absolute_row("week review computed (load + rules)", week, 0.020),
        absolute_row(f"JSON export ({entries:,} entries)", export, 2),
        absolute_row("Loop backup import (same size)", imported, 3),
        *synced,
        *status,
        ["machine speed: a fixed Python loop, at the start · end",
         f"{speed_before * 1000:.1f} · {speed_after * 1000:.1f} ms", "", "", "", "(context)"],
    ]
    show(rows, options)


def show(rows: list[list[str]], options: argparse.Namespace) -> None:
    table = Table(title=f"tracker benchmark ({options.runs} runs per start-up row)")
    for column in ("measure", "tracker", "reference", "ratio", "budget", "met"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for row in rows:
        table.add_row(*row)
    Console(width=max(110, Console().width)).print(table)
    if options.json:
        options.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
