"""Making typed text safe to show."""

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.text import clean_name, printable, shorten


def test_escape_sequences_become_visible_symbols() -> None:
    assert printable("\x1b[31mred\x07") == "␛[31mred␇"
    assert printable("\x1b]52;c;aGk=\x07") == "␛]52;c;aGk=␇"
    assert printable("a\x9bb") == "a\ufffdb"
    assert printable("a\x7f") == "a␡"


def test_markup_emoji_and_wide_text_are_kept() -> None:
    for text in ("[bold]x[/]", "🌱 grow", "読書", "a\u200db"):
        assert printable(text) == text


def test_newlines_fold_to_spaces_unless_kept() -> None:
    assert printable("a\nb\r\nc\td") == "a b c d"
    assert printable("a\nb\r\nc", single_line=False) == "a\nb\nc"


@given(st.text())
def test_printable_never_lets_a_control_character_through(text: str) -> None:
    shown = printable(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)


def test_shorten_and_clean_name() -> None:
    assert shorten("abcdef", 4) == "abc…"
    assert shorten("abc", 4) == "abc"
    assert shorten("abc", 0) == ""
    assert clean_name("  Read\n more  ") == "Read more"
