"""How far a worksheet's cells reach, read from its XML before calamine sees it.

calamine builds one dense grid from A1's corner to the furthest cell that holds a value, so a 5 KB file with
a value at XFD1048576 asks for 550 GB. The ``<dimension ref>`` is only a claim: the cells' own ``r``
attributes are what count. A fast pass over the bytes handles files as Excel and openpyxl write them
(every cell with an ``r``); anything else goes through an XML parser that places cells as calamine does.
"""

import pyexpat
import re
import zipfile
from dataclasses import dataclass

from defusedxml.ElementTree import ParseError, fromstring
from django.conf import settings

CHUNK_BYTES = 8 * 1024 * 1024
# Longer than any pattern below, so a chunk can be cut before the first "<" of its last bytes.
OVERLAP_BYTES = 64
SMALL_PART_BYTES = 16 * 1024 * 1024  # workbook.xml and its relationships: a few KB in any real workbook
EXCEL_COLUMNS = 16_384
EXCEL_ROWS = 1_048_576

# A cell's start tag as Excel and openpyxl write it: "r" first, and no second "r" further in the tag.
CANONICAL_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]{1,7})"(?:[ \t\r\n]+(?!r[ \t\r\n]*=)[^ \t\r\n=/>]+[ \t\r\n]*=[ \t\r\n]*'
    rb"""(?:"[^"]*"|'[^']*'))*[ \t\r\n]*/?>"""
)
ANY_CELL = re.compile(rb"<c[ \t\r\n/>]")
PREFIXED_CELL = re.compile(rb":c[ \t\r\n/>]")
SHARED_STRING = re.compile(rb"<(?:[^ \t\r\n/>!?]*:)?si[ \t\r\n/>]")
REFERENCE = re.compile(r"([A-Za-z]+)([0-9]+)")
LAST_CANONICAL_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
# Each cell further out than all before it costs a pass over the rest of a block: past these, place every cell.
MOST_REACH_STEPS = 500
# After "<c", a cell start tag not in the form Excel writes ("r" first, upper-case letters, double quotes).
NOT_CANONICAL_CELL = rb'[\t\r\n>/]| (?!r="[A-Z]{1,3}[0-9]{1,7}")'
# Every way an attribute named "r" can begin, once white space is all spaces (counted in two passes, not eight):
# one more than the cells' and rows' own is a second "r" on a tag.
SPACES_ONLY = bytes.maketrans(b"\t\r\n", b"   ")
R_ATTRIBUTES = [b" r=", b" r "]
R_ATTRIBUTES_EXPECTED = [b'<c r="', b'<row r="']
# Inside a cell calamine reads only its value; these would move its idea of where the next cell is.
NOT_INSIDE_A_CELL = {"c", "row", "sheetData"}
# Cell types whose empty <v></v> calamine reads as no value ("str" and "d" give an empty text instead).
EMPTY_V_IS_NO_VALUE = {None, "n", "s", "b", "e"}


class SheetTooLarge(Exception):
    """The sheet reaches beyond what the register reads; the message is for the officer."""


class SheetUnreadable(Exception):
    """The sheet's XML is not one calamine would read as we expect: treated as damaged."""


@dataclass
class Reach:
    """The furthest row and column (1-based) of the sheet's cells; ``cell`` names one beyond the caps."""

    rows: int = 0
    columns: int = 0
    cell: str = ""


def max_columns() -> int:
    return getattr(settings, "CCTV_IMPORT_MAX_COLUMNS", 200)


def max_cells() -> int:
    return getattr(settings, "CCTV_IMPORT_MAX_CELLS", 4_000_000)


