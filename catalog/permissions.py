"""Deleting an image or a document needs its delete permission (Publishers).

Wagtail's collection ownership policy treats "delete" as "change", so anybody who may
edit an image may delete it, whatever ``delete_image`` says. This policy keeps everything
else as Wagtail has it and asks for ``delete_<model>`` in the collection to delete.
Registered in catalog/wagtail_hooks.py, after Wagtail's own.
"""

from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy


class DeleteNeedsDeletePermissionPolicy(CollectionOwnershipPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "delete":
            return self._check_perm(user, ["delete"])
        return super().user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        others = set(actions) - {"delete"}
        if "delete" in actions and self._check_perm(
            user, ["delete"], collection=instance.collection
        ):
            return True
        return bool(others) and super().user_has_any_permission_for_instance(user, others, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if "delete" not in actions or (user.is_active and user.is_superuser):
            return super().instances_user_has_any_permission_for(user, actions)
        others = set(actions) - {"delete"}
        manager = self.model._default_manager
        instances = (
            super().instances_user_has_any_permission_for(user, others)
            if others
            else manager.none()
        )
        if not user.is_authenticated:
            return instances
        return instances | manager.filter(
            collection__in=self._collections_with_perm(user, ["delete"])
        )
