import unicodedata

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from core.govuk import GovukDateField, name_required_errors
from core.views import ConcurrencyFormMixin, change_reason_field
from registry.choices import PrincipleStatus, Role, Signage
from registry.models import Membership, Organisation, Site, SurveillanceSystem
from registry.principles import PRINCIPLES, principle_rows
from registry.selectors import responsible_officer_choices

SITE_FIELDS = ["name", "category", "address", "postcode", "ward", "sensitive", "notes", "default_system"]


class SiteForm(ConcurrencyFormMixin, forms.ModelForm):
    """A site's details. When creating, the organisation is chosen among those where the user may edit."""

    class Meta:
        model = Site
        fields = ["organisation", *SITE_FIELDS]
        widgets = {"address": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"postcode": "For example, SW1A 1AA", "ward": "The council ward the site is in"}
        labels = {"sensitive": "Sensitive site", "default_system": "Default surveillance camera system"}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].empty_label = "Choose a category"
        self.fields["name"].error_messages["required"] = "Enter the site's name"
        self.fields["category"].error_messages["required"] = "Select the site's category"
        organisation_ids = [self.instance.organisation_id] if self.instance.pk else [o.pk for o in organisations or []]
        system = self.fields["default_system"]
        system.queryset = SurveillanceSystem.objects.filter(organisation_id__in=organisation_ids).order_by("name")
        system.empty_label = "None"
        system.help_text = "New cameras at this site join this system unless another is chosen"
        if self.instance.pk:
            del self.fields["organisation"]
            return
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations or []])
        if len(organisations or []) == 1:
            field.initial = organisations[0].pk
            field.widget = forms.HiddenInput()
        else:
            field.empty_label = "Choose an organisation"
            field.help_text = "You can add sites to more than one organisation"
            field.error_messages["required"] = "Select the organisation the site belongs to"

    def input_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in SITE_FIELDS}

    change_reason = change_reason_field()


class MemberPasswordResetForm(PasswordResetForm):
    """Django's reset form, also for a member who has not set a password yet (added by an admin, whose link
    expired): the register has no other way of signing in, so an unusable password is just one not yet set."""

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if _email_matches(user.email, email))


def _email_matches(stored: str, given: str) -> bool:
    # As Django compares them: "ß" and "ss" must not reach the same account through the database's iexact.
    return unicodedata.normalize("NFKC", stored).casefold() == unicodedata.normalize("NFKC", given).casefold()


