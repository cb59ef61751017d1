"""The Celery app. Workers: ``celery -A mediasite worker``; beat: ``celery -A mediasite beat``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mediasite.settings.dev")

app = Celery("mediasite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
