"""Release in one transaction (issue 7, item 5; issue 5, item 2): feedback visible to the
employer, a disclosure row, the employee's in-app notice, an audit row — and after the
commit a mail that says *that* something was shared, never what. A failure half-way
leaves nothing half-released."""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, Disclosure, EmployeeNotice, EmployerFeedback
from kwportal.services import audit
from kwportal.services.employee.disclosures import my_disclosures
from kwportal.services.employee.notices import mark_read, unread
from kwportal.services.employer.case_view import employer_case_view
from kwportal.services.feedback import release
from kwportal.services.feedback.editor import FeedbackError, FeedbackForm, confirm_terms
from kwportal.services.feedback.release import release_feedback
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.care_world import ACCESS, NOW, ORIGIN, actor, build
from tests.integration.test_feedback_editor import FORM, draft, save


def do_release(engine, account_id, feedback_id, version):
    with transaction(engine) as session:
        return release_feedback(
            actor(engine, account_id),
            feedback_id,
            expected_version=version,
            session=session,
            access_point=ACCESS,
            secret=TEST_SECRET,
            now=NOW,
            origin=ORIGIN,
        )


def counts(engine):
    with Session(engine) as session:
        return tuple(
            session.exec(select(func.count()).select_from(model)).one()
            for model in (Disclosure, EmployeeNotice, AuditEvent)
        )


def saved_draft(engine, team, form=FORM):
    view = draft(engine, team.case_manager, team.cases[0])
    return save(engine, team.case_manager, view.feedback_id, view.version, form)


def test_release_shows_the_employer_writes_disclosure_notice_audit_and_a_contentless_mail(engine):
    a, _ = build(engine)
    view = saved_draft(engine, a)
    outcome = do_release(engine, a.doctor, view.feedback_id, view.version)

    with transaction(engine) as session:
        contact = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=a.employers[0])
        contact_actor = Actor(contact.id, Role.EMPLOYER_CONTACT, organisation_id=a.employers[0])
        seen = employer_case_view(
            contact_actor, a.cases[0], session=session, access=ACCESS, secret=TEST_SECRET
        )
    assert [f.advice for f in seen.feedback] == [FORM.advice]

    with Session(engine) as session:
        disclosure = session.get(Disclosure, outcome.disclosure_id)
        notice = session.get(EmployeeNotice, outcome.notice_id)
        row = session.get(EmployerFeedback, view.feedback_id)
        released = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "feedback_released")
        ).one()
    assert disclosure is not None and notice is not None and row is not None
    assert (disclosure.recipient_kind, disclosure.ground) == ("employer", "legal_duty")
    assert disclosure.recipient_organisation_id == a.employers[0]
    assert disclosure.feedback_id == view.feedback_id
    assert disclosure.disclosed_by_account_id == a.doctor
    assert (notice.employee_id, notice.account_id) == (a.employees[0], a.employee_accounts[0])
    assert notice.disclosure_id == disclosure.id and notice.read_at is None
    assert (row.status, row.released_by_account_id) == ("released", a.doctor)
    assert (released.action, released.subject_employee_id) == ("disclose", a.employees[0])

    [mail] = outcome.mails
    assert mail.to == "wA0@example.test"
    assert f"{ORIGIN}/my-disclosures" in mail.body
    for item in (FORM.advice, FORM.expected_period, FORM.incapacity_degree, "limited", "tillen"):
        assert item not in mail.body and item not in mail.subject


def test_the_employee_sees_the_notice_and_the_disclosure_and_reads_it_once(engine):
    a, _ = build(engine)
    view = saved_draft(engine, a)
    outcome = do_release(engine, a.doctor, view.feedback_id, view.version)
    employee = actor(engine, a.employee_accounts[0])
    with Session(engine) as session:
        [line] = my_disclosures(employee, session=session)
        [notice] = unread(employee, session=session)
    assert (line.recipient_kind, line.by_role, line.ground) == (
        "employer",
        "company_doctor",
        "legal_duty",
    )
    assert line.categories == ("employer_feedback",)
    assert notice.notice_id == outcome.notice_id

    def read(who):
        with transaction(engine) as session:
            return mark_read(
                who,
                outcome.notice_id,
                session=session,
                access_point=ACCESS,
                secret=TEST_SECRET,
                now=NOW,
            )

    assert read(actor(engine, a.employee_accounts[1])) is False  # someone else's notice
    assert read(employee) is True
    assert read(employee) is False
    with Session(engine) as session:
        assert unread(employee, session=session) == ()


