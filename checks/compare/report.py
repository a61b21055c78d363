"""A comparison as a report `Document`: what every format says (text, Markdown, CSV, HTML, Word),
said once. Names and groups too small to show in anonymous mode never reach the document."""

from __future__ import annotations

from checks.compare.analysis import Comparison, Spread
from checks.compare.groups import Group, anonymity_notices, fewer_than
from checks.compare.heatmap import cell, heatmap_svg
from checks.compare.record import DISAGREEMENT, DISAGREEMENT_LABEL, STATUSES
from checks.document import BulletList, Document, Figure, Heading, Link, Notice, NumberedList, Paragraph, Table
from checks.links import guidance_url
from checks.plurals import counted
from checks.saved_parts import ROLES

QUESTION_COLUMNS = ("section", "question_id", "question", "answered", "median", "lowest", "highest", "contested")

HEAT_MAP_CAPTION = (
    "Each organisation's middle answer to each question: weak (red and hatched), mixed (amber) or strong "
    "(green), with its score out of 100. The table below gives the same figures."
)
"""The heat map's caption: its name for screen readers, and what Word, text and Markdown give instead of it."""


def comparison_document(comparison: Comparison, base_url: str = "") -> Document:
    c = comparison
    people = len(c.responses)
    notes = (*file_notes(c), *c.record.notes, *anonymity_notices(c.organisations, c.roles, c.settings))
    blocks: list = [Notice(n) for n in notes]
    if c.inputs.refused and not c.settings.anonymous:
        blocks += [Heading(2, "Files not compared")]
        blocks.append(BulletList(tuple(f"{r.name}: {' '.join(r.reasons)}" for r in c.inputs.refused)))
    if people < 2:
        blocks.append(Paragraph("Add at least 2 answers files to compare them."))
        return Document(f"{c.checklist.title}: comparison", tuple(blocks), _subtitle(c))
    blocks += [Heading(2, "Who answered", "who"), _who(c)]
    blocks += [Heading(2, "Discussion agenda", "agenda"), *_agenda(c, base_url)]
    blocks += [Heading(2, "Scores by section", "sections"), _sections(c, c.organisations, "organisation")]
    blocks.append(_sections(c, c.roles, "role"))
    blocks += [Heading(2, "Heat map", "heatmap")]
    blocks.append(Figure(heatmap_svg(c, f"rm-heatmap-{c.checklist.id}"), HEAT_MAP_CAPTION))
    blocks.append(_heat_table(c))
    blocks += [Heading(2, "Every question", "questions"), _questions(c)]
    blocks += [Heading(2, "Workshop record", "record"), *_record(c)]
    return Document(f"{c.checklist.title}: comparison", tuple(blocks), _subtitle(c), (_data(c),))


def file_notes(c: Comparison) -> tuple[str, ...]:
    """What was noticed about the files; in anonymous mode only how many, as file names can say who answered."""
    if not c.settings.anonymous:
        return c.inputs.notices
    count = len(c.inputs.notices) + len(c.inputs.refused)
    if not count:
        return ()
    return (f"{counted(count, 'note')} about the files {'is' if count == 1 else 'are'} not shown in anonymous mode.",)


def _subtitle(c: Comparison) -> str:
    people, groups = len(c.responses), len(c.organisations)
    return (
        f"{counted(people, 'respondent')} from {counted(groups, 'organisation')}; "
        f"version {c.checklist.version} of the checklist."
    )


def _who(c: Comparison) -> Table:
    if not c.settings.anonymous:
        rows = tuple(
            (
                r.name,
                r.saved.respondent.get("organisation", "") or "Not given",
                ROLES.get(r.saved.respondent.get("role", ""), "Not given"),
                "Anonymous"
                if r.saved.respondent.get("anonymous")
                else r.saved.respondent.get("name", "") or "Not given",
            )
            for r in c.responses
        )
        return Table("Each file compared", ("File", "Organisation", "Role", "Name"), rows, id="rm-compare-who")
    rows = tuple(
        (kind, g.key, str(g.size) if g.shown else fewer_than(c.settings).capitalize())
        for kind, groups in (("Organisation", c.organisations), ("Role", c.roles))
        for g in groups
    )
    return Table("Respondents by group", ("Group", "Name", "Respondents"), rows, id="rm-compare-who")


