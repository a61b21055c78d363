"""Validation of checklist definitions: every problem reported, with its path and the exact text users see."""

from __future__ import annotations

import pytest
import yaml

from checks import DefinitionError, checklist_from_mapping, definition_files, load_checklist, load_docs_index
from checks.definitions import DEFINITIONS_DIR
from checks.docs_index import anchors_in, slugify
from checks.fields import table
from checks.loader import load_definition
from checks.outcomes import CONDITION, OUTCOME
from checks.specs import BAND, DOCUMENTED, KINDS, OPTION, QUESTION, SECTION

TOP_KEYS = "id, title, version, description, minutes, bands, sections, kind, min_answered"


def problems(data, **kwargs) -> list[str]:
    """The lines of the DefinitionError a definition raises (the test fails if it raises none)."""
    with pytest.raises(DefinitionError) as excinfo:
        checklist_from_mapping(data, **kwargs)
    return excinfo.value.lines()


def test_a_valid_definition_builds_a_checklist(assessment_data, docs_index):
    checklist = checklist_from_mapping(assessment_data, "defs/team-health.yml", docs_index)
    assert checklist.id == "team-health"
    assert checklist.source == "defs/team-health.yml"
    assert [s.id for s in checklist.sections] == ["trust", "goals"]
    assert [b.name for b in checklist.bands] == ["Needs attention", "Developing", "Strong"]
    assert checklist.question("trust-open").weight == 2.0
    assert checklist.question("trust-open").critical is True


def test_text_is_stripped(assessment_data):
    assessment_data["title"] = "  Team health \n"
    assert checklist_from_mapping(assessment_data).title == "Team health"


def test_bands_are_sorted_by_score(assessment_data):
    assessment_data["bands"].reverse()
    assert [b.min for b in checklist_from_mapping(assessment_data).bands] == [0, 50, 75]


# Missing and unknown keys


def test_missing_keys(assessment_data):
    del assessment_data["description"]
    del assessment_data["sections"][0]["questions"][0]["advice"]
    del assessment_data["bands"][2]["meaning"]
    assert problems(assessment_data) == [
        "description: this key is required",
        "bands[2].meaning: this key is required",
        "sections[0].questions[0].advice: this key is required",
    ]


def test_unknown_key_with_a_did_you_mean_hint(assessment_data):
    assessment_data["sections"][0]["questions"][1]["wieght"] = 2
    assert problems(assessment_data) == ["sections[0].questions[1].wieght: unknown key (did you mean 'weight'?)"]


