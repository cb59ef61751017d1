"""Choices shared by the catalog's blocks (which offer them to editors) and its read code.

A neutral module: blocks and selectors both import it, so the read code never
imports blocks. The values are stored in StreamField JSON and in migrations;
change a label freely, never a value.
"""


class RailSource:
    """What fills a home-page rail (``RailBlock.source``)."""

    HANDPICKED = "handpicked"
    NEWEST_EPISODES = "newest_episodes"
    NEWEST_SHOWS = "newest_shows"
    GENRE = "genre"
    COLLECTION = "collection"

    CHOICES = [
        (HANDPICKED, "Hand-picked shows and episodes"),
        (NEWEST_EPISODES, "Newest episodes"),
        (NEWEST_SHOWS, "Newest shows"),
        (GENRE, "Shows in a genre"),
        (COLLECTION, "A show collection"),
    ]


# HeadingBlock.level: 2 or 3 keeps the page outline correct (the page title is the h1).
HEADING_LEVELS = [("h2", "Level 2"), ("h3", "Level 3")]
