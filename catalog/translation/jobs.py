"""wagtail-localize's background jobs on Celery (``WAGTAILLOCALIZE_JOBS``).

wagtail-localize ships an immediate and an RQ backend; this one sends each job (a subtree
submission, a locale synchronisation) to Celery once the editor's transaction has
committed, so the request returns at once and the worker sees what the request saved.
How the arguments travel: :mod:`catalog.translation.tasks`.

Only ``wagtail_localize.tasks`` imports this module (it builds its backend from the
setting when it is first imported), which keeps the two from importing each other.
"""

from django.db import transaction

from wagtail_localize.tasks import BaseJobBackend

from catalog.translation.tasks import encode, function_path, run_localize_job


class CeleryJobBackend(BaseJobBackend):
    """``WAGTAILLOCALIZE_JOBS = {"BACKEND": "catalog.translation.jobs.CeleryJobBackend"}``.

    Options: ``QUEUE`` (default: Celery's default queue).
    """

    def __init__(self, options):
        super().__init__(options)
        self.queue = options.get("QUEUE")

    def enqueue(self, func, args, kwargs):
        path, payload = function_path(func), (encode(list(args)), encode(dict(kwargs)))
        options = {"queue": self.queue} if self.queue else {}
        transaction.on_commit(
            lambda: run_localize_job.apply_async(args=(path, *payload), **options)
        )
