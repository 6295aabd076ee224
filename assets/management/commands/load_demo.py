from django.core.management.base import BaseCommand

from assets.demo import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load the fictional Demo Borough Council with its sites, cameras and one user per role (development only)."

    def handle(self, *args, **options):
        organisation = load_demo()
        cameras = organisation.cameras.count()
        self.stdout.write(
            self.style.SUCCESS(f"{organisation.name}: {organisation.sites.count()} sites, {cameras} cameras.")
        )
        self.stdout.write("Demo logins (development only; the password is public):")
        for username, role in DEMO_USERS.items():
            self.stdout.write(f"  {username:<14} role {role:<8} password {DEMO_PASSWORD}")
