"""Saved answers: reading good and bad documents, orphans, and writing them back out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks import (
    AnswersError,
    SavedAnswers,
    answers_to_dict,
    checklist_from_mapping,
    checklist_id_of,
    definition_files,
    load_checklist,
    new_answers,
    read_answers,
)
from checks.answers import FORMAT, FORMAT_VERSION, ROLES, blank_document, storage_key

NOT_OURS = "This is not a Relationship Matters answers file."


def refusal(source, checklist) -> list[str]:
    """The lines of the AnswersError that reading `source` raises (the test fails if it raises none)."""
    with pytest.raises(AnswersError) as excinfo:
        read_answers(source, checklist)
    return excinfo.value.lines()


# Good documents


def test_a_good_document(assessment, answers_document):
    saved = read_answers(json.dumps(answers_document()), assessment)
    assert saved == SavedAnswers(
        checklist="team-health",
        checklist_version=3,
        saved_at="2026-11-20T10:30:00+00:00",
        respondent={"name": "Sam Patel", "organisation": "Riverside Council", "role": "manager"},
        answers={"trust-open": "agree", "goals-measured": "dont_know"},
        notes={"trust": "We talked about this at the board."},
        orphans={},
    )


def test_text_bytes_and_parsed_data_read_the_same(assessment, answers_document):
    document = answers_document()
    text = json.dumps(document)
    expected = read_answers(document, assessment)
    assert read_answers(text, assessment) == expected
    assert read_answers(text.encode("utf-8"), assessment) == expected
    assert read_answers(bytearray(text.encode("utf-8")), assessment) == expected
    assert read_answers(b"\xef\xbb\xbf" + text.encode("utf-8"), assessment) == expected  # a byte-order mark is fine


def test_optional_fields_may_be_left_out(assessment):
    document = {"format": f"{FORMAT}/1", "checklist": "team-health", "checklist_version": 3}
    assert read_answers(document, assessment) == SavedAnswers("team-health", 3)


def test_not_relevant_where_the_question_allows_it(assessment, answers_document):
    saved = read_answers(answers_document(answers={"trust-agreement": "not_relevant"}), assessment)
    assert saved.answers == {"trust-agreement": "not_relevant"}


def test_an_older_format_version_is_read(assessment, answers_document):
    # format 0 never existed, but anything up to this copy's format is accepted
    assert read_answers(answers_document(format=f"{FORMAT}/0"), assessment).checklist == "team-health"


def test_non_ascii_text_is_kept(assessment, answers_document):
    document = answers_document(respondent={"name": "Zoë Ōkubo"}, notes={"goals": "Ça va – “fine” 👍"})
    saved = read_answers(json.dumps(document, ensure_ascii=False).encode("utf-8"), assessment)
    assert saved.respondent == {"name": "Zoë Ōkubo"}
    assert saved.notes == {"goals": "Ça va – “fine” 👍"}


# Answers to questions the checklist no longer has


def test_an_old_checklist_version_keeps_answers_to_removed_questions(assessment, answers_document):
    document = answers_document(
        checklist_version=2,
        answers={"trust-open": "agree", "trust-old-question": "strongly_agree", "goals-gone": "whatever"},
    )
    saved = read_answers(document, assessment)
    assert saved.checklist_version == 2
    assert saved.answers == {"trust-open": "agree"}
    assert saved.orphans == {"trust-old-question": "strongly_agree", "goals-gone": "whatever"}
    # the orphans stay in the export, never silently dropped
    exported = answers_to_dict(saved)
    assert exported["answers"] == {
        "trust-old-question": "strongly_agree",
        "goals-gone": "whatever",
        "trust-open": "agree",
    }
    assert exported["checklist_version"] == 2
    assert read_answers(json.dumps(exported), assessment) == saved


def test_unknown_question_ids_are_kept_as_orphans(assessment, answers_document):
    saved = read_answers(answers_document(answers={"no-such-question": "yes"}), assessment)
    assert saved.answers == {}
    assert saved.orphans == {"no-such-question": "yes"}


# Writing


def test_new_answers(assessment):
    saved = new_answers(assessment, "2026-11-27T09:00:00")
    assert saved == SavedAnswers("team-health", 3, "2026-11-27T09:00:00")


def test_answers_to_dict(assessment, answers_document):
    saved = SavedAnswers(
        "team-health",
        3,
        "2026-11-20T10:30:00",
        {"name": "Sam"},
        {"trust-open": "agree"},
        {"trust": "A note."},
        {"old": "yes"},
    )
    assert answers_to_dict(saved) == {
        "format": "relationship-matters-answers/2",
        "checklist": "team-health",
        "checklist_version": 3,
        "saved_at": "2026-11-20T10:30:00",
        "respondent": {"name": "Sam"},
        "answers": {"old": "yes", "trust-open": "agree"},
        "notes": {"trust": "A note."},
        "rows": [],
    }


def test_export_then_import(assessment, answers_document):
    saved = read_answers(answers_document(), assessment)
    assert read_answers(json.dumps(answers_to_dict(saved)), assessment) == saved


# Which checklist a file is for


def test_checklist_id_of(answers_document):
    assert checklist_id_of(json.dumps(answers_document()).encode()) == "team-health"
    assert checklist_id_of(answers_document(checklist="should-we-partner")) == "should-we-partner"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[]", NOT_OURS),
        ('{"format": "other/1", "checklist": "x"}', NOT_OURS),
        (b"\xff", "This file is not text: an answers file is JSON text."),
        ("{", "This file is not valid JSON (line 1, column 2)."),
        (f'{{"format": "{FORMAT}/1"}}', "The file does not say which checklist its answers are for."),
        (
            f'{{"format": "{FORMAT}/1", "checklist": "../../etc/passwd"}}',
            "The file does not say which checklist its answers are for.",
        ),
        (
            f'{{"format": "{FORMAT}/1", "checklist": "x\\n"}}',
            "The file does not say which checklist its answers are for.",
        ),
    ],
)
def test_checklist_id_of_refuses(source, expected):
    with pytest.raises(AnswersError) as excinfo:
        checklist_id_of(source)
    assert str(excinfo.value) == expected


# Malformed input: each refused with a plain-English reason


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("not json", "This file is not valid JSON (line 1, column 1)."),
        ('{"format":\n  "x",\n}', "This file is not valid JSON (line 3, column 1)."),
        ("", "This file is empty."),
        (b"", "This file is empty."),
        (" \n\t", "This file is empty."),
        ("[1, 2]", NOT_OURS),
        ('"relationship-matters-answers/1"', NOT_OURS),
        ("null", NOT_OURS),
        ("42", NOT_OURS),
        ([], NOT_OURS),
        (None, NOT_OURS),
        (3.5, NOT_OURS),
        ('{"checklist": "team-health"}', NOT_OURS),
        (b"\xff\xfe{}", "This file is not text: an answers file is JSON text."),
        (b'{"format": "\xc3\x28"}', "This file is not text: an answers file is JSON text."),
    ],
)
def test_not_an_answers_file(assessment, source, expected):
    assert refusal(source, assessment) == [expected]


@pytest.mark.parametrize(
    "value",
    [
        "relationship-matters-answers",
        "relationship-matters-answers/",
        "relationship-matters-answers/one",
        "relationship-matters-answers/1\n",
        "relationship-matters-answers/1.0",
        "Relationship-Matters-Answers/1",
        "other-toolkit/1",
        1,
        None,
        ["relationship-matters-answers/1"],
    ],
)
def test_wrong_format_string(assessment, answers_document, value):
    assert refusal(answers_document(format=value), assessment) == [NOT_OURS]


def test_newer_format_version(assessment, answers_document):
    assert refusal(answers_document(format=f"{FORMAT}/3"), assessment) == [
        "This file was saved by a newer version of the toolkit (format 3). "
        "This copy reads format 2: update it, or export the answers again from an older copy."
    ]


def test_another_checklist(assessment, answers_document):
    assert refusal(answers_document(checklist="should-we-partner"), assessment) == [
        "This file holds answers for 'should-we-partner', not for Team health."
    ]


@pytest.mark.parametrize("value", [None, 7, ["team-health"], {"id": "team-health"}])
def test_no_checklist_named(assessment, answers_document, value):
    assert refusal(answers_document(checklist=value), assessment) == [
        "The file does not say which checklist its answers are for."
    ]


def test_no_checklist_key(assessment, answers_document):
    document = answers_document()
    del document["checklist"]
    assert refusal(document, assessment) == ["The file does not say which checklist its answers are for."]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"extra": 1}, "The file has fields this toolkit does not use: 'extra'."),
        ({"checklist_version": "3"}, "The checklist version in the file must be a whole number of 1 or more."),
        ({"checklist_version": 0}, "The checklist version in the file must be a whole number of 1 or more."),
        ({"checklist_version": True}, "The checklist version in the file must be a whole number of 1 or more."),
        ({"checklist_version": 2.0}, "The checklist version in the file must be a whole number of 1 or more."),
        ({"saved_at": "yesterday"}, "The date the answers were saved is not a date and time."),
        ({"saved_at": 20261120}, "The date the answers were saved is not a date and time."),
        ({"saved_at": "2026-11-20T10:30:00" + " " * 40}, "The date the answers were saved is not a date and time."),
        ({"respondent": ["Sam"]}, "The respondent details must be a set of named fields."),
        ({"respondent": "Sam"}, "The respondent details must be a set of named fields."),
        ({"respondent": {"name": 5}}, "The respondent's name must be text of at most 200 characters."),
        ({"respondent": {"role": None}}, "The respondent's role must be text of at most 200 characters."),
        (
            {"respondent": {"role": "Manager"}},
            "The respondent's role must be one of: board or senior leader, manager, front-line staff, volunteer, "
            "community member, other.",
        ),
        ({"respondent": {"anonymous": "yes"}}, "Whether the respondent answers anonymously must be true or false."),
        (
            {"respondent": {"name": "Sam", "anonymous": True}},
            "The respondent chose to answer anonymously, so the file must not hold their name.",
        ),
        ({"rows": {"risk": "x"}}, "The rows must be a list of entries, each a set of named fields."),
        ({"rows": ["x"]}, "Row 1 must be a set of named fields."),
        ({"respondent": {"email": "a@b.c"}}, "The respondent details have a field this toolkit does not use: 'email'."),
        ({"answers": ["agree"]}, "The answers must be a set of question ids, each with its answer."),
        ({"answers": "agree"}, "The answers must be a set of question ids, each with its answer."),
        ({"answers": {"trust-open": 3}}, "The answer to question 'trust-open' is not a recognised answer."),
        ({"answers": {"trust-open": None}}, "The answer to question 'trust-open' is not a recognised answer."),
        ({"answers": {"trust-open": ["agree"]}}, "The answer to question 'trust-open' is not a recognised answer."),
        ({"answers": {"old-question": 3}}, "The answer to question 'old-question' is not a recognised answer."),
        (
            {"answers": {"trust-open": "yes"}},
            "The answer to question 'trust-open' is 'yes', which it does not accept.",
        ),
        (
            {"answers": {"trust-open": "not_relevant"}},
            "The answer to question 'trust-open' is 'not_relevant', which it does not accept.",
        ),
        ({"notes": "A note."}, "The notes must be a set of section ids, each with its note."),
        ({"notes": {"trust": 1}}, "The note for 'trust' must be text of at most 20,000 characters."),
        ({"notes": {"trust": {"text": "x"}}}, "The note for 'trust' must be text of at most 20,000 characters."),
    ],
)
def test_wrong_types_and_values(assessment, answers_document, fields, expected):
    assert refusal(answers_document(**fields), assessment) == [expected]


def test_over_long_text(assessment, answers_document):
    document = answers_document(
        respondent={"name": "n" * 201, "organisation": "o" * 200},
        answers={"q" * 101: "agree", "trust-open": "a" * 101, "x" * 100: "y" * 2_000, "gone": "z" * 2_001},
        notes={"trust": "n" * 20_001, "goals": "n" * 20_000, "k" * 101: "short"},
    )
    assert refusal(document, assessment) == [
        "The respondent's name must be text of at most 200 characters.",
        f"The answer to question '{'q' * 40}...' is not a recognised answer.",
        f"The answer to question 'trust-open' is '{'a' * 40}...', which it does not accept.",
        "The answer to question 'gone' is 2,001 characters long; an answer is never more than 2,000.",
        "The note for 'trust' must be text of at most 20,000 characters.",
        f"The note for '{'k' * 40}...' must be text of at most 20,000 characters.",
    ]


def test_text_at_the_limits_is_accepted(assessment, answers_document):
    document = answers_document(
        respondent={"name": "n" * 200},
        answers={"x" * 100: "y" * 2_000},
        notes={"goals": "n" * 20_000},
    )
    saved = read_answers(document, assessment)
    assert saved.orphans == {"x" * 100: "y" * 2_000}  # a text answer to a question since removed


def test_every_problem_is_reported_at_once(assessment, answers_document):
    document = answers_document(
        checklist_version="three",
        respondent={"name": 1},
        answers={"trust-open": "maybe"},
        notes=[],
    )
    assert refusal(json.dumps(document), assessment) == [
        "The checklist version in the file must be a whole number of 1 or more.",
        "The respondent's name must be text of at most 200 characters.",
        "The answer to question 'trust-open' is 'maybe', which it does not accept.",
        "The notes must be a set of section ids, each with its note.",
    ]


def test_a_long_list_of_problems_is_cut_short(assessment, answers_document):
    document = answers_document(answers={f"trust-open-{i}": i for i in range(25)})
    lines = refusal(document, assessment)
    assert len(lines) == 11
    assert lines[0] == "The answer to question 'trust-open-0' is not a recognised answer."
    assert lines[-1] == "... and 15 more problems."


def test_values_from_the_file_are_quoted_and_cut_short(assessment, answers_document):
    assert refusal(answers_document(checklist="c" * 100), assessment) == [
        f"This file holds answers for '{'c' * 40}...', not for Team health."
    ]
    document = answers_document(**{f"field-{i}": 1 for i in range(8)})
    assert refusal(document, assessment) == [
        "The file has fields this toolkit does not use: 'field-0', 'field-1', 'field-2', 'field-3', 'field-4'."
    ]


# Input that is too big or too deep


def test_a_10_mb_input(assessment, answers_document):
    padding = " " * 10_000_000
    text = json.dumps(answers_document()) + padding
    expected = ["This file is 10.0 MB; an answers file is never more than 1 MB."]
    assert refusal(text.encode("utf-8"), assessment) == expected
    assert refusal(text, assessment) == expected


def test_size_is_measured_in_utf8_bytes(assessment, answers_document):
    # 400,000 characters of three bytes each: 1.2 MB
    document = answers_document(notes={"trust": "€" * 400_000})
    assert refusal(json.dumps(document, ensure_ascii=False), assessment) == [
        "This file is 1.2 MB; an answers file is never more than 1 MB."
    ]


def test_100000_answers(assessment, answers_document):
    answers = {f"q{i}": "agree" for i in range(100_000)}
    expected = ["This file holds 100,000 answers; a checklist never has more than 1,000."]
    assert refusal(answers_document(answers=answers), assessment) == expected
    # as a file it is too big before it is even parsed
    (line,) = refusal(json.dumps(answers_document(answers=answers)), assessment)
    assert line.startswith("This file is ") and line.endswith(" MB; an answers file is never more than 1 MB.")


def test_1000_answers_are_allowed(assessment, answers_document):
    saved = read_answers(answers_document(answers={f"q{i}": "agree" for i in range(1000)}), assessment)
    assert len(saved.orphans) == 1000


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deeply_nested_json(assessment, depth):
    text = "[" * depth + "]" * depth
    assert refusal(text, assessment) == ["This file is nested too deeply to be an answers file."]


@pytest.mark.parametrize("text", ["[" * 100_000, "[" * 100_000 + '"', '{"a": ' * 100_000, "[" * 60 + "[1]" * 3])
def test_nesting_that_never_closes_is_refused_by_its_depth_too(assessment, text):
    """A file cut short: the parser goes as deep as it opens before it finds the end, which stops the
    browser's engine as surely as a file that closes."""
    expected = "This file is nested too deeply" if len(text) > 1000 else "This file is not valid JSON"
    assert refusal(text, assessment)[0].startswith(expected)


