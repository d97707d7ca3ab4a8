"""The breach register (AVG art. 33/34; seed ch. 3: "als er ondanks de getroffen
beveiligingsmaatregelen toch een beveiligingsincident plaatsvindt, wij maatregelen zullen
treffen om de gevolgen voor uw privacy zoveel mogelijk te beperken"), kept by the privacy
officer alone (domain.policy.BREACH_KEEPERS).

A breach is recorded with what happened, when it happened and when it was found, the kinds
of data, whose data (people by personnel number within an employer, or all employees of
an employer), the risk (none / risk / high), the measures and the likely consequences.
From the moment it was found runs the 72-hour clock for notifying the Autoriteit
Persoonsgegevens (art. 33(1)); the officer records the notification (time and reference,
and why it was late), or why it was not notified (only when the breach brings no risk).
The decision to tell the people affected is recorded with its reason; a high risk must be
told (art. 34(1)). Telling them puts a notice in each one's portal (the plain-language text
the officer wrote for them, the likely consequences, the measures and the officer's
contact, on /my-incidents) and sends each a content-free mail that there is such a notice:
once per person, ``breach_person.notified_at``. Someone with neither an account nor an
address gets a letter the case manager posts (services/employee/telling.py; his latest case
scopes it — without a case there is none, and his audit row says so). Every change is
audited; each person told gets his own audit row.

A job reminds the privacy officers by mail when a breach with a risk is
:data:`~kwportal.domain.policy.BREACH_REMIND_HOURS` hours old and the AP has not been
notified (:func:`remind_officers`, claimed once per breach)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import get_engine, read_transaction, transaction
from kwportal.domain import policy
from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_datetime
from kwportal.models import (
    Account,
    Breach,
    BreachPerson,
    Employee,
    EmployeeNotice,
    Organisation,
    SickLeaveCase,
)
from kwportal.services import audit
from kwportal.services.employee import telling
from kwportal.services.jobs import outbox
from kwportal.services.mail import Mail
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError
from kwportal.settings import Settings, get_settings

LOCAL = ZoneInfo("Europe/Amsterdam")
#: the employee's page with his notices of a breach (kwportal/ui/routes.py MY_INCIDENTS)
INCIDENTS_PATH = "/my-incidents"
#: the register page (kwportal/ui/routes.py BREACHES)
REGISTER_PATH = "/breaches"
NOTICE_KIND = "breach"
#: the kinds of data a breach may concern, as the register names them
DATA_KINDS = ("identity", "contact", "employment", "absence", "health", "account")
MAX_TITLE = 200
MAX_TEXT = 5000
MAX_REFERENCE = 100
MAX_REASON = 2000
#: personnel numbers one form may name
MAX_NUMBERS = 500
REGISTER_LIMIT = 100
#: a moment a little ahead of the server's clock is a clock difference, not the future
CLOCK_SLACK = timedelta(minutes=5)
_SPLIT = re.compile(r"[\s,;]+")

RECORDED = "breach_recorded"
PEOPLE_ADDED = "breach_people_added"
AP_NOTIFIED = "breach_ap_notified"
AP_NOT_NOTIFIED = "breach_ap_not_notified"
DECIDED = "breach_tell_decided"
PERSON_TOLD = "breach_person_told"
INCIDENTS_READ = "breach_notices_read"


class BreachError(ValueError):
    """A refused step; ``code`` is a translation key, ``field`` the form field it is about,
    ``detail`` what to name (an unknown personnel number)."""

    def __init__(self, code: str, field: str = "", detail: str = "") -> None:
        super().__init__(code)
        self.code, self.field, self.detail = code, field, detail


@dataclass(frozen=True, slots=True)
class BreachForm:
    """A new breach as the form sent it (text; read and checked here)."""

    title: str = ""
    description: str = ""
    occurred_at: str = ""
    found_at: str = ""
    data_kinds: tuple[str, ...] = ()
    risk: str = ""
    measures: str = ""
    consequences: str = ""
    people_text: str = ""
    organisation_id: str = ""
    numbers: str = ""
    all_employees: bool = False


@dataclass(frozen=True, slots=True)
class BreachLine:
    """One breach in the register with its clock (no person is named: counts only)."""

    breach_id: int
    title: str
    description: str
    occurred_at: datetime | None
    found_at: datetime
    data_kinds: tuple[str, ...]
    risk: str
    measures: str
    consequences: str
    people_text: str
    deadline: datetime
    #: whole hours until the deadline; negative once it passed
    hours_left: int
    #: open | notified | not_notified
    ap_state: str
    ap_notified_at: datetime | None
    ap_reference: str
    ap_reason: str
    ap_late: bool
    tell_people: bool | None
    tell_reason: str
    told_at: datetime | None
    people: int
    told: int
    organisations: tuple[str, ...]
    #: a high risk whose people are not yet told, or a decision still to take
    decision_needed: bool


@dataclass(frozen=True, slots=True)
class Register:
    breaches: tuple[BreachLine, ...] = ()
    organisations: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class IncidentNotice:
    """What an employee reads of a breach that concerned him."""

    notice_id: int
    told_at: datetime
    text: str
    consequences: str
    measures: str


@dataclass
class Reminded:
    breaches: int = 0
    mails: int = 0

    def summary(self) -> str:
        return f"{self.breaches} breach reminders, {self.mails} mails queued"


# --- reading the form -------------------------------------------------------------------


def _keeper(actor: Actor) -> int:
    return require(actor, *policy.BREACH_KEEPERS, has="account_id", error=BreachError)


def _text(value: str, limit: int, name: str, *, required: bool = False) -> str:
    value = str(value or "").replace("\x00", "").strip()
    if required and not value:
        raise BreachError(f"breaches.{name}_required", name)
    if len(value) > limit:
        raise BreachError("breaches.too_long", name)
    return value


def parse_moment(raw: str, name: str, *, required: bool) -> datetime | None:
    """A ``datetime-local`` value (Dutch time) as UTC; refused when unreadable."""
    text = str(raw or "").strip()[:25]
    if not text:
        if required:
            raise BreachError(f"breaches.{name}_required", name)
        return None
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError:
        raise BreachError("breaches.bad_moment", name) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL)
    return moment.astimezone(UTC)


def _not_future(moment: datetime, now: datetime, name: str) -> None:
    if moment > now + CLOCK_SLACK:
        raise BreachError("breaches.in_future", name)


def _aware(moment: datetime) -> datetime:
    """A stored moment as UTC (SQLite hands back naive values)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _people(session: Session, organisation_id: str, numbers: str, all_employees: bool) -> list[int]:
    """The employees named: all of one employer's, or by personnel number within it."""
    wanted = [n for n in _SPLIT.split(str(numbers or "").strip()) if n][: MAX_NUMBERS + 1]
    if not wanted and not all_employees:
        return []
    raw = str(organisation_id or "").strip()[:12]
    org = session.get(Organisation, int(raw)) if raw.isdigit() else None
    if org is None:
        raise BreachError("breaches.organisation_required", "organisation_id")
    if len(wanted) > MAX_NUMBERS:
        raise BreachError("breaches.too_many_numbers", "numbers")
    query = select(col(Employee.personnel_number), col(Employee.id)).where(
        Employee.organisation_id == org.id
    )
    if not all_employees:
        query = query.where(col(Employee.personnel_number).in_(wanted))
    found = dict(session.exec(query).all())
    unknown = [n for n in wanted if n not in found]
    if unknown:
        raise BreachError("breaches.unknown_number", "numbers", ", ".join(unknown[:5]))
    return sorted({i for i in found.values() if i is not None})


