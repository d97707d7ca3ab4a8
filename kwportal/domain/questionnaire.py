"""Questionnaires as data (issue 15 item 2): a versioned list of questions, each in Dutch and
English, and the checks an answer must pass. Pure: the text comes in as a mapping (read from
``kwportal/data/questionnaires/*.json`` by the service), so a question can change without a
code change, and an answer keeps the version and the wording it was given to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

KINDS = ("text", "choice", "scale")
LANGUAGES = ("nl", "en")
#: the longest answer any question may allow (the column holds 5,000 characters)
MAX_ANSWER = 5000
#: the default limit of a free-text answer
DEFAULT_TEXT_LENGTH = 2000
#: the longest question text (the column keeps the text as asked: 500 characters)
MAX_QUESTION = 500
MAX_KEY = 60


class QuestionnaireFormatError(ValueError):
    """The questionnaire file breaks a rule (a programming error, caught by a unit test)."""


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    nl: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    kind: str
    nl: str
    en: str
    required: bool
    choices: tuple[Choice, ...] = ()
    scale_min: int = 0
    scale_max: int = 10
    max_length: int = DEFAULT_TEXT_LENGTH

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def scale(self) -> tuple[str, ...]:
        return tuple(str(n) for n in range(self.scale_min, self.scale_max + 1))


@dataclass(frozen=True, slots=True)
class Questionnaire:
    name: str
    version: int
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


def _text(data: Mapping[str, Any], field: str, where: str, limit: int) -> str:
    value = data.get(field)
    if not isinstance(value, str) or not value.strip():
        raise QuestionnaireFormatError(f"{where}: {field} missing")
    if len(value) > limit:
        raise QuestionnaireFormatError(f"{where}: {field} longer than {limit}")
    return value.strip()


def _choices(data: Mapping[str, Any], where: str) -> tuple[Choice, ...]:
    raw = data.get("choices") or []
    choices = tuple(
        Choice(
            _text(c, "value", where, MAX_KEY),
            _text(c, "nl", where, 200),
            _text(c, "en", where, 200),
        )
        for c in raw
    )
    if len(choices) < 2 or len({c.value for c in choices}) != len(choices):
        raise QuestionnaireFormatError(f"{where}: a choice needs two or more distinct values")
    return choices


def _question(data: Mapping[str, Any]) -> Question:
    key = _text(data, "key", "question", MAX_KEY)
    kind = data.get("kind")
    if kind not in KINDS:
        raise QuestionnaireFormatError(f"{key}: unknown kind {kind!r}")
    texts = {lang: _text(data, lang, key, MAX_QUESTION) for lang in LANGUAGES}
    required = data.get("required")
    if not isinstance(required, bool):
        raise QuestionnaireFormatError(f"{key}: required must be true or false")
    max_length = int(data.get("max_length", DEFAULT_TEXT_LENGTH))
    if not 0 < max_length <= MAX_ANSWER:
        raise QuestionnaireFormatError(f"{key}: max_length out of range")
    low, high = int(data.get("min", 0)), int(data.get("max", 10))
    if kind == "scale" and not low < high:
        raise QuestionnaireFormatError(f"{key}: a scale needs min < max")
    choices = _choices(data, key) if kind == "choice" else ()
    return Question(key, kind, texts["nl"], texts["en"], required, choices, low, high, max_length)


def parse(data: Mapping[str, Any]) -> Questionnaire:
    """The questionnaire in ``data``, or :class:`QuestionnaireFormatError`: every question in
    both languages, keys unique, choices and scales well formed."""
    name = _text(data, "name", "questionnaire", 100)
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise QuestionnaireFormatError(f"{name}: version must be a positive whole number")
    questions = tuple(_question(q) for q in data.get("questions") or [])
    if not questions:
        raise QuestionnaireFormatError(f"{name}: no questions")
    keys = [q.key for q in questions]
    if len(set(keys)) != len(keys):
        raise QuestionnaireFormatError(f"{name}: question keys must be unique")
    return Questionnaire(name, version, questions)


@dataclass(frozen=True, slots=True)
class AnswerProblem:
    """A refused answer: the question's key and a translation key saying why."""

    key: str
    code: str


def _answer_text(question: Question, raw: str, lang: str) -> str | AnswerProblem:
    """The answer as it is kept ("" for none), or why it is refused."""
    value = raw.replace("\x00", "").strip()
    if not value:
        return AnswerProblem(question.key, "questionnaire.required") if question.required else ""
    if question.kind == "choice":
        chosen = next((c for c in question.choices if c.value == value), None)
        if chosen is None:
            return AnswerProblem(question.key, "questionnaire.unknown_choice")
        return chosen.label(lang)
    if question.kind == "scale":
        return (
            value
            if value in question.scale()
            else AnswerProblem(question.key, "questionnaire.bad_scale")
        )
    if len(value) > question.max_length:
        return AnswerProblem(question.key, "questionnaire.too_long")
    return value


def check_answers(
    questionnaire: Questionnaire, raw: Mapping[str, str], lang: str
) -> tuple[dict[str, str], tuple[AnswerProblem, ...]]:
    """Every question's answer as it is kept (a choice as the label the person saw), and the
    problems; answers to unknown keys are ignored (ids from the browser are hostile)."""
    answers: dict[str, str] = {}
    problems: list[AnswerProblem] = []
    for question in questionnaire.questions:
        outcome = _answer_text(question, str(raw.get(question.key, "")), lang)
        if isinstance(outcome, AnswerProblem):
            problems.append(outcome)
        else:
            answers[question.key] = outcome
    return answers, tuple(problems)


def form_value(question: Question, kept: str) -> str:
    """What the form shows for an answer as it was kept: a choice's value (whichever
    language its label was given in), else the text itself."""
    if question.kind != "choice":
        return kept
    return next((c.value for c in question.choices if kept in (c.nl, c.en)), "")
