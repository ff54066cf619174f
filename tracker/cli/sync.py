"""``tracker sync``: the same history on every device, through a folder they all sync."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.text import Text

from tracker.cli.common import console, db_option, open_store, say

PASSPHRASE = "TRACKER_SYNC_PASSPHRASE"


@click.command("sync")
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder to sync through, set once (kept in the database): one that "
              "Syncthing, Dropbox, Nextcloud or git already syncs between your devices.")
@click.option("--device", "name", default=None,
              help="This device's name, as the others see it (default: the host name).")
@click.option("--status", is_flag=True,
              help="Say what is shared, with which devices, and when each last synced.")
@click.option("--encrypt", is_flag=True,
              help=f"Encrypt the files with a passphrase (asked for, or ${PASSPHRASE}); "
              "every device uses the same one.")
@db_option
@click.pass_context
def sync_command(ctx: click.Context, folder: Path | None, name: str | None, status: bool,
                 encrypt: bool) -> None:
    """Sync this database with the other devices through a folder."""
    from tracker.sync.run import ENCRYPTED, sync

    store = open_store(ctx)
    if status:
        show_status(store)
        return
    passphrase = os.environ.get(PASSPHRASE) or None
    encrypted = store.sync.setting(ENCRYPTED) is not None
    if (encrypt or encrypted) and not passphrase:
        if not sys.stdin.isatty():
            raise click.ClickException(f"the sync is encrypted: set {PASSPHRASE} to sync "
                                       "without a terminal")
        passphrase = click.prompt("Sync passphrase", hide_input=True,
                                  confirmation_prompt=not encrypted) or None
    report = sync(store, folder, name, passphrase)
    for problem in report.problems:
        click.echo(f"warning: {problem}", err=True)
    say(report.summary())


def show_status(store: object) -> None:
    """``tracker sync --status``."""
    from tracker.store import Store
    from tracker.sync.run import ENCRYPTED, FOLDER, devices

    assert isinstance(store, Store)
    rows = store.sync
    folder = rows.setting(FOLDER)
    if folder is None:
        say("Not syncing yet: tracker sync --folder PATH sets a folder that your devices "
            "already sync (Syncthing, Dropbox, Nextcloud, git).")
        return
    out = console()
    encrypted = " (encrypted)" if rows.setting(ENCRYPTED) else ""
    out.print(Text(f"Folder: {folder}{encrypted}"))
    out.print(Text("Shared: habits (with their ladders), every day's entries, check-ins, "
                   "micro-steps and weekly reviews."))
    for device in devices(store):
        who = "this device" if device.this else "device"
        out.print(Text(f"  {who}: {device.name} — last synced {device.last_sync}"))
    if rows.pending():
        out.print(Text("Changes made here since the last sync wait for the next one."))