def test_deep_nesting_inside_a_document(assessment):
    text = f'{{"format": "{FORMAT}/1", "checklist": "team-health", "answers": {"[" * 50_000}{"]" * 50_000}}}'
    assert refusal(text, assessment) == ["This file is nested too deeply to be an answers file."]


def test_nesting_past_64_levels_is_refused_before_parsing_and_as_data_is_a_wrong_type(assessment, answers_document):
    """Before parsing: in the browser's engine, some thousands of levels stop the engine instead of
    raising RecursionError, so a file is refused by its depth alone."""
    nested: list = []
    for _ in range(200):
        nested = [nested]
    document = answers_document(notes=nested)
    assert refusal(json.dumps(document), assessment) == ["This file is nested too deeply to be an answers file."]
    assert refusal(document, assessment) == ["The notes must be a set of section ids, each with its note."]
    at_most = answers_document(notes=json.loads("[" * 61 + "]" * 61))  # 64 levels with the file's own three
    assert refusal(json.dumps(at_most), assessment) == ["The notes must be a set of section ids, each with its note."]


@pytest.mark.parametrize("text", ['["]]]]"]', '{"a": "[[[[\\"[["}', '{"a": [1, 2}'])
def test_brackets_in_strings_or_out_of_pairs_are_not_counted_as_nesting(assessment, text):
    assert "nested too deeply" not in " ".join(refusal(text, assessment))


