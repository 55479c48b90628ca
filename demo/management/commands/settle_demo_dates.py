"""Keeps the loaded demo's story true today (see demo.dates): `make demo` runs it after
loaddata.

manage.py settle_demo_dates                  # today
manage.py settle_demo_dates --today 2027-03-01
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from demo.awards import DEMO_AUTHORITY
from demo.dates import settle_demo_dates
from emulation.models import Authority


class Command(BaseCommand):
    help = _(
        "Dời các ngày của dữ liệu mẫu theo ngày hôm nay: hồ sơ đang công khai vẫn còn trong "
        "thời hạn công khai, phiên họp Hội đồng đang mở vẫn ở phía trước."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, today: datetime.date | None, **options):
        authority = Authority.objects.filter(code=DEMO_AUTHORITY).first()
        if authority is None:
            raise CommandError(_("Chưa có cơ quan mẫu: chạy loaddata fixtures/demo.json trước."))
        settled = settle_demo_dates(authority=authority, today=today or timezone.localdate())
        for day in settled.notice_until:
            self.stdout.write(_("Công khai đến ngày %(day)s.") % {"day": day.strftime("%d/%m/%Y")})
        for day in settled.session_days:
            self.stdout.write(
                _("Phiên họp Hội đồng đang mở: ngày %(day)s.") % {"day": day.strftime("%d/%m/%Y")}
            )
