"""tests/seeded_rows.py: after Django's flush (what follows every transactional test) the rows
the migrations seed are there again, with their ids, whatever the test did to them."""

import pytest
from django.core.management import call_command

from awards.enums import AwardCode
from awards.models import Award, AwardRuleSet, BaseSalary
from emulation.models import CalendarDay


def _seeded() -> dict:
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Award, AwardRuleSet, BaseSalary, CalendarDay)
    }


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_rows_the_migrations_seed_with_their_ids():
    before = _seeded()
    assert all(before.values()), before  # the catalogue and the holidays are seeded
    ldtt = Award.objects.get(code=AwardCode.LDTT)
    Award.objects.filter(pk=ldtt.pk).update(name="Đã sửa trong một phép thử")

    call_command("flush", interactive=False, verbosity=0)

    assert _seeded() == before
    assert Award.objects.get(pk=ldtt.pk).name == ldtt.name
