"""PAdES signatures of the document core: signing with the configured certificate, where the
visible signature goes, what a check reports for a valid, altered, untrusted or expired
signature, time stamps (B-T), and signing an issued file only once."""

import asyncio
import hashlib
import http.server
import io
import random
import socket
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

import pikepdf
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from documents import signed_files
from documents.enums import SignedFileOrigin
from documents.models import SignedFile
from documents.rendering import render_pdf
from documents.signature_check import SignatureRefused, read_signatures
from documents.signed_files import sign_issued
from documents.signing import (
    AUTHORITY_FIELD,
    POINTS_PER_MM,
    SignatureRequest,
    SigningError,
    outside_event_loop,
    sign_pdf,
)
from tests.documents.pdf_checks import pdfa_declaration
from tests.documents.signing_support import configure, dummy_timestamper, flip_byte

REQUEST = SignatureRequest(
    signer_label="ỦY BAN NHÂN DÂN PHƯỜNG THỬ NGHIỆM",
    reason="Ban hành Quyết định số 01/QĐ-UBND",
    location="Thử Nghiệm",
)
HTML = """<html lang="vi"><head><title>Quyết định thử</title></head><body>
<p>QUYẾT ĐỊNH về việc tặng Giấy khen</p>
<div class="signature-column"><p>CHỦ TỊCH</p><div id="chu-ky-so"></div>
<p class="name">Nguyễn Văn Hùng</p></div></body></html>"""


@pytest.fixture(scope="module")
def issued_pdf() -> bytes:
    return render_pdf(HTML, archival=True).content


def test_signed_pdf_is_pades_valid_trusted_and_covers_the_whole_file(signing_on, issued_pdf):
    signed = sign_pdf(issued_pdf, request=REQUEST)
    assert signed.startswith(issued_pdf)  # an incremental update: the issued bytes untouched
    [finding] = read_signatures(signed)
    assert finding.signer == "Ủy ban nhân dân phường Thử Nghiệm"
    assert finding.issuer == "CA thử nghiệm tin cậy"
    assert (finding.intact, finding.valid, finding.trusted, finding.expired) == (
        True,
        True,
        True,
        False,
    )
    assert finding.altered_after is False
    assert finding.problem == ""
    assert finding.signed_until == len(signed)
    assert finding.timestamped is False  # B-B without a time-stamping service
    embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert embedded.sig_object["/Reason"] == REQUEST.reason
    assert embedded.sig_object["/Location"] == "Thử Nghiệm"


def test_signed_pdf_keeps_its_pdfa_declaration_and_embeds_every_font(signing_on, issued_pdf):
    signed = sign_pdf(issued_pdf, request=REQUEST)
    declared, before = pdfa_declaration(signed), pdfa_declaration(issued_pdf)
    assert (declared["part"], declared["conformance"]) == ("3", "B")
    assert declared["output_intents"] == before["output_intents"] == ["/GTS_PDFA1"]
    assert "Quyết định thử" in declared["xmp"]
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        # PDF/A: the information dictionary says what the XMP says.
        xmp_producer = pdf.open_metadata()["pdf:Producer"]
        assert str(pdf.trailer.Info.Producer) == xmp_producer
    fonts = subprocess.run(
        ["pdffonts", "-"], input=signed, capture_output=True, check=True
    ).stdout.decode()
    rows = fonts.splitlines()[2:]
    assert len(rows) == 2  # the document's font and the visible signature's
    assert all(row.split()[-5] == "yes" for row in rows), fonts  # "emb" column


def test_visible_signature_sits_at_the_templates_anchor(signing_on, issued_pdf, settings):
    signed = sign_pdf(issued_pdf, request=REQUEST)
    reader = PdfFileReader(io.BytesIO(signed))
    dests = reader.root["/Names"]["/Dests"]["/Names"]
    anchor = dests[dests.index("chu-ky-so") + 1]
    field = reader.embedded_signatures[0].sig_field
    assert field["/T"] == AUTHORITY_FIELD
    x1, y1, x2, y2 = (float(value) for value in field["/Rect"])
    width, height = settings.DOCUMENT_SIGNATURE_BOX_MM
    assert (round(x1), round(y2)) == (round(float(anchor[2])), round(float(anchor[3])))
    # Corners are whole points: the box is within a point of its size in millimetres.
    assert abs((x2 - x1) - width * POINTS_PER_MM) <= 1
    assert abs((y2 - y1) - height * POINTS_PER_MM) <= 1
    assert "/N" in field["/AP"]  # drawn: an appearance stream, not an invisible signature
    assert int(field["/F"]) & 4  # printable, as PDF/A asks of annotations


