from django.db import models


class CameraStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    OPERATIONAL = "operational", "Operational"
    FAULTY = "faulty", "Faulty"
    DECOMMISSIONED = "decommissioned", "Decommissioned"

    @classmethod
    def in_service(cls) -> set[str]:
        return {cls.OPERATIONAL, cls.FAULTY}

    @classmethod
    def tag_colour(cls, status: str) -> str:
        """Colour of the GOV.UK tag that shows this status."""
        return {
            cls.PLANNED: "blue",
            cls.OPERATIONAL: "green",
            cls.FAULTY: "orange",
            cls.DECOMMISSIONED: "grey",
        }.get(status, "grey")


class OriginCountrySource(models.TextChoices):
    RECORDED = "recorded", "Recorded for this camera"
    MANUFACTURER = "manufacturer", "Taken from the manufacturer"
    UNKNOWN = "unknown", "Unknown"


class ParentRelation(models.TextChoices):
    """How a brand's parent stands behind it: both count for restrictions, only owners for vendor counts."""

    OWNER = "owner", "Owned by"
    MAKER = "maker", "Made by"


class ImportJobStatus(models.TextChoices):
    """Where an import stands: waiting for a worker, being checked or written, or done (the report says what)."""

    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Done"
    FAILED = "failed", "Failed"

    @classmethod
    def finished(cls) -> set[str]:
        return {cls.SUCCEEDED, cls.FAILED}


# A large download goes through the same stages as an import: queued, running, then done or failed.
ExportJobStatus = ImportJobStatus
