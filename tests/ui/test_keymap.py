"""Remapping keys cannot fail silently: unknown ids, keys shared by two actions of one
screen and TOML mistakes are one clear message at start; help shows the keys as remapped."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.safety.test_files import in_terminal
from tracker.files.config import Config, ConfigError, load_config
from tracker.store import Store
from tracker.ui.keymap import binding_ids, check_keymap
from tracker.ui.widgets.key_bar import describe_keys


@pytest.mark.parametrize(("keys", "message"), [
    ({"mark_don": "x"}, "no binding named 'mark_don'. Did you mean mark_done"),
    ({"mark_done": "m"}, "'m' to both mark_done and mark_minimum on the Today screen"),
    ({"week.accept": "n"}, "'n' to both week.accept and week.decline on the Week review"),
    ({"habits.add": "e"}, "'e' to both habits.add and habits.edit on the Habits screen"),
    ({"mark_rest": " , "}, "has no key"),
])
def test_keymap_problems_are_named(keys: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        check_keymap(keys)


def test_the_readme_lists_every_binding_id_and_no_other() -> None:
    """README.md's "Binding ids:" paragraph names exactly the ids [keys] can remap."""
    import re

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("Binding ids:")
    paragraph = readme[start:readme.index("\n\n", start)]
    listed = set(re.findall(r"`([a-z_]+(?:\.[a-z_]+)?)`", paragraph))
    assert listed == binding_ids()


def test_a_good_keymap_passes_and_swaps_are_fine() -> None:
    check_keymap({"mark_done": "space,d", "mark_minimum": "f", "mark_full": "m",
                  "habits.add": "plus"})


def test_unquoted_keys_in_toml_get_a_hint(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[keys]\nmark_done = d\n")
    with pytest.raises(ConfigError, match="line 2.*keys are quoted text"):
        load_config(config)


def test_help_names_keys_as_people_type_them() -> None:
    assert describe_keys("plus") == "+"
    assert describe_keys("left,left_square_bracket") == "← / ["
    assert describe_keys("space,d") == "space / d"


def test_plain_tracker_with_a_bad_keymap_says_so_at_start(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\nmark_done = "m"\n')
    result = in_terminal([sys.executable, "-m", "tracker"], TRACKER_CONFIG=str(config),
                         TRACKER_DB=str(tmp_path / "t.db"))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "mark_minimum" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_the_key_bar_always_shows_help_and_quit(store: Store, width: int) -> None:
    from datetime import timedelta

    from tests.conftest import TODAY
    from tracker.ui.app import make_app
    from tracker.ui.widgets.key_bar import KeyBar

    store.habits.add("Read", "one page", created=TODAY - timedelta(days=3))
    config = Config(checkin_on_start=False, keys={"help": "f1", "mark_done": "space,d"})
    app = make_app(store, today=TODAY, config=config)
    async with app.run_test(size=(width, 30)) as pilot:
        for keys in ([], ["h"], ["escape", "w"], ["escape", "enter"]):
            await pilot.press(*keys)
            await pilot.pause()
            bar = str(pilot.app.screen.query_one(KeyBar).render()).rstrip()
            assert bar.endswith("f1 Help  q Quit  ^p palette"), (keys, bar)
            assert len(bar) <= width and "…" not in bar
            if not keys:  # a remapped key keeps its place: it does not drop off first
                assert bar.startswith(" space Done/undo  m Min"), bar


async def test_the_theme_picked_is_remembered_until_the_config_changes(store: Store,
                                                                      isolated_home: Path) -> None:
    from tests.conftest import TODAY
    from tracker.ui.app import make_app

    def app(theme: str = ""):
        config = Config(checkin_on_start=False, theme=theme)
        return make_app(store, today=TODAY, config=config, remember_theme=True)

    async with app().run_test() as pilot:
        await pilot.pause()
        pilot.app.theme = "nord"  # what ctrl+p → Theme does
        await pilot.pause()
    kept = isolated_home / "state" / "tracker" / "theme"
    assert kept.read_text() == "nord\n\n" and (kept.stat().st_mode & 0o077) == 0
    async with app().run_test() as pilot:
        assert pilot.app.theme == "nord"
    async with app("gruvbox").run_test() as pilot:  # config.toml edited since: it wins
        assert pilot.app.theme == "gruvbox"
    async with make_app(store, today=TODAY, config=Config(checkin_on_start=False)).run_test(
            ) as pilot:  # tests and screenshots never read it
        assert pilot.app.theme != "nord"
