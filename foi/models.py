from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from foi.choices import DisclosableColumn, Exemption, FOIRequestStatus, Law
from registry.models import Organisation
from registry.validation import ConstraintErrorsByField


class FOIRequest(ConstraintErrorsByField, models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="foi_requests")
    reference = models.CharField(max_length=50, help_text="The council's reference, such as FOI-2024-0153.")
    received_date = models.DateField()
    subject = models.CharField(max_length=200)
    request_text = models.TextField(help_text="The request as the requester worded it.")
    status = models.CharField(max_length=25, choices=FOIRequestStatus.choices, default=FOIRequestStatus.OPEN)
    clarification_requested_date = models.DateField(null=True, blank=True)
    clarification_received_date = models.DateField(null=True, blank=True)
    answered_date = models.DateField(null=True, blank=True, help_text="The day the first response was issued.")
    # Derived by the services from the dates above and the organisation's law; empty while clarification is awaited.
    due_date = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    constraint_fields = {
        "foi_request_reference_unique_in_organisation": "reference",
        "foi_request_reference_not_blank": "reference",
        "foi_request_clarification_requested_after_receipt": "clarification_requested_date",
        "foi_request_clarification_received_after_asked": "clarification_received_date",
        "foi_request_answered_not_before_receipt": "answered_date",
        "foi_request_awaiting_clarification_has_dates": "clarification_requested_date",
        "foi_request_answered_has_date": "answered_date",
    }

    class Meta:
        ordering = ["-received_date", "-id"]
        verbose_name = "FOI request"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"],
                name="foi_request_reference_unique_in_organisation",
                violation_error_message="This organisation already has an FOI request with this reference.",
            ),
            models.CheckConstraint(
                condition=~Q(reference=""),
                name="foi_request_reference_not_blank",
                violation_error_message="Enter the request's reference.",
            ),
            models.CheckConstraint(
                condition=Q(clarification_requested_date__isnull=True)
                | Q(clarification_requested_date__gte=F("received_date")),
                name="foi_request_clarification_requested_after_receipt",
                violation_error_message="Clarification cannot be asked for before the request was received.",
            ),
            models.CheckConstraint(
                condition=Q(clarification_received_date__isnull=True)
                | Q(
                    clarification_requested_date__isnull=False,
                    clarification_received_date__gte=F("clarification_requested_date"),
                ),
                name="foi_request_clarification_received_after_asked",
                violation_error_message="Clarification can only be received on or after the day it was asked for.",
            ),
            models.CheckConstraint(
                condition=Q(answered_date__isnull=True) | Q(answered_date__gte=F("received_date")),
                name="foi_request_answered_not_before_receipt",
                violation_error_message="A request cannot be answered before it was received.",
            ),
            models.CheckConstraint(
                condition=~Q(status=FOIRequestStatus.AWAITING_CLARIFICATION)
                | Q(clarification_requested_date__isnull=False, clarification_received_date__isnull=True),
                name="foi_request_awaiting_clarification_has_dates",
                violation_error_message="A request awaiting clarification needs the date clarification was asked "
                "for, and no date of receipt.",
            ),
            models.CheckConstraint(
                condition=~Q(status=FOIRequestStatus.ANSWERED) | Q(answered_date__isnull=False),
                name="foi_request_answered_has_date",
                violation_error_message="An answered request needs the date it was answered.",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status", "due_date"], name="foi_request_org_status_due")]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("foi:request-detail", args=[self.pk])

    @property
    def law(self) -> Law:
        return Law.for_jurisdiction(self.organisation.jurisdiction)

    @property
    def deadline_running(self) -> bool:
        return self.status == FOIRequestStatus.OPEN

    def clean(self):
        # Not a database constraint: "the future" moves, and a CHECK must not depend on the clock.
        if self.received_date and self.received_date > timezone.localdate():
            raise ValidationError({"received_date": "The received date cannot be in the future."})


class Question(ConstraintErrorsByField, models.Model):
    request = models.ForeignKey(FOIRequest, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=1)
    text = models.TextField(help_text="The requester's wording.")
    filters = models.JSONField(default=dict, blank=True, help_text="Camera filters, as the API's query parameters.")
    group_by = models.JSONField(default=list, blank=True, help_text="Dimensions to count by, in order.")
    as_at = models.DateField(null=True, blank=True, help_text="Count cameras in service on this date.")
    disclosed_columns = models.JSONField(
        default=list, blank=True, help_text="Columns to list cameras with; none means no list."
    )
    exemption = models.CharField(max_length=12, choices=Exemption.choices, blank=True)
    public_interest_reasoning = models.TextField(blank=True, help_text="Why the exemption applies (FOIA s.17).")
    neither_confirm_nor_deny = models.BooleanField(default=False)
    answer_wording = models.TextField(
        blank=True, help_text="Leave blank to use the sentence generated from the counts."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    constraint_fields = {
        "question_order_unique_in_request": "order",
        "question_text_not_blank": "text",
        "question_ncnd_needs_exemption": "exemption",
        "question_exemption_needs_reasoning": "public_interest_reasoning",
    }

    class Meta:
        ordering = ["request", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "order"],
                name="question_order_unique_in_request",
                violation_error_message="This request already has a question with this number.",
            ),
            models.CheckConstraint(
                condition=~Q(text=""), name="question_text_not_blank", violation_error_message="Enter the question."
            ),
            models.CheckConstraint(
                condition=Q(neither_confirm_nor_deny=False) | ~Q(exemption=""),
                name="question_ncnd_needs_exemption",
                violation_error_message="Neither confirming nor denying needs the exemption that allows it.",
            ),
            models.CheckConstraint(
                condition=Q(exemption="") | ~Q(public_interest_reasoning=""),
                name="question_exemption_needs_reasoning",
                violation_error_message="Say why the exemption applies: a refusal notice must (FOIA s.17).",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} Q{self.order}"

    def clean(self):
        # The filters and dimensions are checked against the register by the services (foi.answers).
        errors = {}
        if self.text is not None and not self.text.strip():
            errors["text"] = "Enter the question."
        if self.exemption and self.request_id:
            law = self.request.law
            if self.exemption not in [exemption.value for exemption in Exemption.for_law(law)]:
                errors["exemption"] = (
                    f"{Exemption(self.exemption).label} does not apply under the {law.label}; choose one of "
                    f"{', '.join(exemption.label for exemption in Exemption.for_law(law))}."
                )
        if not isinstance(self.disclosed_columns, list):
            errors["disclosed_columns"] = "Give a list of columns."
        else:
            unknown = [column for column in self.disclosed_columns if column not in DisclosableColumn.values]
            if unknown:
                choices = ", ".join(DisclosableColumn.values)
                errors["disclosed_columns"] = f"Unknown column {', '.join(map(repr, unknown))}; choose from {choices}."

            elif len(set(self.disclosed_columns)) != len(self.disclosed_columns):
                errors["disclosed_columns"] = "Each column may appear only once."
        if errors:
            raise ValidationError(errors)


class ResponseVersion(ConstraintErrorsByField, models.Model):
    """An issued response, frozen: its tables, wording and workbook never change. An internal review issues
    a new version; every version is kept."""

    request = models.ForeignKey(FOIRequest, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_foi_responses",
    )
    reason = models.CharField(max_length=200, blank=True, help_text="Why a new version was issued, if it was.")
    content = models.JSONField(help_text="The frozen answer: each question's table, wording and exemption.")
    workbook = models.BinaryField(help_text="The .xlsx exactly as issued.")

    constraint_fields = {
        "response_version_number_unique_in_request": "number",
        "response_version_number_positive": "number",
    }

    class Meta:
        ordering = ["request", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "number"],
                name="response_version_number_unique_in_request",
                violation_error_message="This request already has a response with this version number.",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="response_version_number_positive",
                violation_error_message="Version numbers start at 1.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} v{self.number}"

    def save(self, *args, **kwargs):
        # An integrity guard rather than a business rule: nothing may rewrite what was sent to a requester.
        if not self._state.adding:
            raise ValidationError({"version": "An issued response can never be edited; issue a new version instead."})
        super().save(*args, **kwargs)

    @property
    def filename(self) -> str:
        return f"{self.request.reference}-response-v{self.number}.xlsx"