def _kinds(kinds: Sequence[str]) -> str:
    chosen = [k for k in DATA_KINDS if k in set(kinds)]
    if set(kinds) - set(DATA_KINDS):
        raise BreachError("breaches.bad_kind", "data_kinds")
    return ",".join(chosen)


def _breach(session: Session, breach_id: int) -> Breach:
    row = session.exec(select(Breach).where(Breach.id == breach_id).with_for_update()).first()
    if row is None:
        raise BreachError("breaches.unknown")
    return row


def _log(
    ctx: Ctx,
    actor: Actor,
    event_type: str,
    action: audit.Action,
    breach_id: int | None,
    details: dict[str, object] | None = None,
    subject: int | None = None,
) -> None:
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type=event_type,
        action=action,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=subject,
        objects=[audit.ObjectRef(str(Category.AUDIT), "breach", breach_id)],
        details=details,
        secret=ctx.secret,
        now=ctx.now,
    )


def _add_people(ctx: Ctx, actor: Actor, breach: Breach, employee_ids: Sequence[int]) -> int:
    """Link the people to the breach (each once), one audit row each."""
    assert breach.id is not None
    have = set(
        ctx.session.exec(
            select(BreachPerson.employee_id).where(BreachPerson.breach_id == breach.id)
        ).all()
    )
    new = [i for i in employee_ids if i not in have]
    ctx.session.add_all(BreachPerson(breach_id=breach.id, employee_id=i) for i in new)
    audit.record_many(
        ctx.session,
        [
            audit.Entry(
                event_type=PEOPLE_ADDED,
                action=audit.Action.CREATE,
                ground=audit.Ground.LEGAL_DUTY,
                subject_employee_id=i,
                objects=[audit.ObjectRef(str(Category.AUDIT), "breach", breach.id)],
            )
            for i in new
        ],
        actor=actor,
        access=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )
    return len(new)


