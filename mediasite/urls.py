"""URL configuration, in two lists: public (CDN-cached) and private (never cached).

See docs/caching.md and ARCHITECTURE.md section 2.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from catalog import urls as catalog_urls
from catalog.routing import cached_serve_patterns
from catalog.sitemaps import GenreSitemap, PageSitemap, PersonSitemap
from mediasite import views
from mediasite.api import api
from mediasite.cache import private, public_cache
from mediasite.csp import admin_policy
from mediasite.health import healthz
from mediasite.registry import registry
from mediasite.wagtail_api import api_router
from search import views as search_views
from subscriptions.signin import handover_urlpatterns
from subscriptions.webhooks import billing_webhook

SITEMAPS = {"pages": PageSitemap, "genres": GenreSitemap, "people": PersonSitemap}

private_urlpatterns = [
    # Wagtail's login, logout and password reset hand over to allauth (before "admin/").
    *handover_urlpatterns,
    path("admin/", include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, admin_policy))),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("account/", include(registry.account_urlconf())),  # each app adds its pages
    path("api/v1/billing/webhook/<slug:provider>", billing_webhook, name="billing_webhook"),
    path("api/v1/", api.urls),
    path("", include((catalog_urls.playback_urlpatterns, "catalog"), namespace="playback")),
]

# One address for every language: the sitemap lists each page's translations.
public_urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon_ico, name="favicon"),
    path("api/v2/", api_router.urls),
]

# Per language: English unprefixed, the others under /fr/, /es/ (docs/localisation.md).
localised_urlpatterns = [
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    # The scripts' strings in the URL's language (locale/*/LC_MESSAGES/djangojs.po).
    path("jsi18n/", JavaScriptCatalog.as_view(domain="djangojs"), name="javascript-catalog"),
    path("", include("catalog.urls")),
    path("", include(cached_serve_patterns(wagtail_urls.urlpatterns))),
]

urlpatterns = [path("healthz", healthz, name="healthz")]
urlpatterns += decorate_urlpatterns(private_urlpatterns, private)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += decorate_urlpatterns(public_urlpatterns, public_cache)
urlpatterns += i18n_patterns(
    *decorate_urlpatterns(localised_urlpatterns, public_cache), prefix_default_language=False
)
