from django.core.management.base import BaseCommand

from foi.services import foi_reminders_send


class Command(BaseCommand):
    help = (
        "Email each FOI officer the open requests they handle (every FOI officer of the organisation, while a "
        "request is assigned to nobody) that are due within five working days or overdue; once a day per request."
    )

    def handle(self, *args, **options):
        sent = foi_reminders_send()
        self.stdout.write(f"{sent} reminder email{'s' if sent != 1 else ''} sent.")
