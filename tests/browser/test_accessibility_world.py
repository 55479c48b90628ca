"""The accessibility world leaves the database as it found it: the rows the migrations seed
are back, and new rows take new keys."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from awards.models import Award
from emulation.models import Authority
from tests.browser.accessibility_world import database_put_back
from tests.factories import AuthorityFactory


@pytest.mark.django_db(transaction=True)
def test_the_rows_before_the_block_are_put_back_and_keys_go_on():
    awards = list(Award.objects.order_by("pk").values_list("pk", "code"))
    permissions = Permission.objects.count()

    with database_put_back():
        AuthorityFactory()
        Permission.objects.all().delete()

    assert list(Award.objects.order_by("pk").values_list("pk", "code")) == awards
    assert (Permission.objects.count(), Authority.objects.count()) == (permissions, 0)
    added = Permission.objects.create(
        name="Thử", codename="thu", content_type=ContentType.objects.get_for_model(Award)
    )
    assert added.pk > max(Permission.objects.exclude(pk=added.pk).values_list("pk", flat=True))
