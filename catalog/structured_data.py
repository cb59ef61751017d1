"""schema.org JSON-LD for catalog pages (TVSeries, TVSeason, TVEpisode, Article).

Builders take the page and the context its selectors already filled, so they add
no queries of their own beyond URL lookups (cached by Wagtail per site).
"""

from __future__ import annotations

from django.conf import settings

from catalog.site_root import absolute_url

POSTER_SPEC = "fill-600x900"
BACKDROP_SPEC = "fill-1280x720"


def _url(page, request) -> str:
    return page.get_full_url(request) or ""


def _image_url(image, spec: str, request) -> str | None:
    if not image:
        return None
    return absolute_url(request, image.get_rendition(spec).url)


def _duration(minutes: int | None) -> str | None:
    if not minutes:
        return None
    hours, mins = divmod(minutes, 60)
    return f"PT{hours}H{mins}M" if hours else f"PT{mins}M"


def _clean(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _series_ref(show, request) -> dict:
    return {"@type": "TVSeries", "name": show.title, "url": _url(show, request)}


def tv_series(show, context, request) -> dict:
    cast = context.get("cast", [])
    crew = context.get("crew", [])
    seasons = context.get("seasons", [])
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "TVSeries",
            "name": show.title,
            "url": _url(show, request),
            "description": show.synopsis,
            "image": _image_url(show.poster, POSTER_SPEC, request),
            "genre": [genre.name for genre in context.get("genres", [])],
            "inLanguage": show.original_language,
            "contentRating": show.maturity_rating,
            "startDate": str(show.first_air_year) if show.first_air_year else None,
            "numberOfSeasons": len(seasons),
            "numberOfEpisodes": sum(s.episode_count for s in seasons),
            "actor": [
                _clean({"@type": "Person", "name": c.person.name, "characterName": c.character})
                for c in cast
            ],
            "director": [
                {"@type": "Person", "name": c.person.name} for c in crew if "director" in c.roles
            ],
            "creator": [
                {"@type": "Person", "name": c.person.name} for c in crew if "creator" in c.roles
            ],
            "containsSeason": [
                {
                    "@type": "TVSeason",
                    "seasonNumber": season.number,
                    "name": season.title,
                    "url": _url(season, request),
                    "numberOfEpisodes": season.episode_count,
                }
                for season in seasons
            ],
        }
    )


def tv_season(season, context, request) -> dict:
    show = context["show"]
    episodes = context.get("episodes", [])
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "TVSeason",
            "name": season.title,
            "seasonNumber": season.number,
            "url": _url(season, request),
            "description": season.synopsis or show.synopsis,
            "image": _image_url(season.poster or show.poster, POSTER_SPEC, request),
            "partOfSeries": _series_ref(show, request),
            "numberOfEpisodes": len(episodes),
            "episode": [
                _clean(
                    {
                        "@type": "TVEpisode",
                        "episodeNumber": episode.number,
                        "name": episode.title,
                        "url": _url(episode, request),
                        "datePublished": episode.air_date.isoformat() if episode.air_date else None,
                    }
                )
                for episode in episodes
            ],
        }
    )


def tv_episode(episode, context, request) -> dict:
    season = context["season"]
    show = context["show"]
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "TVEpisode",
            "name": episode.title,
            "episodeNumber": episode.number,
            "url": _url(episode, request),
            "description": episode.synopsis,
            "image": _image_url(episode.poster_image, BACKDROP_SPEC, request),
            "datePublished": episode.air_date.isoformat() if episode.air_date else None,
            "timeRequired": _duration(episode.effective_runtime_minutes),
            "isAccessibleForFree": episode.is_free,
            "partOfSeason": {
                "@type": "TVSeason",
                "seasonNumber": season.number,
                "name": season.title,
                "url": _url(season, request),
            },
            "partOfSeries": _series_ref(show, request),
        }
    )


def article(page, context, request) -> dict:
    author = page.author
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": page.title,
            "description": page.summary,
            "url": _url(page, request),
            "mainEntityOfPage": _url(page, request),
            "image": _image_url(page.hero_image, BACKDROP_SPEC, request),
            "datePublished": page.date.isoformat(),
            "dateModified": (page.last_published_at or page.latest_revision_created_at).isoformat()
            if (page.last_published_at or page.latest_revision_created_at)
            else None,
            "author": {"@type": "Person", "name": author.name} if author else None,
            "publisher": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
            "about": [
                {"@type": "TVSeries", "name": card.title, "url": _url(card.page, request)}
                for card in context.get("about_shows", [])
            ],
        }
    )
