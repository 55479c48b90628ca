"""Benchmark of the certificates: `make bench` prints `name: value` lines.

Needs PostgreSQL and Redis (a real worker runs the job):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench \
    REDIS_URL=redis://127.0.0.1:6379/15 make bench

The decision is realistic: the demo authority's 50 units, 1,000 people with distinct
Vietnamese names (compound family names, every diacritic) and 30 collectives, five awards for
people (LĐTT, CSTĐCS, CSTĐ cấp tỉnh, Giấy khen, the catalogue's longest Bằng khen) and two
for collectives (TTLĐTT, Giấy khen), achievements from none to 1,200 characters.

- certificates_1000_wall_s: that decision (certificates_count lines), from the print request
  (a POST of the decision page) to every file ready (the merged PDF and one PDF/A file per
  recipient), with a Celery worker of 2 processes.
- certificates_naive_1000_wall_s: the same certificates the plain way, one WeasyPrint
  document per certificate, on 2 warm processes, in the same run.
- certificates_speedup: the ratio of the two (goal ≥ 3).
- certificates_peak_rss_mb: the largest peak resident memory (VmHWM) of the worker's
  processes during the batch.
- certificates_peak_rss_total_mb: the largest sum of resident memory (VmRSS) of every
  process serving the batch, sampled together every 50 ms (goal ≤ 400): the web side, a
  gunicorn started as production starts it (config/gunicorn.py) with one worker, its master
  and that worker both counted, which receives the print request over HTTP from the staff
  member signed in; the Celery worker's parent; and its pool processes.
  certificates_peak_rss_parts_mb names the parts at that peak.
- certificates_test_process_rss_mb: the test process's own largest resident memory during
  the batch, for information, not in the total: it builds the decision and signs in, but
  serves nothing, and holds what pytest-django's migration of the test database left in it.
- certificates_shrunk_<field>: certificates whose form name, holder, unit or reason (title
  and achievement) was printed below its frame's largest size to fit; nothing is ever cut,
  and a text that cannot fit stops the print, so the longest achievement here is the longest
  the frame takes beside a title's line (certificates_longest_achievement_chars).
"""

import datetime
import functools
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models.functions import Length
from django.template import Context, Template
from django.urls import reverse
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from awards.certificates import layout
from awards.certificates.documents import certificates_of, job_context
from awards.certificates.texts import certificate_text
from awards.enums import AwardCategory, AwardCode, DecisionStatus, SubjectKind
from awards.models import Award, Certificate, Decision, DecisionLine, NominationLine
from documents.enums import FINISHED_STATUSES, JobStatus
from documents.models import Job
from emulation.enums import Gender
from emulation.models import Person, Unit, User
from tests.awards.factories import NominationFactory
from tests.bench.load_support import Browser, WebServer, start_gunicorn, stop_gunicorn
from tests.processes import Worker, project_env, spawn_worker, stop_worker, wait_until

pytestmark = [
    pytest.mark.bench,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(1200),
]

