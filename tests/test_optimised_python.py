"""The browser runs `checks` as Python optimised with -OO (sitebuild/snapshot-python.mjs,
compile-python.mjs, rm-worker.js): asserts are dropped and docstrings are None there. So the package
may use neither for its work, or the browser would behave unlike the command line and the tests."""

from __future__ import annotations

import ast
from pathlib import Path

CHECKS = Path(__file__).resolve().parents[1] / "checks"


def uses_of_what_optimised_python_drops(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assert):
            found.append(f"line {node.lineno}: assert")
        elif getattr(node, "attr", None) == "__doc__" or getattr(node, "id", None) == "__doc__":
            found.append(f"line {node.lineno}: __doc__")
    return found


def test_the_checks_package_uses_no_assert_and_no_docstring():
    found = {
        path.relative_to(CHECKS.parent).as_posix(): uses
        for path in sorted(CHECKS.rglob("*.py"))
        if (uses := uses_of_what_optimised_python_drops(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_finder_sees_both():
    assert uses_of_what_optimised_python_drops("assert x\nprint(f.__doc__)\n") == ["line 1: assert", "line 2: __doc__"]
