"""Which files a case accepts and who reads them (kwportal/domain/uploads.py and the
"issue 15: uploads" part of kwportal/domain/policy.py): the type comes from the bytes, a
name that promises another type is refused, the stored name is plain and carries the real
extension, a PDF with active content is refused, and a ``care`` upload reaches the care
team and the employee only."""

from __future__ import annotations

import zlib

import pytest

from kwportal.domain import uploads
from kwportal.domain.policy import (
    UPLOAD_CARE,
    UPLOAD_CASE,
    Actor,
    Subject,
    may_read_upload,
    may_upload,
    upload_audience,
    upload_category,
)
from kwportal.domain.roles import Role
from kwportal.domain.uploads import FileKind, UploadRefusedError

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
EXE = b"MZ\x90\x00" + b"\x00" * 32


@pytest.mark.parametrize(
    ("content", "kind"), [(PDF, FileKind.PDF), (PNG, FileKind.PNG), (JPEG, FileKind.JPEG)]
)
def test_the_kind_comes_from_the_first_bytes(content: bytes, kind: FileKind) -> None:
    assert uploads.sniff(content) is kind
    assert uploads.check_file("scan", content) is kind


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("brief.pdf", PNG, "lying_name"),  # a picture named as a letter
        ("brief.pdf", EXE, "lying_name"),  # a program named as a letter
        ("foto.png", PDF, "lying_name"),
        ("brief.exe", PDF, "lying_name"),
        ("brief.docx", PDF, "lying_name"),
        ("setup.exe", EXE, "type"),
        ("tekst", b"hallo", "type"),
        ("leeg.pdf", b"", "empty"),
    ],
)
def test_a_lying_name_an_unknown_type_and_an_empty_file_are_refused(
    name: str, content: bytes, code: str
) -> None:
    with pytest.raises(UploadRefusedError) as refused:
        uploads.check_file(name, content)
    assert refused.value.code == f"case_files.error.{code}"


def test_a_file_over_the_limit_is_refused() -> None:
    with pytest.raises(UploadRefusedError) as refused:
        uploads.check_file("groot.pdf", b"%PDF-" + b"0" * uploads.MAX_UPLOAD_BYTES)
    assert refused.value.code == "case_files.error.too_large"
    assert uploads.check_file("net.pdf", b"%PDF-" + b"0" * (uploads.MAX_UPLOAD_BYTES - 5))


@pytest.mark.parametrize(
    ("name", "ext"),
    [
        ("brief.PDF", ".pdf"),
        ("foto.JPEG", ".jpeg"),
        ("brief van dr. Jansen", ""),
        ("scan 2024.05", ""),
        (".pdf", ""),
        ("C:\\Users\\an\\scan.png", ".png"),
    ],
)
def test_what_counts_as_an_extension(name: str, ext: str) -> None:
    assert uploads.extension(name) == ext


@pytest.mark.parametrize(
    ("name", "kind", "stored"),
    [
        ("Brief specialist.pdf", FileKind.PDF, "Brief specialist.pdf"),
        ("foto.JPEG", FileKind.JPEG, "foto.jpg"),
        ("C:\\Users\\Ån\\Scan één.png", FileKind.PNG, "Scan een.png"),
        ("../../etc/passwd", FileKind.PDF, "passwd.pdf"),
        ('a"b;c\r\nd.pdf', FileKind.PDF, "a_b_c_d.pdf"),
        ("...", FileKind.PNG, "bestand.png"),
        ("scan", FileKind.JPEG, "scan.jpg"),
        ("x" * 300 + ".pdf", FileKind.PDF, "x" * uploads.MAX_NAME + ".pdf"),
    ],
)
def test_the_stored_name_is_plain_and_carries_the_real_extension(
    name: str, kind: FileKind, stored: str
) -> None:
    assert uploads.safe_filename(name, kind) == stored


def test_the_pixel_limit_guards_against_decompression_bombs() -> None:
    uploads.check_pixels(4000, 3000)
    with pytest.raises(UploadRefusedError):
        uploads.check_pixels(100_000, 100_000)
    with pytest.raises(UploadRefusedError):
        uploads.check_pixels(0, 10)


