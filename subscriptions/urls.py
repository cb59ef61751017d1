from django.urls import path

from subscriptions import views

app_name = "account"

urlpatterns = [
    path("", views.account_home, name="home"),
    path("export/", views.account_export_view, name="export"),
    path("delete/", views.account_delete_view, name="delete"),
]
