"""Reports of a result: HTML (escaped), Markdown, CSV, JSON, text, and the SVG chart with its text alternative."""

from __future__ import annotations

import html as html_module
import io
import json
import re
import xml.etree.ElementTree as ET

import docx
import markdown
import pytest
from answer_sets import MIXED
from spreadsheet import csv_rows, csv_text
from test_document import parse_html

from checks import (
    SavedAnswers,
    bar_chart,
    chart_text,
    checklist_from_mapping,
    score,
    to_csv,
    to_html,
    to_json,
    to_markdown,
    to_text,
)
from checks.html_report import answers_html
from checks.links import guidance_url
from checks.reports import CSV_COLUMNS, summary_line, to_docx

SVG = "{http://www.w3.org/2000/svg}"
SCRIPT = '<script>alert("x")</script>'
ATTACK = f"{SCRIPT} & 'quotes' \"double\" <img src=x onerror=alert(1)>"


FLAGGED = {
    "trust-open": "disagree",
    "trust-promises": "not_in_place",
    "trust-agreement": "no",
    "trust-meetings": "monthly",
    "goals-shared": "agree",
    "goals-reviewed": "strongly_agree",
    "goals-measured": "dont_know",
}  # trust 22, goals 94, overall 58; red flags trust-open and goals-measured


@pytest.fixture
def hostile(assessment_data):
    """The assessment with markup and quotes in every piece of text a definition can hold."""
    assessment_data["title"] = f"Title {ATTACK}"
    for band in assessment_data["bands"]:
        band["name"] += f" {ATTACK}"
        band["meaning"] += f" {ATTACK}"
    for section in assessment_data["sections"]:
        section["title"] += f" {ATTACK}"
        section["guidance"] += '#"><script>alert(2)</script>'
        for question in section["questions"]:
            question["text"] += f" {ATTACK}"
            question["advice"] += f" {ATTACK}"
            question["guidance"] = question["guidance"].split("#")[0] + '#"onmouseover="alert(3)'
    for option in assessment_data["sections"][0]["questions"][3]["options"]:
        option["label"] += f" {ATTACK}"
    return checklist_from_mapping(assessment_data)


@pytest.fixture
def hostile_result(hostile):
    saved = SavedAnswers(
        "team-health",
        2,
        respondent={"name": SCRIPT, "organisation": ATTACK, "role": '"><script>'},
        answers={"trust-open": "disagree", "trust-meetings": "yearly", "goals-measured": "dont_know"},
        notes={"trust": ATTACK},
        orphans={f"old-{SCRIPT}": ATTACK, '"><svg onload=alert(4)>': SCRIPT},
    )
    return score(hostile, saved)


# HTML


def test_html_escapes_everything(hostile_result):
    html = to_html(hostile_result, "../")
    assert "<script" not in html.lower()
    assert "<img" not in html
    assert "<svg onload" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&#x27;quotes&#x27; &quot;double&quot;" in html
    assert "&amp;" in html
    # the parsed fragment holds only the elements the report itself makes
    elements = parse_html(html)
    allowed = {"div", "p", "strong", "table", "caption", "thead", "tbody", "tr", "th", "td", "h3", "ul", "ol", "li"}
    allowed |= {"span", "br", "a", "code", "figure", "figcaption", "svg", "title", "desc", "text", "rect"}
    assert {tag for tag, _ in elements.tags} <= allowed
    assert not any(name.startswith("on") for _, attributes in elements.tags for name in attributes)
    # the attack text comes back intact once the HTML is parsed: escaped, not removed
    text = "".join(elements.text)
    assert f"We are open with each other about problems. {ATTACK}" in text
    assert f"old-{SCRIPT}: {ATTACK}" in text


def test_html_escapes_quotes_in_attributes(hostile_result):
    html = to_html(hostile_result, "../")
    hrefs = [attributes["href"] for _, attributes in parse_html(html).tags if "href" in attributes]
    assert '../behaviours/trust/#"onmouseover="alert(3)' in hrefs
    assert 'href="../behaviours/trust/#&quot;onmouseover=&quot;alert(3)"' in html


