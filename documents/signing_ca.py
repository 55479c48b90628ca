"""A local certification authority for the demo and the tests: never for production.

In production the authority's certificate comes from the Government's specialised CA (Ban Cơ
yếu Chính phủ) or a licensed public CA, in a PKCS#12 file or on a token. `make run` and the test
suite need one that exists on any machine with nothing set up: this module makes a root CA and
issues signing certificates under it with `cryptography` (brought by pyHanko). Private keys
are written only under `var/`, which is never committed.
"""

import datetime
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

KEY_BITS = 2048
DEMO_CA_NAME = "CA thử nghiệm thi đua - chỉ dùng cho demo"
DEMO_SIGNER_NAME = "Ủy ban nhân dân phường (thử nghiệm)"
# File names under the demo folder (var/signing/); settings point at them in development.
DEMO_ROOT_FILE = "ca.pem"
DEMO_PKCS12_FILE = "authority.p12"
DEMO_PASSWORD_FILE = "authority.pass"  # noqa: S105 (a file name; the password is random)


@dataclass(frozen=True)
class Issued:
    """A certificate and its private key."""

    certificate: x509.Certificate
    key: rsa.RSAPrivateKey

    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str, organization: str = "") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organization:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


KEY_USAGES = (
    "digital_signature",
    "content_commitment",
    "key_encipherment",
    "data_encipherment",
    "key_agreement",
    "key_cert_sign",
    "crl_sign",
    "encipher_only",
    "decipher_only",
)


def _key_usage(*granted: str) -> x509.KeyUsage:
    return x509.KeyUsage(**{usage: usage in granted for usage in KEY_USAGES})


def _validity(not_before: datetime.datetime | None, days: int):
    start = not_before or datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    return start, start + datetime.timedelta(days=days)


def make_ca(
    common_name: str = DEMO_CA_NAME,
    *,
    not_before: datetime.datetime | None = None,
    days: int = 3650,
) -> Issued:
    """A self-signed root that may sign certificates (basic constraints CA, keyCertSign)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    name = _name(common_name)
    start, end = _validity(not_before, days)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage("key_cert_sign", "crl_sign"), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(certificate=certificate, key=key)


def issue_signing_certificate(
    ca: Issued,
    common_name: str = DEMO_SIGNER_NAME,
    *,
    organization: str = "",
    not_before: datetime.datetime | None = None,
    days: int = 825,
    time_stamping: bool = False,
) -> Issued:
    """A document-signing certificate under `ca` (digitalSignature and nonRepudiation, the
    key usages a PAdES validator asks of a signer), or with `time_stamping` the certificate
    of a time-stamping authority (extended key usage timeStamping, critical, RFC 3161)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    start, end = _validity(not_before, days)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organization))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage("digital_signature", "content_commitment"), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.TIME_STAMPING]
                if time_stamping
                else [ExtendedKeyUsageOID.EMAIL_PROTECTION]
            ),
            critical=time_stamping,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    return Issued(certificate=certificate, key=key)


def pkcs12_bytes(issued: Issued, ca: Issued, password: bytes) -> bytes:
    """The key, its certificate and the CA certificate as a password-protected PKCS#12."""
    return pkcs12.serialize_key_and_certificates(
        name=b"authority",
        key=issued.key,
        cert=issued.certificate,
        cas=[ca.certificate],
        encryption_algorithm=serialization.BestAvailableEncryption(password),
    )


def _write_private(path: Path, content: bytes) -> None:
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_bytes(content)


def write_demo_material(folder: Path, *, authority_name: str = DEMO_SIGNER_NAME) -> bool:
    """Create the demo CA and the authority's PKCS#12 in `folder` unless they are there.

    Returns True when it created them. The folder is made private (0700); the PKCS#12 and its
    random password file are 0600. The CA's private key is not kept: the demo needs no second
    certificate, and a key that is not written cannot leak.
    """
    paths = [folder / DEMO_ROOT_FILE, folder / DEMO_PKCS12_FILE, folder / DEMO_PASSWORD_FILE]
    if all(path.is_file() for path in paths):
        return False
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    ca = make_ca()
    signer = issue_signing_certificate(ca, authority_name)
    password = secrets.token_urlsafe(24)
    _write_private(folder / DEMO_PASSWORD_FILE, password.encode())
    _write_private(folder / DEMO_PKCS12_FILE, pkcs12_bytes(signer, ca, password.encode()))
    (folder / DEMO_ROOT_FILE).write_bytes(ca.pem())
    return True
