"""Making typed text safe to show."""

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.text import clean_name, json_text, printable, shorten


def test_escape_sequences_become_visible_symbols() -> None:
    assert printable("\x1b[31mred\x07") == "␛[31mred␇"
    assert printable("\x1b]52;c;aGk=\x07") == "␛]52;c;aGk=␇"
    assert printable("a\x9bb") == "a\ufffdb"
    assert printable("a\x7f") == "a␡"


def test_bidirectional_controls_and_line_separators_become_visible() -> None:
    assert printable("abc\u202edef") == "abc\ufffddef"
    assert printable("a\u2066b\u2069c\u200fd") == "a\ufffdb\ufffdc\ufffdd"
    assert printable("one\u2028two\u2029three") == "one␤two␤three"
    assert json_text("a\u202eb\u2028") == '"a\\u202eb\\u2028"'


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
    assert not any(c in shown for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"
                   "\u2069\u200e\u200f\u061c\u2028\u2029")


def test_shorten_and_clean_name() -> None:
    assert shorten("abcdef", 4) == "abc…"
    assert shorten("abc", 4) == "abc"
    assert shorten("abc", 0) == ""
    assert clean_name("  Read\n more  ") == "Read more"
