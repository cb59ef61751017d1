"""Static files storage for production: hashed names, compressed copies, and ES modules.

whitenoise's ``CompressedManifestStaticFilesStorage`` gives every file a content-hashed name
(cached forever) and a gzip copy. Django rewrites ``url()`` in CSS and ``sourceMappingURL``
comments, but ``import … from "./x.js"`` in JavaScript modules only with
``support_js_module_import_aggregation`` on: without it the player's modules
(static/js/player/) would load each other by their unhashed names, so a deploy could mix
fresh and stale modules. https://docs.djangoproject.com/en/5.2/ref/contrib/staticfiles/#manifeststaticfilesstorage
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
