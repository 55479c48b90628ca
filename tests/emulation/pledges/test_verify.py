"""The verification page, without sign-in: an intact PDF matches, one changed byte does not."""

import hashlib
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from documents.services import run_job
from emulation.pledges import policy
from tests.documents.pdf_checks import pdfa_declaration
from tests.emulation.pledges.conftest import client_for, sign_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(open_version, heads):
    for head in heads:
        sign_post(client_for(head), open_version)
    open_version.refresh_from_db()
    run_job(job_id=open_version.final_job_id, worker_pid=os.getpid())
    open_version.refresh_from_db()
    return open_version


def _upload(content: bytes):
    return Client().post(
        "/giao-uoc/xac-thuc/",
        {"file": SimpleUploadedFile("giao-uoc.pdf", content, "application/pdf")},
    )


def test_verify_intact_final_pdf_matches_and_lists_signers(completed):
    content = completed.final_job.result.open("rb").read()
    response = _upload(content)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tệp trùng khớp với văn bản giao ước đã ký đủ." in body
    assert "Lê Văn Trưởng 1" in body and "Lê Văn Trưởng 3" in body
    assert completed.verification_code in body


def test_verify_signed_text_pdf_matches(completed):
    content = completed.document_job.result.open("rb").read()
    body = _upload(content).content.decode()
    assert "Tệp trùng khớp với văn bản giao ước đã mở ký." in body


def test_verify_one_byte_changed_does_not_match(completed):
    content = bytearray(completed.final_job.result.open("rb").read())
    content[len(content) // 3] ^= 0x20
    body = _upload(bytes(content)).content.decode()
    assert "Không khớp với văn bản giao ước nào" in body
    assert "Lê Văn Trưởng 1" not in body


def test_verify_by_code_without_sign_in(completed):
    response = Client().get("/giao-uoc/xac-thuc/", {"ma": completed.verification_code.lower()})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mã xác thực thuộc văn bản giao ước dưới đây." in body
    assert "Lê Văn Trưởng 2" in body


def test_verify_unknown_code_does_not_match(completed):
    body = Client().get("/giao-uoc/xac-thuc/", {"ma": "AAAA-BBBB-CCCC"}).content.decode()
    assert (
        "Không tìm thấy văn bản với mã này." in body,
        "Tệp có thể đã bị thay đổi" in body,
        "Lê Văn Trưởng 1" in body,
    ) == (True, False, False)


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.replace("-", ""),
        lambda code: code.replace("-", " ").lower(),
        lambda code: f"  {code.replace('-', '–')}  ",
        lambda code: code.replace("-", " - "),
    ],
    ids=["no dashes", "spaces, lower case", "en dashes", "spaced dashes"],
)
def test_verify_code_typed_without_its_printed_dashes_matches(open_version, typed):
    response = Client().post("/giao-uoc/xac-thuc/", {"code": typed(open_version.verification_code)})
    body = response.content.decode()
    assert (
        response.status_code,
        "Mã xác thực thuộc văn bản giao ước dưới đây." in body,
        "Không tìm thấy văn bản với mã này." in body,
    ) == (200, True, False)


def test_verify_code_of_the_wrong_length_finds_nothing(open_version):
    typed = open_version.verification_code.replace("-", "")[:-1]
    body = Client().post("/giao-uoc/xac-thuc/", {"code": typed}).content.decode()
    assert ("Không tìm thấy văn bản với mã này." in body, open_version.title in body) == (
        True,
        False,
    )


def test_verify_refuses_oversized_upload(db, settings):
    content = b"%PDF-" + b"0" * policy.VERIFY_UPLOAD_MAX_BYTES
    body = _upload(content).content.decode()
    assert "Tệp lớn hơn 10 MB" in body


def test_verify_by_code_shows_stored_sha256_of_each_issued_file(completed):
    """The page shows the SHA-256 recorded for the signed text and for the final PDF; each
    equals the hash of the stored file itself."""
    body = Client().get("/giao-uoc/xac-thuc/", {"ma": completed.verification_code}).content
    body = body.decode()
    for job in (completed.document_job, completed.final_job):
        actual = hashlib.sha256(job.result.open("rb").read()).hexdigest()
        assert job.result_sha256 == actual
        assert actual in body


def test_signed_pledge_files_are_pdfa(completed):
    for job in (completed.document_job, completed.final_job):
        declared = pdfa_declaration(job.result.open("rb").read())
        assert (declared["part"], declared["conformance"]) == ("3", "B")
        assert declared["output_intents"] == ["/GTS_PDFA1"]
