"""Faults: a service down costs speed or freshness, never errors or lost purges.

- Redis (the origin's cache) stopped: pages still serve and writes succeed. The test runs
  a private redis-server on a free port and stops it (the shared one keeps running).
- Varnish stopped: the origin serves the same public page directly; a purge that cannot
  reach the edge is retried by Celery, and never fails the editor's publish.
- The Celery worker stopped: purges wait in the queue (a private Redis broker) and run
  when a worker starts; with the broker itself down, the purge runs in the request.
"""

import os
import shutil
import subprocess
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

from django.test import LiveServerTestCase, TestCase, override_settings

import redis
from celery.contrib.testing.worker import start_worker
from celery.exceptions import Retry

from catalog.models import EpisodePage
from catalog.tasks import purge_keys
from catalog.tests import factories
from engagement.tests.rating_fixtures import ApiMixin, make_viewer
from mediasite.celery import app as celery_app
from mediasite.tests.threads import ThreadsTestCase
from mediasite.tests.tools import needs
from mediasite.tests.varnish import Varnishd, free_port, needs_varnish, request

REDIS_SERVER = shutil.which("redis-server")
needs_redis_server = needs(REDIS_SERVER, "needs redis-server (Debian package redis-server)")


class PrivateRedis:
    """A throw-away redis-server on a free loopback port, no persistence."""

    def __init__(self):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def redis_cache(url):
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "faults",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }


