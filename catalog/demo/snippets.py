"""Genres, people and show collections for the demo, found by slug or created."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from catalog.demo import images
from catalog.demo.content import CollectionData, GenreData, PersonData
from catalog.models import Genre, Person, ShowCollection, ShowCollectionItem
from mediasite.demo import Report


def ensure_genres(items: tuple[GenreData, ...], *, locale, report: Report) -> dict[str, Genre]:
    """Every demo genre, by name."""
    existing = _existing(Genre, locale, [slugify(g.name) for g in items])
    genres = {}
    for item in items:
        genre = existing.get(slugify(item.name))
        if genre is None:
            genre = Genre.objects.create(
                name=item.name, slug=slugify(item.name), description=item.description, locale=locale
            )
        report.record("genre", created=slugify(item.name) not in existing)
        genres[item.name] = genre
    return genres


def ensure_people(items: tuple[PersonData, ...], *, locale, report: Report) -> dict[str, Person]:
    """Every demo person (cast, crew and article authors), by name, each with an avatar."""
    existing = _existing(Person, locale, [slugify(p.name) for p in items])
    people = {}
    for item in items:
        person = existing.get(slugify(item.name))
        if person is None:
            with transaction.atomic():
                person = _create_person(item, locale, report)
        report.record("person", created=slugify(item.name) not in existing)
        people[item.name] = person
    return people


def _create_person(item: PersonData, locale, report: Report) -> Person:
    slug = slugify(item.name)
    photo, created = images.ensure_image(
        f"{item.name} (portrait)",
        f"person-{slug}.jpg",
        lambda: images.render_avatar(item.name, images.avatar_palette(slug)),
    )
    report.record("image", created)
    return Person.objects.create(
        name=item.name,
        slug=slug,
        bio=item.bio,
        birth_year=item.birth_year,
        photo=photo,
        locale=locale,
    )


def ensure_collections(
    items: tuple[CollectionData, ...], *, shows: dict, locale, report: Report
) -> dict[str, ShowCollection]:
    """The curated collections ("Staff picks"…), by slug, filled with their shows."""
    existing = _existing(ShowCollection, locale, [c.slug for c in items])
    collections = {}
    for item in items:
        collection = existing.get(item.slug)
        if collection is None:
            collection = ShowCollection(name=item.name, slug=item.slug, locale=locale)
            collection.items = [
                ShowCollectionItem(show=shows[slug], sort_order=order)
                for order, slug in enumerate(item.shows)
                if slug in shows
            ]
            collection.save()
        report.record("collection", created=item.slug not in existing)
        collections[item.slug] = collection
    return collections


def _existing(model, locale, slugs: list[str]) -> dict:
    return {obj.slug: obj for obj in model.objects.filter(locale=locale, slug__in=slugs)}
