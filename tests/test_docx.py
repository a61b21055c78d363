"""The Word report: every .docx is read back with python-docx (a test-only dependency) and its XML checked.

Every checklist definition is reported on, so a new checklist is covered without new tests.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import docx
import pytest

from checks import definition_files, load_checklist, score
from checks.compare import Given, compare, read_files
from checks.compare.reports import to_docx as comparison_docx
from checks.definitions import DEFINITIONS_DIR
from checks.document import (
    Break,
    BulletList,
    Code,
    Document,
    Figure,
    Group,
    Heading,
    Link,
    Notice,
    NumberedList,
    Paragraph,
    Strong,
    Table,
)
from checks.links import guidance_url
from checks.model import DONT_KNOW
from checks.render.docx import document_to_docx
from checks.reports import to_docx

ROOT = Path(__file__).resolve().parent.parent
FILES = definition_files()
BASE = "https://example.org/rm/"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REQUIRED = {
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/numbering.xml",
}


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def parts(doc) -> dict[str, list]:
    """The paragraphs under each heading of level 2, by the heading's text."""
    found: dict[str, list] = {}
    current = None
    for paragraph in doc.paragraphs:
        if paragraph.style.name == "Heading 2":
            current = found.setdefault(paragraph.text, [])
        elif current is not None:
            current.append(paragraph)
    return found


@pytest.fixture(params=FILES, ids=[path.name for path in FILES])
def checklist(request):
    return load_checklist(request.param)


def answer_sets(checklist) -> dict[str, dict[str, str]]:
    """The worst answers (every red flag and action), and half the questions unanswered or "don't know"."""
    questions = checklist.questions()
    worst = {q.id: min(q.options, key=lambda o: o.points).id for q in questions}
    half = {q.id: DONT_KNOW if i % 4 == 0 else q.options[-1].id for i, q in enumerate(questions) if i % 2 == 0}
    return {"worst": worst, "half": half}


@pytest.mark.parametrize("answers", ["worst", "half"])
def test_every_checklist_report_reads_back_in_word(checklist, answers):
    result = score(checklist, answer_sets(checklist)[answers])
    doc = read(to_docx(result, BASE))
    title = f"{checklist.title}: results"
    assert (doc.paragraphs[0].style.name, doc.paragraphs[0].text) == ("Heading 1", title)
    assert doc.core_properties.title == title
    assert doc.paragraphs[2].text.startswith("Overall: ")

    table = doc.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Section", "Score", "Band", "Answered"]
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None  # Word repeats it and reads it as the header
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [row[:2] for row in rows] == [
        [s.title, "Not scored yet" if s.score is None else str(s.score)] for s in result.sections
    ]

    found = parts(doc)
    flags = [p for p in found["Red flags"] if p.style.name == "List Bullet"]
    assert [p.text.split("\n")[0] for p in flags] == [
        f"Red flag: {flag.text} (answer: {flag.answer_label})" for flag in result.red_flags
    ]
    plan = [p for p in found["Action plan"] if p.style.name == "List Number"]
    assert len(plan) == len(result.actions)
    for paragraph, action in zip(plan, result.actions, strict=True):
        url = guidance_url(action.guidance, BASE)
        assert paragraph.text == (
            f"{'Red flag: ' if action.red_flag else ''}{action.text} (answer: {action.answer_label})\n"
            f"{action.advice} Read the guidance ({url})"
        )
        assert [(link.text, link.url) for link in paragraph.hyperlinks] == [("Read the guidance", url)]
    if not result.red_flags:
        assert [p.text for p in found["Red flags"]] == ["No red flags."]
    if result.decision:
        assert f"Recommendation: {result.decision.title}" in found


