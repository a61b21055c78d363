"""The partnership agreement builder (checks.agreement): its definitions, the draft document in
every format, the Word file read back, and what an empty draft still has to agree."""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from form_limits import most_characters

from checks.agreement.component import agreement_component
from checks.agreement.definitions import agreement_from_mapping, builder_from_mapping, load_builder
from checks.agreement.draft import DRAFT, STILL_TO_AGREE
from checks.agreement.model import MIN_PARTIES
from checks.agreement.reports import render
from checks.agreement.saved import EXAMPLE, blank_draft, read_draft, with_preset
from checks.errors import DefinitionError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FILE = ROOT / "checks" / "examples" / "partnership-agreement.json"
BUILDER, PLAIN = load_builder("partnership-agreement")
AGREEMENT = BUILDER.agreement
PRESETS = {preset.id: preset for preset in BUILDER.presets}


def word(saved) -> docx.Document:
    return docx.Document(io.BytesIO(render(BUILDER, saved, "docx")))


def headings(document: docx.Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_there_are_three_presets_one_for_each_kind_of_partnership():
    assert sorted(PRESETS) == ["collaboration", "section-75", "voluntary-mou"]
    mandatory = [part.id for part in AGREEMENT.parts if part.mandatory]
    assert mandatory == [
        "parties", "status", "purpose", "scope", "term", "governance", "decisions", "roles", "finance",
        "benefits-risks", "monitoring", "information", "disputes", "exit",
    ]  # fmt: skip


@pytest.mark.parametrize("preset_id", sorted(PRESETS))
def test_each_presets_word_file_has_every_mandatory_section_in_order_and_the_tables(preset_id):
    saved = with_preset(BUILDER, PRESETS[preset_id])
    document = word(saved)
    found = headings(document, 2)
    numbered = [f"{n}. {part.title}" for n, part in enumerate(AGREEMENT.parts, 1) if part.mandatory]
    assert [h for h in found if h in numbered] == numbered
    captions = [t.rows[0].cells[0].text for t in document.tables]
    assert "Activity or decision" in captions and "Risk" in captions
    matrix = next(t for t in document.tables if t.rows[0].cells[0].text == "Activity or decision")
    assert len(matrix.rows) >= 2 and matrix.rows[1].cells[0].text.startswith(EXAMPLE)
    assert document.sections[0].header.paragraphs[0].text == DRAFT
    assert document.paragraphs[0].style.name == "Heading 1"  # the cover: title, parties, date
    assert any(p.text.startswith("Between:") for p in document.paragraphs[:5])


def test_the_cover_ends_before_the_summary_and_each_clause_is_numbered():
    saved = read_draft(EXAMPLE_FILE.read_bytes(), AGREEMENT)
    document = word(saved)
    summary = next(p for p in document.paragraphs if p.text == "Summary")
    assert summary._p.pPr.find(docx.oxml.ns.qn("w:pageBreakBefore")) is not None
    assert any(p.text.startswith("4.1 Shared aims and outcomes:") for p in document.paragraphs)
    assert any(p.text.startswith("20.2 Triggers for an early exit:") for p in document.paragraphs)


def every_mandatory_item() -> list[str]:
    found = []
    for n, part in enumerate(AGREEMENT.parts, 1):
        found += [f"{part.title} (section {n}): {item.label}" for item in part.items if item.mandatory]
        found += [
            f"{part.title} (section {n}): {item.label} (party {p})"
            for p in range(1, MIN_PARTIES + 1)
            for item in part.per_party
            if item.mandatory
        ]
    return found


def test_an_empty_draft_lists_every_mandatory_item_as_still_to_agree():
    saved = read_draft(blank_draft(AGREEMENT), AGREEMENT)
    document = word(saved)
    texts = [p.text for p in document.paragraphs]
    start = texts.index(STILL_TO_AGREE) + 1
    listed = texts[start : texts.index("Checks")]
    assert sorted(listed) == sorted(every_mandatory_item())
    assert len(listed) == len(every_mandatory_item()) == 40
    # ... and in each mandatory section itself
    for part in (p for p in AGREEMENT.parts if p.mandatory):
        assert any(
            t.startswith(f"Warning: {STILL_TO_AGREE}:")
            for t in texts[texts.index(next(h for h in texts if h.endswith(f". {part.title}"))) :][:3]
        )


def test_a_complete_draft_has_nothing_still_to_agree():
    saved = read_draft(EXAMPLE_FILE.read_bytes(), AGREEMENT)
    markdown = render(BUILDER, saved, "markdown")
    assert "### Still to agree\n\nNothing: every mandatory item has an answer." in markdown
    assert "> **Warning:** Still to agree" not in markdown


def test_fields_that_need_local_legal_review_are_marked_in_the_agreement():
    saved = read_draft(blank_draft(AGREEMENT), AGREEMENT)
    markdown = render(BUILDER, saved, "markdown")
    assert "**13.2 How risks are shared:** Still to agree **Needs local legal review.**" in markdown
    assert "**4.1 Shared aims and outcomes:** Still to agree\n" in markdown  # not marked: no review needed
    assert "- Information sharing (section 16): Lawful basis" in markdown


def test_each_section_shows_its_status_and_the_header_goes_once_every_section_is_agreed():
    saved = read_draft(EXAMPLE_FILE.read_bytes(), AGREEMENT)
    markdown = render(BUILDER, saved, "markdown")
    assert "## 1. Parties\n\n**Status:** Agreed by all. Every agreement must settle this section." in markdown
    assert "## 4. Purpose and outcomes\n\n**Status:** Proposed by Example City Council. Every" in markdown
    assert "## 5. Principles and values\n\n**Status:** Draft.\n" in markdown
    agreed = {f"status-{part.id}": "agreed" for part in AGREEMENT.parts}
    all_agreed = replace(saved, answers={**saved.answers, **agreed})
    assert len(word(all_agreed).sections[0].header.paragraphs) in (0, 1)
    assert not "".join(p.text for p in word(all_agreed).sections[0].header.paragraphs)
    assert "Agreed by all partners" in render(BUILDER, all_agreed, "markdown")


def test_every_format_draws_the_same_draft():
    saved = read_draft(EXAMPLE_FILE.read_bytes(), AGREEMENT)
    for format_name in ("text", "markdown", "html"):
        assert "Joint community equipment service" in render(BUILDER, saved, format_name)
    table = render(BUILDER, saved, "csv")
    assert "Approve the annual budget" in table and "Demand rises faster than the budget" in table
    assert json.loads(render(BUILDER, saved, "json"))["findings"] == []


def test_the_command_line_reports_a_saved_draft():
    done = subprocess.run(
        [sys.executable, "-m", "checks", "report", str(EXAMPLE_FILE), "--format", "markdown"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == render(BUILDER, read_draft(EXAMPLE_FILE.read_bytes(), AGREEMENT), "markdown")


def test_the_page_bundle_reads_back_as_the_same_builder():
    assert builder_from_mapping(json.loads(json.dumps(PLAIN))) == BUILDER
    assert BUILDER.register_columns["risk-register"]["review"] == "Review date"  # the register's own label


@pytest.mark.parametrize("registers", [[], {"risk-register": ["Review date"]}, {"risk-register": {"review": 1}}])
def test_a_bundle_with_malformed_register_labels_is_refused(registers):
    with pytest.raises(DefinitionError) as refused:
        builder_from_mapping({**PLAIN, "registers": registers})
    assert refused.value.problems[0].path == "registers"


def definition(**changes) -> dict:
    data = json.loads(json.dumps(PLAIN["agreement"]))
    data["sections"][0].update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"per_party": []}, "sections[0].mandatory: a mandatory section needs at least one mandatory item"),
        (
            {"items": [{"id": "status-x", "label": "X"}]},
            "sections[0].items[0].id: an item's id may not start with 'status-' or 'proposed-by-' or 'preset'",
        ),
        (
            {"items": [{"id": "x", "label": "X", "kind": "choice"}]},
            "sections[0].items[0].options: a 'choice' item needs options, and only a 'choice' item has them",
        ),
        ({"table": "budget"}, "sections[0].table: expected one of: matrix, risks, red-lines, got 'budget'"),
    ],
)
def test_a_bad_definition_is_refused_with_the_path(changes, message):
    with pytest.raises(DefinitionError) as refused:
        agreement_from_mapping(definition(**changes), "agreement.yml")
    assert f"agreement.yml: {message}" in str(refused.value).splitlines()


