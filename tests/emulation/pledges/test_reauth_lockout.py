"""Issue 12 §5: wrong passwords on the pledge signing form count against the signed-in user
only, and the signature's evidence takes the client's address from `config.network`."""

import pytest
from django.conf import settings
from django.test import Client

from emulation.models.pledges import Signature
from tests.emulation.pledges.conftest import client_for, sign_post
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

ADDRESS = "10.20.0.7"


@pytest.fixture(autouse=True)
def clean_axes():
    from axes.utils import reset

    reset()
    yield
    reset()


def test_wrong_passwords_on_the_signing_form_lock_only_the_signer(open_version, heads):
    signer = client_for(heads[0])
    statuses = [
        sign_post(signer, open_version, password=f"sai-{n}").status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [400] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert Signature.objects.count() == 0

    # Another head signs in from the same address and signs.
    other = Client()  # the same address as the signer (127.0.0.1)
    response = other.post("/dang-nhap/", {"username": heads[1].username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert sign_post(other, open_version).status_code == 302
    assert list(Signature.objects.values_list("user__username", flat=True)) == [heads[1].username]
    # The signer is locked, at the sign-in page too.
    locked = Client().post(
        "/dang-nhap/", {"username": heads[0].username, "password": TEST_PASSWORD}
    )
    assert locked.status_code == 429


def test_signature_evidence_takes_the_address_through_a_trusted_proxy(
    open_version, heads, settings
):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    client = client_for(heads[0])
    client.defaults.update(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=ADDRESS)
    assert sign_post(client, open_version).status_code == 302
    assert Signature.objects.get().ip_address == ADDRESS
