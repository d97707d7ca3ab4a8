"""Records that make the privacy policy's promises outcomes, not requests (issue 17):
rectifications applied per field, the employee's own statement next to a disputed medical
text (WGBO), a stop of processing and its legal exceptions, letters for employees without
a portal account, an employer's hand-over to a new arbodienst, and the breach register."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from kwportal.models.base import utcnow


class RectificationItem(SQLModel, table=True):
    """One field of a rectification request (seed ch. 3 B: "Op uw verzoek worden de gegevens
    aangepast") and its outcome. ``target`` names the field: ``employee.<column>``,
    ``case.<column>:<case id>``, or ``medical_note:<note id>`` for the medical file, whose
    outcome is the employee's statement (:class:`MedicalStatement`), never a change."""

    __tablename__ = "rectification_item"

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="rights_request.id", index=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    target: str = Field(max_length=80)
    #: the value the employee asks for; empty for a medical target (the desk reads this row)
    requested_value: str = Field(default="", max_length=2000)
    #: open | applied | refused | statement_added
    status: str = Field(default="open", max_length=20, index=True)
    #: why refused, or what was done; shown to the employee
    reason: str = Field(default="", max_length=2000)
    decided_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    decided_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class MedicalStatement(SQLModel, table=True):
    """The employee's own statement added to the medical file next to a text he disputes
    (WGBO art. 7:454 lid 1): the disputed text stays; the doctor adds the statement."""

    __tablename__ = "medical_statement"

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="sick_leave_case.id", index=True)
    note_id: int | None = Field(default=None, foreign_key="medical_note.id", index=True)
    rectification_id: int | None = Field(
        default=None, foreign_key="rectification_item.id", index=True
    )
    body: str = Field(max_length=5000)
    submitted_at: datetime = Field(default_factory=utcnow)
    #: set when the doctor added it to the file
    added_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    added_at: datetime | None = None


class ProcessingRestriction(SQLModel, table=True):
    """A stop of processing (seed ch. 3 E, AVG art. 18/21) while ``lifted_at`` is empty."""

    __tablename__ = "processing_restriction"

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    request_id: int | None = Field(default=None, foreign_key="rights_request.id", index=True)
    reason: str = Field(default="", max_length=2000)
    started_at: datetime = Field(default_factory=utcnow)
    started_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    lifted_at: datetime | None = None
    lifted_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    lift_reason: str = Field(default="", max_length=2000)


class RestrictionException(SQLModel, table=True):
    """An act done for a restricted employee because a legal duty requires it (Poortwachter
    steps, UWV), with its ground."""

    __tablename__ = "restriction_exception"

    id: int | None = Field(default=None, primary_key=True)
    restriction_id: int = Field(foreign_key="processing_restriction.id", index=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="sick_leave_case.id")
    act: str = Field(max_length=60)
    ground: str = Field(max_length=60)
    actor_account_id: int | None = Field(default=None, foreign_key="account.id")
    recorded_at: datetime = Field(default_factory=utcnow)


class EmployeeLetter(SQLModel, table=True):
    """A letter the case manager sends by post to an employee who has no active portal
    account and no e-mail address on file (seed ch. 1: "De werknemer wordt altijd op de
    hoogte gebracht van de inhoud"): printed from what the employer received (the released
    feedback, the plans sent; services/case/letters.py), never anything medical."""

    __tablename__ = "employee_letter"

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="sick_leave_case.id")
    disclosure_id: int | None = Field(default=None, foreign_key="disclosure.id", index=True)
    kind: str = Field(max_length=30)
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    sent_by_account_id: int | None = Field(default=None, foreign_key="account.id")


class OrganisationHandover(SQLModel, table=True):
    """An employer's contract ends and a named arbodienst takes over: every running case is
    handed over, case by case (seed ch. 1, Bewaartermijn)."""

    __tablename__ = "organisation_handover"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    successor: str = Field(max_length=200)
    successor_email: str = Field(default="", max_length=254)
    contract_end: date
    started_at: datetime = Field(default_factory=utcnow)
    started_by_account_id: int | None = Field(default=None, foreign_key="account.id")


class Breach(SQLModel, table=True):
    """A personal-data breach (AVG art. 33/34; seed ch. 3 "maatregelen … gevolgen …
    beperken"): the privacy officer's register with the 72-hour clock."""

    __tablename__ = "breach"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=5000)
    occurred_at: datetime | None = None
    found_at: datetime
    data_categories: str = Field(default="", max_length=300)
    #: none | risk | high (AVG art. 33: notify unless unlikely a risk; art. 34: high → tell)
    risk: str = Field(default="risk", max_length=10)
    measures: str = Field(default="", max_length=5000)
    #: the likely consequences, for the AP and the people told (AVG art. 33(3)(c), 34(2))
    consequences: str = Field(default="", max_length=5000)
    #: what the people affected read in their notice, in plain language (AVG art. 34(2))
    people_text: str = Field(default="", max_length=5000)
    ap_notified_at: datetime | None = None
    ap_reference: str = Field(default="", max_length=100)
    #: why the AP was not (or late) notified
    ap_reason: str = Field(default="", max_length=2000)
    #: the decision to tell the people affected: None = not decided yet
    tell_people: bool | None = None
    tell_reason: str = Field(default="", max_length=2000)
    told_at: datetime | None = None
    #: when the privacy officers were reminded that the AP is not yet notified (claimed once)
    ap_reminded_at: datetime | None = None
    created_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    created_at: datetime = Field(default_factory=utcnow)
    closed_at: datetime | None = None


class BreachPerson(SQLModel, table=True):
    """An employee whose data a breach touched, and when he was told."""

    __tablename__ = "breach_person"
    __table_args__ = (UniqueConstraint("breach_id", "employee_id", name="uq_breach_person"),)

    id: int | None = Field(default=None, primary_key=True)
    breach_id: int = Field(foreign_key="breach.id", index=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    notified_at: datetime | None = None


# --- issue 17 items 1 and 10 (roster: only employees in care; visitor data three years) ---


class WorkforceFigure(SQLModel, table=True):
    """What the roster import keeps of the rest of the workforce: per department and quarter
    the number of people employed and their employed calendar days — counts, no person
    (seed ch. 1: "alleen noodzakelijke persoonsgegevens … van werknemers waarop de
    zorgverlening start"). The anonymised absence percentage divides by these. ``quarter``
    0 is the whole year (people employed at any time in it). Each import replaces the
    organisation's figures."""

    __tablename__ = "workforce_figure"
    __table_args__ = (
        UniqueConstraint(
            "organisation_id", "department", "year", "quarter", name="uq_workforce_figure"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    department: str = Field(default="", max_length=100)
    year: int
    quarter: int
    people: int = 0
    employed_days: int = 0
    imported_at: datetime = Field(default_factory=utcnow)


class VisitorAddress(SQLModel, table=True):
    """A public-site visitor's (truncated) network address for one audit event, kept apart
    from the hash-chained row so it can go after three years (seed ch. 2, Locatiegegevens:
    "maximaal drie jaar") while the chain still verifies. ``audit_seq`` names the event."""

    __tablename__ = "visitor_address"

    id: int | None = Field(default=None, primary_key=True)
    audit_seq: int = Field(unique=True)
    ip_prefix: str = Field(default="", max_length=64)
    occurred_at: datetime = Field(default_factory=utcnow, index=True)
