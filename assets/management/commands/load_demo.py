from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assets.demo import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = (
        "Load the fictional Demo Borough Council with its sites, cameras and one user per role "
        "(development only: refused unless DEBUG is on)."
    )

    def handle(self, *args, **options):
        # The demo's logins, an admin among them, share a password published in the README.
        if not settings.DEBUG:
            raise CommandError(
                "load_demo creates logins with a published password, so it runs only with DEBUG on: "
                "DEBUG=1 python manage.py load_demo (make run and make demo set it). Never run it in production."
            )
        organisation = load_demo()
        cameras = organisation.cameras.count()
        self.stdout.write(
            self.style.SUCCESS(f"{organisation.name}: {organisation.sites.count()} sites, {cameras} cameras.")
        )
        self.stdout.write("Demo logins (development only; the password is public):")
        for username, role in DEMO_USERS.items():
            self.stdout.write(f"  {username:<14} role {role:<8} password {DEMO_PASSWORD}")