class MemberAddForm(forms.Form):
    """A new member of one of the organisations the admin manages: a new user, or one already in the register."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    username = forms.CharField(
        max_length=150, help_text="For a colleague already in the register, the username they sign in with"
    )
    email = forms.EmailField(
        required=False,
        label="Email address",
        help_text="Where a new member is sent a link to set their password; leave blank for someone already in "
        "the register",
    )
    role = forms.ChoiceField(choices=Role.choices)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if len(organisations) == 1:
            field.initial = organisations[0].pk
            field.widget = forms.HiddenInput()
        name_required_errors(self)


class MemberForm(ConcurrencyFormMixin, forms.ModelForm):
    """A member's role, whether they are active here, and their email address."""

    email = forms.EmailField(required=False, label="Email address")

    class Meta:
        model = Membership
        fields = ["role", "is_active"]
        labels = {"is_active": "Active member (may sign in and work on this organisation's register)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.initial["email"] = user.email
        if user.is_superuser or user.memberships.exclude(organisation_id=self.instance.organisation_id).exists():
            self.fields["email"].disabled = True
            self.fields["email"].help_text = "They belong to another organisation too: only a superuser changes it"


class MemberRemoveForm(ConcurrencyFormMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields: list[str] = []


SYSTEM_FIELDS = [
    "name",
    "purpose",
    "lawful_basis",
    "data_controller",
    "responsible_officer",
    "public_contact",
    "retention_days",
    "recording",
    "live_monitoring",
    "signage",
    "dpia_date",
    "dpia_review_due",
    "last_review_date",
    "next_review_due",
    "published",
]
PRINCIPLE_PARTS = ("status", "evidence", "assessed_on")


def principle_field_name(principle: int, part: str) -> str:
    return f"principle_{principle}_{part}"


class SystemForm(ConcurrencyFormMixin, forms.ModelForm):
    """A surveillance camera system's details and its self-assessment, one group of boxes per principle. When
    creating, the organisation is chosen among those where the user may edit."""

    dpia_date = GovukDateField(label="DPIA done on", required=False)
    dpia_review_due = GovukDateField(label="DPIA review due", required=False)
    last_review_date = GovukDateField(label="Last reviewed on", required=False)
    next_review_due = GovukDateField(
        label="Next review due",
        required=False,
        help_text="Leave blank for a year after the last review; an earlier date is kept",
    )

    class Meta:
        model = SurveillanceSystem
        fields = ["organisation", *SYSTEM_FIELDS]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "lawful_basis": forms.Textarea(attrs={"rows": 2}),
            "live_monitoring": forms.CheckboxInput,
            "published": forms.CheckboxInput,
        }
        labels = {
            "retention_days": "Recordings kept for (days)",
            "live_monitoring": "Monitored live",
            "public_contact": "Public contact point",
            "published": "Show on the published register",
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisation_ids = [self.instance.organisation_id] if self.instance.pk else [o.pk for o in organisations or []]
        officer = self.fields["responsible_officer"]
        officer.queryset = responsible_officer_choices(organisation_ids=organisation_ids)
        officer.empty_label = "Nobody yet"
        self.fields["retention_days"].widget.attrs["class"] = "govuk-input--width-4"
        self.fields["signage"].choices = [("", "Not recorded"), *Signage.choices]
        for number, title in PRINCIPLES.items():
            self.fields[principle_field_name(number, "status")] = forms.ChoiceField(
                label=f"Principle {number}: {title}", choices=PrincipleStatus.choices, required=False
            )
            self.fields[principle_field_name(number, "evidence")] = forms.CharField(
                label=f"Evidence for principle {number}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="A policy, a report, a sign: needed when met or partly met",
            )
            self.fields[principle_field_name(number, "assessed_on")] = GovukDateField(
                label=f"Principle {number} assessed on", required=False, help_text="Leave blank for today"
            )
        for row in principle_rows(self.instance.principles):
            for part in PRINCIPLE_PARTS:
                self.initial.setdefault(principle_field_name(row["principle"], part), row[part])
        if self.instance.pk:
            del self.fields["organisation"]
        else:
            _organisation_choice(self.fields["organisation"], organisations or [], noun="system")
        self.fields["name"].error_messages["required"] = "Enter the system's name"

    change_reason = change_reason_field()

    def _get_validation_exclusions(self):
        # Derived by the service from the last review (a stale date sent back is replaced), then validated there.
        return super()._get_validation_exclusions() | {"next_review_due"}

    def principle_groups(self) -> list[dict]:
        """Each principle's number and its three bound fields, for the template."""
        return [
            {"principle": number, "fields": [self[principle_field_name(number, part)] for part in PRINCIPLE_PARTS]}
            for number in PRINCIPLES
        ]

    def input_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in SYSTEM_FIELDS}
        fields["principles"] = self.principles()
        return fields

    def principles(self) -> list[dict]:
        """The assessed principles; an assessment with no date was made today."""
        entries = []
        for number in PRINCIPLES:
            status, evidence, assessed_on = (
                self.cleaned_data.get(principle_field_name(number, part)) for part in PRINCIPLE_PARTS
            )
            status = status or PrincipleStatus.NOT_ASSESSED
            if status == PrincipleStatus.NOT_ASSESSED and not evidence and not assessed_on:
                continue
            if assessed_on is None and status != PrincipleStatus.NOT_ASSESSED:
                assessed_on = timezone.localdate()
            entries.append(
                {
                    "principle": number,
                    "status": status,
                    "evidence": evidence,
                    "assessed_on": assessed_on.isoformat() if assessed_on else None,
                }
            )
        return entries

    def errors_at_principles(self, error: ValidationError) -> ValidationError:
        """A service's error, with each principle's problem moved to that principle's box."""
        if not hasattr(error, "error_dict") or "principles" not in error.error_dict:
            return error
        errors = {name: list(messages) for name, messages in error.error_dict.items() if name != "principles"}
        for item in error.error_dict["principles"]:
            principle, part = getattr(item, "principle", None), getattr(item, "principle_part", "")
            name = principle_field_name(principle, part) if principle and part in PRINCIPLE_PARTS else None
            errors.setdefault(name or NON_FIELD_ERRORS, []).append(item)
        return ValidationError(errors)


def _organisation_choice(field: forms.ModelChoiceField, organisations: list, *, noun: str) -> None:
    field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
    if len(organisations) == 1:
        field.initial = organisations[0].pk
        field.widget = forms.HiddenInput()
    else:
        field.empty_label = "Choose an organisation"
        field.error_messages["required"] = f"Select the organisation the {noun} belongs to"
