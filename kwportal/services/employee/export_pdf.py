"""The readable half of an export: a PDF (fpdf2) in Dutch or English with every record,
grouped by category. DejaVu Sans is used when the system has it (every Dutch and most
other names print as written); otherwise fpdf2's own Helvetica, with characters outside
Latin-1 replaced. No font is ever downloaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF

from kwportal.i18n import CATALOGS, t
from kwportal.i18n.fmt import fmt_iso

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
MAX_VALUE = 4000
LINE = 4.5


def _font_files() -> tuple[Path, Path] | None:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


class ExportPdf:
    """Add sections and records, then :meth:`output` the bytes."""

    def __init__(self, lang: str, *, title: str, subtitle: str) -> None:
        self.lang = lang
        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.set_title(title)
        self.pdf.set_lang(lang)
        fonts = _font_files()
        self.unicode = fonts is not None
        if fonts is not None:
            self.pdf.add_font("DejaVu", "", str(fonts[0]))
            self.pdf.add_font("DejaVu", "B", str(fonts[1]))
            self.family = "DejaVu"
        else:
            self.family = "Helvetica"
        self._width_cache: dict[tuple[str, float], dict[str, float]] = {}
        self._widths: dict[str, float] = {}
        self.pdf.add_page()
        self._y = self.pdf.t_margin
        self._set_font("B", 16)
        self._write(self._wrap(title), 8)
        self._set_font("", 10)
        self._write(self._wrap(subtitle), 5)

    def _text(self, value: str) -> str:
        if self.unicode:
            return value
        return value.encode("latin-1", "replace").decode("latin-1")

    def _label(self, name: str) -> str:
        key = f"export.field.{name}"
        if key in CATALOGS[self.lang]:
            return t(key, self.lang)
        return name.replace("_", " ")

    def section(self, name: str) -> None:
        self._set_font("B", 13)
        self._y += 3
        self._write([t(f"export.section.{name}", self.lang)], 7)
        self._set_font("", 9)

    def empty(self) -> None:
        self._write([t("export.none", self.lang)], LINE)
        self._y += 1

    def record(self, record: dict[str, Any]) -> None:
        """One record: a line per field that has a value, and a thin rule under it."""
        lines: list[str] = []
        for name, value in record.items():
            if value in (None, "", [], {}):
                continue
            shown = t(f"export.{value}", self.lang) if isinstance(value, bool) else _show(value)
            shown = fmt_iso(shown, self.lang) if isinstance(value, str) else shown
            lines += self._wrap(f"{self._label(name)}: {shown[:MAX_VALUE]}")
        self._write(lines, LINE)
        self._y += 1
        self.pdf.line(self.pdf.l_margin, self._y, self.pdf.w - self.pdf.r_margin, self._y)
        self._y += 1.5

    # fpdf2's multi_cell measures every line again per character; a long dossier has
    # tens of thousands of lines, so lines are wrapped here with one width per character.
    def _set_font(self, style: str, size: float) -> None:
        self.pdf.set_font(self.family, style, size)
        self._widths = self._width_cache.setdefault((style, size), {})

    def _width(self, text: str) -> float:
        total = 0.0
        for char in text:
            width = self._widths.get(char)
            if width is None:
                width = self._widths[char] = self.pdf.get_string_width(char)
            total += width
        return total

    def _wrap(self, text: str) -> list[str]:
        limit = self.pdf.w - self.pdf.l_margin - self.pdf.r_margin
        lines: list[str] = []
        for paragraph in self._text(text).split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                piece = (" " if line else "") + word
                width = self._width(piece)
                if used + width <= limit:
                    line, used = line + piece, used + width
                    continue
                if line:
                    lines.append(line)
                line, used = "", 0.0
                for char in word:  # a word wider than the page is cut
                    width = self._width(char)
                    if used + width > limit:
                        lines.append(line)
                        line, used = "", 0.0
                    line, used = line + char, used + width
            lines.append(line)
        return lines

    def _write(self, lines: list[str], height: float) -> None:
        bottom = self.pdf.h - self.pdf.b_margin
        for line in lines:
            if self._y + height > bottom:
                self.pdf.add_page()
                self._y = self.pdf.t_margin
            self.pdf.text(self.pdf.l_margin, self._y + height * 0.75, line)
            self._y += height

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
