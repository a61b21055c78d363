"""The checklist page component Python renders at build time (checks.component, checks.form), for every
definition, and what the page script may and may not know."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from form_limits import most_characters

from checks import definition_files, load_checklist
from checks.agreement.wording import PAGE_MESSAGES as AGREEMENT_MESSAGES
from checks.answers import FORMAT, STORAGE_KEY_PREFIX, blank_document, storage_key
from checks.compare.component import MESSAGES as COMPARE_MESSAGES
from checks.component import checklist_component, link_box, page_config
from checks.files import REPORTS
from checks.form import PARTS
from checks.loader import load_definition
from checks.model import question_anchor
from checks.registers import load_register, register_files
from checks.registers.component import messages as register_messages
from checks.saved_parts import ROLES
from checks.wording import PAGE_MESSAGES, STORAGE_WARNING

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "assets" / "js").glob("rm-*.js")}
SHARED_SCRIPTS = ("rm-main.js", "rm-engine.js", "rm-forms.js", "rm-status.js", "rm-store.js")
"""rm-main.js and the services it gives every component."""
FILES = definition_files()


class Elements(HTMLParser):
    """Every element's tag and attributes, and the text outside tags."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def having(self, **attrs: str | None) -> list[dict[str, str | None]]:
        names = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            a for _, a in self.elements if all(a.get(n, "\0") == v or (v is None and n in a) for n, v in names.items())
        ]


@pytest.fixture(params=FILES, ids=[path.name for path in FILES])
def case(request):
    """(checklist, its plain data, the component's HTML parsed) for each real definition."""
    data = load_definition(request.param)
    checklist = load_checklist(request.param)
    return checklist, data, Elements(checklist_component(checklist, data, "../../"))


def test_the_page_script_is_told_everything_it_needs(case):
    checklist, data, html = case
    (root,) = html.having(data_module="rm-checklist")
    config = json.loads(root["data-config"])
    assert config == page_config(checklist, "../../")
    assert config["blank"] == blank_document(checklist)
    assert config["storage_key"] == storage_key(checklist.id)
    assert (config["checklist"], config["version"]) == (checklist.id, checklist.version)
    assert json.loads(root["data-definition"]) == data
    assert root["data-checklist"] == checklist.id


def test_every_question_has_its_anchor_and_says_what_it_fills(case):
    checklist, _, html = case
    for question in checklist.questions():
        (fieldset,) = html.having(id=question_anchor(question.id))
        assert fieldset["data-question"] == question.id
        radios = [a for a in html.having(type="radio") if a.get("name") == question.id]
        assert [a["value"] for a in radios] == [value for value, _ in question.choices()]
    for section in checklist.sections:
        (notes,) = html.having(data_section=section.id)
        assert notes["id"] == f"notes-{section.id}"


def test_the_page_imports_any_answers_its_form_can_make(case):
    """The page reads at most max_bytes of a file: every field of the form at its maxlength, three bytes
    a unit, and every question answered with its longest choice fit in it, with room to spare."""
    checklist, data, html = case
    (root,) = html.having(data_module="rm-checklist")
    fields = most_characters(checklist_component(checklist, data, "../../"))  # text fields and lists
    answers = sum(  # each question's id and its longest choice (radio buttons)
        max(len(value) + len(question.id) for value, _ in question.choices() or [("", "")])
        for question in checklist.questions()
    )
    assert fields and 3 * (fields + answers) < json.loads(root["data-config"])["max_bytes"] / 2


def test_the_form_asks_who_is_answering(case):
    _, _, html = case
    filled = {a["data-respondent"] for a in html.having(data_respondent=None)}
    assert filled == {"organisation", "role", "name", "anonymous"}
    roles = [a["value"] for a in html.having(data_respondent="role")]
    assert roles == list(ROLES)
    (anonymous,) = html.having(data_respondent="anonymous")
    (name,) = html.having(data_respondent="name")
    assert anonymous["data-clears"] == name["id"]  # "answer anonymously" clears the name, and keeps none


