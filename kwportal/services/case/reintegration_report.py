"""The re-integration report (re-integratieverslag) for the WIA application (issue 15 item 3;
Regeling procesgang eerste en tweede ziektejaar, art. 3; UWV asks for it at week 91–93).

One PDF assembled from what the employer may hold: the plan of action, its evaluations and
the first-year evaluation — each with both views and the agreed actions — and the employer
feedback as released (the four items and the advice). Never the medical part of the problem
analysis, the questionnaire or any other medical record: the report is built from
:class:`ReportContent` alone, which is assembled only from the employer's views
(services/employer/plan.py ``read_plans``, services/employer/case_view.py
``feedback_view``), read through the policy as the downloading actor.

The employer draws the report up and hands it to the employee, so both download it. The
employer's download is a disclosure of employer_feedback and employer_record to the
employer on the legal-duty ground (AVG art. 15(1)(c): it appears on the employee's
disclosure list); the employee's own copy is an export of his own data. Both are audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    PLAN_DRAFT,
    Actor,
    Subject,
    may_download_reintegration_report,
)
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date
from kwportal.models import Disclosure, Employee, EmployerFeedback, Organisation, SickLeaveCase
from kwportal.models.base import MAX_ROW_ID
from kwportal.services import audit
from kwportal.services.employee.export_pdf import ExportPdf
from kwportal.services.employer.case_view import FeedbackView, feedback_view
from kwportal.services.employer.plan import PlanView, read_plans
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project

#: what reaches the employer with the report (BRIEF.md "Data categories")
DISCLOSED = (Category.EMPLOYER_FEEDBACK, Category.EMPLOYER_RECORD)
GROUND = audit.Ground.LEGAL_DUTY
PERSON_COLUMNS = {
    "first": "employee.first_name",
    "last": "employee.last_name",
    "number": "employee.personnel_number",
}
CASE_COLUMNS = {
    "sick_since": "sick_leave_case.sick_report_date",
    "recovered_on": "sick_leave_case.recovery_date",
}


@dataclass(frozen=True, slots=True)
class ReintegrationReport:
    """The report's data: only employer-visible views."""

    case_id: int
    name: str
    personnel_number: str
    sick_since: date
    recovered_on: date | None
    #: sent documents, oldest first (drafts never)
    plans: tuple[PlanView, ...]
    #: released employer feedback, oldest first
    feedback: tuple[FeedbackView, ...]
    made_at: datetime


Fields = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    records: tuple[Fields, ...]


@dataclass(frozen=True, slots=True)
class ReportContent:
    """Every word the PDF prints, in the reader's language: what a test reads."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]

    def text(self) -> str:
        parts = [self.title, self.subtitle]
        for section in self.sections:
            parts.append(section.heading)
            parts += [f"{label}: {value}" for record in section.records for label, value in record]
        return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class ReportFile:
    filename: str
    content: bytes


def gather(
    session: Session, actor: Actor, subject: Subject, case: SickLeaveCase, now: datetime
) -> ReintegrationReport:
    assert case.id is not None
    person = session.get(Employee, subject.employee_id)
    assert person is not None
    names = project(actor, subject, person, PERSON_COLUMNS)
    dates = project(actor, subject, case, CASE_COLUMNS)
    plans = [p for p in read_plans(session, actor, subject, case.id) if p.status != PLAN_DRAFT]
    released = session.exec(
        select(EmployerFeedback)
        .where(EmployerFeedback.case_id == case.id, EmployerFeedback.status == "released")
        .order_by(col(EmployerFeedback.released_at))
    ).all()
    return ReintegrationReport(
        case_id=case.id,
        name=f"{names['first']} {names['last']}".strip(),
        personnel_number=names["number"],
        plans=tuple(reversed(plans)),
        feedback=tuple(feedback_view(actor, subject, row) for row in released),
        made_at=now,
        **dates,
    )


def _day(value: date | datetime | None, lang: str) -> str:
    """A date in the report's words: "30 november 2026" (a moment: its Amsterdam day)."""
    return fmt_date(value, lang)


def _plan_record(plan: PlanView, lang: str) -> Fields:
    agrees = {True: "reintegration.agrees", False: "reintegration.disagrees", None: ""}
    answer = agrees[plan.employee_agrees]
    fields = [
        (t("reintegration.kind", lang), t(f"step.{plan.kind}", lang)),
        (t("reintegration.due", lang), _day(plan.due, lang)),
        (t("reintegration.sent", lang), _day(plan.submitted_at, lang)),
        (t("plan.goals", lang), plan.goals),
        (t("plan.employer_view", lang), plan.employer_view),
    ]
    for n, action in enumerate(plan.actions, start=1):
        what = f"{action.description} — {action.owner}, {_day(action.due_on, lang)}"
        fields.append((f"{t('plan.action', lang)} {n}", what))
    fields += [
        (t("plan.employee_view", lang), plan.employee_view),
        (t("reintegration.answer", lang), t(answer, lang) if answer else ""),
        (t("plan.employee_reason", lang), plan.employee_reason),
    ]
    return tuple((label, value) for label, value in fields if value)


