"""Keep a show's index entry in step with its credits (cast and crew are indexed with it).

A credit is a child row saved after its show (modelcluster commits children after the
page's own save, when Wagtail has already queued the show's index update), so a change of
credits queues the show's update once more, through Wagtail's own task.
"""

from django.db.models.signals import post_delete, post_save

from modelsearch.tasks import insert_or_update_object_task


def _reindex_show(sender, instance, **kwargs):
    if kwargs.get("raw") or not instance.show_id:
        return
    insert_or_update_object_task.enqueue("catalog", "showpage", str(instance.show_id))


def register_signal_handlers():
    from catalog.models.shows import ShowCredit

    for signal in (post_save, post_delete):
        signal.connect(_reindex_show, sender=ShowCredit, dispatch_uid=f"search-credit-{signal}")
