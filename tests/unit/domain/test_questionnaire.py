"""The intake questionnaire is data (issue 15 item 2): the shipped file parses, every
question is in Dutch and English, keys are unique, and the answer checks refuse what they
should with a clear code."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from kwportal.domain.questionnaire import (
    MAX_QUESTION,
    QuestionnaireFormatError,
    check_answers,
    form_value,
    parse,
)
from kwportal.services.employee.questionnaire import INTAKE_FILE, intake


def _raw() -> dict:
    text = resources.files("kwportal.data").joinpath(INTAKE_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def test_the_shipped_intake_is_versioned_in_both_languages_with_unique_keys() -> None:
    raw = _raw()
    questionnaire = intake()
    assert questionnaire.name == raw["name"] == "verzuim-intake"
    assert questionnaire.version == raw["version"] >= 1
    keys = [q["key"] for q in raw["questions"]]
    assert len(keys) == len(set(keys)) == len(questionnaire.questions)
    for question in raw["questions"]:
        assert question["nl"].strip() and question["en"].strip(), question["key"]
        assert question["nl"] != question["en"], question["key"]
        assert len(question["nl"]) <= MAX_QUESTION and len(question["en"]) <= MAX_QUESTION
        for choice in question.get("choices", []):
            assert choice["nl"].strip() and choice["en"].strip(), choice
    assert {q.kind for q in questionnaire.questions} == {"text", "choice", "scale"}
    assert any(q.required for q in questionnaire.questions)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["questions"][0].pop("en"), "en missing"),
        (lambda d: d["questions"][1].update(key=d["questions"][0]["key"]), "unique"),
        (lambda d: d["questions"][0].update(kind="date"), "unknown kind"),
        (lambda d: d.update(version=0), "version"),
        (lambda d: d["questions"][0].update(nl="x" * (MAX_QUESTION + 1)), "longer"),
    ],
)
def test_a_broken_file_is_refused(change, message) -> None:
    raw = _raw()
    change(raw)
    with pytest.raises(QuestionnaireFormatError, match=message):
        parse(raw)


def _complete() -> dict[str, str]:
    answers = {}
    for q in intake().questions:
        if q.kind == "choice":
            answers[q.key] = q.choices[0].value
        elif q.kind == "scale":
            answers[q.key] = str(q.scale_max)
        else:
            answers[q.key] = "antwoord"
    return answers


def test_answers_are_kept_as_shown_and_checked() -> None:
    questionnaire = intake()
    answers, problems = check_answers(questionnaire, _complete(), "en")
    assert problems == ()
    treatment = questionnaire.question("treatment")
    assert treatment is not None
    assert answers["treatment"] == treatment.choices[0].en
    assert form_value(treatment, treatment.choices[0].nl) == treatment.choices[0].value
    raw = _complete()
    raw["complaints"] = ""
    raw["severity"] = "11"
    raw["work_related"] = "maybe"
    raw["to_discuss"] = "x" * 2001
    raw["not_a_question"] = "ignored"
    answers, problems = check_answers(questionnaire, raw, "nl")
    assert {(p.key, p.code) for p in problems} == {
        ("complaints", "questionnaire.required"),
        ("severity", "questionnaire.bad_scale"),
        ("work_related", "questionnaire.unknown_choice"),
        ("to_discuss", "questionnaire.too_long"),
    }
    assert "not_a_question" not in answers
