"""Checks the hash chain of every pledge's history (for instance after a restore from backup).
Exits with status 1 and names the first broken row of each pledge whose chain does not hold."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from emulation.models.pledges import Pledge
from emulation.pledges.history import first_broken_event


class Command(BaseCommand):
    help = "Kiểm tra chuỗi mã băm lịch sử của mọi giao ước thi đua."

    def handle(self, *args, **options):
        broken = []
        pledges = Pledge.objects.select_related("cluster").order_by("pk")
        for pledge in pledges:
            event = first_broken_event(pledge.pk)
            if event is not None:
                broken.append(
                    _("Giao ước %(pledge)s: chuỗi sai từ dòng số %(sequence)s (mã %(id)s).")
                    % {"pledge": pledge.cluster.name, "sequence": event.sequence, "id": event.pk}
                )
        for line in broken:
            self.stderr.write(line)
        if broken:
            raise CommandError(_("%(count)s giao ước có lịch sử bị sửa.") % {"count": len(broken)})
        self.stdout.write(
            _("Lịch sử của %(count)s giao ước nguyên vẹn.") % {"count": pledges.count()}
        )
