from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from assets.importing import cameras_import
from registry.models import Organisation

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Import cameras from an .xlsx or .csv file into one organisation's register (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx or .csv file.")
        parser.add_argument("--organisation", required=True, help="The organisation's slug.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and report; write nothing.")
        parser.add_argument("--user", help="Username to record in the history as the one who imported.")

    def handle(self, *args, file, organisation, dry_run, user, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            council = Organisation.objects.get(slug=organisation)
        except Organisation.DoesNotExist:
            raise CommandError(f'No organisation with the slug "{organisation}".') from None
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f'No user called "{user}".')
        with path.open("rb") as upload:
            report = cameras_import(
                organisation=council,
                file=upload,
                filename=path.name,
                dry_run=dry_run,
                user=importer,
                progress=self._progress,
            )
        self.stderr.write("")
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        if report.errors:
            for problem in report.errors:
                self.stderr.write(self._problem_line(problem))
            raise CommandError(report.summary)
        self.stdout.write(self.style.SUCCESS(report.summary))

    def _progress(self, done: int, total: int | None) -> None:
        if total:
            filled = min(BAR_WIDTH, BAR_WIDTH * done // total)
            line = f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:,}/{total:,} rows checked"
        else:
            line = f"\r{done:,} rows checked"
        self.stderr.write(line, ending="")
        if hasattr(self.stderr, "flush"):
            self.stderr.flush()

    @staticmethod
    def _problem_line(problem) -> str:
        where = [problem.sheet] if problem.sheet else []
        if problem.row is not None:
            where.append(f"row {problem.row}")
        if problem.column:
            where.append(f'column "{problem.column}"')
        if problem.value:
            where.append(f'value "{problem.value}"')
        prefix = ", ".join(where)
        return f"{prefix}: {problem.message}" if prefix else problem.message
