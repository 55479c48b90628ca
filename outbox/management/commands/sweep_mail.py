import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from outbox.services import requeue_unpublished_mail


class Command(BaseCommand):
    help = (
        "Đưa lại vào hàng đợi thư điện tử chưa gửi được cho tiến trình gửi thư (ví dụ khi "
        "Redis ngừng hoạt động)."
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
            count = requeue_unpublished_mail()
            self.stdout.write(_("Đã đưa lại vào hàng đợi %(count)s thư.") % {"count": count})
            if not loop:
                return
            time.sleep(loop)
