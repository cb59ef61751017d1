from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from home.locales import sync_locales_after_migrate

        post_migrate.connect(sync_locales_after_migrate, sender=self, dispatch_uid="home-locales")
