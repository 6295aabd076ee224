"""The camera importer: spreadsheets in, a report out, and the register changed only if every row is good."""

from assets.importing.report import ImportReport, RowChange, RowProblem
from assets.importing.service import cameras_import

__all__ = ["ImportReport", "RowChange", "RowProblem", "cameras_import"]
