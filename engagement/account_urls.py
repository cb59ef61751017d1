"""Engagement's moderation pages in the account area (mounted at /account/notices/)."""

from django.urls import path

from engagement import account_views

urlpatterns = [
    path("", account_views.notices_view, name="notices"),
    path("appeal/<int:action_id>/", account_views.appeal_view, name="appeal"),
]
