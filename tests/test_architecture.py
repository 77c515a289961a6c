"""The dependency rules of docs/architecture.md, read from the code's own import statements.

`tts` and `feeds` never import `talkingpaper` nor each other; `tts/text` imports no audio
code; no import cycle anywhere (imports inside functions count: they run too).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("talkingpaper", "tts", "feeds")
# Audio code and audio libraries: the text front end must run without any of them.
AUDIO = ("tts.engines", "tts.episode", "tts.tags", "tts.voices", "pydub", "pyttsx3", "mutagen")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, absolute names, at any depth of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            found.add(stem)
            found.update(f"{stem}.{alias.name}" for alias in node.names)
    return found


MODULES = {_module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}
IMPORTS = {name: _imports(path) for name, path in MODULES.items()}


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, imports in IMPORTS.items():
        targets = set()
        for imported in imports:
            # `from tts.text.read import fetch` names a module; `from tts.text.read.fetch import X`
            # a name in one
            target = imported if imported in MODULES else imported.rsplit(".", 1)[0]
            if target in MODULES and target != name:
                targets.add(target)
        graph[name] = targets
    return graph


GRAPH = _graph()


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("tts", ("talkingpaper", "feeds")),
        ("feeds", ("talkingpaper", "tts")),
        ("tts.text", AUDIO),
    ],
)
def test_packages_import_only_what_the_design_allows(
    package: str, forbidden: tuple[str, ...]
) -> None:
    wrong = {
        (module, imported)
        for module, imports in IMPORTS.items()
        if module == package or module.startswith(package + ".")
        for imported in imports
        if any(imported == f or imported.startswith(f + ".") for f in forbidden)
    }
    assert not wrong, sorted(wrong)


def test_no_import_cycle() -> None:
    """Depth-first search over the module graph; a back edge is a cycle."""
    state: dict[str, int] = {}  # 1 on the path, 2 done
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, cycles


def test_the_graph_sees_the_imports_it_checks() -> None:
    """The checker itself: it must see the application use the text pipeline, and the
    reader use the network module."""
    app = {t for m, targets in GRAPH.items() if m.startswith("talkingpaper") for t in targets}
    assert "tts.text.pipeline" in app
    assert "tts.text.read.fetch" in GRAPH["tts.text.read.article"]
