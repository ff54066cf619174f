"""What the CSV importers of other apps share: a bounded read of a text file (a BOM
dropped), its rows, and days written the ways phones write them."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from tracker.domain import checks
from tracker.io.source import ImportFailed, read_bounded, shown

SLASHED = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})\.?")


def csv_lines(path: Path, expected: str, sniff_tabs: bool = False) -> list[list[str]]:
    """Every row of a CSV file (UTF-8, a BOM or not), or one line saying why not; with
    ``sniff_tabs``, a file whose first line has more tabs than commas is read as
    tab-separated."""
    return parse_csv(read_bounded(path, expected), shown(path), sniff_tabs)


def parse_csv(data: bytes, where: str, sniff_tabs: bool = False) -> list[list[str]]:
    """The rows of CSV bytes (UTF-8, a BOM or not); ``where`` names them in a refusal."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(f"{where}: not UTF-8 text") from None
    first = text[:text.find("\n")] if "\n" in text else text
    delimiter = "\t" if sniff_tabs and first.count("\t") > first.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFailed(f"{where}: not readable as CSV ({error})") from None


def _whole(text: str) -> int:
    return int(text) + (2000 if len(text) == 2 else 0)


def day_order(texts: list[str]) -> str:
    """How a file writes its days, told from all of them: ``iso`` (2016-03-18), ``mdy``
    (3/18/2016, the US phone's), ``dmy`` (18/03/2016, 18.03.2016) or ``ymd`` (2016/03/18).

    Slashed days are month first unless one of them cannot be (a first number above
    12); dotted ones are day first, as every locale writing dots does."""
    order = "iso"
    for text in dict.fromkeys(texts):  # each distinct day once
        match = SLASHED.fullmatch(text.strip())
        if match is None or "-" in text and len(match.group(1)) == 4:
            continue
        first, _second, _third = match.groups()
        if len(first) == 4:
            return "ymd"
        if "." in text or int(first) > 12:
            return "dmy"
        order = "mdy"
    return order


def parse_day(text: str, order: str, where: str) -> date:
    """A day in the file's order (from ``day_order``), from 1900 to 2999."""
    cleaned = text.strip()
    match = SLASHED.fullmatch(cleaned)
    try:
        if match is None:
            raise ValueError
        first, second, third = match.groups()
        if len(first) == 4 or order == "iso":
            year, month, day = int(first), int(second), int(third)
        elif order == "dmy":
            day, month, year = int(first), int(second), _whole(third)
        else:
            month, day, year = int(first), int(second), _whole(third)
        return checks.iso_day(date(year, month, day).isoformat())
    except ValueError:
        raise ImportFailed(f"{where}: {cleaned[:40]!r} is not a date") from None
