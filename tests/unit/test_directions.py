"""Directions as groups: the order, one direction however it is written, none last."""

from __future__ import annotations

from tracker.domain.directions import NO_DIRECTION, grouped, heading, matches


def test_groups_come_in_the_order_of_their_first_habit_none_last() -> None:
    items = [("Tidy", ""), ("Walk", "health"), ("Read", "mind"), ("Swim", " Health  "),
             ("Nap", "   "), ("Draw", "craft:  art")]
    groups = grouped(items, lambda item: item[1])
    assert [(d, [n for n, _ in rows]) for d, rows in groups] == [
        ("health", ["Walk", "Swim"]), ("mind", ["Read"]), ("craft: art", ["Draw"]),
        ("", ["Tidy", "Nap"])]
    assert heading("") == NO_DIRECTION and heading("mind") == "mind"
    assert grouped([], lambda item: "") == []


def test_a_direction_matches_case_and_spaces_aside() -> None:
    assert matches("Health", " health ") and matches("craft:  art", "CRAFT: art")
    assert not matches("health", "heal") and matches("", "  ") and not matches("mind", "")
