"""Child process of the benchmark: start an app, report its first frame and peak memory.

``python -m benchmarks.first_frame bare`` or ``… tracker DB``; ``BENCH_T0`` holds the
parent's clock just before the process was started, so interpreter start-up and
imports are part of the time, as a person would see it.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def peak_kib() -> int:
    """This process's peak resident memory (VmHWM; ru_maxrss would include the
    parent's memory at fork, since Linux keeps it across exec)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def report() -> None:
    elapsed = time.time() - float(os.environ["BENCH_T0"])
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"seconds": elapsed, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                      "peak_kib": peak_kib()}), flush=True)


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("Hello")

        def on_ready(self) -> None:
            self.call_after_refresh(self.done)

        def done(self) -> None:
            report()
            self.exit()

    Bare().run(headless=True, size=(120, 40))


def tracker(db: str) -> None:
    # what plain `tracker` loads: the console script's module, then the launcher
    from tracker.cli import main  # noqa: F401
    from tracker.cli.launch import open_app  # noqa: F401
    from tracker.files.config import Config
    from tracker.store import Store
    from tracker.ui.app import TrackerApp

    class Measured(TrackerApp):
        def on_ready(self) -> None:
            self.call_after_refresh(self.done)

        def done(self) -> None:
            report()
            self.exit()

    app = Measured(Store(db), config=Config(checkin_on_start=False))
    app.run(headless=True, size=(120, 40))


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        tracker(sys.argv[2])
