"""A child process running the real app (headless) on a database, driven line by line
on standard input, for tests that mix the app with other processes on one file.

Commands, one per line; each answers one line on stdout once done:
  press KEY [KEY …]   press keys, then answer "ok" once the app has handled them
  settle              wait until the week review has been computed ahead (the worker), 3 s at most
  show                answer the day list's text, rows joined with " | "
  wait TEXT           answer "ok" once the day list shows TEXT (at most 5 s), else "timeout"
  screen TEXT         answer "ok" once the screen shown (any screen) shows TEXT (at most 5 s),
                      else "timeout"
  quit                leave the app as q does, then exit
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date

from tests.ui.helpers import screen_text
from tracker.files.config import Config
from tracker.store import Store
from tracker.ui.app import make_app


async def drive(path: str, today: date) -> None:
    app = make_app(Store(path), today=today, config=Config(checkin_on_start=False))
    loop = asyncio.get_running_loop()

    def shown() -> str:
        day_list = app.today_screen.day_list
        rows = (day_list.render_line(y).text.strip() for y in range(day_list.size.height))
        return " | ".join(row for row in rows if row)

    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        print("ready", flush=True)
        while True:
            line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
            if not line:
                if not sys.stdin.readable():
                    break
                continue
            command, _, rest = line.partition(" ")
            if command == "press":
                await pilot.press(*rest.split())
                await pilot.pause()
                print("ok", flush=True)
            elif command == "settle":
                for _ in range(60):
                    await pilot.pause(0.05)
                    if app.week_is_ready():
                        break
                print("ok" if app.week_is_ready() else "timeout", flush=True)
            elif command == "show":
                print(shown(), flush=True)
            elif command == "wait":
                for _ in range(100):
                    if rest in shown():
                        break
                    await pilot.pause(0.05)
                print("ok" if rest in shown() else "timeout", flush=True)
            elif command == "screen":
                for _ in range(100):
                    if rest in screen_text(app):
                        break
                    await pilot.pause(0.05)
                print("ok" if rest in screen_text(app) else "timeout", flush=True)
            elif command == "quit":
                await pilot.press("q")
                break
    app.store.close()
    print("bye", flush=True)


if __name__ == "__main__":
    asyncio.run(drive(sys.argv[1], date.fromisoformat(sys.argv[2])))
