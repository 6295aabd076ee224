from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from registry.choices import Jurisdiction
from registry.models import Organisation
from registry.services import organisation_create


class Command(BaseCommand):
    help = "Create an organisation (a council) in the register."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Short name used in URLs and the API, e.g. demo-borough")
        parser.add_argument("name", help='Full name, e.g. "Demo Borough Council"')
        parser.add_argument(
            "--jurisdiction",
            choices=Jurisdiction.values,
            default=Jurisdiction.ENGLAND_WALES,
            help="Decides which FOI law and bank holidays apply (default: england-wales)",
        )

    def handle(self, *args, slug, name, jurisdiction, **options):
        if Organisation.objects.filter(slug=slug).exists():
            raise CommandError(f"An organisation with slug {slug!r} already exists.")
        try:
            organisation = organisation_create(slug=slug, name=name, jurisdiction=jurisdiction)
        except ValidationError as error:
            raise CommandError(_describe(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Created {organisation.name} ({organisation.slug})."))


def _describe(error: ValidationError) -> str:
    return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
