"""The Celery task that runs wagtail-localize's jobs, and how their arguments travel.

wagtail-localize hands its job backend a function and arguments that hold model
instances (the ``Locale`` rows to translate into, the submitting ``User``) and, for
subtree submissions, its translation component manager. None of them crosses a broker
as JSON, so :func:`encode` turns instances into ``{"__model__": label, "pk": pk}``
references that :func:`run_localize_job` loads again in the worker (the component
manager, which we register no components for, travels as ``None``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import OperationalError, models
from django.utils.module_loading import import_string

from celery import shared_task
from wagtail_localize.components import BaseComponentManager

logger = logging.getLogger(__name__)

#: Only wagtail-localize's own operations run through this task.
ALLOWED_MODULES = ("wagtail_localize.",)
MODEL_KEY = "__model__"
COMPONENTS_KEY = "__components__"


class JobArgumentError(TypeError):
    """An argument that cannot be carried to a worker."""


class JobTargetMissing(LookupError):
    """An object the job names was deleted before the worker ran it."""


def encode(value: Any) -> Any:
    """``value`` as JSON-safe data; model instances become references."""
    if isinstance(value, models.Model):
        return {MODEL_KEY: value._meta.label_lower, "pk": value.pk}
    if isinstance(value, BaseComponentManager):
        if any(form["enabled"].value() for _c, _i, form in value.components):
            raise JobArgumentError("Translation components cannot be sent to a worker.")
        return {COMPONENTS_KEY: None}
    if isinstance(value, list | tuple | models.QuerySet):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise JobArgumentError(f"Cannot send a {type(value).__name__} to a worker.")


def decode(value: Any) -> Any:
    """The inverse of :func:`encode`: references are loaded from the database."""
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, dict):
        if MODEL_KEY in value:
            model = apps.get_model(value[MODEL_KEY])
            try:
                return model._default_manager.get(pk=value["pk"])
            except ObjectDoesNotExist as error:
                raise JobTargetMissing(
                    f"{value[MODEL_KEY]} {value['pk']} no longer exists"
                ) from error
        if COMPONENTS_KEY in value:
            return None
        return {key: decode(item) for key, item in value.items()}
    return value


def function_path(func: Callable) -> str:
    path = f"{func.__module__}.{func.__qualname__}"
    if not path.startswith(ALLOWED_MODULES):
        raise JobArgumentError(f"{path} is not a wagtail-localize job.")
    return path


@shared_task(
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def run_localize_job(path: str, args: list, kwargs: dict) -> str:
    """Run one wagtail-localize job in the worker; what it names is loaded here.

    A job whose page or locale was deleted in the meantime has nothing left to do: it
    is logged and ends without a retry. The operations themselves are atomic
    (``translate_page_subtree`` is one transaction), so a failure leaves nothing half done.
    """
    if not path.startswith(ALLOWED_MODULES):
        raise JobArgumentError(f"{path} is not a wagtail-localize job.")
    func = import_string(path)
    try:
        func_args, func_kwargs = decode(args), decode(kwargs)
        if path.endswith("translate_page_subtree"):
            # Its first argument is a page id (not an instance): check it still exists.
            from wagtail.models import Page

            if not Page.objects.filter(pk=func_args[0]).exists():
                raise JobTargetMissing(f"page {func_args[0]} no longer exists")
    except JobTargetMissing as missing:
        logger.warning("Skipped %s: %s", path, missing)
        return f"skipped: {missing}"
    func(*func_args, **func_kwargs)
    return "done"
