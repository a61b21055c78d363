"""A small reader for plain data (what JSON or YAML gives) that collects every problem with its path."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from checks.errors import Problem

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
"""An id, matched with `fullmatch` (``$`` would also let a trailing newline through)."""
MISSING = object()


def describe(value: Any) -> str:
    """A short, safe description of a bad value for an error message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Reader:
    """Reads values out of nested mappings, noting each problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def mapping(self, value: Any, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict | None:
        """The value as a mapping, after checking its keys; None when it is not a mapping."""
        if not isinstance(value, dict):
            self.fail(path, f"expected a mapping, got {describe(value)}")
            return None
        allowed = (*required, *optional)
        for key in required:
            if key not in value:
                self.fail(join(path, key), "this key is required")
        for key in value:
            if key not in allowed:
                import difflib  # only when a key is wrong: a costly import in the browser

                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else f" (expected one of: {', '.join(allowed)})"
                self.fail(join(path, str(key)), f"unknown key{hint}")
        return value

    def get(self, data: dict, key: str, path: str, check: Callable[[Any, str], Any], default: Any = MISSING) -> Any:
        """Run `check` on data[key]; a missing optional key gives `default` (a missing required one was noted)."""
        if key not in data:
            return None if default is MISSING else default
        return check(data[key], join(path, key))

    def text(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"expected some text, got {describe(value)}")
            return None
        return value.strip()

    def ident(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
            self.fail(path, f"expected an id of lower-case letters, digits and hyphens, got {describe(value)}")
            return None
        return value

    def boolean(self, value: Any, path: str) -> bool | None:
        if not isinstance(value, bool):
            self.fail(path, f"expected true or false, got {describe(value)}")
            return None
        return value

    def whole(self, value: Any, path: str, low: int = 0, high: int | None = None) -> int | None:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= low and (high is None or value <= high)
        if not ok:
            wanted = f"from {low} to {high}" if high is not None else f"of {low} or more"
            self.fail(path, f"expected a whole number {wanted}, got {describe(value)}")
            return None
        return value

    def positive(self, value: Any, path: str) -> float | None:
        number = _finite(value)
        if number is None or not number > 0:
            self.fail(path, f"expected a positive number, got {describe(value)}")
            return None
        return number

    def share(self, value: Any, path: str) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            self.fail(path, f"expected a number from 0 to 1, got {describe(value)}")
            return None
        return float(value)

    def choice(self, value: Any, path: str, allowed: tuple[str, ...]) -> str | None:
        if value not in allowed:
            self.fail(path, f"expected one of: {', '.join(allowed)}, got {describe(value)}")
            return None
        return value

    def items(self, value: Any, path: str, read: Callable[[Any, str], Any]) -> list:
        """Read every item of a non-empty list; bad items are noted and left out."""
        if not isinstance(value, list) or not value:
            self.fail(path, f"expected a list with at least one item, got {describe(value)}")
            return []
        read_items = (read(item, join(path, index)) for index, item in enumerate(value))
        return [item for item in read_items if item is not None]


def _finite(value: Any) -> float | None:
    """The value as a finite float; None for anything else (booleans, NaN, infinities, huge integers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None