def test_lone_surrogates_do_not_escape_as_another_error(assessment, answers_document):
    text = json.dumps(answers_document(respondent={"name": "\ud800"}), ensure_ascii=False)
    with pytest.raises(AnswersError) as excinfo:  # valid JSON, but no report could be written with it
        read_answers(text, assessment)
    assert str(excinfo.value) == f"This file has a broken character (line 1, column {text.index(chr(0xD800)) + 1})."
    with pytest.raises(AnswersError):
        read_answers(text.encode("utf-8", "surrogatepass"), assessment)


def test_parsed_data_with_keys_that_are_not_text(assessment, answers_document):
    # JSON keys are always text, but parsed data handed in directly may not be
    with pytest.raises(AnswersError) as excinfo:
        read_answers(answers_document(answers={1: "agree"}), assessment)
    assert str(excinfo.value) == "This file could not be read as saved answers."


def test_errors_have_no_source_until_the_caller_names_one(assessment):
    with pytest.raises(AnswersError) as excinfo:
        read_answers("{}", assessment)
    assert excinfo.value.source == ""
    excinfo.value.source = "answers.json"
    assert str(excinfo.value) == f"answers.json: {NOT_OURS}"


# Format 2: who answered, free text, rows; and every format-1 file read unchanged

FORMAT_1_FILES = sorted((Path(__file__).parent / "fixtures" / "format-1").glob("*.json"))


