from django.utils.translation import gettext as _

from config.periodic_command import PeriodicCommand
from documents.services import recover_abandoned_jobs, requeue_stale_jobs


class Command(PeriodicCommand):
    help = (
        "Đưa lại vào hàng đợi các tác vụ tạo tài liệu chưa gửi được cho tiến trình nền "
        "(ví dụ khi Redis ngừng hoạt động) hoặc đã gửi quá lâu mà vẫn chờ."
    )

    def run_once(self) -> str:
        lines = []
        recovered = recover_abandoned_jobs()
        if recovered:
            lines.append(_("Đã thu hồi %(count)s tác vụ bị bỏ dở.") % {"count": recovered})
        count = requeue_stale_jobs()
        lines.append(_("Đã đưa lại vào hàng đợi %(count)s tác vụ.") % {"count": count})
        return "\n".join(lines)
