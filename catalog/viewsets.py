"""Admin listings for the catalog's snippets, grouped under one "Catalog" menu."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalog.models import Genre, Person, ShowCollection


class GenreViewSet(SnippetViewSet):
    model = Genre
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    ordering = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "slug", "birth_year"]
    search_fields = ["name"]
    ordering = ["name"]
    list_per_page = 50


class ShowCollectionViewSet(SnippetViewSet):
    model = ShowCollection
    icon = "list-ul"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class CatalogViewSetGroup(SnippetViewSetGroup):
    menu_label = "Catalog"
    menu_icon = "media"
    menu_order = 200
    items = (GenreViewSet, PersonViewSet, ShowCollectionViewSet)
