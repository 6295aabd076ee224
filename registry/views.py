from django.core.paginator import Paginator

from assets.selectors import cameras_for_listing
from registry.forms import SiteForm
from registry.generic_views import RegisterDetailView, RegisterEditView, RegisterListView, elided_page_range
from registry.selectors import sites_for_user, sites_with_camera_counts
from registry.services import site_create, site_update


class SiteListView(RegisterListView):
    template_name = "registry/site_list.html"

    def scoped_queryset(self):
        return sites_with_camera_counts(user=self.request.user).order_by("name", "pk")


class SiteDetailView(RegisterDetailView):
    template_name = "registry/site_detail.html"

    def scoped_queryset(self):
        return sites_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        cameras = cameras_for_listing(cameras=self.object.cameras.all()).order_by("asset_tag")
        page = Paginator(cameras, 100).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=page, page_range=elided_page_range(page), cameras=page.object_list, **kwargs
        )


class SiteEditView(RegisterEditView):
    template_name = "registry/site_form.html"
    form_class = SiteForm
    noun = "site"

    def scoped_queryset(self):
        return sites_for_user(user=self.request.user)

    def get_form_kwargs(self, obj):
        return super().get_form_kwargs(obj) | {"organisations": self.access.editable_organisations}

    def save(self, form, current):
        if current is None:
            return site_create(organisation=form.cleaned_data["organisation"], **form.input_fields())
        return site_update(site=current, **form.input_fields())