def max_rows() -> int:
    return getattr(settings, "CCTV_IMPORT_MAX_ROWS", 100_000)


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def sheet_check(*, archive: zipfile.ZipFile, name: str) -> None:
    """Refuse the sheet ``name`` if its cells reach beyond the row or column cap, or span too many cells."""
    row_cap, column_cap = max_rows() + 1, max_columns()  # the header row comes on top of the data rows
    for part in sheet_parts(archive=archive, name=name):
        reach = _plain_reach(archive, part, row_cap, column_cap)
        if reach is None or reach.rows * reach.columns > max_cells():
            reach = _reach(archive=archive, part=part, row_cap=row_cap, column_cap=column_cap)
        if reach.rows > row_cap or reach.columns > column_cap:
            raise SheetTooLarge(
                f'The sheet "{name}" has a cell at {reach.cell}, beyond the {max_rows():,} rows and '
                f"{column_cap:,} columns (up to {column_letters(column_cap)}) this register reads. "
                "Delete the rows and columns beyond your data (split a longer list into several files), "
                "save and try again."
            )
        if reach.rows * reach.columns > max_cells():
            corner = f"{column_letters(reach.columns)}{reach.rows}"
            raise SheetTooLarge(
                f'The sheet "{name}" has cells from A1 to {corner}, {reach.rows * reach.columns:,} cells in all: '
                f"more than the {max_cells():,} this register reads. "
                "Delete the rows and columns beyond your data, or split the sheet, save and try again."
            )


def shared_strings_check(*, archive: zipfile.ZipFile) -> None:
    """calamine loads every shared string when it opens the workbook: refuse a table bigger than a sheet could use."""
    limit = max_cells()
    for entry in archive.infolist():
        if entry.filename.lower() != "xl/sharedstrings.xml":
            continue
        count = 0
        for block in _blocks(archive, entry.filename):
            count += len(SHARED_STRING.findall(block))
            if count > limit:
                raise SheetTooLarge(
                    f"The workbook holds more than {limit:,} different pieces of text, more than its sheets "
                    "could use: it may be damaged. Save it again from Excel, or save it as .csv."
                )


def sheet_parts(*, archive: zipfile.ZipFile, name: str) -> list[str]:
    """The zip entries calamine may read for the sheet ``name``: its workbook.xml entry, through the relationships."""
    try:
        workbook = fromstring(_read_small(archive, "xl/workbook.xml"))
        relationships = fromstring(_read_small(archive, "xl/_rels/workbook.xml.rels"))
    except (ParseError, ValueError, KeyError) as error:
        raise SheetUnreadable(name) from error
    targets = {
        element.get("Id"): element.get("Target", "")
        for element in relationships.iter()
        if _local(element.tag) == "Relationship"
    }
    paths = []
    for element in workbook.iter():
        if _local(element.tag) != "sheet" or element.get("name") != name:
            continue
        ids = [value for key, value in element.attrib.items() if _local(key) == "id"]
        if len(ids) != 1 or ids[0] not in targets:
            raise SheetUnreadable(name)
        paths.append(_part_path(targets[ids[0]]))
    wanted = {path.lower() for path in paths}
    parts = [entry.filename for entry in archive.infolist() if entry.filename.lower() in wanted]
    if not paths:
        raise SheetUnreadable(name)
    return parts


def _part_path(target: str) -> str:
    # calamine's rule: "/xl/..." and "xl/..." are from the package root, anything else is under xl/.
    if target.startswith("/xl/"):
        return target[1:]
    if target.startswith("xl/"):
        return target
    return f"xl/{target}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    entry = next((entry for entry in archive.infolist() if entry.filename.lower() == name.lower()), None)
    if entry is None or entry.file_size > SMALL_PART_BYTES:
        raise KeyError(name)
    return archive.read(entry)


def _blocks(archive: zipfile.ZipFile, part: str):
    """The part's bytes in blocks, each cut before a "<" near its end so no tag is split between two."""
    carry = b""
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            block = carry + chunk
            tail = block[-OVERLAP_BYTES:]
            cut = tail.find(b"<")
            cut = len(block) if cut < 0 else len(block) - len(tail) + cut
            carry = block[cut:]
            yield block[:cut]
    if carry:
        yield carry