def test_respondent_details_never_reach_the_report(hostile_result):
    html = to_html(hostile_result)
    assert SCRIPT not in html
    assert '"><script>' not in html


def test_html_report_content(assessment):
    result = score(assessment, FLAGGED)
    html = to_html(result, "../")
    summary, detail = html.split("</p>", 1)
    assert summary.startswith('<p class="rm-summary rm-visually-hidden">')
    assert detail.startswith('<div class="rm-result" data-checklist="team-health" aria-live="off">')
    assert html.endswith("</div>")
    assert "<strong>Overall:</strong> 58 out of 100, Developing: Some good habits are in place.</p>" in html
    assert (
        '<tr data-section="trust"><th scope="row">Trust</th><td>22</td><td>Needs attention</td><td>4 of 4</td></tr>'
        in html
    )
    # red flags list, then the action plan (red flags first)
    flags = re.search(r"<h3>Red flags</h3><ul class=\"rm-actions\">(.*?)</ul>", html).group(1)
    assert re.findall(r'data-question="([^"]+)"', flags) == ["trust-open", "goals-measured"]
    plan = re.search(r"<h3>Action plan</h3><ol class=\"rm-actions\">(.*?)</ol>", html).group(1)
    assert re.findall(r'data-question="([^"]+)"', plan) == [
        "trust-open",
        "goals-measured",
        "trust-promises",
        "trust-agreement",
    ]
    assert '<a href="../behaviours/trust/#warning-signs">Read the guidance</a>' in html
    assert (
        "<h3>What you do not know yet</h3><p>Someone lacks this information:</p><ul><li>Is progress measured?</li></ul>"
    ) in html
    assert "Still to answer" not in html


def test_html_report_before_any_answers(assessment):
    html = to_html(score(assessment, {}))
    assert "No overall score until every section has enough answers." in html
    assert "<p>No red flags.</p>" in html
    assert "<p>Nothing to act on yet.</p>" in html
    assert "<h3>Still to answer</h3><p>7 of 7 questions.</p>" in html
    assert '<li><a href="#q-trust-open">We are open with each other about problems.</a></li>' in html
    assert "<td>Not scored yet</td>" in html


def test_html_decision(decision):
    best = {"need-alone": "not-alone", "need-shared": "yes", "means-time": "not_in_place", "means-money": "partly"}
    html = to_html(score(decision, best))
    assert '<div class="rm-decision" data-outcome="not-now"><h3>Recommendation: Not now</h3>' in html
    assert "<p>Why:</p><ul><li>No one has time for it.</li><li>The means are not there.</li></ul>" in html


def test_html_notices_and_orphans(assessment):
    saved = SavedAnswers("team-health", 2, answers={"trust-open": "agree"}, orphans={"gone": "yes"})
    html = to_html(score(assessment, saved))
    assert (
        '<p class="rm-notice" data-kind="note"><strong>Note:</strong> '
        "These answers were saved for version 2 of this checklist; it is now version 3.</p>"
    ) in html
    assert "<h3>Answers to questions that have since changed</h3><ul><li><code>gone</code>: yes</li></ul>" in html


def test_every_format_keeps_hostile_text_as_text(hostile_result):
    """An orphan answer's id and value, and the definition's texts, are text in every format: never markup."""
    from_markdown = parse_html(markdown.markdown(to_markdown(hostile_result), extensions=["tables"]))
    assert not {tag for tag, _ in from_markdown.tags} & {"script", "img", "svg"}
    shown = {
        "html": "".join(parse_html(to_html(hostile_result, "../")).text),
        "markdown": "".join(from_markdown.text),
        "text": to_text(hostile_result),
        "docx": "\n".join(p.text for p in docx.Document(io.BytesIO(to_docx(hostile_result))).paragraphs),
    }
    for name, text in shown.items():
        assert f"old-{SCRIPT}: {ATTACK}" in text, name
        assert f"We are open with each other about problems. {ATTACK}" in text, name
    rows = csv_rows(to_csv(hostile_result))
    assert rows[1][2] == f"We are open with each other about problems. {ATTACK}"


