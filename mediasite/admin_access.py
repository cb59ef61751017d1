"""Admin areas (and their choosers) follow the permissions of their listings.

Wagtail's choosers and its admin API ask only for ``wagtailadmin.access_admin``: any staff
member, a report moderator too, could list page titles (drafts included), subscribers'
e-mails in the subscription chooser, or images and documents by id. Wagtail has no hook
for that, so this middleware refuses (403) an area's URLs to admin users who hold none
of the permissions its listing asks for. Views inside an area keep their own checks.

The expected answer of every admin URL for every role is the table in
docs/roles-and-workflow.md, walked by mediasite/tests/test_admin_access.py.
"""

import re

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Workflow
from wagtail.permissions import policy_registry

PAGE_ACTIONS = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}
MEDIA_ACTIONS = {"add", "change", "delete", "choose"}
LISTING_ACTIONS = {"add", "change", "delete", "view"}

# (path regex, what the area is about). First match decides; paths not listed are left
# to Wagtail. A model named by the URL is resolved from the match groups.
AREAS = [
    (re.compile(r"^/admin/(pages|choose-page|api/main/pages)/"), "pages"),
    (re.compile(r"^/admin/(images|api/main/images)/"), "images"),
    (re.compile(r"^/admin/(documents|api/main/documents)/"), "documents"),
    (re.compile(r"^/admin/snippets/choose/(?P<app>\w+)/(?P<model>\w+)/"), "snippet"),
    (re.compile(r"^/admin/workflows/task_chooser/"), "workflows"),
    (re.compile(r"^/admin/localize/(?!jsi18n/)"), "translations"),
]


def _any_permission(user, model: type[Model], actions) -> bool:
    return policy_registry.get_by_type(model).user_has_any_permission(user, actions)


def may_use_area(user, area: str, match: re.Match) -> bool:
    """Whether a signed-in user holds any permission of the listing behind an admin area."""
    if area == "pages":
        return _any_permission(user, Page, PAGE_ACTIONS)
    if area == "images":
        return _any_permission(user, get_image_model(), MEDIA_ACTIONS)
    if area == "documents":
        return _any_permission(user, get_document_model(), MEDIA_ACTIONS)
    if area == "snippet":
        try:
            model = apps.get_model(match["app"], match["model"])
        except LookupError:
            return True  # not a model: Wagtail answers 404 itself
        return _any_permission(user, model, LISTING_ACTIONS)
    if area == "workflows":
        return _any_permission(user, Workflow, {"add", "change", "delete"})
    if area == "translations":
        return user.has_perm("wagtail_localize.submit_translation")
    raise ValueError(area)


class AdminAreaPermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        # Only admin URLs read the user (public pages stay session-free and cacheable).
        if path.startswith("/admin/"):
            for regex, area in AREAS:
                match = regex.match(path)
                if match:
                    user = request.user
                    # Anonymous visitors and non-staff are Wagtail's to send to sign in.
                    if user.has_perm("wagtailadmin.access_admin") and not may_use_area(
                        user, area, match
                    ):
                        raise PermissionDenied
                    break
        return self.get_response(request)