# --- the officer's acts ---------------------------------------------------------------------


def record(actor: Actor, form: BreachForm, *, ctx: Ctx) -> int:
    """Record a breach; bad input is refused before anything is written."""
    account_id = _keeper(actor)
    title = _text(form.title, MAX_TITLE, "title", required=True)
    found_at = parse_moment(form.found_at, "found_at", required=True)
    assert found_at is not None
    _not_future(found_at, ctx.now, "found_at")
    occurred_at = parse_moment(form.occurred_at, "occurred_at", required=False)
    if occurred_at is not None:
        _not_future(occurred_at, ctx.now, "occurred_at")
        if found_at < occurred_at:
            raise BreachError("breaches.found_before_occurred", "found_at")
    risk = str(form.risk or "").strip()
    if risk not in policy.BREACH_RISKS:
        raise BreachError("breaches.risk_required", "risk")
    breach = Breach(
        title=title,
        description=_text(form.description, MAX_TEXT, "description"),
        occurred_at=occurred_at,
        found_at=found_at,
        data_categories=_kinds(form.data_kinds),
        risk=risk,
        measures=_text(form.measures, MAX_TEXT, "measures"),
        consequences=_text(form.consequences, MAX_TEXT, "consequences"),
        people_text=_text(form.people_text, MAX_TEXT, "people_text"),
        created_by_account_id=account_id,
        created_at=ctx.now,
    )
    people = _people(ctx.session, form.organisation_id, form.numbers, form.all_employees)
    ctx.session.add(breach)
    ctx.session.flush()
    assert breach.id is not None
    _log(
        ctx,
        actor,
        RECORDED,
        audit.Action.CREATE,
        breach.id,
        {"risk": risk, "found_at": found_at, "people": len(people)},
    )
    _add_people(ctx, actor, breach, people)
    return breach.id


def add_people(
    actor: Actor,
    breach_id: int,
    organisation_id: str,
    numbers: str,
    all_employees: bool,
    *,
    ctx: Ctx,
) -> int:
    """More people found to be concerned (of any employer); those already linked stay."""
    _keeper(actor)
    breach = _breach(ctx.session, breach_id)
    people = _people(ctx.session, organisation_id, numbers, all_employees)
    if not people:
        raise BreachError("breaches.numbers_required", "numbers")
    return _add_people(ctx, actor, breach, people)


