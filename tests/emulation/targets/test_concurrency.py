"""Two staff importing the same cells at once (RELIABILITY I4): the period row lock serialises
the writes, the unique constraint holds, and the second import either finds the values
unchanged or is refused with a clear message."""

import threading
from decimal import Decimal as D

import pytest
from django.db import connection

from emulation.enums import Role
from emulation.models import Actual, ActualChange
from emulation.spreadsheet_reading import ImportRejected
from emulation.targets.imports import commit_file
from tests.emulation.targets.factories import TargetFactory
from tests.emulation.targets.test_imports import row, xlsx
from tests.factories import UnitFactory, UserFactory


def run_concurrently(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except ImportRejected as exc:
            outcomes[index] = [str(issue) for issue in exc.issues]
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_concurrent_imports_of_the_same_cells(require_postgres):
    unit = UnitFactory(code="BN")
    TargetFactory(authority=unit.authority, unit=unit, code="KN", plan_value=D("200"))
    first = UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)
    second = UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)
    same = xlsx(row(value=202))
    different = xlsx(row(value=203))
    outcomes = run_concurrently(
        lambda: commit_file(user=first, filename="a.xlsx", content=same),
        lambda: commit_file(user=second, filename="b.xlsx", content=different),
    )
    assert Actual.objects.count() == 1
    written = Actual.objects.get().value
    refused = [o for o in outcomes if isinstance(o, list)]
    # The one that loses is refused either by the re-check of its rows (when the other had
    # already committed: the row's place and the figure it stored are named) or by the write
    # itself (when both had passed the check); either way it needs a reason and wrote nothing.
    assert len(refused) == 1
    (issues,) = refused
    assert len(issues) == 1
    assert issues[0] in (
        "Số liệu đã gửi: cần ghi lý do thay đổi.",
        "Trang “So lieu chi tieu”, dòng 2, cột “K – Lý do thay đổi”: "
        f"Số liệu đã gửi ({int(written)}): cần ghi lý do thay đổi.",
    )
    assert written in (D("202"), D("203"))
    assert ActualChange.objects.count() == 1
