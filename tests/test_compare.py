"""Comparing partners' answers (checks.compare): reading many files, the spread, "contested", the
agenda, anonymity at its boundary, and the hostile cases. The small checklist `team-health`
(tests/conftest.py) gives exact expectations; the real files check the real content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks import checklist_from_mapping
from checks.answers import SavedAnswers, answers_to_dict
from checks.compare import (
    MAX_FILES_BROWSER,
    Given,
    Settings,
    compare,
    comparison_document,
    comparison_to_data,
    comparison_to_json,
    read_files,
)
from checks.compare.component import page_config
from checks.compare.groups import MIN_GROUP_FLOOR
from checks.compare.heatmap import LEVELS
from checks.definitions import DEFINITIONS_DIR, definition_files, load_checklist
from checks.render.html import document_to_html
from checks.render.text import document_to_text

FIXTURES = Path(__file__).parent / "fixtures" / "format-1"
EXAMPLES = Path(__file__).parents[1] / "checks" / "examples" / "compare-behaviours"
BEHAVIOURS = load_checklist(DEFINITIONS_DIR / "behaviours.yml")
ASSESSMENTS = [c for c in map(load_checklist, definition_files()) if c.kind == "assessment"]


def document(checklist, answers, organisation="", role="", name="", saved_at="", **extra) -> dict:
    respondent = {k: v for k, v in (("organisation", organisation), ("role", role), ("name", name)) if v}
    return answers_to_dict(
        SavedAnswers(checklist.id, checklist.version, saved_at, respondent, answers, extra.get("notes", {}))
    )


def given(*documents: dict) -> list[Given]:
    return [Given(f"file-{n}.json", json.dumps(doc)) for n, doc in enumerate(documents, 1)]


def spread(comparison, question_id):
    return next(q for q in comparison.questions if q.id == question_id)


def test_the_real_format_1_files_are_compared_and_other_checklists_refused_one_by_one():
    files = [Given(p.name, p.read_bytes(), p.stat().st_size) for p in sorted(FIXTURES.glob("*.json"))]
    inputs = read_files(BEHAVIOURS, files)
    assert [r.name for r in inputs.responses] == ["behaviours-complete.json", "behaviours-partial.json"]
    assert [r.name for r in inputs.refused] == [
        "foundations-complete.json",
        "foundations-partial.json",
        "should-we-partner-complete.json",
        "should-we-partner-partial.json",
    ]
    assert inputs.refused[0].reasons == ("This file holds answers for 'foundations', not for Behaviours health check.",)
    # Version 1 files: matched by question id, and what this version does not have is noted.
    assert inputs.notices[0] == (
        "behaviours-complete.json was saved for version 1 of the checklist; this is version 2. "
        "Its answers are matched to the questions by their ids."
    )
    assert (
        "behaviours-partial.json: the comparison leaves out 1 answer to a question this version does not have "
        "(lead-senior-sponsor)" in (inputs.notices[3])
    )
    data = comparison_to_data(compare(BEHAVIOURS, inputs))
    assert data["respondents"] == 2 and len(data["questions"]) == len(BEHAVIOURS.questions())


def test_counts_median_and_range(assessment):
    answers = ["strongly_disagree", "disagree", "agree", "agree"]
    docs = [document(assessment, {"goals-shared": a}, organisation="Org", name=str(n)) for n, a in enumerate(answers)]
    q = spread(compare(assessment, read_files(assessment, given(*docs))), "goals-shared")
    assert dict((v, n) for v, _, n in q.counts) == {
        "strongly_disagree": 1,
        "disagree": 1,
        "neutral": 0,
        "agree": 2,
        "strongly_agree": 0,
        "dont_know": 0,
        "": 0,
    }
    # The middle of steps 0, 1, 3 and 3 is step 2.
    assert (q.median, q.low, q.high, q.steps) == ("Neither agree nor disagree", "Strongly disagree", "Agree", 3)
    docs = docs[:2]  # steps 0 and 1: the middle falls between two answers
    q = spread(compare(assessment, read_files(assessment, given(*docs))), "goals-shared")
    assert q.median == "Between Strongly disagree and Disagree"


@pytest.mark.parametrize(
    ("answers", "contested"),
    [
        (("disagree", "neutral"), False),  # one step apart
        (("disagree", "agree"), True),  # two steps apart (and one weak, the other strong)
        (("strongly_disagree", "neutral"), True),  # two steps apart: weak and middling
        (("neutral", "strongly_agree"), True),  # two steps apart: middling and strong
        (("strongly_disagree", "strongly_agree"), True),
        (("dont_know", "strongly_agree"), False),  # "don't know" is on no scale
    ],
)
def test_contested_when_answers_are_two_or_more_scale_steps_apart(assessment, answers, contested):
    docs = [document(assessment, {"goals-shared": a}, organisation=f"Org {n}") for n, a in enumerate(answers)]
    assert spread(compare(assessment, read_files(assessment, given(*docs))), "goals-shared").contested is contested


def test_contested_when_one_organisation_is_weak_and_another_strong(assessment_data):
    # Options worth 0, 3 and 4 points: "never" is weak (0) and "often" strong (.75), one step apart.
    options = [{"id": "never", "label": "Never", "points": 0}, {"id": "often", "label": "Often", "points": 3}]
    options.append({"id": "always", "label": "Always", "points": 4})
    assessment_data["sections"][0]["questions"][3]["options"] = options
    checklist = checklist_from_mapping(assessment_data)
    docs = [
        document(checklist, {"trust-meetings": "never"}, organisation="A"),
        document(checklist, {"trust-meetings": "often"}, organisation="B"),
    ]
    q = spread(compare(checklist, read_files(checklist, given(*docs))), "trust-meetings")
    assert (q.steps, q.contested, q.reason) == (1, True, "One organisation is weak on this and another strong.")
    docs[0] = document(checklist, {"trust-meetings": "never"}, organisation="B", name="another")
    q = spread(compare(checklist, read_files(checklist, given(*docs))), "trust-meetings")
    assert (q.steps, q.contested) == (1, False)  # the same answers, within one organisation


def test_the_agenda_puts_the_most_contested_first_then_shared_weaknesses_and_strengths(assessment):
    first = {"goals-shared": "disagree", "goals-reviewed": "strongly_disagree", "trust-promises": "not_in_place"}
    first |= {"trust-open": "strongly_agree", "goals-measured": "yes"}
    second = {"goals-shared": "agree", "goals-reviewed": "strongly_agree", "trust-promises": "not_in_place"}
    second |= {"trust-open": "agree", "goals-measured": "yes"}
    docs = [document(assessment, first, organisation="A"), document(assessment, second, organisation="B")]
    data = comparison_to_data(compare(assessment, read_files(assessment, given(*docs))))
    assert data["agenda"] == {
        "contested": ["goals-reviewed", "goals-shared"],  # 4 steps, then 2 (the checklist's order is the other)
        "shared_weaknesses": ["trust-promises"],
        "shared_strengths": ["trust-open", "goals-measured"],
    }
    text = document_to_text(comparison_document(compare(assessment, read_files(assessment, given(*docs)))))
    assert text.index("Most contested first") < text.index("Shared weaknesses") < text.index("Shared strengths")
    assert "Read the guidance (behaviours/trust/#warning-signs)" in text


def test_duplicates_count_once_with_a_notice(assessment):
    doc = document(assessment, {"goals-shared": "agree"}, organisation="A", saved_at="2026-11-01T10:00:00+00:00")
    same_person = {**doc, "answers": {"goals-shared": "disagree"}}
    other = document(assessment, {"goals-shared": "agree"}, organisation="B", saved_at="2026-11-01T10:00:00+00:00")
    files = [Given("a.json", json.dumps(doc)), Given("a-again.json", json.dumps(doc))]
    files += [Given("a-edited.json", json.dumps(same_person)), Given("b.json", json.dumps(other))]
    inputs = read_files(assessment, files)
    assert [r.name for r in inputs.responses] == ["a.json", "b.json"]
    assert inputs.notices == (
        "a-again.json holds the same answers as a.json: counted once.",
        "a-edited.json has the same respondent and time as a.json: counted once.",
    )
    # Added later, to a comparison that has it already: still once.
    assert read_files(assessment, files[:1], inputs.responses).responses == inputs.responses


def test_each_bad_file_is_refused_with_its_reason_and_the_good_ones_still_compared(assessment):
    good = [document(assessment, {"goals-shared": a}, organisation=a) for a in ("agree", "disagree")]
    big = Given("huge.json", b"{" + b" " * 10_000_000 + b"}", 10_000_002)
    files = [*given(*good), Given("not-json.json", "{"), big, Given("empty.json", "")]
    files.append(Given("wrong.json", json.dumps({**good[0], "answers": {"goals-shared": "maybe"}})))
    inputs = read_files(assessment, files)
    assert len(inputs.responses) == 2
    assert {r.name: r.reasons[0] for r in inputs.refused} == {
        "not-json.json": "This file is not valid JSON (line 1, column 2).",
        "huge.json": "This file is 10.0 MB; an answers file is never more than 1 MB.",
        "empty.json": "This file is empty.",
        "wrong.json": "The answer to question 'goals-shared' is 'maybe', which it does not accept.",
    }


def test_past_the_limit_files_are_refused_with_a_plain_message(assessment):
    docs = [document(assessment, {"goals-shared": "agree"}, name=f"person {n}") for n in range(MAX_FILES_BROWSER + 2)]
    inputs = read_files(assessment, given(*docs))
    assert len(inputs.responses) == MAX_FILES_BROWSER
    assert [r.reasons for r in inputs.refused] == [("At most 200 files can be compared at once.",)] * 2


def test_markup_in_names_organisations_notes_and_file_names_is_shown_as_text(assessment):
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    docs = [
        document(assessment, {"goals-shared": "agree"}, organisation=script, name=script, notes={"trust": script}),
        document(assessment, {"goals-shared": "disagree"}, organisation="B"),
    ]
    files = [Given(script + ".json", json.dumps(docs[0])), Given("b.json", json.dumps(docs[1]))]
    files.append(Given(script + "-bad.json", "nope"))
    html = document_to_html(comparison_document(compare(assessment, read_files(assessment, files))))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def anonymous_by_organisation(assessment, sizes: dict[str, int], min_group: int = 5):
    docs = [
        document(assessment, {"goals-shared": "agree"}, organisation=org, name=f"{org} {n}")
        for org, size in sizes.items()
        for n in range(size)
    ]
    return compare(assessment, read_files(assessment, given(*docs)), Settings(True, min_group))


@pytest.mark.parametrize(("size", "shown"), [(4, False), (5, True)])
def test_anonymous_mode_shows_a_group_only_from_five_respondents(assessment, size, shown):
    comparison = anonymous_by_organisation(assessment, {"Small": size, "Big": 6, "Other": 5})
    data = comparison_to_data(comparison)
    small = data["sections"][0]["by_organisation"]["Small"]
    assert (small != "fewer than 5 respondents") is shown
    assert (data["questions"][0]["by_organisation"]["Small"] != "fewer than 5 respondents") is shown
    text = document_to_text(comparison_document(comparison))
    assert "Small 0" not in text and "Big 0" not in text  # no names in anonymous mode
    assert ("Fewer than 5 respondents" in text) is not shown


@pytest.mark.parametrize(("size", "shown"), [(2, False), (3, True)])
def test_the_smallest_group_can_be_set_but_never_below_three(assessment, size, shown):
    assert MIN_GROUP_FLOOR == 3
    data = comparison_to_data(anonymous_by_organisation(assessment, {"A": size, "B": 9, "C": 9}, min_group=3))
    assert (data["sections"][0]["by_organisation"]["A"] != "fewer than 3 respondents") is shown


def test_named_mode_shows_every_group_and_two_organisations_warn_in_anonymous_mode(assessment):
    named = compare(assessment, anonymous_by_organisation(assessment, {"A": 1, "B": 1}).inputs)
    assert "fewer than" not in json.dumps(comparison_to_data(named))
    text = document_to_text(comparison_document(anonymous_by_organisation(assessment, {"A": 6, "B": 6})))
    assert "Only 2 organisations took part, so a view by organisation cannot be anonymous" in text
    one_small = document_to_text(comparison_document(anonymous_by_organisation(assessment, {"A": 1, "B": 6, "C": 6})))
    assert "1 group with fewer than 5 respondents is not shown on its own." in one_small


@pytest.mark.parametrize("checklist", ASSESSMENTS, ids=lambda c: c.id)
def test_every_assessment_checklist_has_an_example_set_for_its_page(checklist):
    examples = page_config(checklist, "")["examples"]
    assert len(examples) >= 4
    files = [Given(e["name"], e["text"]) for e in examples]
    inputs = read_files(checklist, files)
    assert len(inputs.responses) == len(files) and not inputs.notices


def test_the_example_set_compares_three_organisations():
    files = [Given(p.name, p.read_text()) for p in sorted(EXAMPLES.glob("*.json"))]
    data = comparison_to_data(compare(BEHAVIOURS, read_files(BEHAVIOURS, files)))
    assert data["respondents"] == 6 and not data["refused"]
    assert data["organisations"] == ["Hillside Community Action", "Northgate NHS Trust", "Riverside Borough Council"]
    assert data["agenda"]["contested"] and data["agenda"]["shared_weaknesses"] and data["agenda"]["shared_strengths"]


def test_anonymous_reports_name_no_file(assessment):
    docs = [document(assessment, {"goals-shared": a}, organisation="A", name=a) for a in ("agree", "disagree")]
    files = [Given("jo-bloggs.json", json.dumps(docs[0])), Given("jo-bloggs-again.json", json.dumps(docs[0]))]
    files += [Given("sam-smith.json", json.dumps(docs[1])), Given("pat-jones.json", "{")]
    inputs = read_files(assessment, files)
    text = document_to_text(comparison_document(compare(assessment, inputs, Settings(anonymous=True))))
    assert "bloggs" not in text and "smith" not in text and "jones" not in text
    assert "2 notes about the files are not shown in anonymous mode." in text
    named = document_to_text(comparison_document(compare(assessment, inputs)))
    assert "jo-bloggs-again.json holds the same answers as jo-bloggs.json" in named and "pat-jones.json" in named


def test_anonymous_data_names_no_file_either(assessment):
    """The JSON report (python -m checks compare --anonymous --format json) says of the files what the other
    formats say: how many notes there are, never the notes or refused files, whose names can say who answered."""
    docs = [document(assessment, {"goals-shared": a}, organisation="A", name=a) for a in ("agree", "disagree")]
    files = [Given("jo-bloggs.json", json.dumps(docs[0])), Given("jo-bloggs-again.json", json.dumps(docs[0]))]
    files += [Given("sam-smith.json", json.dumps(docs[1])), Given("pat-jones.json", "{")]
    inputs = read_files(assessment, files)
    data = comparison_to_json(compare(assessment, inputs, Settings(anonymous=True)))
    assert "bloggs" not in data and "smith" not in data and "jones" not in data
    assert json.loads(data)["notices"] == ["2 notes about the files are not shown in anonymous mode."]
    named = json.loads(comparison_to_json(compare(assessment, inputs)))
    assert named["refused"][0]["file"] == "pat-jones.json" and "jo-bloggs-again.json" in named["notices"][0]


def test_the_heat_map_is_named_by_what_it_shows_in_every_level_it_draws():
    """Its caption is the figure's name for a screen reader (and what Word and text give in its place): it says
    what each cell holds and each level's look; it was "The table below gives the same." alone."""
    files = [Given(p.name, p.read_text()) for p in sorted(EXAMPLES.glob("*.json"))]
    html = document_to_html(comparison_document(compare(BEHAVIOURS, read_files(BEHAVIOURS, files))))
    caption = html.split('<figure class="rm-figure">', 1)[1].split("<figcaption>", 1)[1].split("</figcaption>")[0]
    assert caption.startswith("Each organisation&#x27;s middle answer to each question")
    assert all(f"{name.lower()} (" in caption for name, _ in LEVELS.values()), caption
