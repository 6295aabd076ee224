# Loaded with Django, so a task queued from a request or a shell goes through the project's Celery app.
from config.celery import app as celery_app

__all__ = ["celery_app"]
