import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from documents.services import recover_abandoned_jobs, requeue_stale_jobs


class Command(BaseCommand):
    help = (
        "Đưa lại vào hàng đợi các tác vụ tạo tài liệu chưa gửi được cho tiến trình nền "
        "(ví dụ khi Redis ngừng hoạt động) hoặc đã gửi quá lâu mà vẫn chờ."
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
            recovered = recover_abandoned_jobs()
            if recovered:
                self.stdout.write(_("Đã thu hồi %(count)s tác vụ bị bỏ dở.") % {"count": recovered})
            count = requeue_stale_jobs()
            self.stdout.write(_("Đã đưa lại vào hàng đợi %(count)s tác vụ.") % {"count": count})
            if not loop:
                return
            time.sleep(loop)
