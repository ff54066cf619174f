"""Regenerate screenshots/*.svg from the sample data with a pinned date.

Run: python screenshots/make_screenshots.py
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date
from pathlib import Path

from tracker.domain.sample import sample_document
from tracker.files.config import Config
from tracker.io.json_format import import_document
from tracker.store import Store
from tracker.ui.app import make_app

HERE = Path(__file__).parent
PINNED = date(2026, 3, 12)
SHOTS: list[tuple[str, tuple[str, ...], tuple[int, int], bool]] = [
    ("today", (), (120, 36), True),
    ("checkin", ("c", "2"), (120, 36), True),
    ("habits", ("h",), (120, 30), True),
    ("help", ("question_mark",), (120, 50), True),
    ("week", ("w",), (120, 56), True),
    ("habit-page", ("down", "enter"), (120, 46), True),
    ("first-run", (), (100, 30), False),
]


async def shoot(name: str, keys: tuple[str, ...], size: tuple[int, int], sample: bool,
                folder: Path) -> None:
    store = Store(folder / f"{name}.db")
    if sample:
        import_document(store, sample_document(PINNED))
    app = make_app(store, today=PINNED, config=Config(checkin_on_start=False))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.3)
        for _ in range(100):  # the habit page draws its charts a moment after the page
            if not app.screen.query("#page-charts") or app.screen.query("#page-chart-set"):
                break
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        app.save_screenshot(f"{name}.svg", path=str(HERE))
    store.close()


async def main() -> None:
    import tracker.ui.screens.checkin

    tracker.ui.screens.checkin.local_hour = lambda: 8  # the greeting, pinned like the date
    with tempfile.TemporaryDirectory() as folder:
        for name, keys, size, sample in SHOTS:
            await shoot(name, keys, size, sample, Path(folder))
            print(f"screenshots/{name}.svg")


if __name__ == "__main__":
    asyncio.run(main())
