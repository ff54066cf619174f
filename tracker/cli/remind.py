"""``tracker remind``: a gentle desktop notification of what is still open today, naming
each minimum ("Read: one page still counts."), never guilt; nothing at all when every
habit is done, resting or not planned. Sent with ``notify-send`` (the desktop's
notification service), printed where there is none (a cron mail, an ssh session).

``--install HH:MM`` (several times allowed) writes a systemd user timer, or prints the
crontab lines where there is no systemd; ``--uninstall`` removes the timer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click

from tracker.cli.common import config, db_option, db_path, say, today_for
from tracker.cli.status import Glance, glance, read_plan
from tracker.domain.text import printable

NAMED = 3
MARK = "# Written by 'tracker remind --install'; 'tracker remind --uninstall' removes it."
UNIT = "tracker-remind"


def reminder(g: Glance) -> tuple[str, str] | None:
    """The notification's title and body; None when there is nothing to remind of."""
    if g.state != "left":
        return None
    lines = [f"{printable(h.habit.name)}: {printable(h.habit.minimum)} still counts."
             for h in g.left[:NAMED]]
    if len(g.left) > NAMED:
        lines.append("Also open: " + ", ".join(printable(h.habit.name) for h in g.left[NAMED:])
                     + ".")
    if g.done:
        lines.insert(0, f"{g.done} done already today. Nice.")
    title = "A small win is still open" if len(g.left) == 1 else "Small wins still open"
    return title, "\n".join(lines)


def quiet_words(g: Glance) -> str:
    """What ``--dry-run`` says when no notification would be sent."""
    return {"empty": "No habits yet: nothing to remind of.",
            "free": "Nothing planned today: no reminder.",
            "resting": "Resting today: no reminder.",
            }.get(g.state, "All done today: no reminder. Nice.")


def _markup_safe(text: str) -> str:
    """Notification bodies may be read as markup: a typed ``<b>`` stays ``<b>``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def notify(title: str, body: str) -> bool:
    """Send through the desktop's notification service; False where there is none."""
    command = shutil.which("notify-send")
    if command is None:
        return False
    try:
        sent = subprocess.run([command, "--app-name=tracker", "--", title, _markup_safe(body)],
                              capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return sent.returncode == 0


def parse_time(text: str) -> str:
    """``HH:MM`` (``8:05`` too) as ``08:05``, in ASCII digits; a usage error otherwise."""
    hours, colon, minutes = text.strip().partition(":")
    if colon and 1 <= len(hours) <= 2 and len(minutes) == 2 and (hours + minutes).isascii() \
            and (hours + minutes).isdigit() and int(hours) <= 23 and int(minutes) <= 59:
        return f"{int(hours):02d}:{minutes}"
    raise click.BadParameter(f"{printable(text)!r} is not a time of day: use HH:MM, e.g. "
                             "20:00", param_hint="'--install'")


def tracker_command(db: str | None) -> list[str]:
    """How a timer runs ``tracker remind``: this installation's own script, and the
    database chosen now (``--db`` or TRACKER_DB), if any."""
    script = Path(sys.executable).with_name("tracker")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "tracker"]
    command.append("remind")
    chosen = db or os.environ.get("TRACKER_DB")
    if chosen:
        command += ["--db", str(Path(chosen).expanduser().resolve())]
    for word in command:
        if printable(word) != word:  # a line break would start a line of its own
            raise click.ClickException(
                f"{printable(word)} has a line break or a control character: a timer "
                "cannot name it (move or rename it, then install again)")
    return command


