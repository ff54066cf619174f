"""``tracker sync``: the same history on every device, through a folder they all sync."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.text import Text

from tracker.cli.common import console, db_option, open_store, say
from tracker.domain.text import printable

if TYPE_CHECKING:
    from tracker.store import Store

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
@click.option("--forget", "forget", metavar="NAME", default=None,
              help="Take a retired device out of the folder (its files; its history "
              "stays on every device).")
@db_option
@click.pass_context
def sync_command(ctx: click.Context, folder: Path | None, name: str | None, status: bool,
                 encrypt: bool, forget: str | None) -> None:
    """Sync this database with the other devices through a folder."""
    from tracker.sync.device import ENCRYPTED
    from tracker.sync.run import sync

    store = open_store(ctx)
    passphrase = os.environ.get(PASSPHRASE) or None
    if status:
        show_status(store, passphrase)
        return
    if forget is not None:
        forget_device(store, forget, passphrase)
        return
    encrypted = store.sync.setting(ENCRYPTED) is not None
    if (encrypt or encrypted) and not passphrase:
        if not sys.stdin.isatty():
            raise click.ClickException(f"the sync is encrypted: set {PASSPHRASE} to sync "
                                       "without a terminal")
        passphrase = click.prompt("Sync passphrase", hide_input=True,
                                  confirmation_prompt=not encrypted) or None
    report = sync(store, folder, name, passphrase)
    for problem in report.problems:
        click.echo(f"warning: {printable(problem)}", err=True)
    say(report.summary())


def forget_device(store: Store, name: str, passphrase: str | None) -> None:
    """``tracker sync --forget NAME``: a sync first, so that whatever that device wrote
    last is merged before its files leave the folder."""
    from tracker.sync.device import forget
    from tracker.sync.run import sync

    for problem in sync(store, passphrase=passphrase).problems:
        click.echo(f"warning: {printable(problem)}", err=True)
    device, left = forget(store, name, passphrase)
    say(f"Forgot {printable(device.name)}: its files left the folder; what it synced stays "
        "on every device.")
    if left:
        say(f"Left in its folder, not tracker's: {printable(', '.join(left))}")


def show_status(store: Store, passphrase: str | None) -> None:
    """``tracker sync --status``."""
    from tracker.sync.device import ENCRYPTED, FOLDER, devices

    rows = store.sync
    folder = rows.setting(FOLDER)
    if folder is None:
        say("Not syncing yet: tracker sync --folder PATH sets a folder that your devices "
            "already sync (Syncthing, Dropbox, Nextcloud, git).")
        return
    out = console()
    encrypted = rows.setting(ENCRYPTED) is not None
    out.print(Text(f"Folder: {printable(folder)}{' (encrypted)' if encrypted else ''}"))
    if not Path(folder).is_dir():
        out.print(Text("The folder is not there (moved, or not mounted?): tracker sync "
                       "--folder PATH sets where it is now."))
    out.print(Text("Shared: habits (with their ladders), every day's entries, check-ins, "
                   "micro-steps and weekly reviews."))
    found = devices(store, passphrase)
    for device in found:
        who = "this device" if device.this else "device"
        clear = " — writes its files unencrypted" if device.in_clear else ""
        out.print(Text(f"  {who}: {printable(device.name)} — last synced "
                       f"{printable(device.last_sync)}{clear}"))
    if any(d.in_clear for d in found):
        out.print(Text("A device writes in clear, and this sync is encrypted: its files are "
                       "not taken until it syncs with --encrypt and the same passphrase."))
    if rows.pending():
        out.print(Text("Changes made here since the last sync wait for the next one."))
