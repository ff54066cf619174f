"""Making text that people typed safe to show: literal, one line, no raw control codes."""

from __future__ import annotations

_BIDI_AND_SEPARATORS = (0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F),
                        *range(0x2066, 0x206A))
"""Bidirectional controls (they reorder what follows them on the line, e.g. U+202E) and
the Unicode line and paragraph separators: never passed to a terminal raw."""
_CONTROLS = (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *_BIDI_AND_SEPARATORS)
"""Every code shown as a picture: C0 (but tab and newline), DEL, C1, and the above."""


def _picture(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 control pictures: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"
    if code in (0x2028, 0x2029):
        return "\u2424"  # ␤, the symbol for a newline
    return "\ufffd"


_PICTURES = {code: _picture(code) for code in _CONTROLS}
_ONE_LINE = {**_PICTURES, 0x09: " ", 0x0A: " ", 0x0D: " "}
"""Tables for ``str.translate`` (no regular expressions: ``tracker status`` loads this
module, and ``re`` is a fifth of its start)."""


def printable(text: str, *, single_line: bool = True) -> str:
    """Replace control characters (ESC, BEL, C1 codes …) with visible symbols.

    With ``single_line`` (the default) newlines and tabs become spaces, so a
    note can sit in a table cell; otherwise newlines are kept.
    """
    if text.isprintable():  # the usual name or note: nothing to replace
        return text
    if single_line:
        return text.replace("\r\n", " ").translate(_ONE_LINE)
    return text.replace("\r\n", "\n").replace("\t", "    ").translate(_PICTURES)


_ESCAPED = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *_BIDI_AND_SEPARATORS)}


def json_text(document: object) -> str:
    """JSON for people and files: UTF-8 kept readable, every control character escaped.

    ``ensure_ascii=False`` escapes C0 controls but leaves DEL and the C1 range raw,
    and U+009B is a terminal's CSI: those get ``\\u`` escapes too (valid JSON, and
    only ever inside strings), as do bidirectional controls and line separators.
    """
    import json

    return json.dumps(document, ensure_ascii=False, indent=1).translate(_ESCAPED)


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
