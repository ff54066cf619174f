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


def _by_pattern(text: str, single_line: bool) -> str:
    """The rule as a regular expression: every control, DEL, C1, bidirectional control and
    line separator shown as a picture, newlines and tabs folded (or kept)."""
    import re

    if single_line:
        text = re.sub(r"\r\n|\r|\n|\t", " ", text)
    else:
        text = text.replace("\r\n", "\n").replace("\t", "    ")

    def picture(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code < 0x20:
            return chr(0x2400 + code)
        return {0x7F: "␡", 0x2028: "␤", 0x2029: "␤"}.get(code, "\ufffd")

    return re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                  "\u2066-\u2069]", picture, text)


@given(st.text(alphabet=st.sampled_from(
    "ab 🌱\u200d\u00ad\x00\x07\t\n\r\x0b\x1b\x7f\x85\x9b\x9f\u061c\u200e\u202a\u202e\u202f"
    "\u2028\u2029\u2065\u2066\u2069\u206a") | st.characters()), st.booleans())
def test_printable_follows_the_rule_for_any_text(text: str, single_line: bool) -> None:
    assert printable(text, single_line=single_line) == _by_pattern(text, single_line)
