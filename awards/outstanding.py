"""The awards column of emulation's "việc còn thiếu" page (emulation.outstanding), registered
in AwardsConfig.ready(): per unit, the nominations of the year still being drafted or sent back
(the unit has to finish or correct them and send them)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.enums import EDITABLE_STATES
from awards.models import Nomination
from emulation.outstanding import Column, counts_by_unit


def _dossiers(authority_id: int, year: int) -> dict[int, int]:
    unfinished = Nomination.objects.filter(
        authority_id=authority_id, year=year, state__in=EDITABLE_STATES
    )
    return counts_by_unit(unfinished)


DOSSIERS = Column(
    "dossiers",
    _("Hồ sơ khen thưởng đang soạn, bị trả lại"),
    _dossiers,
    lambda unit_id, year: reverse("awards:nomination_list"),
)
