"""Build a `Checklist` from plain data, checking everything and reporting every problem with its path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checks.errors import DefinitionError, Problem
from checks.model import KINDS, SCALES, Band, Checklist, Option, Outcome, Question, Section
from checks.reader import Reader, describe, join

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"

TOP_REQUIRED = ("id", "title", "version", "description", "bands", "sections")
TOP_OPTIONAL = ("kind", "min_answered", "outcomes")
SECTION_KEYS = (("id", "title", "guidance", "questions"), ("intro",))
QUESTION_KEYS = (
    ("id", "text", "kind", "guidance", "advice"),
    ("options", "weight", "critical", "not_relevant", "hint"),
)


def checklist_from_mapping(data: Any, source: str = "", docs: dict[str, set[str]] | None = None) -> Checklist:
    """The checklist a definition describes, or `DefinitionError` listing every problem.

    `docs` maps each docs page (e.g. ``behaviours/leadership.md``) to its anchors; when
    given, every guidance link must point at an existing page and anchor.
    """
    reader = Reader()
    checklist = _read_checklist(reader, data)
    _check_ids(reader, data)
    if docs is not None:
        _check_links(reader, data, docs)
    if reader.problems or checklist is None:
        raise DefinitionError(reader.problems, source)
    return Checklist(**{**checklist.__dict__, "source": source})


def load_checklist(path: str | Path, docs: dict[str, set[str]] | None = None) -> Checklist:
    """Read and validate one YAML definition file (CPython only: it needs PyYAML)."""
    import yaml  # only here: the browser gets definitions as JSON and never needs PyYAML

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DefinitionError([Problem("", f"cannot read the file: {error}")], str(path)) from None
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" (line {where.line + 1})" if where else ""
        raise DefinitionError([Problem("", f"not valid YAML{line}: {error}")], str(path)) from None
    return checklist_from_mapping(data, str(path), docs)


def definition_files(directory: Path = DEFINITIONS_DIR) -> list[Path]:
    """Every checklist definition in a folder, in name order."""
    return sorted(directory.glob("*.yml"))


def _read_checklist(reader: Reader, data: Any) -> Checklist | None:
    data = reader.mapping(data, "", TOP_REQUIRED, TOP_OPTIONAL)
    if data is None:
        return None
    kind = reader.get(data, "kind", "", lambda v, p: reader.choice(v, p, ("assessment", "decision")), "assessment")
    sections = reader.get(data, "sections", "", lambda v, p: reader.items(v, p, lambda s, sp: _section(reader, s, sp)))
    fields = {
        "id": reader.get(data, "id", "", reader.ident),
        "title": reader.get(data, "title", "", reader.text),
        "version": reader.get(data, "version", "", lambda v, p: reader.whole(v, p, low=1)),
        "description": reader.get(data, "description", "", reader.text),
        "kind": kind,
        "min_answered": reader.get(data, "min_answered", "", reader.share, 0.5),
        "bands": _bands(reader, data.get("bands"), "bands") if "bands" in data else None,
        "sections": tuple(sections or ()),
        "outcomes": (),
    }
    if kind == "decision":
        if "outcomes" not in data:
            reader.fail("outcomes", "a decision checklist needs outcomes")
        else:
            fields["outcomes"] = _outcomes(reader, data["outcomes"], "outcomes", data)
    elif "outcomes" in data:
        reader.fail("outcomes", "only a checklist of kind 'decision' has outcomes")
    if reader.problems:
        return None
    return Checklist(**fields)


def _section(reader: Reader, value: Any, path: str) -> Section | None:
    data = reader.mapping(value, path, *SECTION_KEYS)
    if data is None:
        return None
    if "questions" in data and data["questions"] in ([], None):
        reader.fail(join(path, "questions"), "a section needs at least one question")
        questions = []
    else:
        questions = reader.get(
            data, "questions", path, lambda v, p: reader.items(v, p, lambda q, qp: _question(reader, q, qp))
        )
    return Section(
        id=reader.get(data, "id", path, reader.ident),
        title=reader.get(data, "title", path, reader.text),
        guidance=reader.get(data, "guidance", path, reader.text),
        intro=reader.get(data, "intro", path, reader.text, ""),
        questions=tuple(questions or ()),
    )


def _question(reader: Reader, value: Any, path: str) -> Question | None:
    data = reader.mapping(value, path, *QUESTION_KEYS)
    if data is None:
        return None
    kind = reader.get(data, "kind", path, lambda v, p: reader.choice(v, p, KINDS))
    if kind == "choice":
        if "options" not in data:
            reader.fail(join(path, "options"), "a 'choice' question needs options")
        options = reader.get(data, "options", path, lambda v, p: _options(reader, v, p), ())
    else:
        if "options" in data and kind is not None:
            reader.fail(join(path, "options"), f"a question of kind '{kind}' uses its built-in scale; remove 'options'")
        options = SCALES.get(kind, ())
    return Question(
        id=reader.get(data, "id", path, reader.ident),
        text=reader.get(data, "text", path, reader.text),
        kind=kind,
        options=options,
        guidance=reader.get(data, "guidance", path, reader.text),
        advice=reader.get(data, "advice", path, reader.text),
        weight=reader.get(data, "weight", path, reader.positive, 1.0),
        critical=reader.get(data, "critical", path, reader.boolean, False),
        not_relevant=reader.get(data, "not_relevant", path, reader.boolean, False),
        hint=reader.get(data, "hint", path, reader.text, ""),
    )


def _options(reader: Reader, value: Any, path: str) -> tuple[Option, ...]:
    def option(item: Any, item_path: str) -> Option | None:
        data = reader.mapping(item, item_path, ("id", "label", "points"))
        if data is None:
            return None
        return Option(
            id=reader.get(data, "id", item_path, reader.ident),
            label=reader.get(data, "label", item_path, reader.text),
            points=reader.get(data, "points", item_path, reader.whole),
        )

    options = tuple(reader.items(value, path, option))
    points = [o.points for o in options if o.points is not None]
    if len(options) < 2:
        reader.fail(path, "a choice needs at least two options")
    elif len(points) == len(options) and len(set(points)) < 2:
        reader.fail(path, f"every option is worth {points[0]} points, so the question cannot score")
    return options


def _bands(reader: Reader, value: Any, path: str) -> tuple[Band, ...]:
    def band(item: Any, item_path: str) -> Band | None:
        data = reader.mapping(item, item_path, ("name", "min", "max", "meaning"))
        if data is None:
            return None
        low = reader.get(data, "min", item_path, lambda v, p: reader.whole(v, p, 0, 100))
        high = reader.get(data, "max", item_path, lambda v, p: reader.whole(v, p, 0, 100))
        if low is not None and high is not None and low > high:
            reader.fail(item_path, f"min ({low}) is above max ({high})")
            return None
        name = reader.get(data, "name", item_path, reader.text)
        return Band(name, low, high, reader.get(data, "meaning", item_path, reader.text))

    bands = reader.items(value, path, band)
    complete = [b for b in bands if b.min is not None and b.max is not None]
    if len(complete) == len(bands) and bands:
        _check_coverage(reader, complete, path)
    return tuple(sorted(bands, key=lambda b: b.min if b.min is not None else 0))


def _check_coverage(reader: Reader, bands: list[Band], path: str) -> None:
    """Every whole score from 0 to 100 must fall in exactly one band."""
    owners = {score: [b.name for b in bands if b.min <= score <= b.max] for score in range(101)}
    for scores, message in (
        ([s for s, names in owners.items() if not names], "no band covers scores {}"),
        ([s for s, names in owners.items() if len(names) > 1], "more than one band covers scores {}"),
    ):
        if scores:
            reader.fail(path, message.format(_ranges(scores)))


def _ranges(scores: list[int]) -> str:
    """[1, 2, 3, 7] -> '1 to 3, 7'."""
    runs: list[list[int]] = []
    for score in scores:
        if runs and score == runs[-1][-1] + 1:
            runs[-1].append(score)
        else:
            runs.append([score])
    return ", ".join(f"{r[0]} to {r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _outcomes(reader: Reader, value: Any, path: str, data: dict) -> tuple[Outcome, ...]:
    from checks.outcomes import read_outcomes  # kept beside the decision logic it feeds

    return read_outcomes(reader, value, path, data)


def _check_ids(reader: Reader, data: Any) -> None:
    """Section and question ids are unique across the whole checklist; option ids within their question."""
    seen: dict[str, str] = {}
    for s_path, section in _entries(data, "sections", ""):
        _note_id(reader, seen, section.get("id"), join(s_path, "id"))
        for q_path, question in _entries(section, "questions", s_path):
            _note_id(reader, seen, question.get("id"), join(q_path, "id"))
            options: dict[str, str] = {}
            for o_path, option in _entries(question, "options", q_path):
                _note_id(reader, options, option.get("id"), join(o_path, "id"))


def _entries(data: Any, key: str, path: str) -> list[tuple[str, dict]]:
    """(path, item) for each mapping in data[key], tolerating any malformed shape."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(f"{join(path, key)}[{i}]", item) for i, item in enumerate(items) if isinstance(item, dict)]


def _note_id(reader: Reader, seen: dict[str, str], ident: Any, path: str) -> None:
    if not isinstance(ident, str):
        return
    if ident in seen:
        reader.fail(path, f"duplicate id {ident!r}, already used at {seen[ident]}")
    else:
        seen[ident] = path


def _check_links(reader: Reader, data: Any, docs: dict[str, set[str]]) -> None:
    """Every guidance link, in sections and questions, points at an existing page and anchor."""
    for s_path, section in _entries(data, "sections", ""):
        _check_link(reader, section.get("guidance"), join(s_path, "guidance"), docs)
        for q_path, question in _entries(section, "questions", s_path):
            _check_link(reader, question.get("guidance"), join(q_path, "guidance"), docs)


def _check_link(reader: Reader, link: Any, path: str, docs: dict[str, set[str]]) -> None:
    if not isinstance(link, str):
        return  # already reported as the wrong type
    page, _, anchor = link.partition("#")
    if page not in docs:
        reader.fail(path, f"no page {page!r} in the docs")
    elif anchor and anchor not in docs[page]:
        reader.fail(path, f"page {page!r} has no heading with anchor {anchor!r}")


__all__ = ["checklist_from_mapping", "definition_files", "describe", "load_checklist"]