def test_word_report_has_the_same_content(assessment):
    result = score(assessment, FLAGGED)
    doc = docx.Document(io.BytesIO(to_docx(result, "https://example.org/rm/")))
    texts = [p.text for p in doc.paragraphs]
    assert texts[:3] == ["Team health: results", "Version 3 of the checklist.", to_text(result).splitlines()[4]]
    assert [[c.text for c in row.cells] for row in doc.tables[0].rows][1] == [
        "Trust",
        "22",
        "Needs attention",
        "4 of 4",
    ]
    assert "Trust: 22 out of 100 (Needs attention). Goals: 94 out of 100 (Strong)." in texts
    assert "What you do not know yet" in texts


# The chart


def chart_numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(\d+) out of 100", text)]


def test_chart_text_alternative_has_the_section_scores(assessment):
    result = score(assessment, MIXED)
    svg = ET.fromstring(bar_chart(result, "c"))
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c-title c-desc"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title.get("id") == "c-title"
    assert title.text == "Team health: scores by section, out of 100"
    assert desc.get("id") == "c-desc"
    assert desc.text == "Trust: 69 out of 100 (Developing). Goals: 45 out of 100 (Needs attention)."
    assert desc.text == chart_text(result)
    assert chart_numbers(desc.text) == [s.score for s in result.sections] == [69, 45]


def test_chart_labels_and_bars_match_the_scores(assessment):
    result = score(assessment, MIXED)
    svg = ET.fromstring(bar_chart(result))
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    # each section's title and band in words above its bar, the score after the bar, then the axis
    assert texts == ["Trust: Developing", "69", "Goals: Needs attention", "45", "0", "50", "100"]
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "rm-chart-bar"]
    assert [int(r.get("width")) for r in bars] == [round(300 * 69 / 100), round(300 * 45 / 100)]
    assert svg.get("font-size") == "16" and svg.get("viewBox").startswith("0 0 400 ")


def test_chart_with_an_unscored_section(assessment):
    result = score(assessment, {"trust-open": "agree", "trust-promises": "fully_in_place"})
    desc = ET.fromstring(bar_chart(result)).find(f"{SVG}desc").text
    assert desc == "Trust: 83 out of 100 (Strong). Goals: not scored yet."
    assert chart_numbers(desc) == [s.score for s in result.sections if s.score is not None]


def test_chart_is_well_formed_and_escaped_with_hostile_text(hostile_result):
    chart = bar_chart(hostile_result, "rm-chart-x")
    svg = ET.fromstring(chart)  # well-formed XML despite the markup in the titles
    assert "<script" not in chart
    assert svg.find(f"{SVG}desc").text == chart_text(hostile_result)
    assert svg.find(f"{SVG}title").text == f"Title {ATTACK}: scores by section, out of 100"


def test_chart_in_the_html_report_uses_the_same_text(assessment):
    result = score(assessment, MIXED)
    html = to_html(result)
    # the chart's text alternative is its own, not a visible caption repeating the table beside it
    assert "<figcaption>" not in html
    assert f'<desc id="rm-chart-team-health-desc">{chart_text(result)}</desc>' in html
    assert 'aria-labelledby="rm-chart-team-health-title rm-chart-team-health-desc"' in html


def test_long_section_titles_are_shortened_in_the_chart_only(assessment_data):
    assessment_data["sections"][0]["title"] = "A very long section title that will not fit in the space left"
    result = score(checklist_from_mapping(assessment_data), MIXED)
    texts = [t.text for t in ET.fromstring(bar_chart(result)).iter(f"{SVG}text")]
    assert texts[:4] == ["A very long section title that will", "not fit in the space left:", "Developing", "69"]
    assert chart_text(result).startswith("A very long section title that will not fit in the space left: 69 out of 100")


