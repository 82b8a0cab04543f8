"""The structure the README describes, checked: layers that import one way
(import-linter's contract in pyproject.toml), camel-tools behind one module,
short functions, a docstring saying what each layer owns."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from newsdossier.site.pages import page_types
from tests.helpers import ROOT

PACKAGE = ROOT / "newsdossier"
LAYERS = ("models", "inputs", "language", "analysis", "site", "build", "cli")
MAX_FUNCTION_LINES = 70


def python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_import_contract_holds():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_only_one_module_names_camel_tools():
    naming = [
        p.relative_to(ROOT).as_posix()
        for p in python_files()
        if "camel_tools" in p.read_text(encoding="utf-8")
    ]
    assert naming == ["newsdossier/language/camel.py"]


def test_no_function_is_much_longer_than_a_screen():
    long = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines} lines)")
    assert long == []


@pytest.mark.parametrize("layer", LAYERS)
def test_every_layer_says_what_it_owns(layer):
    module = importlib.import_module(f"newsdossier.{layer}")
    assert module.__doc__ and len(module.__doc__.split()) >= 25, layer


def test_every_module_has_a_docstring():
    missing = [
        p.relative_to(ROOT).as_posix()
        for p in python_files()
        if p.name != "__main__.py" and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))
    ]
    assert missing == []


def test_every_page_module_is_a_page_type_with_its_template():
    modules = {p.stem for p in (PACKAGE / "site" / "pages").glob("*.py") if p.stem != "__init__"}
    types = page_types()
    assert {m.__name__.rsplit(".", 1)[-1] for m in types} == modules
    for module in types:
        assert (ROOT / "templates" / module.TEMPLATE).is_file(), module.__name__


def test_the_readme_module_table_names_every_module():
    """The README's architecture section is the map of the code: a module it
    does not name is one the next engineer cannot find."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| Module | Role |") :]
    table = table[: table.index("\n\n")]
    named = set()
    for cell in (line.split("|")[1] for line in table.splitlines()[2:]):
        named.update(
            name.strip("` ")
            for name in cell.replace(",", " ").split()
            if name.strip("` ").endswith((".py", "/*.py"))
        )
    missing = []
    for path in python_files():
        relative = path.relative_to(PACKAGE).as_posix()
        folder_glob = f"{path.parent.relative_to(PACKAGE).as_posix()}/*.py"
        if path.name == "__init__.py" and (path.parent == PACKAGE or "*/__init__.py" in named):
            continue
        if relative not in named and folder_glob not in named:
            missing.append(relative)
    assert missing == [], f"modules the README's table does not name: {missing}"