PEOPLE = 1000
LINES = PEOPLE + 30  # and 30 collectives
NAIVE_PROCESSES = 2
MIN_SPEEDUP = 3
# The inner frame line of layout.draw_design, 11 mm from each edge of the sheet.
FRAME_MM = 11
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
<p>{{ item.unit }}</p><p><b>{{ item.title_line }}</b></p>
<p class="achievement">{{ item.achievement }}</p>
<div class="foot"><div><img src="{{ qr }}" width="90"><br>{{ item.code }}<br>
{{ design.decision }}<br>{{ item.gold_book }}</div>
<div class="sign"><i>{{ design.place_date }}</i><br><b>{{ design.signer_titles|join:" " }}</b>
<br><br><br><br><b>{{ design.signer_name }}</b></div></div></div></body></html>"""
)


def report(name: str, value) -> None:
    print(f"{name}: {value}")


def one_document_each(html: str) -> int:
    from documents.rendering import render_pdf

    return render_pdf(html).page_count


def warm_up() -> None:
    one_document_each("<p>Khởi động</p>")


# Realistic recipients: family, middle and given names with full diacritics, compound family
# names included, so that long holders and every accented glyph are drawn.
FAMILY_NAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Quách", "Tôn Thất",
    "Công Tằng Tôn Nữ", "Nguyễn Phúc", "Âu Dương",
)  # fmt: skip
MIDDLE_NAMES = (
    "Thị", "Văn", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Xuân", "Quốc", "Thị Ngọc",
    "Hoàng", "Bảo", "Diệu", "Khắc", "Thị Thanh",
)  # fmt: skip
GIVEN_NAMES = (
    "Ánh Tuyết", "Hùng", "Dũng", "Phượng", "Hằng", "Nguyệt", "Thảo", "Quyết", "Khiêm",
    "Ngọc Trâm", "Vỹ", "Yến", "Thuỷ", "Hiếu", "Lộc", "Đạt", "Nhượng", "Trường Giang",
    "Hoàng Phương Thảo", "Kiều Oanh", "Mỹ Duyên", "Bích Ngọc", "Tường Vy", "Ưng Hoàng",
    "Thuận", "Khuê", "Quỳnh", "Nghĩa", "Tuấn Kiệt", "Ðoan Trang", "Việt", "Nhật Hạ",
)  # fmt: skip
ACHIEVEMENT_SENTENCES = (
    "Hoàn thành xuất sắc nhiệm vụ năm 2025",
    "dẫn đầu phong trào “Dân vận khéo” của phường",
    "có sáng kiến “Số hóa hồ sơ một cửa, giảm 40% thời gian giải quyết thủ tục hành chính” "
    "được Hội đồng sáng kiến công nhận và áp dụng hiệu quả tại 12 đơn vị",
    "tích cực tham gia công tác phòng, chống thiên tai, dịch bệnh và cứu trợ đồng bào "
    "bị ảnh hưởng bởi bão số 3 (Yagi)",
    "vận động nhân dân hiến 1.250 m² đất mở rộng hẻm, xây dựng “Phường Sài Gòn sáng – xanh – "
    "sạch – đẹp”",
    "có thành tích xuất sắc trong phong trào thi đua “Cả nước thi đua đổi mới sáng tạo, "
    "chuyển đổi số”, hướng dẫn 3.400 người dân cài đặt và sử dụng ứng dụng định danh điện tử",
)
# The nomination form sets no length on the achievement (a Textarea on a TextField); the
# longest printed is the longest the certificate's frame takes under a title's line (a drafted
# exemplary story of 1,200 characters does not fit and stops the print).
LONGEST_ACHIEVEMENT = 1200
COLLECTIVES = LINES - PEOPLE
TITLE_LINE = "Đã đạt danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2025"


def recipient_names(count: int) -> list[str]:
    rng = random.Random(2025)  # noqa: S311 (generated data, not secrets)
    names = [
        f"{family} {middle} {given}"
        for family in FAMILY_NAMES
        for middle in MIDDLE_NAMES
        for given in GIVEN_NAMES
    ]
    longest = max(names, key=len)  # always among them
    names.remove(longest)
    return [longest, *rng.sample(names, count - 1)]


def achievement_text(index: int) -> str:
    """Empty (the certificate's default), one sentence, several, or the longest."""
    kind = index % 5
    if kind == 0:
        return ""
    if kind == 4:
        return longest_fitting_achievement()
    return "; ".join(ACHIEVEMENT_SENTENCES[index % 3 : index % 3 + kind]) + "."


@functools.cache
def longest_fitting_achievement() -> str:
    """The sentences run to LONGEST_ACHIEVEMENT characters, cut at the last word that still
    fits the certificate's frame below a title's line (at the frame's smallest size)."""
    text = "; ".join(ACHIEVEMENT_SENTENCES)
    while len(text) < LONGEST_ACHIEVEMENT:
        text = f"{text}; {ACHIEVEMENT_SENTENCES[len(text) % len(ACHIEVEMENT_SENTENCES)]}"
    words = text[:LONGEST_ACHIEVEMENT].split()
    low, high = 1, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        try:
            layout.fit_field("reason", [TITLE_LINE, " ".join(words[:middle]) + "."])
            low = middle
        except layout.FieldDoesNotFit:
            high = middle - 1
    return " ".join(words[:low]) + "."


def longest_bang_khen() -> Award:
    bang_khen = Award.objects.filter(
        category=AwardCategory.FORM, name__istartswith="Bằng khen"
    ).order_by(Length("name").desc())
    return bang_khen.first()


def signed_decision(chair, staff, *, people: int = PEOPLE) -> Decision:
    """A signed decision of the demo authority: `people` people (1,000; at most 11,519) with
    distinct names from every unit and 30 collectives, across titles, Giấy khen and the
    longest Bằng khen."""
    authority = staff.unit.authority
    units = list(Unit.objects.filter(authority=authority).order_by("pk"))
    nominations = [NominationFactory(unit=unit, created_by=staff) for unit in units]
    awards = {award.code: award for award in Award.objects.all()}
    individual_awards = [
        awards[AwardCode.LDTT],
        awards[AwardCode.CSTDCS],
        awards[AwardCode.CSTD_TINH],
        awards[AwardCode.GIAY_KHEN],
        longest_bang_khen(),
    ]
    collective_awards = [awards[AwardCode.TTLDTT], awards[AwardCode.GIAY_KHEN]]
    people = Person.objects.bulk_create(
        Person(
            authority=authority,
            full_name=name,
            gender=Gender.FEMALE if " Thị" in name or "Nữ" in name else Gender.MALE,
            date_of_birth=datetime.date(1970 + n % 30, 1 + n % 12, 1 + n % 28),
        )
        for n, name in enumerate(recipient_names(people))
    )
    lines = [
        NominationLine(
            nomination=nominations[n % len(nominations)],
            award=individual_awards[n % len(individual_awards)],
            subject_kind=SubjectKind.INDIVIDUAL,
            person=person,
            achievement=achievement_text(n),
            eligible=True,
            approved=True,
        )
        for n, person in enumerate(people)
    ]
    lines += [
        NominationLine(
            nomination=nominations[n],
            award=collective_awards[n % len(collective_awards)],
            subject_kind=SubjectKind.COLLECTIVE,
            subject_unit=nominations[n].unit,
            achievement=achievement_text(n + 1),
            eligible=True,
            approved=True,
        )
        for n in range(COLLECTIVES)
    ]
    lines = NominationLine.objects.bulk_create(lines)
    decision = Decision.objects.create(
        authority=authority,
        year=2025,
        title="Khen thưởng thành tích năm 2025",
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


def _family(pid: int) -> list[int]:
    """`pid` and its children (the worker's pool processes)."""
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        pids.extend(int(child) for child in (task / "children").read_text().split())
    return pids


def _status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb(pid: int) -> float:
    """The largest VmHWM among the worker's process and its children."""
    return max(_status_mb(process, "VmHWM") for process in _family(pid))


class TotalMemory(threading.Thread):
    """Samples, at the same moments, the memory of the web server (gunicorn's master and its
    workers), the Celery worker parent and its children, and keeps the largest sum: resident
    (VmRSS, pages shared after fork counted in every process) and proportional (Pss, shared
    pages divided among their processes). This (test) process is sampled beside them, apart."""

    def __init__(self, *, web_pid: int, worker_pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.web_pid, self.worker_pid, self.every = web_pid, worker_pid, every
        self.peak_rss_mb = self.peak_pss_mb = self.test_process_rss_mb = 0.0
        self.parts_at_peak: dict[str, list[float]] = {}
        self.done = threading.Event()

    def sample(self) -> tuple[dict[str, list[float]], float]:
        """Resident MB of each process, by part (web, worker parent, children), and the Pss
        sum of them all."""
        web, worker = _family(self.web_pid), _family(self.worker_pid)
        parts: dict[str, list[float]] = {"web": [], "worker_parent": [], "children": []}
        pss = 0.0
        for part, pid in [
            *(("web", pid) for pid in web),
            ("worker_parent", worker[0]),
            *(("children", pid) for pid in worker[1:]),
        ]:
            try:
                parts[part].append(_status_mb(pid, "VmRSS"))
                pss += _pss_mb(pid)
            except FileNotFoundError:  # a pool process ended between listing and reading
                continue
        return parts, pss

    def run(self) -> None:
        while not self.done.is_set():
            parts, pss = self.sample()
            total = sum(sum(values) for values in parts.values())
            if total > self.peak_rss_mb:
                self.peak_rss_mb, self.parts_at_peak = total, parts
            self.peak_pss_mb = max(self.peak_pss_mb, pss)
            own = _status_mb(os.getpid(), "VmRSS")
            self.test_process_rss_mb = max(self.test_process_rss_mb, own)
            self.done.wait(self.every)

    def stop(self) -> None:
        self.done.set()
        self.join()

    def parts_line(self) -> str:
        """`web=40+95 worker_parent=85 children=106+123`: MB of each process at the peak."""
        return " ".join(
            f"{part}={'+'.join(f'{mb:.0f}' for mb in values)}"
            for part, values in self.parts_at_peak.items()
        )


def _pss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def shrunk_figures(texts: list) -> dict[str, int]:
    """How many certificates print a field below its frame's largest size."""
    fitted = [text.fitted() for text in texts]
    return {
        name: sum(fields[name].size < layout.FRAMES[name][3] for fields in fitted)
        for name in ("form_name", "holder", "unit", "reason")
    }


def start_worker(
    *,
    redis_url: str,
    options: tuple[str, ...] = (),
    environment: dict[str, str] | None = None,
) -> Worker:
    """A Celery worker on the test database, started as docker-compose.yml starts its
    `worker` service (config/worker.py, the documents queue alone), with `options` (`-c 4`)
    and `environment` added; returns once it answers a ping."""
    name = f"certificates-bench-{os.getpid()}"
    running = spawn_worker(
        options=[
            *("--loglevel=WARNING", "-Q", "documents", *options),
            *("-n", f"{name}@%h", "--without-gossip", "--without-mingle"),
        ],
        env={**project_env(redis_url=redis_url), **(environment or {})},
    )
    ping = [str(Path(sys.executable).with_name("celery")), "-A", "config", "inspect", "ping"]
    wait_until(
        lambda: (
            subprocess.run(
                [*ping, "-d", f"{name}@{socket.gethostname()}"],
                env=project_env(redis_url=redis_url),
                capture_output=True,
            ).returncode
            == 0
        ),
        60,
        running,
        "the worker did not start",
    )
    return running


@pytest.fixture
def worker(require_postgres, require_redis, settings, tmp_path):
    """The worker of the bench: its pool (2 processes) and their recycling come from the
    product's settings (CELERY_WORKER_CONCURRENCY: 2)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    running = start_worker(redis_url=require_redis)
    yield running
    stop_worker(running)


@pytest.fixture
def web(worker, require_redis, settings, tmp_path):
    """The web side of the bench: gunicorn as production runs it, with one worker process,
    on the test database and the worker's media folder, publishing to the worker's broker."""
    server = start_gunicorn(
        base_dir=settings.BASE_DIR,
        log_path=tmp_path / "gunicorn.log",
        redis_url=require_redis,
        environment={"WEB_CONCURRENCY": "1"},
    )
    yield server
    stop_gunicorn(server)


def open_decision(web: WebServer, decision: Decision) -> tuple[Browser, str]:
    """The staff member signs in and opens the decision: the browser and the token of its
    print form, which posts to awards:decision_certificates."""
    browser = Browser(web.base)
    assert browser.sign_in("canbo.thidua"), "canbo.thidua could not sign in"
    token = browser.form_token(reverse("awards:decision_detail", args=[decision.pk]))
    assert token, "the decision page has no form"
    return browser, token


def request_print(browser: Browser, token: str, decision: Decision) -> None:
    """The print request; the page it answers with is the job's (the redirect followed)."""
    status, _page = browser.fetch(
        reverse("awards:decision_certificates", args=[decision.pk]),
        {"csrfmiddlewaretoken": token},
    )
    assert status == 200, status


def test_bench_certificates(worker, web, settings):
    call_command("loaddata", "fixtures/demo.json", verbosity=0)
    staff = User.objects.get(username="canbo.thidua")
    chair = User.objects.get(username="chutich")
    decision = signed_decision(chair, staff)

    memory = TotalMemory(web_pid=web.process.pid, worker_pid=worker.process.pid)
    memory.start()
    browser, token = open_decision(web, decision)
    started = time.perf_counter()
    request_print(browser, token, decision)
    job = Job.objects.get()
    deadline = time.monotonic() + JOB_TIMEOUT
    while job.status not in FINISHED_STATUSES and time.monotonic() < deadline:
        time.sleep(0.05)
        job.refresh_from_db()
    wall = time.perf_counter() - started
    memory.stop()
    assert job.status == JobStatus.DONE, (job.error, worker.tail())
    assert job.page_count == LINES
    issued = Certificate.objects.filter(decision_line__decision=decision).exclude(sha256="")
    assert issued.count() == LINES
    report("certificates_count", LINES)
    report("certificates_1000_wall_s", round(wall, 2))
    report("certificates_peak_rss_mb", round(peak_rss_mb(worker.process.pid)))
    report("certificates_peak_rss_total_mb", round(memory.peak_rss_mb))
    report("certificates_peak_rss_parts_mb", memory.parts_line())
    report("certificates_peak_pss_total_mb", round(memory.peak_pss_mb))
    report("certificates_test_process_rss_mb", round(memory.test_process_rss_mb))

    # pypdf (with cryptography behind it, about 15 MB) only after the batch: the test
    # process's figure above is that of a process that has read no PDF.
    from pypdf import PdfReader

    context = job_context(job)
    ids = list(Certificate.objects.order_by("gold_book_number").values_list("pk", flat=True))
    texts = [certificate_text(certificate) for certificate in certificates_of(ids)]
    with job.result.open("rb") as handle:
        last_page = PdfReader(handle).pages[LINES - 1].extract_text()
    assert texts[-1].holder in last_page
    kinds = set(
        DecisionLine.objects.filter(decision=decision).values_list(
            "nomination_line__award__code", "nomination_line__subject_kind"
        )
    )
    report("certificates_award_kinds", len(kinds))
    report("certificates_longest_form_name", max((text.form_name for text in texts), key=len))
    report("certificates_longest_holder", max((text.holder for text in texts), key=len))
    report("certificates_longest_achievement_chars", max(len(text.achievement) for text in texts))
    for name, count in shrunk_figures(texts).items():
        report(f"certificates_shrunk_{name}", count)
    smallest = min(text.fitted()["reason"].size for text in texts)
    report("certificates_smallest_reason_pt", smallest)
    widest = max(pdfmetrics.stringWidth(text.form_name, layout.BOLD, 30) for text in texts)
    report("certificates_widest_form_name_mm", round(widest / mm))
    report("certificates_frame_inner_width_mm", layout.PAGE_WIDTH_MM - 2 * FRAME_MM)

    pages = [
        NAIVE_HTML.render(
            Context({"design": context.design, "item": text, "qr": qr_data_uri(text.verify_url)})
        )
        for text in texts
    ]
    with multiprocessing.get_context("fork").Pool(NAIVE_PROCESSES, initializer=warm_up) as pool:
        pool.map(one_document_each, pages[:NAIVE_PROCESSES])  # the pool is warm before timing
        started = time.perf_counter()
        counts = pool.map(one_document_each, pages, chunksize=10)
        naive = time.perf_counter() - started
    assert sum(counts) >= LINES
    report("certificates_naive_1000_wall_s", round(naive, 2))
    report("certificates_speedup", round(naive / wall, 1))
    assert naive / wall >= MIN_SPEEDUP, f"speedup {naive / wall:.1f} below {MIN_SPEEDUP}"


def qr_data_uri(url: str) -> str:
    import segno  # the naive way draws the QR code as the pledges do

    return segno.make(url, error="m").svg_data_uri(scale=3)
