from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.validation import ConstraintErrorsByField
from foi.choices import (
    AppealDecision,
    Channel,
    DisclosableColumn,
    Exemption,
    FOIRequestStatus,
    Law,
    Outcome,
    Regulator,
    ReviewOutcome,
)
from registry.models import Organisation

WITHHELD_KEYS = ("column", "exemption", "reasoning")


def withheld_error(message: str, column: str = "", part: str = "") -> ValidationError:
    """An error about one withheld column, carrying the column and the part at fault (``exemption``,
    ``reasoning``) so a form can show it at that column's boxes. No params: a % in the message stays text."""
    error = ValidationError(message, code="withheld")
    error.withheld_column = column
    error.withheld_part = part
    return error


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
    # Derived from due_date and the extensions (FOIA s.10(3)); empty when the request was never extended.
    extended_due_date = models.DateField(null=True, blank=True, editable=False)
    # Personal data: shown to FOI officers and admins only, never exported, anonymised after the retention period.
    requester_name = models.CharField(max_length=200, blank=True)
    requester_email = models.EmailField(blank=True)
    requester_address = models.TextField(blank=True)
    requester_anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True, help_text="How it arrived.")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_foi_requests",
        help_text="The FOI officer handling the request.",
    )
    # The latest issued version's outcome, kept here to filter and count by.
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True, editable=False)
    reminded_on = models.DateField(null=True, blank=True, editable=False, help_text="Last deadline reminder sent.")
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
    def effective_due_date(self):
        """The deadline that counts: the extended one where the request was extended."""
        return self.extended_due_date or self.due_date

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
    withheld = models.JSONField(
        default=list,
        blank=True,
        help_text='Columns withheld from the answer, each {"column", "exemption", "reasoning"}; the exemption and its '
        "reasoning may be left empty when the column was simply not asked for.",
    )
    exemption = models.CharField(
        max_length=12,
        choices=Exemption.choices,
        blank=True,
        help_text="Neither confirm nor deny, or a whole refusal; a listing cites exemptions per withheld column.",
    )
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
        if self.exemption in Exemption.values and self.request_id:
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
        listing = isinstance(self.disclosed_columns, list) and bool(self.disclosed_columns)
        withheld_errors = self._withheld_errors()
        v1_listing_exemption = self.exemption in Exemption.values and listing and not self.neither_confirm_nor_deny
        if v1_listing_exemption and self.public_interest_reasoning.strip() and not withheld_errors and not errors:
            # The services move a v1 question-level exemption onto the withheld columns; left here, it cites none.
            listed = ", ".join(
                DisclosableColumn(column).label.lower()
                for column in self.disclosed_columns
                if column in DisclosableColumn.values
            )
            errors["exemption"] = (
                f"{Exemption(self.exemption).label} is cited for a question that lists cameras with {listed}, but "
                "no withheld column is left without an exemption for it to cover, so it would be cited for a column "
                "that is disclosed. "
                "Cite exemptions on the withheld columns, or untick the column in the disclosed columns."
            )
        if withheld_errors:
            errors["withheld"] = withheld_errors
        if errors:
            raise ValidationError(errors)

    def _withheld_errors(self) -> list[ValidationError]:
        """Each withheld column named once, not disclosed, and cited with an exemption of the request's law and
        its reasons (FOIA s.17), or with neither when it was simply not asked for."""
        if not isinstance(self.withheld, list):
            return [ValidationError('Give a list of {"column", "exemption", "reasoning"} objects.')]
        if self.withheld and self.neither_confirm_nor_deny:
            return [ValidationError("A question answered neither confirm nor deny discloses nothing to withhold.")]
        law = self.request.law if self.request_id else None
        disclosed = self.disclosed_columns if isinstance(self.disclosed_columns, list) else []
        errors, seen = [], set()
        for number, entry in enumerate(self.withheld, start=1):
            if not isinstance(entry, dict) or set(entry) - set(WITHHELD_KEYS):
                errors.append(withheld_error(f"Withheld entry {number}: give an object of {', '.join(WITHHELD_KEYS)}."))
                continue
            column = entry.get("column")
            if column not in DisclosableColumn.values:
                choices = ", ".join(DisclosableColumn.values)
                errors.append(
                    withheld_error(f"Withheld entry {number}: unknown column {column!r}; choose from {choices}.")
                )
                continue
            label = DisclosableColumn(column).label
            where = f"Withheld entry {number} ({label})"
            if column in seen:
                errors.append(withheld_error(f"{where}: {label} is already withheld; name each column once.", column))
                continue
            seen.add(column)
            exemption = entry.get("exemption") or ""
            reasoning = entry.get("reasoning") or ""
            if not isinstance(exemption, str) or not isinstance(reasoning, str):
                errors.append(withheld_error(f"{where}: give the exemption and the reasoning as text.", column))
                continue
            if column in disclosed:
                consequence = "no exemption can be cited for it" if exemption else "it cannot also be withheld"
                errors.append(
                    withheld_error(
                        f"{where}: {label} is disclosed in the listing, so {consequence}; untick it in the disclosed "
                        "columns or take it out of the withheld columns.",
                        column,
                        "exemption",
                    )
                )
                continue
            if exemption and exemption not in Exemption.values:
                errors.append(withheld_error(f"{where}: unknown exemption {exemption!r}.", column, "exemption"))
            elif exemption and law and exemption not in [choice.value for choice in Exemption.for_law(law)]:
                allowed = ", ".join(choice.label for choice in Exemption.for_law(law))
                errors.append(
                    withheld_error(
                        f"{where}: {Exemption(exemption).label} does not apply under the {law.label}; choose one of "
                        f"{allowed}.",
                        column,
                        "exemption",
                    )
                )
            if exemption and not reasoning.strip():
                errors.append(
                    withheld_error(
                        f"{where}: say why the exemption applies: a refusal notice must (FOIA s.17).",
                        column,
                        "reasoning",
                    )
                )
            if reasoning.strip() and not exemption:
                errors.append(
                    withheld_error(
                        f"{where}: choose the exemption the reasons are for, or clear the reasons.", column, "exemption"
                    )
                )
        return errors


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
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    cost_estimate_hours = models.DecimalField(
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="For a refusal on cost (FOIA s.12, FOISA s.12): the estimated hours of work.",
    )
    advice_and_assistance = models.TextField(
        blank=True, help_text="Advice and assistance offered with a refusal (FOIA s.16, FOISA s.15)."
    )
    letter = models.BinaryField(default=b"", blank=True, help_text="The response letter (.docx) exactly as issued.")
    # Not part of the frozen response: set and cleared by foi.services.response_version_publish / _unpublish.
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the response was put on the disclosure log."
    )

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


