from django import forms
from django_countries import countries

from assets.choices import OriginCountrySource
from assets.models import Camera, VendorRestriction
from assets.services import CAMERA_INPUT_FIELDS, organisation_followed_keys
from core.govuk import GovukDateField, name_required_errors
from core.views import ConcurrencyFormMixin, change_reason_field
from registry.models import Organisation


class CameraForm(forms.ModelForm):
    """The camera's input fields, validated against every model rule, the asset tag's uniqueness included."""

    class Meta:
        model = Camera
        fields = list(CAMERA_INPUT_FIELDS)

    def _get_validation_exclusions(self):
        # The organisation is not typed in but follows from the site; validate uniqueness within it.
        return super()._get_validation_exclusions() - {"organisation"}

    def _post_clean(self):
        site = self.cleaned_data.get("site")
        if site is not None:
            self.instance.organisation = site.organisation
        super()._post_clean()


OVERRIDE_REFUSED = "Only an organisation admin can override the procurement policy."


class CameraEditForm(ConcurrencyFormMixin, CameraForm):
    change_reason = change_reason_field()

    """The officers' camera form: sites limited to those the user may edit, dates typed as day, month, year.

    A derived origin country or end of life opens blank, so saving leaves it derived rather than fixing it.
    The procurement policy override is there only for a user who administers an organisation
    (``override_organisation_ids``), and only a camera at one of those organisations' sites takes one."""

    install_date = GovukDateField(label="Install date", required=False)
    end_of_life_date = GovukDateField(
        label="End of life date",
        required=False,
        help_text="Leave blank to estimate it from the install date and the organisation's camera lifespan",
    )
    decommissioned_date = GovukDateField(
        label="Decommissioned date", required=False, help_text="Only for a decommissioned camera"
    )

    class Meta(CameraForm.Meta):
        widgets = {
            "location_description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "restriction_override_reason": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "origin_country": "Leave blank to use the manufacturer's country",
            "location_description": "Sensitive: withheld from FOI responses unless deliberately disclosed",
            "restriction_override_reason": "Only an organisation admin can record an override",
        }
        labels = {"restriction_override_reason": "Reason to allow a camera from a restricted vendor"}

    def __init__(self, *args, sites=None, systems=None, override_organisation_ids=frozenset(), **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            initial = kwargs.setdefault("initial", {})
            if instance.origin_country_source != OriginCountrySource.RECORDED:
                initial.setdefault("origin_country", "")
            if instance.end_of_life_estimated:
                initial.setdefault("end_of_life_date", None)
        super().__init__(*args, **kwargs)
        if sites is not None:
            self.fields["site"].queryset = sites
        self.fields["site"].empty_label = "Choose a site"
        if systems is not None:
            self.fields["system"].queryset = systems
        creating = instance is None or not instance.pk
        self.fields["system"].empty_label = "The site's default system" if creating else "Not in a system"
        self.fields["system"].label = "Surveillance camera system"
        self.fields["manufacturer"].empty_label = "Not known"
        self.fields["origin_country"].choices = [("", "Use the manufacturer's country"), *countries]
        self.fields["networked"].help_text = "Connected to any network, including the council's"
        self.fields["site"].error_messages["required"] = "Select the site the camera is at"
        self.override_organisation_ids = frozenset(override_organisation_ids)
        if not self.override_organisation_ids:
            del self.fields["restriction_override_reason"]
        name_required_errors(self)

    @property
    def offers_override(self) -> bool:
        return "restriction_override_reason" in self.fields

    def clean(self):
        cleaned_data = super().clean()
        # Read from the post itself: an officer's form has no override field, but a crafted post may send one.
        reason = str(self.data.get(self.add_prefix("restriction_override_reason"), "")).strip()
        unchanged = self.offers_override and "restriction_override_reason" not in self.changed_data
        site = cleaned_data.get("site")
        if reason and not unchanged and (site is None or site.organisation_id not in self.override_organisation_ids):
            self.add_error("restriction_override_reason" if self.offers_override else None, OVERRIDE_REFUSED)
        return cleaned_data

    def input_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in CameraForm.Meta.fields if name in self.cleaned_data}
        if fields.get("system") is None and not self.instance.pk:
            del fields["system"]  # left blank: the camera joins its site's default system
        return fields


class DecommissionForm(forms.Form):
    decommissioned_date = GovukDateField(
        label="Date the camera was decommissioned",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date the camera was decommissioned"},
    )
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=200,
        help_text="Kept in the camera's history, for example 'Replaced by CAM-00123'",
    )

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)


class OrganisationSettingsForm(forms.ModelForm):
    """An organisation admin's settings: the camera lifespan, the procurement policy date and the public
    restrictions followed (choices from the public bases; the organisation's own rules always apply)."""

    no_restricted_cameras_after = GovukDateField(
        label="No restricted cameras installed after",
        required=False,
        help_text=Organisation._meta.get_field("no_restricted_cameras_after").help_text + " Leave blank for none.",
    )
    followed_restrictions = forms.MultipleChoiceField(
        label="Public vendor restrictions followed",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Cameras from these vendors are marked restricted.",
    )

    class Meta:
        model = Organisation
        fields = [
            "default_camera_lifespan_years",
            "no_restricted_cameras_after",
            "foi_requester_retention_months",
            "public_register",
        ]
        labels = {
            "default_camera_lifespan_years": "Camera lifespan, in years",
            "foi_requester_retention_months": "Keep FOI requesters' details for, in months",
            "public_register": "Publish the register",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        public = VendorRestriction.objects.filter(organisation__isnull=True).order_by("key")
        self.fields["followed_restrictions"].choices = sorted(
            {restriction.key: restriction.short_basis for restriction in public}.items()
        )
        self.fields["default_camera_lifespan_years"].widget.attrs["class"] = "govuk-input--width-3"
        self.fields["foi_requester_retention_months"].widget.attrs["class"] = "govuk-input--width-3"
        self.initial["followed_restrictions"] = sorted(organisation_followed_keys(organisation=self.instance))
        name_required_errors(self)