@pytest.fixture(scope="module")
def real_checklists():
    return {path.stem: load_checklist(path) for path in definition_files()}


@pytest.mark.parametrize("path", FORMAT_1_FILES, ids=[path.name for path in FORMAT_1_FILES])
def test_every_format_1_file_reads_unchanged(real_checklists, path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["format"] == f"{FORMAT}/1"
    saved = read_answers(path.read_bytes(), real_checklists[checklist_id_of(path.read_bytes())])
    assert ({**saved.orphans, **saved.answers}, saved.notes) == (raw["answers"], raw["notes"])
    assert (saved.checklist_version, saved.saved_at, saved.respondent) == (
        raw["checklist_version"],
        raw["saved_at"],
        raw["respondent"],
    )
    again = answers_to_dict(saved)  # written back in the newest format, the same content
    assert again == {**raw, "format": f"{FORMAT}/{FORMAT_VERSION}", "rows": []}
    assert read_answers(json.dumps(again), real_checklists[saved.checklist]) == saved


def test_the_format_1_fixtures_cover_every_checklist(real_checklists):
    assert {json.loads(path.read_text(encoding="utf-8"))["checklist"] for path in FORMAT_1_FILES} == set(
        real_checklists
    )


@pytest.mark.parametrize(
    ("role", "read_as"),
    [("Manager", "manager"), (" front-line STAFF ", "front-line-staff"), ("Chief executive", "other"), ("", "")],
)
def test_a_format_1_role_is_read_as_the_role_it_names(assessment, answers_document, role, read_as):
    document = answers_document(format=f"{FORMAT}/1", respondent={"role": role})
    assert read_answers(document, assessment).respondent == {"role": read_as}


def test_who_answered(assessment, answers_document):
    for respondent in (
        {"organisation": "Age UK Leeds", "role": "volunteer", "name": "Sam"},
        {"organisation": "Age UK Leeds", "role": "community-member", "anonymous": True},
        {"anonymous": False, "name": "Sam"},
        {},
    ):
        saved = read_answers(answers_document(respondent=respondent), assessment)
        assert saved.respondent == respondent
        assert answers_to_dict(saved)["respondent"] == respondent
    assert list(ROLES) == [
        "board-or-senior-leader",
        "manager",
        "front-line-staff",
        "volunteer",
        "community-member",
        "other",
    ]


@pytest.fixture
def with_text_question(assessment_data):
    """The assessment with a free-text question at the end of its first section."""
    question = {"id": "trust-story", "text": "Tell us more.", "kind": "text", "guidance": "index.md", "advice": "A."}
    assessment_data["sections"][0]["questions"].append(question)
    return checklist_from_mapping(assessment_data)


def test_free_text_answers_up_to_2000_characters(with_text_question, answers_document):
    saved = read_answers(
        answers_document(answers={"trust-story": "é" * 2_000, "trust-open": "agree"}), with_text_question
    )
    assert saved.answers == {"trust-story": "é" * 2_000, "trust-open": "agree"}
    assert refusal(answers_document(answers={"trust-story": "x" * 2_001}), with_text_question) == [
        "The answer to question 'trust-story' is 2,001 characters long; an answer is never more than 2,000."
    ]


def test_rows_of_entries(assessment, answers_document):
    rows = [{"risk": "Funding ends in March.", "owner": "Board", "due-by": "x" * 2_000}, {}]
    saved = read_answers(answers_document(rows=rows), assessment)
    assert saved.rows == tuple(rows)
    assert answers_to_dict(saved)["rows"] == rows
    assert read_answers(answers_document(rows=[{}] * 200), assessment).rows == ({},) * 200


def test_bad_rows_name_the_row_and_the_field(assessment, answers_document):
    rows = [
        {"risk": "Fine."},
        {"Risk Owner": "Board", "risk": 5, "note": "x" * 2_001},
        {f"f{i}": "" for i in range(51)},
        "a risk",
    ]
    assert refusal(answers_document(rows=rows), assessment) == [
        "Row 2 has a field called 'Risk Owner': a field's name is a short id "
        "(lower-case letters, digits and hyphens, at most 40 characters).",
        "Row 2, field 'risk': the entry must be text.",
        "Row 2, field 'note': the entry is 2,001 characters long; an entry is never more than 2,000.",
        "Row 3 has 51 fields; a row never has more than 50.",
        "Row 4 must be a set of named fields.",
    ]
    assert refusal(answers_document(rows=[{}] * 201), assessment) == [
        "This file holds 201 rows; a document never has more than 200."
    ]


def test_the_blank_document_and_where_the_browser_keeps_it(assessment):
    assert blank_document(assessment) == {
        "format": f"{FORMAT}/{FORMAT_VERSION}",
        "checklist": "team-health",
        "checklist_version": 3,
        "saved_at": "",
        "respondent": {},
        "answers": {},
        "notes": {},
        "rows": [],
    }
    assert read_answers(blank_document(assessment), assessment) == new_answers(assessment)
    assert storage_key("team-health") == "relationship-matters:answers:team-health"
