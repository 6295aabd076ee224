from django.apps import AppConfig


class FoiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "foi"
    verbose_name = "Freedom of Information"
