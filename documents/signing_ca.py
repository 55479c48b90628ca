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
DEMO_SEAL_FILE = "seal.png"
# The demo chairperson's personal certificate and handwritten-signature image: what a USB token
# and its signing software hold in real use, for signing the issued PDF outside the product.
DEMO_CHAIR_NAME = "Chủ tịch (thử nghiệm)"
DEMO_CHAIR_PKCS12_FILE = "chair.p12"
DEMO_CHAIR_PASSWORD_FILE = "chair.pass"  # noqa: S105 (a file name; the password is random)
DEMO_CHAIR_SIGNATURE_FILE = "chair-signature.png"


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


def write_demo_material(
    folder: Path,
    *,
    authority_name: str = DEMO_SIGNER_NAME,
    place: str = "",
    chair_name: str = DEMO_CHAIR_NAME,
) -> bool:
    """Create the demo CA, the authority's PKCS#12 and seal image, and the chairperson's
    personal PKCS#12 and signature image in `folder` unless they are there.

    Returns True when it created them. The folder is made private (0700); each PKCS#12 and its
    random password file are 0600. The CA's private key is not kept: a key that is not written
    cannot leak, so the set is made whole or not at all.
    """
    from documents.signature_images import draw_handwriting, draw_seal

    names = [
        DEMO_ROOT_FILE,
        DEMO_PKCS12_FILE,
        DEMO_PASSWORD_FILE,
        DEMO_SEAL_FILE,
        DEMO_CHAIR_PKCS12_FILE,
        DEMO_CHAIR_PASSWORD_FILE,
        DEMO_CHAIR_SIGNATURE_FILE,
    ]
    if all((folder / name).is_file() for name in names):
        return False
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    ca = make_ca()
    for certificate_file, password_file, common_name in (
        (DEMO_PKCS12_FILE, DEMO_PASSWORD_FILE, authority_name),
        (DEMO_CHAIR_PKCS12_FILE, DEMO_CHAIR_PASSWORD_FILE, chair_name),
    ):
        signer = issue_signing_certificate(ca, common_name)
        password = secrets.token_urlsafe(24)
        _write_private(folder / password_file, password.encode())
        _write_private(folder / certificate_file, pkcs12_bytes(signer, ca, password.encode()))
    (folder / DEMO_SEAL_FILE).write_bytes(draw_seal(authority_name, place))
    (folder / DEMO_CHAIR_SIGNATURE_FILE).write_bytes(draw_handwriting(chair_name))
    (folder / DEMO_ROOT_FILE).write_bytes(ca.pem())
    return True


def sign_as_person(content: bytes, *, pkcs12_file: str, password: bytes, certify=False) -> bytes:
    """`content` signed as a person's own signing software does, for the demo and the tests:
    an incremental update into the empty field the issued file offers
    (`documents.sealing.PERSONAL_FIELD`), drawing the person's blue handwritten signature, or
    into a new invisible field when there is none. With `certify`, a certification signature
    that allows no later change."""
    import io

    from PIL import Image
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    from documents.sealing import PERSONAL_FIELD
    from documents.signature_images import draw_handwriting
    from documents.signing import outside_event_loop

    key = signers.SimpleSigner.load_pkcs12(pkcs12_file, passphrase=password)
    offered = any(
        name == PERSONAL_FIELD
        for name, _value, _ref in fields.enumerate_sig_fields(
            PdfFileReader(io.BytesIO(content), strict=False)
        )
    )
    name = key.signing_cert.subject.native["common_name"]
    output = io.BytesIO()
    outside_event_loop(
        signers.PdfSigner(
            signers.PdfSignatureMetadata(
                field_name=PERSONAL_FIELD if offered else "ChuKySoNguoiKy",
                subfilter=fields.SigSeedSubFilter.PADES,
                certify=certify,
                docmdp_permissions=fields.MDPPerm.NO_CHANGES,
            ),
            signer=key,
            stamp_style=StaticStampStyle(
                border_width=0,
                background=PdfImage(Image.open(io.BytesIO(draw_handwriting(name)))),
                background_opacity=1.0,
            ),
        ).sign_pdf,
        IncrementalPdfFileWriter(io.BytesIO(content)),
        output=output,
    )
    return output.getvalue()