def test_misspelt_required_key_is_both_missing_and_unknown(assessment_data):
    assessment_data["titel"] = assessment_data.pop("title")
    assert problems(assessment_data) == [
        "title: this key is required",
        "titel: unknown key (did you mean 'title'?)",
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(assessment_data):
    assessment_data["zzz"] = 1
    assert problems(assessment_data) == [f"zzz: unknown key (expected one of: {TOP_KEYS})"]


# Wrong types


def test_weight_high():
    # The example from the issue: the path says where, the message says what.
    data = {
        "id": "x",
        "title": "X",
        "version": 1,
        "description": "X.",
        "minutes": [5, 10],
        "bands": [{"name": "All", "min": 0, "max": 100, "meaning": "All."}],
        "sections": [
            {
                "id": "s",
                "title": "S",
                "guidance": "index.md",
                "questions": [
                    {
                        "id": "q",
                        "text": "Q?",
                        "kind": "agreement",
                        "guidance": "index.md",
                        "advice": "A.",
                        "weight": "high",
                    }
                ],
            }
        ],
    }
    with pytest.raises(
        DefinitionError, match=r"^sections\[0\]\.questions\[0\]\.weight: expected a positive number, got 'high'$"
    ):
        checklist_from_mapping(data)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("id",), "Team Health", "id: expected an id of lower-case letters, digits and hyphens, got 'Team Health'"),
        (
            ("id",),
            "team-health\n",
            "id: expected an id of lower-case letters, digits and hyphens, got 'team-health\\n'",
        ),
        (("id",), "team--health", "id: expected an id of lower-case letters, digits and hyphens, got 'team--health'"),
        (("title",), 5, "title: expected some text, got 5"),
        (("title",), "   ", "title: expected some text, got '   '"),
        (("description",), None, "description: expected some text, got None"),
        (("version",), 0, "version: expected a whole number of 1 or more, got 0"),
        (("version",), "2", "version: expected a whole number of 1 or more, got '2'"),
        (("version",), True, "version: expected a whole number of 1 or more, got True"),
        (("version",), 1.5, "version: expected a whole number of 1 or more, got 1.5"),
        (("kind",), "survey", "kind: expected one of: assessment, decision, got 'survey'"),
        (("min_answered",), 1.5, "min_answered: expected a number from 0 to 1, got 1.5"),
        (("min_answered",), "half", "min_answered: expected a number from 0 to 1, got 'half'"),
        (("sections",), "all", "sections: expected a list with at least one item, got 'all'"),
        (("sections",), [], "sections: expected a list with at least one item, got an empty list"),
        (("sections", 0), "trust", "sections[0]: expected a mapping, got 'trust'"),
        (("bands",), {}, "bands: expected a list with at least one item, got a mapping"),
        (("bands", 2, "max"), 101, "bands[2].max: expected a whole number from 0 to 100, got 101"),
        (("bands", 0, "min"), -1, "bands[0].min: expected a whole number from 0 to 100, got -1"),
        (("sections", 0, "intro"), "", "sections[0].intro: expected some text, got ''"),
        (
            ("sections", 0, "questions", 0, "kind"),
            "scale",
            "sections[0].questions[0].kind: expected one of: agreement, in_place, yes_partly_no, choice, text, "
            "got 'scale'",
        ),
        (
            ("sections", 0, "questions", 0, "critical"),
            "yes",
            "sections[0].questions[0].critical: expected true or false, got 'yes'",
        ),
        (
            ("sections", 0, "questions", 2, "not_relevant"),
            1,
            "sections[0].questions[2].not_relevant: expected true or false, got 1",
        ),
        (
            ("sections", 0, "questions", 0, "text"),
            ["a"],
            "sections[0].questions[0].text: expected some text, got a list",
        ),
        (
            ("sections", 0, "questions", 0, "weight"),
            0,
            "sections[0].questions[0].weight: expected a positive number, got 0",
        ),
        (
            ("sections", 0, "questions", 0, "weight"),
            -2,
            "sections[0].questions[0].weight: expected a positive number, got -2",
        ),
        (
            ("sections", 0, "questions", 0, "weight"),
            True,
            "sections[0].questions[0].weight: expected a positive number, got True",
        ),
        (
            ("sections", 0, "questions", 0, "weight"),
            float("nan"),
            "sections[0].questions[0].weight: expected a positive number, got nan",
        ),
        (
            ("sections", 0, "questions", 0, "weight"),
            float("inf"),
            "sections[0].questions[0].weight: expected a positive number, got inf",
        ),
        (
            # Too big to be a float: refused, not an OverflowError; the value is cut short in the message.
            ("sections", 0, "questions", 0, "weight"),
            10**400,
            "sections[0].questions[0].weight: expected a positive number, got " + "1" + "0" * 56 + "...",
        ),
        (
            ("sections", 0, "questions", 3, "options", 0, "points"),
            -1,
            "sections[0].questions[3].options[0].points: expected a whole number of 0 or more, got -1",
        ),
        (
            ("sections", 0, "questions", 3, "options", 0, "points"),
            0.5,
            "sections[0].questions[3].options[0].points: expected a whole number of 0 or more, got 0.5",
        ),
        (
            ("sections", 0, "questions", 3, "options", 1, "id"),
            "Once",
            "sections[0].questions[3].options[1].id: expected an id of lower-case letters, digits and hyphens, "
            "got 'Once'",
        ),
    ],
)
def test_wrong_types(assessment_data, path, value, expected):
    parent = assessment_data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    assert problems(assessment_data) == [expected]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "expected a mapping, got an empty list"),
        (None, "expected a mapping, got None"),
        ("id: x", "expected a mapping, got 'id: x'"),
    ],
)
def test_a_definition_that_is_not_a_mapping(data, expected):
    assert problems(data) == [expected]


def test_long_values_are_cut_short_in_messages(assessment_data):
    assessment_data["version"] = "v" * 200
    assert problems(assessment_data) == [f"version: expected a whole number of 1 or more, got '{'v' * 56}..."]


# Duplicate ids


def test_duplicate_question_ids_across_sections(assessment_data):
    assessment_data["sections"][1]["questions"][0]["id"] = "trust-open"
    assert problems(assessment_data) == [
        "sections[1].questions[0].id: duplicate id 'trust-open', already used at sections[0].questions[0].id"
    ]


