"""The care case page opens a long medical file on its newest notes and reads older ones on
"show older notes" (issue 19 item 2), through the page's real handlers; each page is an
audited read, and the count line says how many of how many are shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.i18n import t
from kwportal.models import AuditEvent, MedicalNote
from kwportal.services.case.file import NOTES_PAGE
from kwportal.ui.pages.care.case_file import CareCaseState
from tests.integration.auth_helpers import cheap_argon2  # noqa: F401 - fixture
from tests.integration.questionnaire_world import PAGE, World, build
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

pytestmark = pytest.mark.usefixtures("cheap_argon2")
AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield build(engine)


def test_the_page_shows_the_newest_notes_and_reads_older_ones_on_request(world: World) -> None:
    with transaction(world.engine) as session:
        before = len(
            session.exec(select(MedicalNote).where(MedicalNote.case_id == world.case)).all()
        )
        session.add_all(
            MedicalNote(
                case_id=world.case,
                employee_id=world.employee,
                author_account_id=world.accounts["doctor"],
                body=f"consult {k}",
                created_at=AT + timedelta(hours=k),
            )
            for k in range(NOTES_PAGE + 7)
        )
    total = before + NOTES_PAGE + 7
    state = page_state(
        CareCaseState, world.token("doctor"), url=f"{PAGE}/care-case?case={world.case}"
    )
    call(state, "load")
    assert [n.body for n in state.notes[:2]] == [
        f"consult {NOTES_PAGE + 6}",
        f"consult {NOTES_PAGE + 5}",
    ]
    assert (len(state.notes), state.notes_total) == (NOTES_PAGE, total)
    line = t("care_case.notes_shown", state.lang)
    assert state.notes_shown_line == line.replace("{shown}", str(NOTES_PAGE)).replace(
        "{total}", str(total)
    )
    call(state, "show_older_notes")
    assert len(state.notes) == total == len({n.note_id for n in state.notes})
    assert state.notes[NOTES_PAGE].body == "consult 6" and state.notes_shown_line == ""
    with Session(world.engine) as session:
        kinds = [
            e.event_type
            for e in session.exec(
                select(AuditEvent).where(AuditEvent.subject_employee_id == world.employee)
            )
        ]
    assert kinds.count("medical_file_view") == 1 and kinds.count("medical_notes_view") == 1
    call(state, "show_older_notes")  # nothing older: no read, nothing changes
    assert len(state.notes) == total
    with Session(world.engine) as session:
        reads = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "medical_notes_view")
        ).all()
    assert len(reads) == 1
