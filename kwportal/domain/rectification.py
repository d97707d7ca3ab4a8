"""Rectification as an outcome (seed ch. 3 B: "Op uw verzoek worden de gegevens aangepast
indien deze door KrachtWerkt onjuist of fout zijn verwerkt"; issue 17 item 2). Pure rules:
what a field of a request points at, which values are acceptable for it, and the statuses
an item goes through. No database, no Reflex.

A *target* names the one thing an item is about:

* ``employee.<column>`` — an identity or employment column of the employee;
* ``case.care_address:<case id>`` — where he stays while ill (health data, category
  care_address);
* ``medical_note:<note id>`` or ``medical_file:<case id>`` — a text of the medical file he
  disputes. The WGBO (art. 7:454 lid 1) way: the disputed text stays and his own statement
  is added next to it; the item never carries a value.

Who decides which target is the policy's (domain/policy.py, issue 17 item 2 section)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kwportal.domain.categories import Category, category_of

#: the employee's stored columns he may ask to correct, in the order /my-details shows them
EMPLOYEE_FIELDS = (
    "first_name",
    "last_name",
    "personnel_number",
    "date_of_birth",
    "gender",
    "street",
    "postal_code",
    "city",
    "email",
    "phone",
    "job_title",
    "department",
    "hours_per_week",
    "employment_start",
    "employment_end",
)
CARE_ADDRESS = "care_address"
MEDICAL_FILE = "medical_file"
MEDICAL_NOTE = "medical_note"

#: the longest value per field (the columns' own lengths)
LIMITS = {
    "first_name": 100,
    "last_name": 150,
    "personnel_number": 40,
    "gender": 20,
    "street": 200,
    "postal_code": 10,
    "city": 100,
    "email": 254,
    "phone": 30,
    "job_title": 150,
    "department": 100,
    CARE_ADDRESS: 300,
}
DATE_FIELDS = frozenset({"date_of_birth", "employment_start", "employment_end"})
#: gender as the roster and the demo keep it: vrouw, man, anders/onbekend
GENDERS = ("v", "m", "x")
#: the employee's own statement (medical_statement.body)
MAX_STATEMENT = 5_000
#: why staff refuse an item; shown to the employee
MAX_REASON = 2_000
#: contract hours per week: more than 60 is no contract (Arbeidstijdenwet)
MAX_HOURS = 60.0
#: the working ages a date of birth must fit (as the sick report checks it)
MIN_AGE, MAX_AGE = 13, 100

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: a Dutch postal code: four digits (no leading 0) and two letters, never SA, SD or SS
_POSTAL = re.compile(r"^([1-9][0-9]{3}) ?([A-Z]{2})$")
#: the same checks the roster import and the sick report make
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,29}$")
_DATES = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})$"),
)
_HOURS = re.compile(r"^\d{1,2}([.,]\d{1,2})?$")


class TargetKind(StrEnum):
    EMPLOYEE = "employee"
    CARE_ADDRESS = "care_address"
    MEDICAL = "medical"


class ItemStatus(StrEnum):
    OPEN = "open"
    APPLIED = "applied"
    REFUSED = "refused"
    #: the medical file's outcome: the employee's statement was added next to the text
    STATEMENT_ADDED = "statement_added"


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    #: the column (employee fields), ``care_address``, ``medical_note`` or ``medical_file``
    field: str
    #: the case (care address, medical file) or the note (medical note); 0 for a column
    ref: int = 0

    @property
    def text(self) -> str:
        if self.kind is TargetKind.EMPLOYEE:
            return f"employee.{self.field}"
        if self.kind is TargetKind.CARE_ADDRESS:
            return f"case.care_address:{self.ref}"
        return f"{self.field}:{self.ref}"

    @property
    def category(self) -> Category:
        if self.kind is TargetKind.EMPLOYEE:
            return category_of(f"employee.{self.field}")
        if self.kind is TargetKind.CARE_ADDRESS:
            return Category.CARE_ADDRESS
        return Category.MEDICAL


def employee_target(field: str) -> Target:
    return Target(TargetKind.EMPLOYEE, field)


def care_address_target(case_id: int) -> Target:
    return Target(TargetKind.CARE_ADDRESS, CARE_ADDRESS, case_id)


def medical_target(*, case_id: int, note_id: int | None) -> Target:
    if note_id is not None:
        return Target(TargetKind.MEDICAL, MEDICAL_NOTE, note_id)
    return Target(TargetKind.MEDICAL, MEDICAL_FILE, case_id)


def parse_target(text: str) -> Target | None:
    """The target a stored item names, or None for anything else."""
    if text.startswith("employee."):
        field = text.removeprefix("employee.")
        return employee_target(field) if field in EMPLOYEE_FIELDS else None
    head, _, ref = text.partition(":")
    if not ref.isdigit() or not ref.isascii() or int(ref) <= 0:
        return None
    if head == "case.care_address":
        return care_address_target(int(ref))
    if head in (MEDICAL_NOTE, MEDICAL_FILE):
        return Target(TargetKind.MEDICAL, head, int(ref))
    return None


class ValueRefusedError(ValueError):
    """A requested value refused; ``code`` is a translation key shown at the field."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _line(raw: str, limit: int) -> str:
    """One line of text: blanks collapsed; control characters, empty or too long refused."""
    if _CONTROL.search(raw.replace("\t", " ")):
        raise ValueRefusedError("rectification.error.control")
    value = " ".join(raw.split())
    if not value:
        raise ValueRefusedError("rectification.error.required")
    if len(value) > limit:
        raise ValueRefusedError("rectification.error.too_long")
    return value


