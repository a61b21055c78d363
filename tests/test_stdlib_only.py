"""checks/ imports only the standard library (it runs under Pyodide with no other packages).

The one exception: `yaml` may be imported inside a function body (CPython-only file loading),
never at module level.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

CHECKS = Path(__file__).resolve().parent.parent / "checks"
ALLOWED = set(sys.stdlib_module_names) | {"checks"}
ALLOWED_IN_FUNCTIONS = {"yaml"}
MODULES = sorted(CHECKS.rglob("*.py"))


def imports(tree: ast.AST) -> list[tuple[str, int, bool]]:
    """(top-level module, line, inside a function) for every import in a module."""
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import):
                found.extend((alias.name.split(".")[0], child.lineno, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                module = "checks" if child.level else (child.module or "").split(".")[0]
                found.append((module, child.lineno, in_function))
            elif isinstance(child, ast.Call) and _called_name(child.func) in ("__import__", "import_module"):
                first = child.args[0] if child.args else None
                named = isinstance(first, ast.Constant) and isinstance(first.value, str)
                module = first.value.split(".")[0] if named else "<computed name>"
                found.append((module, child.lineno, in_function))
            visit(child, inside)

    visit(tree, False)
    return found


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def bad_imports(source: str, name: str = "<test>") -> list[str]:
    problems = []
    for module, line, in_function in imports(ast.parse(source, name)):
        if module in ALLOWED or (in_function and module in ALLOWED_IN_FUNCTIONS):
            continue
        where = "inside a function" if in_function else "outside a function"
        problems.append(f"{name}:{line}: imports {module!r} {where}")
    return problems


def test_there_are_modules():
    assert len(MODULES) > 5


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(CHECKS)) for p in MODULES])
def test_imports_only_the_standard_library(path):
    assert bad_imports(path.read_text(encoding="utf-8"), str(path.relative_to(CHECKS.parent))) == []


def test_the_checker_catches_what_it_should():
    source = "\n".join(
        [
            "import json, requests.adapters",
            "from yaml import safe_load",
            "from . import model",
            "from checks.model import SCALES",
            "import numpy as np",
            "try:",
            "    import lxml",
            "except ImportError:",
            "    pass",
            "def load():",
            "    import yaml",
            "    import pandas",
            "    return yaml",
            "class Reader:",
            "    import yaml",
            "    def read(self):",
            "        from yaml import safe_load",
            "f = lambda: __import__('os')",
            "g = lambda: importlib.import_module('attr.validators')",
            "h = __import__(name)",
        ]
    )
    assert bad_imports(source, "x.py") == [
        "x.py:1: imports 'requests' outside a function",
        "x.py:2: imports 'yaml' outside a function",
        "x.py:5: imports 'numpy' outside a function",
        "x.py:7: imports 'lxml' outside a function",
        "x.py:12: imports 'pandas' inside a function",
        "x.py:15: imports 'yaml' outside a function",
        "x.py:19: imports 'attr' inside a function",
        "x.py:20: imports '<computed name>' outside a function",
    ]
