"""Employers (arboklanten), their employees, and exposure records."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from kwportal.models.base import utcnow


class Organisation(SQLModel, table=True):
    """An employer with a service contract with KrachtWerkt; the contract's end starts
    the retention term (seed ch. 1, Bewaartermijn)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    kvk_number: str = Field(max_length=8, unique=True)
    contract_start: date
    contract_end: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    #: the employer lets its employees report sick and recovered themselves (issue 15 item 7)
    employee_self_report: bool = Field(default=False)


class Employee(SQLModel, table=True):
    """A worker of an employer; identity and employment (seed ch. 1, Persoonsgegevens).
    The personnel number is the key within the organisation (roster re-imports update)."""

    __table_args__ = (
        UniqueConstraint("organisation_id", "personnel_number", name="uq_employee_number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    personnel_number: str = Field(max_length=40)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=150, index=True)
    street: str = Field(default="", max_length=200)
    postal_code: str = Field(default="", max_length=10)
    city: str = Field(default="", max_length=100)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=30)
    date_of_birth: date | None = None
    gender: str = Field(default="", max_length=20)
    date_of_death: date | None = None
    employment_start: date | None = None
    employment_end: date | None = None
    job_title: str = Field(default="", max_length=150)
    hours_per_week: float | None = None
    department: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utcnow)


class ExposureRecord(SQLModel, table=True):
    """Exposure to hazardous substances or ionising radiation: it lengthens retention
    (seed ch. 1: 40 years; Besluit Stralingshygiëne art. 100: until age 75)."""

    __tablename__ = "exposure_record"

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    kind: str = Field(max_length=30)  # hazardous_substance | ionising_radiation
    agent: str = Field(max_length=200)
    started_on: date
    ended_on: date | None = None
    recorded_at: datetime = Field(default_factory=utcnow)
    recorded_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    #: the last change to this record; the 40-year term counts from the latest change
    updated_at: datetime | None = None
