"""Reading an employer's roster file: encoding, delimiter, columns and every row checked, with
errors per line and column, before anything is written (issue 6 item 6, "Bad input").

Pure: bytes in, rows and errors out. Cells that look like formulas (``=cmd|...``) are kept as
the text they are; every CSV the portal writes escapes them (:func:`csv_safe`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

MAX_BYTES = 10 * 1024 * 1024
"""A roster of 50,000 employees is about 5 MB; anything over 10 MB is refused unread."""
MAX_ROWS = 100_000
MAX_ERRORS = 500
"""Errors beyond this are counted, not listed: a wrong file fails on every line."""
DELIMITERS = (",", ";", "\t")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: column → the header names accepted for it (Dutch and English, case-insensitive)
COLUMNS: dict[str, tuple[str, ...]] = {
    "personnel_number": ("personeelsnummer", "personnel_number", "personnel number", "nummer"),
    "first_name": ("voornaam", "first_name", "first name"),
    "last_name": ("achternaam", "last_name", "last name", "naam"),
    "email": ("e-mail", "email", "e-mailadres", "mail"),
    "department": ("afdeling", "department"),
    "employment_start": ("in dienst", "in_dienst", "datum in dienst", "employment_start", "start"),
    "employment_end": ("uit dienst", "uit_dienst", "datum uit dienst", "employment_end", "end"),
    #: identity the retention of radiation files turns on (issue 15 item 6; BRIEF.md: the
    #: roster updates "employment end, department, hours, date of birth")
    "date_of_birth": ("geboortedatum", "geb. datum", "date_of_birth", "date of birth", "birth"),
    #: the employment facts of people in care (issue 17 item 1; BRIEF.md: "employment end,
    #: department, hours, date of birth")
    "job_title": ("functie", "functienaam", "job_title", "job title", "function"),
    "hours_per_week": (
        "uren",
        "uren per week",
        "uren_per_week",
        "contracturen",
        "hours",
        "hours_per_week",
        "hours per week",
    ),
}
DATE_COLUMNS = ("employment_start", "employment_end", "date_of_birth")
REQUIRED = ("personnel_number", "first_name", "last_name")
LIMITS = {
    "personnel_number": 40,
    "first_name": 100,
    "last_name": 150,
    "email": 254,
    "department": 100,
    "job_title": 150,
}
MAX_HOURS = 80.0
_HOURS = re.compile(r"^\d{1,2}([.,]\d{1,2})?$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})$"),
)


class FileError(ValueError):
    """The whole file is refused (catalog key ``code``)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code} {detail}".strip())
        self.code, self.detail = code, detail


@dataclass(frozen=True, slots=True)
class RowError:
    """``line`` as an editor numbers it (the header is line 1); ``column`` a COLUMNS key or
    ``""`` for the whole row; ``code`` a catalog key; ``detail`` a number, never a cell."""

    line: int
    column: str
    code: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class RosterRow:
    line: int
    personnel_number: str
    values: dict[str, str | date | float | None]


@dataclass(frozen=True, slots=True)
class ParsedRoster:
    encoding: str
    delimiter: str
    columns: tuple[str, ...]
    rows: tuple[RosterRow, ...]
    errors: tuple[RowError, ...]
    error_count: int


def decode(content: bytes) -> tuple[str, str]:
    """The text and the encoding found: UTF-8 with or without BOM, UTF-16 with BOM, else
    Windows-1252 (what Excel writes on a Dutch Windows). Binary files are refused."""
    if content.startswith(b"\xef\xbb\xbf"):
        return _strict(content[3:], "utf-8"), "utf-8-sig"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(content, "utf-16"), "utf-16"
    if b"\x00" in content:
        raise FileError("roster.error.binary")
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _strict(content, "cp1252"), "cp1252"


