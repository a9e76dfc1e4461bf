"""Root URLconf: pages under their apps, the API under /api/v1/, the schema, health and administration."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import include, path
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from accounts.admin_site import route_admin_sign_in_to_service
from accounts.middleware import second_factor_not_required
from operations.health import health, ready
from operations.metrics import metrics

route_admin_sign_in_to_service(admin.site)
handler400 = "web.errors.bad_request"
handler404 = "web.errors.not_found"

urlpatterns = [
    path("", include("dashboards.urls")),
    path("", include("accounts.urls")),
    path("cases/", include("cases.urls")),
    path("", include("actionplans.urls")),
    path("", include("victims.urls")),
    path("", include("corrections.urls")),
    path("notifications/", include("reminders.urls")),
    path("scrutiny/", include("scrutiny.urls")),
    path("scorecards/", include("scorecards.urls")),
    path("your-case/", include("portal.urls")),
    path("administration/", include("administration.urls")),
    # The language switch (Django's set_language, POST only): open signed out, as the own view's sign-in pages are.
    path(
        "i18n/setlang/",
        login_not_required(second_factor_not_required(require_POST(set_language))),
        name="set_language",
    ),
    path("api/v1/", include("rasso.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Browsable API documentation is a page for people: REST framework exempts its views from the sign-in
    # middleware, so it is wrapped to send an anonymous visitor to the sign-in page.
    path("api-docs/", login_required(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("healthz", health, name="health"),
    path("readyz", ready, name="ready"),
    path("metrics", metrics, name="metrics"),
    path("", include("web.urls")),
    path("admin/", admin.site.urls),
]
