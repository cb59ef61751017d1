from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalog"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
