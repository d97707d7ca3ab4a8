"""The plan of action's form (issue 15 item 3): what the employer types, checked on the
server before anything is written. Every problem names its field; nothing is cut silently.

The employer types free text here, so every field passes the medical-term check the
feedback release uses (domain/medical_terms.py): the employer may not record the nature or
cause of the illness (BRIEF.md, Dutch DPA rules), so a flagged term is refused at its field.
A plan of action needs at least one agreed action, and every action an owner and a date
(Regeling procesgang eerste en tweede ziektejaar, art. 4: "de afspraken en activiteiten").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kwportal.domain.medical_terms import find_terms

PLAN_OF_ACTION, EVALUATION, FIRST_YEAR_EVALUATION = (
    "plan_of_action",
    "evaluation",
    "first_year_evaluation",
)
KINDS = (PLAN_OF_ACTION, EVALUATION, FIRST_YEAR_EVALUATION)
MAX_TEXT = 5000
MAX_DESCRIPTION = 500
MAX_OWNER = 200
MAX_ACTIONS = 20
#: an action's date lies within the two years of wage payment, give or take
ACTION_HORIZON = timedelta(days=3 * 365)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    code: str
    #: the flagged words, for a medical-term refusal (the employer's own words)
    terms: tuple[str, ...] = ()


class PlanError(ValueError):
    """A refused plan; ``errors`` names each field and a catalog key."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = tuple(errors)

    @classmethod
    def of(cls, code: str, field: str = "form") -> PlanError:
        return cls([FieldError(field, code)])


@dataclass(frozen=True, slots=True)
class ActionInput:
    description: str
    owner: str
    due_on: str
    #: the row of the form it came from (its fields' names end in it)
    row: int = 0


@dataclass(frozen=True, slots=True)
class PlanInput:
    goals: str = ""
    employer_view: str = ""
    actions: tuple[ActionInput, ...] = ()


@dataclass(frozen=True, slots=True)
class CleanAction:
    description: str
    owner: str
    due_on: date


@dataclass(frozen=True, slots=True)
class CleanPlan:
    goals: str
    employer_view: str
    actions: tuple[CleanAction, ...]


def text_of(value: Any, limit: int) -> str:
    """Stripped, control characters removed; one past ``limit`` kept so it is refused."""
    raw = str(value if value is not None else "")
    return _CONTROL.sub("", raw.replace("\r\n", "\n")).strip()[: limit + 1]


def input_from(raw: Mapping[str, Any]) -> PlanInput:
    """The form's fields (``description_0``, ``owner_0``, ``due_0``, …) as one input."""
    actions = tuple(
        ActionInput(
            text_of(raw.get(f"description_{i}"), MAX_DESCRIPTION),
            text_of(raw.get(f"owner_{i}"), MAX_OWNER),
            text_of(raw.get(f"due_{i}"), 10),
            i,
        )
        for i in range(MAX_ACTIONS)
    )
    return PlanInput(
        goals=text_of(raw.get("goals"), MAX_TEXT),
        employer_view=text_of(raw.get("employer_view"), MAX_TEXT),
        actions=tuple(a for a in actions if a.description or a.owner or a.due_on),
    )


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if _DAY.match(raw) else None
    except ValueError:
        return None


def _text_errors(name: str, value: str, limit: int) -> list[FieldError]:
    if len(value) > limit:
        return [FieldError(name, "plan.error.too_long")]
    terms = find_terms(value)
    return [FieldError(name, "plan.error.medical", terms)] if terms else []


def _action(action: ActionInput, today: date, errors: list[FieldError]) -> CleanAction:
    i, before = action.row, len(errors)
    if not action.description:
        errors.append(FieldError(f"description_{i}", "plan.error.description"))
    errors += _text_errors(f"description_{i}", action.description, MAX_DESCRIPTION)
    if not action.owner:
        errors.append(FieldError(f"owner_{i}", "plan.error.owner"))
    errors += _text_errors(f"owner_{i}", action.owner, MAX_OWNER)
    due = _day(action.due_on)
    if due is None:
        errors.append(FieldError(f"due_{i}", "plan.error.due"))
    elif abs(due - today) > ACTION_HORIZON:
        errors.append(FieldError(f"due_{i}", "plan.error.due_range"))
    if len(errors) > before or due is None:
        return CleanAction("", "", today)
    return CleanAction(action.description, action.owner, due)


def clean_plan(form: PlanInput, *, kind: str, submit: bool, today: date) -> CleanPlan:
    """The plan as it may be stored, or :class:`PlanError` with every problem at once. A
    draft may be incomplete; what is sent to the employee may not."""
    errors = _text_errors("goals", form.goals, MAX_TEXT)
    errors += _text_errors("employer_view", form.employer_view, MAX_TEXT)
    if len(form.actions) > MAX_ACTIONS:
        errors.append(FieldError("actions", "plan.error.too_many"))
    actions = tuple(_action(a, today, errors) for a in form.actions)
    if submit:
        if not form.goals:
            errors.append(FieldError("goals", "plan.error.goals"))
        if not form.employer_view:
            errors.append(FieldError("employer_view", "plan.error.employer_view"))
        if kind == PLAN_OF_ACTION and not form.actions:
            errors.append(FieldError("actions", "plan.error.no_action"))
    if errors:
        raise PlanError(errors)
    return CleanPlan(form.goals, form.employer_view, actions)
