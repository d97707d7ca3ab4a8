"""A file on its way into a case, made safe before any transaction opens (issue 15 item 4):
its type read from its bytes, its name made plain, an image decoded and written anew so
that nothing but its pixels survives (EXIF with the phone's position and serial number,
XMP, ICC profiles, PNG text chunks, JPEG comments, bytes hidden after the image), turned
the way its EXIF orientation says first. A PDF is kept as sent, unless it carries active
content (``domain.uploads``).

The work is done here, outside the unit of work: re-encoding a large photo takes a moment
and must not hold the database's write lock. :func:`prepare` is the only way to a
:class:`CleanFile`, which is what the upload use case takes."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from kwportal.domain.uploads import (
    CONTENT_TYPES,
    MAX_IMAGE_PIXELS,
    FileKind,
    UploadRefusedError,
    check_file,
    check_pixels,
    pdf_has_active_content,
    safe_filename,
)

#: JPEG quality of a re-encoded photo (text of a photographed letter stays sharp)
JPEG_QUALITY = 90
#: the only image info a re-encoded PNG keeps: its transparency
PNG_KEPT_INFO = ("transparency",)
_FORMATS = {FileKind.JPEG: "JPEG", FileKind.PNG: "PNG"}


@dataclass(frozen=True, slots=True)
class CleanFile:
    """A file that passed :func:`prepare`: its real kind, the stored name and bytes."""

    filename: str
    kind: FileKind
    content: bytes
    sha256: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def size(self) -> int:
        return len(self.content)


def prepare(filename: str, content: bytes) -> CleanFile:
    """The file as the case will keep it, or :class:`UploadRefusedError` with the message
    for the file field."""
    kind = check_file(filename, content)
    if kind is FileKind.PDF:
        if pdf_has_active_content(content):
            raise UploadRefusedError("case_files.error.pdf_active")
        body = content
    else:
        body = strip_image(content, kind)
    return CleanFile(safe_filename(filename, kind), kind, body, hashlib.sha256(body).hexdigest())


def strip_image(content: bytes, kind: FileKind) -> bytes:
    """The image's pixels, turned upright, written anew without any metadata. Its size is
    read from the header and checked before a pixel is decoded (a decompression bomb)."""
    try:
        with Image.open(io.BytesIO(content), formats=[_FORMATS[kind]]) as image:
            check_pixels(*image.size)
            image.load()
            return _encode(ImageOps.exif_transpose(image), kind)
    except UploadRefusedError:
        raise
    except Image.DecompressionBombError as error:
        raise UploadRefusedError("case_files.error.image_too_big") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise UploadRefusedError("case_files.error.damaged") from error


def _encode(image: Image.Image, kind: FileKind) -> bytes:
    """A copy holding nothing of the source's ``info`` (EXIF, XMP, ICC, comments, text)
    except what a PNG needs to look the same (transparency)."""
    clean = image.copy()
    kept = PNG_KEPT_INFO if kind is FileKind.PNG else ()
    clean.info = {key: image.info[key] for key in kept if key in image.info}
    out = io.BytesIO()
    if kind is FileKind.JPEG:
        if clean.mode not in ("L", "RGB", "CMYK"):
            clean = clean.convert("RGB")
        clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        clean.save(out, "PNG")
    return out.getvalue()


__all__ = ["MAX_IMAGE_PIXELS", "CleanFile", "prepare", "strip_image"]