def _strict(content: bytes, encoding: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError:
        raise FileError("roster.error.encoding") from None


def sniff_delimiter(header: str) -> str:
    """The delimiter that splits the header into the most known columns (then the most
    fields); a header that no delimiter splits is refused."""
    best, best_score = "", (0, 0)
    for delimiter in DELIMITERS:
        names = next(csv.reader([header], delimiter=delimiter), [])
        known = sum(1 for name in names if _column_of(name) is not None)
        score = (known, len(names))
        if len(names) > 1 and score > best_score:
            best, best_score = delimiter, score
    if not best:
        raise FileError("roster.error.delimiter")
    return best


def _column_of(name: str) -> str | None:
    key = name.strip().strip('"').lower()
    return next((column for column, names in COLUMNS.items() if key in names), None)


def parse(content: bytes, *, today: date | None = None) -> ParsedRoster:
    """Every row checked; with ``today`` a date of birth after it is refused too."""
    if len(content) > MAX_BYTES:
        raise FileError("roster.error.too_large", str(MAX_BYTES // (1024 * 1024)))
    text, encoding = decode(content)
    if not text.strip():
        raise FileError("roster.error.empty")
    header_line = text.splitlines()[0]
    delimiter = sniff_delimiter(header_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header = next(reader)
    columns = [_column_of(name) for name in header]
    _check_header(columns)
    errors: list[RowError] = []
    count = 0
    rows: list[RosterRow] = []
    seen: dict[str, int] = {}
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) + count >= MAX_ROWS:
            raise FileError("roster.error.too_many_rows", str(MAX_ROWS))
        row, row_errors = _row(start, cells, columns, seen, today)
        if row_errors:
            count += len(row_errors)
            errors.extend(row_errors[: max(0, MAX_ERRORS - len(errors))])
        elif row is not None:
            rows.append(row)
    if not rows and not count:
        raise FileError("roster.error.empty")
    present = tuple(c for c in columns if c is not None)
    return ParsedRoster(encoding, delimiter, present, tuple(rows), tuple(errors), count)


def _check_header(columns: Sequence[str | None]) -> None:
    known = [c for c in columns if c is not None]
    twice = sorted({c for c in known if known.count(c) > 1})
    if twice:
        raise FileError("roster.error.column_twice", ", ".join(twice))
    missing = [c for c in REQUIRED if c not in known]
    if missing:
        raise FileError("roster.error.missing_columns", ", ".join(missing))


def _row(
    line: int,
    cells: list[str],
    columns: Sequence[str | None],
    seen: dict[str, int],
    today: date | None = None,
) -> tuple[RosterRow | None, list[RowError]]:
    if len(cells) != len(columns):
        return None, [RowError(line, "", "roster.error.field_count", str(len(columns)))]
    errors: list[RowError] = []
    values: dict[str, str | date | float | None] = {}
    for column, raw in zip(columns, cells, strict=True):
        if column is None:
            continue
        cell = raw.strip()
        if "\x00" in cell or _CONTROL.search(cell):
            errors.append(RowError(line, column, "roster.error.control"))
            continue
        if column in DATE_COLUMNS:
            values[column] = _date(cell, line, column, errors)
            continue
        if column == "hours_per_week":
            values[column] = _hours(cell, line, errors)
            continue
        if column in REQUIRED and not cell:
            errors.append(RowError(line, column, "roster.error.required"))
        elif len(cell) > LIMITS[column]:
            errors.append(RowError(line, column, "roster.error.too_long", str(LIMITS[column])))
        elif column == "email" and cell and not _EMAIL.match(cell):
            errors.append(RowError(line, column, "roster.error.email"))
        values[column] = cell
    start, end = values.get("employment_start"), values.get("employment_end")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        errors.append(RowError(line, "employment_end", "roster.error.end_before_start"))
    born = values.get("date_of_birth")
    if today is not None and isinstance(born, date) and born > today:
        errors.append(RowError(line, "date_of_birth", "date.birth_in_future"))
    number = str(values.get("personnel_number") or "")
    if number:
        if number in seen:
            errors.append(
                RowError(line, "personnel_number", "roster.error.duplicate", str(seen[number]))
            )
        else:
            seen[number] = line
    if errors:
        return None, errors
    return RosterRow(line, number, values), []


def _date(cell: str, line: int, column: str, errors: list[RowError]) -> date | None:
    if not cell:
        return None
    for pattern in _DATE_FORMATS:
        match = pattern.match(cell)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                break
    errors.append(RowError(line, column, "roster.error.date"))
    return None


def _hours(cell: str, line: int, errors: list[RowError]) -> float | None:
    """Hours per week: ``36``, ``36,5`` or ``36.5``; from 0 to 80."""
    if not cell:
        return None
    if _HOURS.match(cell):
        hours = float(cell.replace(",", "."))
        if hours <= MAX_HOURS:
            return hours
    errors.append(RowError(line, "hours_per_week", "roster.error.hours"))
    return None


def csv_safe(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading ``= + - @``, tab or CR gets a quote
    (OWASP, "CSV Injection"). Numbers pass as they are."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_csv(rows: Iterable[Sequence[object]], *, delimiter: str = ";") -> str:
    """CSV text with every cell made safe; ``;`` because Dutch Excel expects it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return out.getvalue()