@pytest.mark.parametrize(
    "body",
    [
        b"<< /S /JavaScript /JS (app.alert(1)) >>",
        b"<< /S /J#61vaScript >>",
        b"<< /Names << /EmbeddedFiles 3 0 R >> >>",
        b"<< /S /Launch /F (calc.exe) >>",
    ],
)
def test_a_pdf_with_active_content_is_found(body: bytes) -> None:
    assert uploads.pdf_has_active_content(b"%PDF-1.7\n" + body)


def test_active_content_in_a_compressed_object_stream_is_found() -> None:
    hidden = zlib.compress(b"5 0 << /S /JavaScript /JS (x) >>")
    pdf = b"%PDF-1.7\n4 0 obj << /Type /ObjStm /N 1 /Filter /FlateDecode >>\nstream\n"
    assert uploads.pdf_has_active_content(pdf + hidden + b"\nendstream")
    plain = zlib.compress(b"5 0 << /Type /Page >>")
    assert not uploads.pdf_has_active_content(pdf + plain + b"\nendstream")


def test_a_plain_pdf_passes_and_the_name_check_reads_words() -> None:
    assert not uploads.pdf_has_active_content(PDF)
    assert uploads.name_words("burn-out_verklaring.v2.pdf") == "burn-out verklaring v2"


# --- who uploads with which audience, and who reads it ---

ORG, OTHER_ORG, PERSON = 10, 11, 100
SUBJECT = Subject(employee_id=PERSON, organisation_id=ORG)
EMPLOYEE = Actor(1, Role.EMPLOYEE, ORG, PERSON)
OTHER_EMPLOYEE = Actor(2, Role.EMPLOYEE, ORG, PERSON + 1)
EMPLOYER = Actor(3, Role.EMPLOYER_CONTACT, ORG)
OTHER_EMPLOYER = Actor(4, Role.EMPLOYER_CONTACT, OTHER_ORG)
DOCTOR = Actor(5, Role.COMPANY_DOCTOR, employer_ids=frozenset({ORG}))
MEMBER = Actor(6, Role.CARE_TEAM, employer_ids=frozenset({ORG}))
MANAGER = Actor(7, Role.CASE_MANAGER, employer_ids=frozenset({ORG}))
OTHER_DOCTOR = Actor(8, Role.COMPANY_DOCTOR, employer_ids=frozenset({OTHER_ORG}))
DESK = Actor(9, Role.PRIVACY_OFFICER)
ADMIN = Actor(10, Role.ADMIN)


@pytest.mark.parametrize(
    ("actor", "audience"),
    [
        (EMPLOYEE, UPLOAD_CARE),
        (DOCTOR, UPLOAD_CARE),
        (MEMBER, UPLOAD_CARE),
        (EMPLOYER, UPLOAD_CASE),
        (MANAGER, UPLOAD_CASE),
    ],
)
def test_each_role_uploads_with_its_audience(actor: Actor, audience: str) -> None:
    assert may_upload(actor, SUBJECT)
    assert upload_audience(actor) == audience


@pytest.mark.parametrize("actor", [OTHER_EMPLOYEE, OTHER_EMPLOYER, OTHER_DOCTOR, DESK, ADMIN])
def test_nobody_else_uploads(actor: Actor) -> None:
    assert not may_upload(actor, SUBJECT)


@pytest.mark.parametrize(
    ("actor", "care", "case"),
    [
        (EMPLOYEE, True, True),
        (DOCTOR, True, True),
        (MEMBER, True, True),
        (EMPLOYER, False, True),
        (MANAGER, False, True),
        (OTHER_EMPLOYEE, False, False),
        (OTHER_EMPLOYER, False, False),
        (OTHER_DOCTOR, False, False),
        (DESK, False, False),
        (ADMIN, False, False),
    ],
)
def test_a_care_upload_reaches_the_care_team_and_the_employee_only(
    actor: Actor, care: bool, case: bool
) -> None:
    assert may_read_upload(actor, UPLOAD_CARE, SUBJECT) is care
    assert may_read_upload(actor, UPLOAD_CASE, SUBJECT) is case
    assert not may_read_upload(actor, "other", SUBJECT)


def test_an_upload_is_audited_by_its_category() -> None:
    assert upload_category(UPLOAD_CARE) == "medical"
    assert upload_category(UPLOAD_CASE) == "employer_record"
    assert upload_category("unknown") == "medical"
