"""Signing with a key on a PKCS#11 token (an HSM in production), through SoftHSM: the same
PAdES signature as with a PKCS#12 file, and a clear Vietnamese reason when the token cannot be
opened. Needs Debian's softhsm2 (.ci/run installs it)."""

import os
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization

from documents.rendering import render_pdf
from documents.signature_check import read_signatures
from documents.signing import SignatureRequest, SigningError, sign_pdf
from tests.conftest import service_missing
from tests.documents.signing_support import configure

SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "123456"
LABEL = "thidua"
KEY_LABEL = "authority"
REQUEST = SignatureRequest(signer_label="ỦY BAN NHÂN DÂN PHƯỜNG THỬ NGHIỆM", reason="Thử HSM")

pytestmark = pytest.mark.process


@pytest.fixture(scope="module")
def token(tmp_path_factory, signing_pki):
    """A SoftHSM token holding the authority's key and certificate under one label."""
    if not (os.path.exists(SOFTHSM_MODULE) and shutil.which("softhsm2-util")):
        service_missing("softhsm2 is not installed (apt-get install softhsm2)")
    import pkcs11
    from asn1crypto.core import Integer
    from pkcs11 import Attribute, CertificateType, ObjectClass

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(config)
    key_file = folder / "key.pem"
    key_file.write_bytes(
        signing_pki.authority.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    for arguments in (
        ["--init-token", "--free", "--label", LABEL, "--so-pin", "654321"],
        ["--import", str(key_file), "--token", LABEL, "--label", KEY_LABEL, "--id", "01"],
    ):
        subprocess.run(["softhsm2-util", *arguments, "--pin", PIN], check=True, capture_output=True)
    key_file.unlink()
    certificate = signing_pki.authority.certificate
    library = pkcs11.lib(SOFTHSM_MODULE)
    with library.get_token(token_label=LABEL).open(user_pin=PIN, rw=True) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: KEY_LABEL,
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: certificate.subject.public_bytes(),
                Attribute.ISSUER: certificate.issuer.public_bytes(),
                Attribute.SERIAL_NUMBER: Integer(certificate.serial_number).dump(),
                Attribute.VALUE: certificate.public_bytes(serialization.Encoding.DER),
            }
        )
    yield
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


@pytest.fixture
def on_token(settings, signing_pki, token):
    configure(settings, signing_pki)
    settings.DOCUMENT_SIGNING_PKCS12 = ""
    settings.DOCUMENT_SIGNING_PKCS11_MODULE = SOFTHSM_MODULE
    settings.DOCUMENT_SIGNING_PKCS11_TOKEN = LABEL
    settings.DOCUMENT_SIGNING_PKCS11_KEY = KEY_LABEL
    settings.DOCUMENT_SIGNING_PKCS11_CERT = KEY_LABEL
    settings.DOCUMENT_SIGNING_PKCS11_PIN = PIN


def test_key_on_a_pkcs11_token_signs_a_valid_trusted_pades_signature(on_token):
    issued = render_pdf("<html lang='vi'><body><p>Quyết định</p></body></html>").content
    signed = sign_pdf(issued, request=REQUEST)
    [finding] = read_signatures(signed)
    assert finding.signer == "Ủy ban nhân dân phường Thử Nghiệm"
    assert finding.holds, finding.problem


def test_wrong_token_label_stops_with_a_vietnamese_reason(on_token, settings):
    settings.DOCUMENT_SIGNING_PKCS11_TOKEN = "khong-co"
    issued = render_pdf("<html lang='vi'><body><p>Quyết định</p></body></html>").content
    with pytest.raises(SigningError) as refused:
        sign_pdf(issued, request=REQUEST)
    assert str(refused.value) == "Không mở được thiết bị ký số (PKCS#11) của cơ quan."