def notify_ap(
    actor: Actor, breach_id: int, at: str, reference: str, late_reason: str, *, ctx: Ctx
) -> None:
    """The AP was notified at ``at`` (Dutch time) under ``reference``; after the 72 hours
    the reason for the delay is required (art. 33(1))."""
    _keeper(actor)
    breach = _breach(ctx.session, breach_id)
    if breach.ap_notified_at is not None:
        raise BreachError("breaches.ap_already_notified")
    moment = parse_moment(at, "ap_notified_at", required=True)
    assert moment is not None
    _not_future(moment, ctx.now, "ap_notified_at")
    if moment < _aware(breach.found_at):
        raise BreachError("breaches.notified_before_found", "ap_notified_at")
    reference = _text(reference, MAX_REFERENCE, "ap_reference", required=True)
    late = moment > policy.breach_ap_deadline(_aware(breach.found_at))
    reason = _text(late_reason, MAX_REASON, "ap_reason", required=late)
    breach.ap_notified_at, breach.ap_reference, breach.ap_reason = moment, reference, reason
    ctx.session.add(breach)
    _log(
        ctx,
        actor,
        AP_NOTIFIED,
        audit.Action.UPDATE,
        breach_id,
        {"at": moment, "reference": reference, "late": late},
    )


def not_notified(actor: Actor, breach_id: int, reason: str, *, ctx: Ctx) -> None:
    """Record why the AP is not notified: allowed only when the breach brings no risk."""
    _keeper(actor)
    breach = _breach(ctx.session, breach_id)
    if breach.ap_notified_at is not None:
        raise BreachError("breaches.ap_already_notified")
    if policy.breach_must_notify_ap(breach.risk):
        raise BreachError("breaches.must_notify_ap")
    breach.ap_reason = _text(reason, MAX_REASON, "ap_reason", required=True)
    ctx.session.add(breach)
    _log(ctx, actor, AP_NOT_NOTIFIED, audit.Action.UPDATE, breach_id)


def decide(
    actor: Actor, breach_id: int, tell: str, reason: str, people_text: str = "", *, ctx: Ctx
) -> None:
    """The decision to tell the people affected, with its reason. A high risk is told
    (art. 34(1)): "no" is refused for it. Telling needs the text the people will read:
    written now, or when the breach was recorded."""
    _keeper(actor)
    breach = _breach(ctx.session, breach_id)
    if breach.told_at is not None:
        raise BreachError("breaches.already_told")
    if tell not in ("yes", "no"):
        raise BreachError("breaches.choose_tell", "tell")
    telling = tell == "yes"
    if not telling and policy.breach_must_tell_people(breach.risk):
        raise BreachError("breaches.high_risk_must_tell", "tell")
    breach.tell_reason = _text(reason, MAX_REASON, "tell_reason", required=True)
    text = _text(people_text, MAX_TEXT, "people_text")
    if telling and not (text or breach.people_text.strip()):
        raise BreachError("breaches.people_text_required", "people_text")
    breach.tell_people = telling
    breach.people_text = text or breach.people_text
    ctx.session.add(breach)
    _log(
        ctx,
        actor,
        DECIDED,
        audit.Action.UPDATE,
        breach_id,
        {"tell": telling, "people_text_written": bool(text)},
    )


def tell(actor: Actor, breach_id: int, *, ctx: Ctx) -> int:
    """A notice in the portal and a content-free mail to every person of the breach not yet
    told; returns how many were told now (each person once, whatever is clicked again)."""
    _keeper(actor)
    breach = _breach(ctx.session, breach_id)
    if breach.tell_people is not True:
        raise BreachError("breaches.decide_first")
    if not breach.people_text.strip():
        raise BreachError("breaches.people_text_required", "people_text")
    rows = ctx.session.exec(
        select(BreachPerson)
        .where(BreachPerson.breach_id == breach_id, col(BreachPerson.notified_at).is_(None))
        .order_by(col(BreachPerson.id))
        .with_for_update()
    ).all()
    if not rows and breach.told_at is None:
        raise BreachError("breaches.nobody_to_tell")
    told = 0
    for row in rows:
        _tell_one(ctx, actor, breach, row)
        told += 1
    breach.told_at = breach.told_at or ctx.now
    ctx.session.add(breach)
    return told


