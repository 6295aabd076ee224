import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.validation import ConstraintErrorsByField
from registry.choices import Jurisdiction, Recording, Role, Signage
from registry.postcodes import PostcodeField
from registry.principles import principles_errors

# Ten years: longer than any purpose a council camera serves; most keep recordings for about 31 days.
RETENTION_DAYS_MAX = 3650


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
    public_register = models.BooleanField(
        default=False,
        help_text="Publish the register's headline figures, its published systems and the FOI disclosure log at "
        "/public/<slug>/, for anyone to read without signing in.",
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
    default_system = models.ForeignKey(
        "SurveillanceSystem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="default_for_sites",
        help_text="The surveillance camera system a new camera at this site joins unless another is given.",
    )
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

    def clean(self):
        if (
            self.default_system_id
            and self.organisation_id
            and self.default_system.organisation_id != self.organisation_id
        ):
            raise ValidationError({"default_system": "The system belongs to another organisation."})


class SurveillanceSystem(ConstraintErrorsByField, models.Model):
    """A surveillance camera system (a scheme) as the Surveillance Camera Code means it: cameras run together for
    one purpose, such as "Library CCTV", with who answers for it, its reviews, its data protection impact
    assessment and its self-assessment against the Code's 12 principles (``registry/principles.py``)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="systems")
    name = models.CharField(max_length=200)
    purpose = models.TextField(blank=True, help_text="What the system is for: the Code's principle 1.")
    lawful_basis = models.TextField(blank=True, help_text="The law or UK GDPR basis the system relies on.")
    data_controller = models.CharField(max_length=200, blank=True, help_text="Usually the council itself.")
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member who answers for the system: an active member of its organisation.",
    )
    public_contact = models.CharField(
        max_length=300, blank=True, help_text="Where the public asks about the system or complains (principle 3)."
    )
    retention_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(RETENTION_DAYS_MAX)],
        help_text="How many days recordings are kept before they are deleted (principle 6).",
    )
    recording = models.CharField(max_length=12, choices=Recording.choices, default=Recording.CONTINUOUS)
    live_monitoring = models.BooleanField(default=False, help_text="Is someone watching the cameras live?")
    signage = models.CharField(max_length=10, choices=Signage.choices, blank=True, help_text="Blank: not recorded.")
    dpia_date = models.DateField(
        null=True, blank=True, help_text="When its data protection impact assessment was done."
    )
    dpia_review_due = models.DateField(null=True, blank=True, help_text="When the DPIA is next to be reviewed.")
    last_review_date = models.DateField(null=True, blank=True, help_text="When the system was last reviewed.")
    # Derived by the service: a year after the last review unless set earlier (registry/system_services.py).
    next_review_due = models.DateField(
        null=True, blank=True, help_text="A year after the last review, unless set earlier."
    )
    principles = models.JSONField(
        default=list, blank=True, help_text="The self-assessment against the Code's 12 principles."
    )
    published = models.BooleanField(
        default=False,
        help_text="Show the system's purpose, retention and public contact on the published register, when the "
        "organisation publishes one.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    constraint_fields = {
        "system_name_unique_in_organisation": "name",
        "system_name_not_blank": "name",
        "system_retention_days_in_range": "retention_days",
        "system_dpia_review_not_before_dpia": "dpia_review_due",
        "system_next_review_not_before_last": "next_review_due",
    }

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="system_name_unique_in_organisation",
                violation_error_message="This organisation already has a system with this name.",
            ),
            models.CheckConstraint(
                condition=Q(GreaterThan(Length(Trim("name")), 0)),
                name="system_name_not_blank",
                violation_error_message="Enter the system's name.",
            ),
            models.CheckConstraint(
                condition=Q(retention_days__isnull=True)
                | Q(retention_days__gte=1, retention_days__lte=RETENTION_DAYS_MAX),
                name="system_retention_days_in_range",
                violation_error_message=f"Recordings are kept for 1 to {RETENTION_DAYS_MAX} days.",
            ),
            models.CheckConstraint(
                condition=Q(dpia_date__isnull=True)
                | Q(dpia_review_due__isnull=True)
                | Q(dpia_review_due__gte=models.F("dpia_date")),
                name="system_dpia_review_not_before_dpia",
                violation_error_message="The DPIA review cannot be due before the DPIA was done.",
            ),
            models.CheckConstraint(
                condition=Q(last_review_date__isnull=True)
                | Q(next_review_due__isnull=True)
                | Q(next_review_due__gte=models.F("last_review_date")),
                name="system_next_review_not_before_last",
                violation_error_message="The next review cannot be due before the last review.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assets:system-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.responsible_officer_id and self.organisation_id:
            active_member = Membership.objects.filter(
                user_id=self.responsible_officer_id, organisation_id=self.organisation_id, is_active=True
            ).exists()
            if not active_member:
                errors["responsible_officer"] = (
                    "The responsible officer must be an active member of the system's organisation."
                )
        today = timezone.localdate()
        for name, words in (("last_review_date", "last review"), ("dpia_date", "DPIA")):
            day = getattr(self, name)
            if isinstance(day, datetime.date) and day > today:
                errors[name] = f"The {words} cannot be in the future: give the day it was done."
        principle_errors = principles_errors(self.principles, today=today)
        if principle_errors:
            errors["principles"] = principle_errors
        if errors:
            raise ValidationError(errors)


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
