"""The authority's name by period (tên gọi theo thời kỳ), entered in the browser.

A reorganisation renames the authority from a day on: the new period starts that day and the
open one ends the day before, so a document keeps the name in force on its own date
(`Authority.identity_on`). Only the administrator of the authority records it.
"""

import datetime
import logging

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.forms import ExplicitEmptyLabels
from config.permissions import require
from emulation.models import AuthorityIdentity, User

logger = logging.getLogger(__name__)

FIELDS = [
    "valid_from",
    "name",
    "level",
    "superior_name",
    "issuer_name",
    "issuer_symbol",
    "place_name",
    "address",
]


class IdentityForm(ExplicitEmptyLabels, forms.ModelForm):
    class Meta:
        model = AuthorityIdentity
        fields = FIELDS
        help_texts = {
            "valid_from": gettext_lazy("Ngày bắt đầu dùng tên gọi này, dạng dd/mm/yyyy"),
        }


def current_identities(user: User):
    return AuthorityIdentity.objects.filter(authority_id=user.authority_id).order_by("-valid_from")


def record_identity(*, user: User, data: dict) -> AuthorityIdentity:
    """A new period of the user's authority from `data["valid_from"]`; the period open on that
    day ends the day before. Refused (ValueError with a Vietnamese message, nothing written)
    when a period already starts on or after that day."""
    require(user, "emulation.manage_identity")
    start: datetime.date = data["valid_from"]
    with transaction.atomic():
        periods = AuthorityIdentity.objects.select_for_update().filter(
            authority_id=user.authority_id
        )
        later = periods.filter(valid_from__gte=start).order_by("valid_from").first()
        if later is not None:
            raise ValueError(
                _("Đã có tên gọi hiệu lực từ ngày %(day)s; tên gọi mới phải bắt đầu sau ngày đó.")
                % {"day": later.valid_from.strftime("%d/%m/%Y")}
            )
        periods.filter(valid_to__isnull=True).update(valid_to=start - datetime.timedelta(days=1))
        identity = AuthorityIdentity.objects.create(authority_id=user.authority_id, **data)
    logger.info(
        "authority %s: identity %s from %s by %s", user.authority_id, identity.pk, start, user.pk
    )
    return identity
