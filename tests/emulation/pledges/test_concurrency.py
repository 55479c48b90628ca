"""Parallel signing on PostgreSQL (RELIABILITY.md R9, R10): real threads, real row locks."""

import os
import threading

import pytest
from django.db import connection

from documents.models import Job
from documents.services import run_job
from emulation.models.pledges import PledgeEvent, Signature
from emulation.pledges.enums import EventKind, VersionStatus
from emulation.pledges.services import amend_pledge
from emulation.pledges.signing import PLEDGE_FINAL_DOCUMENT, open_for_signature
from tests.emulation.pledges.conftest import client_for, sign_post

pytestmark = pytest.mark.django_db(transaction=True)


def _in_parallel(calls) -> list:
    """Run the calls at the same moment, one thread each; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - handed back to the test, which asserts on it
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twenty_parallel_sign_requests_give_one_signature(require_postgres, open_version, heads):
    clients = [client_for(heads[0]) for _ in range(20)]
    responses = _in_parallel([lambda c=c: sign_post(c, open_version) for c in clients])

    statuses = sorted(r.status_code for r in responses)
    locations = {r["Location"] for r in responses}
    signatures = Signature.objects.filter(version=open_version).count()
    events = PledgeEvent.objects.filter(kind=EventKind.SIGNED).count()
    print(f"R9: requests=20 statuses={set(statuses)} signatures={signatures} events={events}")
    assert statuses == [302] * 20
    assert locations == {f"/giao-uoc/{open_version.pledge_id}/"}
    assert signatures == 1
    assert events == 1


def test_last_two_signers_at_once_complete_once(require_postgres, open_version, heads, staff):
    runs, duplicate_completions = 3, 0
    version = open_version
    for run in range(runs):
        assert sign_post(client_for(heads[0]), version).status_code == 302
        clients = [client_for(heads[1]), client_for(heads[2])]
        responses = _in_parallel([lambda c=c, v=version: sign_post(c, v) for c in clients])
        assert [r.status_code for r in responses] == [302, 302]

        version.refresh_from_db()
        completions = PledgeEvent.objects.filter(kind=EventKind.COMPLETED, version=version).count()
        final_jobs = Job.objects.filter(
            kind=PLEDGE_FINAL_DOCUMENT, params__version_id=version.pk
        ).count()
        duplicate_completions += completions - 1
        assert version.status == VersionStatus.COMPLETE
        assert completions == 1
        assert final_jobs == 1
        if run < runs - 1:
            draft = amend_pledge(version=version, by=staff, reason=f"Sửa đổi lần {run + 1}")
            version = open_for_signature(version=draft, by=staff)
            run_job(job_id=version.document_job_id, worker_pid=os.getpid())
            version.refresh_from_db()
    print(f"R10: runs={runs} duplicate_completions={duplicate_completions}")
    assert duplicate_completions == 0
