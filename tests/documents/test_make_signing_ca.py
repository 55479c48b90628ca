"""`manage.py make_signing_ca` (called by `make run`): the demo's CA, the authority's
certificate and seal image, and the chairperson's personal certificate and signature image
under var/signing/, named from the demo's data, made once, private, usable for signing;
refused in production."""

import datetime
import stat

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509 import load_pem_x509_certificate
from django.core.management import CommandError, call_command
from PIL import Image

from documents.signing import signing_configured
from emulation.enums import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_dir(settings, tmp_path):
    folder = tmp_path / "signing"
    settings.SIGNING_DEMO_DIR = folder
    settings.DOCUMENT_SIGNING_PKCS12 = str(folder / "authority.p12")
    settings.DOCUMENT_SIGNING_PKCS12_PASSWORD = ""
    settings.DOCUMENT_SIGNING_PKCS12_PASSWORD_FILE = str(folder / "authority.pass")
    return folder


def test_writes_a_usable_private_pkcs12_under_the_demo_ca_once(demo_dir, capsys):
    assert signing_configured() is False
    call_command("make_signing_ca")
    assert signing_configured() is True
    password = (demo_dir / "authority.pass").read_bytes()
    key, certificate, chain = pkcs12.load_key_and_certificates(
        (demo_dir / "authority.p12").read_bytes(), password
    )
    root = load_pem_x509_certificate((demo_dir / "ca.pem").read_bytes())
    assert key is not None
    assert certificate.issuer == root.subject
    assert [ca.subject for ca in chain] == [root.subject]
    assert stat.S_IMODE(demo_dir.stat().st_mode) == 0o700
    for name in ("authority.p12", "authority.pass", "chair.p12", "chair.pass"):
        assert stat.S_IMODE((demo_dir / name).stat().st_mode) == 0o600
    _key, chair, _chain = pkcs12.load_key_and_certificates(
        (demo_dir / "chair.p12").read_bytes(), (demo_dir / "chair.pass").read_bytes()
    )
    assert chair.issuer == root.subject
    for name in ("seal.png", "chair-signature.png"):
        with Image.open(demo_dir / name) as image:
            assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0  # transparent
    before = {path.name: path.read_bytes() for path in demo_dir.iterdir()}
    call_command("make_signing_ca")
    assert {path.name: path.read_bytes() for path in demo_dir.iterdir()} == before
    assert capsys.readouterr().out.splitlines() == [
        f"signing: demo CA and certificates written to {demo_dir}",
        f"signing: demo certificates kept in {demo_dir}",
    ]


def test_names_come_from_the_demo_data(demo_dir):
    """serve_demo names the certificates after the loaded authority and its chairperson."""
    from cryptography.x509.oid import NameOID

    from demo.management.commands.serve_demo import signing_names
    from tests.factories import AuthorityFactory, UnitFactory, UserFactory

    authority = AuthorityFactory()
    identity = authority.identity_on(datetime.date.today())
    UserFactory(
        role=Role.CHAIRPERSON,
        unit=UnitFactory(authority=authority),
        first_name="Hùng",
        last_name="Nguyễn Văn",
    )
    options = signing_names()
    assert options[:2] == [
        f"--authority-name={identity.issuer_name}",
        f"--place={identity.place_name}",
    ]
    call_command("make_signing_ca", *options)
    names = {}
    for name in ("authority", "chair"):
        _key, certificate, _chain = pkcs12.load_key_and_certificates(
            (demo_dir / f"{name}.p12").read_bytes(), (demo_dir / f"{name}.pass").read_bytes()
        )
        names[name] = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert names["authority"] == identity.issuer_name
    assert names["chair"] in {"Nguyễn Văn Hùng", "Hùng Nguyễn Văn"}


def test_the_demo_chair_signs_an_issued_file_into_its_field(demo_dir, tmp_path, settings):
    from pyhanko.pdf_utils.reader import PdfFileReader

    from documents.rendering import render_pdf
    from documents.sealing import PERSONAL_FIELD, prepare_for_signing

    call_command("make_signing_ca")
    issued = tmp_path / "quyet-dinh.pdf"
    html = '<html><body><p>CHỦ TỊCH</p><div id="chu-ky-so"></div></body></html>'
    issued.write_bytes(prepare_for_signing(render_pdf(html).content))
    signed = tmp_path / "da-ky.pdf"
    call_command("sign_as_demo_chair", str(issued), str(signed))
    content = signed.read_bytes()
    assert content.startswith(issued.read_bytes())
    [embedded] = PdfFileReader(signed.open("rb")).embedded_signatures
    assert embedded.field_name == PERSONAL_FIELD
    assert embedded.signer_cert.subject.native["common_name"] == "Chủ tịch (thử nghiệm)"
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="DJANGO_ENV=production"):
        call_command("sign_as_demo_chair", str(issued), str(signed))


def test_the_demo_chair_needs_the_demo_certificate_first(demo_dir, tmp_path):
    with pytest.raises(CommandError, match=r"chạy manage\.py make_signing_ca trước"):
        call_command("sign_as_demo_chair", str(tmp_path / "a.pdf"), str(tmp_path / "b.pdf"))
