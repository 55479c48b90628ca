"""Benchmark of printing a decision's certificates again: `make bench` prints `name: value`.

The first print draws every certificate and issues its file; a second print never draws an
issued certificate again, it puts the issued file's page into the print. Both run in this
process (the job's own process claims every chunk), on the realistic 1,030-line decision of
bench_certificates.

- certificates_first_print_s: the first print, drawing and issuing every file.
- certificates_reprint_s: the second print, reusing every issued file.
- certificates_reprint_changed_files: issued files whose SHA-256 changed (must be 0).
"""

import hashlib
import os
import time

import pytest
from django.core.management import call_command

from awards.certificates import documents  # noqa: F401 - registers the kind and its chunks
from awards.certificates.services import request_certificates
from awards.models import Certificate
from documents import chunks
from documents.enums import JobStatus
from documents.services import run_job
from emulation.models import User
from tests.bench.bench_certificates import LINES, report, signed_decision

pytestmark = [pytest.mark.bench, pytest.mark.django_db(transaction=True)]


def timed_print(decision, staff) -> float:
    started = time.perf_counter()
    job = run_job(
        job_id=request_certificates(decision=decision, user=staff).pk, worker_pid=os.getpid()
    )
    elapsed = time.perf_counter() - started
    assert job.status == JobStatus.DONE, job.error
    assert job.page_count == LINES
    return elapsed


def test_bench_certificate_reprint(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr(chunks, "publish_helpers", lambda job, count: None)
    call_command("loaddata", "fixtures/demo.json", verbosity=0)
    staff = User.objects.get(username="canbo.thidua")
    decision = signed_decision(User.objects.get(username="chutich"), staff)

    first = timed_print(decision, staff)
    issued = dict(Certificate.objects.values_list("pk", "sha256"))
    again = timed_print(decision, staff)
    changed = 0
    for certificate in Certificate.objects.all():
        with certificate.file.open("rb") as handle:
            on_disk = hashlib.sha256(handle.read()).hexdigest()
        changed += on_disk != issued[certificate.pk] or certificate.sha256 != on_disk
    report("certificates_count", LINES)
    report("certificates_first_print_s", round(first, 2))
    report("certificates_reprint_s", round(again, 2))
    report("certificates_reprint_changed_files", changed)
    assert changed == 0