def test_a_section_id_may_not_repeat_a_question_id(assessment_data):
    assessment_data["sections"][0]["questions"][1]["id"] = "goals"
    assert problems(assessment_data) == [
        "sections[1].id: duplicate id 'goals', already used at sections[0].questions[1].id"
    ]


def test_duplicate_section_ids(assessment_data):
    assessment_data["sections"][1]["id"] = "trust"
    assert problems(assessment_data) == ["sections[1].id: duplicate id 'trust', already used at sections[0].id"]


def test_duplicate_option_ids(assessment_data):
    assessment_data["sections"][0]["questions"][3]["options"][2]["id"] = "never"
    assert problems(assessment_data) == [
        "sections[0].questions[3].options[2].id: duplicate id 'never', "
        "already used at sections[0].questions[3].options[0].id"
    ]


def test_option_ids_may_repeat_in_different_questions(assessment_data):
    options = assessment_data["sections"][0]["questions"][3]["options"]
    assessment_data["sections"][1]["questions"][0] = {
        **assessment_data["sections"][0]["questions"][3],
        "id": "goals-meetings",
        "options": [dict(o) for o in options],
    }
    checklist_from_mapping(assessment_data)


# Sections, bands and choices that cannot work


def test_an_empty_section(assessment_data):
    assessment_data["sections"][1]["questions"] = []
    assert problems(assessment_data) == ["sections[1].questions: a section needs at least one question"]


def test_a_section_without_questions(assessment_data):
    del assessment_data["sections"][1]["questions"]
    assert problems(assessment_data) == ["sections[1].questions: this key is required"]


def test_bands_that_leave_scores_uncovered(assessment_data):
    assessment_data["bands"][1]["max"] = 60
    assert problems(assessment_data) == ["bands: no band covers scores 61 to 74"]


def test_bands_that_overlap(assessment_data):
    assessment_data["bands"][0]["max"] = 55
    assert problems(assessment_data) == ["bands: more than one band covers scores 50 to 55"]


def test_bands_with_gaps_and_overlaps_in_several_places(assessment_data):
    assessment_data["bands"] = [
        {"name": "Low", "min": 1, "max": 40, "meaning": "Low."},
        {"name": "Mid", "min": 42, "max": 80, "meaning": "Mid."},
        {"name": "High", "min": 70, "max": 99, "meaning": "High."},
    ]
    assert problems(assessment_data) == [
        "bands: no band covers scores 0, 41, 100",
        "bands: more than one band covers scores 70 to 80",
    ]


def test_a_band_upside_down(assessment_data):
    assessment_data["bands"][1].update(min=74, max=50)
    assert problems(assessment_data) == [
        "bands[1]: min (74) is above max (50)",
        "bands: no band covers scores 50 to 74",
    ]


def test_a_choice_where_every_option_is_worth_the_same(assessment_data):
    for option in assessment_data["sections"][0]["questions"][3]["options"]:
        option["points"] = 2
    assert problems(assessment_data) == [
        "sections[0].questions[3].options: every option is worth 2 points, so the question cannot score"
    ]


def test_a_choice_where_every_option_is_worth_nothing(assessment_data):
    for option in assessment_data["sections"][0]["questions"][3]["options"]:
        option["points"] = 0
    assert problems(assessment_data) == [
        "sections[0].questions[3].options: every option is worth 0 points, so the question cannot score"
    ]


def test_a_choice_with_a_single_option(assessment_data):
    question = assessment_data["sections"][0]["questions"][3]
    question["options"] = question["options"][-1:]
    assert problems(assessment_data) == ["sections[0].questions[3].options: a choice needs at least two options"]


def test_a_choice_without_options(assessment_data):
    del assessment_data["sections"][0]["questions"][3]["options"]
    assert problems(assessment_data) == ["sections[0].questions[3].options: a 'choice' question needs options"]


def test_a_scale_question_may_not_bring_options(assessment_data):
    assessment_data["sections"][0]["questions"][0]["options"] = [{"id": "a", "label": "A", "points": 1}]
    assert problems(assessment_data) == [
        "sections[0].questions[0].options: a question of kind 'agreement' uses its built-in scale; remove 'options'"
    ]


def test_an_assessment_may_not_have_outcomes(assessment_data, decision_data):
    assessment_data["outcomes"] = decision_data["outcomes"]
    assert problems(assessment_data) == ["outcomes: only a checklist of kind 'decision' has outcomes"]


