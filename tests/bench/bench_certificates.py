"""Benchmark of the certificates: `make bench` prints `name: value` lines.

Needs PostgreSQL and Redis (a real worker runs the job):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua \
    REDIS_URL=redis://127.0.0.1:6379/0 make bench

- certificates_1000_wall_s: a signed 1,000-line decision, from the print request (a POST of
  the decision page) to every file ready (the merged PDF and 1,000 per-recipient PDF/A files),
  with a Celery worker of 2 processes.
- certificates_naive_1000_wall_s: the same certificates the plain way, one WeasyPrint
  document per certificate, on 2 warm processes, in the same run.
- certificates_speedup: the ratio of the two.
- certificates_peak_rss_mb: the largest peak resident memory (VmHWM) of the worker's
  processes during the batch.
"""

import datetime
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from pypdf import PdfReader

from awards.certificates.documents import certificate_text, certificates_of, job_context
from awards.enums import AwardCode, DecisionStatus, SubjectKind
from awards.models import Award, Certificate, Decision, DecisionLine, NominationLine
from documents.enums import FINISHED_STATUSES, JobStatus
from documents.models import Job
from emulation.enums import Role
from emulation.models import Person
from tests.awards.factories import NominationFactory
from tests.documents.test_worker_integration import Worker, project_env, wait_until
from tests.factories import UnitFactory, UserFactory

pytestmark = [pytest.mark.bench, pytest.mark.django_db(transaction=True)]

LINES = 1000
NAIVE_PROCESSES = 2
JOB_TIMEOUT = 300

# The same design as a plain HTML page, for the naive baseline.
NAIVE_HTML = Template(
    """<html><head><style>
@page { size: A4 landscape; margin: 8mm; }
body { font-family: "Liberation Serif"; text-align: center; margin: 0; }
.frame { border: 3px solid #c71010; outline: 1px solid #c71010; height: 186mm; padding: 6mm; }
.motto { font-weight: bold; font-size: 14pt; margin: 0; }
.issuer { color: #c71010; font-weight: bold; font-size: 16pt; margin-top: 8mm; }
.form { color: #c71010; font-weight: bold; font-size: 30pt; margin: 4mm 0; }
.holder { font-weight: bold; font-size: 22pt; }
.achievement { font-style: italic; font-size: 14pt; margin: 2mm 20mm; }
.foot { display: flex; justify-content: space-between; margin-top: 10mm; text-align: left; }
.sign { text-align: center; }
</style></head><body><div class="frame">
<p class="motto">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
<p class="motto"><u>Độc lập - Tự do - Hạnh phúc</u></p>
<p class="issuer">{{ design.issuer_title }}</p><p class="motto">TẶNG</p>
<p class="form">{{ item.form_name }}</p><p class="holder">{{ item.holder }}</p>
<p>{{ item.unit }}</p><p class="achievement">{{ item.achievement }}</p>
<div class="foot"><div><img src="{{ qr }}" width="90"><br>{{ item.code }}<br>
{{ design.decision }}<br>{{ item.gold_book }}</div>
<div class="sign"><i>{{ design.place_date }}</i><br><b>{{ design.signer_title }}</b>
<br><br><br><br><b>{{ design.signer_name }}</b></div></div></div></body></html>"""
)


def report(name: str, value) -> None:
    print(f"{name}: {value}")


def one_document_each(html: str) -> int:
    from documents.rendering import render_pdf

    return render_pdf(html).page_count


def warm_up() -> None:
    one_document_each("<p>Khởi động</p>")


def signed_decision(authority, chair, staff) -> Decision:
    unit = staff.unit
    nomination = NominationFactory(unit=unit, created_by=staff)
    award = Award.objects.get(code=AwardCode.LDTT)
    people = Person.objects.bulk_create(
        Person(
            authority=authority,
            full_name=f"Nguyễn Thị Ánh Tuyết {n:04d}",
            gender="female",
            date_of_birth=datetime.date(1985, 5, 17),
        )
        for n in range(LINES)
    )
    lines = NominationLine.objects.bulk_create(
        NominationLine(
            nomination=nomination,
            award=award,
            subject_kind=SubjectKind.INDIVIDUAL,
            person=person,
            achievement="Hoàn thành xuất sắc nhiệm vụ, dẫn đầu phong trào “Dân vận khéo”",
            eligible=True,
            approved=True,
        )
        for person in people
    )
    decision = Decision.objects.create(
        authority=authority,
        year=2025,
        title="Công nhận danh hiệu Lao động tiên tiến năm 2025",
        number=1,
        number_year=2026,
        symbol="QĐ-UBND",
        signed_on=datetime.date(2026, 1, 5),
        signed_by=chair,
        created_by=staff,
        status=DecisionStatus.SIGNED,
    )
    DecisionLine.objects.bulk_create(
        DecisionLine(decision=decision, nomination_line=line, amount=710000) for line in lines
    )
    return decision