def _plain_reach(archive: zipfile.ZipFile, part: str, row_cap: int, column_cap: int) -> Reach | None:
    """The furthest row and column of any cell, valued or not, when every cell is written as Excel writes it and
    none lies beyond the caps; else None. A few passes over the bytes and no work per cell, for the files councils
    send: only a cell further out than every one before it is looked at."""
    reach = Reach()
    carry = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(CHUNK_BYTES)
            block = carry + chunk
            # Cut just after a ">": no pattern here spans one, so none is split between two blocks.
            cut = block.rfind(b">") + 1 if chunk else len(block)
            if cut == 0 and len(block) > 2 * CHUNK_BYTES:
                return None
            block, carry = block[:cut], block[cut:]
            if PREFIXED_CELL.search(block):
                return None
            expected = sum(block.count(pattern) for pattern in R_ATTRIBUTES_EXPECTED)
            spaced = block.translate(SPACES_ONLY)
            if sum(spaced.count(pattern) for pattern in R_ATTRIBUTES) != expected:
                return None
            # Rows usually come in order: the block's last cell is then its furthest down, and no cell is found below.
            last = LAST_CANONICAL_CELL.search(block, max(0, block.rfind(b'<c r="')))
            if last is not None:
                reach.rows = max(reach.rows, int(last.group(2)))
            if reach.rows > row_cap or not _reach_grown(reach, block, row_cap, column_cap):
                return None
            if not chunk:
                return reach


def _reach_grown(reach: Reach, block: bytes, row_cap: int, column_cap: int) -> bool:
    """Grow ``reach`` to take in every cell of ``block``; False if a cell is not written as Excel writes it, lies
    beyond the caps, or the cells come in an order that would make this slow."""
    position = 0
    for _ in range(MOST_REACH_STEPS):
        further = re.compile(
            rb"<c(?:(?P<odd>"
            + NOT_CANONICAL_CELL
            + rb')| r="(?P<column>'
            + _greater_letters(column_letters(reach.columns))
            + rb')[0-9]| r="[A-Z]{1,3}(?P<row>'
            + _greater_number(reach.rows)
            + rb')")'
        )
        found = further.search(block, position)
        if found is None:
            return True
        if found.group("odd") is not None:
            return False
        if found.group("column") is not None:
            reach.columns = column_number(found.group("column").decode())
        elif int(found.group("row")) > reach.rows:
            reach.rows = int(found.group("row"))
        else:
            return False  # a row number with leading zeros
        if reach.rows > row_cap or reach.columns > column_cap:
            return False
        position = found.start()
    return False


def _greater_number(number: int) -> bytes:
    """A pattern for the decimal numbers above ``number`` (more digits, or as many and larger)."""
    digits = str(number)
    options = [f"[0-9]{{{len(digits) + 1},}}"]
    for index, digit in enumerate(digits):
        if digit != "9":
            rest = len(digits) - index - 1
            options.append(f"{digits[:index]}[{int(digit) + 1}-9]" + "[0-9]" * rest)
    return "|".join(options).encode()


def _greater_letters(letters: str) -> bytes:
    """A pattern for the column letters after ``letters`` (more letters, or as many and later)."""
    options = [f"[A-Z]{{{len(letters) + 1},}}"]
    for index, letter in enumerate(letters):
        if letter != "Z":
            rest = len(letters) - index - 1
            options.append(f"{letters[:index]}[{chr(ord(letter) + 1)}-Z]" + "[A-Z]" * rest)
    return "|".join(options).encode()


def _reach(*, archive: zipfile.ZipFile, part: str, row_cap: int, column_cap: int) -> Reach:
    reach = _fast_reach(archive, part)
    within = reach is not None and reach.rows <= row_cap and reach.columns <= column_cap
    if within and reach.rows * reach.columns <= max_cells():
        return reach
    # Not as Excel writes it, or something far away that may be an empty formatted cell: place every cell.
    return _exact_reach(archive, part, row_cap, column_cap)


def _fast_reach(archive: zipfile.ZipFile, part: str) -> Reach | None:
    """Every cell start tag counted, valued or not; None if one is not in the form Excel writes."""
    reach = Reach()
    for block in _blocks(archive, part):
        if PREFIXED_CELL.search(block):
            return None
        cells = CANONICAL_CELL.findall(block)
        if len(cells) != len(ANY_CELL.findall(block)):
            return None
        if not cells:
            continue
        columns, rows = zip(*cells, strict=True)
        reach.rows = max(reach.rows, max(map(int, rows)))
        widest = max(map(len, columns))
        reach.columns = max(reach.columns, column_number(max(c for c in set(columns) if len(c) == widest).decode()))
    return reach


