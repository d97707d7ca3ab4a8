"""The draft read by the employee before it is sent (BRIEF.md, NVAB guidance): the doctor
shares the draft, the employee reads it as the employer will and may react; the employer
sees neither the draft nor the reaction, before or after the release; the case manager
never sees the reaction (it is the employee's words about his health)."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, EmployerFeedback
from kwportal.services.employer.case_view import employer_case_view
from kwportal.services.feedback import draft_sharing
from kwportal.services.feedback.editor import FeedbackError, current_draft
from kwportal.services.views import PolicyDeniedError
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.care_world import ACCESS, NOW, ORIGIN, actor, build
from tests.integration.test_release import do_release, saved_draft

REACTION = "Ik twijfel of halve dagen al lukt: REACTIE-MEDISCH knie."


def share(engine, account_id, feedback_id, version):
    with transaction(engine) as session:
        return draft_sharing.share_draft(
            actor(engine, account_id),
            feedback_id,
            expected_version=version,
            session=session,
            access_point=ACCESS,
            secret=TEST_SECRET,
            now=NOW,
            origin=ORIGIN,
        )


def read_shared(engine, account_id):
    with transaction(engine) as session:
        return draft_sharing.shared_draft(
            actor(engine, account_id), session=session, access_point=ACCESS, secret=TEST_SECRET
        )


def react(engine, account_id, feedback_id, text=REACTION):
    with transaction(engine) as session:
        draft_sharing.react(
            actor(engine, account_id),
            feedback_id,
            text,
            session=session,
            access_point=ACCESS,
            secret=TEST_SECRET,
            now=NOW,
        )


def care_view(engine, account_id, case_id):
    with transaction(engine) as session:
        return current_draft(
            actor(engine, account_id),
            case_id,
            session=session,
            create=False,
            now=NOW,
            access_point=ACCESS,
            secret=TEST_SECRET,
        )


def employer_text(engine, organisation_id, case_id) -> str:
    with transaction(engine) as session:
        contact = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=organisation_id)
        assert contact.id is not None
    with transaction(engine) as session:
        view = employer_case_view(
            actor(engine, contact.id), case_id, session=session, access=ACCESS, secret=TEST_SECRET
        )
    return repr(view)


def test_an_unshared_draft_stays_out_of_the_employees_sight(engine):
    a, _ = build(engine)
    saved_draft(engine, a)
    assert read_shared(engine, a.employee_accounts[0]) is None


def test_the_employee_reads_the_shared_draft_as_the_employer_will_and_reacts(engine):
    a, _ = build(engine)
    view = saved_draft(engine, a)
    mail = share(engine, a.doctor, view.feedback_id, view.version)

    assert mail is not None and mail.to == "wA0@example.test"
    assert f"{ORIGIN}/my-employer-view" in mail.body
    assert view.form.advice not in mail.body and "10 kg" not in mail.body

    mine = read_shared(engine, a.employee_accounts[0])
    assert mine is not None and mine.feedback_id == view.feedback_id
    assert mine.view.advice == view.form.advice
    assert mine.view.capacity_notes == (("dynamic_movements", "niet meer dan 10 kg tillen"),)
    assert mine.shared_at is not None and mine.reaction == ""
    # the employer sees nothing of the draft; the other employee of the team has none
    assert view.form.advice not in employer_text(engine, a.employers[0], a.cases[0])
    assert read_shared(engine, a.employee_accounts[1]) is None

    react(engine, a.employee_accounts[0], view.feedback_id)
    assert read_shared(engine, a.employee_accounts[0]).reaction == REACTION
    doctor = care_view(engine, a.doctor, a.cases[0])
    assert doctor.shared_at is not None and doctor.employee_reaction == REACTION
    assert doctor.reaction_readable
    manager = care_view(engine, a.case_manager, a.cases[0])
    assert manager.employee_reaction == "" and not manager.reaction_readable

    do_release(engine, a.doctor, view.feedback_id, view.version)
    after = employer_text(engine, a.employers[0], a.cases[0])
    assert view.form.advice in after and "REACTIE-MEDISCH" not in after
    # released: no longer a draft to read or react to
    assert read_shared(engine, a.employee_accounts[0]) is None
    with pytest.raises(draft_sharing.SharingError, match=re.escape("draft.gone")):
        react(engine, a.employee_accounts[0], view.feedback_id, "nog iets")

    with Session(engine) as session:
        kinds = set(session.exec(select(AuditEvent.event_type)).all())
    for kind in ("feedback_draft_shared", "feedback_draft_read", "feedback_draft_reaction"):
        assert kind in kinds


def test_only_who_may_release_shares_and_a_stale_version_is_refused(engine):
    a, b = build(engine)
    view = saved_draft(engine, a)
    with pytest.raises(FeedbackError, match=re.escape("feedback.may_not_release")):
        share(engine, a.case_manager, view.feedback_id, view.version)
    with pytest.raises(FeedbackError, match=re.escape("feedback.stale")):
        share(engine, a.doctor, view.feedback_id, view.version - 1)
    with pytest.raises(PolicyDeniedError):  # another team's doctor: outside his scope
        share(engine, b.doctor, view.feedback_id, view.version)
    with Session(engine) as session:
        row = session.get(EmployerFeedback, view.feedback_id)
        assert row is not None and row.shared_with_employee_at is None


def test_bad_reactions_get_a_clear_code_and_change_nothing(engine):
    a, _ = build(engine)
    view = saved_draft(engine, a)
    share(engine, a.doctor, view.feedback_id, view.version)
    employee = a.employee_accounts[0]
    for text, code in (
        ("", "draft.reaction_empty"),
        ("   \x00 ", "draft.reaction_empty"),
        ("x" * (draft_sharing.MAX_REACTION + 1), "draft.reaction_too_long"),
    ):
        with pytest.raises(draft_sharing.SharingError, match=re.escape(code)):
            react(engine, employee, view.feedback_id, text)
    # another employee's draft, or a made-up id: the same answer as a draft that is gone
    with pytest.raises(draft_sharing.SharingError, match=re.escape("draft.gone")):
        react(engine, a.employee_accounts[1], view.feedback_id)
    with pytest.raises(draft_sharing.SharingError, match=re.escape("draft.gone")):
        react(engine, employee, view.feedback_id + 999)
    react(engine, employee, view.feedback_id, "  eerste  ")
    react(engine, employee, view.feedback_id, "tweede")
    assert read_shared(engine, employee).reaction == "tweede"
