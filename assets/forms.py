from django import forms

from assets.models import Camera


class CameraForm(forms.ModelForm):
    """The camera's input fields, validated against every model rule, the asset tag's uniqueness included."""

    class Meta:
        model = Camera
        fields = [
            "site",
            "asset_tag",
            "manufacturer",
            "model",
            "serial_number",
            "origin_country",
            "install_date",
            "networked",
            "end_of_life_date",
            "status",
            "decommissioned_date",
            "location_description",
            "notes",
            "restriction_override_reason",
        ]

    def _get_validation_exclusions(self):
        # The organisation is not typed in but follows from the site; validate uniqueness within it.
        return super()._get_validation_exclusions() - {"organisation"}

    def _post_clean(self):
        site = self.cleaned_data.get("site")
        if site is not None:
            self.instance.organisation = site.organisation
        super()._post_clean()
