from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.signin import SignInForm
from registry.views import MemberPasswordResetView

urlpatterns = [
    path("admin/", admin.site.urls),
    # The sign-in form says when a locked-out account may try again (django-axes).
    path("accounts/login/", LoginView.as_view(authentication_form=SignInForm), name="login"),
    # Before Django's own, which would not send a member who never set a password their link.
    path("accounts/password_reset/", MemberPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/public/", include("publication.api_urls")),
    path("public/", include("publication.urls")),
    path("api/v1/foi/", include("foi.api.urls")),
    path("api/v1/", include("foi.api.changelog_urls")),
    path("foi/", include("foi.urls")),
    path("changes/", include("foi.changelog_urls")),
    path("api/v1/", include("registry.api.urls")),
    path("api/v1/", include("assets.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's start-up script comes from its own address, so the Content Security Policy needs no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # The officers' web interface: the dashboard at /, sites, cameras and manufacturers.
    path("", include("registry.urls")),
    path("", include("assets.urls")),
]

# JSON under /api/, the register's own pages elsewhere.
handler400 = "core.api.exceptions.bad_request"
handler403 = "core.api.exceptions.permission_denied"
handler404 = "core.api.exceptions.page_not_found"
handler500 = "core.api.exceptions.server_error"
