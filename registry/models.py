from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.validation import ConstraintErrorsByField
from registry.choices import Jurisdiction, Role
from registry.postcodes import PostcodeField


class Organisation(ConstraintErrorsByField, models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    jurisdiction = models.CharField(
        max_length=20,
        choices=Jurisdiction.choices,
        default=Jurisdiction.ENGLAND_WALES,
        help_text="Decides which FOI law, deadlines and bank holidays apply.",
    )
    default_camera_lifespan_years = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="Used to estimate a camera's end of life from its install date when none is recorded.",
    )
    no_restricted_cameras_after = models.DateField(
        null=True,
        blank=True,
        help_text="Procurement policy: cameras from a restricted vendor installed after this date are refused "
        "unless an organisation admin records an override.",
    )
    foi_requester_retention_months = models.PositiveSmallIntegerField(
        default=36,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text="FOI requesters' names and contact details are anonymised once a request has been closed for "
        "this many months.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(ConstraintErrorsByField, models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    # Per organisation, not the user's own flag: deactivating here must not lock them out of another council.
    is_active = models.BooleanField(
        default=True, help_text="An inactive member keeps their record and history but may do nothing here."
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    constraint_fields = {"membership_one_role_per_organisation": "user"}

    class Meta:
        ordering = ["organisation__name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="membership_one_role_per_organisation",
                violation_error_message="This user already has a role in this organisation.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.organisation}"


class SiteCategory(ConstraintErrorsByField, models.Model):
    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "site categories"

    def __str__(self) -> str:
        return self.name


class ReplacementUnitCost(ConstraintErrorsByField, models.Model):
    """What the organisation expects replacing one camera at a site of this category to cost."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="replacement_costs")
    category = models.ForeignKey(SiteCategory, on_delete=models.CASCADE, related_name="+")
    unit_cost = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])

    constraint_fields = {"replacement_cost_one_per_category": "category"}

    class Meta:
        ordering = ["organisation__name", "category__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "category"],
                name="replacement_cost_one_per_category",
                violation_error_message="This organisation already has a unit cost for this site category.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.category}: £{self.unit_cost}"


class Site(ConstraintErrorsByField, models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="sites")
    name = models.CharField(max_length=200)
    category = models.ForeignKey(SiteCategory, on_delete=models.PROTECT, related_name="sites")
    address = models.TextField(blank=True)
    postcode = PostcodeField()
    ward = models.CharField(max_length=100, blank=True)
    sensitive = models.BooleanField(
        default=False,
        help_text="Holds confidential data or a control room: restricted equipment here is replaced first.",
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    constraint_fields = {"site_name_unique_in_organisation": "name"}

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="site_name_unique_in_organisation",
                violation_error_message="This organisation already has a site with this name.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assets:site-detail", args=[self.pk])


class RegisterVersion(models.Model):
    """Changes whenever something a camera count reads changes: ``organisation:<id>`` for an organisation's cameras,
    sites and settings, ``reference`` for what every organisation shares (manufacturers, site categories,
    restrictions). Cached counts are keyed on it (assets/selectors.py), so a write is never followed by a stale count.
    A fresh random value rather than a counter: a restored backup or a rolled-back test never brings an old key back.
    """

    REFERENCE = "reference"

    key = models.CharField(max_length=40, primary_key=True)
    version = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.key}: {self.version}"

    @staticmethod
    def organisation_key(organisation_id: int) -> str:
        return f"organisation:{organisation_id}"
