"""How the generic bases name the permission they ask (``user.has_perm(name, record)``): as Django names a
model's, ``<app>.<add|change|delete>_<model>``. The apps' policy answers them (``registry/rules.py``)."""

from django.db.models import Model


def permission_name(model: type[Model], verb: str) -> str:
    """The permission to ``verb`` (add, change, delete) a ``model``: ``registry.change_site``."""
    return f"{model._meta.app_label}.{verb}_{model._meta.model_name}"
