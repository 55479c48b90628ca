import datetime

import pytest

from emulation.models import Unit
from tests.factories import AuthorityIdentityFactory, UnitFactory


@pytest.mark.django_db
def test_authority_identity_on_date_returns_the_name_in_force(authority):
    authority.identities.update(valid_to=datetime.date(2025, 6, 30), name="Quận 1")
    AuthorityIdentityFactory(
        authority=authority, valid_from=datetime.date(2025, 7, 1), name="Phường Sài Gòn"
    )
    assert authority.identity_on(datetime.date(2025, 6, 30)).name == "Quận 1"
    assert authority.identity_on(datetime.date(2025, 7, 1)).name == "Phường Sài Gòn"


@pytest.mark.django_db
def test_unit_name_is_stored_nfc(authority):
    decomposed = "Phu\u031bo\u031b\u0300ng Be\u0302\u0301n Tha\u0300nh"
    unit = UnitFactory(authority=authority, name=decomposed)
    assert Unit.objects.get(pk=unit.pk).name == "Phường Bến Thành"
