from django.core.management.base import BaseCommand

from foi.services import foi_requesters_anonymise


class Command(BaseCommand):
    help = (
        "Blank the name and contact details of FOI requesters (in the request and its history) once the request "
        "has been closed for longer than its organisation's retention period."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the requesters due; change nothing.")

    def handle(self, *args, dry_run, **options):
        counts = foi_requesters_anonymise(dry_run=dry_run)
        verb = "would be anonymised" if dry_run else "anonymised"
        for organisation, count in sorted(counts.items()):
            self.stdout.write(f"{organisation}: {count} requester{'s' if count != 1 else ''} {verb}")
        total = sum(counts.values())
        self.stdout.write(f"In all: {total} requester{'s' if total != 1 else ''} {verb}.")
