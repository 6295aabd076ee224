"""What an import did, or would do: counts, and every problem by sheet, row, column and value."""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class RowProblem:
    sheet: str
    row: int | None  # None when the problem is with the file or a whole column
    column: str
    value: str
    message: str


@dataclass(frozen=True)
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
