"""Records made without typing behave as typing.NamedTuple's."""

from __future__ import annotations

import pickle
import typing
from datetime import date

import pytest

from tracker.domain.models import Habit, Schedule
from tracker.domain.records import NamedTuple


class Ours(NamedTuple):
    """A record of ours."""

    name: str
    day: date | None = None
    """What a field's docstring says is not a field."""
    times: int = 0

    @property
    def shout(self) -> str:
        return self.name.upper()

    @classmethod
    def empty(cls) -> Ours:
        return cls("")

    def plus(self, n: int) -> Ours:
        return self._replace(times=self.times + n)


class Typings(typing.NamedTuple):
    """A record of ours."""

    name: str
    day: date | None = None
    times: int = 0


def test_fields_defaults_and_methods_as_typing_makes_them() -> None:
    ours, theirs = Ours("walk"), Typings("walk")
    assert Ours._fields == Typings._fields == ("name", "day", "times")
    assert Ours._field_defaults == Typings._field_defaults == {"day": None, "times": 0}
    assert typing.get_type_hints(Ours) == typing.get_type_hints(Typings)
    assert Ours.__doc__ == Typings.__doc__ == "A record of ours."
    assert repr(ours) == repr(theirs).replace("Typings", "Ours")
    assert tuple(ours) == tuple(theirs) and ours == theirs  # tuples, equal as tuples
    assert ours.shout == "WALK" and Ours.empty() == Ours("") and ours.plus(2).times == 2
    assert ours._asdict() == theirs._asdict() and Ours._make(["a", None, 1]).times == 1
    assert Ours.__module__ == __name__ and Ours.__qualname__ == "Ours"
    assert issubclass(Ours, tuple) and hash(ours) == hash(theirs)
    with pytest.raises(AttributeError):
        ours.name = "run"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Ours()  # type: ignore[call-arg]
    a_habit = Habit(1, "Walk", "a step", schedule=Schedule.times_in_days(2, 10))
    assert pickle.loads(pickle.dumps(a_habit)) == a_habit


def test_the_mistakes_typing_refuses_are_refused() -> None:
    with pytest.raises(TypeError, match="cannot follow"):
        class Misordered(NamedTuple):
            day: date | None = None
            name: str  # type: ignore[misc]
    with pytest.raises(AttributeError, match="_replace"):
        class Overwriting(NamedTuple):
            name: str

            def _replace(self, **changes: object) -> Overwriting:  # type: ignore[misc]
                return self
