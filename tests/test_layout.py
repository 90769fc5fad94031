"""The floor plan holds: no import cycles, no oversized modules, `matching/` stays a library,
and the running app never imports the demo."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("jobfair", "matching")
# Data written as code: catalogues and tables, not logic.
DATA_MODULES = {"jobfair/demo/catalog.py"}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path) -> set[str]:
    """Every module a file imports, at any depth (an import inside a function still counts)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = set()
    for node in _walk_runtime(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _walk_runtime(node):
    """ast.walk, leaving out `if TYPE_CHECKING:` blocks (imports for type hints only)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            continue
        yield child
        yield from _walk_runtime(child)


def import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    graph = {}
    for name, path in files.items():
        targets = set()
        for imported in imported_names(path):
            while imported and imported not in files:
                imported = imported.rpartition(".")[0]
            # A module may use its own package (its __init__); that is not a cycle.
            if imported and imported != name and not name.startswith(imported + "."):
                targets.add(imported)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_through_others():
    assert cycles(import_graph()) == []


def area(module: str) -> str:
    """The part of the floor plan a module belongs to: `matching`, or jobfair's first level
    (a package such as `jobfair.employers`, or a top-level module such as `jobfair.ranking`)."""
    parts = module.split(".")
    return parts[0] if parts[0] != "jobfair" else ".".join(parts[:2])


def area_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    areas: dict[str, set[str]] = {}
    for module, targets in graph.items():
        here = area(module)
        areas.setdefault(here, set()).update(t for t in map(area, targets) if t != here)
    return areas


# Package-level arrows that may stay, each with the reason; empty today.
ALLOWED_AREA_CYCLES: list[list[str]] = []


def test_the_area_graph_folds_modules_into_their_packages():
    graph = {"jobfair.a.x": {"jobfair.b.y"}, "jobfair.b.y": {"jobfair.a"}, "matching.m": set()}
    assert cycles(area_graph(graph)) == [["jobfair.a", "jobfair.b"]]
    assert area_graph({"jobfair.a.x": {"jobfair.a.z"}}) == {"jobfair.a": set()}


def test_no_two_packages_import_each_other():
    """Modules of one package may lean on each other; packages form a ladder (auth's
    kernel, messages, uploads and signals below the areas that use them)."""
    assert cycles(area_graph(import_graph())) == ALLOWED_AREA_CYCLES


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_over_400_lines_except_data(package):
    big = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / package).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert {p: n for p, n in big.items() if p not in DATA_MODULES} == {}


def test_matching_imports_neither_flask_nor_the_app():
    for path in (ROOT / "matching").rglob("*.py"):
        roots = {name.split(".")[0] for name in imported_names(path)}
        assert not roots & {"flask", "jobfair"}, path


def test_the_running_app_never_imports_the_demo():
    graph = import_graph()
    # `flask seed-demo` (jobfair.cli) loads it when asked; nothing else may.
    users = {
        m for m, targets in graph.items() if any(t.startswith("jobfair.demo") for t in targets)
    }
    assert {m for m in users if not m.startswith("jobfair.demo")} == {"jobfair.cli"}


def test_make_test_lints_before_it_tests():
    """CI runs `make test` (.ci/run): ruff must pass on the whole tree before the suite runs."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    plan = subprocess.run(
        ["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    steps = [line for line in plan if "ruff" in line or "pytest" in line]
    assert steps[:2] == [".venv/bin/ruff check .", ".venv/bin/ruff format --check ."]
    assert any("pytest" in step for step in steps[2:])


def test_the_tree_passes_the_linter():
    ruff = Path(sys.executable).with_name("ruff")
    for command in (["check", "."], ["format", "--check", "."]):
        done = subprocess.run([str(ruff), *command], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_layout_description_names_every_module():
    """docs/layout.md has a section per folder (`jobfair/employers/`) naming each of its files."""
    text = (ROOT / "docs" / "layout.md").read_text(encoding="utf-8")
    sections, current = {}, None
    for line in text.splitlines():
        if line.startswith("#"):
            found = [part for part in line.split("`")[1::2] if part.endswith("/")]
            current = found[0].rstrip("/") if found else None
            sections.setdefault(current, "")
        elif current:
            sections[current] += line + "\n"
    missing = [
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if f"`{path.name}`" not in sections.get(str(path.parent.relative_to(ROOT)), "")
    ]
    assert missing == []
