"""What every printed workbook must show: each sheet one page wide with its heading row on every page, every
cell's whole text, nothing printed over anything else, no "###", and a footer naming the council, the document
and the page."""

import datetime
import io
from collections import defaultdict

import openpyxl

from core.spreadsheets import DATE_FORMAT, DATETIME_FORMAT, INTEGER_FORMAT, MONEY_FORMAT
from tests.printing.libreoffice import Printout


def displayed(cell) -> str | None:
    """The cell's value as Calc shows it with the number formats the writer uses."""
    value = cell.value
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        if cell.number_format == DATETIME_FORMAT:
            return value.strftime("%d/%m/%Y %H:%M")
        assert cell.number_format == DATE_FORMAT, cell.number_format
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if cell.number_format == MONEY_FORMAT:
            return f"£{value:,.2f}"
        if cell.number_format == INTEGER_FORMAT:
            return f"{value:,}"
        return str(int(value)) if float(value).is_integer() else str(value)
    return str(value)


class WordIndex:
    """A sheet's printed words in the order drawn, to find each cell's words printed one after another."""

    def __init__(self, words: list[str]):
        # Calc may break a line after a hyphen inside a word ("2026-" then "09-08"): the words read joined again too.
        self.sequences = [words, _hyphen_breaks_joined(words)]
        self.positions: list[dict[str, list[int]]] = []
        for sequence in self.sequences:
            positions = defaultdict(list)
            for position, word in enumerate(sequence):
                positions[word].append(position)
            self.positions.append(positions)

    def has_run(self, run: list[str]) -> bool:
        return any(
            sequence[start : start + len(run)] == run
            for sequence, positions in zip(self.sequences, self.positions, strict=True)
            for start in positions.get(run[0], [])
        )


def _hyphen_breaks_joined(words: list[str]) -> list[str]:
    joined: list[str] = []
    for word in words:
        if joined and len(joined[-1]) > 1 and joined[-1].endswith("-"):
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def check_printout(printout: Printout, content: bytes, *, council: str, document: str) -> list[str]:
    """Every way ``printout`` fails to show the workbook ``content`` whole and legible (none: it prints well)."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    problems = []
    titles = workbook.sheetnames
    for page in printout.pages:
        if page.header not in titles:
            problems.append(f"page {page.number}: header {page.header!r} names no sheet")
        expected_footer = f"{council} {document} Page {page.number} of {len(printout.pages)}"
        if page.footer != expected_footer:
            problems.append(f"page {page.number}: footer {page.footer!r}, expected {expected_footer!r}")
        for first, second in page.overlapping_words():
            problems.append(f"page {page.number}: {first!r} printed over {second!r}")
        problems += [f"page {page.number}: a cell shows {word}" for word in page.body_texts if "###" in word]
    for sheet in workbook.worksheets:
        pages = printout.sheet_pages(sheet.title)
        if not pages:
            problems.append(f"sheet {sheet.title!r} printed no page")
            continue
        headings = [text for text in (displayed(cell) for cell in sheet[1]) if text]
        for page in pages:
            index = WordIndex(page.body_texts)
            lost = [heading for heading in headings if not index.has_run(heading.split())]
            if lost:
                problems.append(f"sheet {sheet.title!r}, page {page.number}: headings {lost} not printed")
        index = WordIndex([word for page in pages for word in page.body_texts])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                text = displayed(cell)
                if text and not index.has_run(text.split()):
                    problems.append(f"sheet {sheet.title!r}, {cell.coordinate}: {text[:60]!r} not printed whole")
    return problems


def sheet_orientation(printout: Printout, title: str) -> set[str]:
    return {"landscape" if page.width > page.height else "portrait" for page in printout.sheet_pages(title)}