def test_a_decision_needs_outcomes(decision_data):
    del decision_data["outcomes"]
    assert problems(decision_data) == ["outcomes: this key is required"]


# Guidance links


def test_links_are_checked_only_against_a_docs_index(assessment_data):
    assessment_data["sections"][0]["guidance"] = "behaviours/trusts.md"
    checklist_from_mapping(assessment_data)  # no index: links are not checked
    assert problems(assessment_data, docs={}) == [
        "sections[0].guidance: no page 'behaviours/trusts.md' in the docs",
        "sections[0].questions[0].guidance: no page 'behaviours/trust.md' in the docs",
        "sections[0].questions[1].guidance: no page 'behaviours/trust.md' in the docs",
        "sections[0].questions[2].guidance: no page 'behaviours/trust.md' in the docs",
        "sections[0].questions[3].guidance: no page 'behaviours/trust.md' in the docs",
        "sections[1].guidance: no page 'foundations/goals.md' in the docs",
        "sections[1].questions[0].guidance: no page 'foundations/goals.md' in the docs",
        "sections[1].questions[1].guidance: no page 'foundations/goals.md' in the docs",
        "sections[1].questions[2].guidance: no page 'foundations/goals.md' in the docs",
    ]


def test_a_link_to_a_page_that_does_not_exist(assessment_data, docs_index):
    assessment_data["sections"][0]["guidance"] = "behaviours/trusts.md"
    assert problems(assessment_data, docs=docs_index) == [
        "sections[0].guidance: no page 'behaviours/trusts.md' in the docs"
    ]


def test_a_link_to_an_anchor_that_does_not_exist(assessment_data, docs_index):
    assessment_data["sections"][1]["questions"][2]["guidance"] = "foundations/goals.md#nowhere"
    assert problems(assessment_data, docs=docs_index) == [
        "sections[1].questions[2].guidance: page 'foundations/goals.md' has no heading with anchor 'nowhere'"
    ]


def test_links_are_checked_alongside_other_problems(assessment_data, docs_index):
    assessment_data["sections"][0]["guidance"] = "behaviours/trusts.md"
    assessment_data["sections"][1]["guidance"] = 7
    assessment_data["version"] = 0
    assert problems(assessment_data, docs=docs_index) == [
        "version: expected a whole number of 1 or more, got 0",
        "sections[0].guidance: no page 'behaviours/trusts.md' in the docs",
        "sections[1].guidance: expected some text, got 7",
    ]


# Many problems at once


def test_every_problem_is_reported_with_the_file_name(assessment_data):
    assessment_data["sections"][0]["questions"][0]["weight"] = "high"
    assessment_data["sections"][0]["questions"][1]["wieght"] = 2
    del assessment_data["sections"][1]["title"]
    assessment_data["bands"][1]["max"] = 60
    assessment_data["sections"][1]["questions"][0]["id"] = "trust-open"
    source = "checks/definitions/team-health.yml"
    with pytest.raises(DefinitionError) as excinfo:
        checklist_from_mapping(assessment_data, source)
    expected = [  # in the order the fields are declared (checks.specs): bands before sections
        "bands: no band covers scores 61 to 74",
        "sections[0].questions[0].weight: expected a positive number, got 'high'",
        "sections[0].questions[1].wieght: unknown key (did you mean 'weight'?)",
        "sections[1].title: this key is required",
        "sections[1].questions[0].id: duplicate id 'trust-open', already used at sections[0].questions[0].id",
    ]
    assert excinfo.value.lines() == [f"{source}: {line}" for line in expected]
    assert str(excinfo.value) == "\n".join(f"{source}: {line}" for line in expected)
    assert excinfo.value.source == source
    assert excinfo.value.problems[1].path == "sections[0].questions[0].weight"
    assert excinfo.value.problems[1].message == "expected a positive number, got 'high'"


def test_problems_in_every_part_at_once(assessment_data, docs_index):
    assessment_data["id"] = "Team"
    assessment_data["sections"][0]["questions"][3]["options"] = [{"id": "only", "label": "Only", "points": 1}]
    assessment_data["sections"][1]["questions"][1]["kind"] = "stars"
    assessment_data["bands"][2]["min"] = 70
    with pytest.raises(DefinitionError) as excinfo:
        checklist_from_mapping(assessment_data, "x.yml", docs_index)
    assert str(excinfo.value) == (
        "x.yml: id: expected an id of lower-case letters, digits and hyphens, got 'Team'\n"
        "x.yml: bands: more than one band covers scores 70 to 74\n"
        "x.yml: sections[0].questions[3].options: a choice needs at least two options\n"
        "x.yml: sections[1].questions[1].kind: expected one of: agreement, in_place, yes_partly_no, choice, "
        "text, got 'stars'"
    )


