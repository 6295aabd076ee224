"""The floors of the house (docs/architecture.md): a module imports from its own floor or below, never above."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ["core", "registry", "assets", "foi", "publication"]  # ground first; config sits above them all


def imported_apps(path: Path) -> set[str]:
    """The top-level packages a module imports, wherever the import stands (a function body included)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def modules_of(app: str) -> list[Path]:
    return [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]


@pytest.mark.parametrize("app", FLOORS)
def test_no_import_runs_back_up(app):
    above = set(FLOORS[FLOORS.index(app) + 1 :]) | {"config"}
    upward = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & above)
        for path in modules_of(app)
        if imported_apps(path) & above
    }
    assert upward == {}


def test_the_check_sees_an_upward_import(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from assets.models import Camera\n    import foi.services\n")
    assert imported_apps(module) == {"assets", "foi"}
