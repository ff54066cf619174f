"""The house rules: domain and store never import textual; files stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "tracker"


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", ["domain", "store", "changes", "io", "views", "files"])
def test_lower_layers_never_import_the_ui(layer: str) -> None:
    for path in (PACKAGE / layer).rglob("*.py"):
        bad = {m for m in imported_modules(path)
               if m.split(".")[0] == "textual" or m == "tracker.ui" or m.startswith("tracker.ui.")}
        assert not bad, f"{path.name} imports {bad}"


def test_the_package_root_holds_only_entry_points() -> None:
    assert {p.name for p in PACKAGE.glob("*.py")} == {"__init__.py", "__main__.py"}
    assert not [p.name for p in PACKAGE.iterdir() if p.is_file() and p.suffix != ".py"]


def test_the_sql_contract_names_every_room_but_the_store() -> None:
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    contract, = (c for c in config["tool"]["importlinter"]["contracts"]
                 if c["name"].startswith("SQL lives only in the store"))
    rooms = {f"tracker.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert set(contract["source_modules"]) == rooms - {"tracker.store"} | {"tracker.__main__"}


def test_domain_speaks_no_sql() -> None:
    for path in (PACKAGE / "domain").rglob("*.py"):
        assert not {m for m in imported_modules(path)
                    if m in ("sqlite3", "sqlite_utils") or m.startswith("tracker.store")}


def test_no_file_grows_into_a_god_object() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert sizes["app.py"] <= 300
    assert max(sizes.values()) <= 400, sizes


def test_sql_lives_only_in_the_store() -> None:
    """No module outside tracker/store imports sqlite3 or reaches for a connection."""
    for path in PACKAGE.rglob("*.py"):
        if path.is_relative_to(PACKAGE / "store"):
            continue
        source = path.read_text(encoding="utf-8")
        assert "sqlite3" not in imported_modules(path), path.name
        for forbidden in (".conn.", ".execute(", "executemany("):
            assert forbidden not in source, f"{path.name} uses {forbidden}"
