from django.db import models


class Jurisdiction(models.TextChoices):
    ENGLAND_WALES = "england-wales", "England and Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


class Role(models.TextChoices):
    VIEWER = "viewer", "Viewer (read only)"
    OFFICER = "officer", "Officer (edits sites and cameras)"
    FOI = "foi", "FOI officer (reads everything, manages FOI requests)"
    ADMIN = "admin", "Administrator (everything in the organisation)"
