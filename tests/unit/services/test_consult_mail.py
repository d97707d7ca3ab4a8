"""A mail can carry attachments through the sealed outbox (issue 15 item 1), and a
consult's slot form and calendar file say time, length and place only."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from icalendar import Calendar

from kwportal.models import Appointment
from kwportal.services.case import consult_mail
from kwportal.services.case.consult_reminders import tomorrow
from kwportal.services.case.consults import ConsultError, parse_slot
from kwportal.services.jobs import sealing
from kwportal.services.jobs.sealing import seal, unseal
from kwportal.services.mail import Attachment, Mail, render

SECRET = "unit-test-secret"
NOW = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)  # the Saturday before summer time


def test_attachments_survive_sealing_and_are_rendered() -> None:
    mail = Mail(
        "a@example.test",
        "Afspraak",
        "Tekst",
        {},
        (Attachment("x.ics", "text/calendar", b"\x00BEGIN"),),
    )
    opened = unseal(seal(mail, "<id@x>", SECRET), "<id@x>", SECRET)
    assert opened == mail
    message = render(opened, "portal@example.test", "<id@x>")
    [part] = list(message.iter_attachments())
    assert (part.get_filename(), part.get_content_type()) == ("x.ics", "text/calendar")
    assert part.get_payload(decode=True) == b"\x00BEGIN"


def test_mail_sealed_before_attachments_existed_still_opens() -> None:
    plain = json.dumps({"to": "a@x", "subject": "s", "body": "b", "headers": {}}).encode()
    nonce = b"\x01" * sealing.NONCE_BYTES
    payload = nonce + AESGCM(sealing._key(SECRET)).encrypt(nonce, plain, b"<id>")
    assert unseal(payload, "<id>", SECRET) == Mail("a@x", "s", "b")


def test_the_calendar_file_holds_time_length_and_place_only() -> None:
    row = Appointment(
        id=7,
        case_id=1,
        employee_id=1,
        starts_at=NOW,
        minutes=45,
        place_kind="video",
        location="https://meet.example/abc",
        subject="MEDISCH-onderwerp",
        move_reason="MEDISCH-reden",
    )
    raw = consult_mail.calendar_file(row, now=NOW)
    assert b"MEDISCH" not in raw
    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert event.decoded("duration") == timedelta(minutes=45)
    assert str(event["location"]) == "Video: https://meet.example/abc"
    cancelled = Calendar.from_ical(consult_mail.calendar_file(row, now=NOW, cancel=True))
    assert str(cancelled["method"]) == "CANCEL"
    assert str(cancelled.walk("VEVENT")[0]["uid"]) == str(event["uid"])


def test_slot_times_are_amsterdam_times_across_the_clock_change() -> None:
    form = {"date": "2026-03-30", "time": "09:00", "minutes": "30", "place_kind": "phone"}
    assert parse_slot(form, now=NOW).starts_at == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert parse_slot({**form, "date": "2026-03-28", "time": "14:00"}, now=NOW).starts_at == (
        datetime(2026, 3, 28, 13, 0, tzinfo=UTC)
    )
    with pytest.raises(ConsultError, match=re.escape("consults.error.past")):
        parse_slot({**form, "date": "2026-03-28", "time": "12:59"}, now=NOW)


def test_tomorrow_is_the_amsterdam_day_after_today() -> None:
    # Saturday 28 March: Sunday 29 March has 23 hours (summer time starts)
    assert tomorrow(NOW) == (
        datetime(2026, 3, 28, 23, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 22, 0, tzinfo=UTC),
    )
    late = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)  # already Sunday in Amsterdam
    assert tomorrow(late)[0] == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)