# Markdown


def test_markdown(assessment):
    markdown = to_markdown(score(assessment, FLAGGED), "https://example.org/rm/")
    lines = markdown.splitlines()
    assert lines[:3] == ["# Team health: results", "", "Version 3 of the checklist."]
    assert "**Overall:** 58 out of 100, Developing: Some good habits are in place." in lines
    assert "Scores by section, out of 100:" in lines
    assert "| Section | Score | Band | Answered |" in lines
    assert "| Trust | 22 | Needs attention | 4 of 4 |" in lines
    assert "| Goals | 94 | Strong | 2 of 3 |" in lines
    assert "*Trust: 22 out of 100 (Needs attention). Goals: 94 out of 100 (Strong).*" in lines
    flag = lines.index("- **Red flag:** We are open with each other about problems. (answer: Disagree)")
    assert lines[flag + 1] == "- **Red flag:** Is progress measured? (answer: Don't know)"  # in brief: no advice
    assert "What to do about each red flag comes first in the action plan below." in lines
    first = lines.index("1. **Red flag:** We are open with each other about problems. (answer: Disagree)  ")
    assert lines[first + 1] == (
        "   Talk about what worries you before it grows. "
        "[Read the guidance](https://example.org/rm/behaviours/trust/#warning-signs)"
    )
    numbered = [line for line in lines if re.match(r"\d+\. ", line)]
    assert [line.split(" ", 1)[0] for line in numbered] == ["1.", "2.", "3.", "4."]
    assert numbered[2] == "3. Partners keep the promises they make. (answer: Not in place)  "  # advice on its own line
    assert "- Is progress measured?" in lines[lines.index("## What you do not know yet") :]
    assert markdown.endswith("\n")


def test_markdown_before_any_answers(assessment):
    lines = to_markdown(score(assessment, {})).splitlines()
    status = "Too few answers to score fairly: 0 of 4 answered; at least 2 are needed."
    assert f"| Trust | Not scored yet | {status} | 0 of 4 |" in lines
    assert lines[lines.index("## Red flags") + 2] == "No red flags."
    assert lines[lines.index("## Action plan") + 2] == "Nothing to act on yet."
    # the questions still to answer are listed by their text: their links lead into the page only
    assert "- We are open with each other about problems." in lines[lines.index("## Still to answer") :]


def test_markdown_escapes_pipes_in_table_cells_and_lists_orphans(assessment_data):
    assessment_data["sections"][0]["title"] = "Trust | respect"
    saved = SavedAnswers("team-health", 3, answers=dict(MIXED), orphans={"old-q": "agree"})
    markdown = to_markdown(score(checklist_from_mapping(assessment_data), saved))
    assert "| Trust \\| respect | 69 | Developing | 4 of 4 |" in markdown
    assert "## Answers to questions that have since changed\n\n- `old-q`: agree\n" in markdown
    assert "> **Note:** 1 answer is to a question that has since changed." in markdown


def test_markdown_decision(decision):
    answers = {"need-alone": "yes-alone", "need-shared": "yes", "means-time": "fully_in_place", "means-money": "yes"}
    markdown = to_markdown(score(decision, answers))
    assert (
        "## Recommendation: Keep it to a network\n\nShare information instead.\n\nWhy:\n\n- You can do it alone.\n"
        in markdown
    )


# CSV


