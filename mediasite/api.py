"""The JSON API root at /api/v1/: one NinjaAPI that mounts each app's router.

The routers and the fields of ``GET /api/v1/me`` come from the registry
(mediasite/registry.py): each app adds its own in its ``contributions.py``. The
``/me`` response schema is composed from those fields when the API is built, so
``/api/v1/openapi.json`` documents every field.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.middleware.csrf import get_token

from ninja import NinjaAPI, Router, Schema
from ninja.errors import ValidationError
from pydantic import Field, create_model

from mediasite.registry import MeField, Registry, registry


def _can_edit(request) -> bool:
    user = request.user
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")
    )


def _username(request) -> str | None:
    return request.user.public_name if request.user.is_authenticated else None


# The fields every visitor has, whichever apps are installed; apps add theirs (plan, profile…).
CORE_ME_FIELDS = [
    MeField(
        "authenticated",
        bool,
        lambda request: request.user.is_authenticated,
        "Whether the visitor is signed in.",
    ),
    MeField("username", str | None, _username, "The name other viewers see, when signed in."),
    MeField("csrf_token", str, get_token, "Send it as X-CSRFToken with writes."),
    MeField("is_staff", bool, _can_edit, "Whether the visitor may use the Wagtail admin."),
    MeField(
        "admin_url",
        str | None,
        lambda request: "/admin/" if _can_edit(request) else None,
        "The admin, for those who may use it.",
    ),
]


def me_fields(source: Registry) -> list[MeField]:
    """The core fields followed by every registered one (a name may appear once)."""
    fields = CORE_ME_FIELDS + source.me_fields()
    names = [field.name for field in fields]
    clashes = sorted({name for name in names if names.count(name) > 1})
    if clashes:
        raise ImproperlyConfigured(f"/me fields registered twice: {', '.join(clashes)}")
    return fields


def me_schema(fields: list[MeField]) -> type[Schema]:
    """The response model of ``GET /api/v1/me``, one required field per entry."""
    definitions = {
        field.name: (field.annotation, Field(description=field.description)) for field in fields
    }
    return create_model("MeOut", __base__=Schema, **definitions)


def me_router(fields: list[MeField]) -> Router:
    router = Router(tags=["me"])

    @router.get("/me", response=me_schema(fields), summary="Who is signed in")
    def me(request):
        """Who the visitor is, for the scripts that decorate cached pages; each app adds its part."""
        return {field.name: field.resolve(request) for field in fields}

    return router


def validation_message(errors: list[dict]) -> str:
    """One sentence for a body or query that does not fit the schema (ninja's 422 lists
    pydantic errors): "score: Input should be a valid integer." for each field wrong."""
    parts = []
    for error in errors:
        where = [
            str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")
        ]
        where = [part for part in where if part != "payload"]
        message = str(error.get("msg", "is not valid")).rstrip(".")
        parts.append(f"{'.'.join(where)}: {message}." if where else f"{message}.")
    return " ".join(parts) or "The request is not valid."


def build_api(source: Registry, *, urls_namespace: str = "api-v1") -> NinjaAPI:
    """A NinjaAPI with ``/me`` and every router the apps registered."""
    api = NinjaAPI(
        title="mediasite API",
        version="1",
        urls_namespace=urls_namespace,
        # Swagger UI from vendored static files ("ninja" in INSTALLED_APPS), never a CDN.
        docs_url="/docs" if settings.API_DOCS_ENABLED else None,
    )

    @api.exception_handler(ValidationError)
    def invalid_input(request, exc):
        # Every error of the API is {"detail": "<a sentence>"} (ARCHITECTURE.md §4).
        return api.create_response(request, {"detail": validation_message(exc.errors)}, status=422)

    api.add_router("/", me_router(me_fields(source)))
    for prefix, router in source.api_routers():
        api.add_router(prefix, router)
    return api


api = build_api(registry)
