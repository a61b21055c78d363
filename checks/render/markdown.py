"""A document as Markdown, to keep or to paste into meeting papers.

Text from a definition or from answers is escaped, so it shows as written and never becomes
markup: "<" is written as an entity (every Markdown tool passes raw HTML through), and the
characters that make emphasis, links and code are escaped with a backslash.
"""

from __future__ import annotations

import re

from checks.document import (
    Break,
    BulletList,
    Code,
    Content,
    Document,
    Figure,
    Heading,
    ItemList,
    Link,
    Notice,
    NumberedList,
    Paragraph,
    Strong,
    Table,
    inlines,
    safe_url,
    ungrouped,
)
from checks.render import draw_with


def document_to_markdown(document: Document) -> str:
    top = [_heading(Heading(1, document.title))]
    if document.subtitle:
        top.append(_lines(_text(document.subtitle)))
    blocks = [draw_with(DRAW, block, "Markdown") for block in ungrouped(document.blocks)]
    return "\n\n".join([*top, *blocks]) + "\n"


def _heading(heading: Heading) -> str:
    # Marks "#" that end a heading are read as its closing marks and dropped ("Question #"), and
    # Python-Markdown drops them even after other text: each is escaped.
    text = re.sub(r"#+\s*$", lambda marks: marks.group().strip().replace("#", "\\#"), _text(heading.text))
    return f"{'#' * min(max(heading.level, 1), 6)} {text}"


def _table(table: Table) -> str:
    lines = [_row(table.header), "|" + "---|" * len(table.header)]
    lines += [_row(row) for row in table.rows]
    return f"{_lines(_text(table.caption))}:\n\n" + "\n".join(lines)


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(_text(cell).replace("|", "\\|") for cell in cells) + " |"


def _list(items: ItemList) -> str:
    lines = []
    for number, item in enumerate(items.items, 1):
        mark = f"{number}. " if isinstance(items, NumberedList) else "- "
        lines.append(mark + _lines(_inline(item)).replace("\n", "\n" + " " * len(mark)))
    return "\n".join(lines)


DRAW = {
    Heading: _heading,
    Paragraph: lambda paragraph: _lines(_inline(paragraph.content)),
    Notice: lambda notice: f"> **{notice.label}:** {_inline(notice.text)}",
    Table: _table,
    BulletList: _list,
    NumberedList: _list,
    Figure: lambda figure: f"*{_text(figure.caption)}*",  # the figure in words: Markdown draws no image here
}


def _inline(content: Content) -> str:
    return "".join(_run(run) for run in inlines(content))


def _run(run) -> str:
    if isinstance(run, str):
        return _text(run)
    if isinstance(run, Strong):
        return f"**{_text(run.text)}**"
    if isinstance(run, Code):
        return _code(run.text)
    if isinstance(run, Link):
        url = safe_url(run.url)
        # A link into the page ("#...") leads nowhere from a file: its text is enough.
        return f"[{_text(run.text)}]({_url(url)})" if url and not url.startswith("#") else _text(run.text)
    if isinstance(run, Break):
        # A hard line break (two spaces before the line end, which every Markdown tool reads as one):
        # a bare line end would be shown as a space, running the next line on in the same paragraph.
        return "  \n"
    raise TypeError(f"cannot draw a {type(run).__name__} as Markdown")


_SPECIAL = re.compile(r"([\\`*_\[\]])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def _text(text: str) -> str:
    """Text that shows as written: on one line, markup characters escaped."""
    text = _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))
    return _ENTITY.sub("&amp;", text).replace("<", "&lt;")


_BLOCK_START = re.compile(r"^( *)(?:([#>+-])|(\d+)([.)])|~(?=~~))", re.MULTILINE)


def _lines(text: str) -> str:
    """The text with what would start a heading, quote, list, rule or fence at the start of a line
    escaped, so a reader's "1. No redundancies" or "# Urgent" stays text. A backslash where every
    Markdown tool honours one; "~" has no backslash escape in Python-Markdown, so an entity."""

    def escape(found: re.Match) -> str:
        indent, mark, number, delimiter = found.groups()
        if mark:
            return f"{indent}\\{mark}"
        return f"{indent}{number}\\{delimiter}" if number else f"{indent}&#126;"

    return _BLOCK_START.sub(escape, text)


def _code(text: str) -> str:
    """A code span: its content is shown as it is, so only a backtick inside needs a longer fence."""
    text = re.sub(r"\s+", " ", text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _url(url: str) -> str:
    """The URL with the characters that would end a Markdown link (space, brackets) percent-encoded."""
    return "".join(f"%{ord(c):02X}" if c in " ()<>[]\\" else c for c in url)