def test_the_package_has_the_parts_word_needs(assessment):
    data = to_docx(score(assessment, {"trust-open": "disagree"}), BASE)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml"
        assert set(names) == REQUIRED
        xml = {name: ET.fromstring(archive.read(name)) for name in names}  # every part is well-formed
    types = xml["[Content_Types].xml"]
    overrides = {o.get("PartName") for o in types if o.tag.endswith("Override")}
    assert overrides == {f"/{name}" for name in names if name.endswith(".xml") and not name.startswith("[")}
    assert {d.get("Extension") for d in types if d.tag.endswith("Default")} == {"rels", "xml"}
    for rels, folder in (("_rels/.rels", ""), ("word/_rels/document.xml.rels", "word/")):
        for relationship in xml[rels]:
            if relationship.get("TargetMode") == "External":
                assert relationship.get("Target").startswith(BASE)
            else:
                assert folder + relationship.get("Target") in names
    core = xml["docProps/core.xml"]
    assert core.find("{http://purl.org/dc/elements/1.1/}title").text == "Team health: results"


def test_the_same_result_gives_the_same_bytes(assessment):
    result = score(assessment, {"trust-open": "disagree", "goals-measured": "dont_know"})
    first, second = to_docx(result, BASE), to_docx(result, BASE)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


SAMPLE = Document(
    title="Sample",
    subtitle="Under the title",
    blocks=(
        Heading(2, "Two"),
        Heading(3, "Three"),
        Heading(5, "Five is drawn as three"),
        Paragraph((Strong("Bold"), " plain ", Code("code-id"), Break(), "second line")),
        Notice("Mind this.", "warning"),
        Table("Numbers", ("Name", "Value"), (("One", "1"), ("Two", "2"))),
        BulletList(("first", "second")),
        NumberedList(("one", "two")),
        NumberedList(("again one",)),
        Figure("<svg></svg>", "The picture in words."),
        Group((Paragraph("Inside a group."),)),
        Paragraph(
            (
                Link("web", "https://e.org/a b"),
                " ",
                Link("relative", "guide/"),
                " ",
                Link("page", "#q-1"),
                " ",
                Link("bad", "javascript:alert(1)"),
            )
        ),
    ),
)


def test_every_block_in_word():
    doc = read(document_to_docx(SAMPLE))
    drawn = [(p.style.name, p.text) for p in doc.paragraphs]
    assert drawn == [
        ("Heading 1", "Sample"),
        ("Subtitle", "Under the title"),
        ("Heading 2", "Two"),
        ("Heading 3", "Three"),
        ("Heading 3", "Five is drawn as three"),
        ("Normal", "Bold plain code-id\nsecond line"),
        ("Notice", "Warning: Mind this."),
        ("Caption", "Numbers"),
        ("List Bullet", "first"),
        ("List Bullet", "second"),
        ("List Number", "one"),
        ("List Number", "two"),
        ("List Number", "again one"),
        ("Caption", "The picture in words."),
        ("Normal", "Inside a group."),
        ("Normal", "web (https://e.org/a b) relative (guide/) page bad"),
    ]
    runs = doc.paragraphs[5].runs
    assert [(run.text, run.bold) for run in runs[:2]] == [("Bold", True), (" plain ", None)]
    assert runs[2].style.name == "HTML Code"
    cells = [[cell.text for cell in row.cells] for row in doc.tables[0].rows]
    assert cells == [["Name", "Value"], ["One", "1"], ["Two", "2"]]
    # only the web address is a link, its target a valid URI; the others are text
    assert [link.url for link in doc.paragraphs[-1].hyperlinks] == ["https://e.org/a%20b"]


def test_numbered_lists_each_start_at_one():
    data = document_to_docx(SAMPLE)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = ET.fromstring(archive.read("word/document.xml"))
        numbering = ET.fromstring(archive.read("word/numbering.xml"))
    used = [n.get(f"{W}val") for n in body.iter(f"{W}numId")]
    bullets, first, second = sorted(set(used), key=used.index)
    assert used == [bullets, bullets, first, first, second]
    instances = {n.get(f"{W}numId"): n for n in numbering.iter(f"{W}num")}
    for number in (first, second):
        assert instances[number].find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"
    formats = {
        a.get(f"{W}abstractNumId"): a.find(f"{W}lvl/{W}numFmt").get(f"{W}val")
        for a in numbering.iter(f"{W}abstractNum")
    }
    assert formats[instances[bullets].find(f"{W}abstractNumId").get(f"{W}val")] == "bullet"
    assert formats[instances[first].find(f"{W}abstractNumId").get(f"{W}val")] == "decimal"