def _tell_one(ctx: Ctx, actor: Actor, breach: Breach, row: BreachPerson) -> None:
    person = ctx.session.get(Employee, row.employee_id)
    assert person is not None
    account = ctx.session.exec(
        select(Account).where(Account.employee_id == person.id, col(Account.is_active))
    ).first()
    notice = EmployeeNotice(
        employee_id=row.employee_id,
        account_id=account.id if account else None,
        kind=NOTICE_KIND,
        created_at=ctx.now,
    )
    ctx.session.add(notice)
    row.notified_at = ctx.now
    ctx.session.add(row)
    ctx.session.flush()
    mail = _mail(account, person, ctx.origin)
    if mail is not None:
        ctx.send(mail)
    letter = _letter(ctx, actor, row, account, person)
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type=PERSON_TOLD,
        action=audit.Action.CREATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=row.employee_id,
        objects=[
            audit.ObjectRef(str(Category.AUDIT), "breach", breach.id),
            audit.ObjectRef(str(Category.AUDIT), "employee_notice", notice.id),
        ],
        details={"mail": mail is not None, **letter},
        secret=ctx.secret,
        now=ctx.now,
    )


def _letter(
    ctx: Ctx, actor: Actor, row: BreachPerson, account: Account | None, person: Employee
) -> dict[str, object]:
    """No account and no address: a letter through telling (AVG art. 34 reaches him by
    post). A letter is scoped by a case's employer, so it goes with his latest case; without
    a case there is no letter, and the audit row says so. The letter finds this breach by
    his ``breach_person`` row told at the letter's ``created_at`` (both ``ctx.now``)."""
    if account is not None or person.email.strip():
        return {}
    case_id = ctx.session.exec(
        select(SickLeaveCase.id)
        .where(SickLeaveCase.employee_id == row.employee_id)
        .order_by(col(SickLeaveCase.sick_report_date).desc(), col(SickLeaveCase.id).desc())
    ).first()
    if case_id is None:
        return {"letter": None, "no_letter": "no_case"}
    letter_id = telling.letter_if_unreachable(
        ctx,
        actor,
        employee_id=row.employee_id,
        account=account,
        person=person,
        case_id=case_id,
        kind=telling.BREACH,
    )
    return {"letter": letter_id}


def _mail(account: Account | None, person: Employee, origin: str) -> Mail | None:
    """The content-free mail: there was an incident with his data, read the notice in the
    portal. To his account's address, else to the address on file."""
    address = (account.email if account else "") or person.email
    if not address:
        return None
    lang = account.language if account else "nl"
    name = account.display_name if account else f"{person.first_name} {person.last_name}"
    body = t("mail.breach.body", lang).format(
        name=name, link=f"{origin}{INCIDENTS_PATH}", origin=origin
    )
    return Mail(to=address, subject=t("mail.breach.subject", lang), body=body)


# --- the register -------------------------------------------------------------------------


def register(actor: Actor, *, session: Session, now: datetime) -> Register:
    """The breaches, newest found first, each with its clock; counts of people only."""
    _keeper(actor)
    breaches = session.exec(
        select(Breach)
        .order_by(col(Breach.found_at).desc(), col(Breach.id).desc())
        .limit(REGISTER_LIMIT)
    ).all()
    ids = [b.id for b in breaches]
    counts: dict[int, list[int]] = {}
    names: dict[int, set[str]] = {}
    for breach_id, notified, org_name in session.exec(
        select(col(BreachPerson.breach_id), col(BreachPerson.notified_at), col(Organisation.name))
        .join(Employee, col(Employee.id) == col(BreachPerson.employee_id))
        .join(Organisation, col(Organisation.id) == col(Employee.organisation_id))
        .where(col(BreachPerson.breach_id).in_(ids))
    ).all():
        count = counts.setdefault(breach_id, [0, 0])
        count[0] += 1
        count[1] += notified is not None
        names.setdefault(breach_id, set()).add(org_name)
    organisations = tuple(
        (o.id or 0, o.name)
        for o in session.exec(select(Organisation).order_by(col(Organisation.name))).all()
    )
    return Register(
        tuple(
            _line(b, now, counts.get(b.id or 0, [0, 0]), names.get(b.id or 0, set()))
            for b in breaches
        ),
        organisations,
    )


