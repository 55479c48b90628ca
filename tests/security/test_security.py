"""S8, S12, S14, S17, S11 and S3 of RELIABILITY.md: cookie flags, hostile spreadsheets, the
PDF fetcher's loopback/redirect vectors, stored XSS and formula injection, static analysis.
Headers on every HTML page (S10) and the authorization cells (S4, S5) are in tests/authz."""

import http.server
import io
import json
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import PersonYear
from documents.enums import JobStatus
from documents.rendering import ForbiddenResourceError, render_pdf
from documents.services import run_job
from emulation.enums import Role
from emulation.spreadsheet_reading import ImportRejected, check_container, read_rows
from tests.authz.snapshot import snapshot
from tests.documents.pdf_checks import pdf_has_embedded_files, pdf_text
from tests.documents.polyglots import zip_bomb
from tests.factories import (
    EmploymentFactory,
    JobFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
)
from tests.test_config import PRODUCTION_ENV, ROOT, run_manage

LOL = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _workbook(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rewrite(content: bytes, part: str, transform) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, transform(data) if info.filename == part else data)
    return out.getvalue()


def _with_entity(content: bytes, prolog: bytes, reference: bytes) -> bytes:
    return _rewrite(
        content,
        "xl/worksheets/sheet1.xml",
        lambda data: prolog + data.replace(b">abc<", b">" + reference + b"<"),
    )


def _many_entries() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr("xl/workbook.xml", "<workbook/>")
        for index in range(1_001):
            target.writestr(f"xl/x{index}.xml", "<x/>")
    return out.getvalue()


BASE = _workbook([["Mã", "Tên"], ["abc", "x"]])
HOSTILE_FILES = {
    "billion laughs": ("bom.xlsx", _with_entity(BASE, LOL, b"&lol3;")),
    "external entity": ("xxe.xlsx", _with_entity(BASE, XXE, b"&xxe;")),
    "zip ratio bomb": ("nen.xlsx", zip_bomb()),
    "1,001 zip entries": ("nhieu.xlsx", _many_entries()),
    "over 5 MB": ("lon.xlsx", b"PK\x03\x04" + b"\0" * (5 * 1024 * 1024)),
    "csv renamed xlsx": ("gia.xlsx", b"a,b\n1,2\n"),
    "macro workbook": ("macro.xlsm", BASE),
    "legacy or encrypted": ("cu.xlsx", b"\xd0\xcf\x11\xe0" + b"\0" * 100),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_FILES))
def test_hostile_spreadsheets_are_refused_before_reading(case):
    filename, content = HOSTILE_FILES[case]
    with pytest.raises(ImportRejected) as caught:
        read_rows(check_container(filename, content), content)
    message = str(caught.value.issues[0])
    print(f"\nupload_refused[{case}]: {len(content)} bytes — {message}")
    assert message and not message.startswith("Traceback")


def test_entity_file_through_the_records_import_writes_nothing(client, unit):
    staff = UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)
    person = PersonFactory(authority=unit.authority, full_name="Lê Văn Tám")
    EmploymentFactory(person=person, unit=unit)
    client.force_login(staff)
    before = snapshot()
    _filename, content = HOSTILE_FILES["billion laughs"]
    response = client.post(
        reverse("awards:records_import", args=[unit.pk, 2025]),
        {"file": SimpleUploadedFile("bom.xlsx", content)},
        follow=True,
    )
    assert "DOCTYPE/ENTITY" in response.content.decode()
    assert PersonYear.objects.count() == 0
    assert {t: v for t, v in snapshot().items() if t != "django_session"} == before


@pytest.mark.process
def test_production_cookies_are_secure_httponly_and_same_site():
    code = (
        "from django.conf import settings as s; import json; print(json.dumps(["
        "s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        "s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS > 0,"
        "'axes' in ' '.join(s.INSTALLED_APPS), s.AXES_FAILURE_LIMIT]))"
    )
    result = run_manage("shell", "-c", code, env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    flags = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"\ncookie_flags: {flags}")
    assert flags[:7] == [True, True, "Lax", True, "Lax", True, True]
    assert 1 <= flags[7] <= 100  # NIST SP 800-63B: at most 100 failures before lock-out


