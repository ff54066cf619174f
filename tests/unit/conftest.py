"""Fixtures of the unit tests: the sync tests' devices on one folder."""

from tests.unit.sync_helpers import devices, folder

__all__ = ["devices", "folder"]