def _line(breach: Breach, now: datetime, count: list[int], names: set[str]) -> BreachLine:
    found_at = _aware(breach.found_at)
    deadline = policy.breach_ap_deadline(found_at)
    notified = _aware(breach.ap_notified_at) if breach.ap_notified_at else None
    state = "notified" if notified else ("not_notified" if breach.ap_reason else "open")
    seconds = (deadline - now).total_seconds()
    hours_left = int(seconds // 3600) if seconds >= 0 else -int(-seconds // 3600)
    return BreachLine(
        breach_id=breach.id or 0,
        title=breach.title,
        description=breach.description,
        occurred_at=_aware(breach.occurred_at) if breach.occurred_at else None,
        found_at=found_at,
        data_kinds=tuple(k for k in breach.data_categories.split(",") if k),
        risk=breach.risk,
        measures=breach.measures,
        consequences=breach.consequences,
        people_text=breach.people_text,
        deadline=deadline,
        hours_left=hours_left,
        ap_state=state,
        ap_notified_at=notified,
        ap_reference=breach.ap_reference,
        ap_reason=breach.ap_reason,
        ap_late=bool(notified and notified > deadline),
        tell_people=breach.tell_people,
        tell_reason=breach.tell_reason,
        told_at=_aware(breach.told_at) if breach.told_at else None,
        people=count[0],
        told=count[1],
        organisations=tuple(sorted(names)),
        decision_needed=breach.tell_people is None
        and (count[0] > 0 or policy.breach_must_tell_people(breach.risk)),
    )


# --- the employee's notices ---------------------------------------------------------------


def my_incidents(actor: Actor, *, ctx: Ctx) -> tuple[IncidentNotice, ...]:
    """The breaches the employee was told about: the text written for him, the likely
    consequences, the measures. His own data; the read is logged."""
    employee_id = require(actor, Role.EMPLOYEE, has="employee_id", error=PolicyDeniedError)
    rows = ctx.session.exec(
        select(BreachPerson, Breach)
        .join(Breach, col(Breach.id) == col(BreachPerson.breach_id))
        .where(
            BreachPerson.employee_id == employee_id,
            col(BreachPerson.notified_at).is_not(None),
        )
        .order_by(col(BreachPerson.notified_at).desc(), col(BreachPerson.id).desc())
    ).all()
    found = tuple(
        IncidentNotice(
            notice_id=person.id or 0,
            told_at=_aware(person.notified_at or breach.created_at),
            text=breach.people_text,
            consequences=breach.consequences,
            measures=breach.measures,
        )
        for person, breach in rows
    )
    if found:
        audit.record(
            ctx.session,
            actor=actor,
            access=ctx.access,
            event_type=INCIDENTS_READ,
            action=audit.Action.READ,
            ground=audit.Ground.OWN_DATA,
            subject_employee_id=employee_id,
            objects=[
                audit.ObjectRef(str(Category.AUDIT), "breach_person", n.notice_id) for n in found
            ],
            secret=ctx.secret,
            now=ctx.now,
        )
    return found


# --- the reminder job -----------------------------------------------------------------------


def remind_officers(
    *, engine: Engine | None = None, settings: Settings | None = None, now: datetime | None = None
) -> Reminded:
    """Mail every active privacy officer about each breach with a risk that was found
    :data:`~kwportal.domain.policy.BREACH_REMIND_HOURS` hours ago or more and is not yet
    notified to the AP. Each breach is claimed with one conditional UPDATE in the same
    transaction that queues its mails: never twice, never lost."""
    engine = engine or get_engine()
    settings = settings or get_settings()
    at = now or datetime.now(UTC)
    old_enough = at - timedelta(hours=policy.BREACH_REMIND_HOURS)
    pending = (
        col(Breach.found_at) <= old_enough,
        col(Breach.risk) != "none",
        col(Breach.ap_notified_at).is_(None),
        col(Breach.ap_reminded_at).is_(None),
    )
    with read_transaction(engine) as session:
        due = [i for i in session.exec(select(Breach.id).where(*pending)).all() if i is not None]
    report = Reminded()
    for breach_id in due:
        with transaction(engine) as session:
            claimed = session.execute(
                update(Breach)
                .where(col(Breach.id) == breach_id, *pending)
                .values(ap_reminded_at=at)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                continue  # another worker, or the officer notified the AP meanwhile
            breach = session.get(Breach, breach_id, populate_existing=True)
            assert breach is not None
            deadline = policy.breach_ap_deadline(_aware(breach.found_at)).astimezone(LOCAL)
            officers = session.exec(
                select(Account).where(
                    Account.role == str(Role.PRIVACY_OFFICER), col(Account.is_active)
                )
            ).all()
            mails = [
                Mail(
                    to=o.email,
                    subject=t("mail.breach_reminder.subject", o.language),
                    body=t("mail.breach_reminder.body", o.language).format(
                        name=o.display_name,
                        number=breach_id,
                        deadline=fmt_datetime(deadline, o.language),
                        link=f"{settings.public_origin}{REGISTER_PATH}",
                    ),
                )
                for o in officers
                if o.email
            ]
            outbox.enqueue(session, mails, now=at, secret=settings.secret_key)
            report.breaches += 1
            report.mails += len(mails)
    return report


#: the periodic job (kwportal/services/jobs/tasks.py JOBS)
REMINDER_JOB = "breach_reminders"


def reminder_job() -> str:
    return remind_officers().summary()


# --- use cases: one click each ------------------------------------------------------------


def _page(actor: Actor, ctx: Ctx) -> Register:
    return register(actor, session=ctx.session, now=ctx.now)


@use_case(*policy.BREACH_KEEPERS)
def do_register(actor: Actor, *, ctx: Ctx) -> Register:
    return _page(actor, ctx)


@use_case(*policy.BREACH_KEEPERS)
def do_record(actor: Actor, form: BreachForm, *, ctx: Ctx) -> Register:
    record(actor, form, ctx=ctx)
    return _page(actor, ctx)


@use_case(*policy.BREACH_KEEPERS)
def do_add_people(
    actor: Actor,
    breach_id: int,
    organisation_id: str,
    numbers: str,
    all_employees: bool,
    *,
    ctx: Ctx,
) -> Register:
    add_people(actor, breach_id, organisation_id, numbers, all_employees, ctx=ctx)
    return _page(actor, ctx)


@use_case(*policy.BREACH_KEEPERS)
def do_notify_ap(
    actor: Actor, breach_id: int, at: str, reference: str, late_reason: str, *, ctx: Ctx
) -> Register:
    notify_ap(actor, breach_id, at, reference, late_reason, ctx=ctx)
    return _page(actor, ctx)


@use_case(*policy.BREACH_KEEPERS)
def do_not_notified(actor: Actor, breach_id: int, reason: str, *, ctx: Ctx) -> Register:
    not_notified(actor, breach_id, reason, ctx=ctx)
    return _page(actor, ctx)


@use_case(*policy.BREACH_KEEPERS)
def do_decide(
    actor: Actor, breach_id: int, tell_: str, reason: str, people_text: str, *, ctx: Ctx
) -> Register:
    decide(actor, breach_id, tell_, reason, people_text, ctx=ctx)
    return _page(actor, ctx)


@use_case(*policy.BREACH_KEEPERS)
def do_tell(actor: Actor, breach_id: int, *, ctx: Ctx) -> tuple[int, Register]:
    told = tell(actor, breach_id, ctx=ctx)
    return told, _page(actor, ctx)


@use_case(Role.EMPLOYEE, person=True)
def do_my_incidents(actor: Actor, *, ctx: Ctx) -> tuple[IncidentNotice, ...]:
    return my_incidents(actor, ctx=ctx)
