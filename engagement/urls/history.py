"""Viewing history, mounted under /account/ in the ``account`` namespace by the
registry (engagement/contributions.py)."""

from django.urls import path

from engagement.views import history

urlpatterns = [
    path("", history.history, name="history"),
    path("<int:entry_id>/remove/", history.history_remove, name="history_remove"),
    path("clear/", history.history_clear, name="history_clear"),
]