class Extension(models.Model):
    """More time for the public interest test (FOIA s.10(3)); FOISA has no such extension."""

    request = models.ForeignKey(FOIRequest, on_delete=models.CASCADE, related_name="extensions")
    working_days = models.PositiveSmallIntegerField()
    reason = models.TextField()
    extended_at = models.DateTimeField(auto_now_add=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "extended_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(working_days__gte=1) & Q(working_days__lte=20),
                name="foi_extension_working_days_1_to_20",
                violation_error_message="Extend by 1 to 20 working days.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} +{self.working_days} working days"


class Review(ConstraintErrorsByField, models.Model):
    """An internal review of an issued response (FOIA Code of Practice part 5; FOISA s.20-21)."""

    request = models.ForeignKey(FOIRequest, on_delete=models.PROTECT, related_name="reviews")
    requested_date = models.DateField()
    grounds = models.TextField()
    # Derived: 20 working days after the review was asked for.
    due_date = models.DateField(editable=False)
    # Derived: asked for more than 40 working days after the response; the council may still review.
    requested_late = models.BooleanField(default=False, editable=False)
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices, blank=True)
    decided_date = models.DateField(null=True, blank=True)
    decision_notes = models.TextField(blank=True)
    # The version the review led to (reason "Internal review"), when it changed the answer or re-issued it.
    version = models.OneToOneField(
        ResponseVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="review"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    constraint_fields = {
        "foi_review_grounds_not_blank": "grounds",
        "foi_review_decided_has_date": "decided_date",
    }

    class Meta:
        ordering = ["request", "requested_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(grounds=""),
                name="foi_review_grounds_not_blank",
                violation_error_message="Give the requester's grounds for the review.",
            ),
            models.CheckConstraint(
                condition=Q(outcome="", decided_date__isnull=True) | (~Q(outcome="") & Q(decided_date__isnull=False)),
                name="foi_review_decided_has_date",
                violation_error_message="A review's outcome and the date it was decided go together.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} review of {self.requested_date:%d %B %Y}"


class Appeal(ConstraintErrorsByField, models.Model):
    """A complaint to the Information Commissioner (FOIA s.50) or an application to the Scottish Information
    Commissioner (FOISA s.47), after an internal review."""

    request = models.ForeignKey(FOIRequest, on_delete=models.PROTECT, related_name="appeals")
    regulator = models.CharField(max_length=5, choices=Regulator.choices, editable=False)
    appealed_date = models.DateField()
    decision_notice_reference = models.CharField(max_length=50, blank=True, help_text="Such as IC-123456-A1B2.")
    decision = models.CharField(max_length=20, choices=AppealDecision.choices, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "appealed_date", "id"]

    def __str__(self) -> str:
        return f"{self.request} appeal to the {self.get_regulator_display()}"
