"""How a written sheet prints: A4, one page wide however many pages tall, landscape when its columns need it,
the heading row on every page, the sheet's name above and the council, the document and "Page N of M" below;
and every row tall enough for its wrapped text.

A spreadsheet file holds no layout, so row heights are estimated here from each column's width (in characters
of the default 11-point font) and the text's length, erring tall: a row too short clips its text in print
(and overlaps the next row on screen), while one a little too tall costs only white space."""

import math
import textwrap
from dataclasses import dataclass

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

LINE_POINTS = 15.0  # one line of 11-point Calibri (Carlito in LibreOffice), as Excel spaces it
ROW_PADDING_POINTS = 3.0
DEFAULT_ROW_POINTS = 15.0
MAX_ROW_POINTS = 409.0  # the tallest row Excel allows
MAX_ROW_LINES = int((MAX_ROW_POINTS - ROW_PADDING_POINTS) // LINE_POINTS)
# Characters of text per unit of column width. A unit is the width of a "0"; ordinary text is narrower (LibreOffice
# fits about 1.17 characters per unit of Carlito, Calibri's metric twin), capitals and bold wider.
CHARACTERS_PER_WIDTH_UNIT = 1.05
# The widest table, in units, that A4 portrait prints at full size between default margins; wider goes landscape.
PORTRAIT_WIDTH_UNITS = 92
FOOTER_PART_LIMIT = 80  # Excel refuses a header or footer over 255 characters in all

# The default font named in full: a font with no name prints in a serif fallback in LibreOffice.
BOLD = Font(name="Calibri", size=11, bold=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")
PROSE = Alignment(wrap_text=True, vertical="top", horizontal="left")


@dataclass(frozen=True)
class Printed:
    """What every printed page of a workbook names in its footer: whose it is and which document."""

    council: str
    document: str


def dated(document: str, day) -> str:
    """A download's name as its footer prints it, such as "Camera list, 2 December 2026"."""
    return f"{document}, {day.day} {day:%B %Y}"


def setup_page(worksheet: Worksheet, *, printed: Printed, widths: list[float]) -> None:
    """A4, fitted to one page wide, the first row repeated on every page, header and footer."""
    worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    worksheet.page_setup.orientation = "landscape" if sum(widths) > PORTRAIT_WIDTH_UNITS else "portrait"
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0  # as many pages tall as the rows need
    worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    worksheet.print_options.gridLines = True
    worksheet.print_title_rows = "1:1"
    worksheet.oddHeader.center.text = "&A"  # the sheet's name
    worksheet.oddFooter.left.text = _footer_text(printed.council)
    worksheet.oddFooter.center.text = _footer_text(printed.document)
    worksheet.oddFooter.right.text = "Page &P of &N"


def _footer_text(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > FOOTER_PART_LIMIT:
        text = text[: FOOTER_PART_LIMIT - 1] + "…"
    return text.replace("&", "&&")  # a lone & starts a header code such as &P


def characters_per_line(width: float) -> int:
    return max(1, math.floor((width - 1) * CHARACTERS_PER_WIDTH_UNIT))


def wrapped(text: str, width: float) -> list[str]:
    """``text`` broken into the lines it takes in a column ``width`` units wide; a paragraph break (a newline)
    ends a line, and an empty paragraph is a line of its own."""
    per_line = characters_per_line(width)
    if len(text) <= per_line and "\n" not in text:
        return [text]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, per_line, break_on_hyphens=False, drop_whitespace=True) or [""])
    return lines


def line_count(text: str, width: float) -> int:
    if len(text) <= characters_per_line(width) and "\n" not in text:
        return 1
    return len(wrapped(text, width))


def row_points(lines: int) -> float:
    return min(MAX_ROW_POINTS, max(DEFAULT_ROW_POINTS, lines * LINE_POINTS + ROW_PADDING_POINTS))


def text_in_row_sized_parts(text: str, width: float) -> list[str]:
    """``text`` cut, at line ends, into parts that each fit in the tallest row: paragraphs keep their breaks.
    Text that fits comes back as it is."""
    if line_count(text, width) <= MAX_ROW_LINES:
        return [text]
    per_line = characters_per_line(width)
    parts: list[str] = []
    current: list[str] = []
    taken = 0
    for paragraph in text.split("\n"):
        lines = textwrap.wrap(paragraph, per_line, break_on_hyphens=False) or [""]
        for start in range(0, len(lines), MAX_ROW_LINES):
            chunk = lines[start : start + MAX_ROW_LINES]
            if taken + len(chunk) > MAX_ROW_LINES:
                parts.append("\n".join(current))
                current, taken = [], 0
            current.append(" ".join(chunk))
            taken += len(chunk)
    parts.append("\n".join(current))
    return parts