def test_csv_one_row_per_question(assessment):
    result = score(assessment, FLAGGED)
    rows = csv_rows(to_csv(result))
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 1 + len(assessment.questions())
    assert [row[1] for row in rows[1:]] == [q.id for q in assessment.questions()]
    assert rows[1] == [
        "Trust",
        "trust-open",
        "We are open with each other about problems.",
        "Disagree",
        "0.25",
        "2",
        "yes",
        "yes",
    ]
    assert rows[4] == [
        "Trust",
        "trust-meetings",
        "How often do the partners meet?",
        "Every month",
        "1.00",
        "0.5",
        "no",
        "no",
    ]
    assert rows[7] == ["Goals", "goals-measured", "Is progress measured?", "Don't know", "", "1", "yes", "yes"]


def test_csv_uses_crlf_and_quotes_as_needed(assessment_data):
    assessment_data["sections"][0]["questions"][0]["text"] = 'Say "yes", or\nsay no'
    result = score(checklist_from_mapping(assessment_data), {})
    text = to_csv(result)
    assert csv_text(text).startswith(",".join(CSV_COLUMNS) + "\r\n")
    assert '"Say ""yes"", or\nsay no"' in text
    assert csv_rows(text)[1][2] == 'Say "yes", or\nsay no'
    assert csv_rows(text)[1][3] == "Not answered"