def test_every_part_the_script_is_told_of_is_in_the_markup(case):
    _, _, html = case
    assert all(html.having(**{f"data_{name}": None}) for name in PARTS)


def test_the_toolbar_is_rendered_hidden_with_every_button(case):
    _, _, html = case
    (toolbar,) = html.having(class_="rm-toolbar")
    assert "hidden" in toolbar
    buttons = [(tag, attrs) for tag, attrs in html.elements if tag == "button"]
    assert [(a["data-action"], a.get("data-format")) for _, a in buttons] == [
        ("export", None),
        ("import", None),
        *[("report", key) for key in REPORTS],
        ("print", None),
        ("print-blank", None),
        ("reset", None),
    ]
    assert list(REPORTS) == ["docx", "markdown", "csv"]  # Word first: the format board papers use
    (warning,) = html.having(class_="rm-warning")
    assert "hidden" in warning
    assert STORAGE_WARNING in "".join(html.text)


def test_the_time_it_takes_is_the_definitions(case):
    checklist, _, html = case
    least, most = checklist.minutes
    said = f"{least} minutes" if least == most else f"{least} to {most} minutes"
    assert f"Allow about {said}." in "".join(html.text)
    assert f"It takes about {said}." in link_box(checklist, None, "../checklists/x.md")


def test_a_section_link_box(case):
    checklist, _, _ = case
    section = checklist.sections[-1]
    box = link_box(checklist, section, "../checklists/x.md")
    assert box.startswith('!!! tip "Check how you are doing"\n    ')
    assert f"](../checklists/x.md#{section.id}) asks {len(section.questions)} questions on this." in box


def test_text_from_a_definition_is_escaped(assessment_data):
    from checks import checklist_from_mapping

    attack = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    assessment_data["title"] += attack
    assessment_data["sections"][0]["title"] += attack
    assessment_data["sections"][0]["intro"] += attack
    question = assessment_data["sections"][0]["questions"][0]
    question["text"] += attack
    question["hint"] = attack
    checklist = checklist_from_mapping(assessment_data)
    html = Elements(checklist_component(checklist, assessment_data, "../"))
    assert not [tag for tag, _ in html.elements if tag in ("script", "img")]
    assert attack in "".join(html.text)


def test_a_text_question_is_a_text_box(assessment_data):
    from checks import checklist_from_mapping

    assessment_data["sections"][0]["questions"].append(
        {"id": "trust-story", "text": "Tell us more.", "kind": "text", "guidance": "index.md", "advice": "A."}
    )
    html = Elements(checklist_component(checklist_from_mapping(assessment_data), assessment_data, "../"))
    (fieldset,) = html.having(id="q-trust-story")
    assert fieldset["data-question"] == "trust-story"
    (box,) = html.having(id="q-trust-story-answer")
    assert (box["maxlength"], box["aria-labelledby"]) == ("2000", "q-trust-story-text")


# What the page script may know: no format, no storage key, no sentence a reader sees


def test_the_scripts_hold_no_format_storage_key_or_wording():
    for name, script in SCRIPTS.items():
        code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith(("//", "*", "/**")))
        code = re.sub(r"console\.\w+\([^;]*\);", "", code)  # messages for developers, in the console
        assert FORMAT not in code, name
        assert STORAGE_KEY_PREFIX not in code, name
        for sentence in (*PAGE_MESSAGES.values(), STORAGE_WARNING, "was not imported", "were imported"):
            assert sentence not in code, (name, sentence)


def test_every_message_the_scripts_look_up_is_given():
    looked_up = set()
    for name in ("rm-checklist.js", *SHARED_SCRIPTS):
        looked_up |= set(re.findall(r"\bwords\.(\w+)", SCRIPTS[name]))
        looked_up |= set(re.findall(r'"(engine-[a-z-]+)"', SCRIPTS[name]))
    looked_up |= set(re.findall(r'code: "([a-z-]+)"', SCRIPTS["rm-worker.js"]))
    assert looked_up and looked_up <= set(PAGE_MESSAGES)
    shared = "".join(SCRIPTS[name] for name in SHARED_SCRIPTS)
    configured = set(re.findall(r"\bconfig\.(\w+)", SCRIPTS["rm-checklist.js"] + shared))
    assert configured and configured <= set(page_config(load_checklist(FILES[0]), ""))


