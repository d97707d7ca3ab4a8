"""SQLModel tables, split by aggregate. Importing this package registers every table."""

from kwportal.models.accounts import Account, CareTeam, TeamAssignment, TeamMember
from kwportal.models.audit import AuditCheckpoint, AuditEvent, AuditHead
from kwportal.models.auth import (
    AuthFailure,
    LoginSession,
    OneTimeToken,
    RecoveryCode,
    ResetRequest,
)
from kwportal.models.case_work import (
    CaseMessage,
    CasePlan,
    CaseUpload,
    ConsultSlot,
    MessageRead,
    PlanAction,
    StepNotice,
)
from kwportal.models.cases import (
    Appointment,
    CaseDocument,
    CaseHelper,
    EmployerFeedback,
    MedicalNote,
    QuestionnaireAnswer,
    SickLeaveCase,
    SickReport,
    WorkNote,
)
from kwportal.models.consent import (
    ConsentReceipt,
    ConsentRecord,
    Disclosure,
    EmployeeNotice,
    RightsRequest,
)
from kwportal.models.employer import RosterUpload, StepCompletion
from kwportal.models.outbox import OutboxMail
from kwportal.models.people import Employee, ExposureRecord, Organisation
from kwportal.models.retention import JobLock, LegalHold, RetentionRun, RetentionTombstone
from kwportal.models.visitors import (
    CallbackRequest,
    CookieConsent,
    NewsletterSubscriber,
    NewsletterSuppression,
    PageView,
    PublicFormHit,
    VisitorRightsRequest,
    VisitorToken,
)

__all__ = [
    "Account",
    "Appointment",
    "AuditCheckpoint",
    "AuditEvent",
    "AuditHead",
    "AuthFailure",
    "CallbackRequest",
    "CareTeam",
    "CaseDocument",
    "CaseHelper",
    "CaseMessage",
    "CasePlan",
    "CaseUpload",
    "ConsentReceipt",
    "ConsentRecord",
    "ConsultSlot",
    "CookieConsent",
    "Disclosure",
    "Employee",
    "EmployeeNotice",
    "EmployerFeedback",
    "ExposureRecord",
    "JobLock",
    "LegalHold",
    "LoginSession",
    "MedicalNote",
    "MessageRead",
    "NewsletterSubscriber",
    "NewsletterSuppression",
    "OneTimeToken",
    "Organisation",
    "OutboxMail",
    "PageView",
    "PlanAction",
    "PublicFormHit",
    "QuestionnaireAnswer",
    "RecoveryCode",
    "ResetRequest",
    "RetentionRun",
    "RetentionTombstone",
    "RightsRequest",
    "RosterUpload",
    "SickLeaveCase",
    "SickReport",
    "StepCompletion",
    "StepNotice",
    "TeamAssignment",
    "TeamMember",
    "VisitorRightsRequest",
    "VisitorToken",
    "WorkNote",
]
