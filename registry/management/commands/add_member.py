import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from registry.choices import Role
from registry.models import Organisation
from registry.services import membership_set


class Command(BaseCommand):
    help = (
        "Give a user a role in an organisation, creating the user if needed. The password comes from the "
        "CCTV_PASSWORD environment variable; without it a new user gets an unusable password. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("organisation", help="The organisation's slug")
        parser.add_argument("role", help=f"One of: {', '.join(Role.values)}")

    def handle(self, *args, username, organisation, role, **options):
        if role not in Role.values:
            raise CommandError(f"Unknown role {role!r}: choose one of {', '.join(Role.values)}.")
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"No organisation with slug {organisation!r}. Create it with add_organisation.")
        if not username.strip():
            raise CommandError("The username cannot be blank.")
        password = os.environ.get("CCTV_PASSWORD") or None
        try:
            membership = membership_set(username=username, organisation=found, role=role, password=password)
        except ValidationError as error:
            raise CommandError(f"Username {username!r}: {' '.join(error.messages)}") from error
        self.stdout.write(
            self.style.SUCCESS(f"{membership.user.username} is now {role} in {found.name} ({found.slug}).")
        )
