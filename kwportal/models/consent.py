"""Records about processing: disclosures, consents, rights requests."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from kwportal.models.base import utcnow


class Disclosure(SQLModel, table=True):
    """What reached whom, when, by whom, on which ground (AVG art. 15(1)(c))."""

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="sick_leave_case.id", index=True)
    recipient_kind: str = Field(max_length=30)  # employer | uwv | arbodienst | gp ...
    recipient_organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    recipient_name: str = Field(default="", max_length=200)
    categories: str = Field(default="", max_length=500)
    feedback_id: int | None = Field(default=None, foreign_key="employer_feedback.id", index=True)
    consent_id: int | None = Field(default=None, foreign_key="consent_record.id", index=True)
    ground: str = Field(max_length=30)
    disclosed_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    disclosed_at: datetime = Field(default_factory=utcnow)


class ConsentRecord(SQLModel, table=True):
    """An explicit consent (seed ch. 1, "uitdrukkelijke toestemming"): who, what purpose,
    which data, which recipient, which text version, when, how, and when withdrawn."""

    __tablename__ = "consent_record"

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    #: what the consent is for: retention_longer | gp_authorisation | emergency_note | other
    kind: str = Field(default="other", max_length=30, index=True)
    purpose: str = Field(max_length=300)
    data_description: str = Field(max_length=500)
    data_categories: str = Field(default="", max_length=300)
    recipient: str = Field(max_length=200)
    legal_basis: str = Field(default="consent", max_length=50)
    notice_version: str = Field(max_length=30)
    method: str = Field(default="portal", max_length=30)
    #: empty while only requested, or when refused
    granted_at: datetime | None = Field(default_factory=utcnow)
    valid_until: date | None = None
    withdrawn_at: datetime | None = None
    withdrawal_method: str | None = Field(default=None, max_length=30)
    requested_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    # --- consent requests (issue 7 item 6): one named datum for the employer ---
    #: requested | granted | refused; a withdrawal keeps "granted" and sets withdrawn_at
    status: str = Field(default="granted", max_length=20, index=True)
    case_id: int | None = Field(default=None, foreign_key="sick_leave_case.id", index=True)
    recipient_organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    #: the policy's kind of datum (domain.policy.CONSENT_DATUM_KINDS)
    datum_kind: str = Field(default="", max_length=40)
    datum_label: str = Field(default="", max_length=200)
    #: the exact text the employer will see while the consent is active
    datum_value: str = Field(default="", max_length=2000)
    requested_at: datetime | None = None
    refused_at: datetime | None = None


class ConsentReceipt(SQLModel, table=True):
    """The signed receipt (JWS, ISO/IEC TS 27560 fields) of one grant or one withdrawal;
    one per consent and event, so a double tap cannot issue a second."""

    __tablename__ = "consent_receipt"
    __table_args__ = (UniqueConstraint("consent_id", "event", name="uq_consent_receipt_event"),)

    id: int | None = Field(default=None, primary_key=True)
    consent_id: int = Field(foreign_key="consent_record.id", index=True)
    event: str = Field(max_length=20)  # granted | withdrawn
    token: str = Field(max_length=20000)
    issued_at: datetime = Field(default_factory=utcnow)


class RightsRequest(SQLModel, table=True):
    """A request under seed ch. 3 (A access … E stop), answered within four weeks."""

    __tablename__ = "rights_request"

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    kind: str = Field(max_length=20)
    text: str = Field(default="", max_length=10000)
    received_at: datetime = Field(default_factory=utcnow)
    due_at: date
    extended_due_at: date | None = None
    extension_reason: str = Field(default="", max_length=2000)
    status: str = Field(default="received", max_length=20)
    answer: str = Field(default="", max_length=10000)
    answered_at: datetime | None = None
    handled_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    #: an access request (seed ch. 3 A) is answered by putting the export on the employee's
    #: own page: when that happened, and when he first downloaded it (the desk sees these
    #: two moments, never the export)
    export_delivered_at: datetime | None = None
    export_downloaded_at: datetime | None = None
    #: when the admin was told this request passed its four weeks (issue 17 item 4)
    escalated_at: datetime | None = None


class EmployeeNotice(SQLModel, table=True):
    """An in-app notice to an employee that something about him happened (a release):
    it says *that*, never the content, and links to the page that shows it."""

    __tablename__ = "employee_notice"

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id", index=True)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    kind: str = Field(max_length=30)
    disclosure_id: int | None = Field(default=None, foreign_key="disclosure.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    read_at: datetime | None = None
