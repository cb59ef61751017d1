"""Keep the search index and the cached answers in step with what they are read from.

- A credit is a child row saved after its show (modelcluster commits children after the
  page's own save, when Wagtail has already queued the show's index update), so a change
  of credits queues the show's update once more, through Wagtail's own task.
- Renaming a person or a genre re-indexes the shows and articles that carry the name
  (``search.tasks.reindex_pages_naming``, on a worker after the commit).
- A move or a view restriction changes what the public may find without touching the
  index: ``catalog.content_version`` bumps the version that cached answers are kept
  under (and index writes bump it too, ``search.backend``).
"""

from django.db.models.signals import post_delete, post_save, pre_save

from modelsearch.tasks import insert_or_update_object_task

from mediasite import queueing


def _reindex_show(sender, instance, **kwargs):
    if kwargs.get("raw") or not instance.show_id:
        return
    insert_or_update_object_task.enqueue("catalog", "showpage", str(instance.show_id))


def _remember_name(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._indexed_name = (
        sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    )


def _reindex_if_renamed(sender, instance, created=False, raw=False, **kwargs):
    old = getattr(instance, "_indexed_name", None)
    if raw or created or old is None or old == instance.name:
        return
    from search.tasks import reindex_pages_naming

    label, pk = sender._meta.label_lower, instance.pk
    queueing.send_on_commit(
        reindex_pages_naming, (label, pk), fallback=lambda: reindex_pages_naming.apply((label, pk))
    )


def register_signal_handlers():
    from catalog.models import Genre, Person
    from catalog.models.shows import ShowCredit

    for signal in (post_save, post_delete):
        signal.connect(_reindex_show, sender=ShowCredit, dispatch_uid=f"search-credit-{signal}")
    for model in (Person, Genre):
        pre_save.connect(_remember_name, sender=model, dispatch_uid=f"search-name-{model}")
        post_save.connect(_reindex_if_renamed, sender=model, dispatch_uid=f"search-rename-{model}")
