"""Wagtail's own background tasks (search index, reference index, frontend-cache purge,
image focal points, file clean-up) on the Celery workers.

Wagtail enqueues them with django-tasks (``modelsearch.tasks``, ``wagtail.tasks``,
``wagtail.contrib.frontend_cache.tasks``, ``wagtail.images.tasks``). With this backend in
``TASKS`` they leave the request: each is handed to Celery (``search.tasks.run_wagtail_task``,
``acks_late``, retried with backoff) once the transaction commits, so the worker reads the
committed page, child rows such as credits included, and a rolled-back change sends
nothing. When the broker cannot be reached, the task runs in the request instead (logged),
so an update is late at worst, never lost. Where Celery runs tasks in-process
(``CELERY_TASK_ALWAYS_EAGER``: the tests, ``make run`` without its worker) a task runs at
once, as with django-tasks' ImmediateBackend.
"""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id

from mediasite import queueing

logger = logging.getLogger(__name__)


class CeleryTaskBackend(ImmediateBackend):
    supports_async_task = False

    def enqueue(self, task, args, kwargs):
        if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        transaction.on_commit(partial(send, task, list(args), dict(kwargs)))
        task_enqueued.send(type(self), task_result=result)
        return result


def send(task, args: list, kwargs: dict) -> None:
    """Hand ``task`` to a worker; without a broker, run it here rather than lose it."""
    from search.tasks import run_wagtail_task

    queueing.send(
        run_wagtail_task,
        (task.module_path, args, kwargs),
        fallback=lambda: run_wagtail_task.run(task.module_path, args, kwargs),
    )
