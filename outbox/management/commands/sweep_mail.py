from django.utils.translation import gettext as _

from config.periodic_command import PeriodicCommand
from outbox.services import requeue_unpublished_mail


class Command(PeriodicCommand):
    help = (
        "Đưa lại vào hàng đợi thư điện tử chưa gửi được cho tiến trình gửi thư (ví dụ khi "
        "Redis ngừng hoạt động)."
    )

    def run_once(self) -> str:
        count = requeue_unpublished_mail()
        return _("Đã đưa lại vào hàng đợi %(count)s thư.") % {"count": count}
