"""Making text that people typed safe to show: literal, one line, no raw control codes."""

from __future__ import annotations

import re

_BIDI_AND_SEPARATORS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
"""Bidirectional controls (they reorder what follows them on the line, e.g. U+202E) and
the Unicode line and paragraph separators: never passed to a terminal raw."""
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI_AND_SEPARATORS}]")
_NEWLINES = re.compile(r"\r\n|\r|\n|\t")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 control pictures: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"
    if code in (0x2028, 0x2029):
        return "\u2424"  # ␤, the symbol for a newline
    return "\ufffd"


def printable(text: str, *, single_line: bool = True) -> str:
    """Replace control characters (ESC, BEL, C1 codes …) with visible symbols.

    With ``single_line`` (the default) newlines and tabs become spaces, so a
    note can sit in a table cell; otherwise newlines are kept.
    """
    if single_line:
        text = _NEWLINES.sub(" ", text)
    else:
        text = text.replace("\r\n", "\n").replace("\t", "    ")
    return _CONTROL.sub(_picture, text)


_C1_AND_DEL = re.compile(f"[\\x7f-\\x9f{_BIDI_AND_SEPARATORS}]")


def json_text(document: object) -> str:
    """JSON for people and files: UTF-8 kept readable, every control character escaped.

    ``ensure_ascii=False`` escapes C0 controls but leaves DEL and the C1 range raw,
    and U+009B is a terminal's CSI: those get ``\\u`` escapes too (valid JSON, and
    only ever inside strings), as do bidirectional controls and line separators.
    """
    import json

    text = json.dumps(document, ensure_ascii=False, indent=1)
    return _C1_AND_DEL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def quoted(name: str) -> str:
    """A name in a message, as typed (emoji and joiners kept) but with its escape
    sequences visible: ``“🏃 Run”``."""
    return f"“{printable(name)}”"


def shorten(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` characters, ending with an ellipsis."""
    if width <= 0:
        return ""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + "…"


def clean_name(text: str) -> str:
    """A name as stored: surrounding spaces trimmed, inner newlines collapsed."""
    return " ".join(text.split())


def with_history(name: str, days: int, since: object) -> str:
    """A habit and what deleting it loses: ``“Read” and its 3 recorded days since
    2026-03-01``, or ``“Read” (no recorded days)``."""
    if not days:
        return f"{quoted(name)} (no recorded days)"
    return f"{quoted(name)} and {history_words(days, since)}"


def history_words(days: int, since: object) -> str:
    """What a habit's history is, in words: ``its 3 recorded days since 2026-03-01``."""
    if not days:
        return "no recorded days"
    return f"its {days:,} recorded day{'s' if days != 1 else ''} since {since}"
