"""What an import did, or would do: counts, and every problem by sheet, row, column and value."""

import datetime
from dataclasses import asdict, dataclass, field, fields


@dataclass(frozen=True)
class RowProblem:
    sheet: str
    row: int | None  # None when the problem is with the file or a whole column
    column: str
    value: str
    message: str


@dataclass(frozen=True, slots=True)  # one per row written: 100,000 in a large import
class RowChange:
    row: int
    asset_tag: str
    action: str  # "create" or "update"
    fields: tuple[str, ...] = ()  # for an update, the fields that change


@dataclass
class ImportReport:
    filename: str
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    sites_created: int = 0
    rows: int = 0
    written: bool = False
    errors: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)
    new_sites: list[str] = field(default_factory=list)
    # For the problems spreadsheet: each sheet's header and the raw cells of its rows with problems.
    headers: dict[str, list] = field(default_factory=dict)
    problem_rows: dict[str, dict[int, list]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        if self.errors:
            count = len(self.errors)
            return f"{count} problem{'s' if count != 1 else ''} found: nothing was imported."
        text = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        if self.sites_created:
            text += f", {self.sites_created} new site{'s' if self.sites_created != 1 else ''}"
        return f"{text} (dry run: nothing written)" if self.dry_run else text

    def problem(self, *, sheet: str, row: int | None, column: str = "", value: str = "", message: str) -> None:
        self.errors.append(RowProblem(sheet=sheet, row=row, column=column, value=value, message=message))

    def as_dict(self, *, error_limit: int | None = None) -> dict:
        errors = self.errors if error_limit is None else self.errors[:error_limit]
        return {
            "filename": self.filename,
            "dry_run": self.dry_run,
            "written": self.written,
            "summary": self.summary,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "sites_created": self.sites_created,
            "new_sites": self.new_sites,
            "error_count": len(self.errors),
            "errors": [asdict(error) for error in errors],
            "warnings": self.warnings,
        }

    def as_record(self, *, changes_kept: int) -> dict:
        """Everything a page, the problems download and the API read later, as JSON: the first ``changes_kept``
        changes, and the cells of the rows with problems with their dates kept as dates."""
        record = {
            item.name: getattr(self, item.name)
            for item in fields(self)
            if item.name not in {"errors", "changes", "headers", "problem_rows"}
        }
        record["errors"] = [asdict(error) for error in self.errors]
        record["changes"] = [asdict(change) for change in self.changes[:changes_kept]]
        record["headers"] = {sheet: [_cell_record(cell) for cell in header] for sheet, header in self.headers.items()}
        record["problem_rows"] = {
            sheet: [[number, [_cell_record(cell) for cell in cells]] for number, cells in rows.items()]
            for sheet, rows in self.problem_rows.items()
        }
        return record

    @classmethod
    def from_record(cls, record: dict) -> "ImportReport":
        plain = {key: value for key, value in record.items() if key not in {"errors", "changes", "headers"}}
        plain.pop("problem_rows", None)
        report = cls(**plain)
        report.errors = [RowProblem(**error) for error in record["errors"]]
        report.changes = [RowChange(**(change | {"fields": tuple(change["fields"])})) for change in record["changes"]]
        report.headers = {sheet: [_cell_value(cell) for cell in header] for sheet, header in record["headers"].items()}
        report.problem_rows = {
            sheet: {number: [_cell_value(cell) for cell in cells] for number, cells in rows}
            for sheet, rows in record["problem_rows"].items()
        }
        return report


# A cell read from a spreadsheet may be a date or a time: JSON keeps it as {"<kind>": "<ISO text>"}.
CELL_KINDS = {"datetime": datetime.datetime, "date": datetime.date, "time": datetime.time}


def _cell_record(cell):
    for kind, kind_class in CELL_KINDS.items():
        if isinstance(cell, kind_class):
            return {kind: cell.isoformat()}
    if isinstance(cell, datetime.timedelta):
        return {"seconds": cell.total_seconds()}
    return cell


def _cell_value(cell):
    if not isinstance(cell, dict):
        return cell
    if "seconds" in cell:
        return datetime.timedelta(seconds=cell["seconds"])
    kind, text = next(iter(cell.items()))
    return CELL_KINDS[kind].fromisoformat(text)
