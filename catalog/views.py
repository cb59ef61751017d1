"""Public catalog views outside the page tree: genre and person pages.

Like pages they are rendered the same for every visitor and cached at the edge.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog import selectors, surrogate_keys
from catalog.models import Genre, Person
from catalog.site_root import absolute_url
from catalog.visibility import active_locale_id


def _for_active_locale(model, slug):
    obj = model.objects.filter(slug=slug, locale_id=active_locale_id()).first()
    if obj is None:
        raise Http404(f"No {model._meta.verbose_name} “{slug}”.")
    return obj


def genre_list(request):
    genres = list(Genre.objects.filter(locale_id=active_locale_id()).order_by("name"))
    surrogate_keys.record(
        surrogate_keys.listing_key("idx-genres"), *(f"g{genre.pk}" for genre in genres)
    )
    return render(
        request,
        "catalog/genre_list.html",
        {
            "genres": genres,
            "page_title": _("Genres"),
            "canonical_url": absolute_url(request, reverse("catalog:genre_list")),
        },
    )


def genre_detail(request, slug):
    genre = _for_active_locale(Genre, slug)
    surrogate_keys.record(f"g{genre.pk}", f"idx-g{genre.pk}")
    context = selectors.genre_detail(genre=genre, params=request.GET)
    context.update(
        {
            "genre": genre,
            "page_title": genre.name,
            "meta_description": genre.description[:160]
            or _("%(genre)s shows to watch on %(site)s.")
            % {"genre": genre.name, "site": settings.WAGTAIL_SITE_NAME},
            "canonical_url": absolute_url(request, genre.get_absolute_url()),
        }
    )
    return render(request, "catalog/genre_detail.html", context)


def person_list(request):
    people = (
        Person.objects.filter(locale_id=active_locale_id())
        .select_related("photo")
        .prefetch_related("photo__renditions")
        .order_by("name")
    )
    page_obj = selectors.paginate(people, request.GET, 48)
    surrogate_keys.record(
        surrogate_keys.listing_key("idx-people"), *(f"n{person.pk}" for person in page_obj)
    )
    return render(
        request,
        "catalog/person_list.html",
        {
            "people": page_obj,
            "page_title": _("People"),
            "canonical_url": absolute_url(request, reverse("catalog:person_list")),
        },
    )


def person_detail(request, slug):
    person = _for_active_locale(Person, slug)
    surrogate_keys.record(f"n{person.pk}", f"idx-n{person.pk}")
    context = selectors.person_detail(person=person)
    context.update(
        {
            "person": person,
            "page_title": person.name,
            "meta_description": person.bio[:160]
            or _("%(name)s: credits and articles.") % {"name": person.name},
            "canonical_url": absolute_url(request, person.get_absolute_url()),
            "json_ld": {
                "@context": "https://schema.org",
                "@type": "Person",
                "name": person.name,
                "url": absolute_url(request, person.get_absolute_url()),
            },
        }
    )
    return render(request, "catalog/person_detail.html", context)
