from django.urls import path

from catalog import playback, views

app_name = "catalog"

urlpatterns = [
    path("shows/genres/", views.genre_list, name="genre_list"),
    path("shows/genres/<slug:slug>/", views.genre_detail, name="genre_detail"),
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
]

#: Signed playback files: per viewer, never cached at the edge (mounted as private).
playback_urlpatterns = [
    path("play/<str:token>/<path:path>", playback.hls_file, name="hls_file"),
]
