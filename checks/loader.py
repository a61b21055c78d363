"""The one loader of definition files, used by the site build and the command line alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checks.errors import DefinitionError, Problem


def load_definition(path: str | Path, source: str = "") -> Any:
    """The plain data in a YAML definition file (CPython only: it needs PyYAML).

    A file that cannot be read, or is not valid YAML, raises `DefinitionError` naming the file
    (`source`, or the path) and, for a YAML mistake, its line: ``FILE: line 3: not valid YAML (...)``.
    """
    import yaml  # only here: the browser gets definitions as JSON and never needs PyYAML

    source = source or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:  # worded as the command line words any file it cannot read
        raise DefinitionError([Problem("", f"cannot read the file ({error.strerror})")], source) from None
    except UnicodeDecodeError as error:
        line = error.object.count(b"\n", 0, error.start) + 1
        problem = Problem(f"line {line}", "not UTF-8 text: save the file as UTF-8 and build again")
        raise DefinitionError([problem], source) from None
    try:
        return yaml.load(text, Loader=_loader(yaml))  # a SafeLoader: builds plain data only
    except RecursionError:
        raise DefinitionError([Problem("", "not valid YAML (nested too deeply)")], source) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise DefinitionError([Problem(where, f"not valid YAML ({reason})")], source) from None


def _loader(yaml: Any) -> type:
    """PyYAML's safe loader, refusing a number too long for Python to read (more than 4,300 digits,
    a ValueError) as a YAML mistake at its line."""

    class Loader(yaml.SafeLoader):
        def construct_yaml_int(self, node: Any) -> int:
            try:
                return super().construct_yaml_int(node)
            except ValueError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a number too long to read", node.start_mark
                ) from None

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    return Loader
