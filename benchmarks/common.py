"""What the benchmark's rows share: fresh processes timed side by side, the clock of
frames drawn after a key, and the rows' formats."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def first_frame(kind: str, db: Path | None = None) -> dict[str, float]:
    """One fresh process: seconds from its start to its first frame, and peak memory."""
    args = [sys.executable, "-m", "benchmarks.first_frame", kind]
    if db is not None:
        args.append(str(db))
    env = {**os.environ, "BENCH_T0": repr(time.time())}
    out = subprocess.run(args, capture_output=True, text=True, env=env, check=True,
                         cwd=HERE.parent)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def paired(runs: int, first: Callable[[], dict[str, float]],
           second: Callable[[], dict[str, float]]) -> tuple[list[dict[str, float]],
                                                            list[dict[str, float]]]:
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return a, b


def ratio_row(name: str, a: list[dict[str, float]], b: list[dict[str, float]], key: str,
              budget: float, unit: str = "s") -> list[str]:
    ratio = statistics.median(y[key] / x[key] for x, y in zip(a, b, strict=True))
    ma, mb = statistics.median(x[key] for x in a), statistics.median(y[key] for y in b)
    scale = 1 / 1024 if unit == "MiB" else 1
    return [name, f"{mb * scale:.3f} {unit}", f"{ma * scale:.3f} {unit}", f"{ratio:.2f}×",
            f"≤ {budget}×", "yes" if ratio <= budget else "NO"]


def timed(func: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


SETTLE_WINDOW = 0.15
"""Seconds after a key within which the frames it caused are counted (settled time)."""
HUMAN_GAP = 0.25
"""Seconds between key presses, as a quick person types (work deferred to pauses runs)."""


class RefreshClock:
    """Times when a screen finished drawing (wraps Screen._compositor_refresh: a
    benchmark-only hook into Textual's internals)."""

    def __init__(self) -> None:
        from textual.screen import Screen

        self.times: list[float] = []
        self.settled: list[float] = []
        original = Screen._compositor_refresh
        clock = self

        def timed(screen: Screen[object]) -> None:
            original(screen)
            clock.times.append(time.perf_counter())

        Screen._compositor_refresh = timed  # type: ignore[method-assign,assignment]

    async def press(self, pilot: Any, key: str) -> float:
        """Seconds from the key to the first frame drawn after it (what a person sees);
        the time to the last frame it caused (settled) is kept in ``settled``."""
        await pilot.pause(HUMAN_GAP)
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause(SETTLE_WINDOW)
        after = [t for t in self.times if t > start]
        end = time.perf_counter()
        self.settled.append((after[-1] if after else end) - start)
        return (after[0] if after else end) - start


def absolute_row(name: str, seconds: float, budget: float) -> list[str]:
    shown = f"{seconds * 1000:.1f} ms" if budget < 1 else f"{seconds:.2f} s"
    limit = f"< {budget * 1000:g} ms" if budget < 1 else f"< {budget:g} s"
    return [name, shown, "", "", limit, "yes" if seconds < budget else "NO"]