SCRIPT = (ROOT / "docs" / "assets" / "js" / "rm-agreement.js").read_text(encoding="utf-8")


def test_the_page_script_holds_no_sentence_and_finds_every_message_action_and_setting():
    from checks.agreement.actions import ACTIONS
    from checks.agreement.component import page_config
    from checks.agreement.wording import PAGE_MESSAGES, STORAGE_WARNING
    from checks.answers import FORMAT, STORAGE_KEY_PREFIX

    actions = set(re.findall(r'"(agreement_\w+)"', SCRIPT))
    assert actions | {"agreement_register"} == set(ACTIONS)  # the register's as `agreement_${name}`
    assert actions | set(re.findall(r"\bwords\.(\w+)", SCRIPT)) <= set(PAGE_MESSAGES)
    assert set(re.findall(r"\bconfig\.(\w+)", SCRIPT)) <= set(page_config(BUILDER, ""))
    for text in (*PAGE_MESSAGES.values(), STORAGE_WARNING, FORMAT, STORAGE_KEY_PREFIX):
        assert text not in SCRIPT


def test_the_definitions_readme_lists_every_declared_field():
    from checks.agreement.spec import AGREEMENT as AGREEMENT_SPEC
    from checks.agreement.spec import ITEM, OPTION, PART, PRESET
    from checks.fields import table

    readme = (ROOT / "checks" / "definitions" / "agreements" / "README.md").read_text(encoding="utf-8")
    for heading, spec in (("Agreement", AGREEMENT_SPEC), ("Sections", PART), ("Items", ITEM), ("Options", OPTION)):
        assert table((("", spec),)) in readme, f"README.md, {heading}: paste\n{table((('', spec),))}"
    assert table((("", PRESET),)) in readme


