"""What the pledges tell people by e-mail: the daily reminder to units that have not signed
an open pledge, and the notice to the authority's staff when a unit declines to sign. Both are
queued in the outbox and sent by the mail worker (outbox.services.queue_mail).
"""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from emulation.enums import Role
from emulation.heads import unit_heads
from emulation.models import User
from emulation.models.pledges import SignatureSlot
from emulation.pledges import policy
from emulation.pledges.enums import EventKind, SlotStatus, VersionStatus
from emulation.pledges.history import append_event
from outbox.services import queue_mail


def notify_staff_of_decline(slot_id: int) -> None:
    """E-mail the authority's staff that the unit of `slot_id` declined to sign, with its reason."""
    slot = SignatureSlot.objects.select_related("unit", "version__pledge__cluster").get(pk=slot_id)
    cluster = slot.version.pledge.cluster
    recipients = list(
        User.objects.filter(
            role=Role.AUTHORITY_STAFF,
            unit__authority_id=cluster.authority_id,
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    with translation.override("vi"):
        subject = _("%(unit)s từ chối ký giao ước thi đua %(cluster)s") % {
            "unit": slot.unit.name,
            "cluster": cluster.name,
        }
        body = _("Lý do: %(reason)s") % {"reason": slot.decline_reason}
    queue_mail(subject=subject, body=body, recipients=recipients)


def send_pledge_reminders(*, now: datetime.datetime | None = None) -> int:
    """E-mail the heads of units that have not signed an open pledge (for a province's unit
    standing for a commune, the commune's chairperson), once a day per slot;
    returns how many slots were reminded. Used by the periodic task and the
    `send_pledge_reminders` command."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    start_of_day = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    slots = SignatureSlot.objects.filter(
        version__status=VersionStatus.OPEN, status=SlotStatus.PENDING
    ).select_related("unit", "version__pledge__cluster")
    reminded = 0
    for slot in slots:
        version = slot.version
        if version.deadline and version.deadline < today and not policy.sign_after_deadline():
            continue
        if version.events.filter(
            kind=EventKind.REMINDED, unit_id=slot.unit_id, created_at__gte=start_of_day
        ).exists():
            continue
        heads = list(unit_heads(slot.unit, today).exclude(email="").values_list("email", flat=True))
        with translation.override("vi"):
            subject = _("Nhắc ký giao ước thi đua %(cluster)s") % {
                "cluster": version.pledge.cluster.name
            }
            body = _(
                "Đơn vị %(unit)s chưa ký giao ước thi đua “%(title)s”. Hạn ký: %(deadline)s."
            ) % {
                "unit": slot.unit.name,
                "title": version.title,
                "deadline": version.deadline.strftime("%d/%m/%Y") if version.deadline else "—",
            }
        queue_mail(subject=subject, body=body, recipients=heads)
        append_event(
            pledge_id=version.pledge_id,
            kind=EventKind.REMINDED,
            version_id=version.pk,
            unit_id=slot.unit_id,
            data={"recipients": len(heads)},
        )
        reminded += 1
    return reminded
