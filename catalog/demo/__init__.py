"""Demo content for ``manage.py load_demo_catalog``.

- ``data``: the shows, people, genres, collections and articles, as plain data.
- ``episodes``: plans each show's seasons and episodes from that data.
- ``images``: draws posters, backdrops, stills and avatars with Pillow.
- ``snippets``: genres, people and show collections.
- ``builder``: the page tree (indexes, shows, seasons, episodes, articles), page by page.
- ``site_setup``: the home page, the default Site, branding and the review workflow.
- ``bulk``: thousands of synthetic shows at once, for benchmarks.
- ``accounts``: the demo sign-ins (only where ``settings.DEMO_ACCOUNTS_ENABLED``).

Every step finds what exists by slug, title or e-mail first, so running the
loader again changes nothing.
"""
