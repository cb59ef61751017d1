"""What each app contributes to the shared surfaces: the account area and /api/v1/.

The account area (``/account/``), its menu, the data export, account deletion, the
``/api/v1/`` routers and the fields of ``GET /api/v1/me`` are composed from parts
the apps register here, so no app imports another app's views, routers or fields
for this (see docs/adr/0004-app-contributions-registry.md).

An app contributes by having a ``contributions.py`` module with a
``register(registry)`` function; the registry finds those modules in every
installed app (as Wagtail finds ``wagtail_hooks.py``) the first time it is read.
This module imports no app: it is the neutral point every app may depend on.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, include, path
from django.utils.module_loading import module_has_submodule

CONTRIBUTIONS_MODULE = "contributions"
ACCOUNT_NAMESPACE = "account"


@dataclass(frozen=True)
class MenuEntry:
    """One link in the account area's menu; ``url_name`` is in the ``account`` namespace."""

    label: str
    url_name: str
    order: int = 100

    @property
    def view_name(self) -> str:
        return f"{ACCOUNT_NAMESPACE}:{self.url_name}"


@dataclass(frozen=True)
class MeField:
    """One field of ``GET /api/v1/me``: its type (for the schema) and how to read it."""

    name: str
    annotation: Any
    resolve: Callable[[Any], Any]  # (request) -> value
    description: str = ""


