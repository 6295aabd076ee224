"""An organisation's settings page. In assets, not registry: saving derives the cameras again
(``assets.services.organisation_settings_update``), and the form offers the public vendor restrictions."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from assets.forms import OrganisationSettingsForm
from assets.services import organisation_settings_update
from core.views import RegisterEditView
from registry.selectors import organisations_for_user


class OrganisationSettingsView(RegisterEditView):
    """Another organisation's slug is a 404; a member who is not its administrator is refused (403) by
    ``registry.change_organisation``."""

    template_name = "assets/organisation_settings.html"
    form_class = OrganisationSettingsForm
    noun = "organisation"

    def scoped_queryset(self):
        return organisations_for_user(user=self.request.user)

    def get_object(self):
        return get_object_or_404(self.scoped_queryset(), slug=self.kwargs["slug"])

    def save(self, form, current):
        changes = {name: form.cleaned_data[name] for name in OrganisationSettingsForm.Meta.fields}
        followed = form.cleaned_data["followed_restrictions"]
        return organisation_settings_update(organisation=current, followed_restrictions=followed, **changes).record

    def success_url(self, saved) -> str:
        return reverse("assets:organisation-settings", args=[saved.slug])

    def success_message(self, saved, *, created: bool) -> str:
        return f"{saved}'s settings saved; its cameras follow them."
