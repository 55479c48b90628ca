"""`savepoint_above_the_module_rows` (tests/conftest.py), in place of pytest-django's per-test
database fixture: what a test writes above a module's rows is gone before the next test; the
module's rows stay for every test."""

import pytest

from emulation.models import Authority
from tests.conftest import rows_for_the_module, savepoint_above_the_module_rows
from tests.factories import AuthorityFactory

# Both runs on one worker, so that the second would see what the first left.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("savepoint-above-the-module-rows")]


@pytest.fixture(scope="module")
def module_authority(django_db_setup, django_db_blocker):
    with rows_for_the_module(django_db_blocker):
        yield AuthorityFactory()


@pytest.fixture
def _django_db_helper(module_authority, django_db_blocker):
    with savepoint_above_the_module_rows(django_db_blocker):
        yield


@pytest.mark.parametrize("run", ["first", "second"])
def test_each_run_finds_the_module_rows_and_none_of_the_other_runs(module_authority, run):
    assert list(Authority.objects.values_list("pk", flat=True)) == [module_authority.pk]
    AuthorityFactory()
    assert Authority.objects.count() == 2
