"""The base class for tests that race real threads against PostgreSQL.

Such tests need committed rows, so they are TransactionTestCases, which flush the
database afterwards and recreate content types with new ids. ``serialized_rollback``
restores the migrations' rows (the root page, the default locale, the groups) for the
tests that follow; the content type cache is forgotten and filled again, because the next
class's restore builds Wagtail tasks that look their content type up while the table is
still empty and would otherwise create a clashing row.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.test import TransactionTestCase


class ThreadsTestCase(TransactionTestCase):
    serialized_rollback = True

    def setUp(self):
        super().setUp()
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_models(*apps.get_models())
