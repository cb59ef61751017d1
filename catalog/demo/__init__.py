"""Demo content for ``manage.py load_demo_catalog``.

- ``data/*.json``: the site, genres, people, shows, episode text pools, collections and
  articles, as data (see ``content`` for each file's structure).
- ``content``: reads and checks those files (a clear error names the file and the field);
  ``references`` checks the names one file uses and another defines.
- ``episodes``: plans each show's seasons and episodes from that data.
- ``images``: draws posters, backdrops, stills and avatars with Pillow.
- ``snippets``: genres, people and show collections.
- ``builder``: the page tree (indexes, shows, seasons, episodes, articles), page by page.
- ``site_setup``: the home page, the default Site, branding and the review workflow.
- ``bulk``: thousands of synthetic shows at once, for benchmarks.
- ``media``: short demo videos through the real pipeline, where ffmpeg is installed.

Plans and demo accounts are the subscriptions app's (``subscriptions/demo``,
``manage.py load_demo_accounts``); episodes find the plan they need by its slug.

Every step finds what exists by slug, title or e-mail first, so running the
loader again changes nothing.
"""