class Registry:
    """The parts the apps contribute; read by mediasite/urls.py, mediasite/api.py and the
    account area. Every name (URL name, menu entry, export section, ``/me`` field) is
    unique: registering one twice is a configuration error, not a silent override.
    """

    def __init__(self) -> None:
        self._discovered = False
        self._account_urls: list = []
        self._menu: dict[str, MenuEntry] = {}
        self._export_sections: dict[str, Callable[[Any], Any]] = {}
        self._exported_apps: list[str] = []
        self._deletion_hooks: list[Callable[[Any], None]] = []
        self._me_fields: dict[str, MeField] = {}
        self._api_routers: list[tuple[str, Any]] = []
        self._viewer_ceiling: Callable[[Any], str | None] | None = None
        self._login_redirects: list[Callable[[Any, str], str | None]] = []

    # Registration (called from each app's contributions.register) -------------

    def add_account_pages(self, prefix: str, urlpatterns: list) -> None:
        """Mount ``urlpatterns`` at ``/account/<prefix>``, in the ``account`` namespace."""
        taken = self._account_url_names()
        for name in _url_names(urlpatterns):
            if name in taken:
                raise ImproperlyConfigured(f"Account URL name {name!r} is registered twice.")
        self._account_urls.append(path(prefix, include(urlpatterns)))

    def add_menu_entry(self, label: str, url_name: str, *, order: int = 100) -> None:
        """A link in the account menu to the account page named ``url_name``."""
        self._unique(self._menu, url_name, "Account menu entry")
        self._menu[url_name] = MenuEntry(label=label, url_name=url_name, order=order)

    def add_export_section(self, name: str, build: Callable[[Any], Any]) -> None:
        """``build(user)`` returns a JSON-able value (DjangoJSONEncoder) for ``export[name]``."""
        self._unique(self._export_sections, name, "Export section")
        self._export_sections[name] = build

    def add_exported_app(self, app_label: str) -> None:
        """Export every row of this app's models that points at the user (``related``)."""
        if app_label not in self._exported_apps:
            self._exported_apps.append(app_label)

    def add_deletion_hook(self, run: Callable[[Any], None]) -> None:
        """``run(user)`` removes the app's personal data; it runs inside the deletion's
        transaction, so raising (with a message for the person) deletes nothing.
        """
        self._deletion_hooks.append(run)

    def add_me_field(
        self, name: str, annotation: Any, resolve: Callable[[Any], Any], *, description=""
    ) -> None:
        """A field of ``GET /api/v1/me``: ``resolve(request)`` gives its value."""
        self._unique(self._me_fields, name, "/me field")
        self._me_fields[name] = MeField(name, annotation, resolve, description)

    def add_api_router(self, prefix: str, router) -> None:
        """A django-ninja ``Router`` mounted on ``/api/v1/<prefix>``."""
        self._api_routers.append((prefix, router))

    def set_viewer_ceiling(self, resolve: Callable[[Any], str | None]) -> None:
        """``resolve(request)`` gives the active profile's maturity ceiling (None: no cap).

        The app that keeps profiles (engagement) sets it; the play API asks
        :meth:`viewer_ceiling` and passes the answer to ``entitlements.can_play``.
        """
        if self._viewer_ceiling is not None:
            raise ImproperlyConfigured("The viewer ceiling is registered twice.")
        self._viewer_ceiling = resolve

    def add_login_redirect(self, resolve: Callable[[Any, str], str | None]) -> None:
        """``resolve(request, url)`` may send a viewer who just signed in somewhere first
        (a URL that continues to ``url``, e.g. engagement's "Who's watching?" picker);
        None leaves ``url``. subscriptions' account adapter asks :meth:`login_redirect`.
        """
        self._login_redirects.append(resolve)

    # Reading (the project and the account area) --------------------------------

    def login_redirect(self, request, url: str) -> str:
        """Where to send a viewer who just signed in and was going to ``url``."""
        self.autodiscover()
        for resolve in self._login_redirects:
            url = resolve(request, url) or url
        return url

    def viewer_ceiling(self, request) -> str | None:
        self.autodiscover()
        return self._viewer_ceiling(request) if self._viewer_ceiling else None

    def account_urlconf(self) -> tuple[list, str]:
        """What ``include()`` needs for ``/account/``: every app's pages, one namespace."""
        self.autodiscover()
        return list(self._account_urls), ACCOUNT_NAMESPACE

    def menu(self) -> list[MenuEntry]:
        self.autodiscover()
        return sorted(self._menu.values(), key=lambda entry: (entry.order, entry.label))

    def export_sections(self) -> list[tuple[str, Callable[[Any], Any]]]:
        self.autodiscover()
        return list(self._export_sections.items())

    def exported_apps(self) -> list[str]:
        self.autodiscover()
        return list(self._exported_apps)

    def deletion_hooks(self) -> list[Callable[[Any], None]]:
        self.autodiscover()
        return list(self._deletion_hooks)

    def me_fields(self) -> list[MeField]:
        self.autodiscover()
        return list(self._me_fields.values())

    def api_routers(self) -> list[tuple[str, Any]]:
        self.autodiscover()
        return list(self._api_routers)

    def autodiscover(self) -> None:
        """Let every installed app with a ``contributions`` module register its parts."""
        if self._discovered:
            return
        self._discovered = True
        for app_config in apps.get_app_configs():
            if module_has_submodule(app_config.module, CONTRIBUTIONS_MODULE):
                module = import_module(f"{app_config.name}.{CONTRIBUTIONS_MODULE}")
                module.register(self)

    @contextmanager
    def override(self) -> Iterator[Registry]:
        """Registrations made inside the block are undone when it ends (for tests that
        add a fake app's parts); what the apps registered stays.
        """
        self.autodiscover()
        saved = {name: copy.copy(value) for name, value in vars(self).items()}
        try:
            yield self
        finally:
            vars(self).update(saved)

    def _account_url_names(self) -> set[str]:
        return {name for resolver in self._account_urls for name in _url_names(resolver)}

    @staticmethod
    def _unique(existing: dict, name: str, what: str) -> None:
        if name in existing:
            raise ImproperlyConfigured(f"{what} {name!r} is registered twice.")


def _url_names(patterns) -> set[str]:
    """The URL names in ``patterns`` (a list, or a resolver from ``add_account_pages``)."""
    if not isinstance(patterns, list):
        patterns = patterns.url_patterns
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            if pattern.name:
                names.add(pattern.name)
        else:
            names |= _url_names(pattern)
    return names


# The project's registry; mediasite/urls.py and mediasite/api.py mount what it holds.
registry = Registry()
