"""Reading roster files: encodings, delimiters, missing columns, duplicates, formula cells,
sizes — every problem named by line and column, nothing guessed."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from kwportal.services.employer.roster_csv import (
    MAX_BYTES,
    FileError,
    csv_safe,
    parse,
    write_csv,
)

HEADER = "personeelsnummer;voornaam;achternaam;e-mail;afdeling;in dienst;uit dienst"
ROWS = [
    "A1;Anne;Çelik;anne@x.nl;Productie;2020-01-01;",
    "A2;Bart;de Vries;;Magazijn;01-03-2019;31-12-2025",
]


def text(*lines: str) -> str:
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (text(HEADER, *ROWS).encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + text(HEADER, *ROWS).encode("utf-8"), "utf-8-sig"),
        (text(HEADER, *ROWS).encode("cp1252"), "cp1252"),
        (text(HEADER, *ROWS).encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_are_found(content: bytes, encoding: str) -> None:
    parsed = parse(content)
    assert parsed.encoding == encoding
    assert [r.values["last_name"] for r in parsed.rows] == ["Çelik", "de Vries"]
    assert parsed.rows[1].values["employment_end"] == date(2025, 12, 31)
    assert parsed.errors == ()


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_are_found(delimiter: str) -> None:
    lines = [line.replace(";", delimiter) for line in (HEADER, *ROWS)]
    parsed = parse(text(*lines).encode())
    assert parsed.delimiter == delimiter and len(parsed.rows) == 2


def test_english_headers_and_quoted_delimiters() -> None:
    content = text(
        "Personnel_Number,First_Name,Last_Name,Department",
        'B7,"Jan, Piet",Jansen,"Zorg; Thuis"',
    ).encode()
    parsed = parse(content)
    assert parsed.rows[0].values == {
        "personnel_number": "B7",
        "first_name": "Jan, Piet",
        "last_name": "Jansen",
        "department": "Zorg; Thuis",
    }
    assert parsed.columns == ("personnel_number", "first_name", "last_name", "department")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "roster.error.empty"),
        (text(HEADER).encode(), "roster.error.empty"),
        (b"personeelsnummer voornaam achternaam\r\nA1 Anne Smit\r\n", "roster.error.delimiter"),
        (text("personeelsnummer;voornaam", "A1;Anne").encode(), "roster.error.missing_columns"),
        (
            text("nummer;voornaam;achternaam;nummer", "1;a;b;2").encode(),
            "roster.error.column_twice",
        ),
        (b"PK\x03\x04\x00\x00binary", "roster.error.binary"),
        (b"\xef\xbb\xbfpersoneelsnummer;voornaam\xff\xfe", "roster.error.encoding"),
        (text(HEADER, *ROWS).encode("cp1252") + b"\x81", "roster.error.encoding"),
    ],
)
def test_whole_file_refusals(content: bytes, code: str) -> None:
    with pytest.raises(FileError) as error:
        parse(content)
    assert error.value.code == code


def test_a_file_over_the_limit_is_refused() -> None:
    with pytest.raises(FileError) as error:
        parse(b"x" * (MAX_BYTES + 1))
    assert (error.value.code, error.value.detail) == ("roster.error.too_large", "10")


def test_row_errors_name_line_and_column() -> None:
    content = text(
        HEADER,
        "A1;Anne;Smit;anne@x.nl;P;2020-01-01;",
        ";Leeg;Nummer;;P;;",  # line 3
        "A3;Carla;;geen-mail;P;2020-13-01;",  # line 4
        "A1;Dubbel;Nummer;;P;;",  # line 5
        "A5;Eva;Kort",  # line 6
        "A6;Frank;Laat;;P;2024-05-01;2024-04-30",  # line 7
        "",
        "A8;" + "x" * 101 + ";Lang;;P;;",  # line 9
    ).encode()
    parsed = parse(content)
    assert [r.personnel_number for r in parsed.rows] == ["A1"]
    found = {(e.line, e.column, e.code, e.detail) for e in parsed.errors}
    assert found == {
        (3, "personnel_number", "roster.error.required", ""),
        (4, "last_name", "roster.error.required", ""),
        (4, "email", "roster.error.email", ""),
        (4, "employment_start", "roster.error.date", ""),
        (5, "personnel_number", "roster.error.duplicate", "2"),
        (6, "", "roster.error.field_count", "7"),
        (7, "employment_end", "roster.error.end_before_start", ""),
        (9, "first_name", "roster.error.too_long", "100"),
    }
    assert parsed.error_count == len(found)
    assert not any("geen-mail" in repr(e) or "Dubbel" in repr(e) for e in parsed.errors)


def test_a_multi_line_cell_reports_the_line_it_starts_on() -> None:
    content = text(HEADER, 'A1;"Anne\nMarie";Smit;;P;;', "A2;Bo;;;P;;").encode()
    parsed = parse(content)
    assert [(e.line, e.column) for e in parsed.errors] == [(4, "last_name")]


def test_formula_cells_are_kept_as_text_and_escaped_on_the_way_out() -> None:
    evil = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]
    lines = [HEADER] + [f"F{n};{cell};Smit;;P;;" for n, cell in enumerate(evil[:4])]
    parsed = parse(text(*lines).encode())
    assert [r.values["first_name"] for r in parsed.rows] == evil[:4]
    out = write_csv([[cell, 5, 2.5, None] for cell in evil])
    for row, cell in zip(csv.reader(io.StringIO(out), delimiter=";"), evil, strict=True):
        assert row[0] == "'" + cell
        assert row[1:] == ["5", "2.5", ""]
    assert csv_safe("Productie") == "Productie"
    assert csv_safe(-3) == "-3"


def test_job_title_and_hours_are_read_and_bad_hours_refused() -> None:
    """The employment facts of people in care (issue 17 item 1): job title and hours."""
    header = "personeelsnummer;voornaam;achternaam;functie;uren per week"
    parsed = parse(
        text(header, "A1;Anne;Smit;Lasser;36,5", "A2;Bo;Berg;;", "A3;Cor;Dam;Kok;90").encode()
    )
    values = {row.personnel_number: row.values for row in parsed.rows}
    assert values["A1"]["job_title"] == "Lasser" and values["A1"]["hours_per_week"] == 36.5
    assert values["A2"]["job_title"] == "" and values["A2"]["hours_per_week"] is None
    assert [(e.line, e.column, e.code) for e in parsed.errors] == [
        (4, "hours_per_week", "roster.error.hours")
    ]