def test_a_failure_half_way_rolls_everything_back_and_sends_nothing(engine, monkeypatch):
    a, _ = build(engine)
    view = saved_draft(engine, a)
    before = counts(engine)

    def broken_audit(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(release.audit, "record", broken_audit)
    with pytest.raises(RuntimeError):
        do_release(engine, a.doctor, view.feedback_id, view.version)
    monkeypatch.undo()

    assert counts(engine) == before
    with Session(engine) as session:
        row = session.get(EmployerFeedback, view.feedback_id)
    assert row is not None
    assert (row.status, row.released_at, row.released_by_account_id) == ("draft", None, None)
    assert row.version == view.version
    assert do_release(engine, a.doctor, view.feedback_id, view.version).disclosure_id


def test_empty_already_released_stale_and_undelegated_releases_are_refused(engine):
    a, _ = build(engine)
    empty = draft(engine, a.doctor, a.cases[0])
    with pytest.raises(FeedbackError) as refused:
        do_release(engine, a.doctor, empty.feedback_id, empty.version)
    assert refused.value.code == "feedback.empty"
    view = save(engine, a.doctor, empty.feedback_id, empty.version, FORM)
    with pytest.raises(FeedbackError) as refused:
        do_release(engine, a.doctor, view.feedback_id, view.version - 1)
    assert refused.value.code == "feedback.stale"
    for account_id in (a.member, a.case_manager):
        with pytest.raises(FeedbackError) as refused:
            do_release(engine, account_id, view.feedback_id, view.version)
        assert refused.value.code == "feedback.may_not_release"
    do_release(engine, a.doctor, view.feedback_id, view.version)
    after = counts(engine)
    with pytest.raises(FeedbackError) as refused:
        do_release(engine, a.doctor, view.feedback_id, view.version + 1)
    assert refused.value.code == "feedback.already_released"
    assert counts(engine) == after


def test_flagged_terms_block_release_until_confirmed(engine):
    a, _ = build(engine)
    view = saved_draft(engine, a, FeedbackForm(advice="Geen zwaar werk na de knieoperatie."))
    with pytest.raises(FeedbackError) as refused:
        do_release(engine, a.doctor, view.feedback_id, view.version)
    assert refused.value.code == "feedback.terms_unconfirmed"
    assert [h.term for h in refused.value.terms] == ["knieoperatie"]
    with transaction(engine) as session:
        confirm_terms(
            actor(engine, a.doctor),
            view.feedback_id,
            expected_version=view.version,
            reason="Werknemer heeft zelf gevraagd dit te noemen.",
            session=session,
            access_point=ACCESS,
            secret=TEST_SECRET,
            now=NOW,
        )
    outcome = do_release(engine, a.doctor, view.feedback_id, view.version)
    with Session(engine) as session:
        confirmed = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "feedback_terms_confirmed")
        ).one()
    assert "knieoperatie" not in confirmed.details  # the audit log holds no medical words
    assert outcome.disclosure_id


def test_two_doctors_releasing_at_once_release_once(engine):
    a, _ = build(engine)
    view = saved_draft(engine, a)
    do_release(engine, a.doctor, view.feedback_id, view.version)
    with pytest.raises(FeedbackError):
        do_release(engine, a.doctor, view.feedback_id, view.version)
    with Session(engine) as session:
        assert len(session.exec(select(Disclosure)).all()) == 1


def test_the_audit_chain_verifies_after_releases(engine):
    a, _ = build(engine)
    view = saved_draft(engine, a)
    do_release(engine, a.doctor, view.feedback_id, view.version)
    with Session(engine) as session:
        assert audit.verify_chain(session, secret=TEST_SECRET).ok


def test_destroying_a_file_takes_its_notices_and_disclosures_along(engine):
    """Retention (seed ch. 1, Bewaartermijn): the notice points at the disclosure and the
    employee, so it goes first; nothing of the released file is left."""
    from kwportal.services.retention.run import _destroy_rows

    a, _ = build(engine)
    view = saved_draft(engine, a)
    do_release(engine, a.doctor, view.feedback_id, view.version)
    with transaction(engine) as session:
        _destroy_rows(session, [a.employees[0]])
    with Session(engine) as session:
        for model in (Disclosure, EmployeeNotice, EmployerFeedback):
            assert session.exec(select(model)).all() == [], model
