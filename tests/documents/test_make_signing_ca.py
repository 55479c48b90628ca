"""`manage.py make_signing_ca` (called by `make run`): the demo's CA and the authority's
certificate under var/signing/, made once, private, usable for signing; refused in
production."""

import stat

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509 import load_pem_x509_certificate
from django.core.management import CommandError, call_command

from documents.signing import signing_configured


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
    for name in ("authority.p12", "authority.pass"):
        assert stat.S_IMODE((demo_dir / name).stat().st_mode) == 0o600
    before = {path.name: path.read_bytes() for path in demo_dir.iterdir()}
    call_command("make_signing_ca")
    assert {path.name: path.read_bytes() for path in demo_dir.iterdir()} == before
    assert capsys.readouterr().out.splitlines() == [
        f"signing: demo CA and authority certificate written to {demo_dir}",
        f"signing: demo certificate kept in {demo_dir}",
    ]


def test_refused_in_production(demo_dir, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="Không tạo CA thử nghiệm khi DJANGO_ENV=production"):
        call_command("make_signing_ca")
    assert not demo_dir.exists()
