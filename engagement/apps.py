from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"

    def ready(self):
        from engagement import signal_handlers  # noqa: F401
