"""Certificates and signing helpers for the signature tests: a trusted CA, an untrusted one,
the authority's certificate, the chairperson's personal certificate, an expired one and a
time-stamping authority, made once per test session (documents.signing_ca).

`sign_externally` signs as the chairperson's own signing software would (pyHanko directly, a
field of its own), outside the product's `documents.signing`.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from documents.signature_images import draw_seal
from documents.signing_ca import (
    Issued,
    issue_signing_certificate,
    make_ca,
    pkcs12_bytes,
    sign_as_person,
)

PASSWORD = b"mat-khau-thu"


@dataclass(frozen=True)
class Pki:
    folder: Path
    ca: Issued
    untrusted_ca: Issued
    authority: Issued
    chair: Issued
    expired: Issued
    stranger: Issued
    tsa: Issued

    @property
    def root_file(self) -> str:
        return str(self.folder / "ca.pem")

    def pkcs12_file(self, name: str) -> str:
        return str(self.folder / f"{name}.p12")


def build_pki(folder: Path) -> Pki:
    ca = make_ca("CA thử nghiệm tin cậy")
    untrusted_ca = make_ca("CA lạ không được cấu hình")
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=800)
    pki = Pki(
        folder=folder,
        ca=ca,
        untrusted_ca=untrusted_ca,
        authority=issue_signing_certificate(ca, "Ủy ban nhân dân phường Thử Nghiệm"),
        chair=issue_signing_certificate(ca, "Nguyễn Văn Hùng"),
        expired=issue_signing_certificate(ca, "Trần Thị Hết Hạn", not_before=long_ago, days=365),
        stranger=issue_signing_certificate(untrusted_ca, "Người Ký Lạ"),
        tsa=issue_signing_certificate(ca, "Dịch vụ dấu thời gian thử", time_stamping=True),
    )
    (folder / "ca.pem").write_bytes(ca.pem())
    (folder / "seal.png").write_bytes(draw_seal("Ủy ban nhân dân phường Thử Nghiệm"))
    for name in ("authority", "chair", "expired"):
        Path(pki.pkcs12_file(name)).write_bytes(pkcs12_bytes(getattr(pki, name), ca, PASSWORD))
    Path(pki.pkcs12_file("stranger")).write_bytes(
        pkcs12_bytes(pki.stranger, untrusted_ca, PASSWORD)
    )
    return pki


def signing_settings(pki: Pki, signer: str = "authority") -> dict:
    """The product's settings that point at `signer`'s PKCS#12 and the body's seal image, and
    trust the session's CA: for `override_settings` where pytest-django's `settings` fixture
    cannot serve (a module-scoped fixture)."""
    return {
        "DOCUMENT_SIGNING_PKCS12": pki.pkcs12_file(signer),
        "DOCUMENT_SIGNING_PKCS12_PASSWORD": PASSWORD.decode(),
        "DOCUMENT_SIGNING_PKCS12_PASSWORD_FILE": "",
        "DOCUMENT_SIGNING_PKCS11_MODULE": "",
        "DOCUMENT_SIGNING_TSA_URL": "",
        "DOCUMENT_SIGNING_TRUST_ROOTS": [pki.root_file],
        "DOCUMENT_SEAL_IMAGE": str(pki.folder / "seal.png"),
        "DOCUMENT_SEAL_SIZE_MM": 36,
    }


def configure(settings, pki: Pki, signer: str = "authority") -> None:
    """Point the product's settings at `signer`'s PKCS#12 and the body's seal image, and trust
    the session's CA."""
    for name, value in signing_settings(pki, signer).items():
        setattr(settings, name, value)


def sign_externally(
    content: bytes, pki: Pki, signer: str = "chair", *, certify: bool = False
) -> bytes:
    """`content` signed by `signer`'s own software and token (documents.signing_ca)."""
    return sign_as_person(
        content, pkcs12_file=pki.pkcs12_file(signer), password=PASSWORD, certify=certify
    )


def dummy_timestamper(pki: Pki):
    """An in-process RFC 3161 authority with the session's TSA certificate (no network)."""
    from asn1crypto import keys, x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign.timestamps import DummyTimeStamper

    certificate = x509.Certificate.load(
        pki.tsa.certificate.public_bytes(serialization.Encoding.DER)
    )
    key = keys.PrivateKeyInfo.load(
        pki.tsa.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return DummyTimeStamper(tsa_cert=certificate, tsa_key=key)


def flip_byte(content: bytes, offset: int) -> bytes:
    return content[:offset] + bytes([content[offset] ^ 0x01]) + content[offset + 1 :]
