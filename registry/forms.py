from django import forms

from core.views import ConcurrencyFormMixin, change_reason_field
from registry.models import Organisation, Site

SITE_FIELDS = ["name", "category", "address", "postcode", "ward", "sensitive", "notes"]


class SiteForm(ConcurrencyFormMixin, forms.ModelForm):
    """A site's details. When creating, the organisation is chosen among those where the user may edit."""

    class Meta:
        model = Site
        fields = ["organisation", *SITE_FIELDS]
        widgets = {"address": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"postcode": "For example, SW1A 1AA", "ward": "The council ward the site is in"}
        labels = {"sensitive": "Sensitive site"}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].empty_label = "Choose a category"
        self.fields["name"].error_messages["required"] = "Enter the site's name"
        self.fields["category"].error_messages["required"] = "Select the site's category"
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