def test_the_form_says_how_many_questions_are_answered_and_links_to_the_result(case):
    """Counts overall and per section, hidden until the script fills them in with Python's words; a
    polite live region for them; "See your result" before the first question (issue 13)."""
    checklist, _, html = case
    total = len(checklist.questions())
    counts = html.having(class_="rm-count")
    assert [c["data-count"] for c in counts] == ["all", *(s.id for s in checklist.sections)]
    assert all("hidden" in c for c in counts)
    (live,) = html.having(class_="rm-count-live rm-visually-hidden")
    assert (live["role"], live["aria-live"]) == ("status", "polite")
    links = [attrs["href"] for tag, attrs in html.elements if tag == "a"]
    assert links[0] == "#results"
    assert "See your result" in html.text
    first_question = next(i for i, (_, a) in enumerate(html.elements) if "data-question" in a)
    link = next(i for i, (tag, a) in enumerate(html.elements) if tag == "a" and a.get("href") == "#results")
    assert link < first_question
    assert f"0 of {total} questions answered" not in html.text  # empty until the script counts
    words = page_config(checklist, "")["messages"]
    assert words["count_all"].format(answered=3, total=total) == f"3 of {total} questions answered"
    assert set(re.findall(r"\{(\w+)\}", words["count_announce"])) == {
        "section",
        "section_answered",
        "section_total",
        "answered",
        "total",
    }
    assert html.having(data_action="print-blank")
    assert html.having(class_="rm-print-answers")


# Every tool's page: its script, the words Python gives it, and the engine's first download


# Each tool's script, with the messages Python gives it (one set a register).
TOOL_MESSAGES = {
    "rm-checklist.js": [PAGE_MESSAGES],
    "rm-compare.js": [COMPARE_MESSAGES],
    "rm-register.js": [register_messages(load_register(path)) for path in register_files()],
    "rm-agreement.js": [AGREEMENT_MESSAGES],
}


@pytest.mark.parametrize("script", sorted(TOOL_MESSAGES))
def test_every_tool_shows_the_engines_first_download_in_pythons_words_and_states_no_size(script):
    """Issue 17: the size is the progress bar's, from the build's own figures; no sentence states one."""
    code = SCRIPTS[script]
    assert re.search(r"\bwatchDownload\(\w+, words\)", code), script
    looked_up = set(re.findall(r"\bwords\.(\w+)", code))
    for words in TOOL_MESSAGES[script]:
        assert {"loading", "downloading", "download_label", "working"} <= set(words), script
        assert looked_up <= set(words), (script, looked_up - set(words))
        assert not re.search(r"\d\s*MB", words["loading"]), words["loading"]


def test_the_tools_share_one_way_to_run_an_action_and_tell_its_outcome():
    """Issue 12: the status line and the alert are one toolbar service (rm-status.js), not a copy in each tool."""
    assert "export function toolbar(" in SCRIPTS["rm-status.js"]
    for script in TOOL_MESSAGES:
        code = SCRIPTS[script]
        assert "tool(root, " in code, script
        assert not re.search(r"function (attempt|tell)\b|\.rm-toolbar-status|\.rm-alert\b", code), script


def test_the_tools_put_pythons_markup_on_the_page_only_through_draw():
    """A tool that set innerHTML itself would have a live summary read out again and drop the reader's
    focus on every redraw; `draw` (rm-status.js) changes only what differs (the browser tests show both)."""
    assert "export function draw(" in SCRIPTS["rm-status.js"]
    for script in TOOL_MESSAGES:
        code = SCRIPTS[script]
        assert "innerHTML" not in code, script
        assert re.search(r"\bdraw\(", code), script
