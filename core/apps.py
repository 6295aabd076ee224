from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared framework"

    def ready(self) -> None:
        # The sign-in log lines: receivers of Django's and django-axes' sign-in signals.
        from core import signin  # noqa: F401
