import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length, Upper
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from assets.choices import CameraStatus, ExportJobStatus, ImportJobStatus, OriginCountrySource, ParentRelation
from core.dates import after_today
from core.validation import ConstraintErrorsByField
from registry.models import Organisation, Site, SurveillanceSystem


class Manufacturer(ConstraintErrorsByField, models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    country = CountryField(blank=True, help_text="Country of origin (ISO 3166-1 alpha-2).")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="brands",
        help_text="The company that owns this brand or makes its cameras.",
    )
    # An owner counts for vendor counts; a maker (a brand selling another company's cameras) only for restrictions.
    parent_relation = models.CharField(
        max_length=10,
        choices=ParentRelation.choices,
        default=ParentRelation.OWNER,
        help_text="Whether the parent owns this brand or only makes its cameras.",
    )
    parent_from = models.DateField(null=True, blank=True, help_text="First day the parent link holds.")
    parent_until = models.DateField(null=True, blank=True, help_text="Day the parent link ended (not included).")
    aliases = models.TextField(
        blank=True, help_text="Other spellings used in spreadsheets, one per line; matched ignoring case."
    )
    website = models.URLField(blank=True)
    confidence = models.CharField(max_length=10, blank=True, help_text="How sure the reference data is.")
    note = models.TextField(blank=True, help_text="Source or reason for the data above.")

    history = HistoricalRecords()

    constraint_fields = {
        "manufacturer_not_own_parent": "parent",
        "manufacturer_parent_period_ordered": "parent_until",
    }

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="manufacturer_not_own_parent",
                violation_error_message="A manufacturer cannot be its own parent.",
            ),
            models.CheckConstraint(
                condition=Q(parent_from__isnull=True)
                | Q(parent_until__isnull=True)
                | Q(parent_until__gt=F("parent_from")),
                name="manufacturer_parent_period_ordered",
                violation_error_message="The parent link must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return [alias.strip() for alias in self.aliases.splitlines() if alias.strip()]

    def parent_on(self, day) -> "Manufacturer | None":
        """The parent on ``day``: a link holds from ``parent_from`` up to, but not including, ``parent_until``."""
        if self.parent_id is None:
            return None
        if self.parent_from and day < self.parent_from:
            return None
        if self.parent_until and day >= self.parent_until:
            return None
        return self.parent

    def owner_on(self, day) -> "Manufacturer | None":
        """The parent on ``day`` if it owns the brand; a company that only makes its cameras is not its owner."""
        return self.parent_on(day) if self.parent_relation == ParentRelation.OWNER else None

    def clean(self):
        self._check_parent_chain()

    def _check_parent_chain(self):
        seen = {self.pk} if self.pk else set()
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError(
                    {
                        "parent": f"{ancestor} is already below {self} in the chain of owners and makers; "
                        "that would make a loop."
                    }
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class VendorRestriction(ConstraintErrorsByField, models.Model):
    """A rule against buying from a manufacturer (and every brand below it) or from every vendor based in
    a country. Public bases ship with the register; an organisation may add its own."""

    key = models.SlugField(max_length=50, help_text="Groups the rows of one basis, e.g. us-fcc-covered.")
    basis = models.TextField(help_text="The statement, list or decision the restriction comes from.")
    manufacturer = models.ForeignKey(
        Manufacturer, null=True, blank=True, on_delete=models.CASCADE, related_name="restrictions"
    )
    country = CountryField(blank=True, help_text="Every vendor based in this country.")
    date = models.DateField(null=True, blank=True, help_text="When the restriction was made.")
    source = models.TextField(blank=True, help_text="Where it is published.")
    note = models.TextField(blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_restrictions",
        help_text="Blank for a public basis; set for an organisation's own rule, which it always follows.",
    )
    adopted_by = models.ManyToManyField(
        Organisation, blank=True, related_name="adopted_restrictions", help_text="Organisations that follow it."
    )

    constraint_fields = {"restriction_names_manufacturer_or_country": "manufacturer"}

    class Meta:
        ordering = ["key", "country", "manufacturer__name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(manufacturer__isnull=False) & Q(country=""))
                | (Q(manufacturer__isnull=True) & ~Q(country="")),
                name="restriction_names_manufacturer_or_country",
                violation_error_message="A restriction names either a manufacturer or a country, not both or neither.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.short_basis}: {self.target}"

    @property
    def target(self) -> str:
        return self.manufacturer.name if self.manufacturer_id else f"vendors based in {self.country.name}"

    @property
    def short_basis(self) -> str:
        """The basis up to its first colon or semicolon, for messages."""
        for separator in (":", ";"):
            if separator in self.basis:
                return self.basis.split(separator, 1)[0].strip()
        return self.basis or self.key


class Camera(ConstraintErrorsByField, models.Model):
    # Stored beside the site so the database can keep asset tags unique within an organisation.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cameras", editable=False)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="cameras")
    system = models.ForeignKey(
        SurveillanceSystem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cameras",
        help_text="The surveillance camera system the camera belongs to, if any; by default its site's.",
    )
    asset_tag = models.CharField(max_length=50)
    manufacturer = models.ForeignKey(
        Manufacturer, null=True, blank=True, on_delete=models.PROTECT, related_name="cameras"
    )
    # The ultimate owner of the brand on the install date (owner links only), resolved by the services for counting.
    vendor = models.ForeignKey(
        Manufacturer, null=True, blank=True, on_delete=models.PROTECT, related_name="vended_cameras", editable=False
    )
    model = models.CharField(max_length=100, blank=True)
    serial_number = models.CharField(max_length=100, blank=True)
    origin_country = CountryField(blank=True, help_text="Leave blank to use the manufacturer's country.")
    origin_country_source = models.CharField(
        max_length=12, choices=OriginCountrySource.choices, default=OriginCountrySource.UNKNOWN, editable=False
    )
    install_date = models.DateField(null=True, blank=True)
    networked = models.BooleanField(default=False, help_text="Is the camera connected to any network?")
    end_of_life_date = models.DateField(
        null=True, blank=True, help_text="Leave blank to estimate it from the install date and the lifespan."
    )
    end_of_life_estimated = models.BooleanField(default=False, editable=False)
    status = models.CharField(max_length=20, choices=CameraStatus.choices, default=CameraStatus.OPERATIONAL)
    decommissioned_date = models.DateField(null=True, blank=True)
    location_description = models.TextField(
        blank=True, help_text="Sensitive: withheld from FOI responses unless deliberately disclosed."
    )
    # Whether a restriction the organisation follows covers this camera's brand, its owners and makers, or its
    # origin country; derived by the services.
    restricted = models.BooleanField(default=False, editable=False)
    restriction_override_reason = models.TextField(
        blank=True, help_text="Why an organisation admin allowed this camera despite the procurement policy."
    )
    restriction_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    constraint_fields = {
        "camera_asset_tag_unique_in_organisation": "asset_tag",
        "camera_end_of_life_not_before_install": "end_of_life_date",
        "camera_decommissioned_not_before_install": "decommissioned_date",
        "camera_decommissioned_date_iff_decommissioned": "decommissioned_date",
        "camera_origin_country_is_a_code": "origin_country",
    }

    class Meta:
        ordering = ["asset_tag"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "asset_tag"],
                name="camera_asset_tag_unique_in_organisation",
                violation_error_message="This organisation already has a camera with this asset tag.",
            ),
            models.CheckConstraint(
                condition=Q(install_date__isnull=True)
                | Q(end_of_life_date__isnull=True)
                | Q(end_of_life_date__gte=F("install_date")),
                name="camera_end_of_life_not_before_install",
                violation_error_message="The end-of-life date cannot be before the install date.",
            ),
            models.CheckConstraint(
                condition=Q(install_date__isnull=True)
                | Q(decommissioned_date__isnull=True)
                | Q(decommissioned_date__gte=F("install_date")),
                name="camera_decommissioned_not_before_install",
                violation_error_message="The decommissioned date cannot be before the install date.",
            ),
            models.CheckConstraint(
                condition=Q(status=CameraStatus.DECOMMISSIONED, decommissioned_date__isnull=False)
                | (~Q(status=CameraStatus.DECOMMISSIONED) & Q(decommissioned_date__isnull=True)),
                name="camera_decommissioned_date_iff_decommissioned",
                violation_error_message="A decommissioned camera needs a decommissioned date, and only a "
                "decommissioned camera can have one.",
            ),
            models.CheckConstraint(
                condition=Q(origin_country="")
                | Q(Exact(Length("origin_country"), 2), Exact(Upper("origin_country"), F("origin_country"))),
                name="camera_origin_country_is_a_code",
                violation_error_message="The origin country must be an ISO 3166-1 alpha-2 code such as GB or CN.",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"], name="camera_org_status"),
            models.Index(fields=["organisation", "vendor"], name="camera_org_vendor"),
            models.Index(fields=["organisation", "origin_country"], name="camera_org_origin"),
            models.Index(fields=["organisation", "restricted"], name="camera_org_restricted"),
            # Counts filtered by site category and grouped by vendor read only this index (index-only scan).
            models.Index(fields=["site", "vendor"], name="camera_site_vendor"),
            # The list's default order: a page of the whole register reads 50 entries instead of sorting it all.
            models.Index(fields=["asset_tag"], name="camera_asset_tag"),
        ]

    def __str__(self) -> str:
        return self.asset_tag

    def get_absolute_url(self) -> str:
        return reverse("assets:camera-detail", args=[self.pk])

    @property
    def manufacturer_parent(self) -> Manufacturer | None:
        """The company that owned or made the brand when the camera was installed (today, if not known)."""
        if self.manufacturer is None:
            return None
        return self.manufacturer.parent_on(self.install_date or timezone.localdate())

    def clean(self):
        # Not a database constraint: "the future" moves, and a CHECK must not depend on the clock.
        if self.status in CameraStatus.in_service() and self.install_date and after_today(self.install_date):
            raise ValidationError(
                {
                    "install_date": f"An {self.get_status_display().lower()} camera cannot have an install date "
                    "in the future; set its status to planned."
                }
            )
        if self.site_id and self.organisation_id and self.site.organisation_id != self.organisation_id:
            raise ValidationError({"site": "The site belongs to another organisation."})


class ImportJob(models.Model):
    """An uploaded spreadsheet and what became of it: kept in the database, not on one server's disk, so any app
    server can show the preview, take the confirmation, and any worker can run it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="import_jobs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=255)
    # The file itself (at most CCTV_IMPORT_MAX_BYTES); emptied once written or refused as a whole.
    content = models.BinaryField(default=b"")
    dry_run = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED)
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    # ImportReport.as_record(): the whole report, for the pages, the problems download and the API.
    report = models.JSONField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A running job's heartbeat: one silent for CCTV_IMPORT_STALE_SECONDS lost its worker.
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["updated_at"], name="importjob_updated")]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in ImportJobStatus.finished()


class ExportJob(models.Model):
    """A download too large to stream in one request (CCTV_EXPORT_BACKGROUND_ROWS), written by a worker: the user who
    asked, what they asked (the download's builder, its format and query string) and the organisations they could
    see then. The file is kept in the database, so any app server can serve it; it is deleted after a day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The dotted path of the function that builds the download (``core.spreadsheets.Download``), set by the view.
    builder = models.CharField(max_length=100)
    query = models.TextField(blank=True)
    # The organisations the user could see when they asked: the worker reads no wider, even if they now see more.
    organisation_ids = models.JSONField(default=list)
    filename = models.CharField(max_length=255)
    content = models.BinaryField(default=b"")
    status = models.CharField(max_length=10, choices=ExportJobStatus.choices, default=ExportJobStatus.QUEUED)
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # A running job's heartbeat, as for an import: one silent for CCTV_IMPORT_STALE_SECONDS lost its worker.
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["updated_at"], name="exportjob_updated")]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in ExportJobStatus.finished()
