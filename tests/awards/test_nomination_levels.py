"""A dossier goes to one deciding level: awards this authority decides and awards the superior
decides are proposed in separate nominations."""

import pytest

from awards.errors import AwardsError
from awards.nominations.services import add_nominee
from tests.awards.factories import NominationFactory

pytestmark = pytest.mark.django_db


def test_superior_award_refused_in_a_dossier_of_authority_awards(
    nomination, head, make_person, award
):
    with pytest.raises(AwardsError) as refused:
        add_nominee(
            nomination=nomination,
            user=head,
            award=award("cstd_tinh"),
            subject_kind="individual",
            person=make_person("Phạm Thị Hoa"),
        )

    assert str(refused.value) == (
        "“Chiến sĩ thi đua cấp tỉnh” do cấp trên quyết định, còn hồ sơ này gồm các đề nghị do "
        "cấp mình quyết định. Hãy lập hồ sơ riêng để trình cấp trên."
    )
    assert list(nomination.lines.values_list("award__code", flat=True)) == ["ldtt"]


def test_authority_award_refused_in_a_dossier_for_the_superior(
    other_unit, head, make_person, award
):
    upward = NominationFactory(unit=other_unit, created_by=head)
    add_nominee(
        nomination=upward,
        user=head,
        award=award("cstd_tinh"),
        subject_kind="individual",
        person=make_person("Phạm Thị Hoa"),
    )

    with pytest.raises(AwardsError) as refused:
        add_nominee(
            nomination=upward,
            user=head,
            award=award("ldtt"),
            subject_kind="individual",
            person=make_person(),
        )

    assert str(refused.value).startswith("“Lao động tiên tiến” do cấp mình quyết định")
    assert list(upward.lines.values_list("award__code", flat=True)) == ["cstd_tinh"]


def test_awards_of_the_same_level_share_a_dossier(nomination, head, make_person, award):
    add_nominee(
        nomination=nomination,
        user=head,
        award=award("giay_khen"),
        subject_kind="individual",
        person=make_person("Phạm Thị Hoa"),
    )

    assert sorted(nomination.lines.values_list("award__code", flat=True)) == ["giay_khen", "ldtt"]