# Loading files


def test_load_checklist_from_yaml(tmp_path, assessment_data, docs_index):
    path = tmp_path / "team-health.yml"
    path.write_text(yaml.safe_dump(assessment_data, sort_keys=False), encoding="utf-8")
    checklist = load_checklist(path, docs_index)
    assert checklist == checklist_from_mapping(assessment_data)
    assert checklist.source == str(path)


def test_load_checklist_names_the_file_in_each_problem(tmp_path, assessment_data):
    assessment_data["version"] = "two"
    del assessment_data["sections"][0]["title"]
    path = tmp_path / "team-health.yml"
    path.write_text(yaml.safe_dump(assessment_data), encoding="utf-8")
    with pytest.raises(DefinitionError) as excinfo:
        load_checklist(path)
    assert excinfo.value.lines() == [
        f"{path}: version: expected a whole number of 1 or more, got 'two'",
        f"{path}: sections[0].title: this key is required",
    ]


def test_load_checklist_names_the_file_in_each_problem_with_a_decision_condition(tmp_path, decision_data):
    decision_data["outcomes"][0]["when"][0] = {"unknown": "some", "reason": "R: {answer}."}
    decision_data["outcomes"][0]["when"][1]["critical_below"] = 50
    path = tmp_path / "go-or-wait.yml"
    path.write_text(yaml.safe_dump(decision_data), encoding="utf-8")
    with pytest.raises(DefinitionError) as excinfo:
        load_checklist(path)
    assert excinfo.value.lines() == [
        f"{path}: outcomes[0].when[0].reason: unknown placeholder '{{answer}}': the only one is '{{answers}}'",
        f"{path}: outcomes[0].when[0].unknown: expected one of: critical, other, got 'some'",
        f"{path}: outcomes[0].when[1]: a condition tests one thing, but this one has both 'section' and "
        "'critical_below'",
    ]


def test_load_checklist_that_is_not_yaml(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(DefinitionError) as excinfo:
        load_checklist(path)
    assert excinfo.value.lines() == [f"{path}: line 3: not valid YAML (expected ',' or ']', but got '<stream end>')"]


def test_load_checklist_that_does_not_exist(tmp_path):
    path = tmp_path / "missing.yml"
    with pytest.raises(DefinitionError) as excinfo:
        load_checklist(path)
    assert str(excinfo.value) == f"{path}: cannot read the file (No such file or directory)"


def test_load_checklist_that_is_a_folder(tmp_path):
    with pytest.raises(DefinitionError) as excinfo:
        load_checklist(tmp_path)
    assert str(excinfo.value) == f"{tmp_path}: cannot read the file (Is a directory)"


def test_load_checklist_that_is_not_text(tmp_path):
    path = tmp_path / "binary.yml"
    path.write_bytes(b"id: x\ntitle: Caf\xe9\n")  # Latin-1, as an older editor might save it
    with pytest.raises(DefinitionError) as excinfo:
        load_checklist(path)
    assert str(excinfo.value) == f"{path}: line 2: not UTF-8 text: save the file as UTF-8 and build again"


def test_definition_files_lists_yml_files_in_name_order(tmp_path):
    for name in ("b.yml", "a.yml", "c.yaml", "README.md"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in definition_files(tmp_path)] == ["a.yml", "b.yml"]


def test_the_real_definitions_folder_has_definitions():
    assert definition_files(), "no checklist definitions found"


# The docs index that links are checked against


def test_slugify_matches_python_markdown():
    assert slugify("What good looks like") == "what-good-looks-like"
    assert slugify("In the first 90 days!") == "in-the-first-90-days"
    assert slugify("Café & co") == "cafe-co"


def test_anchors_in_a_page():
    page = "\n".join(
        [
            "# Leadership",
            "## What it means {#what-it-means}",
            "## Warning signs",
            "```",
            "## Not a heading",
            "```",
            "### In the first 90 days { #first-90-days }",
            "Text with a # in it",
        ]
    )
    assert anchors_in(page) == {"leadership", "what-it-means", "warning-signs", "first-90-days"}


def test_load_docs_index(tmp_path):
    (tmp_path / "behaviours").mkdir()
    (tmp_path / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "behaviours" / "trust.md").write_text("# Trust\n\n## Warning signs {#warning-signs}\n", "utf-8")
    (tmp_path / "behaviours" / "notes.txt").write_text("# Not markdown\n", encoding="utf-8")
    assert load_docs_index(tmp_path) == {"behaviours/trust.md": {"trust", "warning-signs"}, "index.md": {"home"}}


# How long a checklist takes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15 minutes", "minutes: expected two whole numbers, [least, most], got '15 minutes'"),
        ([15], "minutes: expected two whole numbers, [least, most], got a list"),
        ([20, 15], "minutes: the least (20) is more than the most (15)"),
        ([0, 15], "minutes[0]: expected a whole number from 1 to 600, got 0"),
        ([10, "20"], "minutes[1]: expected a whole number from 1 to 600, got '20'"),
    ],
)
def test_minutes(assessment_data, value, expected):
    assessment_data["minutes"] = value
    assert problems(assessment_data) == [expected]


