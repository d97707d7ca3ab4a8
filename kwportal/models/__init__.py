"""SQLModel tables, split by aggregate. Importing this package registers every table."""

from kwportal.models.accounts import Account, CareTeam, TeamAssignment, TeamMember
from kwportal.models.audit import AuditCheckpoint, AuditEvent, AuditHead
from kwportal.models.auth import AuthFailure, LoginSession, OneTimeToken, RecoveryCode
from kwportal.models.cases import (
    Appointment,
    CaseDocument,
    CaseHelper,
    EmployerFeedback,
    MedicalNote,
    QuestionnaireAnswer,
    SickLeaveCase,
    SickReport,
)
from kwportal.models.consent import ConsentReceipt, ConsentRecord, Disclosure, RightsRequest
from kwportal.models.people import Employee, ExposureRecord, Organisation
from kwportal.models.retention import JobLock, LegalHold, RetentionRun, RetentionTombstone

__all__ = [
    "Account",
    "Appointment",
    "AuditCheckpoint",
    "AuditEvent",
    "AuditHead",
    "AuthFailure",
    "CareTeam",
    "CaseDocument",
    "CaseHelper",
    "ConsentReceipt",
    "ConsentRecord",
    "Disclosure",
    "Employee",
    "EmployerFeedback",
    "ExposureRecord",
    "JobLock",
    "LegalHold",
    "LoginSession",
    "MedicalNote",
    "OneTimeToken",
    "Organisation",
    "QuestionnaireAnswer",
    "RecoveryCode",
    "RetentionRun",
    "RetentionTombstone",
    "RightsRequest",
    "SickLeaveCase",
    "SickReport",
    "TeamAssignment",
    "TeamMember",
]
