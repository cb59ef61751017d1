"""Translating the catalog in the admin with wagtail-localize (docs/localisation.md).

``jobs``: the Celery backend for ``WAGTAILLOCALIZE_JOBS``; ``machine``: the configured
machine translator, guarded so an outage is a message in the admin, not an error page.
"""
