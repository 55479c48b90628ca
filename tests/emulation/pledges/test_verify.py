"""The verification page, without sign-in: an intact PDF matches, one changed byte does not."""

import hashlib
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from emulation.models.pledges import PledgeVersion
from emulation.pledges import policy
from tests.conftest import rows_for_the_module
from tests.documents.pdf_checks import pdfa_declaration
from tests.emulation.pledges.conftest import (
    signed_by_every_head,
)
from tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Completed:
    version_pk: int
    media_root: str


@pytest.fixture(scope="module")
def completed_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """Cluster 1's pledge opened, signed by the three heads and its final PDF made, once per
    module (and xdist worker): the two renders are the costly part of these tests, which only
    read the pledge and its files, each in a savepoint of its own (tests/conftest.py
    `rows_for_the_module`)."""
    media_root = str(tmp_path_factory.mktemp("pledge-verify-media"))
    with override_settings(MEDIA_ROOT=media_root), rows_for_the_module(django_db_blocker):
        version, _heads = signed_by_every_head(AuthorityFactory())
        yield Completed(version_pk=version.pk, media_root=media_root)


@pytest.fixture
def completed(completed_once, db, settings):
    """The signed pledge version as the database holds it, its files in the module's media."""
    settings.MEDIA_ROOT = completed_once.media_root
    return PledgeVersion.objects.get(pk=completed_once.version_pk)


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
