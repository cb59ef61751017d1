"""A published show with one season and episode, signed-in helpers for the engagement API."""

from __future__ import annotations

import json

from catalog.tests import factories
from engagement.profiles import ensure_main_profile
from mediasite.tests.factories import UserFactory


def make_catalog():
    show = factories.publish(factories.ShowPageFactory(title="Night Ferry"))
    season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
    episode = factories.publish(factories.EpisodePageFactory(parent=season, number=1))
    return show, season, episode


def make_viewer(**kwargs):
    user = UserFactory(**kwargs)
    return user, ensure_main_profile(user)


class ApiMixin:
    """JSON requests through the test client (``self.client``)."""

    def send(self, method, url, body=None, client=None):
        client = client or self.client
        data = json.dumps(body) if body is not None else None
        return getattr(client, method)(url, data=data, content_type="application/json")

    def rate(self, page_id, score, client=None):
        return self.send("put", f"/api/v1/ratings/{page_id}", {"score": score}, client)
