"""No import circles inside lintnews: each module can be read knowing only those below it."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"lintnews": ROOT / "lintnews", "lintnews.rules": ROOT / "rules"}


def modules() -> dict[str, Path]:
    found = {}
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            parts = path.relative_to(folder).with_suffix("").parts
            name = ".".join((package, *parts)).removesuffix(".__init__")
            found[name] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The lintnews modules `path` imports, at the top, inside functions or for type checking."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join([*package.split(".")[:len(package.split(".")) - node.level + 1], node.module or ""]
                            ).strip(".") if node.level else node.module
            out.add(base)
            out.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in out if m in known and m != name}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of `graph` as the modules around it, or None."""
    state: dict[str, int] = {}         # 1 on the current path, 2 done
    path: list[str] = []

    def visit(module):
        state[module] = 1
        path.append(module)
        for other in sorted(graph[module]):
            if state.get(other) == 1:
                return path[path.index(other):] + [other]
            if other not in state and (cycle := visit(other)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def test_no_module_of_lintnews_imports_itself_round_a_circle():
    found = modules()
    graph = {name: imports(name, path, set(found)) for name, path in found.items()}
    assert "lintnews.hookspecs" in graph["lintnews.reporting.plugin"]      # (imports are seen)
    assert "lintnews.reporting.base" in graph["lintnews.hookspecs"]         # (type-checking ones too)
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph))


def test_the_check_finds_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
