"""factory_boy factories for the tests. Names are Vietnamese so that NFC and sorting are tested
on real text."""

import datetime

import factory

from documents.authority import authority_of
from emulation.enums import AuthorityLevel, Gender, Role, StaffCategory, UnitKind
from emulation.models import Authority, AuthorityIdentity, Employment, Person, Unit, User

TEST_PASSWORD = "Mat-khau-thu-2026"


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"co-quan-{n}")
    identity = factory.RelatedFactory(
        "tests.factories.AuthorityIdentityFactory", factory_related_name="authority"
    )


class AuthorityIdentityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuthorityIdentity

    authority = factory.SubFactory(AuthorityFactory, identity=None)
    valid_from = datetime.date(2020, 1, 1)
    valid_to = None
    name = factory.Sequence(lambda n: f"Phường Thử Nghiệm {n}")
    level = AuthorityLevel.WARD
    superior_name = "THÀNH PHỐ HỒ CHÍ MINH"
    issuer_name = factory.LazyAttribute(lambda o: f"ỦY BAN NHÂN DÂN {o.name.upper()}")
    issuer_symbol = "UBND"
    place_name = factory.LazyAttribute(lambda o: o.name)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    authority = factory.SubFactory(AuthorityFactory)
    code = factory.Sequence(lambda n: f"DV{n:03d}")
    name = factory.Sequence(lambda n: f"Phòng Văn hóa và Thông tin số {n}")
    kind = UnitKind.SPECIALIST_OFFICE
    valid_from = datetime.date(2000, 1, 1)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    authority = factory.SubFactory(AuthorityFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Hồng Nhung {n}")
    gender = Gender.FEMALE
    date_of_birth = datetime.date(1985, 5, 17)


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employment

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory, authority=factory.SelfAttribute("..person.authority"))
    position = "Chuyên viên"
    category = StaffCategory.CIVIL_SERVANT
    start_date = datetime.date(2015, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    first_name = "Lan"
    last_name = "Trần Thị"
    role = Role.UNIT_CLERK
    unit = factory.SubFactory(UnitFactory)
    password = factory.django.Password(TEST_PASSWORD)


class JobFactory(factory.django.DjangoModelFactory):
    """A queued unit-directory job; pass status/result fields for other states."""

    class Meta:
        model = "documents.Job"

    kind = "unit_directory"
    params = factory.LazyFunction(lambda: {"day": "2026-02-05"})
    requested_by = factory.SubFactory(UserFactory)
    # As request_document keeps it: the requester's authority.
    authority_id = factory.LazyAttribute(lambda job: authority_of(job.requested_by))


def rename_district_to_ward(authority) -> None:
    """District 1 (Quận 1) until 30/06/2025, then the ward Sài Gòn: the authority's document
    header changes with the date (DOMAIN.md §14)."""
    authority.identities.update(
        name="Quận 1",
        valid_to=datetime.date(2025, 6, 30),
        superior_name="THÀNH PHỐ HỒ CHÍ MINH",
        issuer_name="ỦY BAN NHÂN DÂN QUẬN 1",
        place_name="Quận 1",
    )
    AuthorityIdentityFactory(
        authority=authority,
        valid_from=datetime.date(2025, 7, 1),
        name="Phường Sài Gòn",
        issuer_name="ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN",
        place_name="Sài Gòn",
    )


def province_above(*wards, name: str = "Thành phố Thử Nghiệm") -> tuple[Authority, Unit]:
    """A province on the instance above `wards` (issue 18): its identity, one unit standing
    for each ward from 01/07/2025 (`Unit.represents`), and its Sở Nội vụ, returned with it
    (where its staff work)."""
    province = AuthorityFactory(identity=None)
    AuthorityIdentityFactory(
        authority=province,
        name=name,
        level=AuthorityLevel.PROVINCE,
        superior_name="",
        issuer_name=f"ỦY BAN NHÂN DÂN {name.upper()}",
        place_name=name,
    )
    for ward in wards:
        UnitFactory(
            authority=province,
            name=f"Ủy ban nhân dân {ward}",
            kind=UnitKind.WARD,
            represents=ward,
            valid_from=datetime.date(2025, 7, 1),
        )
    return province, UnitFactory(authority=province, name="Sở Nội vụ")
