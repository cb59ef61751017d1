"""Wagtail's own background tasks (search index, reference index) on the Celery workers.

Wagtail enqueues its index updates with django-tasks (``modelsearch.tasks``,
``wagtail.tasks``). With this backend in ``TASKS`` they leave the request: each is handed
to Celery (``search.tasks.run_wagtail_task``) once the transaction commits, so the worker
reads the committed page, child rows such as credits included. Where Celery runs tasks
in-process (``CELERY_TASK_ALWAYS_EAGER``: the tests, ``make run`` without its worker) a task
runs at once, as with django-tasks' ImmediateBackend.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id


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
        from search.tasks import run_wagtail_task

        transaction.on_commit(
            partial(run_wagtail_task.delay, task.module_path, list(args), dict(kwargs))
        )
        task_enqueued.send(type(self), task_result=result)
        return result