@needs_redis_server
class RedisDownTests(ApiMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.show = factories.publish(
            factories.ShowPageFactory(title="Night Ferry", slug="night-ferry")
        )
        cls.user, cls.profile = make_viewer()

    def setUp(self):
        self.redis = PrivateRedis()
        self.addCleanup(self.redis.stop)
        settings = override_settings(CACHES=redis_cache(self.redis.url))
        settings.enable()
        self.addCleanup(settings.disable)

    def test_pages_serve_and_writes_succeed_without_the_cache(self):
        self.assertEqual(self.client.get("/shows/night-ferry/").status_code, 200)
        self.assertGreater(redis.Redis(port=self.redis.port).dbsize(), 0)  # it was used
        self.redis.stop()
        for path in ["/", "/shows/", "/shows/night-ferry/", "/search/?q=ferry"]:
            self.assertEqual(self.client.get(path).status_code, 200, path)
        self.client.force_login(self.user)
        self.assertEqual(self.rate(self.show.pk, 4).status_code, 200)
        self.assertEqual(
            self.send("post", "/api/v1/watchlist", {"page_id": self.show.pk}).status_code, 201
        )
        episode_parent = factories.publish(factories.SeasonPageFactory(parent=self.show, number=1))
        self.assertTrue(episode_parent.live)
        self.assertEqual(self.client.get("/shows/night-ferry/season-1/").status_code, 200)


class PurgeRecorder(BaseHTTPRequestHandler):
    """A stand-in edge recording the keys of each xkey purge."""

    purged: list[str] = []

    def do_PURGE(self):
        self.purged.extend(self.headers.get("xkey-purge", "").split())
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def celery_on(broker_url):
    """Tasks go to ``broker_url`` for a worker instead of running in-process.

    Celery reads ``CELERY_BROKER_URL`` from the environment before its settings, and keeps
    a connection pool per app: both are switched, and back afterwards.
    """
    conf = celery_app.conf
    saved = conf.task_always_eager
    environment = mock.patch.dict(os.environ, {"CELERY_BROKER_URL": broker_url})
    environment.start()
    conf.task_always_eager = False
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        environment.stop()
        conf.task_always_eager = saved
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


class RecordingEdgeTestCase(ThreadsTestCase):
    def recording_edge(self) -> dict:
        """Start a PurgeRecorder; the EDGE_KEY_PURGERS setting that purges there."""
        edge = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
        threading.Thread(target=edge.serve_forever, daemon=True).start()
        self.addCleanup(edge.server_close)
        self.addCleanup(edge.shutdown)
        PurgeRecorder.purged = []
        location = f"http://127.0.0.1:{edge.server_address[1]}"
        return {"edge": {"BACKEND": "catalog.clients.edge.VarnishXkeyPurger", "LOCATION": location}}


@needs_redis_server
class WorkerDownTests(RecordingEdgeTestCase):
    def test_purges_wait_for_the_worker_and_run_when_it_starts(self):
        broker = PrivateRedis()
        self.addCleanup(broker.stop)
        purgers = self.recording_edge()
        show = factories.publish(factories.ShowPageFactory(title="Night Ferry"))
        with override_settings(EDGE_KEY_PURGERS=purgers), celery_on(broker.url):
            factories.publish(factories.SeasonPageFactory(parent=show, number=1))
            time.sleep(0.5)
            self.assertEqual(PurgeRecorder.purged, [])  # no worker: nothing purged yet
            self.assertGreater(redis.Redis(port=broker.port).llen("celery"), 0)  # queued
            self.assertEqual(celery_app.connection_for_write().port, broker.port)
            with start_worker(
                celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10
            ):
                deadline = time.monotonic() + 30
                while f"p{show.pk}" not in PurgeRecorder.purged and time.monotonic() < deadline:
                    time.sleep(0.1)
        self.assertIn(f"p{show.pk}", PurgeRecorder.purged)


@needs_redis_server
class BrokerDownTests(RecordingEdgeTestCase):
    def test_a_publish_succeeds_and_its_purges_run_in_the_request(self):
        """Everything a publish hands to the workers (purges, alerts, renditions) is sent
        after the commit (mediasite.queueing): an unreachable broker never turns it into an
        error; purges run here, what has a catch-up run is left to it."""
        broker = PrivateRedis()
        purgers = self.recording_edge()
        show = factories.publish(factories.ShowPageFactory(title="Night Ferry"))
        broker.stop()
        with (
            override_settings(EDGE_KEY_PURGERS=purgers),
            celery_on(broker.url),
            self.assertLogs("mediasite.queueing", "WARNING") as logs,
        ):
            season = factories.publish(factories.SeasonPageFactory(parent=show, number=1))
            episode = factories.publish(factories.EpisodePageFactory(parent=season, number=1))
        self.assertTrue(season.live)
        self.assertTrue(EpisodePage.objects.get(pk=episode.pk).live)
        self.assertIn(f"p{season.pk}", PurgeRecorder.purged)
        self.assertIn(f"p{episode.pk}", PurgeRecorder.purged)
        logged = "\n".join(logs.output)
        self.assertIn("purge_keys runs in this request", logged)
        self.assertIn("send_episode_alerts left to its catch-up run", logged)


@needs_varnish
class VarnishDownTests(ThreadsTestCase, LiveServerTestCase):
    host = "127.0.0.1"

    def test_the_origin_serves_directly_and_purges_are_retried(self):
        factories.publish(factories.ShowPageFactory(title="Night Ferry", slug="night-ferry"))
        edge = Varnishd(self.server_thread.port).start()
        self.addCleanup(edge.stop)
        self.assertEqual(edge.get("/shows/night-ferry/").status, 200)
        edge.stop()
        with self.assertRaises(OSError):
            edge.get("/shows/night-ferry/")
        direct = request(self.server_thread.port, "/shows/night-ferry/")  # the origin itself
        self.assertEqual(direct.status, 200)
        self.assertIn("s-maxage", direct.headers["cache-control"])
        self.assertIn(b"Night Ferry", direct.body)
        purgers = {
            "edge": {"BACKEND": "catalog.clients.edge.VarnishXkeyPurger", "LOCATION": edge.url}
        }
        with override_settings(EDGE_KEY_PURGERS=purgers):
            with self.assertRaises(Retry):  # the worker retries it with backoff
                purge_keys.apply(kwargs={"keys": ["p1"]}, throw=True)
            # Eager (the embedded default): the publish succeeds and the failure is logged.
            with self.assertLogs("catalog.purging", "ERROR"):
                season = factories.SeasonPageFactory(parent=factories.ShowPageFactory(), number=1)
                factories.publish(season)
        self.assertTrue(season.live)