def _systemd_word(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("%", "%%").replace("$", "$$") + '"'


def _from_systemd_word(word: str) -> str:
    """What ``_systemd_word`` wrote, read back."""
    return word[1:-1].replace('\\"', '"').replace("\\\\", "\\").replace("%%", "%") \
        .replace("$$", "$")


def _database_of(unit: str) -> str:
    """The ``--db`` a service's ExecStart names, or nothing."""
    for line in unit.splitlines():
        if line.startswith("ExecStart="):
            _, found, rest = line.partition('"--db" ')
            return _from_systemd_word(rest) if found else ""
    return ""


def installed_database(service: Path) -> str:
    """The database an installed service reminds of (nothing: the default one)."""
    if not service.is_file() or service.is_symlink():
        return ""
    return _database_of(service.read_text(encoding="utf-8", errors="replace"))


def unit_folder() -> Path:
    """``$XDG_CONFIG_HOME/systemd/user`` (``~/.config/systemd/user``)."""
    base = os.environ.get("XDG_CONFIG_HOME", "").strip() or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def _ours(path: Path) -> bool:
    """A unit file we wrote (it starts with MARK); refuse to touch anyone else's."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise click.ClickException(f"{path} is not a file tracker wrote; it was left alone")
    if not path.exists():
        return True
    with path.open(encoding="utf-8", errors="replace") as file:
        if file.read(len(MARK)) != MARK:
            raise click.ClickException(
                f"{path} was not written by tracker; it was left alone (remove or rename it)")
    return True


def installed_times(timer: Path) -> list[str]:
    """The times of day an installed timer reminds at."""
    if not timer.is_file() or timer.is_symlink():
        return []
    prefix = "OnCalendar=*-*-* "
    return [line[len(prefix):len(prefix) + 5] for line in
            timer.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.startswith(prefix)]


def _systemctl(*args: str) -> bool:
    try:
        done = subprocess.run(["systemctl", "--user", *args], capture_output=True, timeout=30,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def install_timer(times: list[str], command: list[str], dry_run: bool = False) -> str:
    """Write (or extend) the timer and its service; what was done, in words."""
    folder = unit_folder()
    service, timer = folder / f"{UNIT}.service", folder / f"{UNIT}.timer"
    _ours(service)
    _ours(timer)
    before = installed_times(timer)
    every = sorted(set(before) | set(times))
    run = f"ExecStart={' '.join(map(_systemd_word, command))}"
    if before and installed_database(service) != _database_of(run):
        raise click.ClickException(
            f"the reminders at {', '.join(before)} are about another database; tracker "
            "remind --uninstall first, then --install the times for this one")
    if dry_run:
        return f"Would write {timer} with reminders at {', '.join(every)}, running:\n{run}"
    folder.mkdir(parents=True, exist_ok=True)
    service.write_text(
        f"{MARK}\n[Unit]\nDescription=tracker: a gentle reminder of what is still open today"
        f"\n\n[Service]\nType=oneshot\n{run}\n", encoding="utf-8")
    timer.write_text(
        f"{MARK}\n[Unit]\nDescription=tracker reminders at {', '.join(every)}\n\n[Timer]\n"
        + "".join(f"OnCalendar=*-*-* {t}:00\n" for t in every)
        + "\n[Install]\nWantedBy=timers.target\n", encoding="utf-8")
    started = _systemctl("daemon-reload") and _systemctl("enable", "--now", f"{UNIT}.timer")
    where = f"Reminders at {', '.join(every)}: {timer}"
    if started:
        return f"{where} (enabled)."
    return (f"{where} written; systemd did not answer (it may not run here), so start it "
            f"with: systemctl --user daemon-reload && systemctl --user enable --now "
            f"{UNIT}.timer\nWithout systemd, add these lines with crontab -e instead:\n"
            + crontab_lines(every, command))


def remove_timer(dry_run: bool = False) -> str:
    """Stop and remove the timer and its service; what was done, in words."""
    folder = unit_folder()
    files = [folder / f"{UNIT}.timer", folder / f"{UNIT}.service"]
    present = [f for f in files if f.exists() or f.is_symlink()]
    if not present:
        return "No reminder is installed."
    for file in present:
        _ours(file)
    about = installed_database(folder / f"{UNIT}.service")
    whose = f" (they were about {printable(about)})" if about else ""
    if dry_run:
        return "Would remove " + " and ".join(str(f) for f in present) + whose + "."
    _systemctl("disable", "--now", f"{UNIT}.timer")
    for file in present:
        file.unlink()
    _systemctl("daemon-reload")
    return f"Reminders removed{whose}."


def crontab_lines(times: list[str], command: list[str]) -> str:
    """Where there is no systemd: the lines for ``crontab -e`` (with the session bus, so
    that the notification reaches the desktop)."""
    import shlex

    bus = f"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{os.getuid()}/bus"
    # cron reads a bare % as the end of the command: \\% is a literal one
    run = " ".join(shlex.quote(word) for word in command).replace("%", "\\%")
    return "\n".join(f"{int(t[3:])} {int(t[:2])} * * * {bus} {run}" for t in sorted(set(times)))


@click.command("remind")
@click.option("--dry-run", is_flag=True,
              help="Print what the notification would say (with --install or --uninstall: "
              "what would be written or removed), and change nothing.")
@click.option("--install", "install_at", metavar="HH:MM", multiple=True,
              help="Remind every day at this time (repeat for several; adds to those set).")
@click.option("--uninstall", is_flag=True, help="Remove the daily reminders.")
@db_option
@click.pass_context
def remind(ctx: click.Context, dry_run: bool, install_at: tuple[str, ...],
           uninstall: bool) -> None:
    """A gentle notification of what is still open today, naming each minimum; nothing
    when all is done or resting."""
    if install_at and uninstall:
        raise click.UsageError("--install and --uninstall do not go together")
    if install_at or uninstall:
        _set_up([parse_time(t) for t in install_at], ctx.meta.get("tracker.db"), uninstall,
                dry_run)
        return
    plan = read_plan(db_path(ctx), today_for(ctx), config(ctx).week_start)
    g = glance(plan)
    message = reminder(g)
    if message is None:
        if dry_run:
            say(quiet_words(g))
        return
    title, body = message
    if dry_run or not notify(title, body):
        say(f"{title}\n{body}")


def _set_up(times: list[str], db: str | None, removing: bool, dry_run: bool) -> None:
    has_systemd = shutil.which("systemctl") is not None
    if has_systemd:
        say(remove_timer(dry_run) if removing
            else install_timer(times, tracker_command(db), dry_run))
    elif removing:
        say("No systemd here: remove the 'tracker remind' lines with crontab -e.")
    else:
        say("No systemd here: add these lines with crontab -e:\n"
            + crontab_lines(times, tracker_command(db)))
