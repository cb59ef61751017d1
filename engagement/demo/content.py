"""The engagement demo data (``data/engagement.json``), validated against these models."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from engagement.models import Avatar
from engagement.models.reviews import MAX_REVIEW_LENGTH
from mediasite.demo import DemoRecord, load_data_file, reference_error
from subscriptions.maturity import MaturityRating

DATA_FILE = Path(__file__).resolve().parent / "data" / "engagement.json"

Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
ProfileName = Annotated[str, StringConstraints(min_length=1, max_length=40)]
Score = Annotated[int, Field(ge=1, le=5)]


class ProfileData(DemoRecord):
    account: Email
    name: ProfileName
    avatar: Annotated[str, StringConstraints(pattern="^(" + "|".join(Avatar.values) + ")$")]
    kids: bool = False
    maturity_ceiling: Annotated[
        str, StringConstraints(pattern="^(" + "|".join(MaturityRating.values) + ")$")
    ] = MaturityRating.TV_MA.value


class ProfileItem(DemoRecord):
    """Something a profile did; ``profile`` empty: the account's main profile."""

    account: Email
    profile: ProfileName | None = None
    show: Slug


class MyListData(ProfileItem):
    pass


class RatingData(ProfileItem):
    score: Score


class ProgressData(ProfileItem):
    season: Annotated[int, Field(ge=1)]
    episode: Annotated[int, Field(ge=1)]
    #: seconds into the episode
    position: Annotated[float, Field(ge=0)]


class ReviewData(DemoRecord):
    account: Email
    show: Slug
    score: Score
    body: Annotated[str, StringConstraints(min_length=1, max_length=MAX_REVIEW_LENGTH)]
    spoiler: bool = False


class EngagementDemo(DemoRecord):
    profiles: tuple[ProfileData, ...] = ()
    my_list: tuple[MyListData, ...] = ()
    ratings: tuple[RatingData, ...] = ()
    progress: tuple[ProgressData, ...] = ()
    reviews: tuple[ReviewData, ...] = ()


def load_content(path: Path = DATA_FILE) -> EngagementDemo:
    """Read and check the file: every named profile must be one ``profiles`` defines."""
    content = load_data_file(path, EngagementDemo)
    defined = {(p.account, p.name) for p in content.profiles}
    for section in ("my_list", "ratings", "progress"):
        for position, item in enumerate(getattr(content, section)):
            if item.profile and (item.account, item.profile) not in defined:
                raise reference_error(
                    path, f"{section}[{position}].profile", "profile", item.profile, "profiles"
                )
    return content


@functools.cache
def demo_content() -> EngagementDemo:
    return load_content(DATA_FILE)
