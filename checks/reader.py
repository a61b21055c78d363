"""The one reader of plain data (what JSON or YAML gives): it reads any declared `Spec` (checks.fields)
and collects every problem with its path instead of stopping at the first."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from checks.errors import Problem

if TYPE_CHECKING:
    from checks.fields import Spec

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
"""An id, matched with `fullmatch` (``$`` would also let a trailing newline through)."""


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
    """Reads values out of nested mappings, noting each problem instead of stopping at the first.

    `docs` maps each docs page to its heading anchors; when given, guidance links are checked
    against it as they are read.
    """

    def __init__(self, docs: dict[str, set[str]] | None = None) -> None:
        self.problems: list[Problem] = []
        self.docs = docs
        self._ids: dict[str, dict[str, str]] = {}
        self._open: list[dict[str, Any]] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def read(self, value: Any, path: str, spec: Spec, foreign: dict[str, str] | None = None) -> Any:
        """What `spec` builds from a mapping, each declared field checked in order; None if it is no mapping.

        `foreign` names keys that belong to other kinds, with the message to give for each.
        """
        data = self.mapping(value, path, spec.required(), spec.optional(), foreign or {})
        if data is None:
            return None
        values: dict[str, Any] = {}
        self._open.append(values)
        try:
            for field in spec.fields:
                if field.name in data:
                    values[field.name] = field.check(self, data[field.name], join(path, field.name))
                else:
                    values[field.name] = None if field.required else field.default
        finally:
            self._open.pop()
        return spec.build(self, values, path, frozenset(data))

    def earlier(self, name: str) -> Any:
        """A top-level field read before this one: fields are read in declared order, so a later one
        (an outcome's condition) can check what it refers to (the sections) with the right path."""
        return self._open[0].get(name) if self._open else None

    def mapping(
        self,
        value: Any,
        path: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
        foreign: dict[str, str] | None = None,
    ) -> dict | None:
        """The value as a mapping, after checking its keys; None when it is not a mapping."""
        if not isinstance(value, dict):
            self.fail(path, f"expected a mapping, got {describe(value)}")
            return None
        allowed = (*required, *optional)
        for key in required:
            if key not in value:
                self.fail(join(path, key), "this key is required")
        for key in value:
            if key in allowed:
                continue
            if foreign and key in foreign:
                self.fail(join(path, str(key)), foreign[key])
                continue
            import difflib  # only when a key is wrong: a costly import in the browser

            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (expected one of: {', '.join(allowed)})"
            self.fail(join(path, str(key)), f"unknown key{hint}")
        return value

    def items(self, value: Any, path: str, read: Callable[[Any, str], Any], empty: str = "") -> list:
        """Read every item of a non-empty list; a bad item is noted and left out.

        `empty` is the message for an empty list (or none at all) where a plainer one helps.
        """
        if empty and (value is None or value == []):
            self.fail(path, empty)
            return []
        if not isinstance(value, list) or not value:
            self.fail(path, f"expected a list with at least one item, got {describe(value)}")
            return []
        read_items = (read(item, join(path, index)) for index, item in enumerate(value))
        return [item for item in read_items if item is not None]

    def unique(self, ident: Any, path: str, scope: str) -> None:
        """Note an id; one already seen in the same scope is refused, naming both places."""
        seen = self._ids.setdefault(scope, {})
        if ident in seen:
            self.fail(path, f"duplicate id {ident!r}, already used at {seen[ident]}")
        else:
            seen[ident] = path

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


def _finite(value: Any) -> float | None:
    """The value as a finite float; None for anything else (booleans, NaN, infinities, huge integers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None