def test_the_page_imports_any_draft_its_form_can_make():
    """The page reads at most max_bytes of a file: every field at its maxlength, three bytes a unit,
    and every list at its longest option fit in it, with room to spare."""
    markup = agreement_component(BUILDER, PLAIN, "../../")
    config = json.loads(html.unescape(re.search(r'data-config="([^"]*)"', markup).group(1)))
    most = most_characters(markup)
    assert most and 3 * most < config["max_bytes"] / 2


def test_who_proposed_a_section_is_asked_within_that_sections_status_group():
    """Every section has a "Proposed by" field with the same label: a screen reader hears which section
    it is for from the group around it ("Status of section: finance"), as it does for the status."""
    from html.parser import HTMLParser

    from checks.agreement.form import agreement_form

    class Groups(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.legends: list[str] = []  # the open fieldsets' legends, innermost last
            self.in_legend = False
            self.group_of: dict[str, str] = {}  # control id: the legend of its innermost group

        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            if tag == "fieldset":
                self.legends.append("")
            elif tag == "legend":
                self.in_legend = True
            elif tag == "input" and attributes.get("id"):
                self.group_of[attributes["id"]] = self.legends[-1] if self.legends else ""

        def handle_endtag(self, tag):
            if tag == "fieldset":
                self.legends.pop()
            elif tag == "legend":
                self.in_legend = False

        def handle_data(self, data):
            if self.in_legend:
                self.legends[-1] += data

    groups = Groups()
    groups.feed(agreement_form(AGREEMENT, "../../"))
    for part in AGREEMENT.parts:
        assert groups.group_of[f"ag-proposed-by-{part.id}"] == f"Status of section: {part.title.lower()}", part.id


def test_each_sections_link_back_to_its_start_names_the_section():
    """A screen reader's list of links shows each link's words alone: 21 links all "Back to the start of
    this section" could not be told apart."""
    from checks.agreement.form import agreement_form

    markup = agreement_form(AGREEMENT, "../../")
    for number, part in enumerate(AGREEMENT.parts, 1):
        link = re.search(rf'<a href="#{part.id}">([^<]*)</a>', markup)
        assert link and link.group(1) == f"Back to the start of section {number}, {html.escape(part.title)}"
