"""How a written sheet prints: A4, one page wide however many pages tall, landscape when its columns need it,
the heading row on every page, the sheet's name above and the council, the document and "Page N of M" below;
and every row tall enough for its wrapped text.

A spreadsheet file holds no layout, so row heights are estimated here from each column's width (in characters
of the default 11-point font) and the text's length, erring tall: a row too short clips its text in print
(and overlaps the next row on screen), while one a little too tall costs only white space."""

import functools
import unicodedata
from dataclasses import dataclass

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

LINE_POINTS = 15.0  # one line of 11-point Calibri (Carlito in LibreOffice), as Excel spaces it
ROW_PADDING_POINTS = 3.0
DEFAULT_ROW_POINTS = 15.0
MAX_ROW_POINTS = 409.0  # the tallest row Excel allows
MAX_ROW_LINES = int((MAX_ROW_POINTS - ROW_PADDING_POINTS) // LINE_POINTS)
# The advance widths of 11-point Calibri, and of Carlito (its metric twin, which LibreOffice uses), for " " to "~",
# in widths of its "0"; read from Carlito-Regular.ttf. Other characters count as one "0", East Asian wide ones two.
ASCII_WIDTHS = (
    0.446, 0.643, 0.791, 0.983, 1.0, 1.41, 1.346, 0.435, 0.598, 0.598, 0.983, 0.983, 0.492, 0.604, 0.498, 0.762,
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.528, 0.528, 0.983, 0.983, 0.983, 0.914,
    1.764, 1.142, 1.073, 1.052, 1.214, 0.963, 0.907, 1.245, 1.229, 0.497, 0.629, 1.025, 0.829, 1.687, 1.274, 1.306,
    1.019, 1.328, 1.071, 0.907, 0.961, 1.266, 1.119, 1.755, 1.024, 0.961, 0.924, 0.605, 0.762, 0.605, 0.983, 0.983,
    0.574, 0.945, 1.037, 0.834, 1.037, 0.982, 0.602, 0.929, 1.037, 0.453, 0.472, 0.897, 0.453, 1.576, 1.037, 1.04,
    1.037, 1.037, 0.688, 0.772, 0.661, 1.037, 0.891, 1.41, 0.855, 0.893, 0.779, 0.62, 0.908, 0.62, 0.983,
)  # fmt: skip
CHARACTER_WIDTHS = {chr(code): width for code, width in enumerate(ASCII_WIDTHS, start=32)}
WIDEST_CHARACTER = max(ASCII_WIDTHS)
BOLD_WIDTH = 1.05  # bold Carlito is at most 11% wider than regular, 3% on average
# A column of width W prints W * 5.38 points wide (measured in LibreOffice), and a "0" is 5.575 points; the cell
# keeps about half a "0" of padding, and the estimate keeps 3% in hand for other fonts' rounding.
ZEROS_PER_WIDTH_UNIT = 5.38 / 5.575
CELL_PADDING_ZEROS = 0.5
SAFETY = 0.97
# The widest table, in units, that A4 portrait prints at full size between default margins; wider goes landscape.
PORTRAIT_WIDTH_UNITS = 92
CACHED_TEXT_LENGTH = 100
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


def line_room(width: float) -> float:
    """How much text, in widths of a "0", one line of a column ``width`` units wide holds."""
    return max(1.0, (width * ZEROS_PER_WIDTH_UNIT - CELL_PADDING_ZEROS) * SAFETY)


def text_width(text: str) -> float:
    return sum(CHARACTER_WIDTHS.get(character) or _other_width(character) for character in text)


def _other_width(character: str) -> float:
    return 2.0 if unicodedata.east_asian_width(character) in "WF" else 1.0


def wrapped(text: str, width: float, *, bold: bool = False) -> list[str]:
    """``text`` broken into the lines it takes in a column ``width`` units wide, at spaces as Excel and
    LibreOffice break it (a word too long for a line is broken where it must be); a newline ends a paragraph."""
    room = line_room(width) / (BOLD_WIDTH if bold else 1.0)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split():
            needed = text_width(word)
            if line and used + CHARACTER_WIDTHS[" "] + needed <= room:
                line, used = f"{line} {word}", used + CHARACTER_WIDTHS[" "] + needed
                continue
            if line:
                lines.append(line)
            line, used = "", 0.0
            while needed > room:  # a word longer than the line: as many characters as fit, then the rest
                cut = _characters_that_fit(word, room)
                lines.append(word[:cut])
                word = word[cut:]
                needed = text_width(word)
            line, used = word, needed
        lines.append(line)
    return lines


def _characters_that_fit(word: str, room: float) -> int:
    used = 0.0
    for index, character in enumerate(word):
        used += CHARACTER_WIDTHS.get(character) or _other_width(character)
        if used > room:
            return max(1, index)
    return len(word)


def line_count(text: str, width: float, *, bold: bool = False) -> int:
    if "\n" not in text and len(text) * WIDEST_CHARACTER * BOLD_WIDTH <= line_room(width):
        return 1
    if len(text) <= CACHED_TEXT_LENGTH:
        return _short_line_count(text, width, bold)
    return len(wrapped(text, width, bold=bold))


@functools.lru_cache(maxsize=4096)  # a register repeats its sites, makers and statuses on every row
def _short_line_count(text: str, width: float, bold: bool) -> int:
    return len(wrapped(text, width, bold=bold))


def row_points(lines: int) -> float:
    return min(MAX_ROW_POINTS, max(DEFAULT_ROW_POINTS, lines * LINE_POINTS + ROW_PADDING_POINTS))


def text_in_row_sized_parts(text: str, width: float) -> list[str]:
    """``text`` cut, at line ends, into parts that each fit in the tallest row: paragraphs keep their breaks.
    Text that fits comes back as it is."""
    if line_count(text, width) <= MAX_ROW_LINES:
        return [text]
    parts: list[str] = []
    current: list[str] = []
    taken = 0
    for paragraph in text.split("\n"):
        lines = wrapped(paragraph, width)
        for start in range(0, len(lines), MAX_ROW_LINES):
            chunk = lines[start : start + MAX_ROW_LINES]
            if taken + len(chunk) > MAX_ROW_LINES:
                parts.append("\n".join(current))
                current, taken = [], 0
            current.append(" ".join(chunk))
            taken += len(chunk)
    parts.append("\n".join(current))
    return parts