def test_one_altered_byte_shows_as_altered(signing_on, issued_pdf):
    signed = sign_pdf(issued_pdf, request=REQUEST)
    # A byte of the issued content, inside the signed range.
    altered = flip_byte(signed, len(issued_pdf) // 2)
    [finding] = read_signatures(altered)
    assert finding.intact is False
    assert finding.holds is False
    assert finding.problem == (
        "Nội dung đã bị sửa đổi sau khi ký: chữ ký không còn khớp với văn bản."
    )


@pytest.mark.parametrize(
    ("signer", "trusted", "expired", "problem"),
    [
        (
            "stranger",
            False,
            False,
            "Chứng thư số của người ký không do tổ chức chứng thực được tin cậy cấp "
            "(không nối được đến chứng thư gốc đã cấu hình).",
        ),
        (
            "expired",
            False,  # pyHanko's path validation fails on the expired certificate too
            True,
            "Chứng thư số của người ký đã hết hạn hoặc chưa có hiệu lực vào lúc ký.",
        ),
    ],
    ids=["untrusted-root", "expired"],
)
def test_untrusted_or_expired_certificate_signs_soundly_but_does_not_hold(
    settings, signing_pki, issued_pdf, signer, trusted, expired, problem
):
    configure(settings, signing_pki, signer=signer)
    signed = sign_pdf(issued_pdf, request=REQUEST)
    [finding] = read_signatures(signed)
    assert (finding.intact, finding.valid) == (True, True)
    assert (finding.trusted, finding.expired) == (trusted, expired)
    assert finding.problem == problem


def test_no_trust_roots_configured_trusts_nothing(signing_on, issued_pdf, settings):
    signed = sign_pdf(issued_pdf, request=REQUEST)
    settings.DOCUMENT_SIGNING_TRUST_ROOTS = []
    [finding] = read_signatures(signed)
    assert (finding.intact, finding.trusted) == (True, False)


def test_time_stamped_signature_is_pades_b_t(signing_on, issued_pdf):
    signed = sign_pdf(issued_pdf, request=REQUEST, timestamper=dummy_timestamper(signing_on))
    [finding] = read_signatures(signed)
    assert finding.timestamped is True
    assert finding.holds is True
    embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    status = outside_event_loop(
        validate_pdf_signature, embedded, ValidationContext(trust_roots=[], allow_fetching=False)
    )
    assert status.timestamp_validity is not None


def test_unusable_pkcs12_stops_with_a_vietnamese_reason(signing_on, issued_pdf, settings):
    settings.DOCUMENT_SIGNING_PKCS12_PASSWORD = "sai-mat-khau"
    with pytest.raises(SigningError) as refused:
        sign_pdf(issued_pdf, request=REQUEST)
    assert str(refused.value) == (
        "Không đọc được tệp chứng thư số của cơ quan (sai mật khẩu hoặc tệp hỏng)."
    )


@pytest.mark.django_db
def test_signing_the_same_issued_file_twice_gives_the_same_signed_file(signing_on, issued_pdf):
    first = sign_issued(issued_pdf, request=REQUEST)
    second = sign_issued(issued_pdf, request=REQUEST)
    assert first == second
    assert first != issued_pdf
    [kept] = SignedFile.objects.all()
    assert kept.origin == SignedFileOrigin.SERVER
    assert kept.source_sha256 == hashlib.sha256(issued_pdf).hexdigest()
    assert kept.sha256 == hashlib.sha256(first).hexdigest()
    assert kept.signer == "Ủy ban nhân dân phường Thử Nghiệm"


@pytest.mark.django_db
def test_a_worker_losing_the_signing_race_deletes_its_file_and_returns_the_winners(
    signing_on, issued_pdf, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    winner = []

    def another_worker_signs_first(content, **options):
        # While this worker signs, another one signs the same file and keeps its row first.
        monkeypatch.setattr(signed_files, "sign_pdf", sign_pdf)
        winner.append(sign_issued(content, request=REQUEST))
        return sign_pdf(content, **options)

    monkeypatch.setattr(signed_files, "sign_pdf", another_worker_signs_first)
    returned = sign_issued(issued_pdf, request=REQUEST)

    assert returned == winner[0]
    [kept] = SignedFile.objects.all()
    assert kept.sha256 == hashlib.sha256(returned).hexdigest()
    stored = sorted(path for path in (tmp_path / "media").rglob("*") if path.is_file())
    assert [path.relative_to(tmp_path / "media").as_posix() for path in stored] == [kept.file.name]


@pytest.mark.django_db
def test_without_a_certificate_the_issued_file_is_left_unsigned(settings, issued_pdf):
    settings.DOCUMENT_SIGNING_PKCS12 = ""
    assert sign_issued(issued_pdf, request=REQUEST) == issued_pdf
    assert SignedFile.objects.count() == 0


def test_a_pdf_without_signature_has_no_findings(issued_pdf):
    assert read_signatures(issued_pdf) == []


def test_damaged_signed_files_are_reported_never_raised(signing_on, issued_pdf):
    """300 copies of a signed file with random bytes changed or cut short: each is read as
    altered or refused as unreadable (SignatureRefused), none raises anything else."""
    signed = sign_pdf(issued_pdf, request=REQUEST)
    rng = random.Random(16)  # noqa: S311 (a reproducible choice of bytes, not a secret)
    outcomes = {"refused": 0, "altered": 0, "holds": 0}
    for _ in range(300):
        damaged = bytearray(signed)
        for _ in range(rng.choice([1, 3, 10])):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        if rng.random() < 0.2:
            damaged = damaged[: rng.randrange(len(damaged))]
        try:
            findings = read_signatures(bytes(damaged))
        except SignatureRefused:
            outcomes["refused"] += 1
            continue
        key = "holds" if findings and all(f.holds for f in findings) else "altered"
        outcomes[key] += 1
    print(f"\ndamaged_signed_files: {outcomes}")
    assert sum(outcomes.values()) == 300
    assert outcomes["refused"] + outcomes["altered"] > 250


@pytest.fixture
def local_tsa(signing_on):
    """An RFC 3161 service on 127.0.0.1 (the session's TSA certificate), answering until the
    test ends; its address is what DOCUMENT_SIGNING_TSA_URL would name."""
    from asn1crypto import tsp

    stamper = dummy_timestamper(signing_on)
    requests: list[int] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            requests.append(len(body))
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/tsa", requests
    server.shutdown()
    server.server_close()


def test_configured_tsa_makes_pades_b_t_with_one_request(local_tsa, settings, issued_pdf):
    url, requests = local_tsa
    settings.DOCUMENT_SIGNING_TSA_URL = url
    signed = sign_pdf(issued_pdf, request=REQUEST)
    [finding] = read_signatures(signed)
    assert (finding.timestamped, finding.holds) == (True, True)
    assert len(requests) == 1  # the room for the signature is fixed: no measuring round


def test_unreachable_tsa_stops_with_a_vietnamese_reason(signing_on, settings, issued_pdf):
    with socket.socket() as probe:  # a port on this machine that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.DOCUMENT_SIGNING_TSA_URL = f"http://127.0.0.1:{port}/tsa"
    with pytest.raises(SigningError) as refused:
        sign_pdf(issued_pdf, request=REQUEST)
    assert str(refused.value) == "Không lấy được dấu thời gian từ dịch vụ cấp dấu thời gian."


def test_signing_and_checking_work_inside_a_running_event_loop(signing_on, issued_pdf):
    """pyHanko's synchronous calls start their own event loop; an async server's thread
    already runs one. Both calls still answer there."""

    async def inside_a_loop():
        signed = sign_pdf(issued_pdf, request=REQUEST)
        return read_signatures(signed)

    # In a thread of its own, as an async server's worker thread: the test process's main
    # thread may already hold the browser tests' loop.
    with ThreadPoolExecutor(max_workers=1) as executor:
        [finding] = executor.submit(asyncio.run, inside_a_loop()).result()
    assert finding.holds


def test_a_number_token_broken_by_the_change_reads_as_altered(signing_on, issued_pdf, monkeypatch):
    """A changed byte can turn a number of the file into one no decimal reads ("4.."):
    pyHanko's reader then raises decimal.InvalidOperation deep in its analysis of changes,
    which must read as altered, never as a server error."""
    import decimal

    import pyhanko.sign.validation

    signed = sign_pdf(issued_pdf, request=REQUEST)

    def broken_number(*args, **kwargs):
        raise decimal.InvalidOperation([decimal.ConversionSyntax])

    monkeypatch.setattr(pyhanko.sign.validation, "validate_pdf_signature", broken_number)
    findings = read_signatures(signed)
    assert [(finding.intact, finding.valid, finding.holds) for finding in findings] == [
        (False, False, False)
    ]
