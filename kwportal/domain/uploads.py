"""Which files a case accepts (issue 15 item 4): PDF, JPEG and PNG, up to a size limit, the
type decided by the file's first bytes (its magic number), never by its name or by what the
browser claims. A name whose extension promises another type than the bytes hold is a lying
name and is refused: a program renamed ``brief.pdf`` must not reach a doctor's screen as a
letter. The stored name is reduced to plain characters and gets the real type's extension.

A PDF is kept as sent (re-writing it would change a signed letter), so one that carries
active content — JavaScript, a launch action, embedded files — is refused instead. The
check reads the file's own names, also those written with ``#xx`` escapes and those inside
compressed object streams (within an inflate budget); it is a filter, not a PDF parser.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from enum import StrEnum

#: the largest file a case accepts (a phone photo of a letter is 2–5 MB)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: an image larger than this many pixels is refused before it is decoded (a small PNG can
#: claim 100 000 × 100 000 pixels and ask gigabytes of memory: a decompression bomb)
MAX_IMAGE_PIXELS = 40_000_000
#: how many files one case holds at most (a runaway script cannot fill the database)
MAX_FILES_PER_CASE = 200
#: the longest stored name, extension excluded
MAX_NAME = 80
#: how many bytes the PDF check inflates from compressed object streams at most
PDF_INFLATE_BUDGET = 20 * 1024 * 1024


class FileKind(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"


CONTENT_TYPES: dict[FileKind, str] = {
    FileKind.PDF: "application/pdf",
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
}
EXTENSIONS: dict[FileKind, str] = {
    FileKind.PDF: ".pdf",
    FileKind.JPEG: ".jpg",
    FileKind.PNG: ".png",
}
#: the extensions a name may carry for each kind (lower case)
NAME_EXTENSIONS: dict[str, FileKind] = {
    ".pdf": FileKind.PDF,
    ".jpg": FileKind.JPEG,
    ".jpeg": FileKind.JPEG,
    ".jpe": FileKind.JPEG,
    ".jfif": FileKind.JPEG,
    ".png": FileKind.PNG,
}
#: the magic numbers (ISO 32000-1 §7.5.2; JPEG SOI + marker; PNG signature, RFC 2083)
MAGIC: tuple[tuple[bytes, FileKind], ...] = (
    (b"%PDF-", FileKind.PDF),
    (b"\xff\xd8\xff", FileKind.JPEG),
    (b"\x89PNG\r\n\x1a\n", FileKind.PNG),
)

#: PDF names that make a document act on its own when opened (a JavaScript action always
#: names ``/S /JavaScript``); long enough not to turn up by chance in compressed bytes
_ACTIVE_NAMES = re.compile(rb"/(?:JavaScript|Launch|EmbeddedFiles?|RichMedia)(?![A-Za-z0-9])")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm[^>]*?>>\s*stream\r?\n", re.DOTALL)
_EXTENSION = re.compile(r"^(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,5}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9 ._-]+")
_RUNS = re.compile(r"[ _]{2,}")


class UploadRefusedError(ValueError):
    """The file is refused; ``code`` is the i18n key of the message at the file field."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def sniff(content: bytes) -> FileKind | None:
    """The accepted kind the bytes begin with, or None."""
    for magic, kind in MAGIC:
        if content.startswith(magic):
            return kind
    return None


def extension(filename: str) -> str:
    """The name's extension in lower case (``.pdf``), or ``""`` when it has none: a last
    part of one to five letters and digits, at least one a letter (``dr. Jansen`` and
    ``scan 2024.05`` have none)."""
    stem, dot, last = _basename(filename).rpartition(".")
    return "." + last.lower() if dot and stem and _EXTENSION.match(last) else ""


def check_file(filename: str, content: bytes) -> FileKind:
    """The file's real kind, or :class:`UploadRefusedError`: empty, too large, not one of
    the accepted types, or a name whose extension promises another type than the bytes
    hold (a PNG named ``.pdf``, a program named ``.pdf``, a PDF named ``.exe``)."""
    if not content:
        raise UploadRefusedError("case_files.error.empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise UploadRefusedError("case_files.error.too_large")
    kind, named = sniff(content), extension(filename)
    claimed = NAME_EXTENSIONS.get(named)
    if kind is None:
        code = "lying_name" if claimed is not None else "type"
        raise UploadRefusedError(f"case_files.error.{code}")
    if named and claimed is not kind:
        raise UploadRefusedError("case_files.error.lying_name")
    return kind


def check_pixels(width: int, height: int) -> None:
    """An image's size, read from its header before a pixel is decoded."""
    if width <= 0 or height <= 0 or width * height > MAX_IMAGE_PIXELS:
        raise UploadRefusedError("case_files.error.image_too_big")


def pdf_has_active_content(content: bytes) -> bool:
    """Does the PDF name JavaScript, a launch action, embedded files or rich media — in
    plain view, behind ``#xx`` name escapes, or inside a compressed object stream?
    A document whose object streams inflate beyond the budget counts as active: it cannot
    be checked."""
    if _ACTIVE_NAMES.search(_unescape(content)):
        return True
    budget = PDF_INFLATE_BUDGET
    for match in _OBJECT_STREAM.finditer(content):
        inflated, budget = _inflate(content[match.end() :], budget)
        if inflated is None:
            return True
        if _ACTIVE_NAMES.search(_unescape(inflated)):
            return True
    return False


def _unescape(raw: bytes) -> bytes:
    return _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)


def _inflate(data: bytes, budget: int) -> tuple[bytes | None, int]:
    """The stream's inflated bytes and the budget left, or None when it runs out; a stream
    that is not deflated gives nothing to read."""
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(data, budget + 1)
    except zlib.error:
        return b"", budget
    if len(inflated) > budget:
        return None, 0
    return inflated, budget - len(inflated)


def _basename(filename: str) -> str:
    """The last part of a path a browser may send (``C:\\Users\\…\\scan.pdf``)."""
    return re.split(r"[\\/]", filename)[-1].strip()


def safe_filename(filename: str, kind: FileKind) -> str:
    """The name to store and to offer on download: the sender's name without its path and
    extension, reduced to letters, digits, spaces, dots, dashes and underscores (accents
    dropped), cut to :data:`MAX_NAME`, with the real kind's extension; ``bestand`` when
    nothing is left. Safe inside a quoted Content-Disposition header."""
    base = _basename(filename)
    stem = base.rpartition(".")[0] if extension(base) else base
    plain = unicodedata.normalize("NFKD", stem)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = _RUNS.sub("_", _UNSAFE.sub("_", plain)).strip(" ._-")[:MAX_NAME].strip(" ._-")
    return (plain or "bestand") + EXTENSIONS[kind]


def name_words(filename: str) -> str:
    """The stored name as words, for the medical-term check (``burn-out_verklaring.pdf``
    → ``burn-out verklaring``)."""
    return filename.rpartition(".")[0].replace("_", " ").replace(".", " ")