@pytest.mark.parametrize("formula", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")'])
def test_csv_guards_against_formulas(assessment_data, formula):
    assessment_data["sections"][0]["title"] = formula
    assessment_data["sections"][0]["questions"][0]["text"] = formula
    for option in assessment_data["sections"][0]["questions"][3]["options"]:
        option["label"] = formula + option["id"]
    result = score(checklist_from_mapping(assessment_data), {"trust-meetings": "yearly"})
    rows = csv_rows(to_csv(result))
    assert rows[1][0] == "'" + formula.strip()
    assert rows[1][2] == "'" + formula.strip()
    assert rows[4][3] == "'" + formula.strip() + "yearly"
    for row in rows[1:]:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell


# JSON and text


def test_json_round_trips(assessment):
    saved = SavedAnswers("team-health", 2, answers=dict(FLAGGED), orphans={"old": "yes"})
    result = score(assessment, saved)
    data = json.loads(to_json(result))
    # The shape other programs read, spelled out (not derived from the code that makes it).
    assert sorted(data) == [
        "actions", "answered", "band", "band_meaning", "checklist", "decision", "kind", "notices",
        "orphans", "questions", "red_flags", "score", "sections", "title", "version",
    ]  # fmt: skip
    assert data["sections"][0] == {
        "id": "trust", "title": "Trust", "guidance": "behaviours/trust.md", "score": 22,
        "band": "Needs attention", "band_meaning": "Start with the red flags.", "answered": 4, "needed": 2,
        "total": 4, "dont_know": [], "not_relevant": [], "unanswered": [], "status": "4 of 4 questions answered.",
    }  # fmt: skip
    assert data["questions"][0] == {
        "id": "trust-open", "section": "trust", "text": "We are open with each other about problems.",
        "answer": "disagree", "answer_label": "Disagree", "share": 0.25, "weight": 2.0, "critical": True,
        "red_flag": True,
    }  # fmt: skip
    assert data["red_flags"][0] == {
        "question": "trust-open", "section": "trust", "text": "We are open with each other about problems.",
        "answer_label": "Disagree", "advice": "Talk about what worries you before it grows.",
        "guidance": "behaviours/trust.md#warning-signs", "red_flag": True,
    }  # fmt: skip
    assert data["score"] == 58
    assert data["answered"] == 7
    assert [s["score"] for s in data["sections"]] == [22, 94]
    assert [a["question"] for a in data["red_flags"]] == ["trust-open", "goals-measured"]
    assert data["orphans"] == {"old": "yes"}
    assert data["decision"] is None
    assert len(data["notices"]) == 2


def test_json_keeps_non_ascii_and_hostile_text_as_data(hostile_result):
    data = json.loads(to_json(hostile_result))
    assert data["title"] == f"Title {ATTACK}"
    assert data["orphans"][f"old-{SCRIPT}"] == ATTACK


def test_json_decision(decision):
    worst = {q.id: q.options[0].id for q in decision.questions()}
    data = json.loads(to_json(score(decision, worst)))
    assert data["decision"] == {
        "outcome": "not-now",
        "title": "Not now",
        "meaning": "Wait until the means are there.",
        "reasons": ["No one has time for it.", "The means are not there."],
    }


def test_text_report(assessment):
    saved = SavedAnswers("team-health", 3, answers=dict(FLAGGED), orphans={"old": "yes"})
    text = to_text(score(assessment, saved))
    lines = text.splitlines()
    assert lines[:3] == ["Team health: results", "====================", "Version 3 of the checklist."]
    assert "Overall: 58 out of 100, Developing: Some good habits are in place." in lines
    table = lines.index("Scores by section, out of 100:")
    assert lines[table + 1 : table + 5] == [
        "  Section  Score  Band             Answered",
        "  -------  -----  ---------------  --------",
        "  Trust    22     Needs attention  4 of 4",
        "  Goals    94     Strong           2 of 3",
    ]
    assert "  1. Red flag: We are open with each other about problems. (answer: Disagree)" in lines
    assert (
        "     Talk about what worries you before it grows. Read the guidance (behaviours/trust/#warning-signs)" in lines
    )
    assert lines[lines.index("Answers to questions that have since changed") + 3] == "  - old: yes"
    assert lines[lines.index("What you do not know yet") + 3] == "Someone lacks this information:"


def test_text_report_before_any_answers(assessment):
    text = to_text(score(assessment, {}))
    assert "  Trust    Not scored yet  Too few answers to score fairly: 0 of 4 answered; at least 2 are needed." in text
    assert "Red flags\n---------\n\nNo red flags." in text
    assert "Action plan\n-----------\n\nNothing to act on yet." in text
    assert (
        "Still to answer\n---------------\n\n7 of 7 questions.\n\n  - We are open with each other about problems.\n"
        in text
    )


@pytest.mark.parametrize(
    ("link", "base", "url"),
    [
        ("behaviours/leadership.md#warning-signs", "", "behaviours/leadership/#warning-signs"),
        ("behaviours/leadership.md", "../", "../behaviours/leadership/"),
        ("behaviours/index.md#top", "/", "/behaviours/#top"),
        ("index.md", "", ""),
        ("https://example.org/page", "", "https://example.org/page"),
    ],
)
def test_guidance_urls(link, base, url):
    assert guidance_url(link, base) == url


def test_summary_line_is_short_and_counts_flags_and_gaps(assessment):
    result = score(assessment, FLAGGED)
    line = summary_line(result)
    flags = len(result.red_flags)
    assert f"{flags} red flag" in line
    left = sum(q.answer is None for q in result.questions)
    assert (f"{left} of {len(result.questions)} questions still to answer." in line) == bool(left)
    assert len(line) < 200
    assert f'<p class="rm-summary rm-visually-hidden">{line}</p>' in to_html(result).replace("&#x27;", "'")


# What is printed after the result: the answers as a compact table


def test_the_printed_answers_are_one_table_per_section_with_the_notes(assessment):
    result = score(assessment, FLAGGED)
    html = answers_html(result, {"trust": "Talk to <them>\nsoon.", "goals": "  "})
    assert html.startswith("<h3>Your answers</h3>")
    captions = re.findall(r"<caption>(.*?)</caption>", html)
    assert captions == [s.title for s in result.sections]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert len(rows) == len(result.questions)
    assert rows[0] == ("1. We are open with each other about problems. (key question)", "Disagree")
    assert ("Not answered" in dict(rows).values()) == any(q.answer is None for q in result.questions)
    assert html.count("Your notes:") == 1  # a blank note is left out
    assert "<strong>Your notes:</strong> Talk to &lt;them&gt;\nsoon.</p>" in html
    assert "<input" not in html
    assert [html_module.unescape(a) for _, a in rows] == [q.answer_label for q in result.questions]  # chosen only
