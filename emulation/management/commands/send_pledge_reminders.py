import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from emulation.pledges.notices import send_pledge_reminders


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc thủ trưởng các đơn vị chưa ký giao ước thi đua đang mở ký "
        "(mỗi đơn vị tối đa một lần mỗi ngày)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            type=int,
            metavar="SECONDS",
            help="Chạy mãi, SECONDS giây một lần (dịch vụ scheduler). Mặc định: chạy một lần.",
        )

    def handle(self, *args, loop: int | None = None, **options):
        while True:
            count = send_pledge_reminders()
            self.stdout.write(_("Đã nhắc %(count)s đơn vị chưa ký.") % {"count": count})
            if not loop:
                return
            time.sleep(loop)