def parse_day(raw: str) -> date | None:
    """``YYYY-MM-DD`` (a date input) or ``D-M-YYYY`` as people type it; None if neither."""
    for pattern in _DATES:
        match = pattern.match(raw)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def check_value(field: str, raw: str, *, today: date, stored: dict[str, object]) -> str:
    """The requested value of ``field`` as it will be stored (a date as ``YYYY-MM-DD``), or
    :class:`ValueRefusedError`. ``stored`` holds the employee's current employment dates, so a
    new end date before the start (or the reverse) is refused."""
    if field not in (*EMPLOYEE_FIELDS, CARE_ADDRESS):
        raise ValueRefusedError("details.unknown_field")
    text = _line(str(raw), LIMITS.get(field, 40))
    if field in DATE_FIELDS:
        return _check_date(field, text, today=today, stored=stored).isoformat()
    if field == "hours_per_week":
        if not _HOURS.match(text):
            raise ValueRefusedError("rectification.error.hours")
        hours = float(text.replace(",", "."))
        if not 0 < hours <= MAX_HOURS:
            raise ValueRefusedError("rectification.error.hours")
        return f"{hours:g}"
    if field == "postal_code":
        match = _POSTAL.match(text.upper())
        if match is None or match[2] in ("SA", "SD", "SS"):
            raise ValueRefusedError("rectification.error.postal_code")
        return f"{match[1]} {match[2]}"
    if field == "email":
        if not _EMAIL.match(text):
            raise ValueRefusedError("rectification.error.email")
        return text
    if field == "phone":
        if not _PHONE.match(text) or sum(c.isdigit() for c in text) < 6:
            raise ValueRefusedError("rectification.error.phone")
        return text
    if field == "gender":
        if text.lower() not in GENDERS:
            raise ValueRefusedError("rectification.error.gender")
        return text.lower()
    return text


def _check_date(field: str, text: str, *, today: date, stored: dict[str, object]) -> date:
    day = parse_day(text)
    if day is None:
        raise ValueRefusedError("rectification.error.date")
    if field == "date_of_birth":
        if day > today:
            raise ValueRefusedError("date.birth_in_future")
        if not _years_before(today, MAX_AGE) <= day <= _years_before(today, MIN_AGE):
            raise ValueRefusedError("rectification.error.birth_age")
        return day
    start = day if field == "employment_start" else stored.get("employment_start")
    end = day if field == "employment_end" else stored.get("employment_end")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        raise ValueRefusedError("rectification.error.end_before_start")
    return day


def typed(field: str, value: str) -> object:
    """A stored requested value as the column's own type."""
    if field in DATE_FIELDS:
        return date.fromisoformat(value)
    if field == "hours_per_week":
        return float(value)
    return value


def shown(value: object) -> str:
    """A column's value as the employee and staff see it (and the audit row keeps it)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
