from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from config.api import api


def _public(patterns: list) -> list:
    """Let the API's own authentication (token or session) decide, not the sign-in redirect."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _public(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback.login_required = False
    return patterns


api_patterns, api_app_name, api_namespace = api.urls

urlpatterns = [
    path("", include("handslag.core.urls")),
    path("accounts/", include("handslag.accounts.urls")),
    path("needs/", include("handslag.needs.urls")),
    path("needs/", include("handslag.projects.urls.joint")),
    path("projects/", include("handslag.projects.urls")),
    path("market/", include("handslag.market.urls")),
    path("tendering/", include("handslag.tendering.urls")),
    # The evaluation keeps the paths it had under tendering.
    path("tendering/", include("handslag.evaluation.urls")),
    path("partnership/", include("handslag.partnership.urls")),
    path("benefits/", include("handslag.benefits.urls")),
    path("knowledge/", include("handslag.knowledge.urls")),
    path("documents/", include("handslag.documents.urls")),
    path("dialogue/", include("handslag.dialogue.urls")),
    path("disclosure/", include("handslag.disclosure.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("api/v1/", include((_public(api_patterns), api_app_name), namespace=api_namespace)),
    path("admin/", admin.site.urls),
]
# Uploaded files are never served straight from MEDIA_ROOT, not even in development:
# every download goes through a view that checks who may have it.
