"""/account/profiles/…, mounted by engagement/contributions.py in the ``account`` namespace."""

from django.urls import path

from engagement.views import profiles as views

urlpatterns = [
    path("", views.profiles_index, name="profiles"),
    path("pick/", views.profile_pick, name="profile_pick"),
    path("add/", views.profile_add, name="profile_add"),
    path("unlock/", views.profiles_unlock, name="profiles_unlock"),
    path("<int:profile_id>/", views.profile_edit, name="profile_edit"),
    path("<int:profile_id>/pin/", views.profile_pin, name="profile_pin"),
    path("<int:profile_id>/delete/", views.profile_delete, name="profile_delete"),
]