def test_minutes_are_read(assessment_data):
    assessment_data["minutes"] = [10, 10]
    assert checklist_from_mapping(assessment_data).minutes == (10, 10)


# Free-text questions


def text_question(**fields):
    return {
        "id": "trust-story",
        "text": "Tell us more.",
        "kind": "text",
        "guidance": "index.md",
        "advice": "A.",
    } | fields


def test_a_text_question_is_kept_but_never_scored(assessment_data):
    assessment_data["sections"][0]["questions"].append(text_question())
    question = checklist_from_mapping(assessment_data).question("trust-story")
    assert (question.kind, question.options, question.choices(), question.scored) == ("text", (), (), False)
    assert question.accepts("x" * 2_000) and not question.accepts("x" * 2_001)


def test_a_text_question_takes_nothing_that_scores(assessment_data):
    options = [{"id": "a", "label": "A", "points": 1}, {"id": "b", "label": "B", "points": 2}]
    assessment_data["sections"][0]["questions"].append(
        text_question(options=options, weight=2, critical=True, not_relevant=True)
    )
    assert problems(assessment_data) == [
        f"sections[0].questions[4].{key}: a question of kind 'text' is not scored; remove '{key}'"
        for key in ("options", "weight", "critical", "not_relevant")
    ]


def test_a_section_needs_a_question_that_scores(assessment_data):
    assessment_data["sections"][1]["questions"] = [text_question()]
    assert problems(assessment_data) == [
        "sections[1].questions: a section needs at least one question that is scored (not 'text')"
    ]


# The README's tables are written from the declared fields


def test_the_readme_tables_are_the_declared_fields():
    readme = (DEFINITIONS_DIR / "README.md").read_text(encoding="utf-8")
    for heading, specs in DOCUMENTED.items():
        _, found, rest = readme.partition(f"\n## {heading}\n")
        assert found, f"checks/definitions/README.md has no heading '## {heading}'"
        section = rest.split("\n## ")[0]
        assert table(specs) in section, f"under '## {heading}' the README should have, as generated:\n\n{table(specs)}"


def test_every_spec_the_reader_meets_is_documented():
    documented = {id(spec) for specs in DOCUMENTED.values() for _, spec in specs}
    nested = [QUESTION, SECTION, BAND, OPTION, OUTCOME, CONDITION, *KINDS.values()]
    assert all(id(spec) in documented for spec in nested)


def test_each_kind_declares_each_key_once():
    for specs in DOCUMENTED.values():
        for _, spec in specs:
            assert len(set(spec.names())) == len(spec.names())


def test_a_key_of_another_kind_says_so(assessment_data):
    assessment_data["outcomes"] = []
    assert problems(assessment_data) == ["outcomes: only a checklist of kind 'decision' has outcomes"]


def test_load_definition_names_the_source_and_line(tmp_path):
    path = tmp_path / "typo.yml"
    path.write_text("id: x\ntitle: X\n  version: 1\n", encoding="utf-8")
    with pytest.raises(DefinitionError) as excinfo:
        load_definition(path, "checks/definitions/typo.yml")
    assert str(excinfo.value) == (
        "checks/definitions/typo.yml: line 3: not valid YAML (mapping values are not allowed here)"
    )
