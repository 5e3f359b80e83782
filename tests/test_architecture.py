"""The package's shape: imports point inward only, no module circle, each third-party library in its layer."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reimpact_xl"

# Inner to outer; a module may import its own layer and those before it, never one after it.
LAYERS = [
    {"schema", "style", "texts"},  # style: the palette, pure data; texts: the language catalogues (stdlib)
    {"plan"},
    {"atomic", "cfb", "resources", "runtime", "safetext", "workers"},
    {"read", "workbook", "validation"},
    {"region"},
    {"outputs"},
    {"excel"},
    {"cli", "__init__"},
]
# Third-party libraries that belong to one place (module path prefix below reimpact_xl).
OWNERS = {"xlwings": ("excel.xl",), "pandera": ("validation.",), "jinja2": ("outputs.",), "click": ("cli",)}


def module_name(path: Path) -> str:
    """'region.model' for src/reimpact_xl/region/model.py; a package's __init__ is the package."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> list[tuple[str, int, bool]]:
    """(imported name below reimpact_xl or 'ext:<top>', line, only for type checking) of every import,
    also those inside functions."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                   for n in ast.walk(node)}
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = []
    for node in ast.walk(tree):
        guarded = id(node) in typing_only
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                inner = alias.name.removeprefix("reimpact_xl.") if top == "reimpact_xl" else f"ext:{top}"
                found.append((inner, node.lineno, guarded))
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                top = (node.module or "").split(".")[0]
                if top != "reimpact_xl":
                    found.append((f"ext:{top}", node.lineno, guarded))
                    continue
                base = (node.module or "").split(".")[1:]
            else:
                base = package[: len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            for alias in node.names:
                target = ".".join([*base, alias.name])
                found.append((target if target in MODULES else ".".join(base), node.lineno, guarded))
    return found


def layer(name: str) -> int:
    top = name.split(".")[0]
    return next(i for i, members in enumerate(LAYERS) if top in members)


def test_every_module_has_a_layer() -> None:
    assert [m for m in MODULES if not any(m.split(".")[0] in g for g in LAYERS)] == []


def test_imports_point_inward_only() -> None:
    upward = [f"{name}:{line} imports {target}" for name in MODULES for target, line, _ in imports(name)
              if not target.startswith("ext:") and target in MODULES and layer(target) > layer(name)]
    assert upward == []


def test_no_module_circle() -> None:
    """Imports at run time (module level or in a function) form no circle; annotations under
    TYPE_CHECKING are not run and may name a module that imports this one."""
    graph = {name: {t for t, _, guarded in imports(name) if t in MODULES and t != name and not guarded}
             for name in MODULES}
    cycles = _cycles(graph)
    assert cycles == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_each_library_stays_in_its_layer(library: str) -> None:
    owners = OWNERS[library]
    outside = [f"{name}:{line}" for name in MODULES for target, line, _ in imports(name)
               if target == f"ext:{library}" and not any(name == o or name.startswith(o) for o in owners)]
    assert outside == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_import_of_the_package_names_a_module_of_it() -> None:
    """Also the imports inside functions, which importing the modules does not run."""
    packages = {m for m, p in MODULES.items() if p.name == "__init__.py"}
    missing = [f"{name}:{line} {target}" for name in MODULES for target, line, _ in imports(name)
               if not target.startswith("ext:") and target and target not in MODULES and target not in packages]
    assert missing == []