SCRIPT = '<script>alert("x")</script>'
ATTACK = f"{SCRIPT} & 'quotes' \"double\" <img src=x onerror=alert(1)> ]]> <!-- x"


def test_hostile_text_is_only_text_in_word():
    document = Document(
        ATTACK,
        (
            Heading(2, ATTACK),
            Paragraph((Strong(ATTACK), Code(ATTACK), Link(ATTACK, f"https://e.org/?q={ATTACK}"))),
            Table(ATTACK, (ATTACK,), ((ATTACK,),)),
            BulletList((ATTACK,)),
        ),
        subtitle=ATTACK,
    )
    doc = read(document_to_docx(document))
    assert doc.core_properties.title == ATTACK
    assert [p.text for p in doc.paragraphs[:3]] == [ATTACK, ATTACK, ATTACK]
    assert doc.paragraphs[3].text == f"{ATTACK}{ATTACK}{ATTACK} (https://e.org/?q={ATTACK})"
    assert doc.tables[0].rows[1].cells[0].text == ATTACK
    assert doc.paragraphs[-1].text == ATTACK


def test_characters_xml_forbids_are_dropped():
    bad = "a\x00b\x01c\x0bd\x1fe\ufffef\ud800g"
    doc = read(document_to_docx(Document(bad, (Paragraph(f"tab\tand {bad}"), Table(bad, (bad,), ((bad,),))))))
    assert doc.paragraphs[0].text == "abcdefg"
    assert doc.paragraphs[1].text == "tab\tand abcdefg"
    assert doc.tables[0].rows[0].cells[0].text == "abcdefg"


def test_the_worker_loads_no_zip_support_until_a_word_file_is_asked_for():
    probe = "import sys, checks.worker_api; print('zipfile' in sys.modules, 'checks.render.docx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_a_table_wider_than_word_opens_is_written_in_parts_that_each_keep_the_first_column():
    """Word refuses a file with a table of more than 63 columns: a comparison of 130 organisations is one."""
    header = ("Question", *(f"Organisation {n}" for n in range(1, 131)))
    rows = tuple((f"Question {r}", *(f"{r}.{n}" for n in range(1, 131))) for r in (1, 2))
    doc = read(document_to_docx(Document("Wide", (Table("Middle answers", header, rows),))))
    assert [len(table.columns) for table in doc.tables] == [63, 63, 7]
    assert [p.text for p in doc.paragraphs if p.style.name == "Caption"] == [
        "Middle answers (part 1 of 3: columns 2 to 63 of 131)",
        "Middle answers (part 2 of 3: columns 64 to 125 of 131)",
        "Middle answers (part 3 of 3: columns 126 to 131 of 131)",
    ]
    drawn = [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
    assert all(
        table[0][0] == "Question" and [row[0] for row in table[1:]] == ["Question 1", "Question 2"] for table in drawn
    )
    assert [heading for table in drawn for heading in table[0][1:]] == list(header[1:])  # every column, once, in order
    assert [cell for table in drawn for cell in table[2][1:]] == list(rows[1][1:])
    narrow = read(document_to_docx(Document("Narrow", (Table("Fits", header[:63], (rows[0][:63],)),))))
    assert [len(table.columns) for table in narrow.tables] == [63]


def test_a_comparison_of_seventy_organisations_opens_in_word():
    checklist = load_checklist(DEFINITIONS_DIR / "behaviours.yml")
    answers = {q.id: q.choices()[0][0] for q in checklist.questions()}
    files = [
        Given(
            f"org-{n}.json",
            json.dumps(
                {
                    "format": "relationship-matters-answers/2",
                    "checklist": checklist.id,
                    "checklist_version": checklist.version,
                    "respondent": {"organisation": f"Organisation {n}"},
                    "answers": answers,
                }
            ),
        )
        for n in range(1, 71)
    ]
    doc = read(comparison_docx(compare(checklist, read_files(checklist, files))))
    assert max(len(table.columns) for table in doc.tables) <= 63
    assert sum(len(table.columns) - 1 for table in doc.tables if table.rows[0].cells[0].text == "Question") >= 70
