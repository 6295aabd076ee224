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


class Recording(models.TextChoices):
    CONTINUOUS = "continuous", "Continuous"
    MOTION = "motion", "When motion is detected"
    NONE = "none", "Not recorded (live view only)"


class Signage(models.TextChoices):
    """Whether people are told they are entering the system's view (the Code's principle 3, transparency)."""

    FULL = "full", "Signs at every approach"
    PARTIAL = "partial", "Signs at some approaches"
    NONE = "none", "No signs"


class PrincipleStatus(models.TextChoices):
    MET = "met", "Met"
    PARTLY_MET = "partly-met", "Partly met"
    NOT_MET = "not-met", "Not met"
    NOT_ASSESSED = "not-assessed", "Not assessed"

    @classmethod
    def tag_colour(cls, status: str) -> str:
        """Colour of the GOV.UK tag that shows this status."""
        return {cls.MET: "green", cls.PARTLY_MET: "yellow", cls.NOT_MET: "red"}.get(status, "grey")


class DueState(models.TextChoices):
    """Where a review or DPIA date stands today: the systems list's tags and the dashboard panel."""

    OVERDUE = "overdue", "Overdue"
    DUE_SOON = "due-soon", "Due soon"
    IN_DATE = "in-date", "In date"
    NOT_SET = "not-set", "No date set"

    @classmethod
    def tag_colour(cls, state: str) -> str:
        return {cls.OVERDUE: "red", cls.DUE_SOON: "yellow", cls.IN_DATE: "green"}.get(state, "grey")
