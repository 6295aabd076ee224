from core.views import RegisterEditView
from registry.forms import SiteForm
from registry.permissions import register_access
from registry.selectors import sites_for_user
from registry.services import site_create, site_update


class SiteEditView(RegisterEditView):
    template_name = "registry/site_form.html"
    form_class = SiteForm
    noun = "site"

    def scoped_queryset(self):
        return sites_for_user(user=self.request.user)

    def get_form_kwargs(self, obj):
        return super().get_form_kwargs(obj) | {"organisations": register_access(self.request).editable_organisations}

    def save(self, form, current):
        reason = form.cleaned_data.get("change_reason", "")
        if current is None:
            return site_create(organisation=form.cleaned_data["organisation"], reason=reason, **form.input_fields())
        return site_update(site=current, reason=reason, **form.input_fields()).record