def _agenda(c: Comparison, base_url: str) -> list:
    blocks: list = [Heading(3, "Most contested first")]
    if c.contested:
        items = tuple(
            (
                f"{q.text} ({q.reason} Answers from {q.low} to {q.high}; middle answer {q.median}.) ",
                Link("Read the guidance", guidance_url(q.guidance, base_url)),
            )
            for q in c.contested
        )
        blocks.append(NumberedList(items, tuple(q.id for q in c.contested), "question", "rm-agenda-contested"))
    else:
        blocks.append(Paragraph("No question is contested."))
    for shared, title in (("weak", "Shared weaknesses"), ("strong", "Shared strengths")):
        found = [q for q in c.questions if q.shared == shared]
        blocks.append(Heading(3, title))
        blocks.append(BulletList(tuple(_linked(q, base_url) for q in found)) if found else Paragraph("None."))
    return blocks


def _linked(q: Spread, base_url: str):
    return (f"{q.text} ", Link("Read the guidance", guidance_url(q.guidance, base_url)))


def _sections(c: Comparison, groups: tuple[Group, ...], kind: str) -> Table:
    def score(value: int | None, group: Group) -> str:
        if not group.shown:
            return fewer_than(c.settings).capitalize()
        return "Not scored" if value is None else str(value)

    rows = tuple(
        (
            s.title,
            *(
                score(v, g)
                for v, g in zip(s.by_organisation if kind == "organisation" else s.by_role, groups, strict=True)
            ),
        )
        for s in c.sections
    )
    return Table(
        f"Section scores out of 100, by {kind}",
        ("Section", *(g.key for g in groups)),
        rows,
        id=f"rm-compare-by-{kind}",
        row_ids=tuple(s.id for s in c.sections),
        id_name="section",
    )


def _heat_table(c: Comparison) -> Table:
    rows = tuple(
        (q.text, *(cell(share, g, c) for share, g in zip(q.by_organisation, c.organisations, strict=True)))
        for q in c.questions
    )
    return Table(
        "Heat map as a table: each organisation's middle answer, out of 100",
        ("Question", *(g.key for g in c.organisations)),
        rows,
        id="rm-compare-heat",
        row_ids=tuple(q.id for q in c.questions),
        id_name="question",
    )


def counts_text(q: Spread) -> str:
    return "; ".join(f"{label} {n}" for value, label, n in q.counts if n) or "No answers"


def _questions(c: Comparison) -> Table:
    rows = tuple(
        (
            q.text,
            counts_text(q),
            q.median or "None",
            f"{q.low} to {q.high}" if q.low else "None",
            "Contested" if q.contested else "No",
        )
        for q in c.questions
    )
    return Table(
        "How many chose each answer",
        ("Question", "Answers", "Middle answer", "Range", "Contested"),
        rows,
        id="rm-compare-questions",
        row_ids=tuple(q.id for q in c.questions),
        id_name="question",
        html_class="rm-compare-questions",
    )


def agreed_label(c: Comparison, question_id: str) -> str:
    answer = c.record.agreed.get(question_id)
    if answer is None:
        return "Not yet recorded"
    return DISAGREEMENT_LABEL if answer == DISAGREEMENT else c.checklist.question(question_id).label(answer)


def _record(c: Comparison) -> list:
    blocks: list = []
    if c.contested:
        rows = tuple((q.text, agreed_label(c, q.id)) for q in c.contested)
        blocks.append(
            Table(
                "Agreed joint answers to contested questions",
                ("Question", "Agreed answer"),
                rows,
                id="rm-compare-agreed",
            )
        )
    actions = c.record.actions
    if actions:
        rows = tuple(
            (a.action or "Not given", a.owner or "Not given", a.due or "Not set", STATUSES[a.status]) for a in actions
        )
        blocks.append(Table("Actions", ("Action", "Owner", "Due", "Status"), rows, id="rm-compare-actions"))
    else:
        blocks.append(Paragraph("No actions recorded yet."))
    return blocks


def _data(c: Comparison) -> Table:
    titles = {s.id: s.title for s in c.checklist.sections}
    rows = tuple(
        (titles[q.section], q.id, q.text, str(q.answered), q.median, q.low, q.high, "yes" if q.contested else "no")
        for q in c.questions
    )
    return Table("One row per question", QUESTION_COLUMNS, rows, row_headers=False)