def test_session_cookie_header_carries_httponly_and_samesite(client, unit):
    user = UserFactory(role=Role.UNIT_CLERK, unit=unit)
    user.set_password("Mật-khẩu-dài-2026")
    user.save()
    response = client.post(
        reverse("login"), {"username": user.username, "password": "Mật-khẩu-dài-2026"}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


class _Redirector(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):
        type(self).hits += 1
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="http://127.0.0.1:{port}/redirect">',
        '<style>@import url("http://127.0.0.1:{port}/a.css");</style>',
        '<link rel="stylesheet" href="http://localhost:{port}/b.css">',
        '<img src="https://127.0.0.1:{port}/c.png">',
    ],
)
def test_pdf_fetcher_never_reaches_a_loopback_server_or_follows_its_redirect(markup):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Redirector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Redirector.hits = 0
    try:
        html = "<html><body><p>x</p>" + markup.format(port=server.server_port) + "</body></html>"
        with pytest.raises(ForbiddenResourceError):
            render_pdf(html)
    finally:
        server.shutdown()
    print(f"\nfetcher_loopback_hits: {_Redirector.hits}")
    assert _Redirector.hits == 0


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example","bấm")'


def test_stored_xss_is_inert_in_pages_and_exports_and_formulae_are_neutralised(client, unit):
    staff = UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)
    hostile = PersonFactory(authority=unit.authority, full_name=XSS, staff_code=FORMULA[:20])
    EmploymentFactory(person=hostile, unit=unit)
    client.force_login(staff)
    page = client.get(reverse("emulation:person_detail", args=[hostile.pk])).content.decode()
    assert XSS not in page and "&lt;script&gt;alert(" in page

    exported = client.get(reverse("awards:records_export", args=[unit.pk, 2025]))
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    live = [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = [str(cell.value) for cell in cells]
    print(f"\nexport_cells_checked: {len(cells)}\nexport_live_formulas: {len(live)}")
    assert not live
    assert XSS in texts  # the name is kept, as text
    assert "'" + FORMULA[:20] in texts


@pytest.mark.process
def test_bandit_finds_no_unreviewed_medium_or_high_issue(tmp_path):
    bandit = shutil.which("bandit", path=str(Path(ROOT, ".venv", "bin")))
    if bandit is None:
        pytest.fail("bandit is missing: run `make venv` (it is pinned in the dev extras)")
    report = tmp_path / "bandit.json"
    arguments = [
        "-r",
        "config",
        "documents",
        "emulation",
        "awards",
        "api",
        "outbox",
        "demo",
        "-ll",
        "-ii",
        "-q",
    ]
    subprocess.run(
        [bandit, *arguments, "-x", "*/migrations/*", "-f", "json", "-o", str(report)],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
        check=False,
    )
    results = json.loads(report.read_text())
    findings = [
        f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
        for r in results["results"]
    ]
    print(
        f"\nbandit_files: {len(results['metrics']) - 1}\nbandit_findings: {len(findings)}"
        f"\nbandit_nosec: {results['metrics']['_totals'].get('nosec', 0)}"
    )
    assert not findings, "\n".join(findings)


PDF_PAYLOADS = [
    '<img src="file:///etc/passwd">',
    "<style>@import url(file:///etc/passwd);</style>",
    '<link rel="attachment" href="file:///etc/passwd">',
]


def test_stored_markup_in_a_unit_name_is_text_in_the_pdf(settings, tmp_path, unit):
    """S11/S14: names holding markup reach the PDF as text; nothing is fetched or embedded."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    for index, payload in enumerate(PDF_PAYLOADS):
        UnitFactory(authority=unit.authority, code=f"X{index}", name=payload, parent=unit)
    staff = UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)
    job = run_job(job_id=JobFactory(requested_by=staff).pk, worker_pid=1)
    assert job.status == JobStatus.DONE, job.error
    with job.result.open("rb") as handle:
        content = handle.read()
    text = " ".join(pdf_text(content).split())
    found = [payload for payload in PDF_PAYLOADS if payload in text]
    print(f"\npdf_payloads: {len(PDF_PAYLOADS)}\npdf_payloads_as_text: {len(found)}")
    assert found == PDF_PAYLOADS
    assert "root:" not in text and not pdf_has_embedded_files(content)
