"""Demo files on a case (issue 15 items 4 and 9), made through the upload use case the
page's route calls: the employee sends the care team a photographed letter (a PNG whose
EXIF holds a ``MEDISCH-`` canary that the upload must strip, and whose name is a canary
too: the employer must never see it), and the employer shares a PDF with the agreements
about the workplace."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from fpdf import FPDF
from PIL import Image
from sqlmodel import Session

from kwportal.models import Account
from kwportal.services.case.upload_files import prepare
from kwportal.services.case.uploads import do_upload
from kwportal.services.demo.acting import act

#: in the employee's photo's EXIF: gone after the upload (the leak tests look for it)
EXIF_CANARY = "MEDISCH-EXIF-specialist"
#: the name of the employee's file: medical, never in an employer's frame
CARE_FILE_NAME = "MEDISCH-brief-specialist.png"
EMPLOYER_FILE_NAME = "afspraken-werkplek.pdf"


def letter_photo() -> bytes:
    """A small PNG, as a phone would send it: with EXIF (description, camera, orientation)."""
    image = Image.new("RGB", (120, 80), (245, 245, 240))
    for x in range(10, 110):
        image.putpixel((x, 20), (30, 30, 30))
    exif = Image.Exif()
    exif[0x010E] = EXIF_CANARY  # ImageDescription
    exif[0x0110] = "Demo Phone 1"  # Model
    exif[0x0112] = 1  # Orientation: upright
    out = io.BytesIO()
    image.save(out, "PNG", exif=exif.tobytes())
    return out.getvalue()


DEMO_PDF_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def agreements_pdf() -> bytes:
    """A one-page PDF without a medical word: what the employer and employee agreed."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(DEMO_PDF_DATE)  # the same bytes at every seed
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "Afspraken werkplek: aangepaste werktijden 9-13 uur, bureau bij het raam.")
    return bytes(pdf.output())


def seed_case_uploads(
    session: Session,
    *,
    employee: Account,
    employer: Account,
    case_id: int,
    now: datetime,
    secret: str,
) -> tuple[int, int]:
    """The employee's care upload and the employer's shared PDF on ``case_id`` (the
    employee's own case; ``employer`` a contact of its organisation); their ids."""
    photo = prepare(CARE_FILE_NAME, letter_photo())
    care = act(session, employee, do_upload, case_id, photo, now=now, secret=secret)
    shared = prepare(EMPLOYER_FILE_NAME, agreements_pdf())
    later = now + timedelta(hours=2)
    case = act(session, employer, do_upload, case_id, shared, now=later, secret=secret)
    return care, case