def _exact_reach(archive: zipfile.ZipFile, part: str, row_cap: int, column_cap: int) -> Reach:
    """Each cell placed as calamine places it (a cell without "r" follows the one before, a row without "r"
    the row before); only cells with a value count."""
    scan = _CellPlacer(row_cap=row_cap, column_cap=column_cap)
    parser = pyexpat.ParserCreate()
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    try:
        for block in _blocks(archive, part):
            parser.Parse(block, False)
            if scan.done:
                break
        else:
            parser.Parse(b"", True)
    except pyexpat.ExpatError as error:
        raise SheetUnreadable(part) from error
    return scan.reach


class _CellPlacer:
    def __init__(self, *, row_cap: int, column_cap: int):
        self.reach = Reach()
        self.row_cap, self.column_cap = row_cap, column_cap
        self.in_sheet_data = False
        self.done = False
        self.row = 0  # 0-based, as calamine counts
        self.column = 0
        self.cell: tuple[int, int] | None = None
        self.reference = ""  # the cell's "r" as written, to name it
        self.cell_depth = 0
        self.cell_type: str | None = None
        self.in_value = False
        self.has_value = False

    def start(self, tag: str, attributes: dict) -> None:
        name = _local(tag)
        if self.done:
            return
        if not self.in_sheet_data:
            self.in_sheet_data = name == "sheetData"
            return
        if self.cell is not None:
            if name in NOT_INSIDE_A_CELL:
                raise SheetUnreadable(name)
            self.cell_depth += 1
            if name == "is" or (name == "v" and self.cell_type not in EMPTY_V_IS_NO_VALUE):
                self.has_value = True
            self.in_value = self.in_value or (name == "v" and self.cell_depth == 1)
            return
        reference = _attribute(attributes, "r")
        if name == "row" and reference is not None:
            self.row = _position(reference, need_column=False)[0]
        elif name == "c":
            if reference is not None:
                self.cell = _position(reference, need_column=True)
                self.column = self.cell[1]
            else:
                self.cell = (self.row, self.column)
            self.reference = reference.upper() if reference is not None else ""
            self.cell_depth, self.has_value, self.cell_type = 0, False, _attribute(attributes, "t")

    def end(self, tag: str) -> None:
        name = _local(tag)
        if self.done or not self.in_sheet_data:
            return
        if self.cell is not None:
            if self.cell_depth:
                self.in_value = self.in_value and self.cell_depth != 1
                self.cell_depth -= 1
                return
            if self.has_value:
                self._count(*self.cell)
            self.cell = None
            self.column += 1
        elif name == "row":
            self.row += 1
            self.column = 0
        elif name == "sheetData":
            self.done = True

    def text(self, data: str) -> None:
        self.has_value = self.has_value or (self.in_value and bool(data))

    def _count(self, row: int, column: int) -> None:
        reach = self.reach
        reach.rows, reach.columns = max(reach.rows, row + 1), max(reach.columns, column + 1)
        if row + 1 > self.row_cap or column + 1 > self.column_cap:
            reach.cell = self.reference or f"{column_letters(column + 1)}{row + 1}"
            self.done = True


def _attribute(attributes: dict, wanted: str) -> str | None:
    return next((value for key, value in attributes.items() if key == wanted), None)


def _position(reference: str, *, need_column: bool) -> tuple[int, int]:
    """(row, column), 0-based, of a reference such as "B7"; a row's "r" is digits only."""
    if not need_column and reference.isdigit():
        letters, digits = "", reference
    else:
        match = REFERENCE.fullmatch(reference)
        if match is None:
            raise SheetUnreadable(reference)
        letters, digits = match.groups()
    digits = digits.lstrip("0")
    if not digits:
        raise SheetUnreadable(reference)
    # Beyond Excel's own limits calamine's arithmetic overflows: any such reference is simply too far.
    row = int(digits) if len(digits) <= 8 else EXCEL_ROWS * 10
    column = column_number(letters) if len(letters) <= 4 else EXCEL_COLUMNS * 26
    return row - 1, column - 1