def peak_rss_mb(pid: int) -> float:
    """The largest VmHWM among the worker's process and its children."""
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        pids.extend(int(child) for child in children)
    peaks = []
    for process in pids:
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks)


@pytest.fixture
def worker(require_postgres, require_redis, settings, tmp_path):
    """A Celery worker of 2 processes on the test database, as `make run` starts it."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    command = [
        str(Path(sys.executable).with_name("celery")),
        *("-A", "config", "worker", "-P", "prefork", "-c", "2", "--loglevel=WARNING"),
        *("-n", f"certificates-bench-{os.getpid()}@%h", "--without-gossip", "--without-mingle"),
    ]
    process = subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env=project_env(redis_url=require_redis),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    running = Worker(process)
    threading.Thread(
        target=lambda: running.log.extend(iter(process.stdout.readline, "")), daemon=True
    ).start()
    ping = [str(Path(sys.executable).with_name("celery")), "-A", "config", "inspect", "ping"]
    wait_until(
        lambda: (
            subprocess.run(
                [*ping, "-d", f"certificates-bench-{os.getpid()}@{socket.gethostname()}"],
                env=project_env(redis_url=require_redis),
                capture_output=True,
            ).returncode
            == 0
        ),
        60,
        running,
        "the worker did not start",
    )
    yield running
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def test_bench_certificates(client, authority, worker, settings):
    office = UnitFactory(authority=authority, code="VP", name="Văn phòng UBND")
    staff = UserFactory(role=Role.AUTHORITY_STAFF, unit=office)
    chair = UserFactory(
        role=Role.CHAIRPERSON, unit=office, last_name="Nguyễn Văn", first_name="Hùng"
    )
    decision = signed_decision(authority, chair, staff)
    client.force_login(staff)

    started = time.perf_counter()
    response = client.post(reverse("awards:decision_certificates", args=[decision.pk]))
    assert response.status_code == 302
    job = Job.objects.get()
    deadline = time.monotonic() + JOB_TIMEOUT
    while job.status not in FINISHED_STATUSES and time.monotonic() < deadline:
        time.sleep(0.05)
        job.refresh_from_db()
    wall = time.perf_counter() - started
    assert job.status == JobStatus.DONE, (job.error, worker.tail())
    assert job.page_count == LINES
    assert (
        Certificate.objects.filter(decision_line__decision=decision).exclude(sha256="").count()
        == LINES
    )
    report("certificates_1000_wall_s", round(wall, 2))
    report("certificates_peak_rss_mb", round(peak_rss_mb(worker.process.pid)))
    with job.result.open("rb") as handle:
        assert "Nguyễn Thị Ánh Tuyết 0999" in PdfReader(handle).pages[LINES - 1].extract_text()

    context = job_context(job)
    ids = list(Certificate.objects.order_by("gold_book_number").values_list("pk", flat=True))
    pages = [
        NAIVE_HTML.render(
            Context({"design": context.design, "item": text, "qr": qr_data_uri(text.verify_url)})
        )
        for text in map(certificate_text, certificates_of(ids))
    ]
    with multiprocessing.get_context("fork").Pool(NAIVE_PROCESSES, initializer=warm_up) as pool:
        pool.map(one_document_each, pages[:NAIVE_PROCESSES])  # the pool is warm before timing
        started = time.perf_counter()
        counts = pool.map(one_document_each, pages, chunksize=10)
        naive = time.perf_counter() - started
    assert sum(counts) == LINES
    report("certificates_naive_1000_wall_s", round(naive, 2))
    report("certificates_speedup", round(naive / wall, 1))


def qr_data_uri(url: str) -> str:
    import segno  # the naive way draws the QR code as the pledges do

    return segno.make(url, error="m").svg_data_uri(scale=3)