def _feedback_record(item: FeedbackView, lang: str) -> Fields:
    notes = dict(item.capacity_notes)
    capacity = "; ".join(
        f"{t(f'capacity.area.{area}', lang)}: {t(f'capacity.level.{level}', lang)}"
        + (f" ({notes[area]})" if notes.get(area) else "")
        for area, level in item.functional_capacity
    )
    fields = [
        (t("reintegration.released", lang), _day(item.released_at, lang)),
        (t("reintegration.capacity", lang), capacity),
        (t("reintegration.period", lang), item.expected_period),
        (t("reintegration.degree", lang), item.incapacity_degree),
        (t("reintegration.advice", lang), item.advice),
    ]
    return tuple((label, value) for label, value in fields if value)


def assemble(report: ReintegrationReport, lang: str) -> ReportContent:
    """The report's words, from the employer-visible views only."""
    subtitle = " · ".join(
        x
        for x in (
            f"{report.name} ({report.personnel_number})",
            f"{t('reintegration.sick_since', lang)} {_day(report.sick_since, lang)}",
            f"{t('reintegration.made', lang)} {_day(report.made_at, lang)}",
        )
        if x
    )
    return ReportContent(
        t("reintegration.title", lang),
        subtitle,
        (
            Section(
                t("reintegration.plans", lang),
                tuple(_plan_record(p, lang) for p in report.plans),
            ),
            Section(
                t("reintegration.feedback", lang),
                tuple(_feedback_record(f, lang) for f in report.feedback),
            ),
        ),
    )


class _ReportPdf(ExportPdf):
    """The export's PDF writer with the report's own, already translated, words."""

    def _label(self, name: str) -> str:
        return name

    def heading(self, text: str) -> None:
        self._set_font("B", 13)
        self._y += 3
        self._write(self._wrap(text), 7)
        self._set_font("", 9)


def render(content: ReportContent, lang: str, *, compress: bool = True) -> bytes:
    pdf = _ReportPdf(lang, title=content.title, subtitle=content.subtitle)
    pdf.pdf.set_compression(compress)
    for section in content.sections:
        pdf.heading(section.heading)
        if not section.records:
            pdf.empty()
        for record in section.records:
            pdf.record(dict(record))
    return pdf.output()


def _disclose(ctx: Ctx, actor: Actor, subject: Subject, report: ReintegrationReport) -> int:
    organisation = ctx.session.get(Organisation, subject.organisation_id)
    row = Disclosure(
        employee_id=subject.employee_id,
        case_id=report.case_id,
        recipient_kind="employer",
        recipient_organisation_id=subject.organisation_id,
        recipient_name=organisation.name if organisation else "",
        categories=",".join(str(c) for c in DISCLOSED),
        ground=str(GROUND),
        disclosed_by_account_id=actor.account_id,
        disclosed_at=ctx.now,
    )
    ctx.session.add(row)
    ctx.session.flush()
    assert row.id is not None
    return row.id


def _record(ctx: Ctx, actor: Actor, subject: Subject, report: ReintegrationReport) -> None:
    objects = [
        audit.ObjectRef(str(Category.EMPLOYER_RECORD), "case_plan", p.plan_id) for p in report.plans
    ]
    if actor.role is Role.EMPLOYER_CONTACT:
        restriction.check(  # for UWV's WIA application: goes on when the use stopped
            ctx.session,
            actor,
            subject.employee_id,
            "reintegration_report",
            case_id=report.case_id,
            now=ctx.now,
            access=ctx.access,
            secret=ctx.secret,
        )
        disclosure_id = _disclose(ctx, actor, subject, report)
        objects.append(audit.ObjectRef(str(Category.AUDIT), "disclosure", disclosure_id))
        action, ground = audit.Action.DISCLOSE, GROUND
    else:
        action, ground = audit.Action.EXPORT, audit.Ground.OWN_DATA
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type="reintegration_report_downloaded",
        action=action,
        ground=ground,
        subject_employee_id=subject.employee_id,
        objects=objects,
        details={"plans": len(report.plans), "feedback": len(report.feedback)},
        secret=ctx.secret,
        now=ctx.now,
    )


@use_case(Role.EMPLOYER_CONTACT, Role.EMPLOYEE, step_up=True)
def do_download_reintegration_report(
    actor: Actor, case_id: int, lang: str, *, ctx: Ctx
) -> ReportFile:
    """The PDF of one case for its employer's contact or the employee himself; any other
    case reads as not found (``PolicyDeniedError``)."""
    if not 0 < case_id <= MAX_ROW_ID:  # beyond any row, and any database integer
        raise PolicyDeniedError("no such case")
    case = ctx.session.get(SickLeaveCase, case_id)
    subject = Subject(case.employee_id, case.organisation_id) if case else None
    if case is None or subject is None or not may_download_reintegration_report(actor, subject):
        raise PolicyDeniedError("not a case of the actor's")
    report = gather(ctx.session, actor, subject, case, ctx.now)
    _record(ctx, actor, subject, report)
    content = assemble(report, lang)
    return ReportFile(f"re-integratieverslag-{case_id}.pdf", render(content, lang))
