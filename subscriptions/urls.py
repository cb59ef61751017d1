"""Subscriptions' account pages, mounted at /account/ in the ``account`` namespace by the
registry (subscriptions/contributions.py, mediasite/registry.py).
"""

from django.urls import path

from subscriptions import views

app_name = "account"

urlpatterns = [
    path("", views.account_home, name="home"),
    path("plans/", views.account_plans, name="plans"),
    path("cancel/", views.account_cancel, name="cancel"),
    path("resume/", views.account_resume, name="resume"),
    path("billing/", views.account_billing_portal, name="billing_portal"),
    path("export/", views.account_export_view, name="export"),
    path("delete/", views.account_delete_view, name="delete"),
]
