from django.apps import AppConfig


class FoiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "foi"
    verbose_name = "Freedom of Information"

    def ready(self):
        # Nothing else imports the tasks that only Celery beat sends: registered here, every process knows them.
        from foi import tasks  # noqa: F401
