"""The employer feedback editor (issue 7, items 3 and 4): drafts with a version check,
validation with clear codes, the medical-term confirmation, the preview through the
employer's own policy row, and delegation of the release."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session

from kwportal.db import transaction
from kwportal.models import EmployerFeedback
from kwportal.services.case.team import delegate_release, my_team
from kwportal.services.feedback.editor import (
    FML_AREAS,
    FeedbackError,
    FeedbackForm,
    confirm_terms,
    current_draft,
    save_draft,
)
from kwportal.services.feedback.preview import draft_preview
from kwportal.services.views import PolicyDeniedError
from kwportal.ui.components.employer_case import CAPACITY_AREAS, case_card
from tests.conftest import TEST_SECRET
from tests.integration.care_world import ACCESS, NOW, actor, build

FORM = FeedbackForm(
    levels={"personal_functioning": "can", "dynamic_movements": "limited"},
    notes={"dynamic_movements": "niet meer dan 10 kg tillen"},
    expected_period="4 tot 6 weken",
    incapacity_degree="gedeeltelijk (50%)",
    advice="Start met halve dagen in het eigen werk.",
)


def draft(engine, account_id, case_id):
    with transaction(engine) as session:
        view = current_draft(
            actor(engine, account_id),
            case_id,
            session=session,
            create=True,
            now=NOW,
            access_point=ACCESS,
            secret=TEST_SECRET,
        )
    assert view is not None
    return view


def save(engine, account_id, feedback_id, version, form=FORM):
    with transaction(engine) as session:
        return save_draft(
            actor(engine, account_id),
            feedback_id,
            expected_version=version,
            form=form,
            session=session,
            access_point=ACCESS,
            secret=TEST_SECRET,
            now=NOW,
        )


def test_the_fml_areas_are_the_employer_components_areas():
    assert FML_AREAS == CAPACITY_AREAS


def test_case_manager_drafts_and_the_levels_keep_the_employer_format(engine):
    a, _ = build(engine)
    view = draft(engine, a.case_manager, a.cases[0])
    assert view.version == 0 and not view.may_release
    saved = save(engine, a.case_manager, view.feedback_id, 0)
    assert saved.version == 1
    with Session(engine) as session:
        row = session.get(EmployerFeedback, view.feedback_id)
        assert row is not None
        assert json.loads(row.functional_capacity) == {
            "personal_functioning": "can",
            "dynamic_movements": "limited",
        }
        assert json.loads(row.capacity_notes) == {"dynamic_movements": "niet meer dan 10 kg tillen"}
    assert draft(engine, a.doctor, a.cases[0]).feedback_id == view.feedback_id


def test_two_editors_the_stale_save_is_refused_and_nothing_is_lost(engine):
    a, _ = build(engine)
    view = draft(engine, a.doctor, a.cases[0])
    save(engine, a.case_manager, view.feedback_id, view.version)
    other = FeedbackForm(advice="Alleen de middagen werken.")
    with pytest.raises(FeedbackError) as refused:
        save(engine, a.doctor, view.feedback_id, view.version, other)
    assert refused.value.code == "feedback.stale"
    again = draft(engine, a.doctor, a.cases[0])
    assert again.form.advice == FORM.advice and again.version == 1


@pytest.mark.parametrize(
    ("form", "code"),
    [
        (FeedbackForm(levels={"working_hours": "sometimes"}), "feedback.level_invalid"),
        (FeedbackForm(notes={"working_hours": "x" * 201}), "feedback.note_too_long"),
        (FeedbackForm(advice="x" * 5001), "feedback.advice_too_long"),
        (FeedbackForm(expected_period="x" * 201), "feedback.period_too_long"),
        (FeedbackForm(incapacity_degree="x" * 101), "feedback.degree_too_long"),
    ],
)
def test_bad_input_is_refused_and_the_draft_keeps_its_version(engine, form, code):
    a, _ = build(engine)
    view = draft(engine, a.doctor, a.cases[0])
    with pytest.raises(FeedbackError) as refused:
        save(engine, a.doctor, view.feedback_id, 0, form)
    assert refused.value.code == code
    assert draft(engine, a.doctor, a.cases[0]).version == 0


def test_another_team_cannot_touch_the_draft(engine):
    a, b = build(engine)
    view = draft(engine, a.doctor, a.cases[0])
    with pytest.raises(PolicyDeniedError):
        save(engine, b.doctor, view.feedback_id, 0)


def test_flagged_terms_need_the_releasers_reason_and_an_edit_undoes_it(engine):
    a, _ = build(engine)
    view = draft(engine, a.doctor, a.cases[0])
    flagged = FeedbackForm(advice="Vanwege de Burn-out eerst rust; geen oxazepam op het werk.")
    saved = save(engine, a.doctor, view.feedback_id, 0, flagged)
    assert [(h.field, h.term) for h in saved.terms] == [
        ("advice", "burn-out"),
        ("advice", "oxazepam"),
    ]

    def confirm(account_id, version, reason):
        with transaction(engine) as session:
            return confirm_terms(
                actor(engine, account_id),
                view.feedback_id,
                expected_version=version,
                reason=reason,
                session=session,
                access_point=ACCESS,
                secret=TEST_SECRET,
                now=NOW,
            )

    with pytest.raises(FeedbackError) as refused:
        confirm(a.case_manager, 1, "werknemer wil het zelf zo")
    assert refused.value.code == "feedback.may_not_release"
    with pytest.raises(FeedbackError) as refused:
        confirm(a.doctor, 1, "kort")
    assert refused.value.code == "feedback.reason_required"
    assert confirm(a.doctor, 1, "De werknemer heeft gevraagd dit te delen.").terms_confirmed
    edited = save(engine, a.doctor, view.feedback_id, 1, flagged)
    assert edited.terms and not edited.terms_confirmed


def test_preview_is_the_employer_view_with_the_draft_on_top(engine):
    a, _ = build(engine)
    view = draft(engine, a.case_manager, a.cases[0])
    save(engine, a.case_manager, view.feedback_id, 0)
    with transaction(engine) as session:
        preview = draft_preview(
            actor(engine, a.case_manager),
            view.feedback_id,
            session=session,
            access_point=ACCESS,
            secret=TEST_SECRET,
        )
    card = case_card(preview)
    assert card.latest.advice == FORM.advice
    assert card.latest.expected_period == FORM.expected_period
    assert [(c.area, c.level) for c in card.latest.capacity] == [
        ("dynamic_movements", "limited"),
        ("personal_functioning", "can"),
    ]
    assert "MEDISCH-" not in repr(preview) and "ZORGADRES-" not in repr(preview)


def test_doctor_delegates_release_to_a_care_team_member_only(engine):
    a, b = build(engine)
    doctor = actor(engine, a.doctor)

    def delegate(member, allowed=True, who=doctor):
        with transaction(engine) as session:
            return delegate_release(
                who,
                member,
                allowed=allowed,
                session=session,
                access_point=ACCESS,
                secret=TEST_SECRET,
                now=NOW,
            )

    assert not draft(engine, a.member, a.cases[0]).may_release
    assert delegate(a.member) is True
    assert draft(engine, a.member, a.cases[0]).may_release
    with pytest.raises(PolicyDeniedError):
        delegate(a.case_manager)
    with pytest.raises(PolicyDeniedError):
        delegate(b.member)
    with pytest.raises(PolicyDeniedError):
        delegate(a.member, who=actor(engine, b.doctor))
    with Session(engine) as session:
        team = my_team(doctor, session=session)
    assert {(m.account_id, m.may_release) for m in team} == {
        (a.member, True),
        (a.case_manager, False),
    }
    assert delegate(a.member, allowed=False) is True
    assert not draft(engine, a.member, a.cases[0]).may_release
