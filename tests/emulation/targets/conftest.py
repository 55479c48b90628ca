import pytest

from emulation.enums import Role
from tests.emulation.targets.factories import ReportingPeriodFactory, TargetFactory


@pytest.fixture
def staff(make_user, unit):
    return make_user(Role.AUTHORITY_STAFF, unit)


@pytest.fixture
def clerk(make_user, unit):
    return make_user(Role.UNIT_CLERK, unit)


@pytest.fixture
def period(authority):
    return ReportingPeriodFactory(authority=authority)


@pytest.fixture
def unit_target(authority, unit):
    return TargetFactory(
        authority=authority,
        unit=unit,
        code="KN",
        name="Kết nạp đảng viên",
        plan_value=200,
        unit_of_measure="đảng viên",
    )
