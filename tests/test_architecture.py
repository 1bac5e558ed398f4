"""Apps are layers and imports point only down (docs/architecture.md holds the table this test reads)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTAL = ROOT / "portal"
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def layer_table() -> dict[str, int]:
    """app -> layer, from the markdown table in docs/architecture.md."""
    layers = {}
    for number, apps in re.findall(r"^\| (\d+) \| ([a-z_, ]+) \|", ARCHITECTURE.read_text(), flags=re.MULTILINE):
        for app in apps.split(","):
            layers[app.strip()] = int(number)
    return layers


def apps() -> set[str]:
    return {path.parent.name for path in PORTAL.glob("*/__init__.py")}


def is_exempt(path: Path) -> bool:
    parts = path.relative_to(PORTAL).parts
    return len(parts) < 2 or "tests" in parts or path.name == "conftest.py"


def imported_modules(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """(line, absolute dotted module) of every import in the file, at any depth (function bodies too)."""
    package = ".".join(("portal", *path.relative_to(PORTAL).parts[:-1]))
    found = []
    tree = ast.parse(path.read_text() if source is None else source, filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # ``from portal import finances`` names the app in the alias, not the module.
            if module == "portal":
                found += [(node.lineno, f"portal.{alias.name}") for alias in node.names]
    return found


def app_edges() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) -> where, over every checked module of portal/."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in sorted(PORTAL.rglob("*.py")):
        if is_exempt(path):
            continue
        app = path.relative_to(PORTAL).parts[0]
        for line, module in imported_modules(path):
            parts = module.split(".")
            if parts[0] == "portal" and len(parts) > 1 and parts[1] != app and parts[1] in apps():
                edges.setdefault((app, parts[1]), []).append(f"{path.relative_to(ROOT)}:{line}")
    return edges


def test_every_app_has_a_layer():
    assert apps() - set(layer_table()) == set(), "add the app to the layer table in docs/architecture.md"
    assert set(layer_table()) - apps() == set(), "the layer table names an app that does not exist"


def test_imports_point_only_down():
    layers = layer_table()
    upward = [
        f"{where}: {low} (layer {layers[low]}) imports {high} (layer {layers[high]})"
        for (low, high), places in app_edges().items()
        if layers[high] >= layers[low]
        for where in places
    ]
    assert upward == []


def test_no_import_cycle_between_apps():
    graph: dict[str, set[str]] = {}
    for low, high in app_edges():
        graph.setdefault(low, set()).add(high)
    visiting, done, cycles = [], set(), []

    def visit(app):
        if app in visiting:
            cycles.append(visiting[visiting.index(app) :] + [app])
            return
        if app in done:
            return
        visiting.append(app)
        for target in sorted(graph.get(app, ())):
            visit(target)
        visiting.pop()
        done.add(app)

    for app in sorted(graph):
        visit(app)
    assert cycles == []


def test_core_imports_nothing_of_the_portal():
    assert [pair for pair in app_edges() if pair[0] == "core"] == []


def test_no_import_by_string_name():
    """``import_module("portal.x")`` or ``__import__`` would hide a dependency (and its errors) from this check."""
    found = []
    for path in sorted(PORTAL.rglob("*.py")):
        if is_exempt(path):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in {"import_module", "__import__"}:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_the_check_sees_function_level_and_relative_imports():
    source = (
        "def f():\n    from portal.desk.models import Requirement\n\nfrom .. import finances\nfrom . import money\n"
    )
    modules = [module for _line, module in imported_modules(PORTAL / "core" / "charts.py", source)]
    assert set(modules) == {"portal", "portal.finances", "portal.core", "portal.desk.models"}
