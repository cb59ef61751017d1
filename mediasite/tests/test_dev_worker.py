"""`make run`'s worker: with DEV_CELERY_WORKER=1 the embedded default (SQLite, local files)
sends tasks to a real Celery worker over kombu's filesystem transport, so an upload returns
at once and the admin's status endpoint (polled by video-status.js) shows the progress.

Everything runs in subprocesses with mediasite.settings.dev on a temporary SQLite file
(mediasite/tests/worker.py).
"""

import json
import textwrap

from django.test import SimpleTestCase

from catalog.tests.media_fixtures import MediaFiles
from mediasite.tests.tools import needs_ffmpeg
from mediasite.tests.worker import WorkerProcessMixin

# Signs in as a superuser, uploads through the admin's add view, then polls the status
# endpoint the edit page polls; prints one JSON line per event.
UPLOAD = """
import json, sys, time
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from catalog.models import VideoAsset
from subscriptions.models import User

Collection.add_root(name="Root")
user = User.objects.create_superuser(email="admin@example.com", password="x")
client = Client()
client.force_login(user)
clip = open(sys.argv[1], "rb").read()
data = nested_form_data(
    {"title": "Worker clip", "subtitles": inline_formset([]), "chapters": inline_formset([])}
)
data["source"] = SimpleUploadedFile("clip.mp4", clip, content_type="video/mp4")
started = time.monotonic()
response = client.post(reverse("wagtailsnippets_catalog_videoasset:add"), data)
asset = VideoAsset.objects.get()
print(json.dumps({"event": "uploaded", "code": response.status_code,
                  "location": response.get("Location", ""),
                  "seconds": time.monotonic() - started, "status": asset.status}), flush=True)
url = reverse("wagtailsnippets_catalog_videoasset:status", args=[asset.pk])
deadline = time.monotonic() + 45
while time.monotonic() < deadline:
    state = client.get(url).json()
    print(json.dumps({"event": "status", **state}), flush=True)
    if state["status"] in ("ready", "failed"):
        break
    time.sleep(0.1)
"""


@needs_ffmpeg
class DevWorkerTests(WorkerProcessMixin, SimpleTestCase):
    def setUp(self):
        super().setUp()
        files = MediaFiles()
        self.addCleanup(files.cleanup)
        self.clip = files.clip("clip.mp4", size="480x270", seconds=5)

    def test_upload_returns_at_once_and_the_worker_reports_progress_to_ready(self):
        self._migrate()
        self._start_worker()

        result = self._run("-c", textwrap.dedent(UPLOAD), str(self.clip), timeout=90)
        self.assertEqual(result.returncode, 0, result.stderr + self._worker_log())
        events = [json.loads(line) for line in result.stdout.splitlines() if line]
        uploaded, states = events[0], events[1:]

        self.assertEqual(uploaded["code"], 302, result.stdout)
        # To the edit page, whose status panel (video-status.js) polls the endpoint used below.
        self.assertTrue(uploaded["location"].endswith(f"/edit/{states[0]['id']}/"), result.stdout)
        # The request only stored the file and queued the job: the worker does the rest.
        self.assertEqual(uploaded["status"], "pending", result.stdout)
        statuses = [state["status"] for state in states]
        self.assertEqual(statuses[-1], "ready", result.stdout + self._worker_log())
        self.assertIn("processing", statuses, result.stdout)
        self.assertEqual(statuses, sorted(statuses, key=["pending", "processing", "ready"].index))
        progress = [state["progress"] for state in states if state["status"] == "processing"]
        self.assertEqual(progress, sorted(progress))
        self.assertIn("catalog.tasks.process_video_asset", self._worker_log())

    def test_without_the_worker_flag_tasks_stay_in_process(self):
        self.env["DEV_CELERY_WORKER"] = "0"
        code = "import django; django.setup(); from django.conf import settings; "
        code += "print(settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL)"
        result = self._run("-c", code)
        self.assertEqual(result.stdout.split(), ["True", "memory://"], result.stderr)
